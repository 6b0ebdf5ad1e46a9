//! Application windows (申报计划): one per year, opening and closing at set times in Asia/Shanghai.
//! Declarations are created and submitted only while the window is open; outside it the page says when
//! the next one opens or that it has closed.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::ui::time::format_shanghai;
use crate::validate::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationWindow {
    pub year: i64,
    /// Unix seconds.
    pub opens_at: i64,
    pub closes_at: i64,
}

/// A year's window (if set) and its state now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowStatus {
    pub year: i64,
    pub window: Option<ApplicationWindow>,
    pub state: WindowState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowState {
    /// No window has been set for the year.
    NotScheduled,
    NotYetOpen {
        opens_at: i64,
    },
    Open {
        closes_at: i64,
    },
    Closed {
        closed_at: i64,
    },
}

impl WindowState {
    pub fn is_open(self) -> bool {
        matches!(self, WindowState::Open { .. })
    }

    /// What a school reads at the top of its declarations.
    pub fn message(self) -> Text {
        match self {
            WindowState::NotScheduled => Text::new(
                "本年度申报尚未开始，请留意秘书处通知。",
                "This year's application window is not scheduled yet.",
            ),
            WindowState::NotYetOpen { opens_at } => Text::new(
                &format!("申报将于 {} 开始。", format_shanghai(opens_at)),
                &format!("Applications open on {} (Beijing time).", format_shanghai(opens_at)),
            ),
            WindowState::Open { closes_at } => Text::new(
                &format!("申报进行中，{} 截止。", format_shanghai(closes_at)),
                &format!("Applications are open until {} (Beijing time).", format_shanghai(closes_at)),
            ),
            WindowState::Closed { closed_at } => Text::new(
                &format!("本年度申报已于 {} 截止。", format_shanghai(closed_at)),
                &format!("This year's applications closed on {} (Beijing time).", format_shanghai(closed_at)),
            ),
        }
    }
}

/// The state of a year's window at `now`; the window is open from `opens_at` up to (not including)
/// `closes_at`.
pub fn window_state(window: Option<&ApplicationWindow>, now: i64) -> WindowState {
    match window {
        None => WindowState::NotScheduled,
        Some(w) if now < w.opens_at => WindowState::NotYetOpen { opens_at: w.opens_at },
        Some(w) if now < w.closes_at => WindowState::Open { closes_at: w.closes_at },
        Some(w) => WindowState::Closed { closed_at: w.closes_at },
    }
}

/// A window closes after it opens, within its own year or early the next.
pub fn validate_window(w: &ApplicationWindow) -> Result<(), FieldError> {
    if w.closes_at <= w.opens_at {
        return Err(FieldError::new(
            "closes_at",
            "截止时间应晚于开始时间。",
            "The closing time must be after the opening time.",
        ));
    }
    if w.closes_at - w.opens_at > 366 * 86_400 {
        return Err(FieldError::new("closes_at", "申报时间不能超过一年。", "A window cannot last more than a year."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-26 00:00 in Nanning is 2026-11-25 16:00 UTC.
    const OPENS: i64 = 1_795_622_400;
    const CLOSES: i64 = OPENS + 14 * 86_400;

    #[test]
    fn a_window_is_open_from_its_opening_until_its_closing_moment() {
        let w = ApplicationWindow { year: 2026, opens_at: OPENS, closes_at: CLOSES };
        assert_eq!(window_state(None, OPENS), WindowState::NotScheduled);
        assert_eq!(window_state(Some(&w), OPENS - 1), WindowState::NotYetOpen { opens_at: OPENS });
        assert!(window_state(Some(&w), OPENS).is_open());
        assert!(window_state(Some(&w), CLOSES - 1).is_open());
        assert_eq!(window_state(Some(&w), CLOSES), WindowState::Closed { closed_at: CLOSES });
    }

    #[test]
    fn messages_give_beijing_times() {
        let w = ApplicationWindow { year: 2026, opens_at: OPENS, closes_at: CLOSES };
        assert_eq!(window_state(Some(&w), OPENS - 1).message().zh, "申报将于 2026-11-26 00:00 开始。");
        assert_eq!(window_state(Some(&w), CLOSES).message().zh, "本年度申报已于 2026-12-10 00:00 截止。");
    }

    #[test]
    fn a_window_must_close_after_it_opens() {
        assert!(validate_window(&ApplicationWindow { year: 2026, opens_at: OPENS, closes_at: OPENS }).is_err());
        assert!(validate_window(&ApplicationWindow { year: 2026, opens_at: OPENS, closes_at: OPENS + 400 * 86_400 })
            .is_err());
        assert!(validate_window(&ApplicationWindow { year: 2026, opens_at: OPENS, closes_at: CLOSES }).is_ok());
    }
}
