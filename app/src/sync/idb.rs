//! A small IndexedDB wrapper (hydrate only): one database, one object store keyed by `key`, each record
//! `{ key, json, blob? }`. Writes resolve only when their transaction has committed, so what the person
//! typed is on disk before we say so.

use std::cell::RefCell;

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbDatabase, IdbObjectStoreParameters, IdbRequest, IdbTransaction, IdbTransactionMode};

const NAME: &str = "shenbao";
const VERSION: u32 = 1;
const STORE: &str = "outbox";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// One stored record: a key, the item as JSON, and a photo's bytes if it has them.
pub struct Record {
    pub key: String,
    pub json: String,
    pub blob: Option<Blob>,
}

/// Waits for `set_on(resolve, reject)` to call one of them.
async fn wait(set_on: impl FnOnce(JsValue, JsValue)) -> Result<JsValue, JsValue> {
    let mut set_on = Some(set_on);
    let promise = Promise::new(&mut |resolve, reject| {
        if let Some(f) = set_on.take() {
            f(resolve.into(), reject.into());
        }
    });
    JsFuture::from(promise).await
}

async fn request_done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let r = request.clone();
    wait(move |resolve, reject| {
        let ok = r.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.unchecked_ref::<js_sys::Function>().call1(&JsValue::NULL, &ok.result().unwrap_or_default());
        });
        let failed = r.clone();
        let on_error = Closure::once_into_js(move || {
            let error = js_sys::Reflect::get(&failed, &"error".into()).unwrap_or_else(|_| "IndexedDB".into());
            let _ = reject.unchecked_ref::<js_sys::Function>().call1(&JsValue::NULL, &error);
        });
        r.set_onsuccess(Some(on_success.unchecked_ref()));
        r.set_onerror(Some(on_error.unchecked_ref()));
    })
    .await
}

async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    let t = tx.clone();
    wait(move |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.unchecked_ref::<js_sys::Function>().call0(&JsValue::NULL);
        });
        let reject_error = reject.clone();
        let on_error = Closure::once_into_js(move || {
            let _ = reject_error
                .unchecked_ref::<js_sys::Function>()
                .call1(&JsValue::NULL, &"IndexedDB write failed".into());
        });
        let on_abort = Closure::once_into_js(move || {
            let _ = reject.unchecked_ref::<js_sys::Function>().call1(&JsValue::NULL, &"IndexedDB write aborted".into());
        });
        t.set_oncomplete(Some(on_complete.unchecked_ref()));
        t.set_onerror(Some(on_error.unchecked_ref()));
        t.set_onabort(Some(on_abort.unchecked_ref()));
    })
    .await
    .map(|_| ())
}

async fn db() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window().ok_or("no window")?.indexed_db()?.ok_or("IndexedDB is not available")?;
    let request = factory.open_with_u32(NAME, VERSION)?;
    let upgrading = request.clone();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        if let Ok(db) = upgrading.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
            let params = IdbObjectStoreParameters::new();
            params.set_key_path(&"key".into());
            let _ = db.create_object_store_with_optional_parameters(STORE, &params);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db: IdbDatabase = request_done(&request).await?.dyn_into()?;
    drop(on_upgrade);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

fn store(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<(IdbTransaction, web_sys::IdbObjectStore), JsValue> {
    let tx = db.transaction_with_str_and_mode(STORE, mode)?;
    let store = tx.object_store(STORE)?;
    Ok((tx, store))
}

fn to_record(value: &JsValue) -> Option<Record> {
    let text = |name: &str| Reflect::get(value, &name.into()).ok().and_then(|v| v.as_string());
    Some(Record {
        key: text("key")?,
        json: text("json")?,
        blob: Reflect::get(value, &"blob".into()).ok().and_then(|b| b.dyn_into::<Blob>().ok()),
    })
}

/// Stores (or replaces) a record and waits until it is committed.
pub async fn put(record: &Record) -> Result<(), JsValue> {
    let db = db().await?;
    let (tx, store) = store(&db, IdbTransactionMode::Readwrite)?;
    let value = Object::new();
    Reflect::set(&value, &"key".into(), &record.key.as_str().into())?;
    Reflect::set(&value, &"json".into(), &record.json.as_str().into())?;
    if let Some(blob) = &record.blob {
        Reflect::set(&value, &"blob".into(), blob)?;
    }
    store.put(&value)?;
    committed(&tx).await
}

pub async fn get(key: &str) -> Result<Option<Record>, JsValue> {
    let db = db().await?;
    let (_tx, store) = store(&db, IdbTransactionMode::Readonly)?;
    let value = request_done(&store.get(&key.into())?).await?;
    Ok(to_record(&value))
}

pub async fn all() -> Result<Vec<Record>, JsValue> {
    let db = db().await?;
    let (_tx, store) = store(&db, IdbTransactionMode::Readonly)?;
    let values: Array = request_done(&store.get_all()?).await?.dyn_into()?;
    Ok(values.iter().filter_map(|v| to_record(&v)).collect())
}

pub async fn delete(key: &str) -> Result<(), JsValue> {
    let db = db().await?;
    let (tx, store) = store(&db, IdbTransactionMode::Readwrite)?;
    store.delete(&key.into())?;
    committed(&tx).await
}

/// Removes everything (logging out on a shared phone).
pub async fn clear() -> Result<(), JsValue> {
    let db = db().await?;
    let (tx, store) = store(&db, IdbTransactionMode::Readwrite)?;
    store.clear()?;
    committed(&tx).await
}
