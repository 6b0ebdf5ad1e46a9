//! SQL for the major catalog: majors by code, an offering's eligible majors, and the categories.

use crate::catalog::model::{EducationLevel, Level, Major, MajorHit};
use crate::db::{placeholders, Conn};
use crate::error::AppError;

/// The majors of the catalog with these codes; unknown codes are returned separately.
pub async fn majors_by_code(conn: &mut Conn, codes: &[String]) -> Result<(Vec<Major>, Vec<String>), AppError> {
    let mut found = Vec::new();
    let mut unknown = Vec::new();
    for code in codes {
        match find_major(conn, code).await? {
            Some(m) => found.push(m),
            None => unknown.push(code.clone()),
        }
    }
    Ok((found, unknown))
}

#[derive(Clone, sqlx::FromRow)]
pub(super) struct MajorRow {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) education_level: String,
    pub(super) category: String,
}

impl MajorRow {
    pub(super) fn into_major(self) -> Option<Major> {
        Some(Major {
            education_level: EducationLevel::parse(&self.education_level)?,
            code: self.code,
            name: self.name,
            category: self.category,
        })
    }
}

pub async fn find_major(conn: &mut Conn, code: &str) -> Result<Option<Major>, AppError> {
    let row: Option<MajorRow> =
        sqlx::query_as("SELECT code, name, education_level, category FROM majors WHERE code = $1")
            .bind(code.trim())
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.and_then(MajorRow::into_major))
}

pub async fn eligible_codes(
    conn: &mut Conn,
    certificate_id: i64,
    year: i64,
    level: Level,
) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT major_code FROM offering_majors WHERE certificate_id = $1 AND year = $2 AND level = $3")
            .bind(certificate_id)
            .bind(year)
            .bind(level.code())
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Every category of the catalog (专业大类 and, for bachelor majors, 学科门类), sorted.
pub async fn major_categories(conn: &mut Conn) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT category FROM majors WHERE category <> '' ORDER BY category")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Majors by code with the certificates whose open offerings of `year` accept them.
pub async fn majors_with_open_certificates(
    conn: &mut Conn,
    codes: &[String],
    year: i64,
) -> Result<Vec<MajorHit>, AppError> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT code, name, education_level, category FROM majors WHERE code IN ({}) ORDER BY code",
        placeholders(1, codes.len())
    );
    let mut query = sqlx::query_as::<_, MajorRow>(&sql);
    // Here `$1` is the year, so the codes start at `$2`.
    let list = placeholders(2, codes.len());
    let sql_open = format!(
        "SELECT DISTINCT om.major_code, c.id, c.name FROM offering_majors om \
         JOIN offerings o ON o.certificate_id = om.certificate_id AND o.year = om.year AND o.level = om.level \
         JOIN certificates c ON c.id = om.certificate_id \
         WHERE om.year = $1 AND o.is_open = 1 AND om.major_code IN ({list}) ORDER BY c.name"
    );
    let mut open = sqlx::query_as::<_, (String, i64, String)>(&sql_open).bind(year);
    for code in codes {
        query = query.bind(code);
        open = open.bind(code);
    }
    let majors = query.fetch_all(&mut *conn).await?;
    let open = open.fetch_all(&mut *conn).await?;
    Ok(majors
        .into_iter()
        .filter_map(MajorRow::into_major)
        .map(|major| MajorHit {
            certificates: open
                .iter()
                .filter(|(code, ..)| *code == major.code)
                .map(|(_, id, name)| (*id, name.clone()))
                .collect(),
            major,
        })
        .collect())
}
