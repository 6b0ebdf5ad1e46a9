//! `/api/followup/*`: a pilot school's coordinator submits its working organization and contacts; the
//! secretariat sees which approved schools have not yet submitted and reminds them (inbox and push).
// Server functions take a form's fields one by one.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::model::LeadContact;
pub use super::model::{FollowUpStatus, FollowUpView, MyFollowUp};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::model::FollowUp,
    super::service,
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::forms::{run, run_form, run_read},
};

#[server(prefix = "/api", endpoint = "followup/mine")]
pub async fn my_followup() -> Result<MyFollowUp, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        service::school_followup(conn, &caller).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "followup/page")]
pub async fn followup_page() -> Result<FollowUpView, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Secretariat]).await?;
        if caller.role == Role::Secretariat {
            Ok(FollowUpView::Secretariat(service::status_list(conn).await?))
        } else {
            Ok(FollowUpView::School(Box::new(service::school_followup(conn, &caller).await?)))
        }
    })
    .await
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
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        service::submit(tx, &caller, &followup).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "followup/status")]
pub async fn followup_status() -> Result<Vec<FollowUpStatus>, AppError> {
    run_read(async |conn| {
        guard::require_role(&[Role::Secretariat]).await?;
        service::status_list(conn).await
    })
    .await
}

/// Reminds the coordinators of approved schools that have not submitted; returns how many schools.
#[server(prefix = "/api", endpoint = "followup/remind")]
pub async fn remind_followups() -> Result<usize, AppError> {
    run(async |tx| {
        guard::require_role(&[Role::Secretariat]).await?;
        service::remind(tx).await
    })
    .await
}
