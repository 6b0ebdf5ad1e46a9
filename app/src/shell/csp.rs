//! The Content-Security-Policy of every page (server only): scripts run only with this response's nonce
//! (Leptos puts it on its own inline scripts), so a markup mistake that lets text through as HTML still
//! cannot run script. Wasm chunks and the service worker load from this origin.

use axum::http::{header, HeaderValue};
use leptos::nonce::use_nonce;
use leptos::prelude::use_context;

/// The policy for a page whose inline scripts carry `nonce`.
pub fn policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; worker-src 'self'; manifest-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Puts the policy on the response of the page being rendered.
pub fn set_header() {
    let (Some(nonce), Some(options)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else { return };
    if let Ok(value) = HeaderValue::from_str(&policy(&nonce)) {
        options.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}
