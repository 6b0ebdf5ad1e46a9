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

fn limit_for(path: &str) -> Duration {
    let upload = path.ends_with("/photos") || path.ends_with("/import");
    if upload {
        UPLOAD_LIMIT
    } else {
        REQUEST_LIMIT
    }
}

/// Ends a request that runs past its limit with 503 and a reference id in the log.
pub async fn time_limit(request: Request<Body>, next: axum::middleware::Next) -> Response {
    let limit = limit_for(request.uri().path());
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
