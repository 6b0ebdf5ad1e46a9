//! The saves phones sent from their outbox (table `client_ops`): which ids were applied and the version
//! each made, so a retried save gets its first answer and a chain of saves never conflicts with itself.

use crate::db::{now, Conn};
use crate::declarations::model::ClientOp;
use crate::error::AppError;

/// The version an outbox save already produced, if the server has applied it.
pub async fn applied_op(conn: &mut Conn, op_id: &str, account: i64, declaration: i64) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT result_version FROM client_ops WHERE op_id = $1 AND account_id = $2 AND declaration_id = $3",
    )
    .bind(op_id)
    .bind(account)
    .bind(declaration)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| r.0))
}

/// The latest version produced by any of these saves of the account's, if any was applied.
pub async fn latest_applied(
    conn: &mut Conn,
    ops: &[String],
    account: i64,
    declaration: i64,
) -> Result<Option<i64>, AppError> {
    if ops.is_empty() {
        return Ok(None);
    }
    let sql = format!(
        "SELECT MAX(result_version) FROM client_ops WHERE account_id = $1 AND declaration_id = $2 AND op_id IN ({})",
        crate::db::placeholders(3, ops.len())
    );
    let mut query = sqlx::query_as::<_, (Option<i64>,)>(&sql).bind(account).bind(declaration);
    for op in ops {
        query = query.bind(op);
    }
    Ok(query.fetch_one(&mut *conn).await?.0)
}

/// Whether a save of this chain (one pending edit of one phone) produced `version`.
pub async fn chain_produced(
    conn: &mut Conn,
    chain: &str,
    account: i64,
    declaration: i64,
    version: i64,
) -> Result<bool, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT result_version FROM client_ops \
         WHERE account_id = $1 AND declaration_id = $2 AND chain = $3 AND result_version = $4",
    )
    .bind(account)
    .bind(declaration)
    .bind(chain)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.is_some())
}

pub async fn record_op(
    conn: &mut Conn,
    op: &ClientOp,
    account: i64,
    declaration: i64,
    version: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO client_ops (op_id, account_id, declaration_id, result_version, applied_at, chain) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&op.op_id)
    .bind(account)
    .bind(declaration)
    .bind(version)
    .bind(now())
    .bind(&op.chain)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
