//! Window reminders: "申报已开始" to every lead and coordinator just after the year's window opens, and
//! "3 天后截止" / "1 天后截止" to those who still have something to submit (leads with drafts or returned
//! declarations, coordinators with declarations awaiting their final submission). Each goes to a person
//! once per stage (table `reminders_sent`), through the inbox and Web Push like every other notification.

use crate::db::Conn;
use crate::error::AppError;
use crate::i18n::Text;
use crate::notifications::model::{Audience, Kind};
use crate::notifications::repo::push;
use crate::notifications::service::notify;
use crate::ui::time::{format_shanghai, shanghai_year};
use crate::windows::model::ApplicationWindow;
use crate::windows::service::window_of;

const DAY: i64 = 24 * 3600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Opened,
    ClosesIn3Days,
    ClosesIn1Day,
}

impl Stage {
    fn code(self) -> &'static str {
        match self {
            Stage::Opened => "opened",
            Stage::ClosesIn3Days => "closes_3d",
            Stage::ClosesIn1Day => "closes_1d",
        }
    }
}

/// The reminder due at `now`, if any. "Opened" is news only in the first two days; of the closing
/// reminders only the most urgent one is due (a window set to close tomorrow sends "1 day", not both).
pub fn due_stage(w: &ApplicationWindow, now: i64) -> Option<Stage> {
    if now < w.opens_at || now >= w.closes_at {
        return None;
    }
    let left = w.closes_at - now;
    if left <= DAY {
        Some(Stage::ClosesIn1Day)
    } else if left <= 3 * DAY {
        Some(Stage::ClosesIn3Days)
    } else if now - w.opens_at < 2 * DAY {
        Some(Stage::Opened)
    } else {
        None
    }
}

fn message(stage: Stage, w: &ApplicationWindow) -> (Text, Text) {
    let closes = format_shanghai(w.closes_at);
    match stage {
        Stage::Opened => (
            Text::new(
                &format!("{}年度1+X证书试点申报已开始", w.year),
                &format!("The {} application window is open", w.year),
            ),
            Text::new(&format!("{closes} 截止。"), &format!("It closes on {closes} (Beijing time).")),
        ),
        Stage::ClosesIn3Days | Stage::ClosesIn1Day => {
            let (zh, en) = if stage == Stage::ClosesIn1Day { ("1 天", "1 day") } else { ("3 天", "3 days") };
            (
                Text::new(&format!("申报将于{zh}后截止"), &format!("Applications close in {en}")),
                Text::new(
                    &format!("{closes} 截止，您还有未提交的申报书。"),
                    &format!(
                        "The window closes on {closes} (Beijing time) and you have declarations not yet submitted."
                    ),
                ),
            )
        }
    }
}

/// Who should hear this stage: everyone who declares when it opens; near the end only those with
/// something still to submit.
async fn recipients(conn: &mut Conn, stage: Stage, year: i64) -> Result<Vec<i64>, AppError> {
    match stage {
        Stage::Opened => push::everyone_who_declares(conn).await,
        _ => push::with_something_to_submit(conn, year).await,
    }
}

/// The worker's entry point: the reminders due at `now`, in one transaction.
pub async fn run_due(pool: &crate::db::Pool, now: i64) -> Result<usize, AppError> {
    crate::db::transaction(pool, async |tx| run_once(tx, now).await).await
}

/// Sends the reminders due at `now` to whoever has not had them; returns how many people were reminded.
pub async fn run_once(conn: &mut Conn, now: i64) -> Result<usize, AppError> {
    let year = shanghai_year(now);
    let Some(window) = window_of(conn, year).await? else { return Ok(0) };
    let Some(stage) = due_stage(&window, now) else { return Ok(0) };
    let (title, body) = message(stage, &window);
    let mut reminded = 0;
    for account in recipients(conn, stage, year).await? {
        if push::mark_reminded(conn, year, stage.code(), account, now).await? {
            let audience = Audience::Accounts(&[account]);
            notify(conn, audience, Kind::WindowReminders, &title, &body, "/declarations").await?;
            reminded += 1;
        }
    }
    Ok(reminded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_reminder_is_due_at_a_time() {
        let w = ApplicationWindow { year: 2026, opens_at: 10 * DAY, closes_at: 30 * DAY };
        assert_eq!(due_stage(&w, 10 * DAY - 1), None, "not open yet");
        assert_eq!(due_stage(&w, 10 * DAY), Some(Stage::Opened));
        assert_eq!(due_stage(&w, 12 * DAY), None, "old news, not yet near the end");
        assert_eq!(due_stage(&w, 27 * DAY), Some(Stage::ClosesIn3Days));
        assert_eq!(due_stage(&w, 29 * DAY - 1), Some(Stage::ClosesIn3Days));
        assert_eq!(due_stage(&w, 29 * DAY), Some(Stage::ClosesIn1Day));
        assert_eq!(due_stage(&w, 30 * DAY), None, "closed");
        let short = ApplicationWindow { year: 2026, opens_at: 0, closes_at: DAY / 2 };
        assert_eq!(due_stage(&short, 0), Some(Stage::ClosesIn1Day), "the most urgent wins");
    }
}
