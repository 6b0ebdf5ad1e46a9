//! The server's side of forms without JavaScript: statuses, the flash of a refused post and the way back.

use axum::extract::{Request, State};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::use_context;

use super::echo::Echo;
use super::flash::{FormFlash, FLASH_PARAM};
use super::repo::{self as flash_repo, StoredFlash};
use crate::auth::session::cookie_from_headers;
use crate::auth::token::{digest, random_token};
use crate::db::{self, now, Conn};
use crate::error::AppError;
use crate::state::{app_state, AppState};

/// The cookie that binds a flash to the browser that posted the form.
const BROWSER_COOKIE: &str = "sb_form";
const BROWSER_COOKIE_SECS: i64 = 30 * 24 * 3600;

/// True for a plain browser form post to a server function (JavaScript off), which expects a page back.
/// Server functions called in-process while a page renders see the page's request and are not form posts.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .filter(|p| p.method == Method::POST && p.uri.path().starts_with("/api/"))
        .and_then(|p| p.headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html")))
        .unwrap_or(false)
}

/// The path and query of the page that posted the form, without an earlier flash: only a page of this site
/// (the referer's host is the request's), and never a `//host` path a browser would read as another site.
fn referer_path(headers: &HeaderMap) -> String {
    let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let after_scheme = referer.split_once("://").map(|x| x.1).unwrap_or("");
    let (authority, path_and_query) = after_scheme.find('/').map_or((after_scheme, "/"), |i| after_scheme.split_at(i));
    if authority != host || !super::is_local_path(path_and_query) {
        return "/".to_string();
    }
    without_flash(path_and_query)
}

/// A path and query without its `flash` parameter, the other parameters kept.
fn without_flash(path_and_query: &str) -> String {
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    let prefix = format!("{FLASH_PARAM}=");
    let kept: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !p.starts_with(&prefix)).collect();
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

fn with_flash(path_and_query: &str, id: &str) -> String {
    let separator = if path_and_query.contains('?') { '&' } else { '?' };
    format!("{path_and_query}{separator}{FLASH_PARAM}={id}")
}

/// Keeps the flash of a refused post for this browser; returns its id and, when the browser had no binding
/// cookie yet, the cookie to set.
async fn store(
    state: &AppState,
    headers: &HeaderMap,
    err: &AppError,
    typed: Echo,
) -> Result<(String, Option<HeaderValue>), AppError> {
    let (browser, cookie) = match cookie_from_headers(headers, BROWSER_COOKIE).filter(|c| c.len() == 64) {
        Some(existing) => (existing, None),
        None => {
            let fresh = random_token();
            let secure = if state.secure_cookies { "; Secure" } else { "" };
            let cookie = format!(
                "{BROWSER_COOKIE}={fresh}; Path=/; HttpOnly; SameSite=Lax; Max-Age={BROWSER_COOKIE_SECS}{secure}"
            );
            (fresh, HeaderValue::from_str(&cookie).ok())
        }
    };
    let values: std::collections::HashMap<String, String> = typed.0.into_iter().collect();
    let stored = StoredFlash {
        error: serde_json::to_string(err).map_err(|e| AppError::internal(e.to_string()))?,
        values: serde_json::to_string(&values).map_err(|e| AppError::internal(e.to_string()))?,
    };
    let id = random_token()[..32].to_string();
    let owner = digest(&browser);
    db::transaction(&state.pool, async |tx| flash_repo::insert(tx, &id, &owner, &stored, now()).await).await?;
    Ok((id, cookie))
}

/// Where the browser goes back to after a refused post: `back` naming the flash, or `back` alone when the
/// flash could not be kept (the error is then logged; the page still loads).
async fn way_back(
    state: &AppState,
    headers: &HeaderMap,
    back: &str,
    err: &AppError,
    typed: Echo,
) -> (String, Option<HeaderValue>) {
    match store(state, headers, err, typed).await {
        Ok((id, cookie)) => (with_flash(back, &id), cookie),
        Err(e) => {
            tracing::error!("form flash not kept: {}", e.message().en);
            (back.to_string(), None)
        }
    }
}

/// Sets the HTTP status of an error and, for plain form posts, sends the browser back to the form with it
/// and with what was typed (never passwords), so nothing entered is lost.
async fn respond_error(err: AppError, typed: Echo) -> AppError {
    let options = use_context::<leptos_axum::ResponseOptions>();
    if let (Some(opts), Ok(status)) = (&options, axum::http::StatusCode::from_u16(err.status())) {
        opts.set_status(status);
    }
    if let (true, Some(parts), Ok(state)) = (is_plain_form_post(), use_context::<Parts>(), app_state()) {
        let back = referer_path(&parts.headers);
        let (target, cookie) = way_back(&state, &parts.headers, &back, &err, typed).await;
        if let (Some(opts), Some(cookie)) = (&options, cookie) {
            opts.append_header(header::SET_COOKIE, cookie);
        }
        leptos_axum::redirect(&target);
    }
    err
}

