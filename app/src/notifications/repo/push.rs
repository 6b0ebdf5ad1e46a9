//! Web Push's tables: `push_subscriptions`, `push_queue`, `reminders_sent`.

use crate::db::{now, Conn};
use crate::error::AppError;
use crate::notifications::model::{Device, Kind};

/// Queues one payload per device of the audience that chose `kind`, in each device's language:
/// `account` 0 means any account, `roles` "" any role (else ",lead,coordinator,").
pub async fn enqueue(
    conn: &mut Conn,
    account: i64,
    roles: &str,
    kind: Kind,
    (zh, en): (&str, &str),
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO push_queue (subscription_id, payload, attempts, next_attempt_at, created_at) \
         SELECT s.id, CASE WHEN s.lang = 'en' THEN $1 ELSE $2 END, 0, $3, $3 FROM push_subscriptions s \
         JOIN accounts a ON a.id = s.account_id \
         WHERE (',' || s.kinds || ',') LIKE $4 AND ($5 = 0 OR s.account_id = $5) \
         AND ($6 = '' OR $6 LIKE ('%,' || a.role || ',%'))",
    )
    .bind(en)
    .bind(zh)
    .bind(now())
    // `kinds` is stored as "status,returns": match one code as a whole item.
    .bind(format!("%,{},%", kind.code()))
    .bind(account)
    .bind(roles)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub struct NewSubscription<'a> {
    pub account: i64,
    pub endpoint: &'a str,
    pub p256dh: &'a str,
    pub auth: &'a str,
    pub kinds: &'a str,
    pub lang: &'a str,
}

/// Stores a device's subscription; an endpoint already stored moves to this account, and what was queued
/// for its previous owner is dropped.
pub async fn upsert_subscription(conn: &mut Conn, s: &NewSubscription<'_>) -> Result<(), AppError> {
    sqlx::query(
        "DELETE FROM push_queue WHERE subscription_id IN \
         (SELECT id FROM push_subscriptions WHERE endpoint = $1 AND account_id <> $2)",
    )
    .bind(s.endpoint)
    .bind(s.account)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO push_subscriptions (account_id, endpoint, p256dh, auth, kinds, created_at, lang) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (endpoint) DO UPDATE SET account_id = excluded.account_id, p256dh = excluded.p256dh, \
         auth = excluded.auth, kinds = excluded.kinds, created_at = excluded.created_at, lang = excluded.lang",
    )
    .bind(s.account)
    .bind(s.endpoint)
    .bind(s.p256dh)
    .bind(s.auth)
    .bind(s.kinds)
    .bind(now())
    .bind(s.lang)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn list_devices(conn: &mut Conn, account: i64) -> Result<Vec<Device>, AppError> {
    let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT id, endpoint, kinds, created_at FROM push_subscriptions WHERE account_id = $1 ORDER BY id",
    )
    .bind(account)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, endpoint, kinds, created_at)| Device {
            id,
            service: endpoint.split('/').nth(2).unwrap_or_default().to_string(),
            kinds: kinds.split(',').filter_map(Kind::parse).collect(),
            created_at,
        })
        .collect())
}

/// Removes one of the account's devices (never another account's).
pub async fn delete_device(conn: &mut Conn, account: i64, id: i64) -> Result<(), AppError> {
    crate::db::touched(
        sqlx::query("DELETE FROM push_subscriptions WHERE id = $1 AND account_id = $2")
            .bind(id)
            .bind(account)
            .execute(&mut *conn)
            .await,
    )
}

/// A queued notification with its device.
pub struct Due {
    pub id: i64,
    pub payload: String,
    pub attempts: i64,
    pub due_at: i64,
    pub subscription: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// At most 100 notifications due at `now`, oldest first.
pub async fn due(conn: &mut Conn, now: i64) -> Result<Vec<Due>, AppError> {
    type Row = (i64, String, i64, i64, i64, String, String, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT q.id, q.payload, q.attempts, q.next_attempt_at, s.id, s.endpoint, s.p256dh, s.auth \
         FROM push_queue q JOIN push_subscriptions s ON s.id = q.subscription_id \
         WHERE q.next_attempt_at <= $1 ORDER BY q.id LIMIT 100",
    )
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, payload, attempts, due_at, subscription, endpoint, p256dh, auth)| Due {
            id,
            payload,
            attempts,
            due_at,
            subscription,
            endpoint,
            p256dh,
            auth,
        })
        .collect())
}

/// Takes a row for sending until `until`, unless another worker took it first.
pub async fn claim(conn: &mut Conn, id: i64, due_at: i64, until: i64) -> Result<bool, AppError> {
    let claimed = sqlx::query("UPDATE push_queue SET next_attempt_at = $1 WHERE id = $2 AND next_attempt_at = $3")
        .bind(until)
        .bind(id)
        .bind(due_at)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    Ok(claimed == 1)
}

pub async fn delete_queued(conn: &mut Conn, id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM push_queue WHERE id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}

/// The device is gone; its other queued notifications go with it (cascade).
pub async fn delete_subscription(conn: &mut Conn, id: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM push_subscriptions WHERE id = $1").bind(id).execute(&mut *conn).await?;
    Ok(())
}

pub async fn retry_later(conn: &mut Conn, id: i64, at: i64, error: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE push_queue SET attempts = attempts + 1, next_attempt_at = $1, last_error = $2 WHERE id = $3")
        .bind(at)
        .bind(error)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Every active lead and coordinator.
pub async fn everyone_who_declares(conn: &mut Conn) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM accounts WHERE role IN ('lead', 'coordinator') AND status = 'active' ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Leads with drafts or returned declarations of the year, and coordinators with declarations awaiting
/// their final submission.
pub async fn with_something_to_submit(conn: &mut Conn, year: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT d.lead_id FROM declarations d JOIN accounts a ON a.id = d.lead_id \
         WHERE d.year = $1 AND d.status IN ('draft', 'returned') AND a.status = 'active' \
         UNION SELECT a.id FROM declarations d JOIN accounts a ON a.institution_id = d.institution_id \
         WHERE d.year = $1 AND d.status = 'school_review' AND a.role = 'coordinator' AND a.status = 'active'",
    )
    .bind(year)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Records that `account` had this reminder; false if it already had.
pub async fn mark_reminded(conn: &mut Conn, year: i64, stage: &str, account: i64, at: i64) -> Result<bool, AppError> {
    let fresh = sqlx::query(
        "INSERT INTO reminders_sent (year, stage, account_id, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(year)
    .bind(stage)
    .bind(account)
    .bind(at)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(fresh == 1)
}

/// The push queue at a glance: messages waiting, and of those, how many failed at least once.
pub async fn queue_depth(conn: &mut Conn) -> Result<(i64, i64), AppError> {
    let row: (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COALESCE(SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0) FROM push_queue")
            .fetch_one(&mut *conn)
            .await?;
    Ok(row)
}
