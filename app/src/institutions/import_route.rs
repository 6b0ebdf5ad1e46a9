//! `POST /api/institutions/import` and `POST /api/majors/import`: multipart uploads from plain HTML forms
//! (work with JavaScript off), by the secretariat.
//!
//! The report is stored and the browser is sent to `…/imports/{id}` to read it; a client that asks for JSON
//! gets the report directly (422 when nothing was imported because of errors).

use axum::extract::{Multipart, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;

use super::model::ImportReport;
use super::service;
use crate::accounts::model::Role;
use crate::auth::guard::{caller_from_headers, check_role};
use crate::db::{now, Pool};
use crate::error::AppError;
use crate::state::AppState;

pub const PATH: &str = "/api/institutions/import";
pub const MAJORS_PATH: &str = "/api/majors/import";

/// What an upload imports, and where its pages are.
#[derive(Clone, Copy)]
enum Target {
    Institutions,
    Majors,
}

impl Target {
    fn page(self) -> &'static str {
        match self {
            Target::Institutions => "/registry",
            Target::Majors => "/majors",
        }
    }
}
/// Registry files are small; this bounds memory use.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;

pub async fn handle(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    handle_upload(Target::Institutions, &state, &headers, multipart).await
}

pub async fn handle_majors(State(state): State<AppState>, headers: HeaderMap, multipart: Multipart) -> Response {
    handle_upload(Target::Majors, &state, &headers, multipart).await
}

async fn handle_upload(target: Target, state: &AppState, headers: &HeaderMap, multipart: Multipart) -> Response {
    let wants_json =
        headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"));
    match import(target, state, headers, multipart).await {
        Ok((report_id, report)) if wants_json => {
            let status = if report.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            (status, Json(serde_json::json!({ "id": report_id, "report": report }))).into_response()
        }
        Ok((report_id, _)) => Redirect::to(&format!("{}/imports/{report_id}", target.page())).into_response(),
        Err(err) => {
            let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            if wants_json {
                (status, Json(err)).into_response()
            } else {
                crate::forms::redirect_with_flash(state, headers, target.page(), &err).await
            }
        }
    }
}

async fn import(
    target: Target,
    state: &AppState,
    headers: &HeaderMap,
    mut multipart: Multipart,
) -> Result<(i64, ImportReport), AppError> {
    let caller = check_role(caller_from_headers(&state.pool, headers).await?, &[Role::Secretariat])?;
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(|_| bad_upload())? {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(|_| too_large())?;
            file = Some((name, bytes));
        }
    }
    let (name, bytes) = file.filter(|(n, _)| !n.is_empty()).ok_or_else(|| {
        AppError::field("file", "请选择要导入的 .xlsx 或 .csv 文件。", "Choose an .xlsx or .csv file to import.")
    })?;
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    let report = match target {
        Target::Institutions => service::import_file(&state.pool, &name, &bytes).await?,
        Target::Majors => crate::catalog::majors::import_file(&state.pool, &name, &bytes).await?,
    };
    let report_id = save_report(&state.pool, caller.id, &report).await?;
    Ok((report_id, report))
}

fn bad_upload() -> AppError {
    AppError::field("file", "上传中断，请重试。", "The upload was interrupted; try again.")
}

fn too_large() -> AppError {
    AppError::field("file", "文件超过5 MB，请拆分后分批导入。", "The file is over 5 MB; split it and import in parts.")
}

async fn save_report(pool: &Pool, account_id: i64, report: &ImportReport) -> Result<i64, AppError> {
    let json = serde_json::to_string(report).map_err(AppError::internal)?;
    let (id,): (i64,) =
        sqlx::query_as("INSERT INTO import_reports (account_id, created_at, report) VALUES ($1, $2, $3) RETURNING id")
            .bind(account_id)
            .bind(now())
            .bind(json)
            .fetch_one(pool)
            .await?;
    Ok(id)
}

/// A report, readable only by the account that ran the import.
pub async fn load_report(pool: &Pool, id: i64, account_id: i64) -> Result<ImportReport, AppError> {
    let (json,): (String,) = sqlx::query_as("SELECT report FROM import_reports WHERE id = $1 AND account_id = $2")
        .bind(id)
        .bind(account_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    serde_json::from_str(&json).map_err(AppError::internal)
}
