//! Survey rules (server only): reading a school's survey in the caller's scope, adding rows, recording the
//! decision steps, and turning accepted rows into declaration drafts — all of them or none.

use super::model::{summarize, validate_row, Survey, SurveyRow};
use super::repo;
use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::declarations::service::{choices, create_with, Prefill};
use crate::error::AppError;

/// The caller's survey of this year: a coordinator sees every college, a lead their own.
pub async fn load(conn: &mut Conn, caller: &Caller) -> Result<Survey, AppError> {
    let school = caller.school_id()?;
    let status = crate::windows::service::current_status(conn).await?;
    let rows: Vec<SurveyRow> = repo::rows(conn, school, status.year)
        .await?
        .into_iter()
        .filter(|r| caller.role == Role::Coordinator || caller.covers(r.college_id, r.certificate_id))
        .collect();
    Ok(Survey {
        year: status.year,
        summary: summarize(&rows),
        rows,
        steps: repo::steps(conn, school, status.year).await?,
        window_open: status.state.is_open(),
        choices: choices(conn, caller, status.year).await?,
    })
}

/// What a row of the add form says.
pub struct RowInput<'a> {
    pub college_id: i64,
    pub offering: &'a str,
    pub majors: &'a str,
    pub students_willing: &'a str,
    pub proposed_lead_id: Option<i64>,
    pub note: &'a str,
}

/// A coordinator (any college) or a lead (their colleges, proposing themself) adds a row.
pub async fn add_row(conn: &mut Conn, caller: &Caller, input: RowInput<'_>) -> Result<(), AppError> {
    let school = caller.school_id()?;
    let year = crate::windows::service::current_year();
    let choices = choices(conn, caller, year).await?;
    if !choices.colleges.iter().any(|(id, _)| *id == input.college_id) {
        return Err(AppError::Forbidden);
    }
    let (certificate_id, level) =
        crate::declarations::model::parse_offering_key(input.offering).map_err(|e| AppError::Validation(vec![e]))?;
    caller.ensure_covers_certificate(certificate_id)?;
    let (codes, students) =
        validate_row(input.majors, input.students_willing, input.note).map_err(AppError::Validation)?;
    let lead = match (caller.role, input.proposed_lead_id) {
        (Role::Lead, _) => Some(caller.id),
        (_, Some(id)) if choices.leads.iter().any(|(l, _)| *l == id) => Some(id),
        (_, Some(_)) => {
            return Err(AppError::field(
                "proposed_lead_id",
                "请选择本校的证书负责人。",
                "Choose one of your school's leads.",
            ))
        }
        (_, None) => None,
    };
    let row = repo::NewRow {
        school,
        year,
        college_id: input.college_id,
        certificate_id,
        level,
        majors: &codes,
        students,
        lead,
        note: input.note.trim(),
        by: caller.id,
    };
    repo::insert_row(conn, &row).await
}

/// The coordinator records one of the four decision steps with its date.
pub async fn record_step(
    conn: &mut Conn,
    caller: &Caller,
    step: i64,
    done_on: &str,
    note: &str,
) -> Result<(), AppError> {
    if !(1..=4).contains(&step) {
        return Err(AppError::field("step", "请选择步骤。", "Choose a step."));
    }
    if crate::ui::time::parse_shanghai(done_on).is_none() {
        return Err(AppError::field("done_on", "请填写日期，例如 2026-03-01。", "Enter a date, e.g. 2026-03-01."));
    }
    let key = (caller.school_id()?, crate::windows::service::current_year(), step);
    repo::upsert_step(conn, key, done_on.trim(), note.trim(), caller.id).await
}

/// The coordinator turns accepted rows into declaration drafts for their proposed leads, in the caller's
/// transaction: every row is checked first (each needs a lead), and if any draft cannot be made (a level
/// closed, the same certificate level twice) nothing is kept.
pub async fn accept_rows(conn: &mut Conn, caller: &Caller, ids: &[i64]) -> Result<Vec<i64>, AppError> {
    if ids.is_empty() {
        return Err(AppError::field("ids", "请至少选择一行。", "Choose at least one row."));
    }
    let survey = load(conn, caller).await?;
    let mut chosen = Vec::new();
    for id in ids {
        let row = survey.rows.iter().find(|r| r.id == *id).ok_or(AppError::Forbidden)?;
        if row.declaration_id.is_some() {
            return Err(AppError::conflict("该行已生成申报书。", "This row already became a declaration."));
        }
        let Some((lead_id, _)) = row.proposed_lead.clone() else {
            return Err(AppError::conflict(
                &format!("“{} {}”尚未指定证书负责人。", row.certificate, row.level.label().zh),
                &format!("\"{} {}\" has no proposed lead yet.", row.certificate, row.level.label().en),
            ));
        };
        chosen.push((row, lead_id));
    }
    let mut created = Vec::new();
    for (row, lead_id) in chosen {
        let prefill = Prefill { majors: row.majors.clone(), planned_count: row.students_willing };
        let id =
            create_with(conn, caller, row.college_id, row.certificate_id, row.level, Some(lead_id), prefill).await?;
        repo::link_declaration(conn, row.id, id).await?;
        created.push(id);
    }
    Ok(created)
}
