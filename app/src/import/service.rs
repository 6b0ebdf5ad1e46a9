//! Reading uploaded spreadsheets into rows of text, finding columns by their header in Chinese or English,
//! and keeping the report of what an import did (server only). The registry and the major catalog turn the
//! rows into their own records.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Reader, Xlsx};

use super::model::ImportReport;
use super::repo;
use crate::db::Conn;
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

/// Keeps the report for the account that ran the import; its id is where the browser reads it.
pub async fn keep_report(conn: &mut Conn, account_id: i64, report: &ImportReport) -> Result<i64, AppError> {
    repo::insert_report(conn, account_id, report).await
}

/// A report, for the account that ran the import only.
pub async fn report(conn: &mut Conn, id: i64, account_id: i64) -> Result<ImportReport, AppError> {
    repo::load_report(conn, id, account_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf8_csv_with_a_byte_order_mark_reads_as_trimmed_text() {
        let rows = read_table("院校.CSV", "\u{feff}院校名称, 城市\n 示范学院 ,南宁\n".as_bytes()).unwrap();
        assert_eq!(rows, [["院校名称", "城市"], ["示范学院", "南宁"]]);
    }

    #[test]
    fn a_gbk_csv_and_other_files_are_refused_with_what_to_do() {
        let gbk = [0xc4, 0xfa, 0xba, 0xc3, b'\n']; // 您好 in GBK, not UTF-8
        let err = read_table("a.csv", &gbk).unwrap_err();
        assert!(err.message().zh.contains("CSV UTF-8"), "{err:?}");
        assert!(read_table("a.xls", b"x").is_err());
        assert!(read_table("a.xlsx", b"not a zip").is_err());
    }

    #[test]
    fn columns_are_found_by_any_name_and_a_missing_required_one_is_named() {
        let columns: [(&[&str], bool); 3] = [(&["名称", "name"], true), (&["网址"], false), (&["城市", "city"], true)];
        let header = vec!["CITY".to_string(), "名称".to_string()];
        assert_eq!(find_columns(&header, &columns).unwrap(), [Some(1), None, Some(0)]);
        let err = find_columns(&["名称".to_string()], &columns).unwrap_err();
        assert!(err.message().zh.contains("城市"), "{err:?}");
    }
}
