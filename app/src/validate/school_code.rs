//! 学校标识码 (school identification code): 10 digits — 2-digit school category, 2-digit province,
//! 6-digit sequence. Guangxi is province 45; another province is allowed with a warning (a school may have
//! moved or be registered elsewhere), never refused.

use super::FieldError;
use crate::i18n::Text;

const FIELD: &str = "school_code";
pub const GUANGXI_PROVINCE: &str = "45";

/// Ok(None) when valid, Ok(Some(warning)) when valid but outside Guangxi, Err when malformed.
pub fn validate_school_code(code: &str) -> Result<Option<Text>, FieldError> {
    let len = code.chars().count();
    if len != 10 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::new(
            FIELD,
            &format!("学校标识码应为10位数字（您输入了{len}位），可在教育部公布的全国高等学校/中职学校名单中查到。"),
            &format!("The school code is 10 digits (you entered {len}); find it in the Ministry's list of schools."),
        ));
    }
    if &code[2..4] != GUANGXI_PROVINCE {
        return Ok(Some(Text::new(
            &format!("学校标识码第3–4位是省份代码，广西为45，此处为{}，请确认无误。", &code[2..4]),
            &format!("Digits 3–4 are the province; Guangxi is 45, this is {}. Please confirm.", &code[2..4]),
        )));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_a_guangxi_code_without_warning() {
        assert_eq!(validate_school_code("4145012345"), Ok(None));
    }

    #[test]
    fn warns_but_accepts_another_province() {
        let warning = validate_school_code("4144012345").unwrap().expect("a warning");
        assert!(warning.zh.contains("44"));
    }

    #[test]
    fn refuses_letters_and_wrong_lengths() {
        assert!(validate_school_code("41450123").is_err());
        assert!(validate_school_code("41450123AB").is_err());
        assert!(validate_school_code("４１４５０１２３４５").is_err());
    }

    proptest! {
        #[test]
        fn never_panics_on_any_input(s in ".*") {
            let _ = validate_school_code(&s);
        }
    }
}
