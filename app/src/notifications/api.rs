//! `/api/inbox/*` (a person's messages) and `/api/push/*` (the VAPID public key and a person's device
//! subscriptions: subscribe, list, remove).

use leptos::prelude::*;

use super::model::{Device, InboxMessage};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::repo::{inbox, push},
    super::service,
    crate::auth::guard,
    crate::forms::{run, run_read},
    crate::state::app_state,
};

/// The caller's latest 100 messages.
#[server(prefix = "/api", endpoint = "inbox/list")]
pub async fn list_inbox() -> Result<Vec<InboxMessage>, AppError> {
    run_read(async |conn| {
        let caller = guard::require_login().await?;
        inbox::list_messages(conn, caller.id).await
    })
    .await
}

/// Marks all of the caller's messages read.
#[server(prefix = "/api", endpoint = "inbox/read-all")]
pub async fn mark_all_read() -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_login().await?;
        inbox::mark_all_read(tx, caller.id).await
    })
    .await
}

/// The key browsers pass to `PushManager.subscribe()` as `applicationServerKey`.
#[server(prefix = "/api", endpoint = "push/key")]
pub async fn vapid_public_key() -> Result<String, AppError> {
    crate::forms::run_read(async |_| Ok(app_state()?.vapid.public_key.clone())).await
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
    run(async |tx| {
        let caller = guard::require_login().await?;
        let lang = if crate::prefs::request_lang() == crate::i18n::Lang::En { "en" } else { "zh" };
        service::subscribe(
            tx,
            &caller,
            &app_state()?.push,
            (&endpoint, &p256dh, &auth),
            &kinds.unwrap_or_default(),
            lang,
        )
        .await
    })
    .await
}

/// The caller's devices.
#[server(prefix = "/api", endpoint = "push/devices")]
pub async fn devices() -> Result<Vec<Device>, AppError> {
    run_read(async |conn| {
        let caller = guard::require_login().await?;
        push::list_devices(conn, caller.id).await
    })
    .await
}

/// Removes one of the caller's devices (never another person's).
#[server(prefix = "/api", endpoint = "push/remove")]
pub async fn remove_device(id: i64) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_login().await?;
        push::delete_device(tx, caller.id, id).await
    })
    .await
}
