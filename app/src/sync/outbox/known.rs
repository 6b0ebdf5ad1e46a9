//! `known:{id}`: the content and version of the last save of a declaration the server confirmed.

use wasm_bindgen::JsValue;

use super::idb::{self, Record};
use super::turn::turn;
use super::{to_js, KnownCopy};

fn known_key(id: i64) -> String {
    format!("known:{id}")
}

pub(super) async fn remember(id: i64, version: i64, fields: &[(String, String)]) -> Result<(), JsValue> {
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
    let _turn = turn().await;
    match known(id).await? {
        Some(k) if k.version <= version => idb::delete(&known_key(id)).await,
        _ => Ok(()),
    }
}
