//! A school's coordinator registers (pending), and the secretariat activates or declines the account.

use super::directory::{activate, add_pending_coordinator, disable, pending, SCHOOL_HAS_COORDINATOR, USERNAME_TAKEN};
use crate::accounts::model::{AccountStatus, NewAccount, Role};
use crate::auth::password::hash_password_blocking;
use crate::db::Conn;
use crate::error::AppError;
use crate::institutions::model::RegistrationInput;
use crate::institutions::service as institutions;

/// A school registers its coordinator account; it stays pending until the secretariat activates it.
pub async fn register(conn: &mut Conn, input: RegistrationInput) -> Result<(), AppError> {
    input.validate().map_err(AppError::Validation)?;
    let institution = institutions::institution(conn, input.institution_id).await?;
    if institution.has_coordinator {
        return Err(AppError::conflict(
            "该院校已注册校级总账号（每校只有一个）。如忘记账号或密码，请联系秘书处 0771-6709558。",
            "This school already has its coordinator account (one per school). Contact the secretariat.",
        ));
    }
    let hash = hash_password_blocking(input.password.clone()).await?;
    add_pending_coordinator(
        conn,
        NewAccount {
            username: input.username.trim(),
            display_name: input.contact.contact_name.trim(),
            password_hash: &hash,
            role: Role::Coordinator,
            institution_id: Some(institution.id),
            status: AccountStatus::Pending,
            must_change_password: false,
            mobile: Some(input.contact.contact_mobile.trim()),
            email: Some(input.contact.contact_email.trim()),
            is_demo: false,
            created_by: None,
        },
    )
    .await
    .map_err(|e| {
        e.on_duplicate(&[USERNAME_TAKEN], || {
            AppError::field("username", "该用户名已被使用，请换一个。", "This username is taken; choose another.")
        })
        .on_duplicate(SCHOOL_HAS_COORDINATOR, || {
            AppError::conflict(
                "该院校刚刚已被注册校级总账号（每校只有一个）。如需帮助，请联系秘书处 0771-6709558。",
                "This school's coordinator account was just registered (one per school). Contact the secretariat.",
            )
        })
    })?;
    Ok(())
}

/// Activates a pending coordinator: the school's contact profile becomes the registered one.
pub async fn activate_coordinator(conn: &mut Conn, account_id: i64) -> Result<(), AppError> {
    let account = pending(conn, account_id).await?;
    if account.role != Role::Coordinator {
        return Err(AppError::conflict("该账号不在待激活状态。", "This account is not pending."));
    }
    let institution_id = account.institution_id.ok_or(AppError::NotFound)?;
    activate(conn, account_id).await?;
    institutions::set_contact(
        conn,
        institution_id,
        &account.display_name,
        account.mobile.as_deref().unwrap_or(""),
        account.email.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(())
}

/// Declines a pending coordinator: the account is disabled, and the school may register again.
pub async fn decline_coordinator(conn: &mut Conn, account_id: i64) -> Result<(), AppError> {
    pending(conn, account_id).await?;
    disable(conn, account_id).await
}