/// The entry point of a server function that writes: its body runs in the request's one transaction
/// (committed when it succeeds, rolled back when it fails), and its error gets the right status and
/// JavaScript-off handling.
pub async fn run<T>(body: impl AsyncFnOnce(&mut Conn) -> Result<T, AppError>) -> Result<T, AppError> {
    run_form(Echo::default(), body).await
}

/// Like [`run`], for forms: with scripts off the typed values come back with the error.
pub async fn run_form<T>(
    typed: impl Into<Echo>,
    body: impl AsyncFnOnce(&mut Conn) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let result = match (app_state(), crate::auth::guard::load_caller().await) {
        (Ok(state), Ok(())) => db::transaction(&state.pool, body).await,
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match result {
        Ok(value) => Ok(value),
        Err(e) => Err(respond_error(e, typed.into()).await),
    }
}

/// The entry point of a server function that only reads: its body gets one connection, no transaction.
pub async fn run_read<T>(body: impl AsyncFnOnce(&mut Conn) -> Result<T, AppError>) -> Result<T, AppError> {
    let result = match (app_state(), crate::auth::guard::load_caller().await) {
        (Ok(state), Ok(())) => db::read(&state.pool, body).await,
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match result {
        Ok(value) => Ok(value),
        Err(e) => Err(respond_error(e, Echo::default()).await),
    }
}

/// For plain axum routes (uploads): the redirect back to `page` showing `err`.
pub async fn redirect_with_flash(state: &AppState, headers: &HeaderMap, page: &str, err: &AppError) -> Response {
    let (target, cookie) = way_back(state, headers, page, err, Echo::default()).await;
    let mut response = Redirect::to(&target).into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// Middleware: a page request whose URL names a flash of this browser gets it as a request extension, which
/// [`super::provide_flash`] hands to the page.
pub async fn attach_flash(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    if let Some((id, browser)) = flash_named(&request) {
        if let Some(flash) = load(&state, id, &browser).await {
            request.extensions_mut().insert(flash);
        }
    }
    next.run(request).await
}

/// The flash id a page request names and the browser's binding cookie.
fn flash_named(request: &Request) -> Option<(String, String)> {
    if request.method() != Method::GET {
        return None;
    }
    let prefix = format!("{FLASH_PARAM}=");
    let id = request.uri().query()?.split('&').find_map(|p| p.strip_prefix(prefix.as_str()))?;
    Some((id.to_string(), cookie_from_headers(request.headers(), BROWSER_COOKIE)?))
}

async fn load(state: &AppState, id: String, browser: &str) -> Option<FormFlash> {
    let owner = digest(browser);
    let stored = match db::read(&state.pool, async |conn| flash_repo::find(conn, &id, &owner, now()).await).await {
        Ok(stored) => stored?,
        Err(e) => {
            tracing::error!("form flash not read: {}", e.message().en);
            return None;
        }
    };
    Some(FormFlash {
        id,
        error: serde_json::from_str(&stored.error).ok(),
        values: serde_json::from_str(&stored.values).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_earlier_flash_is_dropped_and_other_parameters_kept() {
        assert_eq!(without_flash("/register?school=3&flash=abc"), "/register?school=3");
        assert_eq!(without_flash("/registry?flash=x"), "/registry");
        assert_eq!(without_flash("/"), "/");
        assert_eq!(with_flash("/registry", "ab"), "/registry?flash=ab");
        assert_eq!(with_flash("/register?school=3", "ab"), "/register?school=3&flash=ab");
    }

    #[test]
    fn the_way_back_never_leaves_this_site() {
        let back = |referer: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, HeaderValue::from_static("shenbao.example"));
            headers.insert(header::REFERER, HeaderValue::from_static(referer));
            referer_path(&headers)
        };
        assert_eq!(back("https://shenbao.example/declarations/4?flash=1"), "/declarations/4");
        assert_eq!(back("https://evil.example/declarations/4"), "/");
        assert_eq!(back("https://shenbao.example//evil.example/x"), "/");
        assert_eq!(back("https://shenbao.example/\\evil.example"), "/");
        assert_eq!(back("https://shenbao.example"), "/");
    }
}
