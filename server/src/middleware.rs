//! What every request goes through: a span with its id and caller, a log line with its status and time, a
//! time limit, a panic turned into an answer, and the error statuses of server functions.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Every request runs in a span with its id (also sent back as `x-request-id`), method and path; the guard
/// records the caller's account and role in it once known, so each log line of the request carries them.
pub async fn request_span(request: Request<Body>, next: axum::middleware::Next) -> Response {
    use tracing::Instrument;
    let id = app::auth::token::short_id();
    let span = tracing::info_span!(
        "request",
        id = %id,
        method = %request.method(),
        path = %request.uri().path(),
        account = tracing::field::Empty,
        role = tracing::field::Empty,
    );
    let (method, path) = (request.method().to_string(), request.uri().path().to_string());
    let started = std::time::Instant::now();
    let mut response = next.run(request).instrument(span.clone()).await;
    let status = response.status().as_u16();
    let seconds = started.elapsed().as_secs_f64();
    span.in_scope(|| tracing::info!(status, ms = format!("{:.1}", seconds * 1000.0), "answered"));
    crate::telemetry::record_request(&method, &path, status, seconds);
    if let Ok(value) = axum::http::HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Server functions' answers get the status of the error they carry (see [`with_error_status`]).
pub async fn api_error_status(request: Request<Body>, next: axum::middleware::Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if api {
        with_error_status(response).await
    } else {
        response
    }
}

/// Errors raised before a server function's body runs (arguments that do not decode) come back from the
/// framework as 500; the body is the app's error, so its own status is put on the response. Error bodies are
/// a few hundred bytes; anything else passes through untouched.
async fn with_error_status(response: Response) -> Response {
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// How long an ordinary request may take; past it the work is dropped (its transaction rolls back) and the
/// caller is told to try again. Photo and spreadsheet uploads from a phone on weak signal get longer.
pub const REQUEST_LIMIT: Duration = Duration::from_secs(30);
pub const UPLOAD_LIMIT: Duration = Duration::from_secs(10 * 60);

/// The ordinary limit, for pages, server functions and downloads.
pub async fn request_time_limit(request: Request<Body>, next: axum::middleware::Next) -> Response {
    within(REQUEST_LIMIT, request, next).await
}

/// The longer limit of the upload routes (the router puts it on them).
pub async fn upload_time_limit(request: Request<Body>, next: axum::middleware::Next) -> Response {
    within(UPLOAD_LIMIT, request, next).await
}

/// Ends a request that runs past `limit` with 503 and a reference id in the log.
async fn within(limit: Duration, request: Request<Body>, next: axum::middleware::Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let error = app::error::AppError::internal(format!("request ran past its limit of {limit:?}"));
            (StatusCode::SERVICE_UNAVAILABLE, Json(error)).into_response()
        }
    }
}

/// A panic in a handler becomes a logged 500 with a reference id, never a dropped connection.
pub fn catch_panics() -> tower_http::catch_panic::CatchPanicLayer<fn(Box<dyn std::any::Any + Send>) -> Response> {
    tower_http::catch_panic::CatchPanicLayer::custom(panic_response as fn(Box<dyn std::any::Any + Send>) -> Response)
}

fn panic_response(panic: Box<dyn std::any::Any + Send>) -> Response {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into());
    let error = app::error::AppError::internal(format!("panic: {what}"));
    (StatusCode::INTERNAL_SERVER_ERROR, Json(error)).into_response()
}

/// Whether a form or JSON body holds a NUL character (raw, `%00` or `\u0000`): no text a person types has
/// one, and PostgreSQL cannot store or even compare it, so it would end as a server error.
pub fn carries_nul(body: &[u8]) -> bool {
    body.contains(&0)
        || body.windows(3).any(|w| w.eq_ignore_ascii_case(b"%00"))
        || body.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
}

/// The answer to a body holding a NUL character.
pub fn nul_refused() -> Response {
    let error = app::error::AppError::BadRequest(app::i18n::Text::new(
        "提交的内容含有无法保存的控制字符（NUL），请删除后再提交。",
        "What was sent holds a control character (NUL) that cannot be stored; remove it and send again.",
    ));
    (StatusCode::BAD_REQUEST, Json(error)).into_response()
}

