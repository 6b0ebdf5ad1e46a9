//! Offline-first editing: the outbox in IndexedDB (drafts and photos kept until the server confirms them),
//! the sync that sends it, and the badge that tells the truth about it. The server side is the idempotent
//! save in `declarations::service::save` (table `client_ops`) and the photo client ids.

pub mod api;
mod badge;
#[cfg(feature = "hydrate")]
pub mod client;
#[cfg(feature = "hydrate")]
mod idb;
#[cfg(feature = "hydrate")]
mod outbox;
#[cfg(feature = "hydrate")]
mod sender;

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::Text;

pub use badge::SyncBadge;

/// The account an outbox item was made by: only that account may send it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Owner {
    pub id: i64,
    pub name: String,
}

/// What the outbox holds and how the last sync went; provided once by the app shell. On the server it
/// stays empty (the outbox lives in the browser).
#[derive(Clone, Copy)]
pub struct SyncState {
    /// Who is logged in on this page (`None`: nobody, or not known yet): the only account whose items are sent.
    pub account: RwSignal<Option<Owner>>,
    /// Items of the logged-in account waiting in the outbox.
    pub pending: RwSignal<usize>,
    /// Items other accounts left on this phone, by account: kept for them unless the person deletes them.
    pub others: RwSignal<Vec<(Owner, usize)>>,
    /// Refused or failing items: what they are and why.
    pub failing: RwSignal<Vec<(String, Text)>>,
    /// Milliseconds since the epoch of the last pass that reached the server for everything it tried.
    pub last_ok: RwSignal<Option<f64>>,
    /// Why the last pass stopped early (offline, logged out), if it did.
    pub stopped: RwSignal<Option<Text>>,
    pub running: RwSignal<bool>,
    pub again: RwSignal<bool>,
    /// Bumped whenever the outbox was re-read, so pages look again at what concerns them.
    pub changed: RwSignal<u32>,
    /// Versions the server confirmed, by declaration id.
    pub confirmed: RwSignal<HashMap<i64, i64>>,
    /// Photos a sync stored (photo lists reload).
    pub photos_stored: RwSignal<u32>,
    /// Whether the sync loop runs (it starts once per page).
    pub started: RwSignal<bool>,
}

impl SyncState {
    fn new() -> SyncState {
        SyncState {
            account: RwSignal::new(None),
            pending: RwSignal::new(0),
            others: RwSignal::new(Vec::new()),
            failing: RwSignal::new(Vec::new()),
            last_ok: RwSignal::new(None),
            stopped: RwSignal::new(None),
            running: RwSignal::new(false),
            again: RwSignal::new(false),
            changed: RwSignal::new(0),
            confirmed: RwSignal::new(HashMap::new()),
            photos_stored: RwSignal::new(0),
            started: RwSignal::new(false),
        }
    }
}

/// Called once by the app shell. In the browser the sync starts as soon as there can be something to send:
/// someone is logged in, or an outbox is left over from a session that expired.
pub fn provide_sync(user: crate::accounts::api::UserResource) -> SyncState {
    let state = SyncState::new();
    provide_context(state);
    #[cfg(feature = "hydrate")]
    Effect::new(move |started: Option<bool>| {
        let account = match user.get() {
            Some(Ok(Some(u))) => Some(Owner { id: u.id, name: u.display_name }),
            _ => None,
        };
        let logged_in = account.is_some();
        state.account.set(account);
        if started == Some(true) {
            return true;
        }
        let start = logged_in || pending_marker::get();
        if start {
            spawn_until_loaded(move || start_sync(state));
        }
        start
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = user;
    state
}

/// The sync and the outbox are their own wasm chunk, fetched when the sync starts (or a page that edits
/// offline opens): a visitor's first load does without them (docs/PERFORMANCE.md). A chunk that does not
/// arrive (weak signal, or the page left while it was fetched) must not abort the app, so each entry is
/// `fallible` (leptos's `#[lazy]` panics instead) and is tried again after a pause.
#[cfg(feature = "hydrate")]
#[leptos::wasm_split::wasm_split(shenbao_sync_start, wasm_split_path = ::leptos::wasm_split, fallible)]
fn start_sync(state: SyncState) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    sender::start(state);
    Ok(())
}

/// "Sync now" from the badge, through the same chunk.
#[cfg(feature = "hydrate")]
#[leptos::wasm_split::wasm_split(shenbao_sync_now, wasm_split_path = ::leptos::wasm_split, fallible)]
fn sync_now_from_badge(state: SyncState) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    sender::sync_soon(state);
    Ok(())
}

