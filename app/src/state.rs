//! Server state handed to every server function and handler as context (server only).

use std::sync::Arc;

use leptos::config::LeptosOptions;

use crate::auth::rate_limit::RateLimiter;
use crate::db::Pool;
use crate::error::AppError;

#[derive(Clone, axum::extract::FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: Pool,
    pub login_limiter: Arc<RateLimiter>,
    /// Set the `Secure` flag on cookies (when the public URL is https).
    pub secure_cookies: bool,
}

/// The state of the current request; missing only if the router was built wrongly.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}
