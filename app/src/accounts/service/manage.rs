//! Who may manage whom: the secretariat creates provincial accounts and manages all but itself; a
//! coordinator creates and scopes its own school's leads.

use crate::accounts::model::{validate_username, Account, AccountStatus, IssuedPassword, LeadInput, NewAccount, Role};
use crate::accounts::repo;
use crate::auth::caller::Caller;
use crate::auth::password::hash_password_blocking;
use crate::auth::session;
use crate::auth::token::generated_password;
use crate::db::Conn;
use crate::error::AppError;

/// The accounts a caller may manage: the secretariat all but itself; a coordinator its own school's leads.
pub async fn ensure_can_manage(conn: &mut Conn, caller: &Caller, account_id: i64) -> Result<Account, AppError> {
    let target = repo::find_account(conn, account_id).await?.ok_or(AppError::NotFound)?;
    let allowed = match caller.role {
        Role::Secretariat => target.id != caller.id,
        Role::Coordinator => target.role == Role::Lead && target.institution_id == caller.institution_id,
        _ => false,
    };
    if allowed {
        Ok(target)
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn reset_password(conn: &mut Conn, caller: &Caller, account_id: i64) -> Result<IssuedPassword, AppError> {
    let target = ensure_can_manage(conn, caller, account_id).await?;
    let password = generated_password();
    let hash = hash_password_blocking(password.clone()).await?;
    repo::update_password(conn, target.id, &hash, true).await?;
    session::delete_sessions_of(conn, target.id, None).await?;
    Ok(IssuedPassword { account_id: target.id, username: target.username, password })
}

pub async fn set_active(conn: &mut Conn, caller: &Caller, account_id: i64, active: bool) -> Result<(), AppError> {
    let target = ensure_can_manage(conn, caller, account_id).await?;
    if target.status == AccountStatus::Pending {
        return Err(AppError::conflict(
            "待激活的注册请在“待处理”中激活。",
            "Activate pending registrations from the pending list.",
        ));
    }
    let status = if active { AccountStatus::Active } else { AccountStatus::Disabled };
    repo::update_status(conn, account_id, status).await?;
    if !active {
        session::delete_sessions_of(conn, account_id, None).await?;
    }
    Ok(())
}

/// The secretariat creates provincial accounts: secretariat, expert, org.
pub async fn create_staff(
    conn: &mut Conn,
    caller: &Caller,
    username: &str,
    display_name: &str,
    role: Role,
    organization_id: Option<i64>,
) -> Result<IssuedPassword, AppError> {
    // An org account speaks for exactly one organization; other staff accounts for none.
    let organization_id = if role == Role::Org { organization_id } else { None };
    if role == Role::Org && organization_id.is_none() {
        return Err(AppError::field(
            "role",
            "培训评价组织账号请在“培训评价组织”页面中，在对应组织下创建。",
            "Create organization accounts under their organization on the Organizations page.",
        ));
    }
    if !matches!(role, Role::Secretariat | Role::Expert | Role::Org) {
        return Err(AppError::field(
            "role",
            "秘书处只能创建秘书处、评审专家和培训评价组织账号；校级总账号由学校注册。",
            "The secretariat creates secretariat, expert and org accounts; schools register their coordinators.",
        ));
    }
    let errors: Vec<_> = [
        validate_username(username),
        crate::validate::validate_required(
            "display_name",
            crate::i18n::Text::new("名称", "the name"),
            display_name,
            60,
        ),
    ]
    .into_iter()
    .filter_map(Result::err)
    .collect();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let password = generated_password();
    let hash = hash_password_blocking(password.clone()).await?;
    // One transaction: an account is never left without the organization it was made for.
    let id = repo::insert_account(
        conn,
        NewAccount {
            username: username.trim(),
            display_name: display_name.trim(),
            password_hash: &hash,
            role,
            institution_id: None,
            status: AccountStatus::Active,
            must_change_password: true,
            mobile: None,
            email: None,
            is_demo: false,
            created_by: Some(caller.id),
        },
    )
    .await
    .map_err(username_taken)?;
    if let Some(organization_id) = organization_id {
        repo::set_organization(conn, id, organization_id).await?;
    }
    Ok(IssuedPassword { account_id: id, username: username.trim().to_string(), password })
}

fn username_taken(err: AppError) -> AppError {
    err.on_duplicate(&[super::USERNAME_TAKEN], || {
        AppError::field("username", "该用户名已被使用，请换一个。", "This username is taken; choose another.")
    })
}

/// Checks that every college belongs to the caller's school.
async fn ensure_own_colleges(conn: &mut Conn, school_id: i64, college_ids: &[i64]) -> Result<(), AppError> {
    let own = crate::institutions::service::colleges_of(conn, school_id).await?;
    if college_ids.iter().all(|id| own.iter().any(|c| c.id == *id)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A coordinator creates a certificate lead's sub-account scoped to some of the school's colleges.
pub async fn create_lead(conn: &mut Conn, caller: &Caller, input: LeadInput) -> Result<IssuedPassword, AppError> {
    let school_id = caller.school_id()?;
    input.validate().map_err(AppError::Validation)?;
    ensure_own_colleges(conn, school_id, &input.college_ids).await?;
    let password = generated_password();
    let hash = hash_password_blocking(password.clone()).await?;
    let id = repo::insert_account(
        conn,
        NewAccount {
            username: input.username.trim(),
            display_name: input.display_name.trim(),
            password_hash: &hash,
            role: Role::Lead,
            institution_id: Some(school_id),
            status: AccountStatus::Active,
            must_change_password: true,
            mobile: Some(input.mobile.trim()),
            email: None,
            is_demo: false,
            created_by: Some(caller.id),
        },
    )
    .await
    .map_err(username_taken)?;
    repo::replace_scope(conn, id, &input.college_ids).await?;
    Ok(IssuedPassword { account_id: id, username: input.username.trim().to_string(), password })
}

pub async fn set_lead_scope(
    conn: &mut Conn,
    caller: &Caller,
    account_id: i64,
    college_ids: Vec<i64>,
    certificate_ids: Vec<i64>,
) -> Result<(), AppError> {
    let school_id = caller.school_id()?;
    let target = ensure_can_manage(conn, caller, account_id).await?;
    if college_ids.is_empty() {
        return Err(AppError::field("college_ids", "请至少选择一个二级学院/系部。", "Choose at least one college."));
    }
    ensure_own_colleges(conn, school_id, &college_ids).await?;
    for id in &certificate_ids {
        crate::catalog::service::certificate_organization(conn, *id).await.map_err(|_| {
            AppError::field(
                "certificate_ids",
                "所选证书不存在，请刷新页面后重试。",
                "A chosen certificate does not exist; reload and try again.",
            )
        })?;
    }
    repo::replace_scope(conn, target.id, &college_ids).await?;
    repo::replace_certificate_scope(conn, target.id, &certificate_ids).await?;
    Ok(())
}
