//! Downloads (server only): `GET /api/results/export.{xlsx,csv}`, the year's results table (for everyone
//! once published, for the secretariat before), and `GET /api/results/roster/{id}.{xlsx,csv}`, a lead
//! institution's roster with the contacts.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::model::{table_rows, ROSTER_HEADER, TABLE_HEADER};
use super::service;
use crate::auth::guard::{caller_from_headers, check_role, visitor_or_caller};
use crate::error::AppError;
use crate::spreadsheet::{csv_download, failed, xlsx_download, Download};
use crate::state::AppState;

pub const XLSX_PATH: &str = "/api/results/export.xlsx";
pub const CSV_PATH: &str = "/api/results/export.csv";
pub const ROSTER_XLSX_PATH: &str = "/api/results/roster/{id}/export.xlsx";
pub const ROSTER_CSV_PATH: &str = "/api/results/roster/{id}/export.csv";

async fn results(state: &AppState, headers: &HeaderMap) -> Result<Download<'static>, AppError> {
    let year = crate::windows::service::current_year();
    let r = crate::db::read(&state.pool, async |conn| {
        // Published results are public, like their notice: a session is optional here.
        let caller = visitor_or_caller(conn, headers).await?;
        service::year_results(conn, caller.as_ref(), year).await
    })
    .await?;
    Ok(Download {
        title: format!("{year}年试点结果"),
        ascii_name: "results",
        header: &TABLE_HEADER,
        rows: table_rows(&r.certificates),
        numeric: &[3],
    })
}

async fn roster(state: &AppState, headers: &HeaderMap, certificate_id: i64) -> Result<Download<'static>, AppError> {
    let roster = crate::db::read(&state.pool, async |conn| {
        let caller = check_role(caller_from_headers(conn, headers).await?, &crate::accounts::model::Role::ALL)?;
        service::roster(conn, &caller, certificate_id).await
    })
    .await?;
    Ok(Download {
        title: format!("{}年{}试点院校名单", roster.year, roster.certificate),
        ascii_name: "roster",
        header: &ROSTER_HEADER,
        rows: roster.rows(),
        numeric: &[],
    })
}

pub async fn results_xlsx(State(state): State<AppState>, headers: HeaderMap) -> Response {
    results(&state, &headers).await.map_or_else(failed, |t| xlsx_download(&t))
}

pub async fn results_csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    results(&state, &headers).await.map_or_else(failed, |t| csv_download(&t))
}

pub async fn roster_xlsx(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    roster(&state, &headers, id).await.map_or_else(failed, |t| xlsx_download(&t))
}

pub async fn roster_csv(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<i64>) -> Response {
    roster(&state, &headers, id).await.map_or_else(failed, |t| csv_download(&t))
}
