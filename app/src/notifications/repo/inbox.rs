//! The `inbox` table.

use crate::db::{now, Conn};
use crate::error::AppError;
use crate::i18n::Text;
use crate::notifications::model::InboxMessage;

pub async fn insert_message(
    conn: &mut Conn,
    account: i64,
    title: &Text,
    body: &Text,
    link: &str,
) -> Result<(), AppError> {
    let json = |t: &Text| serde_json::to_string(t).map_err(AppError::internal);
    sqlx::query("INSERT INTO inbox (account_id, at, title, body, link) VALUES ($1, $2, $3, $4, $5)")
        .bind(account)
        .bind(now())
        .bind(json(title)?)
        .bind(json(body)?)
        .bind(link)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The account's latest 100 messages, newest first.
pub async fn list_messages(conn: &mut Conn, account: i64) -> Result<Vec<InboxMessage>, AppError> {
    let rows: Vec<(i64, i64, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, at, title, body, link, read_at FROM inbox WHERE account_id = $1 ORDER BY id DESC LIMIT 100",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    let text = |json: &str| serde_json::from_str(json).unwrap_or_else(|_| Text::new(json, json));
    Ok(rows
        .into_iter()
        .map(|(id, at, title, body, link, read_at)| InboxMessage {
            id,
            at,
            title: text(&title),
            body: text(&body),
            link,
            read: read_at.is_some(),
        })
        .collect())
}

pub async fn mark_all_read(conn: &mut Conn, account: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE inbox SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL")
        .bind(now())
        .bind(account)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// How many of an account's messages are unread.
pub async fn unread(conn: &mut Conn, account: i64) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM inbox WHERE account_id = $1 AND read_at IS NULL")
        .bind(account)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n)
}
