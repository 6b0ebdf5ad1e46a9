//! May this school declare this certificate level for this major? (seed FAQ 3)

use serde::{Deserialize, Serialize};

use super::model::{EducationLevel, Major};
use crate::i18n::Text;

/// The answer for one major, as the certificate page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EligibilityCheck {
    pub major: Major,
    pub eligibility: Eligibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Eligibility {
    Eligible,
    /// Outside the certificate's major range: ask the organization to add the major.
    NotInRange,
    /// A 本科 institution picking a 专科 major: the secretariat decides (FAQ 3).
    NeedsSecretariat,
}

impl Eligibility {
    pub fn message(&self) -> Text {
        match self {
            Eligibility::Eligible => {
                Text::new("该专业可以申报此证书等级。", "This major may declare this certificate level.")
            }
            Eligibility::NotInRange => Text::new(
                "该专业不在此证书的试点专业范围内。可一键请培训评价组织确认并增加该专业。",
                "This major is outside the certificate's range. Ask the organization to add it.",
            ),
            Eligibility::NeedsSecretariat => Text::new(
                "本科院校申报专科专业，需由秘书处确认，请联系秘书处老师。",
                "A university declaring an associate-level major needs the secretariat's confirmation.",
            ),
        }
    }
}

/// The rule: an undergraduate institution choosing a higher-vocational (专科) major is routed to the
/// secretariat whatever the range says; otherwise the major must be in the offering's eligible codes.
pub fn check_eligibility(institution_kind: &str, major: &Major, eligible_codes: &[String]) -> Eligibility {
    if institution_kind == "undergraduate" && major.education_level == EducationLevel::HigherVocational {
        return Eligibility::NeedsSecretariat;
    }
    if eligible_codes.iter().any(|c| c == &major.code) {
        Eligibility::Eligible
    } else {
        Eligibility::NotInRange
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn major(code: &str, level: EducationLevel) -> Major {
        Major {
            code: code.into(), name: "物流管理".into(), education_level: level, category: "财经商贸".into()
        }
    }

    #[test]
    fn a_major_in_range_is_eligible() {
        let codes = vec!["530802".to_string()];
        assert_eq!(
            check_eligibility("higher_vocational", &major("530802", EducationLevel::HigherVocational), &codes),
            Eligibility::Eligible
        );
    }

    #[test]
    fn a_major_out_of_range_asks_the_organization() {
        assert_eq!(
            check_eligibility("secondary_vocational", &major("730701", EducationLevel::Secondary), &[]),
            Eligibility::NotInRange
        );
    }

    #[test]
    fn a_university_picking_an_associate_major_goes_to_the_secretariat_even_in_range() {
        let codes = vec!["530802".to_string()];
        assert_eq!(
            check_eligibility("undergraduate", &major("530802", EducationLevel::HigherVocational), &codes),
            Eligibility::NeedsSecretariat
        );
        assert_eq!(
            check_eligibility("undergraduate", &major("330802", EducationLevel::VocationalBachelor), &[]),
            Eligibility::NotInRange
        );
    }
}
