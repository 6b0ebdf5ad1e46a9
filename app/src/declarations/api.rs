//! Declaration server functions: `/api/declarations/*`. Every one checks the caller's role and scope on
//! the server (service::readable); forms take flat fields so they also work with scripts off.

#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::flags::Thresholds;
use super::model::{Declaration, DeclarationSummary, Totals};
use crate::catalog::equipment::AssessmentInput;
use crate::catalog::model::Level;
use crate::error::AppError;
use crate::windows::api::WindowStatus;
#[cfg(feature = "ssr")]
use {
    super::model::{totals, ClientOp, DeclarationInput, LeaderApproval},
    super::state::Action,
    super::{repo, service},
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::forms::{is_plain_form_post, run, run_form},
    crate::state::app_state,
};

/// What the declarations page shows for the caller: the rows it may see (flagged ones needing approval
/// first), totals overall and per college, the window and the flag thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeclarationList {
    pub rows: Vec<DeclarationSummary>,
    pub totals: Totals,
    pub per_college: Vec<(String, Totals)>,
    pub window: WindowStatus,
    pub thresholds: Thresholds,
}

/// Secretariat filters; empty strings mean "any".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListFilter {
    /// Empty: this year.
    pub year: String,
    pub city: String,
    pub school: String,
    pub certificate: String,
    pub level: String,
    pub status: String,
    pub flagged: bool,
}

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
    run(async {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator, Role::Lead]).await?;
        let pool = app_state()?.pool;
        let window = crate::windows::service::current_status(&mut *pool.acquire().await?).await?;
        let thresholds = repo::thresholds(&pool).await?;
        let school = if caller.role == Role::Secretariat { None } else { Some(caller.school_id()?) };
        let rows: Vec<repo::Row> = repo::list(&pool, year.unwrap_or(window.year), school)
            .await?
            .into_iter()
            .filter(|r| service::can_read(&caller, r))
            .collect();
        let mut rows: Vec<DeclarationSummary> = rows
            .iter()
            .map(|r| r.summary(thresholds))
            .filter(|s| {
                (filter.city.is_empty() || s.city == filter.city)
                    && (filter.school.trim().is_empty() || s.institution.contains(filter.school.trim()))
                    && (filter.certificate.trim().is_empty() || s.certificate.contains(filter.certificate.trim()))
                    && (filter.level.is_empty() || s.level.code() == filter.level)
                    && (filter.status.is_empty() || s.status.code() == filter.status)
                    && (!filter.flagged || s.flagged)
            })
            .collect();
        // Flagged rows first: they need the lead's confirmation and the leader's approval.
        rows.sort_by_key(|r| (!r.needs_approval, !r.flagged));
        let all: Vec<&DeclarationSummary> = rows.iter().collect();
        let mut colleges: Vec<String> = rows.iter().map(|r| r.college.clone()).collect();
        colleges.sort();
        colleges.dedup();
        let per_college = colleges
            .into_iter()
            .map(|c| {
                let of: Vec<&DeclarationSummary> = rows.iter().filter(|r| r.college == c).collect();
                (c, totals(&of))
            })
            .collect();
        Ok(DeclarationList { totals: totals(&all), per_college, rows, window, thresholds })
    })
    .await
}

/// What a lead or coordinator may start: colleges in scope, certificate levels open this year, and (for
/// the coordinator) the school's leads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    pub colleges: Vec<(i64, String)>,
    pub offerings: Vec<(i64, String, Level)>,
    pub leads: Vec<(i64, String)>,
}

#[server(prefix = "/api", endpoint = "declarations/create-options")]
pub async fn create_options() -> Result<Choices, AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let pool = app_state()?.pool;
        let year = crate::windows::service::current_year();
        choices_for(&pool, &caller, year).await
    })
    .await
}

/// Colleges in the caller's scope, certificate levels open in `year` (within a lead's certificate scope),
/// and for the coordinator the school's active leads.
#[cfg(feature = "ssr")]
pub async fn choices_for(
    pool: &crate::db::Pool,
    caller: &crate::auth::guard::Caller,
    year: i64,
) -> Result<Choices, AppError> {
    let school_id = caller.school_id()?;
    let colleges = crate::institutions::repo::list_colleges(pool, school_id)
        .await?
        .into_iter()
        .filter(|c| caller.role == Role::Coordinator || caller.college_ids.contains(&c.id))
        .map(|c| (c.id, c.name))
        .collect();
    let open: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT c.id, c.name, o.level FROM offerings o JOIN certificates c ON c.id = o.certificate_id \
         WHERE o.year = $1 AND o.is_open = 1 ORDER BY c.name",
    )
    .bind(year)
    .fetch_all(pool)
    .await?;
    let mut offerings: Vec<(i64, String, Level)> = open
        .into_iter()
        .filter(|(id, ..)| caller.certificate_ids.is_empty() || caller.certificate_ids.contains(id))
        .filter_map(|(id, name, level)| Some((id, name, Level::parse(&level)?)))
        .collect();
    offerings.sort_by_key(|(_, name, level)| (name.clone(), Level::ALL.iter().position(|l| l == level)));
    let leads = if caller.role == Role::Coordinator {
        sqlx::query_as(
            "SELECT id, display_name FROM accounts WHERE institution_id = $1 AND role = 'lead' AND status = 'active' \
             ORDER BY display_name",
        )
        .bind(school_id)
        .fetch_all(pool)
        .await?
    } else {
        Vec::new()
    };
    Ok(Choices { colleges, offerings, leads })
}

