//! Forms that also work with JavaScript off.
//!
//! With JavaScript off a form posts straight to the server function. On an error the server keeps the error
//! and what was typed in a short-lived flash bound to the browser ([`flash`]) and sends the browser back to
//! the form's page with the flash's id, and the page shows both. Nothing typed travels in a URL, so no link
//! can put text into a form or show a made-up error.

#[cfg(feature = "ssr")]
mod echo;
pub mod flash;
#[cfg(feature = "ssr")]
mod repo;
#[cfg(feature = "ssr")]
mod server;

#[cfg(feature = "ssr")]
pub use echo::Echo;
pub use flash::{echoed_values, flash_error, flash_value, provide_flash, FormFlash, FLASH_PARAM};
#[cfg(feature = "ssr")]
pub use server::{attach_flash, is_plain_form_post, redirect_with_flash, run, run_form, run_read};

/// A path of this site to send a browser to: never `//host` or `/\host`, which browsers read as another site,
/// and nothing a header could not carry.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') && !path.chars().any(char::is_control)
}

/// Percent-encodes a string for a URL query value or a cookie.
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
    fn encoding_keeps_only_unreserved_characters_and_decodes_back() {
        let text = "申报 a&b=c/%";
        let encoded = encode_query_value(text);
        assert!(encoded.chars().all(|c| c.is_ascii_alphanumeric() || "-_.~%".contains(c)));
        assert_eq!(decode_query_value(&encoded), text);
    }

    #[test]
    fn only_paths_of_this_site_are_local() {
        assert!(is_local_path("/declarations/3?year=2026"));
        for foreign in ["//evil.example", "/\\evil.example", "https://evil.example", "", "/a\r\nSet-Cookie: x=1"] {
            assert!(!is_local_path(foreign), "{foreign:?}");
        }
    }

    #[test]
    fn decoding_never_panics_on_broken_escapes() {
        assert_eq!(decode_query_value("%E4%B8%AD%"), "中%");
        assert_eq!(decode_query_value("%zz+1"), "%zz 1");
    }
}
