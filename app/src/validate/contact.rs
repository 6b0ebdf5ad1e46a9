//! Email addresses and web addresses (phone numbers: `phone`).

use super::FieldError;

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
            let _ = validate_email("e", &s);
            let _ = validate_url("w", &s);
        }
    }
}
