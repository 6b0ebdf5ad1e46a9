//! Declarations as other features' services read them (review, results, follow-up, sync): no caller check
//! here, because each of those checks its own caller first; status changes still go through the state
//! machine's timeline.

use crate::db::Conn;
use crate::declarations::flags::Thresholds;
use crate::declarations::model::DeclarationRecord;
use crate::declarations::repo;
use crate::declarations::state::Status;
use crate::error::AppError;

pub async fn record(conn: &mut Conn, id: i64) -> Result<DeclarationRecord, AppError> {
    repo::find(conn, id).await
}

/// The year's declarations, of one school or of all, in the order lists show them.
pub async fn records(conn: &mut Conn, year: i64, school: Option<i64>) -> Result<Vec<DeclarationRecord>, AppError> {
    repo::list(conn, year, school).await
}

/// The year's declarations in one of `statuses`.
pub async fn records_in(conn: &mut Conn, year: i64, statuses: &[Status]) -> Result<Vec<DeclarationRecord>, AppError> {
    Ok(records(conn, year, None).await?.into_iter().filter(|r| statuses.contains(&r.status)).collect())
}

/// Moves a declaration from `from` to `to` with its timeline entry (a system step: no notification).
pub async fn move_status(conn: &mut Conn, id: i64, from: Status, to: Status, by: i64) -> Result<(), AppError> {
    repo::set_status(conn, id, from, to, by, "").await
}

pub async fn thresholds(conn: &mut Conn) -> Result<Thresholds, AppError> {
    repo::thresholds(conn).await
}
