//! `/api/review/*`: the secretariat's overview, rubric, assignments and bulk decisions; an expert's
//! assignments, scores, conflict declarations. Each checks the caller's role on the server (service.rs).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::{MyAssignment, ReviewOverview, ScoreView};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::rubric::ScoreInput,
    super::service,
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::forms::{run, run_form, run_read},
};

/// What a bulk assignment did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssignReport {
    pub assigned: usize,
    /// Declarations that could not get enough experts, with how many are missing.
    pub short: Vec<(i64, usize)>,
}

#[cfg(feature = "ssr")]
async fn this_year() -> Result<i64, AppError> {
    Ok(crate::windows::service::current_year())
}

#[server(prefix = "/api", endpoint = "review/overview")]
pub async fn get_review_overview(year: Option<i64>) -> Result<ReviewOverview, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        let year = match year {
            Some(y) => y,
            None => this_year().await?,
        };
        service::overview(conn, &caller, year).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "review/save-rubric")]
pub async fn save_rubric(year: i64, criteria: String) -> Result<(), AppError> {
    run_form(vec![("criteria", criteria.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        service::save_rubric(tx, &caller, year, &criteria).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "review/assign")]
pub async fn assign_expert(declaration_id: i64, expert_id: Option<i64>) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        let expert =
            expert_id.ok_or_else(|| AppError::field("expert_id", "请选择一位评审专家。", "Choose an expert."))?;
        service::assign(tx, &caller, declaration_id, expert).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "review/assign-all")]
pub async fn assign_all(year: i64, per_declaration: String) -> Result<AssignReport, AppError> {
    run_form(vec![("per_declaration", per_declaration.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        let n = per_declaration.trim().parse().map_err(|_| {
            AppError::field(
                "per_declaration",
                "请填写每份申报书的专家人数。",
                "Enter how many experts each declaration gets.",
            )
        })?;
        let plan = service::assign_all(tx, &caller, year, n).await?;
        Ok(AssignReport { assigned: plan.assignments.len(), short: plan.short })
    })
    .await
}

/// A comment for one declaration of a bulk decision (empty: the common comment applies).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionNote {
    pub id: i64,
    #[serde(default)]
    pub text: String,
}

/// 统一审批: approve or reject many declarations at once, with one comment for all or one each.
#[server(prefix = "/api", endpoint = "review/decide")]
pub async fn decide(
    ids: Option<Vec<i64>>,
    decision: String,
    comment: Option<String>,
    notes: Option<Vec<DecisionNote>>,
) -> Result<(), AppError> {
    let comment = comment.unwrap_or_default();
    run_form(vec![("comment", comment.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        let action = match decision.as_str() {
            "approve" => crate::declarations::state::Action::Approve,
            "reject" => crate::declarations::state::Action::Reject,
            _ => return Err(AppError::field("decision", "请选择通过或不通过。", "Choose approve or reject.")),
        };
        let notes = notes.unwrap_or_default();
        let each: Vec<(i64, String)> = ids
            .unwrap_or_default()
            .into_iter()
            .map(|id| {
                let own = notes.iter().find(|n| n.id == id).map(|n| n.text.trim()).filter(|t| !t.is_empty());
                (id, own.unwrap_or(&comment).to_string())
            })
            .collect();
        crate::declarations::service::act_each(tx, &caller, &each, action).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "review/mine")]
pub async fn my_assignments() -> Result<Vec<MyAssignment>, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Expert]).await?;
        service::my_assignments(conn, &caller).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "review/score-view")]
pub async fn get_score_view(id: i64) -> Result<ScoreView, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Expert]).await?;
        service::score_view(conn, &caller, id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "review/score")]
pub async fn submit_score(
    id: i64,
    marks: Option<Vec<String>>,
    recommendation: Option<String>,
    comment: String,
) -> Result<(), AppError> {
    let marks = marks.unwrap_or_default();
    let mut typed: Vec<(&'static str, String)> = vec![("assignment", id.to_string()), ("comment", comment.clone())];
    typed.push(("recommendation", recommendation.clone().unwrap_or_default()));
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Expert]).await?;
        let input = ScoreInput { marks, recommendation: recommendation.unwrap_or_default(), comment };
        service::submit_score(tx, &caller, id, &input).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "review/conflict")]
pub async fn declare_conflict(id: i64, note: String) -> Result<(), AppError> {
    run_form(vec![("note", note.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Expert]).await?;
        service::declare_conflict(tx, &caller, id, &note).await
    })
    .await
}

/// The institutions (id, name) and which the expert declared a conflict with.
#[server(prefix = "/api", endpoint = "review/my-conflicts")]
pub async fn my_conflicts() -> Result<(Vec<(i64, String)>, Vec<i64>), AppError> {
    crate::forms::run_read(async |conn| {
        let caller = guard::require_role(&[Role::Expert]).await?;
        let all = crate::institutions::service::institution_names(conn).await?;
        Ok((all, service::my_conflicts(conn, &caller).await?))
    })
    .await
}

#[server(prefix = "/api", endpoint = "review/set-conflicts")]
pub async fn set_conflicts(institutions: Option<Vec<i64>>) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Expert]).await?;
        service::set_conflicts(tx, &caller, &institutions.unwrap_or_default()).await
    })
    .await
}

/// The areas (专业大类) of the major catalog, and those the expert knows.
#[server(prefix = "/api", endpoint = "review/my-areas")]
pub async fn my_areas() -> Result<(Vec<String>, Vec<String>), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Expert]).await?;
        Ok((service::all_areas(tx).await?, service::my_areas(tx, &caller).await?))
    })
    .await
}

#[server(prefix = "/api", endpoint = "review/set-areas")]
pub async fn set_areas(areas: Option<Vec<String>>) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Expert]).await?;
        service::set_areas(tx, &caller, &areas.unwrap_or_default()).await
    })
    .await
}
