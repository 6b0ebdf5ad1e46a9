//! Account server functions: `/api/accounts/*`.

use leptos::prelude::*;

use super::model::{AccountSummary, CurrentUser, IssuedPassword, ScopeCollege};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::model::Role,
    super::service,
    crate::auth::{guard, session},
    crate::forms::{run, run_form, run_read},
    crate::state::app_state,
};

/// Logs in. A plain form post is redirected home (or back with the error); scripts get JSON.
#[server(prefix = "/api", endpoint = "accounts/login")]
pub async fn login(username: String, password: String) -> Result<(), AppError> {
    let state = app_state()?;
    let address = session::client_address();
    let from = service::LoginFrom { address: &address, recognised: crate::auth::device::recognised(&state, &username) };
    // The password is checked between a read and the write, so the slow hash never holds the write lock.
    // Errors of the first two steps are answered by `run` below, once.
    let candidate =
        crate::db::read(&state.pool, async |conn| service::login_candidate(conn, &state, &username, &from).await).await;
    let checked = match candidate {
        Ok(candidate) => service::check_login(&state, candidate, &username, &password, &from).await,
        Err(e) => Err(e),
    };
    run(async |tx| {
        let account = checked?;
        // Renew the session id on every login: end the session this browser had before.
        if let Some(old) = session::request_cookie(session::COOKIE) {
            session::delete_session(tx, &old).await?;
        }
        let token = service::open_session(tx, &account).await?;
        session::set_session_cookie(&token, state.secure_cookies);
        crate::auth::device::remember(&state, &account.username);
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}

#[server(prefix = "/api", endpoint = "accounts/logout")]
pub async fn logout() -> Result<(), AppError> {
    run(async |tx| {
        let state = app_state()?;
        if let Some(token) = session::request_cookie(session::COOKIE) {
            session::delete_session(tx, &token).await?;
        }
        session::clear_session_cookie(state.secure_cookies);
        leptos_axum::redirect("/login");
        Ok(())
    })
    .await
}

/// The logged-in user's resource, loaded once by the app's root and shared through the context.
pub type UserResource = crate::ui::Res<Result<Option<CurrentUser>, AppError>>;

/// The current user's resource, provided by the app's root (`shell::App`).
pub fn use_user() -> UserResource {
    expect_context::<UserResource>()
}

/// The logged-in user, or None.
#[server(prefix = "/api", endpoint = "accounts/me")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    run_read(async |conn| match guard::current_caller().await? {
        Some(caller) => Ok(Some(service::current_user(conn, &caller).await?)),
        None => Ok(None),
    })
    .await
}

#[server(prefix = "/api", endpoint = "accounts/change-password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_login_for_password_change().await?;
        let token = session::request_cookie(session::COOKIE);
        service::change_password(tx, &caller, &current_password, &new_password, &confirm_password, token.as_deref())
            .await?;
        leptos_axum::redirect("/?password_changed=1");
        Ok(())
    })
    .await
}

/// Secretariat: all accounts. Coordinator: the school's sub-accounts.
#[server(prefix = "/api", endpoint = "accounts/list")]
pub async fn list_accounts() -> Result<Vec<AccountSummary>, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator]).await?;
        let scope = if caller.role == Role::Secretariat { None } else { Some(caller.school_id()?) };
        let accounts = super::repo::list_accounts(conn, scope).await?;
        Ok(accounts.into_iter().filter(|a| caller.role == Role::Secretariat || a.role == Role::Lead).collect())
    })
    .await
}

#[server(prefix = "/api", endpoint = "accounts/create-staff")]
pub async fn create_staff_account(
    username: String,
    display_name: String,
    role: String,
    organization_id: Option<i64>,
) -> Result<IssuedPassword, AppError> {
    run_form(vec![("username", username.clone()), ("display_name", display_name.clone())], async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        let role = Role::from_code(&role).ok_or_else(|| AppError::field("role", "请选择角色。", "Choose a role."))?;
        flash_issued(service::create_staff(tx, &caller, &username, &display_name, role, organization_id).await?)
    })
    .await
}

#[server(prefix = "/api", endpoint = "accounts/create-lead")]
pub async fn create_lead(
    username: String,
    display_name: String,
    mobile: String,
    college_ids: Option<Vec<i64>>,
) -> Result<IssuedPassword, AppError> {
    let typed =
        vec![("username", username.clone()), ("display_name", display_name.clone()), ("mobile", mobile.clone())];
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        let input = super::model::LeadInput {
            username,
            display_name,
            mobile: crate::validate::tidy_phone(&mobile),
            college_ids: college_ids.unwrap_or_default(),
        };
        flash_issued(service::create_lead(tx, &caller, input).await?)
    })
    .await
}

#[server(prefix = "/api", endpoint = "accounts/set-scope")]
pub async fn set_lead_scope(
    account_id: i64,
    college_ids: Option<Vec<i64>>,
    certificate_ids: Option<Vec<i64>>,
) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        let (colleges, certificates) = (college_ids.unwrap_or_default(), certificate_ids.unwrap_or_default());
        service::set_lead_scope(tx, &caller, account_id, colleges, certificates).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "accounts/reset-password")]
pub async fn reset_password(account_id: i64) -> Result<IssuedPassword, AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator]).await?;
        flash_issued(service::reset_password(tx, &caller, account_id).await?)
    })
    .await
}

#[server(prefix = "/api", endpoint = "accounts/set-active")]
pub async fn set_account_active(account_id: i64, active: bool) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Secretariat, Role::Coordinator]).await?;
        service::set_active(tx, &caller, account_id, active).await
    })
    .await
}

/// A lead's own scope: the colleges the coordinator assigned.
#[server(prefix = "/api", endpoint = "accounts/my-scope")]
pub async fn my_scope() -> Result<Vec<ScopeCollege>, AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Lead]).await?;
        service::lead_scope(tx, &caller).await
    })
    .await
}

/// For plain form posts (scripts off), keeps the issued password for the next page in a one-minute cookie.
#[cfg(feature = "ssr")]
fn flash_issued(issued: IssuedPassword) -> Result<IssuedPassword, AppError> {
    if crate::forms::is_plain_form_post() {
        let json = serde_json::to_string(&issued).map_err(AppError::internal)?;
        session::set_cookie(ISSUED_COOKIE, &crate::forms::encode_query_value(&json), 60);
    }
    Ok(issued)
}

#[cfg(feature = "ssr")]
const ISSUED_COOKIE: &str = "sb_issued";

/// Takes (reads and clears) a password flashed by [`flash_issued`].
#[server(prefix = "/api", endpoint = "accounts/take-issued")]
pub async fn take_issued_password() -> Result<Option<IssuedPassword>, AppError> {
    crate::forms::run_read(async |_| {
        let Some(raw) = session::request_cookie(ISSUED_COOKIE) else { return Ok(None) };
        session::set_cookie(ISSUED_COOKIE, "", 0);
        let json = crate::forms::decode_query_value(&raw);
        Ok(serde_json::from_str(&json).ok())
    })
    .await
}
