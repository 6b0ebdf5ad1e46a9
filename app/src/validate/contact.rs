//! Mobile numbers, email addresses and web addresses.

use super::FieldError;

/// A phone a person can be called on: a mobile or a landline with its area code, 7 to 20 digits, written
/// with spaces, hyphens, a leading + or parentheses (full-width too, as Chinese keyboards type them).
pub fn validate_phone(field: &'static str, phone: &str) -> Result<(), FieldError> {
    let p = phone.trim();
    let digits = p.chars().filter(char::is_ascii_digit).count();
    let well_written = p.chars().all(|c| c.is_ascii_digit() || " -+()（）".contains(c)) && !p.starts_with('-');
    if (7..=20).contains(&digits) && well_written {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            "电话应为手机号或座机号，例如 13800000000 或 0771-1234567。",
            "A phone is a mobile or landline number, e.g. 13800000000 or 0771-1234567.",
        ))
    }
}

/// Mainland mobile: 11 digits starting 1[3-9].
pub fn validate_mobile(field: &'static str, mobile: &str) -> Result<(), FieldError> {
    let digits: Vec<char> = mobile.chars().collect();
    let ok = digits.len() == 11
        && digits.iter().all(|c| c.is_ascii_digit())
        && digits[0] == '1'
        && ('3'..='9').contains(&digits[1]);
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            "手机号应为11位数字，以13–19开头，例如 13800000000。",
            "A mobile number has 11 digits starting 13–19, e.g. 13800000000.",
        ))
    }
}

/// A plausible email: one @, a non-empty local part, a domain with a dot, no spaces.
pub fn validate_email(field: &'static str, email: &str) -> Result<(), FieldError> {
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(|c| c.is_whitespace())
                && email.len() <= 254
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            "邮箱格式不正确，例如 name@qq.com。",
            "The email address is not valid, e.g. name@qq.com.",
        ))
    }
}

/// A web address beginning with http:// or https:// and naming a host.
pub fn validate_url(field: &'static str, url: &str) -> Result<(), FieldError> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let ok = match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            host.contains('.') && !host.starts_with('.') && !url.chars().any(|c| c.is_whitespace()) && url.len() <= 500
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            "网址应以 http:// 或 https:// 开头，例如 https://www.gxgsxy.com。",
            "A web address starts with http:// or https://, e.g. https://www.gxgsxy.com.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn mobile_accepts_valid_and_refuses_invalid_numbers() {
        assert!(validate_mobile("m", "13800000000").is_ok());
        assert!(validate_mobile("m", "19912345678").is_ok());
        for bad in ["12800000000", "1380000000", "138000000001", "1380000000a", "", "０３８００００００００"]
        {
            assert!(validate_mobile("m", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn email_accepts_valid_and_refuses_invalid_addresses() {
        assert!(validate_email("e", "gxyjxmsc@gxgsxy.com").is_ok());
        assert!(validate_email("e", "12345@qq.com").is_ok());
        for bad in ["", "a@b", "@qq.com", "a@@qq.com", "a b@qq.com", "a@.com", "a@qq."] {
            assert!(validate_email("e", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn url_accepts_http_and_https_only() {
        assert!(validate_url("w", "http://www.gxgsxy.com/public/gx1x/").is_ok());
        assert!(validate_url("w", "https://vslc.ncb.edu.cn").is_ok());
        for bad in ["www.gxgsxy.com", "ftp://x.cn", "https://", "https://nodot", "https://a b.cn"] {
            assert!(validate_url("w", bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn no_contact_validator_panics(s in ".*") {
            let _ = validate_mobile("m", &s);
            let _ = validate_email("e", &s);
            let _ = validate_url("w", &s);
        }
    }
}

#[cfg(test)]
mod phone_tests {
    use super::validate_phone;

    #[test]
    fn phones_may_be_mobile_or_landline() {
        for ok in ["13800000000", "0771-1234567", "0771-12345", "+86 10 12345678", "(010)12345678", "（0771）1234567"]
        {
            assert!(validate_phone("p", ok).is_ok(), "{ok}");
        }
        for bad in ["", "123", "电话", "0771-12a4567", "-0771-1234567"] {
            assert!(validate_phone("p", bad).is_err(), "{bad}");
        }
    }
}
