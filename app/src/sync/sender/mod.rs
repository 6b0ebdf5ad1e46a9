//! Sending the outbox (hydrate only): on app start, when the browser comes online, every 30 seconds while
//! open (sooner after the server did not answer), and right after each edit. One pass at a time, only while
//! online, and only the logged-in account's items; items leave the outbox only when the server has answered
//! for them. A refused edit (a conflict or a field error) waits for the person; a photo that failed waits for
//! its own backoff without holding up the others.

mod pass;
mod summary;

use std::time::Duration;

use leptos::prelude::*;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::outbox;
use super::SyncState;
use crate::i18n::Text;
use pass::pass;
pub use summary::refresh;

pub(super) const LAST_SYNC_KEY: &str = "shenbao.last_sync";
const EVERY: Duration = Duration::from_secs(30);
/// After the server did not answer (a restart, an outage): the first retry, doubling up to `EVERY`.
const SOON: Duration = Duration::from_secs(2);

pub(super) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub(super) fn online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Why a pass stopped early: nothing after it can reach the server either.
#[derive(Clone, Copy, PartialEq)]
pub enum Stop {
    /// The browser has no connection.
    Offline,
    /// Online, but the server did not answer (or answered with a server error).
    Unreachable,
    LoggedOut,
}

/// Sends what is waiting unless a pass is already running (then that pass goes round once more); returns
/// why the last pass stopped early, if it did.
pub async fn sync_now(state: SyncState) -> Option<Stop> {
    start(state);
    if state.running.get_untracked() {
        state.again.set(true);
        return None;
    }
    state.running.set(true);
    let outcome = loop {
        state.again.set(false);
        let stopped = pass(state).await;
        let outcome = stopped.as_ref().ok().and_then(|(_, stop)| *stop);
        match stopped {
            Ok((done, None)) => {
                state.stopped.set(None);
                if done > 0 {
                    let now = js_sys::Date::now();
                    state.last_ok.set(Some(now));
                    if let Some(storage) = local_storage() {
                        let _ = storage.set_item(LAST_SYNC_KEY, &now.to_string());
                    }
                }
            }
            Ok((_, Some(Stop::Offline))) => state
                .stopped
                .set(Some(Text::new("网络不可用，联网后自动同步", "No connection; it will sync when you are online"))),
            Ok((_, Some(Stop::Unreachable))) => state.stopped.set(Some(Text::new(
                "服务器暂时没有响应，稍后自动重试",
                "The server is not answering; it will be tried again shortly",
            ))),
            Ok((_, Some(Stop::LoggedOut))) => state
                .stopped
                .set(Some(Text::new("登录已过期，请重新登录后同步", "Your session has expired; log in again to sync"))),
            Err(e) => state.stopped.set(Some(super::storage_failed(&e))),
        }
        refresh(state).await;
        // Edits made during a pass that got through go round now; after one that stopped early, the
        // scheduled retry sends them (going round at once would keep a dead connection busy forever).
        if !state.again.get_untracked() || outcome.is_some() {
            break outcome;
        }
    };
    state.running.set(false);
    outcome
}

pub fn sync_soon(state: SyncState) {
    leptos::task::spawn_local(async move {
        sync_now(state).await;
    });
}

/// Starts syncing for the page's lifetime: now, when the browser comes online, and every 30 s; asks the
/// browser to keep the outbox even when storage runs low.
pub fn start(state: SyncState) {
    if state.started.get_untracked() {
        return;
    }
    state.started.set(true);
    let Some(window) = web_sys::window() else { return };
    if let Some(last) = local_storage().and_then(|s| s.get_item(LAST_SYNC_KEY).ok().flatten()) {
        state.last_ok.set(last.parse().ok());
    }
    let on_online = Closure::<dyn FnMut()>::new(move || {
        leptos::task::spawn_local(async move {
            // What failed while offline is tried now, not after a backoff it built up meanwhile.
            let _ = outbox::reset_backoff().await;
            sync_now(state).await;
        })
    });
    let _ = window.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
    on_online.forget();
    leptos::task::spawn_local(async move {
        // A photo a page was uploading when it was closed or reloaded waits for nothing (its lease died
        // with that page), nor does one whose backoff grew while this phone was away.
        let _ = outbox::reset_backoff().await;
        let mut soon = SOON;
        loop {
            let stopped = if online() { sync_now(state).await } else { refresh_offline(state).await };
            // A server that did not answer is asked again soon (it may be restarting), then less often.
            let wait = if stopped == Some(Stop::Unreachable) {
                let wait = soon;
                soon = (soon * 2).min(EVERY);
                wait
            } else {
                soon = SOON;
                EVERY
            };
            gloo_timers::future::sleep(wait).await;
        }
    });
    persist_storage(&window);
}

async fn refresh_offline(state: SyncState) -> Option<Stop> {
    refresh(state).await;
    Some(Stop::Offline)
}

/// `navigator.storage.persist()`, where the browser has it.
fn persist_storage(window: &web_sys::Window) {
    let storage = js_sys::Reflect::get(&window.navigator(), &"storage".into()).ok();
    if let Some(storage) = storage.filter(|s| !s.is_undefined()) {
        if let Ok(persist) = js_sys::Reflect::get(&storage, &"persist".into()) {
            if let Some(persist) = persist.dyn_ref::<js_sys::Function>() {
                let _ = persist.call0(&storage);
            }
        }
    }
}
