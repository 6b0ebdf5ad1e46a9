//! The declarations page's list and what a school may start.

use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::catalog::model::Level;
use crate::db::Conn;
use crate::declarations::listing::{assemble, Choices, DeclarationList, ListFilter};
use crate::declarations::repo;
use crate::error::AppError;

/// The rows the caller may read in `year` (this year when none), with the secretariat's filters.
pub async fn list(
    conn: &mut Conn,
    caller: &Caller,
    year: Option<i64>,
    filter: &ListFilter,
) -> Result<DeclarationList, AppError> {
    let window = super::current_status(conn).await?;
    let thresholds = repo::thresholds(conn).await?;
    let school = if caller.role == Role::Secretariat { None } else { Some(caller.school_id()?) };
    let rows = repo::list(conn, year.unwrap_or(window.year), school)
        .await?
        .into_iter()
        .filter(|r| super::can_read(caller, r))
        .map(|r| r.summary(thresholds))
        .collect();
    Ok(assemble(rows, filter, window, thresholds))
}

/// Colleges in the caller's scope, certificate levels open in `year` (within a lead's certificate scope),
/// and for the coordinator the school's active leads.
pub async fn choices(conn: &mut Conn, caller: &Caller, year: i64) -> Result<Choices, AppError> {
    let school_id = caller.school_id()?;
    let colleges = crate::institutions::service::colleges_of(conn, school_id)
        .await?
        .into_iter()
        .filter(|c| caller.role == Role::Coordinator || caller.college_ids.contains(&c.id))
        .map(|c| (c.id, c.name))
        .collect();
    let mut offerings: Vec<(i64, String, Level)> = crate::catalog::service::open_offerings(conn, year)
        .await?
        .into_iter()
        .filter(|(id, ..)| caller.certificate_ids.is_empty() || caller.certificate_ids.contains(id))
        .collect();
    offerings.sort_by_key(|(_, name, level)| (name.clone(), Level::ALL.iter().position(|l| l == level)));
    let leads = if caller.role == Role::Coordinator {
        crate::accounts::service::active_leads(conn, school_id).await?
    } else {
        Vec::new()
    };
    Ok(Choices { colleges, offerings, leads })
}
