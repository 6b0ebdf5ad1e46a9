//! SQL for the institution registry, colleges, registrations and addition requests (server only).

use super::model::{
    AdditionRequest, AdditionRequestInput, College, Institution, InstitutionInput, PendingRegistration, RegistryHit,
};
use crate::db::{like_pattern, now, touched, Conn};
use crate::error::AppError;

/// The unique keys services name in their refusals (`AppError::on_duplicate`); both databases report these
/// names for column constraints.
pub const UNIQUE_NAME: &str = "institutions_name_key";
pub const UNIQUE_CREDIT_CODE: &str = "institutions_credit_code_key";
pub const UNIQUE_COLLEGE: &str = "colleges_institution_id_name_key";

#[derive(sqlx::FromRow)]
struct InstitutionRow {
    id: i64,
    name: String,
    kind: String,
    city: String,
    credit_code: String,
    school_code: String,
    website: String,
    address: String,
    contact_name: String,
    contact_mobile: String,
    contact_email: String,
    is_demo: i64,
    coordinators: i64,
}

impl From<InstitutionRow> for Institution {
    fn from(r: InstitutionRow) -> Self {
        Institution {
            id: r.id,
            name: r.name,
            kind: r.kind,
            city: r.city,
            credit_code: r.credit_code,
            school_code: r.school_code,
            website: r.website,
            address: r.address,
            contact_name: r.contact_name,
            contact_mobile: r.contact_mobile,
            contact_email: r.contact_email,
            is_demo: r.is_demo != 0,
            has_coordinator: r.coordinators > 0,
        }
    }
}

const SELECT_INSTITUTION: &str = "SELECT i.id, i.name, i.kind, i.city, i.credit_code, i.school_code, i.website, i.address, \
     i.contact_name, i.contact_mobile, i.contact_email, i.is_demo, \
     (SELECT COUNT(*) FROM accounts a WHERE a.institution_id = i.id AND a.role = 'coordinator' AND a.status <> 'disabled') \
     AS coordinators FROM institutions i";

pub async fn list_institutions(conn: &mut Conn, query: &str) -> Result<Vec<Institution>, AppError> {
    let rows: Vec<InstitutionRow> = sqlx::query_as(&format!(
        "{SELECT_INSTITUTION} WHERE LOWER(i.name) LIKE $1 ESCAPE '\\' OR LOWER(i.credit_code) LIKE $1 ESCAPE '\\' ORDER BY i.city, i.name"
    ))
    .bind(like_pattern(query))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(Institution::from).collect())
}

pub async fn get_institution(conn: &mut Conn, id: i64) -> Result<Institution, AppError> {
    let row: InstitutionRow = sqlx::query_as(&format!("{SELECT_INSTITUTION} WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(row.into())
}

/// What an unregistered school may see when it looks itself up: name, city, registered or not.
pub async fn search_registry(conn: &mut Conn, query: &str) -> Result<Vec<RegistryHit>, AppError> {
    if query.trim().chars().count() < 2 {
        return Ok(Vec::new());
    }
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT i.id, i.name, i.city, (SELECT COUNT(*) FROM accounts a WHERE a.institution_id = i.id \
         AND a.role = 'coordinator' AND a.status <> 'disabled') FROM institutions i \
         WHERE LOWER(i.name) LIKE $1 ESCAPE '\\' ORDER BY i.name LIMIT 20",
    )
    .bind(like_pattern(query))
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(id, name, city, n)| RegistryHit { id, name, city, registered: n > 0 }).collect())
}

pub async fn find_institution_id_by_credit_code(conn: &mut Conn, code: &str) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM institutions WHERE credit_code = $1")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.0))
}

