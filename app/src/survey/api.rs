//! `/api/survey/*`: the internal survey (摸底调查) of a school — reading it, adding rows, recording the
//! decision steps, and accepting rows as declaration drafts.

use leptos::prelude::*;

pub use super::model::{step_label, Survey, STEPS};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::service::{self, RowInput},
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::forms::{run, run_form, run_read},
};

#[server(prefix = "/api", endpoint = "survey/get")]
pub async fn get_survey() -> Result<Survey, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        service::load(conn, &caller).await
    })
    .await
}

/// A coordinator (any college) or a lead (their colleges) adds a row.
#[server(prefix = "/api", endpoint = "survey/add")]
pub async fn add_survey_row(
    college_id: i64,
    offering: String,
    majors: String,
    students_willing: String,
    proposed_lead_id: Option<i64>,
    note: String,
) -> Result<(), AppError> {
    let typed =
        vec![("majors", majors.clone()), ("students_willing", students_willing.clone()), ("note", note.clone())];
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let input = RowInput {
            college_id,
            offering: &offering,
            majors: &majors,
            students_willing: &students_willing,
            proposed_lead_id,
            note: &note,
        };
        service::add_row(tx, &caller, input).await
    })
    .await
}

/// The coordinator records one of the four decision steps with its date.
#[server(prefix = "/api", endpoint = "survey/step")]
pub async fn record_step(step: i64, done_on: String, note: String) -> Result<(), AppError> {
    run_form(vec![("done_on", done_on.clone()), ("note", note.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        service::record_step(tx, &caller, step, &done_on, &note).await
    })
    .await
}

/// The coordinator turns accepted rows into declaration drafts for their proposed leads, all or nothing.
#[server(prefix = "/api", endpoint = "survey/accept")]
pub async fn accept_rows(ids: Option<Vec<i64>>) -> Result<Vec<i64>, AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        service::accept_rows(tx, &caller, &ids.unwrap_or_default()).await
    })
    .await
}
