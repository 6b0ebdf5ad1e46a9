//! Items by the account that made them: what logging out removes, and what another account left.

use wasm_bindgen::JsValue;

use super::idb;
use super::photos::photo_key;
use super::turn::turn;
use super::{draft_key, items, Item};

/// Logging out: the account's own items (and those of no known account) go, with every confirmed copy;
/// what other accounts left stays for them. Returns how many items remain.
pub async fn clear_account(account: Option<i64>) -> Result<usize, JsValue> {
    let _turn = turn().await;
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
            Item::Draft(d) => idb::delete(&draft_key(d.declaration_id)).await?,
            Item::Photo(p, _) => idb::delete(&photo_key(&p.client_id)).await?,
        }
    }
    Ok(remaining)
}

/// Deletes every item another account made (the person logged in chose not to keep them).
pub async fn delete_others(account: i64) -> Result<(), JsValue> {
    let _turn = turn().await;
    for item in items().await? {
        match item {
            Item::Draft(d) if d.owner.as_ref().is_some_and(|o| o.id != account) => {
                idb::delete(&draft_key(d.declaration_id)).await?
            }
            Item::Photo(p, _) if p.owner.as_ref().is_some_and(|o| o.id != account) => {
                idb::delete(&photo_key(&p.client_id)).await?
            }
            _ => {}
        }
    }
    Ok(())
}
