//! Declaration server functions: `/api/declarations/*`. Every one checks the caller's role and scope on
//! the server (service::readable); forms take flat fields so they also work with scripts off.

#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::flags::Thresholds;
pub use super::listing::{Choices, DeclarationList, ListFilter};
use super::model::Declaration;
use crate::catalog::equipment::AssessmentInput;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::model::{ClientOp, DeclarationInput, LeaderApproval},
    super::state::Action,
    super::{repo, service},
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::forms::{is_plain_form_post, run, run_form, run_read, Echo},
};

/// The list; the secretariat's filters come as optional flat fields (empty or missing: any).
#[server(prefix = "/api", endpoint = "declarations/list")]
pub async fn list_declarations(
    year: Option<i64>,
    city: Option<String>,
    school: Option<String>,
    certificate: Option<String>,
    level: Option<String>,
    status: Option<String>,
    flagged: Option<String>,
) -> Result<DeclarationList, AppError> {
    let filter = ListFilter {
        year: year.map(|y| y.to_string()).unwrap_or_default(),
        city: city.unwrap_or_default(),
        school: school.unwrap_or_default(),
        certificate: certificate.unwrap_or_default(),
        level: level.unwrap_or_default(),
        status: status.unwrap_or_default(),
        flagged: flagged.is_some_and(|f| !f.is_empty()),
    };
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator, Role::Lead]).await?;
        service::list(conn, &caller, year, &filter).await
    })
    .await
}

/// What the caller may start: colleges in scope, certificate levels open this year, the school's leads.
#[server(prefix = "/api", endpoint = "declarations/create-options")]
pub async fn create_options() -> Result<Choices, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        service::choices(conn, &caller, crate::windows::service::current_year()).await
    })
    .await
}

/// Starts a declaration: `offering` is "certificate_id:level", as the form's select sends it.
#[server(prefix = "/api", endpoint = "declarations/create")]
pub async fn create_declaration(college_id: i64, offering: String, lead_id: Option<i64>) -> Result<i64, AppError> {
    run_form(vec![("offering", offering.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let (certificate_id, level) =
            super::model::parse_offering_key(&offering).map_err(|e| AppError::Validation(vec![e]))?;
        let id = service::create(tx, &caller, college_id, certificate_id, level, lead_id).await?;
        if is_plain_form_post() {
            leptos_axum::redirect(&format!("/declarations/{id}"));
        }
        Ok(id)
    })
    .await
}

#[server(prefix = "/api", endpoint = "declarations/get")]
pub async fn get_declaration(id: i64) -> Result<Declaration, AppError> {
    run_read(async |conn| {
        // Experts too: `service::view` lets them read only what is assigned to them.
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator, Role::Lead, Role::Expert]).await?;
        service::view(conn, &caller, id).await
    })
    .await
}

/// Saves the form; `version` is the one the form was loaded with. Returns the new version.
#[server(prefix = "/api", endpoint = "declarations/save")]
pub async fn save_declaration(
    id: i64,
    version: i64,
    majors: String,
    planned_count: String,
    venues: String,
    equipment: Option<Vec<AssessmentInput>>,
    teacher_training: String,
    students: String,
    pilot_years: String,
    pilot_trained: String,
    pilot_certified: String,
    /// Set by the phone's outbox (see `declarations::model::ClientOp`); absent from a plain form post.
    op_id: Option<String>,
    after_ops: Option<String>,
    op_chain: Option<String>,
) -> Result<i64, AppError> {
    let input = DeclarationInput {
        majors,
        planned_count,
        venues,
        equipment: equipment.unwrap_or_default(),
        teacher_training,
        students,
        pilot_years,
        pilot_trained,
        pilot_certified,
    };
    run_form(Echo::of(&input).with("declaration", id), async |tx| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let op = ClientOp::parse(op_id.as_deref(), after_ops.as_deref(), op_chain.as_deref())
            .map_err(|e| AppError::Validation(vec![e]))?;
        service::save(tx, &caller, id, version, &input, op.as_ref()).await
    })
    .await
}

#[cfg(feature = "ssr")]
fn parse_action(action: &str) -> Result<Action, AppError> {
    Action::ALL
        .into_iter()
        .find(|a| format!("{a:?}") == action)
        .ok_or_else(|| AppError::field("action", "未知的操作。", "Unknown action."))
}

/// One action on one declaration (submit, return, start review, approve, reject, reopen).
#[server(prefix = "/api", endpoint = "declarations/act")]
pub async fn act_on_declaration(id: i64, action: String, comment: Option<String>) -> Result<(), AppError> {
    let comment = comment.unwrap_or_default();
    run_form(vec![("comment", comment.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator, Role::Lead]).await?;
        service::act(tx, &caller, id, parse_action(&action)?, &comment).await
    })
    .await
}

/// The coordinator's final submission of several declarations at once (all or nothing).
#[server(prefix = "/api", endpoint = "declarations/final-submit")]
pub async fn final_submit(ids: Option<Vec<i64>>) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        service::act_many(tx, &caller, &ids.unwrap_or_default(), Action::FinalSubmit, "").await
    })
    .await
}

#[server(prefix = "/api", endpoint = "declarations/confirm-number")]
pub async fn confirm_number(id: i64) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Lead]).await?;
        service::confirm_number(tx, &caller, id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "declarations/leader-approval")]
pub async fn record_leader_approval(
    id: i64,
    leader_name: String,
    leader_title: String,
    leader_date: String,
    leader_note: String,
) -> Result<(), AppError> {
    let typed = vec![
        ("leader_name", leader_name.clone()),
        ("leader_title", leader_title.clone()),
        ("leader_date", leader_date.clone()),
        ("leader_note", leader_note.clone()),
    ];
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        let approval = LeaderApproval {
            name: leader_name.trim().into(),
            title: leader_title.trim().into(),
            date: leader_date.trim().into(),
            note: leader_note.trim().into(),
        };
        service::record_leader_approval(tx, &caller, id, approval).await
    })
    .await
}

/// The planned-number flag thresholds in force (anyone logged in: schools see why a row is flagged).
#[server(prefix = "/api", endpoint = "declarations/get-thresholds")]
pub async fn get_thresholds() -> Result<Thresholds, AppError> {
    run_read(async |conn| {
        guard::require_login().await?;
        repo::thresholds(conn).await
    })
    .await
}

/// The secretariat sets the planned-number flag thresholds.
#[server(prefix = "/api", endpoint = "declarations/thresholds")]
pub async fn set_thresholds(high: String, low: String) -> Result<(), AppError> {
    run_form(vec![("high", high.clone()), ("low", low.clone())], async |conn| {
        guard::require_role(&[Role::Secretariat]).await?;
        let thresholds = Thresholds::parse(&high, &low).map_err(AppError::Validation)?;
        repo::set_thresholds(conn, thresholds).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "declarations/delete-photo")]
pub async fn delete_photo(id: i64) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        crate::evidence::service::delete_photo(tx, &caller, id).await
    })
    .await
}
