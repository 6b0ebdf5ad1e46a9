//! SQL for accounts, scopes and sessions' owners (server only).

use super::model::{Account, AccountStatus, AccountSummary, NewAccount, Role, ScopeCollege};
use crate::db::{now, Conn};
use crate::error::AppError;

/// An account's row as the query returns it; [`Account`] is what leaves the repository.
#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    username: String,
    display_name: String,
    password_hash: String,
    role: String,
    institution_id: Option<i64>,
    status: String,
    /// Flags are BIGINT 0/1 in both databases (sqlx's Any driver has no SQLite boolean).
    must_change_password: i64,
    mobile: Option<String>,
    email: Option<String>,
    is_demo: i64,
    organization_id: Option<i64>,
}

impl AccountRow {
    fn decode(self) -> Result<Account, AppError> {
        let role = Role::from_code(&self.role).ok_or_else(|| AppError::internal(format!("role {}", self.role)))?;
        Ok(Account {
            id: self.id,
            username: self.username,
            display_name: self.display_name,
            password_hash: self.password_hash,
            role,
            institution_id: self.institution_id,
            status: AccountStatus::from_code(&self.status).unwrap_or(AccountStatus::Disabled),
            must_change_password: self.must_change_password != 0,
            mobile: self.mobile,
            email: self.email,
            is_demo: self.is_demo != 0,
            organization_id: self.organization_id,
        })
    }
}

const ACCOUNT_COLUMNS: &str = "id, username, display_name, password_hash, role, institution_id, status, \
     must_change_password, mobile, email, is_demo, organization_id";

pub async fn find_account(conn: &mut Conn, id: i64) -> Result<Option<Account>, AppError> {
    let row: Option<AccountRow> = sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(AccountRow::decode).transpose()
}

