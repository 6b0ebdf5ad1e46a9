//! `/metrics` in the Prometheus text format: requests and their latency per route and status, the pool's
//! connections in use, the push queue's depth and failures, photo uploads stored and refused.
//!
//! Answered only to this machine (a scraper beside the replica) or to a request bearing
//! `SHENBAO_METRICS_TOKEN`; to anyone else the path does not exist.

use std::net::SocketAddr;
use std::sync::OnceLock;

use app::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

pub const PATH: &str = "/metrics";

const REQUEST_SECONDS: &str = "shenbao_http_request_duration_seconds";
const LATENCY_BUCKETS: [f64; 12] = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the process's recorder once (every router built in this process shares it).
pub fn install() {
    HANDLE.get_or_init(|| {
        let built = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), &LATENCY_BUCKETS)
            .and_then(|builder| builder.install_recorder());
        let handle = built.map_err(|error| tracing::warn!(%error, "metrics are off")).ok()?;
        // Histogram samples are folded into their buckets by the upkeep; without it they would pile up
        // between scrapes. A thread of its own, so it outlives any one runtime (tests start many).
        let upkeep = handle.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(std::time::Duration::from_secs(5));
            upkeep.run_upkeep();
        });
        Some(handle)
    });
}

/// Counts one answered request under its route (ids folded, so the series stay few).
pub fn record_request(method: &str, path: &str, status: u16, seconds: f64) {
    let route = route_of(path, status);
    let labels = [("method", method.to_string()), ("route", route), ("status", status.to_string())];
    metrics::counter!("shenbao_http_requests_total", &labels).increment(1);
    metrics::histogram!(REQUEST_SECONDS, &labels).record(seconds);
}

/// The route a path belongs to: numbers become `:id`, static files one route each kind, and paths that
/// matched nothing one route, so a client cannot grow the series by asking for made-up paths.
pub fn route_of(path: &str, status: u16) -> String {
    if status == 404 {
        return "unmatched".into();
    }
    if path.starts_with("/pkg/") {
        return "/pkg/*".into();
    }
    let folded: Vec<&str> = path
        .split('/')
        .map(|part| if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) { ":id" } else { part })
        .collect();
    folded.join("/")
}

fn allowed(peer: SocketAddr, headers: &HeaderMap) -> bool {
    if peer.ip().is_loopback() {
        return true;
    }
    let Ok(token) = std::env::var("SHENBAO_METRICS_TOKEN") else { return false };
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    !token.is_empty() && given.is_some_and(|given| app::auth::token::same_secret(given, &token))
}

pub async fn render(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let Some(handle) = HANDLE.get().and_then(Option::as_ref) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if !allowed(peer, &headers) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let in_use = state.pool.size().saturating_sub(state.pool.num_idle() as u32);
    metrics::gauge!("shenbao_db_connections_in_use").set(in_use as f64);
    metrics::gauge!("shenbao_db_connections_open").set(state.pool.size() as f64);
    match app::db::read(&state.pool, async |conn| app::notifications::service::queue_depth(conn).await).await {
        Ok((waiting, failing)) => {
            metrics::gauge!("shenbao_push_queue_waiting").set(waiting as f64);
            metrics::gauge!("shenbao_push_queue_failing").set(failing as f64);
        }
        Err(error) => tracing::warn!(error = %error.message().en, "metrics: push queue"),
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render()).into_response()
}

#[cfg(test)]
mod tests {
    use super::{allowed, route_of, HeaderMap};

    #[test]
    fn only_this_machine_reads_the_metrics_without_a_token() {
        let headers = HeaderMap::new();
        assert!(allowed("127.0.0.1:5000".parse().unwrap(), &headers));
        assert!(!allowed("10.1.2.3:5000".parse().unwrap(), &headers));
    }

    #[test]
    fn routes_fold_ids_and_unknown_paths() {
        assert_eq!(route_of("/declarations/42", 200), "/declarations/:id");
        assert_eq!(route_of("/api/declarations/7/photos", 200), "/api/declarations/:id/photos");
        assert_eq!(route_of("/pkg/shenbao.wasm", 200), "/pkg/*");
        assert_eq!(route_of("/no/such/page/x1", 404), "unmatched");
        assert_eq!(route_of("/", 200), "/");
    }
}