pub async fn insert_institution(conn: &mut Conn, input: &InstitutionInput, is_demo: bool) -> Result<i64, AppError> {
    let ts = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO institutions (name, kind, city, credit_code, school_code, website, address, is_demo, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(&input.name)
    .bind(&input.kind)
    .bind(&input.city)
    .bind(&input.credit_code)
    .bind(&input.school_code)
    .bind(&input.website)
    .bind(&input.address)
    .bind(i64::from(is_demo))
    .bind(ts)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// The names of other institutions (not `except`) holding this school code.
pub async fn names_with_school_code(conn: &mut Conn, code: &str, except: i64) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM institutions WHERE school_code = $1 AND id <> $2 ORDER BY name LIMIT 5")
            .bind(code)
            .bind(except)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn update_institution(conn: &mut Conn, id: i64, input: &InstitutionInput) -> Result<(), AppError> {
    touched(sqlx::query(
        "UPDATE institutions SET name = $1, kind = $2, city = $3, credit_code = $4, school_code = $5, website = $6, \
         address = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(&input.name)
    .bind(&input.kind)
    .bind(&input.city)
    .bind(&input.credit_code)
    .bind(&input.school_code)
    .bind(&input.website)
    .bind(&input.address)
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await)
}

pub async fn update_contact(conn: &mut Conn, id: i64, name: &str, mobile: &str, email: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE institutions SET contact_name = $1, contact_mobile = $2, contact_email = $3, updated_at = $4 WHERE id = $5")
        .bind(name)
        .bind(mobile)
        .bind(email)
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn list_colleges(conn: &mut Conn, institution_id: i64) -> Result<Vec<College>, AppError> {
    let rows: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT id, institution_id, name FROM colleges WHERE institution_id = $1 ORDER BY name")
            .bind(institution_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|(id, institution_id, name)| College { id, institution_id, name }).collect())
}

pub async fn insert_college(conn: &mut Conn, institution_id: i64, name: &str) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as("INSERT INTO colleges (institution_id, name) VALUES ($1, $2) RETURNING id")
        .bind(institution_id)
        .bind(name)
        .fetch_one(&mut *conn)
        .await?;
    Ok(id)
}

pub async fn insert_addition_request(conn: &mut Conn, input: &AdditionRequestInput) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO addition_requests (name, city, note, contact_name, contact_mobile, contact_email, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) RETURNING id",
    )
    .bind(input.name.trim())
    .bind(&input.city)
    .bind(input.note.trim())
    .bind(input.contact.contact_name.trim())
    .bind(input.contact.contact_mobile.trim())
    .bind(input.contact.contact_email.trim())
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn list_open_requests(conn: &mut Conn) -> Result<Vec<AdditionRequest>, AppError> {
    type Row = (i64, String, String, String, String, String, String, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, city, note, contact_name, contact_mobile, contact_email, created_at FROM addition_requests \
         WHERE status = 'open' ORDER BY created_at",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, city, note, contact_name, contact_mobile, contact_email, created_at)| AdditionRequest {
            id,
            name,
            city,
            note,
            contact_name,
            contact_mobile,
            contact_email,
            created_at,
        })
        .collect())
}

pub async fn close_request(conn: &mut Conn, id: i64, status: &str, by: i64) -> Result<(), AppError> {
    touched(sqlx::query(
        "UPDATE addition_requests SET status = $1, closed_by = $2, closed_at = $3 WHERE id = $4 AND status = 'open'",
    )
    .bind(status)
    .bind(by)
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await)
}

pub async fn list_pending_registrations(conn: &mut Conn) -> Result<Vec<PendingRegistration>, AppError> {
    type Row = (i64, String, i64, String, String, String, String, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT a.id AS account_id, a.username, i.id AS institution_id, i.name AS institution_name, \
         a.display_name AS contact_name, COALESCE(a.mobile, '') AS contact_mobile, COALESCE(a.email, '') AS contact_email, \
         a.created_at FROM accounts a JOIN institutions i ON i.id = a.institution_id \
         WHERE a.role = 'coordinator' AND a.status = 'pending' ORDER BY a.created_at",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                account_id,
                username,
                institution_id,
                institution_name,
                contact_name,
                contact_mobile,
                contact_email,
                created_at,
            )| {
                PendingRegistration {
                    account_id,
                    username,
                    institution_id,
                    institution_name,
                    contact_name,
                    contact_mobile,
                    contact_email,
                    created_at,
                }
            },
        )
        .collect())
}

/// Every institution (id, name), by name.
pub async fn institution_names(conn: &mut Conn) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as("SELECT id, name FROM institutions ORDER BY name").fetch_all(&mut *conn).await?)
}
