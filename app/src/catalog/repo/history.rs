//! SQL for the change history of a certificate's offerings.

use crate::catalog::model::HistoryEntry;
use crate::catalog::model::Level;
use crate::db::Conn;
use crate::error::AppError;
use crate::i18n::Text;

/// The latest 50 changes of a certificate's offerings, newest first.
pub async fn history(conn: &mut Conn, certificate_id: i64) -> Result<Vec<HistoryEntry>, AppError> {
    let rows: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
        "SELECT h.year, h.level, a.display_name, h.changed_at, h.changes FROM offering_history h \
         JOIN accounts a ON a.id = h.account_id WHERE h.certificate_id = $1 ORDER BY h.id DESC LIMIT 50",
    )
    .bind(certificate_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(year, level, by, at, changes)| {
            Some(HistoryEntry {
                year,
                level: Level::parse(&level)?,
                by,
                at,
                changes: serde_json::from_str::<Vec<Text>>(&changes).ok()?,
            })
        })
        .collect())
}
