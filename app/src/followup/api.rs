//! `/api/followup/*`: a pilot school's coordinator submits its working organization and contacts; the
//! secretariat sees which approved schools have not yet submitted and reminds them (inbox and push).
// Server functions take a form's fields one by one.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::{FollowUp, LeadContact};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::db::{now, Pool},
    crate::declarations::repo,
    crate::declarations::state::Status,
    crate::forms::{run, run_form},
    crate::i18n::Text,
    crate::state::app_state,
    crate::windows::service::current_year,
};

/// What the coordinator's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyFollowUp {
    pub year: i64,
    /// The school's approved certificate levels this year ("物流管理 初级"); empty: nothing to follow up.
    pub approved: Vec<String>,
    /// What was submitted, or a start made from the school's accounts.
    pub followup: FollowUp,
    pub submitted_at: Option<i64>,
}

/// One approved school in the secretariat's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowUpStatus {
    pub institution_id: i64,
    pub institution: String,
    pub submitted_at: Option<i64>,
}

#[cfg(feature = "ssr")]
async fn approved_rows(pool: &Pool, year: i64, school: Option<i64>) -> Result<Vec<repo::Row>, AppError> {
    Ok(repo::list(pool, year, school).await?.into_iter().filter(|r| r.status() == Status::Approved).collect())
}

/// What each school (all of them, or only `school`) submitted for the year, and when, by school.
#[cfg(feature = "ssr")]
pub(crate) async fn stored(
    pool: &Pool,
    school: Option<i64>,
    year: i64,
) -> Result<std::collections::HashMap<i64, (FollowUp, i64)>, AppError> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT institution_id, content, submitted_at FROM followups WHERE year = $1 \
         AND ($2 IS NULL OR institution_id = $2)",
    )
    .bind(year)
    .bind(school)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, json, at)| Ok((id, (serde_json::from_str(&json).map_err(AppError::internal)?, at))))
        .collect()
}

#[server(prefix = "/api", endpoint = "followup/mine")]
pub async fn my_followup() -> Result<MyFollowUp, AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        school_followup(&app_state()?.pool, &caller).await
    })
    .await
}

/// What `/followup` shows its caller: a coordinator their school's form, the secretariat who has submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FollowUpView {
    School(Box<MyFollowUp>),
    Secretariat(Vec<FollowUpStatus>),
}

#[server(prefix = "/api", endpoint = "followup/page")]
pub async fn followup_page() -> Result<FollowUpView, AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Coordinator, Role::Secretariat]).await?;
        let pool = app_state()?.pool;
        if caller.role == Role::Secretariat {
            Ok(FollowUpView::Secretariat(status_list(&pool).await?))
        } else {
            Ok(FollowUpView::School(Box::new(school_followup(&pool, &caller).await?)))
        }
    })
    .await
}

#[cfg(feature = "ssr")]
async fn school_followup(pool: &Pool, caller: &guard::Caller) -> Result<MyFollowUp, AppError> {
    {
        let pool = pool.clone();
        let year = current_year();
        let school = caller.school_id()?;
        let rows = approved_rows(&pool, year, Some(school)).await?;
        let approved = rows.iter().map(|r| format!("{} {}", r.certificate, r.level().label().zh)).collect();
        if let Some((followup, at)) = stored(&pool, Some(school), year).await?.remove(&school) {
            return Ok(MyFollowUp { year, approved, followup, submitted_at: Some(at) });
        }
        // A start: one line per approved certificate, with its lead's name and mobile from their account.
        let mut leads: Vec<LeadContact> = Vec::new();
        for r in &rows {
            if leads.iter().any(|l| l.certificate == r.certificate) {
                continue;
            }
            let mobile: Option<(Option<String>,)> = sqlx::query_as("SELECT mobile FROM accounts WHERE id = $1")
                .bind(r.lead_id)
                .fetch_optional(&pool)
                .await?;
            leads.push(LeadContact {
                certificate: r.certificate.clone(),
                name: r.lead.clone(),
                mobile: mobile.and_then(|m| m.0).unwrap_or_default(),
                qq_email: String::new(),
            });
        }
        Ok(MyFollowUp { year, approved, followup: FollowUp { leads, ..Default::default() }, submitted_at: None })
    }
}

