//! Account rules (server only): login and passwords here; who may manage whom in `manage`; the accounts
//! other features address (coordinators, the secretariat, a school's leads) in `directory`.

mod directory;
mod manage;
mod registration;

pub use directory::*;
pub use manage::{create_lead, create_staff, ensure_can_manage, reset_password, set_active, set_lead_scope};
pub use registration::{activate_coordinator, decline_coordinator, register};

use crate::accounts::model::{validate_new_password, Account, AccountStatus, CurrentUser};
use crate::accounts::repo;
use crate::auth::caller::Caller;
use crate::auth::password::{hash_password_blocking, verify_password_blocking};
use crate::auth::session;
use crate::db::{now, Conn};
use crate::error::AppError;
use crate::state::AppState;

fn bad_login() -> AppError {
    // The same words whether the account exists or not.
    AppError::conflict(
        "用户名或密码不正确。忘记密码请联系学校统筹（证书负责人）或秘书处（校级总账号）重置。",
        "Wrong username or password. If you forgot it, ask your coordinator (leads) or the secretariat (coordinators).",
    )
}

/// Where a login comes from, as the rate limit counts it: the client's address, and whether this browser
/// logged in to the account before (`auth::device`).
pub struct LoginFrom<'a> {
    pub address: &'a str,
    pub recognised: bool,
}

/// The account a login names (None: no such account), unless too many recent failures block the name or the
/// address. Reads only.
pub async fn login_candidate(
    conn: &mut Conn,
    state: &AppState,
    username: &str,
    from: &LoginFrom<'_>,
) -> Result<Option<Account>, AppError> {
    let username = username.trim();
    if state.login_limiter.is_blocked(username, from.address, from.recognised, now()) {
        return Err(AppError::TooManyAttempts);
    }
    repo::find_account_by_username(conn, username).await
}

/// Checks the password (timing-safe: an unknown name takes as long) and the account's status. It touches no
/// database, so the slow hash runs while no connection or lock is held.
pub async fn check_login(
    state: &AppState,
    candidate: Option<Account>,
    username: &str,
    password: &str,
    from: &LoginFrom<'_>,
) -> Result<Account, AppError> {
    let username = username.trim();
    let ok = verify_password_blocking(password.to_string(), candidate.as_ref().map(|a| a.password_hash.clone())).await;
    let account = match candidate {
        Some(a) if ok => a,
        _ => {
            state.login_limiter.record_failure(username, from.address, from.recognised, now());
            return Err(bad_login());
        }
    };
    match account.status {
        AccountStatus::Active => {}
        AccountStatus::Pending => {
            return Err(AppError::conflict(
                "账号正在等待秘书处激活，激活后即可登录。如较久未激活，请联系秘书处 0771-6709558。",
                "The account waits for activation by the secretariat (tel. 0771-6709558).",
            ))
        }
        AccountStatus::Disabled => {
            return Err(AppError::conflict(
                "账号已停用，请联系学校统筹或秘书处。",
                "The account is disabled; ask your coordinator or the secretariat.",
            ))
        }
    }
    state.login_limiter.record_success(username);
    Ok(account)
}

/// Opens a new session for an account whose login was checked; returns its token.
pub async fn open_session(conn: &mut Conn, account: &Account) -> Result<String, AppError> {
    session::create_session(conn, account.id).await
}

pub async fn current_user(conn: &mut Conn, caller: &Caller) -> Result<CurrentUser, AppError> {
    let account = repo::find_account(conn, caller.id).await?.ok_or(AppError::Unauthorized)?;
    let institution_name = match account.institution_id {
        Some(id) => repo::institution_name(conn, id).await?,
        None => None,
    };
    Ok(CurrentUser {
        id: account.id,
        username: account.username,
        display_name: account.display_name,
        role: caller.role,
        institution_id: account.institution_id,
        institution_name,
        must_change_password: account.must_change_password,
    })
}

/// A lead's scope: the colleges of its school that the coordinator assigned.
pub async fn lead_scope(
    conn: &mut Conn,
    caller: &Caller,
) -> Result<Vec<crate::accounts::model::ScopeCollege>, AppError> {
    let colleges = crate::institutions::service::colleges_of(conn, caller.school_id()?).await?;
    Ok(colleges
        .into_iter()
        .filter(|c| caller.college_ids.contains(&c.id))
        .map(|c| crate::accounts::model::ScopeCollege { id: c.id, name: c.name })
        .collect())
}

pub async fn change_password(
    conn: &mut Conn,
    caller: &Caller,
    current: &str,
    new: &str,
    confirm: &str,
    keep_token: Option<&str>,
) -> Result<(), AppError> {
    let account = repo::find_account(conn, caller.id).await?.ok_or(AppError::Unauthorized)?;
    if !verify_password_blocking(current.to_string(), Some(account.password_hash)).await {
        return Err(AppError::field("current_password", "当前密码不正确。", "The current password is wrong."));
    }
    validate_new_password(new, confirm).map_err(|e| AppError::Validation(vec![e]))?;
    if new == current {
        return Err(AppError::field(
            "new_password",
            "新密码不能与当前密码相同。",
            "The new password must differ from the current one.",
        ));
    }
    let hash = hash_password_blocking(new.to_string()).await?;
    repo::update_password(conn, caller.id, &hash, false).await?;
    // Other devices logged in with the old password are logged out.
    session::delete_sessions_of(conn, caller.id, keep_token).await
}
