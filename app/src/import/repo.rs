//! The reports of imports (table `import_reports`), each readable by the account that ran it.

use crate::db::{now, Conn};
use crate::error::AppError;

use super::model::ImportReport;

/// Keeps an import's report for the account that ran it.
pub async fn insert_report(conn: &mut Conn, account_id: i64, report: &ImportReport) -> Result<i64, AppError> {
    let json = serde_json::to_string(report).map_err(AppError::internal)?;
    let (id,): (i64,) =
        sqlx::query_as("INSERT INTO import_reports (account_id, created_at, report) VALUES ($1, $2, $3) RETURNING id")
            .bind(account_id)
            .bind(now())
            .bind(json)
            .fetch_one(&mut *conn)
            .await?;
    Ok(id)
}

/// A report, readable only by the account that ran the import.
pub async fn load_report(conn: &mut Conn, id: i64, account_id: i64) -> Result<ImportReport, AppError> {
    let (json,): (String,) = sqlx::query_as("SELECT report FROM import_reports WHERE id = $1 AND account_id = $2")
        .bind(id)
        .bind(account_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    serde_json::from_str(&json).map_err(AppError::internal)
}
