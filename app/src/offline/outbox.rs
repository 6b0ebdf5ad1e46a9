//! The outbox (hydrate only): declaration edits and photos kept in IndexedDB until the server confirms them.
//!
//! A declaration has at most one pending edit, its latest content, under `draft:{id}`. Each edit carries an
//! id (`op_id`) the server remembers, so sending it twice changes nothing. Once an id has been sent without an
//! answer, further typing gets a new id and the old one goes into `after`: the server then knows that a
//! version moved by those ids was this phone's own doing, not a conflict. Photos wait under
//! `photo:{client_id}` with their bytes, and are sent one per request.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use web_sys::Blob;

use super::idb::{self, Record};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftEdit {
    pub declaration_id: i64,
    /// What the certificate and level are called, for the sync list.
    pub title: String,
    /// The server version this content was typed on.
    pub base_version: i64,
    pub op_id: String,
    /// `op_id` has been sent at least once without an answer.
    pub sent: bool,
    pub after: Vec<String>,
    /// The form's fields as typed (name, value).
    pub fields: Vec<(String, String)>,
    /// Milliseconds since the epoch.
    pub edited_at: f64,
    /// Why the server refused it last time (a field error, or a conflict with the server's version).
    pub refused: Option<AppError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingPhoto {
    pub declaration_id: i64,
    pub title: String,
    pub client_id: String,
    pub category: String,
    pub caption: String,
    pub file_name: String,
    pub added_at: f64,
    pub attempts: u32,
    /// Milliseconds since the epoch; not retried before then.
    pub next_try_at: f64,
    pub refused: Option<AppError>,
}

pub enum Item {
    Draft(DraftEdit),
    Photo(PendingPhoto, Blob),
}

fn draft_key(id: i64) -> String {
    format!("draft:{id}")
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn to_js(e: serde_json::Error) -> JsValue {
    JsValue::from_str(&e.to_string())
}

async fn put_draft(d: &DraftEdit) -> Result<(), JsValue> {
    idb::put(&Record { key: draft_key(d.declaration_id), json: serde_json::to_string(d).map_err(to_js)?, blob: None })
        .await
}

pub async fn draft(id: i64) -> Result<Option<DraftEdit>, JsValue> {
    Ok(match idb::get(&draft_key(id)).await? {
        Some(r) => Some(serde_json::from_str(&r.json).map_err(to_js)?),
        None => None,
    })
}

/// Keeps the form's latest content. `page_version` is the version the page holds; an edit already waiting
/// keeps its own base.
pub async fn record_draft(
    id: i64,
    title: &str,
    page_version: i64,
    fields: Vec<(String, String)>,
) -> Result<(), JsValue> {
    let edit = match draft(id).await? {
        Some(mut d) => {
            if d.sent {
                d.after.push(std::mem::replace(&mut d.op_id, super::new_id()));
                d.sent = false;
            }
            if !matches!(d.refused, Some(AppError::Stale { .. })) {
                d.refused = None;
            }
            DraftEdit { fields, edited_at: now_ms(), ..d }
        }
        None => DraftEdit {
            declaration_id: id,
            title: title.to_string(),
            base_version: page_version,
            op_id: super::new_id(),
            sent: false,
            after: Vec::new(),
            fields,
            edited_at: now_ms(),
            refused: None,
        },
    };
    put_draft(&edit).await
}

/// About to send `op_id`: from now on its outcome is unknown until answered.
pub async fn mark_sent(id: i64, op_id: &str) -> Result<(), JsValue> {
    if let Some(mut d) = draft(id).await? {
        if d.op_id == op_id && !d.sent {
            d.sent = true;
            put_draft(&d).await?;
        }
    }
    Ok(())
}

/// The server applied `op_id` as `version`. Removed unless typing went on meanwhile; then what was typed
/// since builds on that version.
pub async fn confirm(id: i64, op_id: &str, version: i64) -> Result<(), JsValue> {
    let Some(mut d) = draft(id).await? else { return Ok(()) };
    if d.op_id == op_id {
        return idb::delete(&draft_key(id)).await;
    }
    d.base_version = version;
    d.after.clear();
    put_draft(&d).await
}

/// The server refused the edit (a conflict or a field error); it stays, with the reason, until resolved.
pub async fn refuse(id: i64, op_id: &str, why: AppError) -> Result<(), JsValue> {
    if let Some(mut d) = draft(id).await? {
        if d.op_id == op_id {
            d.sent = false;
            d.refused = Some(why);
            put_draft(&d).await?;
        }
    }
    Ok(())
}

/// The person keeps their content over the server's: it is sent again on top of the server's version.
pub async fn keep_mine(id: i64, server_version: i64) -> Result<(), JsValue> {
    if let Some(mut d) = draft(id).await? {
        d.base_version = server_version;
        d.after.clear();
        d.op_id = super::new_id();
        d.sent = false;
        d.refused = None;
        put_draft(&d).await?;
    }
    Ok(())
}

/// The person takes the server's content: their pending edit is dropped.
pub async fn discard(id: i64) -> Result<(), JsValue> {
    idb::delete(&draft_key(id)).await
}

pub async fn add_photo(p: &PendingPhoto, blob: Blob) -> Result<(), JsValue> {
    idb::put(&Record {
        key: format!("photo:{}", p.client_id),
        json: serde_json::to_string(p).map_err(to_js)?,
        blob: Some(blob),
    })
    .await
}

pub async fn update_photo(p: &PendingPhoto, blob: &Blob) -> Result<(), JsValue> {
    add_photo(p, blob.clone()).await
}

pub async fn remove_photo(client_id: &str) -> Result<(), JsValue> {
    idb::delete(&format!("photo:{client_id}")).await
}

/// Everything waiting, oldest first.
pub async fn items() -> Result<Vec<Item>, JsValue> {
    let mut items: Vec<(f64, Item)> = Vec::new();
    for r in idb::all().await? {
        if r.key.starts_with("draft:") {
            let d: DraftEdit = serde_json::from_str(&r.json).map_err(to_js)?;
            items.push((d.edited_at, Item::Draft(d)));
        } else if let (true, Some(blob)) = (r.key.starts_with("photo:"), r.blob) {
            let p: PendingPhoto = serde_json::from_str(&r.json).map_err(to_js)?;
            items.push((p.added_at, Item::Photo(p, blob)));
        }
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(items.into_iter().map(|(_, i)| i).collect())
}