#[server(prefix = "/api", endpoint = "followup/submit")]
pub async fn submit_followup(
    leadership_group: String,
    working_group: String,
    leader_name: String,
    leader_title: String,
    leader_phone: String,
    staff_name: String,
    staff_title: String,
    staff_mobile: String,
    staff_qq_email: String,
    leads: Option<Vec<LeadContact>>,
) -> Result<(), AppError> {
    let followup = FollowUp {
        leadership_group,
        working_group,
        leader_name,
        leader_title,
        leader_phone,
        staff_name,
        staff_title,
        staff_mobile,
        staff_qq_email,
        leads: leads.unwrap_or_default(),
    };
    let mut typed = vec![
        ("followup", "1".to_string()),
        ("leadership_group", followup.leadership_group.clone()),
        ("working_group", followup.working_group.clone()),
        ("leader_name", followup.leader_name.clone()),
        ("leader_title", followup.leader_title.clone()),
        ("leader_phone", followup.leader_phone.clone()),
        ("staff_name", followup.staff_name.clone()),
        ("staff_title", followup.staff_title.clone()),
        ("staff_mobile", followup.staff_mobile.clone()),
        ("staff_qq_email", followup.staff_qq_email.clone()),
    ];
    typed.retain(|(_, v)| !v.is_empty());
    run_form(typed, async {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        let pool = app_state()?.pool;
        let year = current_year();
        let school = caller.school_id()?;
        if approved_rows(&pool, year, Some(school)).await?.is_empty() {
            return Err(AppError::conflict(
                "本校今年尚无获批的试点，无需填报。",
                "Your school has no approved pilot this year; there is nothing to submit.",
            ));
        }
        followup.check().map_err(AppError::Validation)?;
        sqlx::query(
            "INSERT INTO followups (institution_id, year, content, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (institution_id, year) DO UPDATE SET content = excluded.content, \
             submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at",
        )
        .bind(school)
        .bind(year)
        .bind(serde_json::to_string(&followup).map_err(AppError::internal)?)
        .bind(caller.id)
        .bind(now())
        .execute(&pool)
        .await?;
        Ok(())
    })
    .await
}

/// Every approved school of the year, with when it submitted (the caller checked the role).
#[cfg(feature = "ssr")]
async fn status_list(pool: &Pool) -> Result<Vec<FollowUpStatus>, AppError> {
    let year = current_year();
    let mut schools: Vec<(i64, String)> =
        approved_rows(pool, year, None).await?.into_iter().map(|r| (r.institution_id, r.institution)).collect();
    schools.dedup();
    let submitted = stored(pool, None, year).await?;
    Ok(schools
        .into_iter()
        .map(|(institution_id, institution)| {
            let submitted_at = submitted.get(&institution_id).map(|(_, at)| *at);
            FollowUpStatus { institution_id, institution, submitted_at }
        })
        .collect())
}

#[server(prefix = "/api", endpoint = "followup/status")]
pub async fn followup_status() -> Result<Vec<FollowUpStatus>, AppError> {
    run(async {
        guard::require_role(&[Role::Secretariat]).await?;
        status_list(&app_state()?.pool).await
    })
    .await
}

/// Reminds the coordinators of approved schools that have not submitted; returns how many schools.
#[server(prefix = "/api", endpoint = "followup/remind")]
pub async fn remind_followups() -> Result<usize, AppError> {
    run(async {
        guard::require_role(&[Role::Secretariat]).await?;
        let pool = app_state()?.pool;
        let missing: Vec<FollowUpStatus> =
            status_list(&pool).await?.into_iter().filter(|s| s.submitted_at.is_none()).collect();
        let title = Text::new("请填报试点工作机构及联系人", "Please submit your pilot working organization and contacts");
        let body = Text::new(
            "贵校有获批的1+X证书试点，请在“试点工作机构”页填报领导小组、工作小组及联系人。",
            "Your school has approved 1+X pilots: submit the leadership group, working group and contacts on the follow-up page.",
        );
        let mut tx = pool.begin().await?;
        for s in &missing {
            let coordinators = repo::coordinators(&mut tx, s.institution_id).await?;
            repo::notify(&mut tx, &coordinators, crate::notifications::push::model::Kind::Results, &title, &body, "/followup").await?;
        }
        tx.commit().await?;
        Ok(missing.len())
    })
    .await
}
