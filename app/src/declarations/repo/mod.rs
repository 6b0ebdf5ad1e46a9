//! SQL for declarations, their timeline and the settings (server only).

mod client_ops;
mod timeline;

pub use client_ops::{applied_op, chain_produced, latest_applied, record_op};
pub use timeline::{add_event, events, set_status};

use super::flags::Thresholds;
use super::model::{DeclarationContent, DeclarationRecord, LeaderApproval};
use super::state::Status;
use crate::catalog::model::Level;
use crate::db::{now, Conn};
use crate::error::AppError;

/// A declaration's row as the query returns it; [`DeclarationRecord`] is what leaves the repository.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    institution_id: i64,
    institution: String,
    city: String,
    college_id: i64,
    college: String,
    year: i64,
    certificate_id: i64,
    certificate: String,
    level: String,
    lead_id: i64,
    lead: String,
    status: String,
    version: i64,
    content: String,
    planned_count: i64,
    majors: String,
    lead_confirmed: i64,
    leader_approval: Option<String>,
    updated_at: i64,
}

impl Row {
    /// Decodes the stored codes; a code the app does not know is a broken database, not a user's mistake.
    fn decode(self) -> Result<DeclarationRecord, AppError> {
        let status =
            Status::from_code(&self.status).ok_or_else(|| AppError::internal(format!("status {}", self.status)))?;
        let level = Level::parse(&self.level).ok_or_else(|| AppError::internal(format!("level {}", self.level)))?;
        Ok(DeclarationRecord {
            id: self.id,
            institution_id: self.institution_id,
            institution: self.institution,
            city: self.city,
            college_id: self.college_id,
            college: self.college,
            year: self.year,
            certificate_id: self.certificate_id,
            certificate: self.certificate,
            level,
            lead_id: self.lead_id,
            lead: self.lead,
            status,
            version: self.version,
            // Rows written before a field existed read as that field's default.
            content: serde_json::from_str(&self.content).unwrap_or_default(),
            planned_count: self.planned_count,
            majors: self.majors.split(',').filter(|m| !m.is_empty()).map(str::to_string).collect(),
            lead_confirmed: self.lead_confirmed != 0,
            leader_approval: self.leader_approval.as_deref().and_then(|j| serde_json::from_str(j).ok()),
            updated_at: self.updated_at,
        })
    }
}

const SELECT: &str = "SELECT d.id, d.institution_id, i.name AS institution, i.city, d.college_id, c.name AS college, \
     d.year, d.certificate_id, ce.name AS certificate, d.level, d.lead_id, a.display_name AS lead, d.status, d.version, \
     d.content, d.planned_count, d.majors, d.lead_confirmed, d.leader_approval, d.updated_at \
     FROM declarations d JOIN institutions i ON i.id = d.institution_id JOIN colleges c ON c.id = d.college_id \
     JOIN certificates ce ON ce.id = d.certificate_id JOIN accounts a ON a.id = d.lead_id";

pub async fn find(conn: &mut Conn, id: i64) -> Result<DeclarationRecord, AppError> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE d.id = $1")).bind(id).fetch_optional(&mut *conn).await?;
    row.ok_or(AppError::NotFound)?.decode()
}

/// Declarations of a year, of one school or of all; the caller filters further by scope.
pub async fn list(conn: &mut Conn, year: i64, institution_id: Option<i64>) -> Result<Vec<DeclarationRecord>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE d.year = $1 AND ($2 IS NULL OR d.institution_id = $2) ORDER BY i.name, c.name, ce.name, d.level"
    ))
    .bind(year)
    .bind(institution_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Row::decode).collect()
}

pub struct NewDeclaration<'a> {
    pub institution_id: i64,
    pub college_id: i64,
    pub year: i64,
    pub certificate_id: i64,
    pub level: Level,
    pub lead_id: i64,
    pub content: &'a DeclarationContent,
}

pub async fn insert(conn: &mut Conn, d: NewDeclaration<'_>) -> Result<i64, AppError> {
    let json = serde_json::to_string(d.content).map_err(AppError::internal)?;
    let at = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO declarations (institution_id, college_id, year, certificate_id, level, lead_id, status, version, \
         content, planned_count, majors, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $11) \
         RETURNING id",
    )
    .bind(d.institution_id)
    .bind(d.college_id)
    .bind(d.year)
    .bind(d.certificate_id)
    .bind(d.level.code())
    .bind(d.lead_id)
    .bind(Status::Draft.code())
    .bind(json)
    .bind(d.content.planned_count)
    .bind(d.content.majors.join(","))
    .bind(at)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        AppError::from(e).on_duplicate(&["declarations_institution_id_year_certificate_id_level_key"], || {
            AppError::conflict(
                "本校本年度已有该证书该等级的申报书，请在列表中打开它。",
                "The school already has a declaration for this certificate level this year; open it from the list.",
            )
        })
    })?;
    Ok(id)
}

/// Saves new content if the stored version is still `version` and the declaration is editable. Changing
/// the planned number clears the lead's confirmation and the leader's approval, which were about the old
/// number. Returns the new version; `None` when the version or the state moved on.
pub async fn update_content(
    conn: &mut Conn,
    id: i64,
    version: i64,
    content: &DeclarationContent,
) -> Result<Option<i64>, AppError> {
    let json = serde_json::to_string(content).map_err(AppError::internal)?;
    let result = sqlx::query(
        "UPDATE declarations SET content = $1, planned_count = $2, majors = $3, version = version + 1, updated_at = $4, \
         lead_confirmed = CASE WHEN planned_count = $2 THEN lead_confirmed ELSE 0 END, \
         leader_approval = CASE WHEN planned_count = $2 THEN leader_approval ELSE NULL END \
         WHERE id = $5 AND version = $6 AND status IN ('draft', 'returned')",
    )
    .bind(json)
    .bind(content.planned_count)
    .bind(content.majors.join(","))
    .bind(now())
    .bind(id)
    .bind(version)
    .execute(&mut *conn)
    .await?;
    Ok((result.rows_affected() == 1).then_some(version + 1))
}

pub async fn set_lead_confirmed(conn: &mut Conn, id: i64) -> Result<(), AppError> {
    crate::db::touched(
        sqlx::query("UPDATE declarations SET lead_confirmed = 1 WHERE id = $1").bind(id).execute(&mut *conn).await,
    )
}

pub async fn set_leader_approval(conn: &mut Conn, id: i64, approval: &LeaderApproval) -> Result<(), AppError> {
    let json = serde_json::to_string(approval).map_err(AppError::internal)?;
    crate::db::touched(
        sqlx::query("UPDATE declarations SET leader_approval = $1 WHERE id = $2")
            .bind(json)
            .bind(id)
            .execute(&mut *conn)
            .await,
    )
}

pub async fn thresholds(conn: &mut Conn) -> Result<Thresholds, AppError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT key, value FROM settings WHERE key IN ('flag_high', 'flag_low')")
            .fetch_all(&mut *conn)
            .await?;
    let mut t = Thresholds::default();
    for (key, value) in rows {
        let Ok(n) = value.parse::<i64>() else { continue };
        match key.as_str() {
            "flag_high" => t.high = n,
            _ => t.low = n,
        }
    }
    Ok(t)
}

pub async fn set_thresholds(conn: &mut Conn, t: Thresholds) -> Result<(), AppError> {
    for (key, value) in [("flag_high", t.high), ("flag_low", t.low)] {
        sqlx::query(
            "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value.to_string())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
