//! Reading registry imports from CSV or .xlsx into validated rows (server only).
//!
//! Columns are found by their header (Chinese or English), so column order does not matter.

use super::model::{parse_city, parse_kind, InstitutionInput};
use crate::error::AppError;
use crate::import::model::RowError;
use crate::validate::FieldError;

/// Header names accepted for each field, and whether the column is required (only website is optional).
const COLUMNS: [(&[&str], bool); 7] = [
    (&["院校名称", "学校名称", "name"], true),
    (&["院校类型", "学校类型", "type", "kind"], true),
    (&["所在城市", "地级市", "城市", "city"], true),
    (&["统一社会信用代码", "credit_code", "credit code"], true),
    (&["学校标识码", "院校代码", "school_code", "school code"], true),
    (&["院校网址", "网址", "website"], false),
    (&["详细地址", "地址", "address"], true),
];

/// Valid rows with their spreadsheet row numbers, and the rows that are wrong.
#[derive(Debug)]
pub struct ParsedRows {
    pub rows: Vec<(usize, InstitutionInput)>,
    pub errors: Vec<RowError>,
}

/// Turns a table into validated inputs; rows with errors are reported, empty rows skipped.
pub fn parse_rows(table: &[Vec<String>]) -> Result<ParsedRows, AppError> {
    let header = table.first().ok_or_else(|| AppError::field("file", "文件是空的。", "The file is empty."))?;
    let positions = crate::import::service::find_columns(header, &COLUMNS)?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (index, cells) in table.iter().enumerate().skip(1) {
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let cell = |i: usize| positions[i].and_then(|p| cells.get(p)).cloned().unwrap_or_default();
        let input = InstitutionInput {
            name: cell(0),
            kind: parse_kind(&cell(1)).map(str::to_string).unwrap_or_else(|| cell(1)),
            city: parse_city(&cell(2)).map(str::to_string).unwrap_or_else(|| cell(2)),
            credit_code: cell(3),
            school_code: cell(4),
            website: cell(5),
            address: cell(6),
        }
        .normalized();
        match input.validate() {
            Ok(_) => rows.push((index + 1, input)),
            Err(field_errors) => errors.push(RowError { row: index + 1, errors: field_errors }),
        }
    }
    flag_duplicates(&rows, &mut errors);
    Ok(ParsedRows { rows, errors })
}

/// The same credit code or name twice in one file is an error on the later row.
fn flag_duplicates(rows: &[(usize, InstitutionInput)], errors: &mut Vec<RowError>) {
    for (i, (row, input)) in rows.iter().enumerate() {
        if let Some((first, _)) =
            rows[..i].iter().find(|(_, o)| o.credit_code == input.credit_code || o.name == input.name)
        {
            errors.push(RowError {
                row: *row,
                errors: vec![FieldError::new(
                    "credit_code",
                    &format!("与第{first}行重复（同名或同一统一社会信用代码）。"),
                    &format!("Duplicates row {first} (same name or credit code)."),
                )],
            });
        }
    }
    errors.sort_by_key(|e| e.row);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::service::read_table;

    const HEADER: &str = "院校名称,院校类型,所在城市,统一社会信用代码,学校标识码,院校网址,详细地址\n";

    #[test]
    fn reads_valid_rows_and_reports_bad_ones_by_row_number() {
        let csv = format!(
            "{HEADER}甲职业学院,中职学校,南宁,91350100M000100Y43,4145012345,,南宁市一路1号\n\
             乙职业学院,高职(专科)院校,广州,91350100M000100Y44,41450,,\n"
        );
        let table = read_table("x.csv", csv.as_bytes()).unwrap();
        let ParsedRows { rows, errors } = parse_rows(&table).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].1.city, "南宁市");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].row, 3);
        let fields: Vec<&str> = errors[0].errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["city", "credit_code", "school_code", "address"]);
    }

    #[test]
    fn duplicate_rows_in_one_file_are_errors() {
        let line = "甲职业学院,中职学校,南宁,91350100M000100Y43,4145012345,,南宁市一路1号\n";
        let table = read_table("x.csv", format!("{HEADER}{line}{line}").as_bytes()).unwrap();
        let errors = parse_rows(&table).unwrap().errors;
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].row, 3);
    }

    #[test]
    fn a_missing_column_is_named() {
        let table = read_table("x.csv", "院校名称,院校类型\n".as_bytes()).unwrap();
        let err = parse_rows(&table).unwrap_err();
        assert!(err.message().zh.contains("统一社会信用代码"));
    }

    #[test]
    fn gbk_csv_gets_a_clear_message() {
        // "名称" encoded in GBK, as Excel saves CSV on Chinese Windows.
        let err = read_table("x.csv", &[0xc3, 0xfb, 0xb3, 0xc6]).unwrap_err();
        assert!(err.message().zh.contains("UTF-8"));
    }

    #[test]
    fn other_file_types_are_refused() {
        assert!(read_table("x.xls", b"abc").is_err());
        assert!(read_table("x.xlsx", b"not a zip").is_err());
    }
}
