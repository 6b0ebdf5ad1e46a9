//! `GET /api/declarations/export.xlsx` and `.csv`: the statistics table — the coordinator's school or, for
//! the secretariat, every school — one row per declaration with a totals row (server only).

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::model::{totals, DeclarationSummary};
use super::{repo, service};
use crate::accounts::model::Role;
use crate::auth::guard::caller_for_token;
use crate::auth::session::{cookie_from_headers, COOKIE};
use crate::error::AppError;
use crate::i18n::Text;
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
    let token = cookie_from_headers(headers, COOKIE).ok_or(AppError::Unauthorized)?;
    let caller = caller_for_token(&state.pool, &token).await?.ok_or(AppError::Unauthorized)?;
    let school = match caller.role {
        Role::Secretariat => None,
        Role::Coordinator => Some(caller.school_id()?),
        _ => return Err(AppError::Forbidden),
    };
    let year = super::windows_api::current_status(&state.pool).await?.year;
    let thresholds = repo::thresholds(&state.pool).await?;
    let rows = repo::list(&state.pool, year, school).await?;
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

fn failed(err: AppError) -> Response {
    (StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), Json(err)).into_response()
}

fn attachment(name: String) -> String {
    format!(
        "attachment; filename=\"declarations.{}\"; filename*=UTF-8''{}",
        name.rsplit('.').next().unwrap_or(""),
        crate::forms::encode_query_value(&name)
    )
}

pub async fn csv(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (year, rows) = match rows(&state, &headers).await {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    let written = (|| -> Result<(), csv::Error> {
        writer.write_record(HEADER)?;
        for r in &rows {
            writer.write_record(cells(r))?;
        }
        writer.write_record(totals_row(&rows))?;
        writer.flush()?;
        Ok(())
    })();
    let Ok(body) = written.map_err(AppError::internal).and_then(|_| writer.into_inner().map_err(AppError::internal))
    else {
        return failed(AppError::internal("csv"));
    };
    // A byte-order mark so that Excel on Chinese Windows opens the UTF-8 file correctly.
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(body);
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, attachment(format!("{year}年申报统计.csv"))),
        ],
        bytes,
    )
        .into_response()
}

pub async fn xlsx(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (year, rows) = match rows(&state, &headers).await {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    let built = (|| -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(format!("{year}年申报统计"))?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        for (col, h) in HEADER.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *h, &bold)?;
        }
        let all: Vec<[String; 10]> = rows.iter().map(cells).chain([totals_row(&rows)]).collect();
        for (n, row) in all.iter().enumerate() {
            for (col, value) in row.iter().enumerate() {
                let r = n as u32 + 1;
                match (col, value.parse::<f64>()) {
                    (8, Ok(number)) => sheet.write_number(r, col as u16, number)?,
                    _ => sheet.write_string(r, col as u16, value)?,
                };
            }
        }
        sheet.autofit();
        book.save_to_buffer()
    })();
    match built {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string()),
                (header::CONTENT_DISPOSITION, attachment(format!("{year}年申报统计.xlsx"))),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => failed(AppError::internal(e)),
    }
}
