//! Shenbao (申报): the isomorphic crate. Shared models and rules, server functions, and the UI.
//! Server-only code sits behind `feature = "ssr"`, browser-only code behind `feature = "hydrate"`.

pub mod accounts;
pub mod catalog;
pub mod codes;
pub mod declarations;
pub mod error;
pub mod evidence;
pub mod followup;
pub mod forms;
pub mod i18n;
pub mod import;
pub mod institutions;
pub mod library;
pub mod notifications;
pub mod results;
pub mod review;
pub mod shell;
pub mod survey;
pub mod sync;
pub mod ui;
pub mod validate;
pub mod windows;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod prefs;
#[cfg(feature = "ssr")]
pub mod spreadsheet;
#[cfg(feature = "ssr")]
pub mod state;

pub use shell::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes load their chunk before they hydrate, so hydration is asynchronous.
    wasm_bindgen_futures::spawn_local(async {
        let owner = leptos::mount::hydrate_from_async(leptos::prelude::document().body().expect("a body"), App).await;
        owner.forget();
        // A marker for end-to-end tests: interactive from here on.
        let _ = js_sys::Reflect::set(&leptos::prelude::window(), &"__shenbao_hydrated".into(), &true.into());
    });
}
