//! Database access shared by every feature (server only).
//!
//! One runtime-selected `sqlx::Any` pool serves both backends, so a single build runs on SQLite (the
//! embedded default) and on PostgreSQL. Queries are portable: `$n` binds, `RETURNING`, integers as BIGINT,
//! times as unix seconds,
//! flags as BIGINT 0/1 (the Any driver cannot decode SQLite booleans).

pub type Db = sqlx::Any;
pub type Pool = sqlx::AnyPool;
/// What repositories and services work on: a request's transaction, or a connection for reads.
pub type Conn = sqlx::AnyConnection;

/// A write transaction longer than this is logged.
const SLOW_TRANSACTION: std::time::Duration = std::time::Duration::from_secs(1);

/// Runs `work` in one transaction, committed when it succeeds and rolled back when it fails: the one
/// transaction of a request, begun by its entry point (a server function, a route, a job).
pub async fn transaction<T>(
    pool: &Pool,
    work: impl AsyncFnOnce(&mut Conn) -> Result<T, crate::error::AppError>,
) -> Result<T, crate::error::AppError> {
    use sqlx::Connection;
    let mut conn = pool.acquire().await?;
    // SQLite: take the write lock at the start. A deferred transaction that reads and then writes fails at
    // once (not after the busy timeout) when another connection wrote since it read.
    let begin = if conn.backend_name() == "SQLite" { "BEGIN IMMEDIATE" } else { "BEGIN" };
    let mut tx = conn.begin_with(begin).await?;
    let began = std::time::Instant::now();
    let value = work(&mut tx).await?;
    tx.commit().await?;
    // On SQLite a write transaction holds the one write lock: a long one makes every other writer wait.
    let held = began.elapsed();
    if held > SLOW_TRANSACTION {
        tracing::warn!(ms = held.as_millis() as u64, "slow write transaction");
    }
    Ok(value)
}

/// Runs `work` on one connection, for an entry point that only reads.
pub async fn read<T>(
    pool: &Pool,
    work: impl AsyncFnOnce(&mut Conn) -> Result<T, crate::error::AppError>,
) -> Result<T, crate::error::AppError> {
    let mut conn = pool.acquire().await?;
    work(&mut conn).await
}

/// `$first, …, $(first + n - 1)`: the placeholders of a list bound one value at a time (`IN (…)`).
pub fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// The longest search text looked for: more is no search a person types, and a pattern of a megabyte makes
/// SQLite refuse it as too complex.
pub const MAX_SEARCH_CHARS: usize = 100;

/// A LIKE pattern for a case-insensitive substring search (works for Chinese text), with `%`, `_` and `\`
/// typed by the user matched literally. Queries compare it with `LOWER(column) LIKE $n ESCAPE '\'`: SQLite's
/// LIKE ignores ASCII case and PostgreSQL's does not, so both sides are lowered and the two agree.
pub fn like_pattern(query: &str) -> String {
    let query: String = query.trim().chars().take(MAX_SEARCH_CHARS).collect::<String>().to_ascii_lowercase();
    let escaped = query.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// An UPDATE or DELETE that touched no row means the record does not exist.
pub fn touched(result: Result<sqlx::any::AnyQueryResult, sqlx::Error>) -> Result<(), crate::error::AppError> {
    if result?.rows_affected() == 0 {
        Err(crate::error::AppError::NotFound)
    } else {
        Ok(())
    }
}
