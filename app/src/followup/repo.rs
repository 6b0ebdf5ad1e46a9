//! The `followups` table (server only).

use std::collections::HashMap;

use super::model::FollowUp;
use crate::db::{now, Conn};
use crate::error::AppError;

/// What each school (all of them, or only `school`) submitted for the year, and when, by school.
pub async fn stored(
    conn: &mut Conn,
    school: Option<i64>,
    year: i64,
) -> Result<HashMap<i64, (FollowUp, i64)>, AppError> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT institution_id, content, submitted_at FROM followups WHERE year = $1 \
         AND ($2 IS NULL OR institution_id = $2)",
    )
    .bind(year)
    .bind(school)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(id, json, at)| Ok((id, (serde_json::from_str(&json).map_err(AppError::internal)?, at))))
        .collect()
}

/// Keeps a school's follow-up of the year (a new submission replaces the last).
pub async fn upsert(conn: &mut Conn, school: i64, year: i64, followup: &FollowUp, by: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO followups (institution_id, year, content, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (institution_id, year) DO UPDATE SET content = excluded.content, \
         submitted_by = excluded.submitted_by, submitted_at = excluded.submitted_at",
    )
    .bind(school)
    .bind(year)
    .bind(serde_json::to_string(followup).map_err(AppError::internal)?)
    .bind(by)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
