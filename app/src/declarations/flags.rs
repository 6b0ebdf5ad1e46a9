//! The planned-number flag: a declaration planning unusually many (hundreds or thousands) or few (single
//! digits) trainees is flagged; it needs the lead's confirmation and the school leader's recorded approval
//! before final submission. The thresholds are set by the secretariat (default ≥ 300 and ≤ 9).

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::validate::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Flag at or above this many.
    pub high: i64,
    /// Flag at or below this many.
    pub low: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { high: 300, low: 9 }
    }
}

impl Thresholds {
    /// The thresholds as typed: whole numbers from 0 to 100000, the high one above the low one.
    pub fn parse(high: &str, low: &str) -> Result<Thresholds, Vec<FieldError>> {
        let number = |field: &'static str, v: &str| {
            v.trim().parse::<i64>().ok().filter(|n| (0..=100_000).contains(n)).ok_or_else(|| {
                FieldError::new(field, "请填写0到100000之间的整数。", "Enter a whole number from 0 to 100000.")
            })
        };
        match (number("high", high), number("low", low)) {
            (Ok(high), Ok(low)) if high > low => Ok(Thresholds { high, low }),
            (Ok(_), Ok(_)) => Err(vec![FieldError::new(
                "high",
                "上限阈值应大于下限阈值。",
                "The high threshold must exceed the low one.",
            )]),
            (h, l) => Err(h.err().into_iter().chain(l.err()).collect()),
        }
    }
}

/// Why a planned number is flagged, if it is.
pub fn flag(planned: i64, t: Thresholds) -> Option<Text> {
    if planned >= t.high {
        Some(Text::new(
            &format!("计划培训{planned}人，不少于{}人，数量较大：请负责人确认，并记录校领导审批意见。", t.high),
            &format!(
                "{planned} planned is at least {}: the lead must confirm and the school leader's approval be recorded.",
                t.high
            ),
        ))
    } else if planned <= t.low {
        Some(Text::new(
            &format!("计划培训{planned}人，不超过{}人，数量较少：请负责人确认，并记录校领导审批意见。", t.low),
            &format!(
                "{planned} planned is at most {}: the lead must confirm and the school leader's approval be recorded.",
                t.low
            ),
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_at_the_thresholds_are_flagged_and_those_between_are_not() {
        let t = Thresholds::default();
        assert!(flag(300, t).is_some());
        assert!(flag(2_000, t).is_some());
        assert!(flag(9, t).is_some());
        assert!(flag(0, t).is_some());
        assert!(flag(10, t).is_none());
        assert!(flag(299, t).is_none());
        let strict = Thresholds { high: 100, low: 20 };
        assert!(flag(150, strict).unwrap().zh.contains("不少于100人"));
        assert!(flag(15, strict).unwrap().zh.contains("不超过20人"));
    }
}