/// Starts a declaration: `offering` is "certificate_id:level", as the form's select sends it.
#[server(prefix = "/api", endpoint = "declarations/create")]
pub async fn create_declaration(college_id: i64, offering: String, lead_id: Option<i64>) -> Result<i64, AppError> {
    run_form(vec![("offering", offering.clone())], async {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let (certificate_id, level) =
            super::model::parse_offering_key(&offering).map_err(|e| AppError::Validation(vec![e]))?;
        let id = service::create(&app_state()?.pool, &caller, college_id, certificate_id, level, lead_id).await?;
        if is_plain_form_post() {
            leptos_axum::redirect(&format!("/declarations/{id}"));
        }
        Ok(id)
    })
    .await
}

#[server(prefix = "/api", endpoint = "declarations/get")]
pub async fn get_declaration(id: i64) -> Result<Declaration, AppError> {
    run(async {
        // Experts too: `service::view` lets them read only what is assigned to them.
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator, Role::Lead, Role::Expert]).await?;
        service::view(&app_state()?.pool, &caller, id).await
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
    let typed = vec![
        ("declaration", id.to_string()),
        ("majors", input.majors.clone()),
        ("planned_count", input.planned_count.clone()),
        ("venues", input.venues.clone()),
        ("teacher_training", input.teacher_training.clone()),
        ("students", input.students.clone()),
        ("pilot_years", input.pilot_years.clone()),
        ("pilot_trained", input.pilot_trained.clone()),
        ("pilot_certified", input.pilot_certified.clone()),
    ];
    run_form(typed, async {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let op = ClientOp::parse(op_id.as_deref(), after_ops.as_deref(), op_chain.as_deref())
            .map_err(|e| AppError::Validation(vec![e]))?;
        service::save(&app_state()?.pool, &caller, id, version, &input, op.as_ref()).await
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
    run_form(vec![("comment", comment.clone())], async {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator, Role::Lead]).await?;
        service::act(&app_state()?.pool, &caller, id, parse_action(&action)?, &comment).await
    })
    .await
}

/// The coordinator's final submission of several declarations at once (all or nothing).
#[server(prefix = "/api", endpoint = "declarations/final-submit")]
pub async fn final_submit(ids: Option<Vec<i64>>) -> Result<(), AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        service::act_many(&app_state()?.pool, &caller, &ids.unwrap_or_default(), Action::FinalSubmit, "").await
    })
    .await
}

#[server(prefix = "/api", endpoint = "declarations/confirm-number")]
pub async fn confirm_number(id: i64) -> Result<(), AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Lead]).await?;
        service::confirm_number(&app_state()?.pool, &caller, id).await
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
    run_form(typed, async {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        let approval = LeaderApproval {
            name: leader_name.trim().into(),
            title: leader_title.trim().into(),
            date: leader_date.trim().into(),
            note: leader_note.trim().into(),
        };
        service::record_leader_approval(&app_state()?.pool, &caller, id, approval).await
    })
    .await
}

/// The planned-number flag thresholds in force (anyone logged in: schools see why a row is flagged).
#[server(prefix = "/api", endpoint = "declarations/get-thresholds")]
pub async fn get_thresholds() -> Result<Thresholds, AppError> {
    run(async {
        guard::current_caller().await?.ok_or(AppError::Unauthorized)?;
        repo::thresholds(&app_state()?.pool).await
    })
    .await
}

/// The secretariat sets the planned-number flag thresholds.
#[server(prefix = "/api", endpoint = "declarations/thresholds")]
pub async fn set_thresholds(high: String, low: String) -> Result<(), AppError> {
    run_form(vec![("high", high.clone()), ("low", low.clone())], async {
        guard::require_role(&[Role::Secretariat]).await?;
        let parse = |field: &'static str, v: &str| {
            v.trim().parse::<i64>().ok().filter(|n| (0..=100_000).contains(n)).ok_or_else(|| {
                crate::validate::FieldError::new(
                    field,
                    "请填写0到100000之间的整数。",
                    "Enter a whole number from 0 to 100000.",
                )
            })
        };
        let (high, low) = match (parse("high", &high), parse("low", &low)) {
            (Ok(h), Ok(l)) if h > l => (h, l),
            (Ok(_), Ok(_)) => {
                return Err(AppError::field(
                    "high",
                    "上限阈值应大于下限阈值。",
                    "The high threshold must exceed the low one.",
                ))
            }
            (h, l) => return Err(AppError::Validation(h.err().into_iter().chain(l.err()).collect())),
        };
        repo::set_thresholds(&app_state()?.pool, Thresholds { high, low }).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "declarations/delete-photo")]
pub async fn delete_photo(id: i64) -> Result<(), AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        service::delete_photo(&app_state()?.pool, &caller, id).await
    })
    .await
}
