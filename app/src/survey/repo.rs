//! The `survey_rows` and `survey_steps` tables (server only).

use super::model::{SurveyRow, SurveyStep};
use crate::catalog::model::Level;
use crate::db::{now, Conn};
use crate::error::AppError;

/// A school's rows of the year, by college name.
pub async fn rows(conn: &mut Conn, school: i64, year: i64) -> Result<Vec<SurveyRow>, AppError> {
    type Row = (i64, i64, String, i64, String, String, String, i64, Option<i64>, Option<String>, String, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.college_id, c.name, s.certificate_id, ce.name, s.level, s.majors, s.students_willing, \
         s.proposed_lead_id, a.display_name, s.note, s.declaration_id FROM survey_rows s \
         JOIN colleges c ON c.id = s.college_id JOIN certificates ce ON ce.id = s.certificate_id \
         LEFT JOIN accounts a ON a.id = s.proposed_lead_id WHERE s.institution_id = $1 AND s.year = $2 ORDER BY c.name, s.id",
    )
    .bind(school)
    .bind(year)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(
                id,
                college_id,
                college,
                certificate_id,
                certificate,
                level,
                majors,
                students,
                lead_id,
                lead,
                note,
                decl,
            )| {
                Some(SurveyRow {
                    id,
                    college_id,
                    college,
                    certificate_id,
                    certificate,
                    level: Level::parse(&level)?,
                    majors: majors.split(',').filter(|m| !m.is_empty()).map(str::to_string).collect(),
                    students_willing: students,
                    proposed_lead: lead_id.zip(lead),
                    note,
                    declaration_id: decl,
                })
            },
        )
        .collect())
}

pub async fn steps(conn: &mut Conn, school: i64, year: i64) -> Result<Vec<SurveyStep>, AppError> {
    let steps: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT step, done_on, note FROM survey_steps WHERE institution_id = $1 AND year = $2 ORDER BY step",
    )
    .bind(school)
    .bind(year)
    .fetch_all(&mut *conn)
    .await?;
    Ok(steps.into_iter().map(|(step, done_on, note)| SurveyStep { step: step as usize, done_on, note }).collect())
}

pub struct NewRow<'a> {
    pub school: i64,
    pub year: i64,
    pub college_id: i64,
    pub certificate_id: i64,
    pub level: Level,
    pub majors: &'a [String],
    pub students: i64,
    pub lead: Option<i64>,
    pub note: &'a str,
    pub by: i64,
}

pub async fn insert_row(conn: &mut Conn, r: &NewRow<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO survey_rows (institution_id, year, college_id, certificate_id, level, majors, students_willing, \
         proposed_lead_id, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(r.school)
    .bind(r.year)
    .bind(r.college_id)
    .bind(r.certificate_id)
    .bind(r.level.code())
    .bind(r.majors.join(","))
    .bind(r.students)
    .bind(r.lead)
    .bind(r.note)
    .bind(r.by)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records (or re-dates) one of the four decision steps.
pub async fn upsert_step(
    conn: &mut Conn,
    (school, year, step): (i64, i64, i64),
    done_on: &str,
    note: &str,
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO survey_steps (institution_id, year, step, done_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (institution_id, year, step) DO UPDATE SET done_on = excluded.done_on, note = excluded.note, \
         recorded_by = excluded.recorded_by",
    )
    .bind(school)
    .bind(year)
    .bind(step)
    .bind(done_on)
    .bind(note)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn link_declaration(conn: &mut Conn, row: i64, declaration: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE survey_rows SET declaration_id = $1 WHERE id = $2")
        .bind(declaration)
        .bind(row)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
