//! The outbox (hydrate only): declaration edits and photos kept in IndexedDB until the server confirms them.
//!
//! A declaration has at most one pending edit, its latest content, under `draft:{id}`. Each edit carries an
//! id (`op_id`) the server remembers, so sending it twice changes nothing. Once an id has been sent without an
//! answer, further typing gets a new id; every id of one pending edit shares its `chain`, so the server knows
//! that a version moved by an earlier id of the chain was this phone's own doing, not a conflict. Photos wait
//! under `photo:{client_id}` with their bytes, and are sent one per request. Every item belongs to the account
//! that made it and is sent only while that account is logged in. `known:{id}` keeps the content and version
//! of the last save the server confirmed, so a page reopened from an older offline copy starts from it.

mod accounts;
mod drafts;
mod known;
mod photos;
mod turn;

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use web_sys::Blob;

use super::idb;
pub use super::Owner;
use crate::error::AppError;
pub use accounts::{clear_account, delete_others};
pub use drafts::{confirm, discard, draft, keep_mine, record_draft, refuse, renew_ids, take_for_sending};
pub use known::{forget_known_up_to, known};
pub use photos::{add_photo, remove_photo, reset_backoff, update_photo};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftEdit {
    pub declaration_id: i64,
    /// What the certificate and level are called, for the sync list.
    pub title: String,
    /// The server version this content was typed on.
    pub base_version: i64,
    pub op_id: String,
    /// `op_id` has been put on the wire at least once without an answer.
    pub sent: bool,
    /// Ids sent without an answer, from outboxes made before chains (new edits keep it empty).
    pub after: Vec<String>,
    /// One id for every save of this pending edit.
    #[serde(default)]
    pub chain: String,
    #[serde(default)]
    pub owner: Option<Owner>,
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
    #[serde(default)]
    pub owner: Option<Owner>,
}

/// The content and version of the last save of a declaration the server confirmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnownCopy {
    pub version: i64,
    pub fields: Vec<(String, String)>,
}

/// The most ids an old outbox's `after` keeps (the server takes 50): the newest, which are the ones that can
/// have made the server's current version.
const MAX_AFTER: usize = 40;

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

impl Item {
    /// Who made it; `None` for items from before owners were kept (whoever syncs first takes them).
    pub fn owner(&self) -> Option<&Owner> {
        match self {
            Item::Draft(d) => d.owner.as_ref(),
            Item::Photo(p, _) => p.owner.as_ref(),
        }
    }
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
