//! Keeping the catalog up to date: the secretariat adds organizations and certificates and creates each
//! organization's accounts; an organization edits its own contacts and its own certificates' standard link.

// Form-backed server functions take one flat argument per form field, so they work with JavaScript off.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::Organization;
use crate::error::AppError;
use crate::i18n::Text;
use crate::validate::{collect, validate_phone, validate_required, FieldError};
#[cfg(feature = "ssr")]
use {
    super::repo::organizations as repo,
    crate::accounts::model::Role,
    crate::auth::{caller::Caller, guard},
    crate::db::Conn,
    crate::forms::{run_form, run_read},
};

/// An organization with its certificates and the accounts that speak for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationEntry {
    pub organization: Organization,
    pub certificates: Vec<(i64, String, String)>,
    pub accounts: Vec<(String, String)>,
}

/// The shared checks of the organization form.
pub fn validate_organization(name: &str, phone: &str, email: &str) -> Result<(), Vec<FieldError>> {
    collect([
        validate_required("name", Text::new("组织名称", "the organization's name"), name, 100),
        // The phone is optional on an organization.
        if phone.trim().is_empty() { Ok(()) } else { validate_phone("contact_phone", phone) },
        if email.trim().is_empty() { Ok(()) } else { crate::validate::validate_email("contact_email", email.trim()) },
    ])
}

/// The shared checks of the certificate form.
pub fn validate_certificate(name: &str, standard_url: &str) -> Result<(), Vec<FieldError>> {
    collect([
        validate_required("name", Text::new("证书名称", "the certificate's name"), name, 100),
        if standard_url.trim().is_empty() {
            Ok(())
        } else {
            crate::validate::validate_url("standard_url", standard_url.trim())
        },
    ])
}

#[cfg(feature = "ssr")]
fn unique_name(err: AppError) -> AppError {
    err.on_duplicate(&["organizations_name_key", "certificates_name_key"], || {
        AppError::field("name", "该名称已存在，请搜索后编辑已有记录。", "This name exists already; edit that record.")
    })
}

/// Secretariat: every organization with its certificates and accounts. An org account: its own.
#[server(prefix = "/api", endpoint = "catalog/organizations")]
pub async fn list_organizations() -> Result<Vec<OrganizationEntry>, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Org]).await?;
        let own = (caller.role == Role::Org).then_some(caller.organization_id.unwrap_or(-1));
        organizations(conn, own).await
    })
    .await
}

#[cfg(feature = "ssr")]
async fn organizations(conn: &mut Conn, only: Option<i64>) -> Result<Vec<OrganizationEntry>, AppError> {
    let orgs = repo::list_organizations(conn, only).await?;
    let certificates = repo::certificates_by_organization(conn).await?;
    let accounts = repo::organization_accounts(conn).await?;
    Ok(orgs
        .into_iter()
        .map(|o| OrganizationEntry {
            certificates: certificates
                .iter()
                .filter(|(org, ..)| *org == o.id)
                .map(|(_, id, name, url)| (*id, name.clone(), url.clone()))
                .collect(),
            accounts: accounts
                .iter()
                .filter(|(org, ..)| *org == o.id)
                .map(|(_, u, n)| (u.clone(), n.clone()))
                .collect(),
            organization: o,
        })
        .collect())
}

/// The secretariat adds (no id) or edits any organization; an org account edits only its own.
#[server(prefix = "/api", endpoint = "catalog/save-organization")]
pub async fn save_organization(
    id: Option<i64>,
    name: String,
    contact_name: String,
    contact_phone: String,
    contact_email: String,
    /// Which form on the page was posted (echoed back with the typed values when scripts are off).
    form: Option<String>,
) -> Result<(), AppError> {
    let typed = vec![
        ("form", form.unwrap_or_default()),
        ("name", name.clone()),
        ("contact_name", contact_name.clone()),
        ("contact_phone", contact_phone.clone()),
        ("contact_email", contact_email.clone()),
    ];
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Org]).await?;
        if caller.role == Role::Org && (id.is_none() || id != caller.organization_id) {
            return Err(AppError::Forbidden);
        }
        validate_organization(&name, &contact_phone, &contact_email).map_err(AppError::Validation)?;
        let values = [name.trim(), contact_name.trim(), contact_phone.trim(), contact_email.trim()];
        let result = match id {
            Some(id) => repo::update_organization(tx, id, values).await,
            None => repo::insert_organization(tx, values).await,
        };
        result.map_err(unique_name)?;
        super::search::reindex(tx).await
    })
    .await
}

/// Whether the caller may edit this certificate: the secretariat, or the organization that owns it.
#[cfg(feature = "ssr")]
pub async fn ensure_certificate_editor(conn: &mut Conn, caller: &Caller, certificate_id: i64) -> Result<(), AppError> {
    let owner = super::repo::certificate_organization(conn, certificate_id).await?;
    match caller.role {
        Role::Secretariat => Ok(()),
        Role::Org if caller.organization_id == Some(owner) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// The secretariat adds a certificate to an organization (no id) or edits one; an organization edits its
/// own certificates (it cannot move them to another organization).
#[server(prefix = "/api", endpoint = "catalog/save-certificate")]
pub async fn save_certificate(
    id: Option<i64>,
    organization_id: i64,
    name: String,
    standard_url: String,
    /// Which form on the page was posted (echoed back with the typed values when scripts are off).
    form: Option<String>,
) -> Result<(), AppError> {
    let typed =
        vec![("form", form.unwrap_or_default()), ("name", name.clone()), ("standard_url", standard_url.clone())];
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Org]).await?;
        match id {
            Some(id) => ensure_certificate_editor(tx, &caller, id).await?,
            None if caller.role == Role::Secretariat => {}
            None => return Err(AppError::Forbidden),
        }
        if caller.role == Role::Org && caller.organization_id != Some(organization_id) {
            return Err(AppError::Forbidden);
        }
        validate_certificate(&name, &standard_url).map_err(AppError::Validation)?;
        let (name, standard_url) = (name.trim(), standard_url.trim());
        let result = match id {
            Some(id) => repo::update_certificate(tx, id, organization_id, name, standard_url).await,
            None => repo::insert_certificate(tx, organization_id, name, standard_url).await,
        };
        result.map_err(unique_name)?;
        super::search::reindex(tx).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_and_certificate_forms_report_every_field() {
        let errors = validate_organization(" ", "12", "x@").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "contact_phone", "contact_email"]);
        assert!(validate_certificate("物流管理", "").is_ok());
        assert!(validate_certificate("", "ftp://x").unwrap_err().len() == 2);
    }
}
