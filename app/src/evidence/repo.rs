//! The `photos` table (server only).

use super::model::{Photo, PhotoCategory};
use crate::db::{now, Conn};
use crate::error::AppError;

/// A declaration's photos in upload order, each with its client id.
pub async fn photos(conn: &mut Conn, declaration_id: i64) -> Result<Vec<(Photo, String)>, AppError> {
    type PhotoRow = (i64, String, String, i64, i64, Option<i64>, i64, String, String);
    let rows: Vec<PhotoRow> = sqlx::query_as(
        "SELECT id, category, caption, width, height, captured_at, uploaded_at, sha256, client_id FROM photos \
         WHERE declaration_id = $1 ORDER BY id",
    )
    .bind(declaration_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, category, caption, width, height, captured_at, uploaded_at, sha256, client_id)| {
            let category = PhotoCategory::parse(&category)?;
            Some((Photo { id, category, caption, width, height, captured_at, uploaded_at, sha256 }, client_id))
        })
        .collect())
}

/// The photo with this client id on the declaration, if it was stored.
pub async fn find_by_client_id(
    conn: &mut Conn,
    declaration_id: i64,
    client_id: &str,
) -> Result<Option<Photo>, AppError> {
    Ok(photos(conn, declaration_id).await?.into_iter().find(|(_, key)| key == client_id).map(|(photo, _)| photo))
}

pub struct NewPhoto<'a> {
    pub declaration_id: i64,
    pub client_id: &'a str,
    pub category: PhotoCategory,
    pub caption: &'a str,
    pub storage_key: &'a str,
    pub sha256: &'a str,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
    pub captured_at: Option<i64>,
    pub uploaded_by: i64,
}

/// Stores a photo's row; a second upload with the same client id (two retries racing) changes nothing.
pub async fn insert_photo(conn: &mut Conn, p: &NewPhoto<'_>) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO photos (declaration_id, client_id, category, caption, storage_key, sha256, width, height, bytes, \
         captured_at, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (declaration_id, client_id) DO NOTHING",
    )
    .bind(p.declaration_id)
    .bind(p.client_id)
    .bind(p.category.code())
    .bind(p.caption)
    .bind(p.storage_key)
    .bind(p.sha256)
    .bind(i64::from(p.width))
    .bind(i64::from(p.height))
    .bind(p.bytes as i64)
    .bind(p.captured_at)
    .bind(p.uploaded_by)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A photo's declaration and where its files are kept.
pub async fn photo_location(conn: &mut Conn, id: i64) -> Result<(i64, String), AppError> {
    let row: Option<(i64, String)> = sqlx::query_as("SELECT declaration_id, storage_key FROM photos WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.ok_or(AppError::NotFound)
}

pub async fn delete_photo(conn: &mut Conn, id: i64) -> Result<(), AppError> {
    crate::db::touched(sqlx::query("DELETE FROM photos WHERE id = $1").bind(id).execute(&mut *conn).await)
}
