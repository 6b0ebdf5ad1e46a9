//! The major catalog (专业目录, 2021): listing, and importing it from CSV or .xlsx all-or-nothing with a
//! per-row report — by the secretariat in the browser (`POST /api/majors/import`) or by the server's
//! `import-majors` subcommand. Only a small demo sample ships; the real catalog (1,349 majors) is imported.

use leptos::prelude::*;

use super::model::{validate_major_code, EducationLevel};
use crate::error::AppError;
use crate::validate::FieldError;
#[cfg(feature = "ssr")]
use {
    super::model::Major,
    crate::db::Conn,
    crate::forms::run,
    crate::import::model::{ImportReport, RowError},
};

/// Validates one major as typed in a spreadsheet row; all field errors at once.
pub fn validate_major(code: &str, name: &str, education_level: &str) -> Result<EducationLevel, Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Err(e) = validate_major_code(code) {
        errors.push(e);
    }
    if name.trim().is_empty() || name.chars().count() > 60 {
        errors.push(FieldError::new(
            "name",
            "请填写专业名称（不超过60字）。",
            "Enter the major's name (at most 60 characters).",
        ));
    }
    let level = EducationLevel::parse(education_level);
    if level.is_none() {
        errors.push(FieldError::new(
            "education_level",
            &format!("层次“{education_level}”无效，应为：中职、高职专科、职业本科或普通本科。"),
            &format!("Level \"{education_level}\" is not one of 中职, 高职专科, 职业本科, 普通本科."),
        ));
    }
    match level {
        Some(level) if errors.is_empty() => Ok(level),
        _ => Err(errors),
    }
}

/// Header names accepted for each column; the category is optional.
#[cfg(feature = "ssr")]
const COLUMNS: [(&[&str], bool); 4] = [
    (&["专业代码", "code"], true),
    (&["专业名称", "name"], true),
    (&["层次", "教育层次", "education_level", "level"], true),
    (&["专业大类", "大类", "category"], false),
];

/// Validated majors, and the rows that are wrong (duplicates included).
#[cfg(feature = "ssr")]
pub fn parse_major_rows(table: &[Vec<String>]) -> Result<(Vec<Major>, Vec<RowError>), AppError> {
    let header = table.first().ok_or_else(|| AppError::field("file", "文件是空的。", "The file is empty."))?;
    let positions = crate::import::service::find_columns(header, &COLUMNS)?;
    let mut majors: Vec<(usize, Major)> = Vec::new();
    let mut errors = Vec::new();
    for (index, cells) in table.iter().enumerate().skip(1) {
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let row = index + 1;
        let cell = |i: usize| positions[i].and_then(|p| cells.get(p)).map(|c| c.trim().to_string()).unwrap_or_default();
        let (code, name, level, category) = (cell(0), cell(1), cell(2), cell(3));
        match validate_major(&code, &name, &level) {
            Err(field_errors) => errors.push(RowError { row, errors: field_errors }),
            Ok(_) if majors.iter().any(|(_, m)| m.code == code) => {
                let first = majors.iter().find(|(_, m)| m.code == code).map(|(r, _)| *r).unwrap_or_default();
                errors.push(RowError {
                    row,
                    errors: vec![FieldError::new(
                        "code",
                        &format!("专业代码{code}与第{first}行重复。"),
                        &format!("The code {code} duplicates row {first}."),
                    )],
                });
            }
            Ok(education_level) => majors.push((row, Major { code, name, education_level, category })),
        }
    }
    Ok((majors.into_iter().map(|(_, m)| m).collect(), errors))
}

/// Imports a file: every row valid and saved (existing codes updated), or nothing saved.
#[cfg(feature = "ssr")]
pub async fn import_file(conn: &mut Conn, file_name: &str, bytes: &[u8]) -> Result<ImportReport, AppError> {
    let table = crate::import::service::read_table(file_name, bytes)?;
    let (majors, errors) = parse_major_rows(&table)?;
    let mut report = ImportReport { rows_read: majors.len() + errors.len(), inserted: 0, updated: 0, errors };
    if !report.errors.is_empty() {
        return Ok(report);
    }
    for m in &majors {
        if super::repo::search::upsert_major(conn, m).await? {
            report.inserted += 1;
        } else {
            report.updated += 1;
        }
    }
    super::search::reindex(conn).await?;
    Ok(report)
}

/// The number of majors in the catalog, by education level (what the majors page summarises).
#[server(prefix = "/api", endpoint = "catalog/major-counts")]
pub async fn major_counts() -> Result<Vec<(EducationLevel, i64)>, AppError> {
    run(async |tx| {
        let rows = super::repo::search::major_counts(tx).await?;
        Ok(EducationLevel::ALL
            .into_iter()
            .map(|l| (l, rows.iter().find(|(code, _)| code == l.code()).map(|(_, n)| *n).unwrap_or(0)))
            .collect())
    })
    .await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn table(rows: &[&str]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.split(',').map(str::to_string).collect()).collect()
    }

    #[test]
    fn good_rows_parse_and_bad_rows_are_reported_with_every_problem() {
        let t = table(&[
            "专业代码,专业名称,层次,专业大类",
            "530802,物流管理,高职专科,财经商贸",
            "5308,,专科,",
            "530802,物流管理,高职专科,",
        ]);
        let (majors, errors) = parse_major_rows(&t).unwrap();
        assert_eq!(majors.len(), 1);
        assert_eq!(majors[0].education_level, EducationLevel::HigherVocational);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].row, 3);
        let fields: Vec<&str> = errors[0].errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["code", "name", "education_level"]);
        assert_eq!(errors[1].row, 4);
        assert!(errors[1].errors[0].message.zh.contains("重复"));
    }

    #[test]
    fn wrong_columns_are_named() {
        let err = parse_major_rows(&table(&["代码,名称"])).unwrap_err();
        assert!(err.message().zh.contains("专业代码"), "{}", err.message().zh);
    }
}
