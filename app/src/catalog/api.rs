//! Catalog server functions: `/api/catalog/*`. Reading is public (schools check requirements before
//! they have accounts); an organization edits only its own certificates; the secretariat sets caps.

// Form-backed server functions take one flat argument per form field, so they work with JavaScript off.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::eligibility::EligibilityCheck;
use super::model::{CertificateDetail, CertificateSummary};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::fees::{check_fee, parse_yuan},
    super::model::{Level, Offering},
    super::repo,
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::db::now,
    crate::forms::{run, run_form},
    crate::state::app_state,
    crate::ui::time::shanghai_year,
};

/// Certificates matching words of their name or their organization's, with the levels open this year.
#[server(prefix = "/api", endpoint = "catalog/certificates")]
pub async fn list_certificates(query: String) -> Result<Vec<CertificateSummary>, AppError> {
    run(async { repo::list_certificates(&app_state()?.pool, &query, shanghai_year(now())).await }).await
}

#[server(prefix = "/api", endpoint = "catalog/certificate")]
pub async fn get_certificate(id: i64) -> Result<CertificateDetail, AppError> {
    run(async { repo::get_certificate(&app_state()?.pool, id).await }).await
}

#[cfg(feature = "ssr")]
fn parse_level(level: &str) -> Result<Level, AppError> {
    Level::parse(level).ok_or_else(|| {
        AppError::field("level", "请选择证书等级：初级、中级或高级。", "Choose junior, intermediate or senior.")
    })
}

/// An organization (its own certificates) or the secretariat updates one level of one year.
#[server(prefix = "/api", endpoint = "catalog/save-offering")]
pub async fn save_offering(
    certificate_id: i64,
    year: i64,
    level: String,
    is_open: Option<String>,
    fee: String,
    site_conditions: String,
    exam_plan: String,
    training_plan: String,
) -> Result<(), AppError> {
    run_form(vec![("fee", fee.clone())], async {
        let caller = guard::require_role(&[Role::Org, Role::Secretariat]).await?;
        let pool = app_state()?.pool;
        if caller.role == Role::Org
            && caller.organization_id != Some(repo::certificate_organization(&pool, certificate_id).await?)
        {
            return Err(AppError::Forbidden);
        }
        let level = parse_level(&level)?;
        let fee_fen = parse_yuan(&fee);
        let cap = repo::find_cap(&pool, certificate_id, year, level).await?;
        check_fee(fee_fen, cap).map_err(|e| AppError::Validation(vec![e]))?;
        let offering = Offering {
            year,
            level,
            // A checkbox sends a value only when ticked.
            is_open: is_open.is_some(),
            fee_fen: fee_fen.unwrap_or_default(),
            cap_fen: cap,
            site_conditions,
            exam_plan,
            training_plan,
            // Eligible majors are kept separately and not changed by this form.
            eligible_majors: Vec::new(),
        };
        repo::upsert_offering(&pool, certificate_id, &offering, caller.id).await
    })
    .await
}

/// The secretariat sets the cost cap (考核成本上限); a fee above it is refused from then on.
#[server(prefix = "/api", endpoint = "catalog/set-cap")]
pub async fn set_cap(certificate_id: i64, year: i64, level: String, cap: String) -> Result<(), AppError> {
    run_form(vec![("cap", cap.clone())], async {
        guard::require_role(&[Role::Secretariat]).await?;
        let level = parse_level(&level)?;
        let cap_fen = parse_yuan(&cap).ok_or_else(|| {
            AppError::field("cap", "请填写考核成本上限（元），例如 500。", "Enter the cost cap in yuan, e.g. 500.")
        })?;
        repo::set_cap(&app_state()?.pool, certificate_id, year, level, cap_fen).await
    })
    .await
}

/// Coordinator or lead: may my school declare this level for this major? (seed FAQ 3)
#[server(prefix = "/api", endpoint = "catalog/eligibility")]
pub async fn check_eligibility(
    certificate_id: i64,
    year: i64,
    level: String,
    major_code: String,
) -> Result<EligibilityCheck, AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let pool = app_state()?.pool;
        let level = parse_level(&level)?;
        super::model::validate_major_code(major_code.trim()).map_err(|e| AppError::Validation(vec![e]))?;
        let major = repo::find_major(&pool, &major_code).await?.ok_or_else(|| {
            AppError::field(
                "major_code",
                "专业目录中没有这个代码。请核对2021年版专业目录；如确认无误，请联系秘书处。",
                "This code is not in the major catalog. Check the 2021 catalog, or contact the secretariat.",
            )
        })?;
        let kind = crate::institutions::repo::get_institution(&pool, caller.school_id()?).await?.kind;
        let codes = repo::eligible_codes(&pool, certificate_id, year, level).await?;
        let eligibility = super::eligibility::check_eligibility(&kind, &major, &codes);
        Ok(EligibilityCheck { major, eligibility })
    })
    .await
}
