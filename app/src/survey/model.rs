//! The internal survey's shared types and rules: rows per college, the four decision steps, the sums by
//! college, and a row's checks (run in the browser and on the server).

use serde::{Deserialize, Serialize};

use crate::catalog::model::{parse_major_codes, Level};
use crate::i18n::Text;
use crate::validate::FieldError;

/// The four steps of the school's decision, in order.
pub const STEPS: [(&str, &str); 4] = [
    ("学生意愿摸底", "Students' wishes surveyed"),
    ("二级学院/系部讨论", "Colleges discussed"),
    ("教务处审核", "Academic affairs reviewed"),
    ("校领导会议决定", "School leadership decided"),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyRow {
    pub id: i64,
    pub college_id: i64,
    pub college: String,
    pub certificate_id: i64,
    pub certificate: String,
    pub level: Level,
    pub majors: Vec<String>,
    pub students_willing: i64,
    pub proposed_lead: Option<(i64, String)>,
    pub note: String,
    /// Set once the row became a declaration draft.
    pub declaration_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyStep {
    pub step: usize,
    pub done_on: String,
    pub note: String,
}

/// Per college: rows, students willing, distinct certificates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollegeSummary {
    pub college: String,
    pub rows: usize,
    pub students: i64,
    pub certificates: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    pub year: i64,
    pub rows: Vec<SurveyRow>,
    pub summary: Vec<CollegeSummary>,
    pub steps: Vec<SurveyStep>,
    pub window_open: bool,
    /// For the add-row form: colleges, certificate levels open this year, leads.
    pub choices: crate::declarations::listing::Choices,
}

/// Sums the rows by college, in name order.
pub fn summarize(rows: &[SurveyRow]) -> Vec<CollegeSummary> {
    let mut colleges: Vec<&str> = rows.iter().map(|r| r.college.as_str()).collect();
    colleges.sort_unstable();
    colleges.dedup();
    colleges
        .into_iter()
        .map(|college| {
            let of: Vec<&SurveyRow> = rows.iter().filter(|r| r.college == college).collect();
            let mut certificates: Vec<i64> = of.iter().map(|r| r.certificate_id).collect();
            certificates.sort_unstable();
            certificates.dedup();
            CollegeSummary {
                college: college.to_string(),
                rows: of.len(),
                students: of.iter().map(|r| r.students_willing).sum(),
                certificates: certificates.len(),
            }
        })
        .collect()
}

/// The shared checks of a survey row: majors as codes, a whole number of students, a short note.
pub fn validate_row(majors: &str, students: &str, note: &str) -> Result<(Vec<String>, i64), Vec<FieldError>> {
    let mut errors = Vec::new();
    let codes = parse_major_codes(majors).map_err(|e| errors.push(e)).unwrap_or_default();
    let students = students.trim().parse::<i64>().ok().filter(|n| (0..=100_000).contains(n));
    if students.is_none() {
        errors.push(FieldError::new(
            "students_willing",
            "意愿学生人数应为0到100000之间的整数。",
            "Students willing is a whole number from 0 to 100000.",
        ));
    }
    if note.chars().count() > 500 {
        errors.push(FieldError::new("note", "备注不能超过500字。", "A note may have at most 500 characters."));
    }
    match students {
        Some(n) if errors.is_empty() => Ok((codes, n)),
        _ => Err(errors),
    }
}

pub fn step_label(step: usize) -> Text {
    STEPS.get(step.wrapping_sub(1)).map(|(zh, en)| Text::new(zh, en)).unwrap_or_else(|| Text::new("?", "?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(college: &str, certificate_id: i64, students: i64) -> SurveyRow {
        SurveyRow {
            id: 0,
            college_id: 0,
            college: college.into(),
            certificate_id,
            certificate: String::new(),
            level: Level::Junior,
            majors: vec![],
            students_willing: students,
            proposed_lead: None,
            note: String::new(),
            declaration_id: None,
        }
    }

    #[test]
    fn rows_sum_up_by_college() {
        let s = summarize(&[row("商学院", 1, 40), row("商学院", 1, 20), row("建筑系", 2, 30)]);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].college.as_str(), s[0].rows, s[0].students, s[0].certificates), ("商学院", 2, 60, 1));
    }

    #[test]
    fn a_row_needs_codes_and_a_whole_number() {
        assert_eq!(validate_row("530802", "45", "").unwrap(), (vec!["530802".to_string()], 45));
        let fields: Vec<String> =
            validate_row("5308", "很多", &"字".repeat(501)).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["majors", "students_willing", "note"]);
        assert_eq!(step_label(4).zh, "校领导会议决定");
    }
}
