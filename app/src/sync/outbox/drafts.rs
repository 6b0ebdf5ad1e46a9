//! The pending edit of a declaration: typed, sent, confirmed, refused or dropped.

use wasm_bindgen::JsValue;

use super::idb::{self, Record};
use super::known::remember;
use super::turn::turn;
use super::{draft_key, now_ms, to_js, DraftEdit, Owner, MAX_AFTER};
use crate::error::AppError;
use crate::sync::new_id;

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
    let _turn = turn().await;
    let edit = match draft(id).await? {
        Some(mut d) => {
            if d.sent {
                let old = std::mem::replace(&mut d.op_id, new_id());
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
            op_id: new_id(),
            sent: false,
            after: Vec::new(),
            chain: new_id(),
            owner,
            fields,
            edited_at: now_ms(),
            refused: None,
        },
    };
    put_draft(&edit).await
}

/// The edit as it goes on the wire now, marked sent: from here the outcome of its `op_id` is unknown until
/// answered, so further typing gets a new id. What is sent is what the outbox holds at this moment, never an
/// older read of it. `None` when it is gone or waits for the person.
pub async fn take_for_sending(id: i64) -> Result<Option<DraftEdit>, JsValue> {
    let _turn = turn().await;
    let Some(mut d) = draft(id).await? else { return Ok(None) };
    if d.refused.is_some() {
        return Ok(None);
    }
    if !d.sent {
        d.sent = true;
        put_draft(&d).await?;
    }
    Ok(Some(d))
}

/// The server applied `op_id` (with these fields) as `version`: that is now the newest copy this phone
/// knows. The edit is removed unless typing went on meanwhile; then what was typed since builds on that
/// version.
pub async fn confirm(id: i64, op_id: &str, version: i64, fields: &[(String, String)]) -> Result<(), JsValue> {
    let _turn = turn().await;
    remember(id, version, fields).await?;
    let Some(mut d) = draft(id).await? else { return Ok(()) };
    if d.op_id == op_id {
        return idb::delete(&draft_key(id)).await;
    }
    d.base_version = version;
    d.after.clear();
    put_draft(&d).await
}

/// The server would not take the edit's sync ids (an old outbox's list grown too long): the edit starts a
/// new chain and is sent again; at worst the server then shows a conflict, which the person resolves.
pub async fn renew_ids(id: i64) -> Result<(), JsValue> {
    let _turn = turn().await;
    if let Some(mut d) = draft(id).await? {
        d.op_id = new_id();
        d.chain = new_id();
        d.after.clear();
        d.sent = false;
        d.refused = None;
        put_draft(&d).await?;
    }
    Ok(())
}

/// The server refused the edit (a conflict or a field error); it stays, with the reason, until resolved.
pub async fn refuse(id: i64, op_id: &str, why: AppError) -> Result<(), JsValue> {
    let _turn = turn().await;
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
    let _turn = turn().await;
    if let Some(mut d) = draft(id).await? {
        d.base_version = server_version;
        d.after.clear();
        d.op_id = new_id();
        d.chain = new_id();
        d.sent = false;
        d.refused = None;
        put_draft(&d).await?;
    }
    Ok(())
}

/// The person takes the server's content: their pending edit is dropped.
pub async fn discard(id: i64) -> Result<(), JsValue> {
    let _turn = turn().await;
    idb::delete(&draft_key(id)).await
}
