//! Exam fees and the cost cap (考核成本上限) they must not exceed. Money is kept in fen (1/100 yuan).

use crate::validate::FieldError;

/// "¥290" or "¥290.50".
pub fn format_yuan(fen: i64) -> String {
    if fen % 100 == 0 {
        format!("¥{}", fen / 100)
    } else {
        format!("¥{}.{:02}", fen / 100, fen % 100)
    }
}

/// Parses a yuan amount typed by a person ("290", "290.5", "¥290.50") into fen.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let t = text.trim().trim_start_matches(['¥', '￥']).trim();
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || whole.len() > 7 {
        return None;
    }
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let frac_fen = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse::<i64>().ok()?,
    };
    Some(whole.parse::<i64>().ok()? * 100 + frac_fen)
}

/// The exam fee per person must be set and stay within the cap the secretariat set (when it set one).
pub fn check_fee(fee_fen: Option<i64>, cap_fen: Option<i64>) -> Result<(), FieldError> {
    let Some(fee) = fee_fen else {
        return Err(FieldError::new(
            "fee",
            "请填写每人考核费用（元），例如 290。",
            "Enter the exam fee per person in yuan, e.g. 290.",
        ));
    };
    match cap_fen {
        Some(cap) if fee > cap => Err(FieldError::new(
            "fee",
            &format!("考核费用{}超过考核成本上限{}，请调整后再保存。", format_yuan(fee), format_yuan(cap)),
            &format!("The fee {} is above the cost cap {}; lower it to save.", format_yuan(fee), format_yuan(cap)),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn yuan_amounts_parse_into_fen() {
        assert_eq!(parse_yuan("290"), Some(29_000));
        assert_eq!(parse_yuan("¥290.5"), Some(29_050));
        assert_eq!(parse_yuan("￥ 0.05"), Some(5));
        for bad in ["", "-1", "29o", "1.234", "12345678", "."] {
            assert_eq!(parse_yuan(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_fee_at_the_cap_is_accepted_and_one_fen_above_is_refused() {
        assert!(check_fee(Some(29_000), Some(29_000)).is_ok());
        let err = check_fee(Some(29_001), Some(29_000)).unwrap_err();
        assert!(err.message.zh.contains("¥290.01") && err.message.zh.contains("¥290"), "{}", err.message.zh);
        assert!(check_fee(Some(50_000), None).is_ok());
        assert_eq!(check_fee(None, Some(1)).unwrap_err().field, "fee");
    }

    proptest! {
        #[test]
        fn formatting_then_parsing_gives_the_amount_back(fen in 0i64..1_000_000_000) {
            prop_assert_eq!(parse_yuan(&format_yuan(fen)), Some(fen));
        }

        #[test]
        fn parsing_never_panics(s in ".*") {
            let _ = parse_yuan(&s);
        }
    }
}
