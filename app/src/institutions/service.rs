//! Registry rules (server only): editing, importing all-or-nothing, colleges and addition requests. A
//! coordinator's registration is an account rule (`accounts::service::registration`).

use super::model::{AdditionRequestInput, InstitutionInput};
use super::{import, repo};
use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::error::AppError;
use crate::i18n::Text;
use crate::import::model::{ImportReport, RowError};
use crate::validate::FieldError;

/// Creates (id None) or updates an institution; returns its id and any warnings.
pub async fn save_institution(
    conn: &mut Conn,
    id: Option<i64>,
    input: InstitutionInput,
) -> Result<(i64, Vec<Text>), AppError> {
    let input = input.normalized();
    let mut warnings = input.validate().map_err(AppError::Validation)?;
    let saved = match id {
        Some(id) => repo::update_institution(conn, id, &input).await.map(|_| id),
        None => repo::insert_institution(conn, &input, false).await,
    };
    let id = saved.map_err(|e| {
        e.on_duplicate(&[repo::UNIQUE_NAME], || {
            AppError::field(
                "name",
                "该院校名称已在院校总库中，请搜索后编辑已有记录。",
                "This name is already in the registry; edit that record instead.",
            )
        })
        .on_duplicate(&[repo::UNIQUE_CREDIT_CODE], || {
            AppError::field(
                "credit_code",
                "该统一社会信用代码已在院校总库中，请搜索后编辑已有记录。",
                "This credit code is already in the registry; edit that record instead.",
            )
        })
    })?;
    // A school code names one school; two holding it is most likely a typo (or one school entered twice).
    let namesakes = repo::names_with_school_code(conn, &input.school_code, id).await?;
    if !namesakes.is_empty() {
        let names = namesakes.join("、");
        warnings.push(Text::new(
            &format!("学校标识码 {} 与院校总库中的“{names}”相同，请核对是否输错或重复录入。", input.school_code),
            &format!(
                "School code {} is also held by {names}; check for a typo or a duplicate entry.",
                input.school_code
            ),
        ));
    }
    Ok((id, warnings))
}

/// Imports a file: every row valid and saved, or nothing saved and every bad row reported.
pub async fn import_file(conn: &mut Conn, file_name: &str, bytes: &[u8]) -> Result<ImportReport, AppError> {
    let table = crate::import::service::read_table(file_name, bytes)?;
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
                AppError::Duplicate(key) if key == repo::UNIQUE_NAME => FieldError::new(
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

/// Makes the school's contact profile the given one (a coordinator's registration, once activated).
pub async fn set_contact(conn: &mut Conn, school: i64, name: &str, mobile: &str, email: &str) -> Result<(), AppError> {
    repo::update_contact(conn, school, name, mobile, email).await
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
    repo::insert_college(conn, institution_id, name.trim()).await.map_err(|e| {
        e.on_duplicate(&[repo::UNIQUE_COLLEGE], || {
            AppError::field("college_name", "该二级学院/系部已存在。", "This college already exists.")
        })
    })
}

/// A school's colleges (二级学院/系部), for other features' checks of scope.
pub async fn colleges_of(conn: &mut Conn, school: i64) -> Result<Vec<super::model::College>, AppError> {
    repo::list_colleges(conn, school).await
}

pub async fn institution(conn: &mut Conn, id: i64) -> Result<super::model::Institution, AppError> {
    repo::get_institution(conn, id).await
}

/// Every institution's id and name.
pub async fn institution_names(conn: &mut Conn) -> Result<Vec<(i64, String)>, AppError> {
    repo::institution_names(conn).await
}

/// The registry at a glance, for the secretariat's home.
pub struct RegistryCounts {
    pub institutions: usize,
    /// Institutions with a coordinator account.
    pub registered: usize,
    pub registrations: usize,
    pub requests: usize,
}

pub async fn registry_counts(conn: &mut Conn) -> Result<RegistryCounts, AppError> {
    let institutions = repo::list_institutions(conn, "").await?;
    Ok(RegistryCounts {
        institutions: institutions.len(),
        registered: institutions.iter().filter(|i| i.has_coordinator).count(),
        registrations: repo::list_pending_registrations(conn).await?.len(),
        requests: repo::list_open_requests(conn).await?.len(),
    })
}
