//! Starting a declaration inside the window, for a lead in scope, prefilled from the offering.

use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::catalog::eligibility::{check_eligibility, Eligibility};
use crate::catalog::equipment::AssessmentLine;
use crate::catalog::model::Level;
use crate::db::Conn;
use crate::declarations::model::DeclarationContent;
use crate::declarations::model::DeclarationRecord;
use crate::declarations::repo::{self, NewDeclaration};
use crate::declarations::state::Status;
use crate::error::AppError;
use crate::validate::FieldError;

use super::access::window_closed;
use super::current_status;

/// A lead (for themself) or the coordinator (for one of the school's leads) starts a declaration for a
/// certificate level open this year, prefilled from the offering's equipment list and the school's
/// self-assessment. Only inside the application window.
pub async fn create(
    conn: &mut Conn,
    caller: &Caller,
    college_id: i64,
    certificate_id: i64,
    level: Level,
    lead_id: Option<i64>,
) -> Result<i64, AppError> {
    create_with(conn, caller, college_id, certificate_id, level, lead_id, Prefill::default()).await
}

/// What a new draft starts with besides the equipment list (from the internal survey).
#[derive(Debug, Clone, Default)]
pub struct Prefill {
    pub majors: Vec<String>,
    pub planned_count: i64,
}

/// [`create`], with majors and a planned number filled in.
pub async fn create_with(
    conn: &mut Conn,
    caller: &Caller,
    college_id: i64,
    certificate_id: i64,
    level: Level,
    lead_id: Option<i64>,
    prefill: Prefill,
) -> Result<i64, AppError> {
    let school_id = caller.school_id()?;
    let status = current_status(conn).await?;
    if !status.state.is_open() {
        return Err(window_closed());
    }
    let colleges = crate::institutions::service::colleges_of(conn, school_id).await?;
    if !colleges.iter().any(|c| c.id == college_id) {
        return Err(AppError::field(
            "college_id",
            "请选择本校的二级学院/系部。",
            "Choose one of your school's colleges.",
        ));
    }
    let lead_id = lead_for(conn, caller, school_id, college_id, certificate_id, lead_id).await?;
    let equipment = prefilled_equipment(conn, school_id, certificate_id, status.year, level).await?;
    let content = DeclarationContent {
        equipment,
        majors: prefill.majors,
        planned_count: prefill.planned_count,
        ..Default::default()
    };
    let new = NewDeclaration {
        institution_id: school_id,
        college_id,
        year: status.year,
        certificate_id,
        level,
        lead_id,
        content: &content,
    };
    let id = repo::insert(conn, new).await?;
    repo::add_event(conn, id, caller.id, None, Status::Draft, "").await?;
    Ok(id)
}

/// Who leads the new declaration: a lead themself (within their colleges and certificates), or the
/// school's lead the coordinator chose.
async fn lead_for(
    conn: &mut Conn,
    caller: &Caller,
    school_id: i64,
    college_id: i64,
    certificate_id: i64,
    chosen: Option<i64>,
) -> Result<i64, AppError> {
    if caller.role == Role::Lead {
        return if caller.covers(college_id, certificate_id) { Ok(caller.id) } else { Err(AppError::Forbidden) };
    }
    let lead_id =
        chosen.ok_or_else(|| AppError::field("lead_id", "请选择证书负责人。", "Choose the certificate lead."))?;
    if !crate::accounts::service::is_lead_of(conn, lead_id, school_id).await? {
        return Err(AppError::field("lead_id", "请选择本校的证书负责人。", "Choose one of your school's leads."));
    }
    Ok(lead_id)
}

/// The offering's equipment list, each line as the school's self-assessment has it (or not yet assessed);
/// refused when the level is not open this year.
async fn prefilled_equipment(
    conn: &mut Conn,
    school_id: i64,
    certificate_id: i64,
    year: i64,
    level: Level,
) -> Result<Vec<AssessmentLine>, AppError> {
    let certificate = crate::catalog::service::certificate(conn, certificate_id).await?;
    let offering =
        certificate.offerings.iter().find(|o| o.year == year && o.level == level && o.is_open).ok_or_else(|| {
            AppError::field(
                "level",
                "该证书的这个等级本年度未开放申报。",
                "This certificate level is not open this year.",
            )
        })?;
    let assessed = crate::catalog::service::assessments(conn, school_id, certificate_id).await?;
    let assessed = assessed.iter().find(|a| a.year == year && a.level == level);
    Ok(offering
        .equipment
        .iter()
        .map(|e| {
            let mine = assessed.and_then(|a| a.lines.iter().find(|l| l.item == e.item));
            mine.cloned().unwrap_or(AssessmentLine {
                item: e.item.clone(),
                has_it: false,
                quantity: 0,
                note: String::new(),
            })
        })
        .collect())
}

/// The majors must be eligible for the offering (seed FAQ 3): out of range or a 本科 school picking a
/// 专科 major is named, with what to do.
pub(super) async fn check_majors(conn: &mut Conn, row: &DeclarationRecord, majors: &[String]) -> Result<(), AppError> {
    let kind = crate::institutions::service::institution(conn, row.institution_id).await?.kind;
    let eligible = crate::catalog::service::eligible_codes(conn, row.certificate_id, row.year, row.level).await?;
    let (found, unknown) = crate::catalog::service::majors_by_code(conn, majors).await?;
    let mut errors: Vec<FieldError> = unknown
        .iter()
        .map(|code| {
            FieldError::new_owned(
                "majors".into(),
                &format!("专业目录中没有代码{code}。"),
                &format!("{code} is not in the major catalog."),
            )
        })
        .collect();
    for major in found {
        let verdict = check_eligibility(&kind, &major, &eligible);
        if verdict != Eligibility::Eligible {
            let m = verdict.message();
            errors.push(FieldError::new_owned(
                "majors".into(),
                &format!("{} {}：{}", major.code, major.name, m.zh),
                &format!("{} {}: {}", major.code, major.name, m.en),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}
