//! The `lead_institutions` and `results_publications` tables (server only).

use crate::db::{now, Conn};
use crate::error::AppError;

/// (notice id, published at) of the year's publication.
pub async fn publication(conn: &mut Conn, year: i64) -> Result<Option<(i64, i64)>, AppError> {
    Ok(sqlx::query_as("SELECT notice_id, published_at FROM results_publications WHERE year = $1")
        .bind(year)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn upsert_publication(conn: &mut Conn, year: i64, notice_id: i64, by: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO results_publications (year, notice_id, published_by, published_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (year) DO UPDATE SET published_by = excluded.published_by, published_at = excluded.published_at",
    )
    .bind(year)
    .bind(notice_id)
    .bind(by)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The year's lead institutions as (certificate, institution).
pub async fn leads(conn: &mut Conn, year: i64) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(sqlx::query_as("SELECT certificate_id, institution_id FROM lead_institutions WHERE year = $1")
        .bind(year)
        .fetch_all(&mut *conn)
        .await?)
}

/// The year's lead institutions with their certificate's name: (certificate, name, institution), by name.
pub async fn leads_with_names(conn: &mut Conn, year: i64) -> Result<Vec<(i64, String, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT l.certificate_id, c.name, l.institution_id FROM lead_institutions l \
         JOIN certificates c ON c.id = l.certificate_id WHERE l.year = $1 ORDER BY c.name",
    )
    .bind(year)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn upsert_lead(
    conn: &mut Conn,
    (certificate_id, year): (i64, i64),
    institution_id: i64,
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO lead_institutions (certificate_id, year, institution_id, named_by, named_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (certificate_id, year) DO UPDATE SET institution_id = excluded.institution_id, \
         named_by = excluded.named_by, named_at = excluded.named_at",
    )
    .bind(certificate_id)
    .bind(year)
    .bind(institution_id)
    .bind(by)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
