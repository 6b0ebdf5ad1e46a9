//! SQL for organizations, certificates and offerings (server only).

use super::equipment::EquipmentItem;
use super::model::{CertificateDetail, CertificateSummary, Level, Offering, Organization};
use crate::db::{now, placeholders, Conn};
use crate::error::AppError;

mod assessments;
mod history;
mod majors;
pub mod organizations;
pub mod requests;
pub mod search;

pub use assessments::{assessments, save_assessment};
pub use history::history;
use majors::MajorRow;
pub use majors::{eligible_codes, find_major, major_categories, majors_by_code, majors_with_open_certificates};

/// Certificates (all of them, or those with the given ids) with the levels open in `year`.
pub async fn list_certificates(
    conn: &mut Conn,
    ids: Option<&[i64]>,
    year: i64,
) -> Result<Vec<CertificateSummary>, AppError> {
    let filter = ids.map(|ids| format!("WHERE c.id IN ({})", placeholders(1, ids.len()))).unwrap_or_default();
    let sql = format!(
        "SELECT c.id, c.name, o.name, c.is_demo FROM certificates c JOIN organizations o ON o.id = c.organization_id \
         {filter} ORDER BY c.name"
    );
    let mut query = sqlx::query_as::<_, (i64, String, String, i64)>(&sql);
    for id in ids.unwrap_or_default() {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let open: Vec<(i64, String)> =
        sqlx::query_as("SELECT certificate_id, level FROM offerings WHERE year = $1 AND is_open = 1")
            .bind(year)
            .fetch_all(&mut *conn)
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

pub async fn get_certificate(conn: &mut Conn, id: i64) -> Result<CertificateDetail, AppError> {
    let (name, standard_url, organization_id, is_demo): (String, String, i64, i64) =
        sqlx::query_as("SELECT name, standard_url, organization_id, is_demo FROM certificates WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or(AppError::NotFound)?;
    let organization: Organization =
        sqlx::query_as("SELECT id, name, contact_name, contact_phone, contact_email FROM organizations WHERE id = $1")
            .bind(organization_id)
            .fetch_one(&mut *conn)
            .await?;
    let rows: Vec<OfferingRow> = sqlx::query_as(
        "SELECT year, level, is_open, fee_fen, cap_fen, site_conditions, exam_plan, training_plan FROM offerings \
         WHERE certificate_id = $1 ORDER BY year DESC",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let majors: Vec<(i64, String, MajorRow)> = sqlx::query_as::<_, (i64, String, String, String, String, String)>(
        "SELECT om.year, om.level, m.code, m.name, m.education_level, m.category FROM offering_majors om \
         JOIN majors m ON m.code = om.major_code WHERE om.certificate_id = $1 ORDER BY m.code",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(year, level, code, name, education_level, category)| {
        (year, level, MajorRow { code, name, education_level, category })
    })
    .collect();
    let equipment: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT year, level, item, spec, quantity FROM offering_equipment WHERE certificate_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
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
                equipment: equipment
                    .iter()
                    .filter(|(year, level, ..)| *year == r.year && *level == r.level)
                    .map(|(_, _, item, spec, quantity)| EquipmentItem {
                        item: item.clone(),
                        spec: spec.clone(),
                        quantity: *quantity,
                    })
                    .collect(),
                eligible_majors,
            })
        })
        .collect();
    offerings.sort_by_key(|o| (-o.year, Level::ALL.iter().position(|l| *l == o.level)));
    Ok(CertificateDetail {
        id,
        name,
        standard_url,
        organization,
        offerings,
        is_demo: is_demo != 0,
        history: Vec::new(),
        current_year: crate::ui::time::shanghai_year(now()),
        assessments: Vec::new(),
    })
}

pub async fn certificate_organization(conn: &mut Conn, certificate_id: i64) -> Result<i64, AppError> {
    let (organization_id,): (i64,) = sqlx::query_as("SELECT organization_id FROM certificates WHERE id = $1")
        .bind(certificate_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(organization_id)
}

pub async fn find_cap(conn: &mut Conn, certificate_id: i64, year: i64, level: Level) -> Result<Option<i64>, AppError> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT cap_fen FROM offerings WHERE certificate_id = $1 AND year = $2 AND level = $3")
            .bind(certificate_id)
            .bind(year)
            .bind(level.code())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.and_then(|r| r.0))
}

