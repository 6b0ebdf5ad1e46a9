//! SQL for expert review: the year's rubric, experts' areas and conflicts, and assignments with their
//! scores (server only).

use crate::db::{now, Conn};
use crate::error::AppError;

/// An assignment as stored: (id, declaration, expert, conflict note, marks JSON, recommendation code,
/// comment, total in tenths).
pub type Assignment = (i64, i64, i64, Option<String>, Option<String>, Option<String>, String, Option<i64>);

/// (declaration, expert's name, total in tenths, recommendation code, comment) of one scoring expert.
pub type ExpertLine = (i64, String, Option<i64>, Option<String>, String);

/// An active expert: (id, name, declarations of the year held, own institution).
pub type ActiveExpert = (i64, String, i64, Option<i64>);

pub async fn rubric_criteria(conn: &mut Conn, year: i64) -> Result<Option<String>, AppError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT criteria FROM review_rubrics WHERE year = $1")
        .bind(year)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.0))
}

/// How many assignments of the year have been scored.
pub async fn scored_count(conn: &mut Conn, year: i64) -> Result<i64, AppError> {
    let scored: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM review_assignments a JOIN declarations d ON d.id = a.declaration_id \
         WHERE d.year = $1 AND a.scored_at IS NOT NULL",
    )
    .bind(year)
    .fetch_one(&mut *conn)
    .await?;
    Ok(scored.0)
}

pub async fn save_rubric(conn: &mut Conn, year: i64, criteria: &str, by: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO review_rubrics (year, criteria, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (year) DO UPDATE SET criteria = excluded.criteria, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(year)
    .bind(criteria)
    .bind(by)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Replaces an expert's declared conflicts; unknown institutions are skipped.
pub async fn replace_conflicts(conn: &mut Conn, expert: i64, institutions: &[i64]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM expert_conflicts WHERE expert_id = $1").bind(expert).execute(&mut *conn).await?;
    for institution in institutions {
        sqlx::query(
            "INSERT INTO expert_conflicts (expert_id, institution_id) SELECT $1, id FROM institutions WHERE id = $2 \
             ON CONFLICT DO NOTHING",
        )
        .bind(expert)
        .bind(institution)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn add_conflict(conn: &mut Conn, expert: i64, institution: i64) -> Result<(), AppError> {
    sqlx::query("INSERT INTO expert_conflicts (expert_id, institution_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(expert)
        .bind(institution)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn conflicts_of(conn: &mut Conn, expert: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT institution_id FROM expert_conflicts WHERE expert_id = $1")
        .bind(expert)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Every declared conflict: (expert, institution).
pub async fn all_conflicts(conn: &mut Conn) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(sqlx::query_as("SELECT expert_id, institution_id FROM expert_conflicts").fetch_all(&mut *conn).await?)
}

/// Active experts with how many declarations of the year they hold (declined ones do not count).
pub async fn active_experts(conn: &mut Conn, year: i64) -> Result<Vec<ActiveExpert>, AppError> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.display_name, (SELECT COUNT(*) FROM review_assignments r JOIN declarations d \
         ON d.id = r.declaration_id WHERE r.expert_id = a.id AND d.year = $1 AND r.conflict_note IS NULL), \
         a.institution_id FROM accounts a WHERE a.role = 'expert' AND a.status = 'active' ORDER BY a.id",
    )
    .bind(year)
    .fetch_all(&mut *conn)
    .await?)
}

/// Every expert's areas: (expert, area), by area.
pub async fn all_areas(conn: &mut Conn) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as("SELECT expert_id, area FROM expert_areas ORDER BY area").fetch_all(&mut *conn).await?)
}

pub async fn areas_of(conn: &mut Conn, expert: i64) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT area FROM expert_areas WHERE expert_id = $1 ORDER BY area")
        .bind(expert)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn replace_areas(conn: &mut Conn, expert: i64, areas: &[String]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM expert_areas WHERE expert_id = $1").bind(expert).execute(&mut *conn).await?;
    for area in areas {
        sqlx::query("INSERT INTO expert_areas (expert_id, area) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(expert)
            .bind(area)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn insert_assignment(conn: &mut Conn, declaration: i64, expert: i64, by: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO review_assignments (declaration_id, expert_id, assigned_by, assigned_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(declaration)
    .bind(expert)
    .bind(by)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn assignment_exists(conn: &mut Conn, declaration: i64, expert: i64) -> Result<bool, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM review_assignments WHERE declaration_id = $1 AND expert_id = $2")
            .bind(declaration)
            .bind(expert)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.is_some())
}

/// The experts on a declaration, each with whether they declared a conflict on it.
pub async fn experts_on(conn: &mut Conn, declaration: i64) -> Result<Vec<(i64, bool)>, AppError> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT expert_id, CASE WHEN conflict_note IS NULL THEN 0 ELSE 1 END FROM review_assignments \
         WHERE declaration_id = $1",
    )
    .bind(declaration)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(e, declined)| (e, declined == 1)).collect())
}

pub async fn assignment(conn: &mut Conn, id: i64) -> Result<Assignment, AppError> {
    sqlx::query_as(
        "SELECT id, declaration_id, expert_id, conflict_note, marks, recommendation, comment, total_tenths \
         FROM review_assignments WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// Whether an expert holds a (not declined) assignment on a declaration.
pub async fn holds(conn: &mut Conn, expert: i64, declaration: i64) -> Result<bool, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM review_assignments WHERE expert_id = $1 AND declaration_id = $2 AND conflict_note IS NULL",
    )
    .bind(expert)
    .bind(declaration)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.is_some())
}

/// An expert's assignments: (id, declaration, total in tenths, conflict note).
pub async fn assignments_of(
    conn: &mut Conn,
    expert: i64,
) -> Result<Vec<(i64, i64, Option<i64>, Option<String>)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, declaration_id, total_tenths, conflict_note FROM review_assignments WHERE expert_id = $1 ORDER BY id",
    )
    .bind(expert)
    .fetch_all(&mut *conn)
    .await?)
}

pub struct StoredScore<'a> {
    pub marks: &'a str,
    pub tenths: i64,
    pub recommendation: &'a str,
    pub comment: &'a str,
}

pub async fn save_score(conn: &mut Conn, id: i64, score: StoredScore<'_>) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE review_assignments SET marks = $1, total_tenths = $2, recommendation = $3, comment = $4, scored_at = $5 \
         WHERE id = $6",
    )
    .bind(score.marks)
    .bind(score.tenths)
    .bind(score.recommendation)
    .bind(score.comment)
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks an assignment declined for a conflict of interest, dropping any score given.
pub async fn decline(conn: &mut Conn, id: i64, note: &str) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE review_assignments SET conflict_note = $1, marks = NULL, total_tenths = NULL, recommendation = NULL, \
         scored_at = NULL WHERE id = $2",
    )
    .bind(note)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every scoring expert's line of the year, in assignment order.
pub async fn expert_lines(conn: &mut Conn, year: i64) -> Result<Vec<ExpertLine>, AppError> {
    Ok(sqlx::query_as(
        "SELECT r.declaration_id, a.display_name, r.total_tenths, r.recommendation, r.comment FROM review_assignments r \
         JOIN accounts a ON a.id = r.expert_id JOIN declarations d ON d.id = r.declaration_id \
         WHERE d.year = $1 AND r.conflict_note IS NULL ORDER BY r.id",
    )
    .bind(year)
    .fetch_all(&mut *conn)
    .await?)
}
