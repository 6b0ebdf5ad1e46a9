//! Status moves and the timeline of a declaration (table `declaration_events`).

use crate::db::{now, Conn};
use crate::declarations::model::Event;
use crate::declarations::state::Status;
use crate::error::AppError;

/// Moves the status if it is still `from` (another person may have moved it meanwhile) and records it.
pub async fn set_status(
    conn: &mut Conn,
    id: i64,
    from: Status,
    to: Status,
    by: i64,
    comment: &str,
) -> Result<(), AppError> {
    let at = now();
    let moved = sqlx::query(
        "UPDATE declarations SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(to.code())
    .bind(at)
    .bind(id)
    .bind(from.code())
    .execute(&mut *conn)
    .await?;
    if moved.rows_affected() != 1 {
        return Err(AppError::conflict(
            "申报书状态刚被他人改变，请刷新页面后重试。",
            "Someone changed this declaration's state just now; reload and try again.",
        ));
    }
    add_event(conn, id, by, Some(from), to, comment).await
}

pub async fn add_event(
    conn: &mut Conn,
    id: i64,
    by: i64,
    from: Option<Status>,
    to: Status,
    comment: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO declaration_events (declaration_id, account_id, at, from_status, to_status, comment) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(by)
    .bind(now())
    .bind(from.map(Status::code))
    .bind(to.code())
    .bind(comment.trim())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn events(conn: &mut Conn, id: i64) -> Result<Vec<Event>, AppError> {
    let rows: Vec<(i64, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT e.at, a.display_name, e.from_status, e.to_status, e.comment FROM declaration_events e \
         JOIN accounts a ON a.id = e.account_id WHERE e.declaration_id = $1 ORDER BY e.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(at, by, from, to, comment)| {
            Some(Event {
                at,
                by,
                from: from.as_deref().and_then(Status::from_code),
                to: Status::from_code(&to)?,
                comment,
            })
        })
        .collect())
}