/// Runs a chunk's entry until its chunk has loaded: 2 s after a failure, doubling to at most a minute.
#[cfg(feature = "hydrate")]
fn spawn_until_loaded<F, Fut>(run: F)
where
    F: Fn() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<(), leptos::wasm_split::SplitLoaderError>> + 'static,
{
    leptos::task::spawn_local(async move {
        let mut wait_ms = 2_000;
        while run().await.is_err() {
            gloo_timers::future::TimeoutFuture::new(wait_ms).await;
            wait_ms = (wait_ms * 2).min(60_000);
        }
    });
}

#[cfg(feature = "hydrate")]
pub(crate) fn request_sync(state: SyncState) {
    spawn_until_loaded(move || sync_now_from_badge(state));
}

/// The person logged in chose to delete what other accounts left on this phone.
#[cfg(feature = "hydrate")]
#[leptos::wasm_split::wasm_split(shenbao_sync_delete_others, wasm_split_path = ::leptos::wasm_split, fallible)]
fn delete_others_from_badge(state: SyncState) -> Result<(), leptos::wasm_split::SplitLoaderError> {
    if let Some(me) = state.account.get_untracked() {
        leptos::task::spawn_local(async move {
            let _ = outbox::delete_others(me.id).await;
            sender::refresh(state).await;
        });
    }
    Ok(())
}

#[cfg(feature = "hydrate")]
pub(crate) fn request_delete_others(state: SyncState) {
    spawn_until_loaded(move || delete_others_from_badge(state));
}

/// Whether this browser's outbox held anything when it was last read: a flag in localStorage, so the
/// shell can tell without loading the outbox's code.
#[cfg(feature = "hydrate")]
pub(crate) mod pending_marker {
    const KEY: &str = "shenbao.outbox_pending";

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    pub fn get() -> bool {
        storage().and_then(|s| s.get_item(KEY).ok().flatten()).is_some()
    }

    pub fn set(pending: usize) {
        if let Some(s) = storage() {
            let _ = if pending > 0 { s.set_item(KEY, &pending.to_string()) } else { s.remove_item(KEY) };
        }
    }
}

pub fn use_sync() -> SyncState {
    use_context::<SyncState>().unwrap_or_else(SyncState::new)
}

/// A random id (UUID v4 from the browser's crypto).
#[cfg(feature = "hydrate")]
pub fn new_id() -> String {
    crate::evidence::client::client_id()
}

/// What the badge says when IndexedDB itself failed (full, or blocked by the browser).
#[cfg(feature = "hydrate")]
pub fn storage_failed(e: &wasm_bindgen::JsValue) -> Text {
    let why = e.as_string().unwrap_or_default();
    Text::new(&format!("本机存储出错：{why}"), &format!("Local storage failed: {why}"))
}

/// Logging out on a shared phone: this account's outbox items and the saved pages go; what other accounts
/// left (their sessions expired with changes waiting) stays for them.
#[cfg(feature = "hydrate")]
pub async fn clear_local_data(account: Option<i64>) {
    let remaining = match outbox::clear_account(account).await {
        Ok(remaining) => remaining,
        Err(_) => idb::clear().await.map(|_| 0).unwrap_or(0),
    };
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(sender::LAST_SYNC_KEY);
        pending_marker::set(remaining);
        // The next person to log in on this phone gets their own pages kept for offline reading.
        let _ = storage.remove_item("shenbao.prefetched_at");
    }
}
