//! 统一社会信用代码 (unified social credit code), GB 32100-2015.

use super::FieldError;

/// The 31 characters allowed, in the order that gives each its value (I, O, S, V and Z are excluded).
const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const FIELD: &str = "credit_code";

fn value_of(c: char) -> Option<u32> {
    CHARSET.find(c).map(|i| i as u32)
}

/// The check character for the first 17 characters, or None if one of them is not allowed.
pub fn check_character(first17: &str) -> Option<char> {
    let mut sum = 0;
    for (c, weight) in first17.chars().zip(WEIGHTS) {
        sum += value_of(c)? * weight;
    }
    let check = (31 - sum % 31) % 31;
    CHARSET.chars().nth(check as usize)
}

/// Validates a credit code (already folded, stripped and upper-cased by [`normalize`]).
pub fn validate_credit_code(code: &str) -> Result<(), FieldError> {
    let len = code.chars().count();
    if let Some((pos, bad)) = code.chars().enumerate().find(|(_, c)| value_of(*c).is_none()) {
        let hint = match bad {
            'O' => "（字母O不在其中，是否应为数字0？）",
            'I' => "（字母I不在其中，是否应为数字1？）",
            _ => "",
        };
        return Err(FieldError::new(
            FIELD,
            &format!(
                "统一社会信用代码第{}位“{}”无效：只能是数字和除 I、O、S、V、Z 以外的大写字母{hint}。",
                pos + 1,
                bad
            ),
            &format!(
                "Character {} ('{}') is not allowed: use digits and capital letters except I, O, S, V, Z.",
                pos + 1,
                bad
            ),
        ));
    }
    if len != 18 {
        return Err(FieldError::new(
            FIELD,
            &format!("统一社会信用代码应为18位，您输入了{len}位，请核对营业执照或事业单位法人证书。"),
            &format!("The unified social credit code has 18 characters; you entered {len}. Check the licence."),
        ));
    }
    // Characters 3–8 are the administrative division code (GB/T 2260): digits only.
    if let Some((pos, bad)) = code.chars().enumerate().skip(2).take(6).find(|(_, c)| !c.is_ascii_digit()) {
        return Err(FieldError::new(
            FIELD,
            &format!("统一社会信用代码第3–8位是行政区划代码，只能是数字；第{}位是“{}”。", pos + 1, bad),
            &format!("Characters 3–8 are the region code and must be digits; character {} is '{}'.", pos + 1, bad),
        ));
    }
    let first17: String = code.chars().take(17).collect();
    let expected = check_character(&first17);
    let last = code.chars().last();
    if expected != last {
        return Err(FieldError::new(
            FIELD,
            "统一社会信用代码校验位不正确，可能有字符输错，请逐位核对。",
            "The check character does not match; a character is probably mistyped. Check each one.",
        ));
    }
    Ok(())
}

/// What is checked and stored: full-width characters (as a Chinese input method types them) as ASCII,
/// without spaces or hyphens (codes are often written in groups), upper-cased.
pub fn normalize(code: &str) -> String {
    super::ime::fold_width(code).chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_standard_example_code() {
        assert_eq!(validate_credit_code("91350100M000100Y43"), Ok(()));
    }

    #[test]
    fn accepts_a_code_whose_check_value_is_zero() {
        // Find a 17-character prefix whose check character is '0' (Σ mod 31 == 0), then validate it.
        let prefix = (0..1000)
            .map(|n| format!("12450000{:09}", n))
            .find(|p| check_character(p) == Some('0'))
            .expect("some prefix has check value 0");
        assert_eq!(validate_credit_code(&format!("{prefix}0")), Ok(()));
    }

    #[test]
    fn refuses_a_wrong_check_character() {
        let err = validate_credit_code("91350100M000100Y44").unwrap_err();
        assert!(err.message.zh.contains("校验位"));
    }

    #[test]
    fn refuses_the_wrong_length_and_says_how_many_were_typed() {
        let err = validate_credit_code("91350100M").unwrap_err();
        assert!(err.message.zh.contains("9位"), "{}", err.message.zh);
    }

    #[test]
    fn refuses_letters_outside_the_charset_and_names_the_position() {
        let err = validate_credit_code("91350100M000100I43").unwrap_err();
        assert!(err.message.zh.contains("第16位"), "{}", err.message.zh);
    }

    #[test]
    fn normalize_folds_what_an_input_method_types() {
        assert_eq!(normalize(" 91350100m000100y43 "), "91350100M000100Y43");
        assert_eq!(normalize("９１３５０１００Ｍ０００１００Ｙ４３"), "91350100M000100Y43");
        assert_eq!(normalize("913501\u{3000}00M000 100-Y43"), "91350100M000100Y43");
        assert_eq!(validate_credit_code(&normalize("９１３５０１００Ｍ０００１００Ｙ４３")), Ok(()));
    }

    #[test]
    fn the_region_code_is_digits_only() {
        // A valid check character, but a letter among characters 3–8.
        let prefix = "91A50100M000100Y4";
        let code = format!("{prefix}{}", check_character(prefix).unwrap());
        let err = validate_credit_code(&code).unwrap_err();
        assert!(err.message.zh.contains("行政区划代码") && err.message.zh.contains("第3位"), "{}", err.message.zh);
    }

    #[test]
    fn a_letter_o_is_named_with_the_digit_it_likely_means() {
        let err = validate_credit_code("91350100MO00100Y43").unwrap_err();
        assert!(err.message.zh.contains("第10位") && err.message.zh.contains("数字0"), "{}", err.message.zh);
    }

    proptest! {
        #[test]
        fn never_panics_on_any_input(s in ".*") {
            let _ = validate_credit_code(&normalize(&s));
        }

        #[test]
        fn every_prefix_with_its_check_character_is_valid(p in "[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{9}") {
            let c = check_character(&p).unwrap();
            prop_assert_eq!(validate_credit_code(&format!("{p}{c}")), Ok(()));
        }
    }
}
