//! Helpers for forms that must also work with JavaScript off.
//!
//! With JavaScript off a form posts straight to the server function. On an error the server sends the
//! browser back to the form's page with the error in the `form_error` query parameter, and the page shows it.

use crate::error::AppError;

/// Percent-encodes a string for a URL query value.
pub fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Removes `form_error` and `form_values` from a path's query, keeping the other parameters.
pub fn strip_form_params(path_and_query: &str) -> String {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("form_error=") && !p.starts_with("form_values="))
        .collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// Decodes a percent-encoded value (invalid escapes are kept as they are).
pub fn decode_query_value(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped =
            (bytes[i] == b'%').then(|| value.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())).flatten();
        match escaped {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads the typed values passed back in the query string (scripts off), by field name.
pub fn values_from_query(value: &str) -> std::collections::HashMap<String, String> {
    serde_json::from_str(value).unwrap_or_default()
}

/// Reads an error passed back in the query string.
pub fn error_from_query(value: &str) -> Option<AppError> {
    serde_json::from_str(value).ok()
}

#[cfg(feature = "ssr")]
mod server {
    use axum::http::{header, request::Parts};
    use leptos::prelude::use_context;

    use super::{encode_query_value, strip_form_params};
    use crate::error::AppError;

    /// True for a plain browser form post to a server function (JavaScript off), which expects a page back.
    /// Server functions called in-process while a page renders see the page's request and are not form posts.
    pub fn is_plain_form_post() -> bool {
        use_context::<Parts>()
            .filter(|p| p.method == axum::http::Method::POST && p.uri.path().starts_with("/api/"))
            .and_then(|p| p.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
            .unwrap_or(false)
    }

    /// The path and query of the page that posted the form (same origin only), without an earlier
    /// error or typed values.
    fn referer_path() -> String {
        let referer = use_context::<Parts>()
            .and_then(|p| p.headers.get(header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string))
            .unwrap_or_default();
        let after_scheme = referer.split_once("://").map(|x| x.1).unwrap_or("");
        let path_and_query = after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("/");
        strip_form_params(path_and_query)
    }

    /// Sets the HTTP status of an error and, for plain form posts, sends the browser back with it
    /// and with what was typed (never passwords), so nothing entered is lost.
    pub fn respond_error(err: AppError, typed: Vec<(&'static str, String)>) -> AppError {
        if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(err.status()) {
                opts.set_status(status);
            }
        }
        if is_plain_form_post() {
            let json = serde_json::to_string(&err).unwrap_or_default();
            let typed: std::collections::HashMap<&str, String> = typed.into_iter().collect();
            let typed = serde_json::to_string(&typed).unwrap_or_default();
            let back = referer_path();
            let separator = if back.contains('?') { '&' } else { '?' };
            leptos_axum::redirect(&format!(
                "{back}{separator}form_error={}&form_values={}",
                encode_query_value(&json),
                encode_query_value(&typed)
            ));
        }
        err
    }

    /// Wraps a server function body so that its error gets the right status and JavaScript-off handling.
    pub async fn run<T>(body: impl std::future::Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
        body.await.map_err(|e| respond_error(e, Vec::new()))
    }

    /// Like [`run`], for forms: with scripts off the typed values come back with the error.
    pub async fn run_form<T>(
        typed: Vec<(&'static str, String)>,
        body: impl std::future::Future<Output = Result<T, AppError>>,
    ) -> Result<T, AppError> {
        body.await.map_err(|e| respond_error(e, typed))
    }
}

#[cfg(feature = "ssr")]
pub use server::{is_plain_form_post, run, run_form};

/// The typed values a refused plain form post (scripts off) sent back, if they belong to the form whose
/// `key` field has this value (pages with one form per record tell their forms apart by it).
pub fn echoed_values(key: &str, key_value: &str) -> Option<std::collections::HashMap<String, String>> {
    use leptos::prelude::ReadUntracked;
    let query = leptos_router::hooks::use_query_map();
    let values = values_from_query(&query.read_untracked().get("form_values")?);
    (values.get(key).map(String::as_str) == Some(key_value)).then_some(values)
}

/// Counts only the successful completions of an action, so a resource keyed on it reloads after a save
/// but not after a refused one (a reload would re-render the form and drop what was typed).
/// `version` reads the action's version; `succeeded` says whether its latest result is a success.
pub fn success_version(
    version: impl Fn() -> usize + Send + Sync + 'static,
    succeeded: impl Fn() -> bool + Send + Sync + 'static,
) -> leptos::prelude::Memo<usize> {
    leptos::prelude::Memo::new(move |previous: Option<&usize>| {
        let version = version();
        if succeeded() {
            version
        } else {
            previous.copied().unwrap_or(0)
        }
    })
}

/// [`success_version`] of a server action.
#[macro_export]
macro_rules! success_version_of {
    ($action:expr) => {{
        let action = $action;
        $crate::forms::success_version(
            move || action.version().get(),
            move || action.value().with(|v| matches!(v, Some(Ok(_)))),
        )
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_errors_come_back_from_the_query() {
        let err = AppError::field("name", "请填写院校名称。", "Fill in the name.");
        let json = serde_json::to_string(&err).unwrap();
        let encoded = encode_query_value(&json);
        assert!(encoded.chars().all(|c| c.is_ascii_alphanumeric() || "-_.~%".contains(c)));
        let decoded = decode_query_value(&encoded);
        assert_eq!(error_from_query(&decoded), Some(err));
    }

    #[test]
    fn earlier_form_params_are_dropped_and_others_kept() {
        assert_eq!(strip_form_params("/register?school=3&form_error=x&form_values=y"), "/register?school=3");
        assert_eq!(strip_form_params("/registry?form_error=x"), "/registry");
        assert_eq!(strip_form_params("/"), "/");
    }

    #[test]
    fn decoding_never_panics_on_broken_escapes() {
        assert_eq!(decode_query_value("%E4%B8%AD%"), "中%");
        assert_eq!(decode_query_value("%zz+1"), "%zz 1");
    }
}
