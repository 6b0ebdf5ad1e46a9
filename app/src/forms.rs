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

/// Reads an error passed back in the query string.
pub fn error_from_query(value: &str) -> Option<AppError> {
    serde_json::from_str(value).ok()
}

#[cfg(feature = "ssr")]
mod server {
    use axum::http::{header, request::Parts};
    use leptos::prelude::use_context;

    use super::encode_query_value;
    use crate::error::AppError;

    /// True for a plain browser form post to a server function (JavaScript off), which expects a page back.
    /// Server functions called in-process while a page renders see the page's request and are not form posts.
    pub fn is_plain_form_post() -> bool {
        use_context::<Parts>()
            .filter(|p| p.method == axum::http::Method::POST && p.uri.path().starts_with("/api/"))
            .and_then(|p| p.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
            .unwrap_or(false)
    }

    /// The path of the page that posted the form (same origin only).
    fn referer_path() -> String {
        use_context::<Parts>()
            .and_then(|p| p.headers.get(header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string))
            .and_then(|r| {
                let after_scheme = r.split_once("://").map(|x| x.1).unwrap_or(&r);
                after_scheme.find('/').map(|i| after_scheme[i..].to_string())
            })
            .map(|p| p.split('?').next().unwrap_or("/").to_string())
            .unwrap_or_else(|| "/".to_string())
    }

    /// Sets the HTTP status of an error and, for plain form posts, sends the browser back with it.
    pub fn respond_error(err: AppError) -> AppError {
        if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(err.status()) {
                opts.set_status(status);
            }
        }
        if is_plain_form_post() {
            let json = serde_json::to_string(&err).unwrap_or_default();
            leptos_axum::redirect(&format!("{}?form_error={}", referer_path(), encode_query_value(&json)));
        }
        err
    }

    /// Wraps a server function body so that its error gets the right status and JavaScript-off handling.
    pub async fn run<T>(body: impl std::future::Future<Output = Result<T, AppError>>) -> Result<T, AppError> {
        body.await.map_err(respond_error)
    }
}

#[cfg(feature = "ssr")]
pub use server::{is_plain_form_post, run};

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
    fn decoding_never_panics_on_broken_escapes() {
        assert_eq!(decode_query_value("%E4%B8%AD%"), "中%");
        assert_eq!(decode_query_value("%zz+1"), "%zz 1");
    }
}
