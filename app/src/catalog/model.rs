//! Catalog types shared by the browser and the server.

use serde::{Deserialize, Serialize};

use super::equipment::{AssessmentLine, EquipmentItem};
use crate::i18n::Text;
use crate::validate::FieldError;

crate::codes::coded_enum! {
    /// Certificate levels; each level of a certificate is declared separately (seed FAQ 5).
    pub enum Level {
        Junior = ("junior", "初级", "Junior"),
        Intermediate = ("intermediate", "中级", "Intermediate"),
        Senior = ("senior", "高级", "Senior"),
    }
}

crate::codes::coded_enum! {
    /// The education level a major belongs to in the 2021 major catalog.
    pub enum EducationLevel {
        Secondary = ("secondary", "中职", "Secondary vocational"),
        HigherVocational = ("higher_vocational", "高职专科", "Higher vocational (associate)"),
        VocationalBachelor = ("vocational_bachelor", "职业本科", "Vocational bachelor"),
        Bachelor = ("bachelor", "普通本科", "Bachelor"),
    }
}

crate::codes::coded_enum! {
    /// Where a school's request to add a major stands (sent as its code, as before it was an enum).
    #[serde(rename_all = "lowercase")]
    pub enum RequestStatus {
        Open = ("open", "等待培训评价组织答复", "Waiting for the organization"),
        Accepted = ("accepted", "已同意，专业已加入", "Accepted: the major was added"),
        Declined = ("declined", "未同意", "Declined"),
    }
}

/// A school's request to add a major to a certificate level (seed FAQ 3), with its answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MajorRequest {
    pub id: i64,
    pub certificate: String,
    pub year: i64,
    pub level: Level,
    pub major_code: String,
    pub major_name: String,
    pub institution: String,
    pub status: RequestStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Major {
    /// Six digits in the 2021 catalog.
    pub code: String,
    pub name: String,
    pub education_level: EducationLevel,
    pub category: String,
}

/// A major code of the 2021 catalog: six digits.
pub fn validate_major_code(code: &str) -> Result<(), FieldError> {
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(FieldError::new(
            "code",
            "专业代码应为6位数字（2021年版专业目录），例如 530802。",
            "A major code has 6 digits (2021 catalog), e.g. 530802.",
        ))
    }
}

/// Major codes typed as a list: separated by spaces, commas, 、 or new lines; each must have 6 digits.
pub fn parse_major_codes(text: &str) -> Result<Vec<String>, FieldError> {
    let mut codes: Vec<String> = Vec::new();
    for code in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；')) {
        if code.is_empty() {
            continue;
        }
        if validate_major_code(code).is_err() {
            return Err(FieldError::new_owned(
                "majors".into(),
                &format!("“{code}”不是6位专业代码。请用空格或逗号分隔专业代码，例如 530802, 540301。"),
                &format!(
                    "\"{code}\" is not a 6-digit major code. Separate codes by spaces or commas, e.g. 530802, 540301."
                ),
            ));
        }
        if !codes.iter().any(|c| c == code) {
            codes.push(code.to_string());
        }
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_education_levels_parse_from_code_or_chinese_name() {
        assert_eq!(Level::parse("中级"), Some(Level::Intermediate));
        assert_eq!(Level::parse("senior"), Some(Level::Senior));
        assert_eq!(Level::parse("特级"), None);
        assert_eq!(EducationLevel::parse("高职专科"), Some(EducationLevel::HigherVocational));
        assert_eq!(EducationLevel::parse("本科"), None);
    }

    #[test]
    fn major_code_lists_split_on_common_separators_and_drop_repeats() {
        assert_eq!(parse_major_codes("530802, 540301、530802\n460104").unwrap(), ["530802", "540301", "460104"]);
        assert!(parse_major_codes("").unwrap().is_empty());
        assert!(parse_major_codes("530802 物流").is_err());
    }

    #[test]
    fn major_codes_have_six_digits() {
        assert!(validate_major_code("530802").is_ok());
        for bad in ["53080", "5308021", "53080a", ""] {
            assert!(validate_major_code(bad).is_err(), "{bad}");
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Organization {
    pub id: i64,
    pub name: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub contact_email: String,
}

/// A certificate in a list: which levels are open in the given year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertificateSummary {
    pub id: i64,
    pub name: String,
    pub organization: String,
    pub open_levels: Vec<Level>,
    pub is_demo: bool,
}

/// One level of a certificate in one year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Offering {
    pub year: i64,
    pub level: Level,
    pub is_open: bool,
    pub fee_fen: i64,
    /// The cost cap set by the secretariat, if any.
    pub cap_fen: Option<i64>,
    pub site_conditions: String,
    pub exam_plan: String,
    pub training_plan: String,
    /// Required hardware and software.
    pub equipment: Vec<EquipmentItem>,
    /// The majors the organization opened this level to.
    pub eligible_majors: Vec<Major>,
}

/// The caller's school's self-assessment of one offering's equipment list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferingAssessment {
    pub year: i64,
    pub level: Level,
    pub lines: Vec<AssessmentLine>,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertificateDetail {
    pub id: i64,
    pub name: String,
    pub standard_url: String,
    pub organization: Organization,
    pub offerings: Vec<Offering>,
    pub is_demo: bool,
    /// Recent changes, for the organization and the secretariat only (empty for others).
    pub history: Vec<HistoryEntry>,
    /// This year in Asia/Shanghai, by the server's clock.
    pub current_year: i64,
    /// The caller's school's self-assessments (schools only; empty for others).
    pub assessments: Vec<OfferingAssessment>,
}

/// One saved change: who, when, and a line per changed field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub year: i64,
    pub level: Level,
    pub by: String,
    pub at: i64,
    pub changes: Vec<Text>,
}

/// A major that matched, with the certificates open to it this year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MajorHit {
    pub major: Major,
    pub certificates: Vec<(i64, String)>,
}
