//! The accounts other features address: a school's coordinators (who hear of its declarations), the
//! secretariat, a school's leads, and the coordinator account a school registers. These do not check a
//! caller: the calling service has checked its own.

use crate::accounts::model::{Account, AccountStatus, AccountSummary, NewAccount, Role};
use crate::accounts::repo;
use crate::db::Conn;
use crate::error::AppError;

/// The unique keys of accounts as both databases name them (an expression index; SQLite names a partial
/// column index by its column).
pub const USERNAME_TAKEN: &str = "accounts_username";
pub const SCHOOL_HAS_COORDINATOR: &[&str] = &["accounts_one_coordinator", "accounts_institution_id_key"];

pub async fn account(conn: &mut Conn, id: i64) -> Result<Option<Account>, AppError> {
    repo::find_account(conn, id).await
}

/// A lead's scope: the colleges and (when limited) the certificates it may declare.
pub async fn lead_scope_ids(conn: &mut Conn, lead: i64) -> Result<(Vec<i64>, Vec<i64>), AppError> {
    Ok((repo::list_scope_college_ids(conn, lead).await?, repo::list_scope_certificate_ids(conn, lead).await?))
}

/// A school's active coordinator accounts.
pub async fn coordinators(conn: &mut Conn, school: i64) -> Result<Vec<i64>, AppError> {
    repo::coordinators(conn, school).await
}

/// Every active secretariat account.
pub async fn secretariat(conn: &mut Conn) -> Result<Vec<i64>, AppError> {
    repo::secretariat(conn).await
}

/// A school's active leads, with their names.
pub async fn active_leads(conn: &mut Conn, school: i64) -> Result<Vec<(i64, String)>, AppError> {
    repo::active_leads(conn, school).await
}

/// Every account of one school, or of the whole province.
pub async fn accounts_of(conn: &mut Conn, school: Option<i64>) -> Result<Vec<AccountSummary>, AppError> {
    repo::list_accounts(conn, school).await
}

/// Whether `id` is a lead of `school`.
pub async fn is_lead_of(conn: &mut Conn, id: i64, school: i64) -> Result<bool, AppError> {
    Ok(account(conn, id).await?.is_some_and(|a| a.role == Role::Lead && a.institution_id == Some(school)))
}

/// A school's registered coordinator, pending until the secretariat activates it.
pub async fn add_pending_coordinator(conn: &mut Conn, new: NewAccount<'_>) -> Result<i64, AppError> {
    repo::insert_account(conn, NewAccount { role: Role::Coordinator, status: AccountStatus::Pending, ..new }).await
}

/// The pending account `id`, or a refusal saying it is not pending.
pub async fn pending(conn: &mut Conn, id: i64) -> Result<Account, AppError> {
    let account = account(conn, id).await?.ok_or(AppError::NotFound)?;
    if account.status != AccountStatus::Pending {
        return Err(AppError::conflict("该账号不在待激活状态。", "This account is not pending."));
    }
    Ok(account)
}

pub async fn activate(conn: &mut Conn, id: i64) -> Result<(), AppError> {
    repo::set_active(conn, id).await
}

pub async fn disable(conn: &mut Conn, id: i64) -> Result<(), AppError> {
    repo::update_status(conn, id, AccountStatus::Disabled).await
}
