//! `GET /api/declarations/export.xlsx` and `.csv`: the statistics table — the coordinator's school or, for
//! the secretariat, every school — one row per declaration with a totals row (server only).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;

use super::model::{totals, DeclarationSummary};
use super::{repo, service};
use crate::accounts::model::Role;
use crate::auth::guard::caller_from_headers;
use crate::error::AppError;
use crate::i18n::Text;
use crate::spreadsheet::{csv_download, failed, xlsx_download, Download};
use crate::state::AppState;

pub const XLSX_PATH: &str = "/api/declarations/export.xlsx";
pub const CSV_PATH: &str = "/api/declarations/export.csv";

const HEADER: [&str; 10] =
    ["学校", "地级市", "二级学院/系部", "证书", "等级", "证书负责人", "状态", "申报专业", "计划培训人数", "人数异常"];

fn cells(r: &DeclarationSummary) -> [String; 10] {
    let zh = |t: Text| t.zh;
    [
        r.institution.clone(),
        zh(crate::institutions::model::city_label(&r.city)),
        r.college.clone(),
        r.certificate.clone(),
        zh(r.level.label()),
        r.lead.clone(),
        zh(r.status.label()),
        r.majors.join("、"),
        r.planned_count.to_string(),
        if r.flagged { "是".into() } else { String::new() },
    ]
}

async fn rows(state: &AppState, headers: &HeaderMap) -> Result<(i64, Vec<DeclarationSummary>), AppError> {
    crate::db::read(&state.pool, async |conn| rows_on(conn, headers).await).await
}

async fn rows_on(conn: &mut crate::db::Conn, headers: &HeaderMap) -> Result<(i64, Vec<DeclarationSummary>), AppError> {
    let caller = caller_from_headers(conn, headers).await?;
    let school = match caller.role {
        Role::Secretariat => None,
        Role::Coordinator => Some(caller.school_id()?),
        _ => return Err(AppError::Forbidden),
    };
    let year = crate::windows::service::current_year();
    let thresholds = repo::thresholds(conn).await?;
    let rows = repo::list(conn, year, school).await?;
    Ok((year, rows.iter().filter(|r| service::can_read(&caller, r)).map(|r| r.summary(thresholds)).collect()))
}

fn totals_row(rows: &[DeclarationSummary]) -> [String; 10] {
    let t = totals(&rows.iter().collect::<Vec<_>>());
    let mut cells: [String; 10] = Default::default();
    cells[0] = "合计".into();
    cells[3] = format!("{}个证书", t.certificates);
    cells[4] = format!("{}个证书等级", t.certificate_levels);
    cells[7] = format!("{}个专业", t.majors);
    cells[8] = t.planned.to_string();
    cells
}

fn download(year: i64, rows: &[DeclarationSummary]) -> Download<'static> {
    Download {
        title: format!("{year}年申报统计"),
        ascii_name: "declarations",
        header: &HEADER,
        rows: rows.iter().map(cells).chain([totals_row(rows)]).map(Vec::from).collect(),
        numeric: &[8],
    }
}

pub async fn csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match rows(&state, &headers).await {
        Ok((year, rows)) => csv_download(&download(year, &rows)),
        Err(e) => failed(e),
    }
}

pub async fn xlsx(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match rows(&state, &headers).await {
        Ok((year, rows)) => xlsx_download(&download(year, &rows)),
        Err(e) => failed(e),
    }
}