pub async fn find_account_by_username(conn: &mut Conn, username: &str) -> Result<Option<Account>, AppError> {
    let row: Option<AccountRow> =
        sqlx::query_as(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE LOWER(username) = LOWER($1)"))
            .bind(username)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(AccountRow::decode).transpose()
}

pub async fn insert_account(conn: &mut Conn, a: NewAccount<'_>) -> Result<i64, AppError> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO accounts (username, display_name, password_hash, role, institution_id, status, \
         must_change_password, mobile, email, is_demo, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(a.username)
    .bind(a.display_name)
    .bind(a.password_hash)
    .bind(a.role.code())
    .bind(a.institution_id)
    .bind(a.status.code())
    .bind(i64::from(a.must_change_password))
    .bind(a.mobile)
    .bind(a.email)
    .bind(i64::from(a.is_demo))
    .bind(a.created_by)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn update_password(conn: &mut Conn, id: i64, hash: &str, must_change: bool) -> Result<(), AppError> {
    sqlx::query("UPDATE accounts SET password_hash = $1, must_change_password = $2 WHERE id = $3")
        .bind(hash)
        .bind(i64::from(must_change))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn update_status(conn: &mut Conn, id: i64, status: AccountStatus) -> Result<(), AppError> {
    sqlx::query("UPDATE accounts SET status = $1 WHERE id = $2")
        .bind(status.code())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn list_scope_college_ids(conn: &mut Conn, account_id: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT college_id FROM account_colleges WHERE account_id = $1 ORDER BY college_id")
            .bind(account_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Replaces a lead's scope; runs inside the caller's transaction.
pub async fn replace_scope(conn: &mut Conn, account_id: i64, college_ids: &[i64]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM account_colleges WHERE account_id = $1").bind(account_id).execute(&mut *conn).await?;
    for college_id in college_ids {
        sqlx::query("INSERT INTO account_colleges (account_id, college_id) VALUES ($1, $2)")
            .bind(account_id)
            .bind(college_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Replaces the certificates a lead is limited to; runs inside the caller's transaction.
pub async fn replace_certificate_scope(
    conn: &mut Conn,
    account_id: i64,
    certificate_ids: &[i64],
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM account_certificates WHERE account_id = $1").bind(account_id).execute(&mut *conn).await?;
    for certificate_id in certificate_ids {
        sqlx::query("INSERT INTO account_certificates (account_id, certificate_id) VALUES ($1, $2)")
            .bind(account_id)
            .bind(certificate_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn list_scope_certificate_ids(conn: &mut Conn, account_id: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT certificate_id FROM account_certificates WHERE account_id = $1 ORDER BY certificate_id")
            .bind(account_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    status: String,
    institution_name: Option<String>,
    mobile: Option<String>,
    is_demo: i64,
}

/// Accounts, optionally only those of one school; leads come with their scope.
pub async fn list_accounts(conn: &mut Conn, institution_id: Option<i64>) -> Result<Vec<AccountSummary>, AppError> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT a.id, a.username, a.display_name, a.role, a.status, i.name AS institution_name, a.mobile, a.is_demo \
         FROM accounts a LEFT JOIN institutions i ON i.id = a.institution_id \
         WHERE ($1 IS NULL OR a.institution_id = $1) ORDER BY a.role, a.username",
    )
    .bind(institution_id)
    .fetch_all(&mut *conn)
    .await?;
    let scopes: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT ac.account_id, c.id, c.name FROM account_colleges ac JOIN colleges c ON c.id = ac.college_id \
         WHERE ($1 IS NULL OR c.institution_id = $1) ORDER BY c.name",
    )
    .bind(institution_id)
    .fetch_all(&mut *conn)
    .await?;
    let certificates: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT ac.account_id, c.id, c.name FROM account_certificates ac JOIN certificates c ON c.id = ac.certificate_id \
         JOIN accounts a ON a.id = ac.account_id WHERE ($1 IS NULL OR a.institution_id = $1) ORDER BY c.name",
    )
    .bind(institution_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(AccountSummary {
                scope_certificates: certificates.iter().filter(|s| s.0 == r.id).map(|s| (s.1, s.2.clone())).collect(),
                scope_colleges: scopes
                    .iter()
                    .filter(|s| s.0 == r.id)
                    .map(|s| ScopeCollege { id: s.1, name: s.2.clone() })
                    .collect(),
                id: r.id,
                username: r.username,
                display_name: r.display_name,
                role: Role::from_code(&r.role)?,
                status: AccountStatus::from_code(&r.status).unwrap_or(AccountStatus::Disabled),
                institution_name: r.institution_name,
                mobile: r.mobile,
                is_demo: r.is_demo != 0,
            })
        })
        .collect())
}

pub async fn institution_name(conn: &mut Conn, institution_id: i64) -> Result<Option<String>, AppError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT name FROM institutions WHERE id = $1")
        .bind(institution_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.0))
}

/// A school's active certificate leads (id, name), by name.
pub async fn active_leads(conn: &mut Conn, institution_id: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, display_name FROM accounts WHERE institution_id = $1 AND role = 'lead' AND status = 'active' \
         ORDER BY display_name",
    )
    .bind(institution_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Links an organization's account to it (the organization must exist).
pub async fn set_organization(conn: &mut Conn, account_id: i64, organization_id: i64) -> Result<(), AppError> {
    crate::db::touched(
        sqlx::query(
            "UPDATE accounts SET organization_id = $1 WHERE id = $2 AND EXISTS (SELECT 1 FROM organizations WHERE id = $1)",
        )
        .bind(organization_id)
        .bind(account_id)
        .execute(&mut *conn)
        .await,
    )
}

pub async fn set_active(conn: &mut Conn, account_id: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE accounts SET status = 'active' WHERE id = $1").bind(account_id).execute(&mut *conn).await?;
    Ok(())
}

/// The active coordinators of a school.
pub async fn coordinators(conn: &mut Conn, institution_id: i64) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM accounts WHERE institution_id = $1 AND role = 'coordinator' AND status = 'active'",
    )
    .bind(institution_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The active secretariat accounts.
pub async fn secretariat(conn: &mut Conn) -> Result<Vec<i64>, AppError> {
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM accounts WHERE role = 'secretariat' AND status = 'active'")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
