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
    /// Where evidence photos are kept: a local directory by default, an S3-compatible bucket by configuration.
    pub photos: Arc<dyn object_store::ObjectStore>,
    /// Bounds how many photos are decoded at once (memory on a small server).
    pub photo_permits: Arc<tokio::sync::Semaphore>,
    /// Where uploads are spooled while they arrive (`$SHENBAO_DATA_DIR/upload-spool`, one server per data
    /// directory; emptied when the server starts, so a killed upload leaves nothing behind).
    pub upload_dir: std::path::PathBuf,
    /// The server's VAPID key pair for Web Push.
    pub vapid: crate::notifications::push::vapid::Vapid,
    /// The `sub` of VAPID tokens: how a push service can reach whoever runs this server.
    pub push_contact: String,
    /// Outgoing HTTP (push services).
    pub http: reqwest::Client,
}

/// The state of the current request; missing only if the router was built wrongly.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}
