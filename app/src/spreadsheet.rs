//! Spreadsheets both ways (server only): reading uploaded CSV or .xlsx into rows of text and finding columns
//! by their header in Chinese or English (the registry and major catalog imports), and writing tables of
//! text as downloads (the declaration statistics, the results and the rosters).

use std::io::Cursor;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use calamine::{open_workbook_from_rs, Reader, Xlsx};

use crate::error::AppError;

/// Reads the first sheet of an .xlsx file or a UTF-8 CSV into rows of text.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, AppError> {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".xlsx") {
        let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| unreadable())?;
        let range = workbook.worksheet_range_at(0).ok_or_else(unreadable)?.map_err(|_| unreadable())?;
        Ok(range.rows().map(|row| row.iter().map(|c| c.to_string().trim().to_string()).collect()).collect())
    } else if lower.ends_with(".csv") {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            AppError::field(
                "file",
                "CSV 文件不是 UTF-8 编码（Excel 默认另存为 GBK）。请在 Excel 中另存为“CSV UTF-8”，或直接上传 .xlsx 文件。",
                "The CSV is not UTF-8. Save it as \"CSV UTF-8\" in Excel, or upload the .xlsx file.",
            )
        })?;
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|_| unreadable())?;
            rows.push(record.iter().map(|c| c.trim().to_string()).collect());
        }
        Ok(rows)
    } else {
        Err(AppError::field("file", "请上传 .xlsx 或 .csv 文件。", "Upload an .xlsx or .csv file."))
    }
}

fn unreadable() -> AppError {
    AppError::field(
        "file",
        "无法读取该文件，请确认它是有效的 .xlsx 或 .csv 文件。",
        "The file cannot be read as .xlsx or .csv.",
    )
}

/// Positions of the columns, found by any of their accepted header names. Columns marked required must be
/// present; a missing one is named in the error.
pub fn find_columns(header: &[String], columns: &[(&[&str], bool)]) -> Result<Vec<Option<usize>>, AppError> {
    let positions: Vec<Option<usize>> = columns
        .iter()
        .map(|(names, _)| header.iter().position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n))))
        .collect();
    let missing: Vec<&str> = columns
        .iter()
        .zip(&positions)
        .filter(|((_, required), pos)| *required && pos.is_none())
        .map(|((names, _), _)| names[0])
        .collect();
    if missing.is_empty() {
        Ok(positions)
    } else {
        Err(AppError::field(
            "file",
            &format!("第1行缺少列：{}。请使用模板的表头。", missing.join("、")),
            &format!("Row 1 lacks the columns: {}. Use the template's header.", missing.join(", ")),
        ))
    }
}

/// A table to download: its title names the file and the sheet; `numeric` columns are written to .xlsx
/// as numbers (so that Excel can sum them); `ascii_name` is the file name for clients without UTF-8 names.
pub struct Download<'a> {
    pub title: String,
    pub ascii_name: &'a str,
    pub header: &'a [&'a str],
    pub rows: Vec<Vec<String>>,
    pub numeric: &'a [usize],
}

/// An error as the JSON the server functions answer with, and its status.
pub fn failed(err: AppError) -> Response {
    (StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), Json(err)).into_response()
}

fn attachment(title: &str, ascii_name: &str, extension: &str) -> String {
    format!(
        "attachment; filename=\"{ascii_name}.{extension}\"; filename*=UTF-8''{}",
        crate::forms::encode_query_value(&format!("{title}.{extension}"))
    )
}

/// The table as a UTF-8 CSV download, with a byte-order mark so that Excel on Chinese Windows reads it.
pub fn csv_download(table: &Download) -> Response {
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let written = writer
        .write_record(table.header)
        .and_then(|_| table.rows.iter().try_for_each(|row| writer.write_record(row)))
        .and_then(|_| writer.flush().map_err(csv::Error::from));
    let bytes = match written.map_err(AppError::internal).and_then(|_| writer.into_inner().map_err(AppError::internal))
    {
        Ok(bytes) => bytes,
        Err(e) => return failed(e),
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, attachment(&table.title, table.ascii_name, "csv")),
        ],
        bytes,
    )
        .into_response()
}

/// The table as an .xlsx download: a bold header row, then the rows.
pub fn xlsx_download(table: &Download) -> Response {
    let built = (|| -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        // Sheet names are at most 31 characters.
        sheet.set_name(table.title.chars().take(31).collect::<String>())?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        for (col, h) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, *h, &bold)?;
        }
        for (n, row) in table.rows.iter().enumerate() {
            for (col, value) in row.iter().enumerate() {
                let r = n as u32 + 1;
                match value.parse::<f64>() {
                    Ok(number) if table.numeric.contains(&col) => sheet.write_number(r, col as u16, number)?,
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
                (header::CONTENT_DISPOSITION, attachment(&table.title, table.ascii_name, "xlsx")),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => failed(AppError::internal(e)),
    }
}
