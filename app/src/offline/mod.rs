//! Offline-first editing: the outbox in IndexedDB (drafts and photos kept until the server confirms them),
//! the sync that sends it, and the badge that tells the truth about it. The server side is the idempotent
//! save in `declarations::service::save` (table `client_ops`) and the photo client ids.

pub mod api;
mod badge;
#[cfg(feature = "hydrate")]
mod idb;
#[cfg(feature = "hydrate")]
pub mod outbox;
#[cfg(feature = "hydrate")]
pub mod sync;

use std::collections::HashMap;

use leptos::prelude::*;

use crate::i18n::Text;

pub use badge::SyncBadge;

/// What the outbox holds and how the last sync went; provided once by the app shell. On the server it
/// stays empty (the outbox lives in the browser).
#[derive(Clone, Copy)]
pub struct SyncState {
    /// Items waiting in the outbox.
    pub pending: RwSignal<usize>,
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
}

impl SyncState {
    fn new() -> SyncState {
        SyncState {
            pending: RwSignal::new(0),
            failing: RwSignal::new(Vec::new()),
            last_ok: RwSignal::new(None),
            stopped: RwSignal::new(None),
            running: RwSignal::new(false),
            again: RwSignal::new(false),
            changed: RwSignal::new(0),
            confirmed: RwSignal::new(HashMap::new()),
            photos_stored: RwSignal::new(0),
        }
    }
}

/// Called once by the app shell; starts the sync loop in the browser.
pub fn provide_sync() -> SyncState {
    let state = SyncState::new();
    provide_context(state);
    #[cfg(feature = "hydrate")]
    Effect::new(move |started: Option<()>| {
        if started.is_none() {
            sync::start(state);
        }
    });
    state
}

pub fn use_sync() -> SyncState {
    use_context::<SyncState>().unwrap_or_else(SyncState::new)
}

/// A random id (UUID v4 from the browser's crypto).
#[cfg(feature = "hydrate")]
pub fn new_id() -> String {
    crate::declarations::photo_client::client_id()
}

/// What the badge says when IndexedDB itself failed (full, or blocked by the browser).
#[cfg(feature = "hydrate")]
pub fn storage_failed(e: &wasm_bindgen::JsValue) -> Text {
    let why = e.as_string().unwrap_or_default();
    Text::new(&format!("本机存储出错：{why}"), &format!("Local storage failed: {why}"))
}

/// Logging out on a shared phone: the outbox and the saved pages go.
#[cfg(feature = "hydrate")]
pub async fn clear_local_data() {
    let _ = idb::clear().await;
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = storage.remove_item(sync::LAST_SYNC_KEY);
        // The next person to log in on this phone gets their own pages kept for offline reading.
        let _ = storage.remove_item("shenbao.prefetched_at");
    }
}
