//! Registry server functions: `/api/institutions/*`.

// Form-backed server functions take one flat argument per form field, so they work with JavaScript off.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::{AdditionRequest, College, Institution, PendingRegistration, RegistryHit};
use crate::error::AppError;
use crate::i18n::Text;
#[cfg(feature = "ssr")]
use {
    super::model::{AdditionRequestInput, ContactInput, InstitutionInput, RegistrationInput},
    super::{repo, service},
    crate::accounts::model::Role,
    crate::accounts::service as accounts,
    crate::auth::guard,
    crate::forms::{run, run_form, run_read, Echo},
};

/// Public: an unregistered school looks itself up by name (at least two characters).
#[server(prefix = "/api", endpoint = "institutions/search-registry")]
pub async fn search_registry(query: String) -> Result<Vec<RegistryHit>, AppError> {
    run_read(async |conn| repo::search_registry(conn, &query).await).await
}

/// Public: registers the school's coordinator account, pending the secretariat's activation.
#[server(prefix = "/api", endpoint = "institutions/register")]
pub async fn register_school(
    institution_id: i64,
    username: String,
    password: String,
    confirm_password: String,
    contact_name: String,
    contact_mobile: String,
    contact_email: String,
) -> Result<(), AppError> {
    let input = RegistrationInput {
        institution_id,
        username,
        password,
        confirm_password,
        contact: ContactInput::tidied(contact_name, contact_mobile, contact_email),
    };
    run_form(Echo::of(&input), async |tx| {
        accounts::register(tx, input).await?;
        leptos_axum::redirect("/register/done");
        Ok(())
    })
    .await
}

/// Public: a school not in the registry asks the secretariat to add it (seed FAQ 2).
#[server(prefix = "/api", endpoint = "institutions/request-addition")]
pub async fn request_addition(
    name: String,
    city: String,
    note: String,
    contact_name: String,
    contact_mobile: String,
    contact_email: String,
) -> Result<(), AppError> {
    let input = AdditionRequestInput {
        name,
        city,
        note,
        contact: ContactInput::tidied(contact_name, contact_mobile, contact_email),
    };
    run_form(Echo::of(&input), async |tx| {
        service::request_addition(tx, input).await?;
        leptos_axum::redirect("/register/done?request=1");
        Ok(())
    })
    .await
}

#[server(prefix = "/api", endpoint = "institutions/list")]
pub async fn list_institutions(query: String) -> Result<Vec<Institution>, AppError> {
    run_read(async |conn| {
        guard::require_role(&[Role::Secretariat]).await?;
        repo::list_institutions(conn, &query).await
    })
    .await
}

/// The secretariat reads any institution; a school's accounts read their own.
#[server(prefix = "/api", endpoint = "institutions/get")]
pub async fn get_institution(id: i64) -> Result<Institution, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator, Role::Lead]).await?;
        caller.ensure_can_read_school(id)?;
        repo::get_institution(conn, id).await
    })
    .await
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveOutcome {
    pub id: i64,
    pub warnings: Vec<Text>,
}

/// Secretariat: creates (no id) or edits a registry entry.
#[server(prefix = "/api", endpoint = "institutions/save")]
pub async fn save_institution(
    id: Option<i64>,
    name: String,
    kind: String,
    city: String,
    credit_code: String,
    school_code: String,
    website: String,
    address: String,
) -> Result<SaveOutcome, AppError> {
    let input = InstitutionInput { name, kind, city, credit_code, school_code, website, address };
    run_form(Echo::of(&input), async |tx| {
        guard::require_role(&[Role::Secretariat]).await?;
        let (id, warnings) = service::save_institution(tx, id, input).await?;
        Ok(SaveOutcome { id, warnings })
    })
    .await
}

#[server(prefix = "/api", endpoint = "institutions/colleges")]
pub async fn list_colleges(institution_id: i64) -> Result<Vec<College>, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator, Role::Lead]).await?;
        caller.ensure_can_read_school(institution_id)?;
        repo::list_colleges(conn, institution_id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "institutions/add-college")]
pub async fn add_college(institution_id: i64, college_name: String) -> Result<i64, AppError> {
    run_form(vec![("college_name", college_name.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator]).await?;
        service::add_college(tx, &caller, institution_id, &college_name).await
    })
    .await
}

/// Coordinator: keeps the school's contact profile up to date.
#[server(prefix = "/api", endpoint = "institutions/update-contact")]
pub async fn update_contact(
    contact_name: String,
    contact_mobile: String,
    contact_email: String,
) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        let input = ContactInput::tidied(contact_name, contact_mobile, contact_email);
        crate::validate::collect(input.validate()).map_err(AppError::Validation)?;
        repo::update_contact(
            tx,
            caller.school_id()?,
            input.contact_name.trim(),
            input.contact_mobile.trim(),
            input.contact_email.trim(),
        )
        .await
    })
    .await
}

/// What waits for the secretariat: registrations to activate and requests to add schools.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingWork {
    pub registrations: Vec<PendingRegistration>,
    pub requests: Vec<AdditionRequest>,
}

#[server(prefix = "/api", endpoint = "institutions/pending")]
pub async fn get_pending_work() -> Result<PendingWork, AppError> {
    run(async |tx| {
        guard::require_role(&[Role::Secretariat]).await?;
        Ok(PendingWork {
            registrations: repo::list_pending_registrations(tx).await?,
            requests: repo::list_open_requests(tx).await?,
        })
    })
    .await
}

#[server(prefix = "/api", endpoint = "institutions/decide-registration")]
pub async fn decide_registration(account_id: i64, activate: bool) -> Result<(), AppError> {
    run(async |tx| {
        guard::require_role(&[Role::Secretariat]).await?;
        if activate {
            accounts::activate_coordinator(tx, account_id).await
        } else {
            accounts::decline_coordinator(tx, account_id).await
        }
    })
    .await
}

#[server(prefix = "/api", endpoint = "institutions/close-request")]
pub async fn close_addition_request(id: i64, added: bool) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        repo::close_request(tx, id, if added { "added" } else { "declined" }, caller.id).await
    })
    .await
}

/// Everything the coordinator's school page shows, in one call (one resource, nothing nested).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolOverview {
    pub institution: Institution,
    pub colleges: Vec<College>,
    pub leads: Vec<crate::accounts::model::AccountSummary>,
    /// Every certificate (id, name), to limit a lead's scope by certificate.
    pub certificates: Vec<(i64, String)>,
}

#[server(prefix = "/api", endpoint = "institutions/my-school")]
pub async fn my_school() -> Result<SchoolOverview, AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        let school_id = caller.school_id()?;
        let leads = accounts::accounts_of(tx, Some(school_id)).await?;
        Ok(SchoolOverview {
            institution: repo::get_institution(tx, school_id).await?,
            colleges: repo::list_colleges(tx, school_id).await?,
            leads: leads.into_iter().filter(|a| a.role == Role::Lead).collect(),
            certificates: crate::catalog::service::certificate_names(tx).await?,
        })
    })
    .await
}
