//! The HTTP router: server functions, the upload and preference routes, pages and static files.

use app::declarations::export;
use app::evidence::{model as photos, route as photos_route};
use app::import::route as import_route;
use app::results::export as results_export;
use app::state::AppState;
use app::{prefs, shell, App};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::Request;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use tower_http::compression::CompressionLayer;

use crate::middleware;

async fn server_fn_handler(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// The app's routes, listed once per process. Listing renders the app with every resource's loading
/// switched off by a process-wide flag (Leptos' `SuppressResourceLoad`), so a page rendered meanwhile by
/// another server of the same process (tests run many) would wait forever for its data.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build(state: AppState) -> Router {
    let routes = route_list();
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    let https = state.secure_cookies;
    crate::telemetry::install();
    Router::new()
        .route(crate::telemetry::PATH, get(crate::telemetry::render))
        .route(crate::health::HEALTH_PATH, get(crate::health::healthz))
        .route(crate::health::READY_PATH, get(crate::health::readyz))
        .route(
            import_route::PATH,
            post(import_route::handle).layer(DefaultBodyLimit::max(import_route::MAX_BYTES + 64 * 1024)),
        )
        .route(
            import_route::MAJORS_PATH,
            post(import_route::handle_majors).layer(DefaultBodyLimit::max(import_route::MAX_BYTES + 64 * 1024)),
        )
        .route(
            photos_route::UPLOAD_PATH,
            post(photos_route::upload).layer(DefaultBodyLimit::max(photos::MAX_BYTES + 64 * 1024)),
        )
        .route(export::XLSX_PATH, get(export::xlsx))
        .route(export::CSV_PATH, get(export::csv))
        .route(results_export::XLSX_PATH, get(results_export::results_xlsx))
        .route(results_export::CSV_PATH, get(results_export::results_csv))
        .route(results_export::ROSTER_XLSX_PATH, get(results_export::roster_xlsx))
        .route(results_export::ROSTER_CSV_PATH, get(results_export::roster_csv))
        .route(photos_route::PHOTO_PATH, get(photos_route::full))
        .route(photos_route::THUMB_PATH, get(photos_route::thumb))
        .route(prefs::PATH, post(prefs::set_lang))
        .route("/api/{*fn_name}", get(server_fn_handler).post(server_fn_handler))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(middleware::api_error_status))
        .layer(axum::middleware::from_fn(middleware::time_limit))
        .layer(middleware::catch_panics())
        .layer(axum::middleware::from_fn(middleware::request_span))
        .layer(axum::middleware::from_fn_with_state(state.clone(), app::forms::attach_flash))
        // Pages and JSON are compressed at a cheap level, so compressing never dominates a request; the
        // build's files come precompressed at the highest (.ci/build-site) and pass through untouched.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(4)))
        .layer(axum::middleware::from_fn(move |request: Request<Body>, next: axum::middleware::Next| {
            crate::headers::security_headers(https, request, next)
        }))
        .with_state(state)
}
