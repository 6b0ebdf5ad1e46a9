//! The outbox (hydrate only): declaration edits and photos kept in IndexedDB until the server confirms them.
//!
//! A declaration has at most one pending edit, its latest content, under `draft:{id}`. Each edit carries an
//! id (`op_id`) the server remembers, so sending it twice changes nothing. Once an id has been sent without an
//! answer, further typing gets a new id; every id of one pending edit shares its `chain`, so the server knows
//! that a version moved by an earlier id of the chain was this phone's own doing, not a conflict. Photos wait
//! under `photo:{client_id}` with their bytes, and are sent one per request. Every item belongs to the account
//! that made it and is sent only while that account is logged in. `known:{id}` keeps the content and version
//! of the last save the server confirmed, so a page reopened from an older offline copy starts from it.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use web_sys::Blob;

use super::idb::{self, Record};
pub use super::Owner;
use crate::error::AppError;

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
    owner: Option<Owner>,
) -> Result<(), JsValue> {
    let edit = match draft(id).await? {
        Some(mut d) => {
            if d.sent {
                let old = std::mem::replace(&mut d.op_id, super::new_id());
                if d.chain.is_empty() {
                    d.after.push(old);
                    let extra = d.after.len().saturating_sub(MAX_AFTER);
                    d.after.drain(..extra);
                }
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
            chain: super::new_id(),
            owner,
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

/// The server applied `op_id` (with these fields) as `version`: that is now the newest copy this phone
/// knows. The edit is removed unless typing went on meanwhile; then what was typed since builds on that
/// version.
pub async fn confirm(id: i64, op_id: &str, version: i64, fields: &[(String, String)]) -> Result<(), JsValue> {
    remember(id, version, fields).await?;
    let Some(mut d) = draft(id).await? else { return Ok(()) };
    if d.op_id == op_id {
        return idb::delete(&draft_key(id)).await;
    }
    d.base_version = version;
    d.after.clear();
    put_draft(&d).await
}

fn known_key(id: i64) -> String {
    format!("known:{id}")
}

async fn remember(id: i64, version: i64, fields: &[(String, String)]) -> Result<(), JsValue> {
    if known(id).await?.is_some_and(|k| k.version >= version) {
        return Ok(());
    }
    let copy = KnownCopy { version, fields: fields.to_vec() };
    idb::put(&Record { key: known_key(id), json: serde_json::to_string(&copy).map_err(to_js)?, blob: None }).await
}

/// The newest confirmed copy of a declaration this phone knows.
pub async fn known(id: i64) -> Result<Option<KnownCopy>, JsValue> {
    Ok(match idb::get(&known_key(id)).await? {
        Some(r) => Some(serde_json::from_str(&r.json).map_err(to_js)?),
        None => None,
    })
}

/// The page came from the server with this version: a confirmed copy no newer than it is not needed.
pub async fn forget_known_up_to(id: i64, version: i64) -> Result<(), JsValue> {
    match known(id).await? {
        Some(k) if k.version <= version => idb::delete(&known_key(id)).await,
        _ => Ok(()),
    }
}

/// The server would not take the edit's sync ids (an old outbox's list grown too long): the edit starts a
/// new chain and is sent again; at worst the server then shows a conflict, which the person resolves.
pub async fn renew_ids(id: i64) -> Result<(), JsValue> {
    if let Some(mut d) = draft(id).await? {
        d.op_id = super::new_id();
        d.chain = super::new_id();
        d.after.clear();
        d.sent = false;
        d.refused = None;
        put_draft(&d).await?;
    }
    Ok(())
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
        d.chain = super::new_id();
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

/// Back online: photos that failed while offline are tried again now, not after their backoff.
pub async fn reset_backoff() -> Result<(), JsValue> {
    for item in items().await? {
        if let Item::Photo(mut p, blob) = item {
            if p.next_try_at > 0.0 && p.refused.is_none() {
                p.next_try_at = 0.0;
                update_photo(&p, &blob).await?;
            }
        }
    }
    Ok(())
}

/// Logging out: the account's own items (and those of no known account) go, with every confirmed copy;
/// what other accounts left stays for them. Returns how many items remain.
pub async fn clear_account(account: Option<i64>) -> Result<usize, JsValue> {
    let mut remaining = 0;
    for record in idb::all().await? {
        if record.key.starts_with("known:") {
            idb::delete(&record.key).await?;
        }
    }
    for item in items().await? {
        let theirs = item.owner().is_some_and(|o| Some(o.id) != account);
        match item {
            _ if theirs => remaining += 1,
            Item::Draft(d) => discard(d.declaration_id).await?,
            Item::Photo(p, _) => remove_photo(&p.client_id).await?,
        }
    }
    Ok(remaining)
}

/// Deletes every item another account made (the person logged in chose not to keep them).
pub async fn delete_others(account: i64) -> Result<(), JsValue> {
    for item in items().await? {
        match item {
            Item::Draft(d) if d.owner.as_ref().is_some_and(|o| o.id != account) => discard(d.declaration_id).await?,
            Item::Photo(p, _) if p.owner.as_ref().is_some_and(|o| o.id != account) => {
                remove_photo(&p.client_id).await?
            }
            _ => {}
        }
    }
    Ok(())
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
