//! Who is calling, and may they? Every server function starts with one of these guards; hiding a button
//! in the UI is only a convenience.

use crate::accounts::model::{AccountStatus, Role};
use crate::accounts::service::{account, lead_scope_ids};
use crate::auth::caller::Caller;
use crate::auth::session::{account_for_token, request_cookie, COOKIE};
use crate::db::Conn;
use crate::error::AppError;
use crate::state::app_state;

/// The request's caller, once looked up (see [`load_caller`]).
#[derive(Clone)]
struct KnownCaller(Option<Caller>);

/// Looks the request's caller up on a connection of its own, released before the server function's body
/// takes the request's connection: a body holding its connection while waiting for a second one would
/// deadlock the pool once every connection was held that way. Later guards of the request use the result.
pub async fn load_caller() -> Result<(), AppError> {
    if leptos::prelude::use_context::<KnownCaller>().is_some() {
        return Ok(());
    }
    let caller = match request_cookie(COOKIE) {
        Some(token) => crate::db::read(&app_state()?.pool, async |conn| caller_for_token(conn, &token).await).await?,
        None => None,
    };
    leptos::prelude::provide_context(KnownCaller(caller));
    Ok(())
}

/// The caller, if a live session of an active account came with the request.
pub async fn current_caller() -> Result<Option<Caller>, AppError> {
    load_caller().await?;
    Ok(leptos::prelude::use_context::<KnownCaller>().and_then(|k| k.0))
}

/// The caller behind a session token (also used by plain axum handlers such as file uploads).
pub async fn caller_for_token(conn: &mut Conn, token: &str) -> Result<Option<Caller>, AppError> {
    let Some(account_id) = account_for_token(conn, token).await? else { return Ok(None) };
    let Some(account) = account(conn, account_id).await? else { return Ok(None) };
    if account.status != AccountStatus::Active {
        return Ok(None);
    }
    let role = account.role;
    // The request's span (server::router) names who is asking, so a logged reference id leads to them.
    tracing::Span::current().record("account", account.id).record("role", role.code());
    let (college_ids, certificate_ids) =
        if role == Role::Lead { lead_scope_ids(conn, account_id).await? } else { (Vec::new(), Vec::new()) };
    Ok(Some(Caller {
        id: account.id,
        role,
        institution_id: account.institution_id,
        organization_id: account.organization_id,
        must_change_password: account.must_change_password,
        college_ids,
        certificate_ids,
    }))
}

/// The caller behind a plain axum request's session cookie (uploads, photos and downloads), refused as a
/// server function would refuse them: Unauthorized without a live session, PasswordChangeRequired until a
/// forced password change is done.
pub async fn caller_from_headers(conn: &mut Conn, headers: &axum::http::HeaderMap) -> Result<Caller, AppError> {
    let token = crate::auth::session::cookie_from_headers(headers, COOKIE).ok_or(AppError::Unauthorized)?;
    check_role(caller_for_token(conn, &token).await?.ok_or(AppError::Unauthorized)?, &Role::ALL)
}

/// For public plain routes: the caller if one is logged in and free to act, else a visitor.
pub async fn visitor_or_caller(conn: &mut Conn, headers: &axum::http::HeaderMap) -> Result<Option<Caller>, AppError> {
    match crate::auth::session::cookie_from_headers(headers, COOKIE) {
        Some(token) => Ok(caller_for_token(conn, &token).await?.filter(|c| !c.must_change_password)),
        None => Ok(None),
    }
}

/// Refuses callers without one of `roles`, and callers who must first change their password.
pub fn check_role(caller: Caller, roles: &[Role]) -> Result<Caller, AppError> {
    if caller.must_change_password {
        return Err(AppError::PasswordChangeRequired);
    }
    if roles.contains(&caller.role) {
        Ok(caller)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Any logged-in caller, allowed only password changes until a forced change is done.
pub async fn require_login_for_password_change() -> Result<Caller, AppError> {
    current_caller().await?.ok_or(AppError::Unauthorized)
}

/// Any logged-in caller who owes no forced password change.
pub async fn require_login() -> Result<Caller, AppError> {
    check_role(require_login_for_password_change().await?, &Role::ALL)
}

/// A logged-in caller holding one of `roles`.
pub async fn require_role(roles: &[Role]) -> Result<Caller, AppError> {
    check_role(require_login_for_password_change().await?, roles)
}
