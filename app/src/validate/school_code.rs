//! 学校标识码 (school identification code): 10 digits — 2-digit school category, 2-digit province,
//! 6-digit sequence. Guangxi is province 45; another province is allowed with a warning (a school may have
//! moved or be registered elsewhere), never refused.

use super::FieldError;
use crate::i18n::Text;

const FIELD: &str = "school_code";
pub const GUANGXI_PROVINCE: &str = "45";

/// What is checked and stored: full-width digits as ASCII, without spaces or hyphens.
pub fn normalize(code: &str) -> String {
    super::ime::fold_width(code).chars().filter(|c| !c.is_whitespace() && *c != '-').collect()
}

/// Ok(None) when valid, Ok(Some(warning)) when valid but outside Guangxi, Err when malformed. `code` is
/// [`normalize`]d first.
pub fn validate_school_code(code: &str) -> Result<Option<Text>, FieldError> {
    let code = &normalize(code);
    if let Some((pos, bad)) = code.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        let hint = if matches!(bad, 'O' | 'o') { "（是否应为数字0？）" } else { "" };
        return Err(FieldError::new(
            FIELD,
            &format!("学校标识码只能是数字，第{}位是“{bad}”{hint}。", pos + 1),
            &format!("The school code is digits only; character {} is '{bad}'.", pos + 1),
        ));
    }
    let len = code.chars().count();
    if len != 10 {
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
        assert!(validate_school_code("41450123AB").unwrap_err().message.zh.contains("第9位"));
        let o = validate_school_code("414501234O").unwrap_err();
        assert!(o.message.zh.contains("第10位") && o.message.zh.contains("数字0"), "{}", o.message.zh);
    }

    #[test]
    fn what_an_input_method_types_is_read_as_digits() {
        assert_eq!(validate_school_code("４１４５０１２３４５"), Ok(None));
        assert_eq!(validate_school_code("4145 012-345"), Ok(None));
        assert_eq!(normalize("４１４５\u{3000}０１２３４５"), "4145012345");
    }

    proptest! {
        #[test]
        fn never_panics_on_any_input(s in ".*") {
            let _ = validate_school_code(&s);
        }
    }
}