/// The answer to a request body that could not be read: 413 when it was over `limit` bytes, else 400 (the
/// client broke off mid-body).
pub fn unread_body(error: axum::Error, limit: usize) -> Response {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = cause {
        if e.is::<http_body_util::LengthLimitError>() {
            let error = app::error::AppError::TooLarge(limit as u64);
            return (StatusCode::PAYLOAD_TOO_LARGE, Json(error)).into_response();
        }
        cause = e.source();
    }
    let error = app::error::AppError::BadRequest(app::i18n::Text::new(
        "请求内容不完整，未保存。请检查网络后重试。",
        "The request arrived incomplete and nothing was saved. Check the connection and retry.",
    ));
    (StatusCode::BAD_REQUEST, Json(error)).into_response()
}

/// Refuses state-changing requests another site's page made: one whose `Origin` is not this site, or, when
/// a browser sends no Origin, whose `Sec-Fetch-Site` says it crossed sites. SameSite=Lax cookies alone
/// let a top-level form post from elsewhere through. Non-browser clients send neither header and pass.
/// Bodies must be of a type the app's own pages send (forms, multipart uploads): a `text/plain` body is
/// what a cross-site form may send without asking, so it is refused.
pub async fn same_site_writes(
    axum::extract::State(state): axum::extract::State<app::state::AppState>,
    request: Request<Body>,
    next: axum::middleware::Next,
) -> Response {
    let public_origin = &state.public_origin;
    use axum::http::{header, Method};
    if matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    let host = text(header::HOST).unwrap_or_default();
    let from_elsewhere = match text(header::ORIGIN) {
        Some(origin) => !same_origin(origin, host, public_origin),
        None => matches!(text(header::HeaderName::from_static("sec-fetch-site")), Some("cross-site" | "same-site")),
    };
    if from_elsewhere {
        tracing::warn!(origin = text(header::ORIGIN).unwrap_or(""), "cross-site write refused");
        return (StatusCode::FORBIDDEN, Json(app::error::AppError::Forbidden)).into_response();
    }
    let kind = text(header::CONTENT_TYPE).map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let accepted = matches!(
        kind.as_deref(),
        None | Some("application/x-www-form-urlencoded" | "multipart/form-data" | "application/json")
    );
    if !accepted {
        let error = app::error::AppError::BadRequest(app::i18n::Text::new(
            "请求的内容类型不受支持，请从本站页面提交。",
            "This kind of request body is not accepted; submit from the app's own pages.",
        ));
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, Json(error)).into_response();
    }
    next.run(request).await
}

/// Whether an `Origin` is this site: the public URL's origin, or the host the request was sent to.
fn same_origin(origin: &str, host: &str, public_origin: &str) -> bool {
    let authority = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    origin.eq_ignore_ascii_case(public_origin) || (!host.is_empty() && authority.eq_ignore_ascii_case(host))
}

#[cfg(test)]
mod tests {
    use super::same_origin;

    #[test]
    fn a_nul_in_any_spelling_is_found() {
        use super::carries_nul;
        assert!(carries_nul(b"query=a%00b") && carries_nul(b"query=%00") && carries_nul(b"q=a\0"));
        assert!(carries_nul(br#"{"q":"a\u0000"}"#));
        assert!(!carries_nul(b"query=%E8%81%8C&n=100") && !carries_nul(b"n=%0A"));
    }

    #[test]
    fn only_this_site_is_the_same_origin() {
        assert!(same_origin("https://shenbao.gxedu.cn", "10.0.0.5:3000", "https://shenbao.gxedu.cn"));
        assert!(same_origin("http://127.0.0.1:3100", "127.0.0.1:3100", "http://127.0.0.1:3000"));
        assert!(!same_origin("https://evil.example", "127.0.0.1:3100", "http://127.0.0.1:3100"));
        assert!(!same_origin("null", "127.0.0.1:3100", "http://127.0.0.1:3100"));
        assert!(!same_origin("http://127.0.0.1:3100.evil.example", "127.0.0.1:3100", "https://x.cn"));
    }
}
