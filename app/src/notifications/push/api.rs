//! `/api/push/*`: the VAPID public key, and a person's device subscriptions (subscribe, list, remove).

use leptos::prelude::*;

use super::model::Device;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::model::{validate_subscription, Kind},
    crate::auth::guard,
    crate::db::now,
    crate::forms::run,
    crate::state::app_state,
};

/// The key browsers pass to `PushManager.subscribe()` as `applicationServerKey`.
#[server(prefix = "/api", endpoint = "push/key")]
pub async fn vapid_public_key() -> Result<String, AppError> {
    run(async { Ok(app_state()?.vapid.public_key.clone()) }).await
}

/// Saves this device's subscription for the caller with the kinds chosen. An endpoint already stored
/// moves to the caller (a shared phone now belongs to whoever subscribed last).
#[server(prefix = "/api", endpoint = "push/subscribe")]
pub async fn subscribe(
    endpoint: String,
    p256dh: String,
    auth: String,
    kinds: Option<Vec<String>>,
) -> Result<(), AppError> {
    run(async {
        let caller = guard::current_caller().await?.ok_or(AppError::Unauthorized)?;
        validate_subscription(&endpoint, &p256dh, &auth).map_err(AppError::Validation)?;
        let kinds: Vec<&str> =
            kinds.unwrap_or_default().iter().filter_map(|k| Kind::parse(k)).map(Kind::code).collect();
        if kinds.is_empty() {
            return Err(AppError::field("kinds", "请至少选择一种通知。", "Choose at least one kind of notification."));
        }
        let lang = if crate::prefs::request_lang() == crate::i18n::Lang::En { "en" } else { "zh" };
        let mut tx = app_state()?.pool.begin().await?;
        // What was queued for the device's previous owner is theirs, not the new owner's to see.
        sqlx::query(
            "DELETE FROM push_queue WHERE subscription_id IN \
             (SELECT id FROM push_subscriptions WHERE endpoint = $1 AND account_id <> $2)",
        )
        .bind(endpoint.trim())
        .bind(caller.id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO push_subscriptions (account_id, endpoint, p256dh, auth, kinds, created_at, lang) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (endpoint) DO UPDATE SET account_id = excluded.account_id, p256dh = excluded.p256dh, \
             auth = excluded.auth, kinds = excluded.kinds, created_at = excluded.created_at, lang = excluded.lang",
        )
        .bind(caller.id)
        .bind(endpoint.trim())
        .bind(p256dh.trim())
        .bind(auth.trim())
        .bind(kinds.join(","))
        .bind(now())
        .bind(lang)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    })
    .await
}

/// The caller's devices.
#[server(prefix = "/api", endpoint = "push/devices")]
pub async fn devices() -> Result<Vec<Device>, AppError> {
    run(async {
        let caller = guard::current_caller().await?.ok_or(AppError::Unauthorized)?;
        let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
            "SELECT id, endpoint, kinds, created_at FROM push_subscriptions WHERE account_id = $1 ORDER BY id",
        )
        .bind(caller.id)
        .fetch_all(&app_state()?.pool)
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
    })
    .await
}

/// Removes one of the caller's devices (never another person's).
#[server(prefix = "/api", endpoint = "push/remove")]
pub async fn remove_device(id: i64) -> Result<(), AppError> {
    run(async {
        let caller = guard::current_caller().await?.ok_or(AppError::Unauthorized)?;
        crate::db::touched(
            sqlx::query("DELETE FROM push_subscriptions WHERE id = $1 AND account_id = $2")
                .bind(id)
                .bind(caller.id)
                .execute(&app_state()?.pool)
                .await,
        )
    })
    .await
}
