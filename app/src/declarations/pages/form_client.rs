//! The declaration form in the browser (hydrate only): reading and refilling its fields, keeping each edit
//! in the outbox, and asking the sync to send it.

use leptos::html::Form;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::AppError;
use crate::sync::{client, use_sync, SyncState};

use super::local_state::LocalState;

/// Fields the page sets itself, not typed by the person.
const OWN_FIELDS: [&str; 3] = ["id", "declaration", "version"];
/// An edit is sent this long after the last keystroke (it is in the outbox at once).
const SEND_AFTER_MS: u32 = 1500;

#[derive(Clone, Copy)]
pub struct FormClient {
    id: i64,
    title: StoredValue<String>,
    version: RwSignal<i64>,
    form: NodeRef<Form>,
    planned: RwSignal<Option<i64>>,
    sync: SyncState,
    edits: StoredValue<u32>,
    writing: StoredValue<bool>,
    dirty: StoredValue<bool>,
}

/// The form's typed fields as (name, value), in order.
fn read_fields(form: &web_sys::HtmlFormElement) -> Vec<(String, String)> {
    let Ok(data) = web_sys::FormData::new_with_form(form) else { return Vec::new() };
    let Ok(Some(entries)) = js_sys::try_iter(&data) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let pair: js_sys::Array = entry.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .filter(|(name, _)| !OWN_FIELDS.contains(&name.as_str()))
        .collect()
}

/// Puts kept values back into the form's inputs (checkboxes are ticked when their value was sent).
fn fill(form: &web_sys::HtmlFormElement, fields: &[(String, String)]) {
    let elements = form.elements();
    for n in 0..elements.length() {
        let Some(element) = elements.item(n) else { continue };
        let get = |key: &str| js_sys::Reflect::get(&element, &key.into()).ok().and_then(|v| v.as_string());
        let (Some(name), Some(kind)) = (get("name"), get("type")) else { continue };
        if OWN_FIELDS.contains(&name.as_str()) || kind == "hidden" || kind == "submit" {
            continue;
        }
        if kind == "checkbox" {
            let value = get("value").unwrap_or_default();
            let on = fields.iter().any(|(k, v)| *k == name && *v == value);
            let _ = js_sys::Reflect::set(&element, &"checked".into(), &on.into());
        } else if let Some((_, v)) = fields.iter().find(|(k, _)| *k == name) {
            let _ = js_sys::Reflect::set(&element, &"value".into(), &v.as_str().into());
        }
    }
}

impl FormClient {
    pub fn new(
        id: i64,
        title: String,
        version: RwSignal<i64>,
        form: NodeRef<Form>,
        planned: RwSignal<Option<i64>>,
    ) -> FormClient {
        FormClient {
            id,
            title: StoredValue::new(title),
            version,
            form,
            planned,
            sync: use_sync(),
            edits: StoredValue::new(0),
            writing: StoredValue::new(false),
            dirty: StoredValue::new(false),
        }
    }

    /// Writes the form as it is now to the outbox; edits made during a write are written right after it.
    async fn keep(self) {
        if self.writing.get_value() {
            self.dirty.set_value(true);
            return;
        }
        self.writing.set_value(true);
        loop {
            self.dirty.set_value(false);
            if let Some(form) = self.form.get_untracked() {
                let fields = read_fields(&form);
                let title = self.title.get_value();
                let owner = self.sync.account.get_untracked();
                if let Err(e) = client::record_draft(self.id, &title, self.version.get_untracked(), fields, owner).await
                {
                    self.sync.stopped.set(Some(crate::sync::storage_failed(&e)));
                }
            }
            if !self.dirty.get_value() {
                break;
            }
        }
        self.writing.set_value(false);
        client::refresh(self.sync).await;
    }

    pub fn edited(self, ev: &leptos::ev::Event) {
        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            if input.name() == "planned_count" {
                self.planned.set(input.value().trim().parse().ok());
            }
        }
        let n = self.edits.get_value() + 1;
        self.edits.set_value(n);
        leptos::task::spawn_local(async move {
            // Kept at once (writes during a write are coalesced), so a reload or a crash right after typing
            // loses nothing.
            self.keep().await;
            gloo_timers::future::TimeoutFuture::new(SEND_AFTER_MS).await;
            if self.edits.get_value() == n {
                client::sync_now(self.sync).await;
            }
        });
    }

    /// The save button: keep and send now.
    pub fn save_now(self, ev: &leptos::ev::SubmitEvent) {
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            self.keep().await;
            client::sync_now(self.sync).await;
        });
    }

    /// Brings the form up to what this phone knows: a confirmed save newer than the page (an offline copy
    /// kept from before it), then an edit still waiting in the outbox.
    pub async fn restore(self, restored_at: RwSignal<Option<f64>>) {
        let Some(form) = self.form.get_untracked() else { return };
        let page_version = self.version.get_untracked();
        match client::known(self.id).await {
            Ok(Some(known)) if known.version > page_version => {
                self.put_back(&form, &known.fields);
                self.version.set(known.version);
            }
            _ => {
                let _ = client::forget_known_up_to(self.id, page_version).await;
            }
        }
        let Ok(Some(draft)) = client::draft(self.id).await else { return };
        self.put_back(&form, &draft.fields);
        restored_at.set(Some(draft.edited_at));
    }

    fn put_back(self, form: &web_sys::HtmlFormElement, fields: &[(String, String)]) {
        fill(form, fields);
        if let Some((_, planned)) = fields.iter().find(|(k, _)| k == "planned_count") {
            self.planned.set(planned.trim().parse().ok());
        }
    }

    /// Reads this declaration's outbox entry: waiting, refused (and why), or confirmed.
    pub async fn read_state(self, refused: RwSignal<Option<AppError>>, local: RwSignal<LocalState>) {
        match client::draft(self.id).await {
            Ok(Some(draft)) => {
                refused.set(draft.refused);
                local.set(LocalState::Waiting);
            }
            Ok(None) => {
                refused.set(None);
                if local.get_untracked() == LocalState::Waiting {
                    local.set(LocalState::Saved);
                }
            }
            Err(_) => {}
        }
    }
}
