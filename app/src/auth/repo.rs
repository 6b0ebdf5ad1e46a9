//! The `sessions` table (auth owns it): a session's digest (never its token), its account and when it ends.

use crate::db::Conn;
use crate::error::AppError;

pub async fn insert(conn: &mut Conn, digest: &str, account_id: i64, at: i64, lasts: i64) -> Result<(), AppError> {
    sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(digest)
        .bind(account_id)
        .bind(at)
        .bind(at + lasts)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete(conn: &mut Conn, digest: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(digest).execute(&mut *conn).await?;
    Ok(())
}

/// Every session of the account but the one with `keep` as its digest.
pub async fn delete_others(conn: &mut Conn, account_id: i64, keep: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(account_id)
        .bind(keep)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The account of a session still live at `now`.
pub async fn live_account(conn: &mut Conn, digest: &str, now: i64) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT account_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
            .bind(digest)
            .bind(now)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|r| r.0))
}
