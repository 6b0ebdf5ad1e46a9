//! Phone numbers as Chinese offices write them: a mobile (`138 0000 0000`, `+86 13800000000`), a landline
//! with its area code (`0771-1234567`, `(0771)1234567`, `+86-771-1234567`), a 400/800 service number, and
//! an extension (`转8001`, `ext. 8001`). One parser checks them all and gives the normal form that is stored:
//! `13800000000`, `0771-1234567`, `0771-1234567转8001`, `400-123-4567`.

use super::ime::fold_width;
use super::FieldError;

/// A phone number in its normal form, and whether it is a mobile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    pub normal: String,
    pub mobile: bool,
}

/// Why a text is not a phone number (each has its own message).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flaw {
    Characters,
    MobileLength(usize),
    NoAreaCode,
    Length,
    Extension,
}

/// Parses `text` (full-width forms allowed) into a [`Phone`].
fn parse(text: &str) -> Result<Phone, Flaw> {
    let text = fold_width(text).trim().to_ascii_lowercase();
    let (body, extension) = split_extension(&text)?;
    let allowed = |c: char| c.is_ascii_digit() || " -()".contains(c);
    let (plus, rest) = match body.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    if rest.is_empty() || !rest.chars().all(allowed) || rest.starts_with('-') {
        return Err(Flaw::Characters);
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let national = if plus { digits.strip_prefix("86") } else { digits.strip_prefix("0086") };
    match (plus, national) {
        (_, Some(national)) => national_phone(national, extension, true),
        // Another country: kept as written, digits only.
        (true, None) if (7..=15).contains(&digits.len()) => {
            Ok(Phone { normal: format!("+{digits}{}", extension_suffix(extension)), mobile: false })
        }
        (true, None) => Err(Flaw::Length),
        (false, None) => national_phone(&digits, extension, false),
    }
}

/// A number inside China: `digits` without the country code (after +86 the area code's 0 is left out).
fn national_phone(digits: &str, extension: Option<&str>, had_country: bool) -> Result<Phone, Flaw> {
    let looks_mobile = digits.starts_with('1') && !digits.starts_with("10");
    if looks_mobile {
        let mobile_prefix = digits.chars().nth(1).is_some_and(|c| ('3'..='9').contains(&c));
        return if digits.len() == 11 && mobile_prefix && extension.is_none() {
            Ok(Phone { normal: digits.to_string(), mobile: true })
        } else {
            Err(Flaw::MobileLength(digits.len()))
        };
    }
    if (digits.starts_with("400") || digits.starts_with("800")) && digits.len() == 10 {
        let normal = format!("{}-{}-{}{}", &digits[..3], &digits[3..6], &digits[6..], extension_suffix(extension));
        return Ok(Phone { normal, mobile: false });
    }
    let with_trunk = if had_country && !digits.starts_with('0') { format!("0{digits}") } else { digits.to_string() };
    if !with_trunk.starts_with('0') {
        return Err(if (7..=8).contains(&with_trunk.len()) { Flaw::NoAreaCode } else { Flaw::Length });
    }
    // Beijing (010) and the 02x cities have 3-digit area codes; every other area code has 4.
    let area_len = if matches!(with_trunk.as_bytes().get(1), Some(b'1' | b'2')) { 3 } else { 4 };
    let local = with_trunk.get(area_len..).unwrap_or_default();
    if !(7..=8).contains(&local.len()) {
        return Err(Flaw::Length);
    }
    Ok(Phone { normal: format!("{}-{local}{}", &with_trunk[..area_len], extension_suffix(extension)), mobile: false })
}

/// The number and its extension (`转8001`, `ext 8001`, `x8001`, `#8001`), if any.
fn split_extension(text: &str) -> Result<(&str, Option<&str>), Flaw> {
    let Some((at, marker)) = ["转", "ext.", "ext", "x", "#"].iter().find_map(|m| text.find(m).map(|at| (at, *m)))
    else {
        return Ok((text.trim(), None));
    };
    let extension = text[at + marker.len()..].trim();
    if extension.is_empty() || extension.len() > 6 || !extension.chars().all(|c| c.is_ascii_digit()) {
        return Err(Flaw::Extension);
    }
    Ok((text[..at].trim().trim_end_matches('-').trim(), Some(extension)))
}

fn extension_suffix(extension: Option<&str>) -> String {
    extension.map(|e| format!("转{e}")).unwrap_or_default()
}

fn message(field: &'static str, flaw: Flaw) -> FieldError {
    match flaw {
        Flaw::Characters => FieldError::new(
            field,
            "电话号码只能包含数字、空格、连字符、括号和开头的 +，例如 13800000000 或 0771-1234567。",
            "A phone number holds digits, spaces, hyphens, brackets and a leading +, e.g. 13800000000 or 0771-1234567.",
        ),
        Flaw::MobileLength(n) => FieldError::new(
            field,
            &format!("手机号应为11位，以13–19开头，您输入了{n}位。"),
            &format!("A mobile number has 11 digits starting 13–19; you entered {n}."),
        ),
        Flaw::NoAreaCode => FieldError::new(
            field,
            "座机号请加上区号，例如 0771-1234567。",
            "Add the area code to a landline number, e.g. 0771-1234567.",
        ),
        Flaw::Length => FieldError::new(
            field,
            "座机号应为区号加7–8位号码，例如 0771-1234567。",
            "A landline number is an area code and 7–8 digits, e.g. 0771-1234567.",
        ),
        Flaw::Extension => FieldError::new(
            field,
            "分机号应为1–6位数字，例如 0771-1234567转8001。",
            "An extension is 1–6 digits, e.g. 0771-1234567 ext 8001.",
        ),
    }
}

/// What to store for a typed phone number: its normal form, or (when it is no number, and the check will
/// say so) the text as typed, trimmed.
pub fn tidy_phone(text: &str) -> String {
    parse(text).map(|p| p.normal).unwrap_or_else(|_| text.trim().to_string())
}

/// The normal form of a phone number (mobile or landline), or the field error that says what is wrong.
pub fn normal_phone(field: &'static str, text: &str) -> Result<String, FieldError> {
    parse(text).map(|p| p.normal).map_err(|flaw| message(field, flaw))
}

/// A phone a person can be called on: a mobile or a landline with its area code.
pub fn validate_phone(field: &'static str, text: &str) -> Result<(), FieldError> {
    normal_phone(field, text).map(|_| ())
}

/// The normal form of a mainland mobile number (11 digits starting 13–19), or the field error.
pub fn normal_mobile(field: &'static str, text: &str) -> Result<String, FieldError> {
    match parse(text) {
        Ok(Phone { normal, mobile: true }) => Ok(normal),
        Ok(_) => Err(FieldError::new(
            field,
            "此处需填写手机号（11位，以13–19开头），例如 13800000000。",
            "A mobile number is needed here (11 digits starting 13–19), e.g. 13800000000.",
        )),
        Err(flaw) => Err(message(field, flaw)),
    }
}

/// A mainland mobile number.
pub fn validate_mobile(field: &'static str, text: &str) -> Result<(), FieldError> {
    normal_mobile(field, text).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_ways_offices_write_a_number_give_one_normal_form() {
        for (written, normal) in [
            ("13800000000", "13800000000"),
            ("138 0000 0000", "13800000000"),
            ("138-0000-0000", "13800000000"),
            ("+86 138 0000 0000", "13800000000"),
            ("+8613800000000", "13800000000"),
            ("１３８００００００００", "13800000000"),
            ("0771-1234567", "0771-1234567"),
            ("0771 1234567", "0771-1234567"),
            ("(0771)1234567", "0771-1234567"),
            ("（0771）1234567", "0771-1234567"),
            ("+86-771-1234567", "0771-1234567"),
            ("0086 771 12345678", "0771-12345678"),
            ("010-12345678", "010-12345678"),
            ("+86 10 12345678", "010-12345678"),
            ("0771-1234567转8001", "0771-1234567转8001"),
            ("0771-1234567 ext. 8001", "0771-1234567转8001"),
            ("0771-1234567-转8001", "0771-1234567转8001"),
            ("400-123-4567", "400-123-4567"),
            ("+852 2123 4567", "+85221234567"),
        ] {
            assert_eq!(normal_phone("p", written).as_deref(), Ok(normal), "{written}");
        }
    }

    #[test]
    fn each_refusal_says_what_applies() {
        let says = |text: &str, words: &str| {
            let e = normal_phone("p", text).expect_err(text);
            assert!(e.message.zh.contains(words), "{text}: {}", e.message.zh);
        };
        says("", "只能包含");
        says("电话", "只能包含");
        says("0771-12a4567", "只能包含");
        says("-0771-1234567", "只能包含");
        says("1380000000", "您输入了10位");
        says("2345678", "区号");
        says("0771-12345", "7–8位");
        says("345", "7–8位");
        says("0771-1234567转", "分机号");
    }

    #[test]
    fn a_mobile_field_takes_mobiles_only() {
        assert_eq!(normal_mobile("m", "+86 199 1234 5678").as_deref(), Ok("19912345678"));
        for bad in ["12800000000", "1380000000", "138000000001", "1380000000a", "", "0771-1234567"] {
            assert!(validate_mobile("m", bad).is_err(), "{bad}");
        }
        assert!(normal_mobile("m", "0771-1234567").unwrap_err().message.zh.contains("此处需填写手机号"));
    }

    proptest! {
        #[test]
        fn never_panics_and_a_normal_form_reads_back_as_itself(s in ".*") {
            if let Ok(normal) = normal_phone("p", &s) {
                prop_assert_eq!(normal_phone("p", &normal), Ok(normal.clone()));
            }
            let _ = validate_mobile("m", &s);
        }
    }
}
