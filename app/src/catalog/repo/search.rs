//! The `catalog_search` table (derived data) and the catalog rows it is made from.

use crate::db::Conn;
use crate::error::AppError;

/// Every certificate as (id, name, its organization's name).
pub async fn certificates_with_organizations(conn: &mut Conn) -> Result<Vec<(i64, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.name, o.name FROM certificates c JOIN organizations o ON o.id = c.organization_id",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// Every major as (code, name, category).
pub async fn all_majors(conn: &mut Conn) -> Result<Vec<(String, String, String)>, AppError> {
    Ok(sqlx::query_as("SELECT code, name, category FROM majors").fetch_all(&mut *conn).await?)
}

/// Replaces the whole index with these entries: (kind, key, title, initials).
pub async fn replace_index(
    conn: &mut Conn,
    entries: impl Iterator<Item = (&'static str, String, String, String)>,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM catalog_search").execute(&mut *conn).await?;
    for (kind, key, title, initials) in entries {
        sqlx::query("INSERT INTO catalog_search (kind, ref_key, title, initials) VALUES ($1, $2, $3, $4)")
            .bind(kind)
            .bind(key)
            .bind(title)
            .bind(initials)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// (kind, key) of at most 500 entries whose title or initials contain `words`.
pub async fn find_entries(conn: &mut Conn, words: &str) -> Result<Vec<(String, String)>, AppError> {
    Ok(sqlx::query_as("SELECT kind, ref_key FROM catalog_search WHERE title LIKE $1 OR initials LIKE $1 LIMIT 500")
        .bind(format!("%{words}%"))
        .fetch_all(&mut *conn)
        .await?)
}

/// Adds a major to the catalog or, when its code is there, updates it; true when it was new.
pub async fn upsert_major(conn: &mut Conn, m: &crate::catalog::model::Major) -> Result<bool, AppError> {
    let exists: Option<(String,)> =
        sqlx::query_as("SELECT code FROM majors WHERE code = $1").bind(&m.code).fetch_optional(&mut *conn).await?;
    let sql = if exists.is_some() {
        "UPDATE majors SET name = $2, education_level = $3, category = $4, is_demo = 0 WHERE code = $1"
    } else {
        "INSERT INTO majors (code, name, education_level, category) VALUES ($1, $2, $3, $4)"
    };
    sqlx::query(sql)
        .bind(&m.code)
        .bind(&m.name)
        .bind(m.education_level.code())
        .bind(&m.category)
        .execute(&mut *conn)
        .await?;
    Ok(exists.is_none())
}

/// How many majors the catalog has per education level (code, count).
pub async fn major_counts(conn: &mut Conn) -> Result<Vec<(String, i64)>, AppError> {
    Ok(sqlx::query_as("SELECT education_level, COUNT(*) FROM majors GROUP BY education_level")
        .fetch_all(&mut *conn)
        .await?)
}
