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
    /// The public URL's origin (`https://shenbao.gxedu.cn`): state-changing requests must come from it (or
    /// from the host they were sent to).
    pub public_origin: String,
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
    /// Who push services may contact, and which endpoints the server posts to.
    pub push: PushSettings,
    /// The header a trusted reverse proxy puts the client's address in (`SHENBAO_CLIENT_IP_HEADER`); None:
    /// the socket peer is the client.
    pub client_ip_header: Option<axum::http::HeaderName>,
    /// Outgoing HTTP (push services).
    pub http: reqwest::Client,
}

/// Web Push settings.
#[derive(Debug, Clone)]
pub struct PushSettings {
    /// The `sub` of VAPID tokens (a `mailto:` or `https:` address of whoever runs this server, RFC 8292);
    /// None: push is off, and notifications reach only the inbox.
    pub contact: Option<String>,
    pub rule: crate::notifications::push::endpoint::EndpointRule,
}

/// The state of the current request; missing only if the router was built wrongly.
pub fn app_state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}
