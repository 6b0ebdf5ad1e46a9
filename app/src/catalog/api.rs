//! Catalog server functions for offerings: `/api/catalog/*`. Reading is public (schools check requirements
//! before they have accounts); an organization edits only its own certificates; the secretariat sets caps;
//! a school keeps its self-assessments.

// Form-backed server functions take one flat argument per form field, so they work with JavaScript off.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::eligibility::EligibilityCheck;
use super::equipment::AssessmentInput;
use super::model::CertificateDetail;
use crate::error::AppError;

/// The major requests' server functions live in `requests`; pages of other features name them from here.
pub use super::requests::{DecideMajorRequest, RequestMajor};
#[cfg(feature = "ssr")]
use {
    super::equipment::{parse_equipment, validate_assessment},
    super::fees::{check_fee, parse_yuan},
    super::model::{parse_major_codes, Level, Offering},
    super::repo,
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::db::Conn,
    crate::forms::{run, run_form, run_read},
    crate::validate::FieldError,
};

/// A certificate with its offerings; the organization and the secretariat also get the change history,
/// a school gets its own equipment self-assessments.
#[server(prefix = "/api", endpoint = "catalog/certificate")]
pub async fn get_certificate(id: i64) -> Result<CertificateDetail, AppError> {
    run_read(async |conn| {
        let mut certificate = repo::get_certificate(conn, id).await?;
        match guard::current_caller().await? {
            Some(caller)
                if matches!(caller.role, Role::Org | Role::Secretariat)
                    && super::admin::ensure_certificate_editor(conn, &caller, id).await.is_ok() =>
            {
                certificate.history = repo::history(conn, id).await?;
            }
            Some(caller) if matches!(caller.role, Role::Coordinator | Role::Lead) => {
                certificate.assessments = repo::assessments(conn, caller.school_id()?, id).await?;
            }
            _ => {}
        }
        Ok(certificate)
    })
    .await
}

#[cfg(feature = "ssr")]
fn parse_level(level: &str) -> Result<Level, AppError> {
    Level::parse(level).ok_or_else(|| {
        AppError::field("level", "请选择证书等级：初级、中级或高级。", "Choose junior, intermediate or senior.")
    })
}

/// The stored offering of one level and year, if any.
#[cfg(feature = "ssr")]
async fn stored_offering(
    conn: &mut Conn,
    certificate_id: i64,
    year: i64,
    level: Level,
) -> Result<Option<Offering>, AppError> {
    let certificate = repo::get_certificate(conn, certificate_id).await?;
    Ok(certificate.offerings.into_iter().find(|o| o.year == year && o.level == level))
}

