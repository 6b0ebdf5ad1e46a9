//! Server-side sessions: a random id in an HttpOnly, SameSite=Lax cookie; the database keeps its digest.

use axum::http::{header, request::Parts, HeaderValue};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use super::repo as sessions;
use super::token::{digest, random_token};
use crate::db::{now, Conn};
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

/// The client's address for rate limiting: the socket peer, or, behind a reverse proxy, the address that
/// proxy put in the header the operator named (`SHENBAO_CLIENT_IP_HEADER`). The header is read only when
/// configured, and only its last entry (the one the proxy added), so a client cannot choose its address.
pub fn client_address() -> String {
    let Some(parts) = use_context::<Parts>() else { return "unknown".into() };
    let header = crate::state::app_state().ok().and_then(|s| s.client_ip_header);
    if let Some(name) = header {
        let last =
            parts.headers.get_all(&name).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).last();
        return last
            .and_then(|a| a.trim().parse::<std::net::IpAddr>().ok())
            .map_or("unknown".into(), |ip| ip.to_string());
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or("unknown".into(), |c| c.0.ip().to_string())
}

pub async fn create_session(conn: &mut Conn, account_id: i64) -> Result<String, AppError> {
    let token = random_token();
    sessions::insert(conn, &digest(&token), account_id, now(), SESSION_SECS).await?;
    Ok(token)
}

pub async fn delete_session(conn: &mut Conn, token: &str) -> Result<(), AppError> {
    sessions::delete(conn, &digest(token)).await
}

/// Ends every session of an account except, optionally, the one in use (after a password change or reset).
pub async fn delete_sessions_of(conn: &mut Conn, account_id: i64, keep_token: Option<&str>) -> Result<(), AppError> {
    sessions::delete_others(conn, account_id, &keep_token.map(digest).unwrap_or_default()).await
}

/// The account id behind a session token, if the session is live.
pub async fn account_for_token(conn: &mut Conn, token: &str) -> Result<Option<i64>, AppError> {
    sessions::live_account(conn, &digest(token), now()).await
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
