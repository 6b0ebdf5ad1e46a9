//! Follow-up rules (server only): what a coordinator's form starts from, submitting it, who has not, and
//! reminding them.

use super::model::{FollowUp, FollowUpStatus, LeadContact, MyFollowUp};
use super::repo;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::declarations::model::DeclarationRecord;
use crate::declarations::service as declarations;
use crate::declarations::state::Status;
use crate::error::AppError;
use crate::i18n::Text;
use crate::notifications::model::{Audience, Kind};
use crate::windows::service::current_year;

async fn approved_rows(conn: &mut Conn, year: i64, school: Option<i64>) -> Result<Vec<DeclarationRecord>, AppError> {
    Ok(declarations::records(conn, year, school).await?.into_iter().filter(|r| r.status == Status::Approved).collect())
}

/// The coordinator's form: what the school submitted, or a start with one line per approved certificate,
/// its lead's name and mobile taken from their account.
pub async fn school_followup(conn: &mut Conn, caller: &Caller) -> Result<MyFollowUp, AppError> {
    let year = current_year();
    let school = caller.school_id()?;
    let rows = approved_rows(conn, year, Some(school)).await?;
    let approved = rows.iter().map(|r| format!("{} {}", r.certificate, r.level.label().zh)).collect();
    if let Some((followup, at)) = repo::stored(conn, Some(school), year).await?.remove(&school) {
        return Ok(MyFollowUp { year, approved, followup, submitted_at: Some(at) });
    }
    let mut leads: Vec<LeadContact> = Vec::new();
    for r in &rows {
        if leads.iter().any(|l| l.certificate == r.certificate) {
            continue;
        }
        let mobile = crate::accounts::service::account(conn, r.lead_id).await?.and_then(|a| a.mobile);
        leads.push(LeadContact {
            certificate: r.certificate.clone(),
            name: r.lead.clone(),
            mobile: mobile.unwrap_or_default(),
            qq_email: String::new(),
        });
    }
    Ok(MyFollowUp { year, approved, followup: FollowUp { leads, ..Default::default() }, submitted_at: None })
}

/// A coordinator of a school with approved pilots submits (again) its follow-up.
pub async fn submit(conn: &mut Conn, caller: &Caller, followup: &FollowUp) -> Result<(), AppError> {
    let year = current_year();
    let school = caller.school_id()?;
    if approved_rows(conn, year, Some(school)).await?.is_empty() {
        return Err(AppError::conflict(
            "本校今年尚无获批的试点，无需填报。",
            "Your school has no approved pilot this year; there is nothing to submit.",
        ));
    }
    let followup = followup.tidied();
    followup.check().map_err(AppError::Validation)?;
    repo::upsert(conn, school, year, &followup, caller.id).await
}

/// Every approved school of the year, with when it submitted (the caller checked the role).
pub async fn status_list(conn: &mut Conn) -> Result<Vec<FollowUpStatus>, AppError> {
    let year = current_year();
    let mut schools: Vec<(i64, String)> =
        approved_rows(conn, year, None).await?.into_iter().map(|r| (r.institution_id, r.institution)).collect();
    schools.dedup();
    let submitted = repo::stored(conn, None, year).await?;
    Ok(schools
        .into_iter()
        .map(|(institution_id, institution)| {
            let submitted_at = submitted.get(&institution_id).map(|(_, at)| *at);
            FollowUpStatus { institution_id, institution, submitted_at }
        })
        .collect())
}

/// Reminds the coordinators of approved schools that have not submitted; returns how many schools.
pub async fn remind(conn: &mut Conn) -> Result<usize, AppError> {
    let missing: Vec<FollowUpStatus> =
        status_list(conn).await?.into_iter().filter(|s| s.submitted_at.is_none()).collect();
    let title = Text::new("请填报试点工作机构及联系人", "Please submit your pilot working organization and contacts");
    let body = Text::new(
        "贵校有获批的1+X证书试点，请在“试点工作机构”页填报领导小组、工作小组及联系人。",
        "Your school has approved 1+X pilots: submit the leadership group, working group and contacts on the follow-up page.",
    );
    for s in &missing {
        let coordinators = crate::accounts::service::coordinators(conn, s.institution_id).await?;
        let audience = Audience::Accounts(&coordinators);
        crate::notifications::service::notify(conn, audience, Kind::Results, &title, &body, "/followup").await?;
    }
    Ok(missing.len())
}

/// What every school submitted for the year, and when, by school.
pub async fn submitted(
    conn: &mut Conn,
    year: i64,
) -> Result<std::collections::HashMap<i64, (FollowUp, i64)>, AppError> {
    repo::stored(conn, None, year).await
}