/// An organization (its own certificates) or the secretariat saves one level of one year: whether it is
/// open, the fee (within the cap), the equipment list, the eligible majors and the plans. Each save that
/// changes something is recorded in the history.
#[server(prefix = "/api", endpoint = "catalog/save-offering")]
pub async fn save_offering(
    certificate_id: i64,
    year: i64,
    level: String,
    is_open: Option<String>,
    fee: String,
    equipment: String,
    majors: String,
    site_conditions: String,
    exam_plan: String,
    training_plan: String,
    /// Which editor on the page was posted (echoed back with the typed values when scripts are off).
    offering: Option<String>,
) -> Result<(), AppError> {
    let typed = vec![
        ("offering", offering.unwrap_or_default()),
        ("fee", fee.clone()),
        ("year", year.to_string()),
        ("equipment", equipment.clone()),
        ("majors", majors.clone()),
        ("site_conditions", site_conditions.clone()),
        ("exam_plan", exam_plan.clone()),
        ("training_plan", training_plan.clone()),
    ];
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Org, Role::Secretariat]).await?;
        super::admin::ensure_certificate_editor(tx, &caller, certificate_id).await?;
        let level = parse_level(&level)?;
        let old = stored_offering(tx, certificate_id, year, level).await?;
        let cap = old.as_ref().and_then(|o| o.cap_fen);
        let fee_fen = parse_yuan(&fee);
        let mut errors: Vec<FieldError> = Vec::new();
        if !(2019..=2100).contains(&year) {
            errors.push(FieldError::new(
                "year",
                "年度应为2019年以后的四位年份。",
                "The year is a four-digit year from 2019.",
            ));
        }
        errors.extend(check_fee(fee_fen, cap).err());
        let equipment = parse_equipment(&equipment).map_err(|e| errors.push(e)).unwrap_or_default();
        let codes = parse_major_codes(&majors).map_err(|e| errors.push(e)).unwrap_or_default();
        let (eligible_majors, unknown) = repo::majors_by_code(tx, &codes).await?;
        if !unknown.is_empty() {
            errors.push(FieldError::new(
                "majors",
                &format!("专业目录中没有这些代码：{}。请先导入专业目录或核对代码。", unknown.join("、")),
                &format!(
                    "These codes are not in the major catalog: {}. Import the catalog or check them.",
                    unknown.join(", ")
                ),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        let offering = Offering {
            year,
            level,
            // A checkbox sends a value only when ticked.
            is_open: is_open.is_some(),
            fee_fen: fee_fen.unwrap_or_default(),
            cap_fen: cap,
            site_conditions: site_conditions.trim().to_string(),
            exam_plan: exam_plan.trim().to_string(),
            training_plan: training_plan.trim().to_string(),
            equipment,
            eligible_majors,
        };
        repo::save_offering(tx, certificate_id, old.as_ref(), &offering, caller.id).await
    })
    .await
}

/// The secretariat sets the cost cap (考核成本上限); a fee above it is refused from then on.
#[server(prefix = "/api", endpoint = "catalog/set-cap")]
pub async fn set_cap(certificate_id: i64, year: i64, level: String, cap: String) -> Result<(), AppError> {
    run_form(vec![("cap", cap.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        let level = parse_level(&level)?;
        let cap_fen = parse_yuan(&cap).ok_or_else(|| {
            AppError::field("cap", "请填写考核成本上限（元），例如 500。", "Enter the cost cap in yuan, e.g. 500.")
        })?;
        let old = stored_offering(tx, certificate_id, year, level).await?.ok_or(AppError::NotFound)?;
        let new = Offering { cap_fen: Some(cap_fen), ..old.clone() };
        repo::save_offering(tx, certificate_id, Some(&old), &new, caller.id).await
    })
    .await
}

/// A school saves what it has of one offering's equipment list (the declaration prefills from it).
#[server(prefix = "/api", endpoint = "catalog/save-assessment")]
pub async fn save_assessment(
    certificate_id: i64,
    year: i64,
    level: String,
    lines: Option<Vec<AssessmentInput>>,
) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        caller.ensure_covers_certificate(certificate_id)?;
        let level = parse_level(&level)?;
        let offering = stored_offering(tx, certificate_id, year, level).await?.ok_or(AppError::NotFound)?;
        let lines = validate_assessment(&offering.equipment, &lines.unwrap_or_default())
            .map_err(|e| AppError::Validation(vec![e]))?;
        repo::save_assessment(tx, caller.school_id()?, certificate_id, year, level, &lines, caller.id).await
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
    run(async |tx| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let level = parse_level(&level)?;
        super::model::validate_major_code(major_code.trim()).map_err(|e| AppError::Validation(vec![e]))?;
        let major = repo::find_major(tx, &major_code).await?.ok_or_else(|| {
            AppError::field(
                "major_code",
                "专业目录中没有这个代码。请核对2021年版专业目录；如确认无误，请联系秘书处。",
                "This code is not in the major catalog. Check the 2021 catalog, or contact the secretariat.",
            )
        })?;
        let kind = crate::institutions::service::institution(tx, caller.school_id()?).await?.kind;
        let codes = repo::eligible_codes(tx, certificate_id, year, level).await?;
        let eligibility = super::eligibility::check_eligibility(&kind, &major, &codes);
        Ok(EligibilityCheck { major, eligibility })
    })
    .await
}
