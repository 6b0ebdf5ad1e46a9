//! SQL for organizations, certificates and offerings (server only).

use super::model::{CertificateDetail, CertificateSummary, EducationLevel, Level, Major, Offering, Organization};
use crate::db::{like_pattern, now, Pool};
use crate::error::AppError;

/// Certificates whose name or organization matches, with the levels open in `year`.
pub async fn list_certificates(pool: &Pool, query: &str, year: i64) -> Result<Vec<CertificateSummary>, AppError> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT c.id, c.name, o.name, c.is_demo FROM certificates c JOIN organizations o ON o.id = c.organization_id \
         WHERE c.name LIKE $1 ESCAPE '\\' OR o.name LIKE $1 ESCAPE '\\' ORDER BY c.name",
    )
    .bind(like_pattern(query))
    .fetch_all(pool)
    .await?;
    let open: Vec<(i64, String)> =
        sqlx::query_as("SELECT certificate_id, level FROM offerings WHERE year = $1 AND is_open = 1")
            .bind(year)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, organization, is_demo)| CertificateSummary {
            open_levels: Level::ALL
                .into_iter()
                .filter(|l| open.iter().any(|(c, level)| *c == id && level == l.code()))
                .collect(),
            id,
            name,
            organization,
            is_demo: is_demo != 0,
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct OfferingRow {
    year: i64,
    level: String,
    is_open: i64,
    fee_fen: i64,
    cap_fen: Option<i64>,
    site_conditions: String,
    exam_plan: String,
    training_plan: String,
}

pub async fn get_certificate(pool: &Pool, id: i64) -> Result<CertificateDetail, AppError> {
    let (name, standard_url, organization_id, is_demo): (String, String, i64, i64) =
        sqlx::query_as("SELECT name, standard_url, organization_id, is_demo FROM certificates WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?
            .ok_or(AppError::NotFound)?;
    let organization: Organization =
        sqlx::query_as("SELECT id, name, contact_name, contact_phone, contact_email FROM organizations WHERE id = $1")
            .bind(organization_id)
            .fetch_one(pool)
            .await?;
    let rows: Vec<OfferingRow> = sqlx::query_as(
        "SELECT year, level, is_open, fee_fen, cap_fen, site_conditions, exam_plan, training_plan FROM offerings \
         WHERE certificate_id = $1 ORDER BY year DESC",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let majors: Vec<(i64, String, MajorRow)> = sqlx::query_as::<_, (i64, String, String, String, String, String)>(
        "SELECT om.year, om.level, m.code, m.name, m.education_level, m.category FROM offering_majors om \
         JOIN majors m ON m.code = om.major_code WHERE om.certificate_id = $1 ORDER BY m.code",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(year, level, code, name, education_level, category)| {
        (year, level, MajorRow { code, name, education_level, category })
    })
    .collect();
    let mut offerings: Vec<Offering> = rows
        .into_iter()
        .filter_map(|r| {
            let eligible_majors = majors
                .iter()
                .filter(|(year, level, _)| *year == r.year && *level == r.level)
                .filter_map(|(_, _, m)| m.clone().into_major())
                .collect();
            Some(Offering {
                year: r.year,
                level: Level::parse(&r.level)?,
                is_open: r.is_open != 0,
                fee_fen: r.fee_fen,
                cap_fen: r.cap_fen,
                site_conditions: r.site_conditions,
                exam_plan: r.exam_plan,
                training_plan: r.training_plan,
                eligible_majors,
            })
        })
        .collect();
    offerings.sort_by_key(|o| (-o.year, Level::ALL.iter().position(|l| *l == o.level)));
    Ok(CertificateDetail { id, name, standard_url, organization, offerings, is_demo: is_demo != 0 })
}

pub async fn certificate_organization(pool: &Pool, certificate_id: i64) -> Result<i64, AppError> {
    let (organization_id,): (i64,) = sqlx::query_as("SELECT organization_id FROM certificates WHERE id = $1")
        .bind(certificate_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(organization_id)
}

pub async fn find_cap(pool: &Pool, certificate_id: i64, year: i64, level: Level) -> Result<Option<i64>, AppError> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT cap_fen FROM offerings WHERE certificate_id = $1 AND year = $2 AND level = $3")
            .bind(certificate_id)
            .bind(year)
            .bind(level.code())
            .fetch_optional(pool)
            .await?;
    Ok(row.and_then(|r| r.0))
}

/// Inserts or updates what the organization maintains for one level in one year (never the cap).
pub async fn upsert_offering(pool: &Pool, certificate_id: i64, o: &Offering, by: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO offerings (certificate_id, year, level, is_open, fee_fen, site_conditions, exam_plan, training_plan, \
         updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (certificate_id, year, level) DO UPDATE SET is_open = excluded.is_open, fee_fen = excluded.fee_fen, \
         site_conditions = excluded.site_conditions, exam_plan = excluded.exam_plan, \
         training_plan = excluded.training_plan, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(certificate_id)
    .bind(o.year)
    .bind(o.level.code())
    .bind(i64::from(o.is_open))
    .bind(o.fee_fen)
    .bind(o.site_conditions.trim())
    .bind(o.exam_plan.trim())
    .bind(o.training_plan.trim())
    .bind(by)
    .bind(now())
    .execute(pool)
    .await?;
    Ok(())
}

/// The secretariat's cost cap for one level in one year (the offering must exist).
pub async fn set_cap(pool: &Pool, certificate_id: i64, year: i64, level: Level, cap_fen: i64) -> Result<(), AppError> {
    crate::db::touched(
        sqlx::query(
            "UPDATE offerings SET cap_fen = $1, updated_at = $2 WHERE certificate_id = $3 AND year = $4 AND level = $5",
        )
        .bind(cap_fen)
        .bind(now())
        .bind(certificate_id)
        .bind(year)
        .bind(level.code())
        .execute(pool)
        .await,
    )
}

#[derive(Clone, sqlx::FromRow)]
struct MajorRow {
    code: String,
    name: String,
    education_level: String,
    category: String,
}

impl MajorRow {
    fn into_major(self) -> Option<Major> {
        Some(Major {
            education_level: EducationLevel::parse(&self.education_level)?,
            code: self.code,
            name: self.name,
            category: self.category,
        })
    }
}

pub async fn find_major(pool: &Pool, code: &str) -> Result<Option<Major>, AppError> {
    let row: Option<MajorRow> =
        sqlx::query_as("SELECT code, name, education_level, category FROM majors WHERE code = $1")
            .bind(code.trim())
            .fetch_optional(pool)
            .await?;
    Ok(row.and_then(MajorRow::into_major))
}

pub async fn eligible_codes(
    pool: &Pool,
    certificate_id: i64,
    year: i64,
    level: Level,
) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT major_code FROM offering_majors WHERE certificate_id = $1 AND year = $2 AND level = $3")
            .bind(certificate_id)
            .bind(year)
            .bind(level.code())
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
