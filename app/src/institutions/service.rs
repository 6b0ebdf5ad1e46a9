//! Registry rules (server only): editing, importing all-or-nothing, registration and activation.

use super::model::{AdditionRequestInput, ImportReport, InstitutionInput, RegistrationInput, RowError};
use super::{import, repo};
use crate::accounts::model::{AccountStatus, Role};
use crate::accounts::repo::{find_account, insert_account, update_status, NewAccount};
use crate::auth::guard::Caller;
use crate::auth::password::hash_password_blocking;
use crate::db::Conn;
use crate::error::AppError;
use crate::i18n::Text;
use crate::validate::FieldError;

/// Creates (id None) or updates an institution; returns its id and any warnings.
pub async fn save_institution(
    conn: &mut Conn,
    id: Option<i64>,
    input: InstitutionInput,
) -> Result<(i64, Vec<Text>), AppError> {
    let input = input.normalized();
    let warnings = input.validate().map_err(AppError::Validation)?;
    let saved = match id {
        Some(id) => repo::update_institution(conn, id, &input).await.map(|_| id),
        None => repo::insert_institution(conn, &input, false).await,
    };
    let id = saved.map_err(|e| match e {
        AppError::Conflict(_) => AppError::field(
            "name",
            "院校名称或统一社会信用代码已在院校总库中，请搜索后编辑已有记录。",
            "The name or credit code is already in the registry; edit that record instead.",
        ),
        other => other,
    })?;
    Ok((id, warnings))
}

/// Imports a file: every row valid and saved, or nothing saved and every bad row reported.
pub async fn import_file(conn: &mut Conn, file_name: &str, bytes: &[u8]) -> Result<ImportReport, AppError> {
    let table = import::read_table(file_name, bytes)?;
    let import::ParsedRows { rows, errors } = import::parse_rows(&table)?;
    let mut report = ImportReport { rows_read: rows.len() + errors.len(), inserted: 0, updated: 0, errors };
    if !report.errors.is_empty() {
        return Ok(report);
    }
    for (row, input) in &rows {
        let existing = repo::find_institution_id_by_credit_code(conn, &input.credit_code).await?;
        let result = match existing {
            Some(id) => repo::update_institution(conn, id, input).await.map(|_| report.updated += 1),
            None => repo::insert_institution(conn, input, false).await.map(|_| report.inserted += 1),
        };
        if let Err(err) = result {
            let message = match err {
                AppError::Conflict(_) => FieldError::new(
                    "name",
                    "院校名称已被另一条记录（不同的统一社会信用代码）使用。",
                    "The name belongs to another record with a different credit code.",
                ),
                other => return Err(other),
            };
            // Dropping the transaction rolls back every row written so far.
            report.errors.push(RowError { row: *row, errors: vec![message] });
            report.inserted = 0;
            report.updated = 0;
            return Ok(report);
        }
    }
    Ok(report)
}

/// A school registers its coordinator account; it stays pending until the secretariat activates it.
pub async fn register(conn: &mut Conn, input: RegistrationInput) -> Result<(), AppError> {
    input.validate().map_err(AppError::Validation)?;
    let institution = repo::get_institution(conn, input.institution_id).await?;
    if institution.has_coordinator {
        return Err(AppError::conflict(
            "该院校已注册校级总账号（每校只有一个）。如忘记账号或密码，请联系秘书处 0771-6709558。",
            "This school already has its coordinator account (one per school). Contact the secretariat.",
        ));
    }
    let hash = hash_password_blocking(input.password.clone()).await?;
    insert_account(
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
    .map_err(|e| match e {
        AppError::Conflict(_) => AppError::field(
            "username",
            "该用户名已被使用，或该院校刚刚被注册。请换一个用户名后重试。",
            "The username is taken, or the school was just registered. Try another username.",
        ),
        other => other,
    })?;
    Ok(())
}

/// Activates a pending coordinator: the school's contact profile becomes the registered one.
pub async fn activate(conn: &mut Conn, account_id: i64) -> Result<(), AppError> {
    let account = find_account(conn, account_id).await?.ok_or(AppError::NotFound)?;
    if account.role != Role::Coordinator.code() || account.status != AccountStatus::Pending.code() {
        return Err(AppError::conflict("该账号不在待激活状态。", "This account is not pending."));
    }
    let institution_id = account.institution_id.ok_or(AppError::NotFound)?;
    crate::accounts::repo::set_active(conn, account_id).await?;
    repo::update_contact(
        conn,
        institution_id,
        &account.display_name,
        account.mobile.as_deref().unwrap_or(""),
        account.email.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(())
}

pub async fn decline(conn: &mut Conn, account_id: i64) -> Result<(), AppError> {
    let account = find_account(conn, account_id).await?.ok_or(AppError::NotFound)?;
    if account.status != AccountStatus::Pending.code() {
        return Err(AppError::conflict("该账号不在待激活状态。", "This account is not pending."));
    }
    update_status(conn, account_id, AccountStatus::Disabled).await
}

pub async fn request_addition(conn: &mut Conn, input: AdditionRequestInput) -> Result<i64, AppError> {
    let input = AdditionRequestInput { city: super::model::parse_city(&input.city).unwrap_or("").to_string(), ..input };
    input.validate().map_err(AppError::Validation)?;
    repo::insert_addition_request(conn, &input).await
}

/// Adds a college (二级学院/系部) to a school: the secretariat for any, a coordinator for its own.
pub async fn add_college(conn: &mut Conn, caller: &Caller, institution_id: i64, name: &str) -> Result<i64, AppError> {
    if caller.role == Role::Coordinator && caller.institution_id != Some(institution_id) {
        return Err(AppError::Forbidden);
    }
    crate::validate::validate_required("college_name", Text::new("二级学院/系部名称", "the college name"), name, 60)
        .map_err(|e| AppError::Validation(vec![e]))?;
    repo::insert_college(conn, institution_id, name.trim()).await.map_err(|e| match e {
        AppError::Conflict(_) => {
            AppError::field("college_name", "该二级学院/系部已存在。", "This college already exists.")
        }
        other => other,
    })
}
