//! `/api/results/*`: the year's results (readable by everyone once published; by the secretariat before),
//! naming lead institutions and publishing (secretariat only), and a lead institution's roster.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::{CertificateResult, ResultTotals, Roster};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::forms::{run, run_read},
};

/// What the results page shows to the caller.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultsView {
    pub year: i64,
    /// Empty before publication for everyone but the secretariat.
    pub certificates: Vec<CertificateResult>,
    pub totals: ResultTotals,
    pub published_at: Option<i64>,
    pub notice_id: Option<i64>,
    /// The secretariat names leads and publishes.
    pub can_manage: bool,
    /// Declarations still waiting for a decision (secretariat only).
    pub undecided: usize,
    /// The certificates whose roster the caller may open.
    pub rosters: Vec<(i64, String)>,
}

#[server(prefix = "/api", endpoint = "results/view")]
pub async fn get_results() -> Result<ResultsView, AppError> {
    run_read(async |conn| {
        let caller = guard::current_caller().await?;
        let caller = match caller {
            Some(c) => Some(guard::check_role(c, &Role::ALL)?),
            None => None,
        };
        let year = crate::windows::service::current_year();
        let can_manage = caller.as_ref().is_some_and(|c| c.role == Role::Secretariat);
        let rosters = match &caller {
            Some(c) => service::rosters_of(conn, c, year).await?,
            None => Vec::new(),
        };
        if !can_manage && service::publication(conn, year).await?.is_none() {
            return Ok(ResultsView {
                year,
                certificates: Vec::new(),
                totals: ResultTotals::default(),
                published_at: None,
                notice_id: None,
                can_manage,
                undecided: 0,
                rosters,
            });
        }
        let r = service::year_results(conn, caller.as_ref(), year).await?;
        Ok(ResultsView {
            year,
            totals: super::model::totals(&r.certificates),
            certificates: r.certificates,
            published_at: r.published.map(|p| p.1),
            notice_id: r.published.map(|p| p.0),
            can_manage,
            undecided: if can_manage { r.undecided } else { 0 },
            rosters,
        })
    })
    .await
}

#[server(prefix = "/api", endpoint = "results/name-lead")]
pub async fn name_lead(certificate_id: i64, institution_id: Option<i64>) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        let institution_id = institution_id
            .ok_or_else(|| AppError::field("institution_id", "请选择牵头院校。", "Choose the lead institution."))?;
        let year = crate::windows::service::current_year();
        service::name_lead(tx, &caller, year, certificate_id, institution_id).await
    })
    .await
}

/// Publishes (or republishes) the year's results; returns the notice's id.
#[server(prefix = "/api", endpoint = "results/publish")]
pub async fn publish_results(confirm_undecided: Option<String>) -> Result<i64, AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        let year = crate::windows::service::current_year();
        service::publish(tx, &caller, year, confirm_undecided.is_some()).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "results/roster")]
pub async fn get_roster(certificate_id: i64) -> Result<Roster, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&Role::ALL).await?;
        service::roster(conn, &caller, certificate_id).await
    })
    .await
}
