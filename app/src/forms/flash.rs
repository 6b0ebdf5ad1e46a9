//! The flash of a refused plain form post: the error and what was typed, kept on the server for a short
//! while and shown once the browser is back on the form's page.
//!
//! The server loads the flash named by the page's `?flash=` id, and only for the browser that posted the form
//! (a cookie binds it), before the page renders ([`super::attach_flash`]). [`provide_flash`] hands it to the
//! page through a `SharedValue`, so the browser hydrates with the same flash without asking again.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::server::SharedValue;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The query parameter naming a flash.
pub const FLASH_PARAM: &str = "flash";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormFlash {
    /// The random id the page's URL carries.
    pub id: String,
    pub error: Option<AppError>,
    /// What was typed, by field name (never passwords).
    pub values: HashMap<String, String>,
}

#[derive(Clone)]
struct FlashContext(Option<FormFlash>);

/// Makes this request's flash (if any) available to the page; called once by the app shell.
pub fn provide_flash() {
    let flash = SharedValue::<Option<FormFlash>, crate::ui::SliceJson>::new_with_encoding(loaded_flash);
    provide_context(FlashContext(flash.into_inner()));
}

#[cfg(feature = "ssr")]
fn loaded_flash() -> Option<FormFlash> {
    use_context::<axum::http::request::Parts>().and_then(|p| p.extensions.get::<FormFlash>().cloned())
}

#[cfg(not(feature = "ssr"))]
fn loaded_flash() -> Option<FormFlash> {
    None
}

/// The flash, if the current URL names it (a page reached later by navigation does not show it).
fn current(tracked: bool) -> Option<FormFlash> {
    let flash = use_context::<FlashContext>()?.0?;
    let query = leptos_router::hooks::use_query_map();
    let named = if tracked { query.read().get(FLASH_PARAM) } else { query.read_untracked().get(FLASH_PARAM) };
    (named.as_deref() == Some(flash.id.as_str())).then_some(flash)
}

/// The error of the refused post this page came back from (reactive on the URL).
pub fn flash_error() -> Option<AppError> {
    current(true).and_then(|f| f.error)
}

/// What was typed into the field `name` before the post was refused.
pub fn flash_value(name: &str) -> Option<String> {
    current(false).and_then(|mut f| f.values.remove(name))
}

/// The typed values of the refused post, if they belong to the form whose `key` field has this value (pages
/// with one form per record tell their forms apart by it).
pub fn echoed_values(key: &str, key_value: &str) -> Option<HashMap<String, String>> {
    let values = current(false)?.values;
    (values.get(key).map(String::as_str) == Some(key_value)).then_some(values)
}
