//! Server-side sessions: a random id in an HttpOnly, SameSite=Lax cookie; the database keeps its digest.

use axum::http::{header, request::Parts, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use super::token::{digest, random_token};
use crate::db::{now, Pool};
use crate::error::AppError;

pub const COOKIE: &str = "sb_session";
pub const SESSION_SECS: i64 = 30 * 24 * 3600;

/// The value of one cookie of the current request.
pub fn request_cookie(name: &str) -> Option<String> {
    let parts = use_context::<Parts>()?;
    cookie_from_headers(&parts.headers, name)
}

pub fn cookie_from_headers(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// The client's address for rate limiting (the socket peer; the app is meant to face clients directly
/// or sit behind a proxy that the operator configures to be the only peer).
pub fn client_address() -> String {
    use_context::<Parts>()
        .and_then(|p| {
            p.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}

pub async fn create_session(pool: &Pool, account_id: i64) -> Result<String, AppError> {
    let token = random_token();
    let created = now();
    sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(digest(&token))
        .bind(account_id)
        .bind(created)
        .bind(created + SESSION_SECS)
        .execute(pool)
        .await?;
    Ok(token)
}

pub async fn delete_session(pool: &Pool, token: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(digest(token)).execute(pool).await?;
    Ok(())
}

/// Ends every session of an account except, optionally, the one in use (after a password change or reset).
pub async fn delete_sessions_of(pool: &Pool, account_id: i64, keep_token: Option<&str>) -> Result<(), AppError> {
    let keep = keep_token.map(digest).unwrap_or_default();
    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(account_id)
        .bind(keep)
        .execute(pool)
        .await?;
    Ok(())
}

/// The account id behind a session token, if the session is live.
pub async fn account_for_token(pool: &Pool, token: &str) -> Result<Option<i64>, AppError> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT account_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
            .bind(digest(token))
            .bind(now())
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|r| r.0))
}

fn cookie_header(value: &str, max_age: i64, secure: bool) -> Option<HeaderValue> {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")).ok()
}

pub fn set_session_cookie(token: &str, secure: bool) {
    if let (Some(opts), Some(value)) = (use_context::<ResponseOptions>(), cookie_header(token, SESSION_SECS, secure)) {
        opts.append_header(header::SET_COOKIE, value);
    }
}

pub fn clear_session_cookie(secure: bool) {
    if let (Some(opts), Some(value)) = (use_context::<ResponseOptions>(), cookie_header("", 0, secure)) {
        opts.append_header(header::SET_COOKIE, value);
    }
}

/// Sets a short-lived HttpOnly cookie (flash messages between a form post and the next page).
pub fn set_cookie(name: &str, value: &str, max_age: i64) {
    let secure = crate::state::app_state().map(|s| s.secure_cookies).unwrap_or(false);
    let secure = if secure { "; Secure" } else { "" };
    let header =
        HeaderValue::from_str(&format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"));
    if let (Some(opts), Ok(value)) = (use_context::<ResponseOptions>(), header) {
        opts.append_header(header::SET_COOKIE, value);
    }
}
