//! Reading uploaded spreadsheets (CSV or .xlsx) into rows of text, and finding columns by their header in
//! Chinese or English (server only). Used by the registry and the major catalog imports.

use std::io::Cursor;

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
