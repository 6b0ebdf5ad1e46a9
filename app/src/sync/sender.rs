//! Sending the outbox (hydrate only): on app start, when the browser comes online, every 30 seconds while
//! open (sooner after the server did not answer), and right after each edit. One pass at a time, only while
//! online, and only the logged-in account's items; items leave the outbox only when the server has answered
//! for them. A refused edit (a conflict or a field error) waits for the person; a photo that failed waits for
//! its own backoff without holding up the others.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::outbox::{self, DraftEdit, Item, PendingPhoto};
use super::SyncState;
use crate::error::AppError;
use crate::evidence::client::{self as photo_client, Body, Outcome};
use crate::i18n::Text;

pub(super) const LAST_SYNC_KEY: &str = "shenbao.last_sync";
const EVERY: Duration = Duration::from_secs(30);
/// After the server did not answer (a restart, an outage): the first retry, doubling up to `EVERY`.
const SOON: Duration = Duration::from_secs(2);

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn online() -> bool {
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

enum Sent {
    Done,
    Refused,
    /// The server would not take the edit's sync ids; they were renewed and it goes again.
    Renewed,
    /// This item failed on its own (a photo); the next items are still tried.
    Failed,
    Stop(Stop),
}

/// Why a request got no answer: the browser went offline, or the server did not answer.
fn unanswered() -> Stop {
    if online() {
        Stop::Unreachable
    } else {
        Stop::Offline
    }
}

fn encode(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", js_sys::encode_uri_component(k), js_sys::encode_uri_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn answer_error(status: u16, body: &str) -> AppError {
    serde_json::from_str(body).unwrap_or_else(|_| AppError::Transport(format!("HTTP {status}")))
}

async fn send_draft(state: SyncState, d: &DraftEdit) -> Result<Sent, JsValue> {
    // Marked just before it goes on the wire (a pass runs only online): from here its outcome is unknown
    // until answered, so further typing gets a new id of the same chain.
    outbox::mark_sent(d.declaration_id, &d.op_id).await?;
    let mut pairs = d.fields.clone();
    pairs.extend([
        ("id".to_string(), d.declaration_id.to_string()),
        ("version".to_string(), d.base_version.to_string()),
        ("op_id".to_string(), d.op_id.clone()),
        ("after_ops".to_string(), d.after.join(",")),
        ("op_chain".to_string(), d.chain.clone()),
    ]);
    let body = encode(&pairs);
    let Ok((status, text)) = photo_client::post("/api/declarations/save", Body::UrlEncoded(&body), None).await else {
        return Ok(Sent::Stop(unanswered()));
    };
    match status {
        200..=299 => {
            let version: i64 = text.trim().parse().map_err(|_| JsValue::from_str("unexpected answer"))?;
            outbox::confirm(d.declaration_id, &d.op_id, version, &d.fields).await?;
            state.confirmed.update(|c| {
                c.insert(d.declaration_id, version);
            });
            Ok(Sent::Done)
        }
        401 => Ok(Sent::Stop(Stop::LoggedOut)),
        400..=499 => match answer_error(status, &text) {
            AppError::Validation(errors) if errors.iter().any(|e| e.field == "op_id") => {
                outbox::renew_ids(d.declaration_id).await?;
                Ok(Sent::Renewed)
            }
            why => {
                outbox::refuse(d.declaration_id, &d.op_id, why).await?;
                Ok(Sent::Refused)
            }
        },
        _ => Ok(Sent::Stop(Stop::Unreachable)),
    }
}

async fn send_photo(state: SyncState, mut p: PendingPhoto, blob: web_sys::Blob) -> Result<Sent, JsValue> {
    let form = web_sys::FormData::new()?;
    form.set_with_blob_and_filename("file", &blob, &p.file_name)?;
    form.set_with_str("client_id", &p.client_id)?;
    form.set_with_str("category", &p.category)?;
    form.set_with_str("caption", &p.caption)?;
    let url = format!("/api/declarations/{}/photos", p.declaration_id);
    match photo_client::upload(&url, &form, 1, |_| {}).await {
        Outcome::Stored => {
            outbox::remove_photo(&p.client_id).await?;
            state.photos_stored.update(|n| *n += 1);
            Ok(Sent::Done)
        }
        Outcome::Refused(body) if body.contains("Unauthorized") => Ok(Sent::Stop(Stop::LoggedOut)),
        Outcome::Refused(body) => {
            p.refused = Some(answer_error(400, &body));
            outbox::update_photo(&p, &blob).await?;
            Ok(Sent::Refused)
        }
        Outcome::Failed => {
            // 5 s, 10 s, 20 s … up to 5 minutes, for this photo only (reset when the browser is back online).
            p.attempts += 1;
            p.next_try_at = js_sys::Date::now() + (5_000.0 * f64::from(1u32 << p.attempts.min(6))).min(300_000.0);
            outbox::update_photo(&p, &blob).await?;
            Ok(if online() { Sent::Failed } else { Sent::Stop(Stop::Offline) })
        }
    }
}

/// One pass over the logged-in account's items, oldest first: how many the server took, and why it stopped
/// early.
async fn pass(state: SyncState) -> Result<(usize, Option<Stop>), JsValue> {
    if !online() {
        return Ok((0, Some(Stop::Offline)));
    }
    let Some(me) = state.account.get_untracked() else { return Ok((0, Some(Stop::LoggedOut))) };
    let mut done = 0;
    for item in outbox::items().await? {
        if item.owner().is_some_and(|o| o.id != me.id) {
            continue;
        }
        let sent = match item {
            Item::Draft(d) if d.refused.is_some() => continue,
            Item::Draft(d) => send_draft(state, &d).await?,
            Item::Photo(p, _) if p.refused.is_some() || p.next_try_at > js_sys::Date::now() => continue,
            Item::Photo(p, blob) => send_photo(state, p, blob).await?,
        };
        match sent {
            Sent::Done => done += 1,
            Sent::Refused | Sent::Failed => {}
            Sent::Renewed => state.again.set(true),
            Sent::Stop(stop) => return Ok((done, Some(stop))),
        }
    }
    Ok((done, None))
}

/// Re-reads the outbox into the badge: how many wait, which are refused or failing and why.
pub async fn refresh(state: SyncState) {
    // A page that wrote to the outbox also makes sure the sync runs (the shell may not have started it: a
    // page opened offline cannot tell who is logged in).
    start(state);
    let Ok(items) = outbox::items().await else { return };
    super::pending_marker::set(items.len());
    let me = state.account.get_untracked();
    let mut failing = Vec::new();
    let mut others: Vec<(super::Owner, usize)> = Vec::new();
    let mut mine = 0;
    for item in &items {
        if let (Some(owner), Some(me)) = (item.owner(), &me) {
            if owner.id != me.id {
                match others.iter_mut().find(|(o, _)| o.id == owner.id) {
                    Some((_, n)) => *n += 1,
                    None => others.push((owner.clone(), 1)),
                }
                continue;
            }
        }
        mine += 1;
        match item {
            Item::Draft(d) => match &d.refused {
                Some(AppError::Stale { .. }) => failing.push((
                    d.title.clone(),
                    Text::new(
                        "与服务器上的版本冲突，请打开处理",
                        "Conflicts with the server's version; open it to resolve",
                    ),
                )),
                Some(e) => failing.push((d.title.clone(), e.message())),
                None => {}
            },
            Item::Photo(p, _) => match &p.refused {
                Some(e) => failing.push((format!("{} · {}", p.title, p.file_name), e.message())),
                None if p.attempts > 0 => failing.push((
                    format!("{} · {}", p.title, p.file_name),
                    Text::new(
                        &format!("上传失败 {} 次，将自动重试", p.attempts),
                        &format!("Upload failed {} time(s); it will be retried", p.attempts),
                    ),
                )),
                None => {}
            },
        }
    }
    state.pending.set(mine);
    state.others.set(others);
    state.failing.set(failing);
    state.changed.update(|n| *n += 1);
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
