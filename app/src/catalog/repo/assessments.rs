//! SQL for schools' self-assessments of an offering's equipment list.

use crate::catalog::equipment::AssessmentLine;
use crate::catalog::model::{Level, OfferingAssessment};
use crate::db::{now, Conn};
use crate::error::AppError;

/// A school's self-assessments of one certificate's equipment lists.
pub async fn assessments(
    conn: &mut Conn,
    institution_id: i64,
    certificate_id: i64,
) -> Result<Vec<OfferingAssessment>, AppError> {
    let rows: Vec<(i64, String, String, i64, i64, String, i64)> = sqlx::query_as(
        "SELECT year, level, item, has_it, quantity, note, updated_at FROM equipment_assessments \
         WHERE institution_id = $1 AND certificate_id = $2 ORDER BY year, level, item",
    )
    .bind(institution_id)
    .bind(certificate_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<OfferingAssessment> = Vec::new();
    for (year, level, item, has_it, quantity, note, updated_at) in rows {
        let Some(level) = Level::parse(&level) else { continue };
        let line = AssessmentLine { item, has_it: has_it != 0, quantity, note };
        match out.iter_mut().find(|a| a.year == year && a.level == level) {
            Some(a) => {
                a.lines.push(line);
                a.updated_at = a.updated_at.max(updated_at);
            }
            None => out.push(OfferingAssessment { year, level, lines: vec![line], updated_at }),
        }
    }
    Ok(out)
}

/// Replaces a school's self-assessment of one offering.
pub async fn save_assessment(
    conn: &mut Conn,
    institution_id: i64,
    certificate_id: i64,
    year: i64,
    level: Level,
    lines: &[AssessmentLine],
    by: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "DELETE FROM equipment_assessments WHERE institution_id = $1 AND certificate_id = $2 AND year = $3 AND level = $4",
    )
    .bind(institution_id)
    .bind(certificate_id)
    .bind(year)
    .bind(level.code())
    .execute(&mut *conn)
    .await?;
    for l in lines {
        sqlx::query(
            "INSERT INTO equipment_assessments (institution_id, certificate_id, year, level, item, has_it, quantity, \
             note, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(institution_id)
        .bind(certificate_id)
        .bind(year)
        .bind(level.code())
        .bind(&l.item)
        .bind(i64::from(l.has_it))
        .bind(l.quantity)
        .bind(&l.note)
        .bind(by)
        .bind(now())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
