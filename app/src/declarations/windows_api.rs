//! `/api/declarations/window*`: reading a year's application window (anyone: schools plan around it) and
//! setting it (the secretariat).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::window::{ApplicationWindow, WindowState};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::window::{validate_window, window_state},
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::db::{now, Pool},
    crate::forms::run_form,
    crate::state::app_state,
    crate::ui::time::{parse_shanghai, shanghai_year},
    crate::validate::FieldError,
};

/// A year's window (if set) and its state now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WindowStatus {
    pub year: i64,
    pub window: Option<ApplicationWindow>,
    pub state: WindowState,
}

#[cfg(feature = "ssr")]
pub async fn find_window(pool: &Pool, year: i64) -> Result<Option<ApplicationWindow>, AppError> {
    let row: Option<(i64, i64)> = sqlx::query_as("SELECT opens_at, closes_at FROM application_windows WHERE year = $1")
        .bind(year)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|(opens_at, closes_at)| ApplicationWindow { year, opens_at, closes_at }))
}

/// This year's window (Asia/Shanghai) and whether it is open.
#[cfg(feature = "ssr")]
pub async fn current_status(pool: &Pool) -> Result<WindowStatus, AppError> {
    let now = now();
    let year = shanghai_year(now);
    let window = find_window(pool, year).await?;
    Ok(WindowStatus { year, state: window_state(window.as_ref(), now), window })
}

#[server(prefix = "/api", endpoint = "declarations/window")]
pub async fn get_window_status() -> Result<WindowStatus, AppError> {
    crate::forms::run(async { current_status(&app_state()?.pool).await }).await
}

/// The secretariat sets (or moves) a year's window; times are typed in Beijing time.
#[server(prefix = "/api", endpoint = "declarations/save-window")]
pub async fn save_window(year: i64, opens_at: String, closes_at: String) -> Result<(), AppError> {
    let typed = vec![("opens_at", opens_at.clone()), ("closes_at", closes_at.clone())];
    run_form(typed, async {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        let bad_time = |field: &'static str| {
            FieldError::new(field, "请填写日期和时间，例如 2026-03-01 09:00。", "Enter a date and time, e.g. 2026-03-01 09:00.")
        };
        let opens = parse_shanghai(&opens_at).ok_or_else(|| bad_time("opens_at"));
        let closes = parse_shanghai(&closes_at).ok_or_else(|| bad_time("closes_at"));
        let (opens_at, closes_at) = match (opens, closes) {
            (Ok(o), Ok(c)) => (o, c),
            (o, c) => return Err(AppError::Validation(o.err().into_iter().chain(c.err()).collect())),
        };
        let window = ApplicationWindow { year, opens_at, closes_at };
        validate_window(&window).map_err(|e| AppError::Validation(vec![e]))?;
        if !(2019..=2100).contains(&year) {
            return Err(AppError::field("year", "年度应为2019年以后的四位年份。", "The year is a four-digit year from 2019."));
        }
        sqlx::query(
            "INSERT INTO application_windows (year, opens_at, closes_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (year) DO UPDATE SET opens_at = excluded.opens_at, closes_at = excluded.closes_at, \
             updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        )
        .bind(year)
        .bind(opens_at)
        .bind(closes_at)
        .bind(caller.id)
        .bind(now())
        .execute(&app_state()?.pool)
        .await?;
        Ok(())
    })
    .await
}
