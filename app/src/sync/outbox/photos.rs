//! Photos waiting with their bytes under `photo:{client_id}`.

use wasm_bindgen::JsValue;
use web_sys::Blob;

use super::idb::{self, Record};
use super::turn::turn;
use super::{items, to_js, Item, PendingPhoto};

pub(super) fn photo_key(client_id: &str) -> String {
    format!("photo:{client_id}")
}

async fn put_photo(p: &PendingPhoto, blob: Blob) -> Result<(), JsValue> {
    idb::put(&Record { key: photo_key(&p.client_id), json: serde_json::to_string(p).map_err(to_js)?, blob: Some(blob) })
        .await
}

pub async fn add_photo(p: &PendingPhoto, blob: Blob) -> Result<(), JsValue> {
    let _turn = turn().await;
    put_photo(p, blob).await
}

/// Keeps a photo's new attempt count and backoff, unless it has left the outbox meanwhile.
pub async fn update_photo(p: &PendingPhoto, blob: &Blob) -> Result<(), JsValue> {
    let _turn = turn().await;
    if idb::get(&photo_key(&p.client_id)).await?.is_none() {
        return Ok(());
    }
    put_photo(p, blob.clone()).await
}

pub async fn remove_photo(client_id: &str) -> Result<(), JsValue> {
    let _turn = turn().await;
    idb::delete(&photo_key(client_id)).await
}

/// Back online: photos that failed while offline are tried again now, not after their backoff.
pub async fn reset_backoff() -> Result<(), JsValue> {
    let _turn = turn().await;
    for item in items().await? {
        if let Item::Photo(mut p, blob) = item {
            if p.next_try_at > 0.0 && p.refused.is_none() {
                p.next_try_at = 0.0;
                put_photo(&p, blob).await?;
            }
        }
    }
    Ok(())
}