/// Saves one level of one year as a whole (fields, cap, equipment list, eligible majors) and records what
/// changed, in one transaction. `old` is the stored offering the changes are described against.
pub async fn save_offering(
    conn: &mut Conn,
    certificate_id: i64,
    old: Option<&Offering>,
    o: &Offering,
    by: i64,
) -> Result<(), AppError> {
    let changes = super::history::describe_changes(old, o);
    if changes.is_empty() {
        return Ok(());
    }
    let at = now();
    let key = OfferingKey { certificate_id, year: o.year, level: o.level.code() };
    upsert_offering(conn, &key, o, by, at).await?;
    replace_equipment(conn, &key, o).await?;
    replace_majors(conn, &key, o).await?;
    let json = serde_json::to_string(&changes).map_err(AppError::internal)?;
    sqlx::query(
        "INSERT INTO offering_history (certificate_id, year, level, account_id, changed_at, changes) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(key.certificate_id)
    .bind(key.year)
    .bind(key.level)
    .bind(by)
    .bind(at)
    .bind(json)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Which offering a row belongs to: a certificate's level in a year.
struct OfferingKey {
    certificate_id: i64,
    year: i64,
    level: &'static str,
}

async fn upsert_offering(conn: &mut Conn, key: &OfferingKey, o: &Offering, by: i64, at: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO offerings (certificate_id, year, level, is_open, fee_fen, cap_fen, site_conditions, exam_plan, \
         training_plan, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (certificate_id, year, level) DO UPDATE SET is_open = excluded.is_open, fee_fen = excluded.fee_fen, \
         cap_fen = excluded.cap_fen, site_conditions = excluded.site_conditions, exam_plan = excluded.exam_plan, \
         training_plan = excluded.training_plan, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(key.certificate_id)
    .bind(key.year)
    .bind(key.level)
    .bind(i64::from(o.is_open))
    .bind(o.fee_fen)
    .bind(o.cap_fen)
    .bind(o.site_conditions.trim())
    .bind(o.exam_plan.trim())
    .bind(o.training_plan.trim())
    .bind(by)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

const OFFERING_KEY: &str = "certificate_id = $1 AND year = $2 AND level = $3";

async fn replace_equipment(conn: &mut Conn, key: &OfferingKey, o: &Offering) -> Result<(), AppError> {
    sqlx::query(&format!("DELETE FROM offering_equipment WHERE {OFFERING_KEY}"))
        .bind(key.certificate_id)
        .bind(key.year)
        .bind(key.level)
        .execute(&mut *conn)
        .await?;
    for (position, e) in o.equipment.iter().enumerate() {
        sqlx::query(
            "INSERT INTO offering_equipment (certificate_id, year, level, position, item, spec, quantity) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(key.certificate_id)
        .bind(key.year)
        .bind(key.level)
        .bind(position as i64)
        .bind(&e.item)
        .bind(&e.spec)
        .bind(e.quantity)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn replace_majors(conn: &mut Conn, key: &OfferingKey, o: &Offering) -> Result<(), AppError> {
    sqlx::query(&format!("DELETE FROM offering_majors WHERE {OFFERING_KEY}"))
        .bind(key.certificate_id)
        .bind(key.year)
        .bind(key.level)
        .execute(&mut *conn)
        .await?;
    for m in &o.eligible_majors {
        sqlx::query("INSERT INTO offering_majors (certificate_id, year, level, major_code) VALUES ($1, $2, $3, $4)")
            .bind(key.certificate_id)
            .bind(key.year)
            .bind(key.level)
            .bind(&m.code)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The certificate levels open in `year`: (certificate id, certificate name, level).
pub async fn open_offerings(conn: &mut Conn, year: i64) -> Result<Vec<(i64, String, Level)>, AppError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT c.id, c.name, o.level FROM offerings o JOIN certificates c ON c.id = o.certificate_id \
         WHERE o.year = $1 AND o.is_open = 1 ORDER BY c.name",
    )
    .bind(year)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().filter_map(|(id, name, level)| Some((id, name, Level::parse(&level)?))).collect())
}
