//! Probes for a load balancer or an orchestrator: `/healthz` says the process answers; `/readyz` says this
//! replica can serve: the database answers with every migration applied, and the photo store takes writes.

use app::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use object_store::path::Path;
use object_store::{ObjectStore, PutPayload};

pub const HEALTH_PATH: &str = "/healthz";
pub const READY_PATH: &str = "/readyz";

/// Where the readiness probe writes (and removes) its marker in the photo store.
const MARKER: &str = "readiness/probe";

pub async fn healthz() -> impl IntoResponse {
    (StatusCode::OK, "ok")
}

/// 200 with each check's answer, or 503 naming the checks that failed (never their errors' details: the
/// probe is public; the log has them).
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    let database = match crate::db::ready(&state.pool).await {
        Ok(true) => Ok(()),
        Ok(false) => Err("migrations pending"),
        Err(error) => {
            tracing::warn!(%error, "readiness: database");
            Err("database unreachable")
        }
    };
    let photos = photo_store_writable(state.photos.as_ref()).await;
    let line = |name: &str, check: &Result<(), &str>| match check {
        Ok(()) => format!("{name}: ok\n"),
        Err(why) => format!("{name}: {why}\n"),
    };
    let body = line("database", &database) + &line("photos", &photos);
    let status = if database.is_ok() && photos.is_ok() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, body)
}

async fn photo_store_writable(store: &dyn ObjectStore) -> Result<(), &'static str> {
    let marker = Path::from(MARKER);
    let written = store.put(&marker, PutPayload::from_static(b"ok")).await;
    if let Err(error) = written {
        tracing::warn!(%error, "readiness: photo store");
        return Err("not writable");
    }
    // A marker left behind by a failed delete is harmless: the next probe overwrites it.
    let _ = store.delete(&marker).await;
    Ok(())
}
