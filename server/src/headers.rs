//! Security and caching headers on every response. Pages set their own Content-Security-Policy with the response's
//! nonce (`app::shell::csp`); every other response gets a default one here, so nothing this server sends
//! is left without a policy.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;

/// For everything that is not a page or a script (JSON, photos, downloads, styles): nothing runs in it.
pub const NOT_A_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// HSTS for a site served over https: a year, subdomains included.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The headers that do not depend on the response.
const FIXED: [(&str, &str); 5] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    // Evidence photos are taken with the camera on this site only; nothing else is asked for.
    ("permissions-policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"),
    ("cross-origin-opener-policy", "same-origin"),
    // Older browsers ignore CSP frame-ancestors.
    ("x-frame-options", "DENY"),
];

/// The default policy for a response of this content type: None for pages and scripts. Pages set their own
/// (with the nonce of their scripts); the offline page runs no script. Chromium binds the pages a service
/// worker answers to the worker's and the page's policies both, so a default on `/sw.js` or on HTML the
/// worker handles refused every page's nonce scripts (the e2e CSP guard caught it).
pub fn default_policy(content_type: Option<&HeaderValue>) -> Option<&'static str> {
    let kind = content_type.and_then(|v| v.to_str().ok()).unwrap_or("");
    if kind.contains("javascript") || kind.starts_with("text/html") {
        None
    } else {
        Some(NOT_A_PAGE_POLICY)
    }
}

/// Adds the security headers a response does not already carry.
pub fn add(headers: &mut HeaderMap, https: bool) {
    for (name, value) in FIXED {
        headers.entry(HeaderName::from_static(name)).or_insert(HeaderValue::from_static(value));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Some(policy) = default_policy(headers.get(header::CONTENT_TYPE)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
        }
    }
    if https {
        headers.entry(header::STRICT_TRANSPORT_SECURITY).or_insert(HeaderValue::from_static(HSTS));
    }
}

/// For the build's own files (`/pkg/<build id>/…`): their address changes with every build.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For other static files (`/sw.js`, the offline page, icons): kept, but asked about again each time.
pub const REVALIDATE: &str = "no-cache";
/// For pages and answers of server functions, which may hold one person's data: no shared cache keeps them.
pub const PERSONAL: &str = "private, no-cache";

/// The caching rule of a response to `path`, unless the handler chose one.
pub fn cache_control(path: &str, status: u16, headers: &mut HeaderMap) {
    if headers.contains_key(header::CACHE_CONTROL) {
        return;
    }
    let value = if is_built_file(path) && status == 200 {
        IMMUTABLE
    } else if is_static_file(path, headers) {
        REVALIDATE
    } else {
        PERSONAL
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
}

/// One of the build's own files (`/pkg/<build id>/…`), whose address changes with every build.
fn is_built_file(path: &str) -> bool {
    path.strip_prefix("/pkg/").is_some_and(|rest| rest.contains('/'))
}

/// The headers of a built file (script, wasm, style), which is fetched once per build and then kept: only
/// what it needs. Document policies (CSP, framing, permissions, referrer, opener) do nothing on a script or a
/// stylesheet, and its date, range support and request id are never used, so about 600 bytes per file go.
fn trim_built_file(headers: &mut HeaderMap) {
    for name in ["last-modified", "accept-ranges", "x-request-id", "etag"] {
        headers.remove(name);
    }
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
}

/// A file of the site: a name with an extension, served with a validator (an ETag from memory, a
/// last-modified date from disk), so a revalidation can answer 304.
fn is_static_file(path: &str, headers: &HeaderMap) -> bool {
    let named = path.rsplit('/').next().is_some_and(|name| name.contains('.'));
    named && (headers.contains_key(header::LAST_MODIFIED) || headers.contains_key(header::ETAG))
}

/// The middleware: `https` is whether the public URL is https (then HSTS is sent too).
pub async fn security_headers(https: bool, request: Request<Body>, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let mut response = next.run(request).await;
    let status = response.status().as_u16();
    if is_built_file(&path) && status == 200 {
        trim_built_file(response.headers_mut());
    } else {
        add(response.headers_mut(), https);
    }
    cache_control(&path, status, response.headers_mut());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_keep_their_own_policy_and_others_get_one_by_kind() {
        let mut page = HeaderMap::new();
        page.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        page.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("script-src 'nonce-x'"));
        add(&mut page, false);
        assert_eq!(page[header::CONTENT_SECURITY_POLICY], "script-src 'nonce-x'");
        assert!(!page.contains_key(header::STRICT_TRANSPORT_SECURITY));

        let mut json = HeaderMap::new();
        json.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        add(&mut json, true);
        assert_eq!(json[header::CONTENT_SECURITY_POLICY], NOT_A_PAGE_POLICY);
        assert_eq!(json[header::STRICT_TRANSPORT_SECURITY], HSTS);
        assert_eq!(json["x-content-type-options"], "nosniff");

        let mut script = HeaderMap::new();
        script.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript"));
        add(&mut script, false);
        assert!(
            !script.contains_key(header::CONTENT_SECURITY_POLICY),
            "the service worker's policy would bind its pages"
        );

        let mut offline_page = HeaderMap::new();
        offline_page.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        add(&mut offline_page, false);
        assert!(!offline_page.contains_key(header::CONTENT_SECURITY_POLICY));
        assert_eq!(offline_page["x-frame-options"], "DENY");
        assert_eq!(script["x-content-type-options"], "nosniff");
    }

    #[test]
    fn built_files_are_immutable_other_files_revalidate_and_pages_stay_private() {
        let mut file = HeaderMap::new();
        file.insert(header::LAST_MODIFIED, HeaderValue::from_static("Thu, 03 Dec 2026 10:00:00 GMT"));
        let rule = |path: &str, status: u16, headers: &HeaderMap| {
            let mut headers = headers.clone();
            cache_control(path, status, &mut headers);
            headers[header::CACHE_CONTROL].to_str().unwrap().to_string()
        };
        assert_eq!(rule("/pkg/0123abcd/shenbao_bg.wasm", 200, &file), IMMUTABLE);
        assert_eq!(rule("/pkg/0123abcd/missing.js", 404, &HeaderMap::new()), PERSONAL);
        assert_eq!(rule("/sw.js", 200, &file), REVALIDATE);
        assert_eq!(rule("/declarations/3", 200, &HeaderMap::new()), PERSONAL);
        let mut chosen = HeaderMap::new();
        chosen.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        assert_eq!(rule("/api/declarations/export.xlsx", 200, &chosen), "no-store");
    }
}
