//! The `major_requests` table: a school asks a certificate's organization to add a major.

use crate::catalog::model::{Level, MajorRequest, RequestStatus};
use crate::db::{now, Conn};
use crate::error::AppError;
use crate::i18n::Text;

pub struct NewRequest<'a> {
    pub certificate_id: i64,
    pub year: i64,
    pub level: Level,
    pub major_code: &'a str,
    pub institution_id: i64,
    pub by: i64,
}

pub async fn insert_request(conn: &mut Conn, r: &NewRequest<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO major_requests (certificate_id, year, level, major_code, institution_id, requested_by, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)",
    )
    .bind(r.certificate_id)
    .bind(r.year)
    .bind(r.level.code())
    .bind(r.major_code)
    .bind(r.institution_id)
    .bind(r.by)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whose requests: an organization's (for its certificates) or a school's (its own).
pub enum RequestsOf {
    Organization(i64),
    School(i64),
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    certificate: String,
    year: i64,
    level: String,
    major_code: String,
    major_name: String,
    institution: String,
    status: String,
}

/// Requests, newest first.
pub async fn list_requests(conn: &mut Conn, of: RequestsOf) -> Result<Vec<MajorRequest>, AppError> {
    let (column, id) = match of {
        RequestsOf::Organization(id) => ("c.organization_id", id),
        RequestsOf::School(id) => ("r.institution_id", id),
    };
    let rows: Vec<RequestRow> = sqlx::query_as(&format!(
        "SELECT r.id, c.name AS certificate, r.year, r.level, r.major_code, m.name AS major_name, \
         i.name AS institution, r.status FROM major_requests r \
         JOIN certificates c ON c.id = r.certificate_id JOIN majors m ON m.code = r.major_code \
         JOIN institutions i ON i.id = r.institution_id WHERE {column} = $1 ORDER BY r.created_at DESC"
    ))
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(MajorRequest {
                id: r.id,
                certificate: r.certificate,
                year: r.year,
                level: Level::parse(&r.level)?,
                major_code: r.major_code,
                major_name: r.major_name,
                institution: r.institution,
                status: RequestStatus::from_code(&r.status)?,
            })
        })
        .collect())
}

/// An open request: (certificate, year, level, major code, the certificate's organization).
pub async fn find_open_request(conn: &mut Conn, id: i64) -> Result<(i64, i64, String, String, i64), AppError> {
    let row: Option<(i64, i64, String, String, i64)> = sqlx::query_as(
        "SELECT r.certificate_id, r.year, r.level, r.major_code, c.organization_id FROM major_requests r \
         JOIN certificates c ON c.id = r.certificate_id WHERE r.id = $1 AND r.status = 'open'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.ok_or(AppError::NotFound)
}

pub async fn set_decision(conn: &mut Conn, id: i64, accepted: bool, by: i64) -> Result<(), AppError> {
    crate::db::touched(
        sqlx::query("UPDATE major_requests SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4")
            .bind(if accepted { "accepted" } else { "declined" })
            .bind(by)
            .bind(now())
            .bind(id)
            .execute(&mut *conn)
            .await,
    )
}

/// Makes a major eligible for an offering, and says so in the offering's history (one transaction with the
/// decision that caused it).
pub async fn add_offering_major(
    conn: &mut Conn,
    (certificate_id, year, level): (i64, i64, &str),
    major_code: &str,
    change: &[Text],
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO offering_majors (certificate_id, year, level, major_code) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(certificate_id)
    .bind(year)
    .bind(level)
    .bind(major_code)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO offering_history (certificate_id, year, level, account_id, changed_at, changes) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(certificate_id)
    .bind(year)
    .bind(level)
    .bind(by)
    .bind(now())
    .bind(serde_json::to_string(change).map_err(AppError::internal)?)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
