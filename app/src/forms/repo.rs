//! The `form_flashes` table: refused plain form posts waiting to be shown (server only).

use crate::db::Conn;
use crate::error::AppError;

/// How long a flash can be shown again (a reload of the page that shows it).
pub const FLASH_SECS: i64 = 30 * 60;

pub struct StoredFlash {
    pub error: String,
    pub values: String,
}

/// Keeps a flash, and forgets the expired ones.
pub async fn insert(conn: &mut Conn, id: &str, browser: &str, flash: &StoredFlash, now: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM form_flashes WHERE created_at < $1").bind(now - FLASH_SECS).execute(&mut *conn).await?;
    sqlx::query(
        "INSERT INTO form_flashes (id, browser_hash, error, form_values, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(browser)
    .bind(&flash.error)
    .bind(&flash.values)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The live flash with this id, if the same browser made it.
pub async fn find(conn: &mut Conn, id: &str, browser: &str, now: i64) -> Result<Option<StoredFlash>, AppError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT error, form_values FROM form_flashes WHERE id = $1 AND browser_hash = $2 AND created_at >= $3",
    )
    .bind(id)
    .bind(browser)
    .bind(now - FLASH_SECS)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(error, values)| StoredFlash { error, values }))
}
