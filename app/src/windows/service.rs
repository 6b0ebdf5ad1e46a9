//! The window's rules on the server: this year's window and its state, and setting one.

use super::model::{validate_window, window_state, ApplicationWindow, WindowStatus};
use super::repo;
use crate::auth::caller::Caller;
use crate::db::{now, Conn};
use crate::error::AppError;
use crate::ui::time::{parse_shanghai, shanghai_year};
use crate::validate::FieldError;

/// This year's window (Asia/Shanghai) and whether it is open.
pub async fn current_status(conn: &mut Conn) -> Result<WindowStatus, AppError> {
    let now = now();
    let year = shanghai_year(now);
    let window = repo::find_window(conn, year).await?;
    Ok(WindowStatus { year, state: window_state(window.as_ref(), now), window })
}

/// The year declarations are made for now: the current year in Asia/Shanghai.
pub fn current_year() -> i64 {
    shanghai_year(now())
}

/// The secretariat sets (or moves) a year's window; times are typed in Beijing time.
pub async fn save(
    conn: &mut Conn,
    caller: &Caller,
    year: i64,
    opens_at: &str,
    closes_at: &str,
) -> Result<(), AppError> {
    let bad_time = |field: &'static str| {
        FieldError::new(
            field,
            "请填写日期和时间，例如 2026-03-01 09:00。",
            "Enter a date and time, e.g. 2026-03-01 09:00.",
        )
    };
    let opens = parse_shanghai(opens_at).ok_or_else(|| bad_time("opens_at"));
    let closes = parse_shanghai(closes_at).ok_or_else(|| bad_time("closes_at"));
    let (opens_at, closes_at) = match (opens, closes) {
        (Ok(o), Ok(c)) => (o, c),
        (o, c) => return Err(AppError::Validation(o.err().into_iter().chain(c.err()).collect())),
    };
    let window = ApplicationWindow { year, opens_at, closes_at };
    validate_window(&window).map_err(|e| AppError::Validation(vec![e]))?;
    if !(2019..=2100).contains(&year) {
        return Err(AppError::field(
            "year",
            "年度应为2019年以后的四位年份。",
            "The year is a four-digit year from 2019.",
        ));
    }
    repo::upsert_window(conn, &window, caller.id, now()).await
}

/// The window of `year`, if the secretariat set one.
pub async fn window_of(conn: &mut Conn, year: i64) -> Result<Option<ApplicationWindow>, AppError> {
    repo::find_window(conn, year).await
}
