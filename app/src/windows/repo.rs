//! The `application_windows` table (server only).

use super::model::ApplicationWindow;
use crate::db::Conn;
use crate::error::AppError;

pub async fn find_window(conn: &mut Conn, year: i64) -> Result<Option<ApplicationWindow>, AppError> {
    let row: Option<(i64, i64)> = sqlx::query_as("SELECT opens_at, closes_at FROM application_windows WHERE year = $1")
        .bind(year)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|(opens_at, closes_at)| ApplicationWindow { year, opens_at, closes_at }))
}

/// Sets (or moves) the window of its year.
pub async fn upsert_window(conn: &mut Conn, window: &ApplicationWindow, by: i64, at: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO application_windows (year, opens_at, closes_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (year) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at, \
         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(window.year)
    .bind(window.opens_at)
    .bind(window.closes_at)
    .bind(by)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
