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
use crate::accounts::model::Role;
use crate::auth::guard::{caller_from_headers, check_role};
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
    let caller = crate::db::read(&state.pool, async |conn| {
        check_role(caller_from_headers(conn, headers).await?, &[Role::Secretariat])
    })
    .await?;
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
    // The rows (all or none of them) and the report, in one transaction.
    crate::db::transaction(&state.pool, async |tx| {
        let report = match target {
            Target::Institutions => crate::institutions::service::import_file(tx, &name, &bytes).await?,
            Target::Majors => crate::catalog::service::import_majors(tx, &name, &bytes).await?,
        };
        Ok((super::service::keep_report(tx, caller.id, &report).await?, report))
    })
    .await
}

fn bad_upload() -> AppError {
    AppError::field("file", "上传中断，请重试。", "The upload was interrupted; try again.")
}

fn too_large() -> AppError {
    AppError::field("file", "文件超过5 MB，请拆分后分批导入。", "The file is over 5 MB; split it and import in parts.")
}
