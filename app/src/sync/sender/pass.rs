//! One pass over the outbox: each item put on the wire, and what its answer means for it.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::{online, Stop};
use crate::error::AppError;
use crate::evidence::client::{self as photo_client, Body, Outcome};
use crate::sync::outbox::{self, Item, PendingPhoto};
use crate::sync::SyncState;

enum Sent {
    Done,
    /// Confirmed, discarded or refused since the pass read the outbox.
    Gone,
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

async fn send_draft(state: SyncState, id: i64) -> Result<Sent, JsValue> {
    // Taken just before it goes on the wire (a pass runs only online): from here its outcome is unknown
    // until answered, so further typing gets a new id of the same chain.
    let Some(d) = outbox::take_for_sending(id).await? else { return Ok(Sent::Gone) };
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
pub(super) async fn pass(state: SyncState) -> Result<(usize, Option<Stop>), JsValue> {
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
            // A refused edit waits for the person: `take_for_sending` leaves it where it is.
            Item::Draft(d) => send_draft(state, d.declaration_id).await?,
            Item::Photo(p, _) if p.refused.is_some() || p.next_try_at > js_sys::Date::now() => continue,
            Item::Photo(p, blob) => send_photo(state, p, blob).await?,
        };
        match sent {
            Sent::Done => done += 1,
            Sent::Gone | Sent::Refused | Sent::Failed => {}
            Sent::Renewed => state.again.set(true),
            Sent::Stop(stop) => return Ok((done, Some(stop))),
        }
    }
    Ok((done, None))
}
