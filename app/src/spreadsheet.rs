//! Spreadsheet downloads (server only): tables of text written as .xlsx or CSV (the declaration statistics,
//! the results and the rosters). Reading uploads is `import::service`.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

use crate::error::AppError;

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

/// A cell as a spreadsheet program will not run it: text starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return would be read as a formula (`=HYPERLINK(…)` typed as a college name), so it gets a leading `'`,
/// which Excel and LibreOffice show as text (OWASP "CSV injection"). Plain numbers such as `-3` stay numbers.
pub fn inert_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The table as a UTF-8 CSV download, with a byte-order mark so that Excel on Chinese Windows reads it.
pub fn csv_download(table: &Download) -> Response {
    let mut writer = csv::Writer::from_writer("\u{feff}".as_bytes().to_vec());
    let written = writer
        .write_record(table.header)
        .and_then(|_| {
            table.rows.iter().try_for_each(|row| writer.write_record(row.iter().map(|c| inert_cell(c).into_owned())))
        })
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

#[cfg(test)]
mod tests {
    use super::inert_cell;

    #[test]
    fn cells_a_spreadsheet_would_run_become_text() {
        for formula in
            ["=1+1", "=HYPERLINK(\"http://evil.example\",\"点我\")", "+86 771", "-1+2", "@SUM(A1:A2)", "\t=1", "\r=1"]
        {
            assert_eq!(inert_cell(formula), format!("'{formula}"), "{formula:?}");
        }
    }

    #[test]
    fn ordinary_text_and_numbers_stay_as_they_are() {
        for plain in ["南宁职业技术学院", "12", "-3", "+4.5", "a=b", "", "2026-12-04"] {
            assert_eq!(inert_cell(plain), plain, "{plain:?}");
        }
    }
}
