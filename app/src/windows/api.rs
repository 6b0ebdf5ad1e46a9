//! `/api/declarations/window*` (their first URLs, kept for phones with an older cached client): reading a
//! year's application window (anyone: schools plan around it) and setting it (the secretariat).

use leptos::prelude::*;

pub use super::model::WindowStatus;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::forms::{run_form, run_read},
};

#[server(prefix = "/api", endpoint = "declarations/window")]
pub async fn get_window_status() -> Result<WindowStatus, AppError> {
    run_read(async |conn| service::current_status(conn).await).await
}

/// The secretariat sets (or moves) a year's window; times are typed in Beijing time.
#[server(prefix = "/api", endpoint = "declarations/save-window")]
pub async fn save_window(year: i64, opens_at: String, closes_at: String) -> Result<(), AppError> {
    let typed = vec![("opens_at", opens_at.clone()), ("closes_at", closes_at.clone())];
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        service::save(tx, &caller, year, &opens_at, &closes_at).await
    })
    .await
}
