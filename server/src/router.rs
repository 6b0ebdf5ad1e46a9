//! The HTTP router: server functions, the upload and preference routes, pages and static files.

use app::declarations::export;
use app::evidence::{model as photos, route as photos_route};
use app::import::route as import_route;
use app::results::export as results_export;
use app::state::AppState;
use app::{prefs, shell, App};
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::handler::Handler;
use axum::http::Request;
use axum::response::IntoResponse;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;

use crate::middleware;

/// The largest body a server function takes: forms and sync batches are far smaller (photos and spreadsheets
/// have routes and limits of their own).
pub const SERVER_FN_MAX_BYTES: usize = 2 * 1024 * 1024;

/// `/api/…` paths that name no server function (the registered ones have routes of their own, which
/// `leptos_routes_with_context` adds): the app's own 404, where the framework would answer with a page of
/// setup hints for developers.
async fn unknown_server_fn() -> axum::response::Response {
    (axum::http::StatusCode::NOT_FOUND, axum::Json(app::error::AppError::NotFound)).into_response()
}

/// A server function's body, read here under [`SERVER_FN_MAX_BYTES`] before the framework sees it: larger is
/// refused with 413 and the app's error (the framework would fail it as a transport error).
async fn bounded_server_fn_body(request: Request<Body>, next: axum::middleware::Next) -> axum::response::Response {
    if !server_fn_paths().contains(request.uri().path()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, SERVER_FN_MAX_BYTES).await {
        Ok(bytes) if middleware::carries_nul(&bytes) => middleware::nul_refused(),
        Ok(bytes) => next.run(Request::from_parts(parts, Body::from(bytes))).await,
        Err(e) => middleware::unread_body(e, SERVER_FN_MAX_BYTES),
    }
}

/// Every server function's path (`/api/…`), listed once per process.
pub fn server_fn_paths() -> &'static std::collections::HashSet<String> {
    static PATHS: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    PATHS.get_or_init(|| leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect())
}

/// The app's routes, listed once per process. Listing renders the app with every resource's loading
/// switched off by a process-wide flag (Leptos' `SuppressResourceLoad`), so a page rendered meanwhile by
/// another server of the same process (tests run many) would wait forever for its data.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// A route of its own (not a server function, not a page): uploads, downloads, photos, health, metrics.
pub struct PlainRoute {
    pub path: &'static str,
    pub method: axum::http::Method,
    /// Uploads from phones on weak signal get the longer time limit and a body limit of their own.
    pub upload: bool,
    pub handler: MethodRouter<AppState>,
}

/// Every plain route the router serves; the authorisation matrix test walks this same list.
pub fn plain_routes() -> Vec<PlainRoute> {
    use axum::http::Method;
    let route = |path, method, handler| PlainRoute { path, method, upload: false, handler };
    let upload = |path, limit: usize, handler: MethodRouter<AppState>| PlainRoute {
        path,
        method: Method::POST,
        upload: true,
        handler: handler.layer(DefaultBodyLimit::max(limit + 64 * 1024)),
    };
    vec![
        route(crate::telemetry::PATH, Method::GET, get(crate::telemetry::render)),
        route(crate::health::HEALTH_PATH, Method::GET, get(crate::health::healthz)),
        route(crate::health::READY_PATH, Method::GET, get(crate::health::readyz)),
        upload(import_route::PATH, import_route::MAX_BYTES, post(import_route::handle)),
        upload(import_route::MAJORS_PATH, import_route::MAX_BYTES, post(import_route::handle_majors)),
        upload(photos_route::UPLOAD_PATH, photos::MAX_BYTES, post(photos_route::upload)),
        route(export::XLSX_PATH, Method::GET, get(export::xlsx)),
        route(export::CSV_PATH, Method::GET, get(export::csv)),
        route(results_export::XLSX_PATH, Method::GET, get(results_export::results_xlsx)),
        route(results_export::CSV_PATH, Method::GET, get(results_export::results_csv)),
        route(results_export::ROSTER_XLSX_PATH, Method::GET, get(results_export::roster_xlsx)),
        route(results_export::ROSTER_CSV_PATH, Method::GET, get(results_export::roster_csv)),
        route(photos_route::PHOTO_PATH, Method::GET, get(photos_route::full)),
        route(photos_route::THUMB_PATH, Method::GET, get(photos_route::thumb)),
        route(prefs::PATH, Method::POST, post(prefs::set_lang)),
    ]
}

/// The site's files held in memory ([`crate::assets`]); an empty set (everything from disk) if they cannot be read.
fn site_assets(state: &AppState) -> std::sync::Arc<crate::assets::Assets> {
    let root = std::path::PathBuf::from(state.leptos_options.site_root.as_ref());
    std::sync::Arc::new(crate::assets::Assets::load(&root).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "site files not held in memory; serving them from disk");
        crate::assets::Assets::default()
    }))
}

pub fn build(state: AppState) -> Router {
    let routes = route_list();
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    let https = state.secure_cookies;
    crate::telemetry::install();
    let (uploads, ordinary): (Vec<_>, Vec<_>) = plain_routes().into_iter().partition(|r| r.upload);
    // Everything no route takes: the site's files from memory, else from disk, else the app's own 404 page.
    let (assets, disk) = (site_assets(&state), leptos_axum::file_and_error_handler::<AppState, _>(shell));
    let site_files = move |State(app): State<AppState>, request: Request<Body>| {
        let (assets, disk) = (assets.clone(), disk.clone());
        async move {
            match assets.respond(request.uri().path(), request.headers()) {
                Some(response) => response,
                None => disk(request.uri().clone(), State(app), request).await,
            }
        }
    };
    let router = ordinary.into_iter().fold(Router::new(), |router, r| router.route(r.path, r.handler));
    let router = router
        .route("/api/{*fn_name}", get(unknown_server_fn).post(unknown_server_fn))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(options.clone()),
        )
        // Everything so far (and the fallback) has the ordinary time limit; uploads, added next, their own.
        .route_layer(axum::middleware::from_fn(middleware::request_time_limit));
    let upload_limit = axum::middleware::from_fn(middleware::upload_time_limit);
    uploads
        .into_iter()
        .fold(router, |router, r| router.route(r.path, r.handler.layer(upload_limit.clone())))
        .fallback(site_files.layer(axum::middleware::from_fn(middleware::request_time_limit)))
        .layer(axum::middleware::from_fn(middleware::api_error_status))
        .layer(axum::middleware::from_fn(bounded_server_fn_body))
        .layer(middleware::catch_panics())
        .layer(axum::middleware::from_fn(middleware::request_span))
        .layer(axum::middleware::from_fn_with_state(state.clone(), app::forms::attach_flash))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::same_site_writes))
        // Pages and JSON are compressed at the cheapest level (brotli at quality 4 was 7 % of a page's CPU;
        // a page of some 8 KB still shrinks about fivefold); the build's files come precompressed at the
        // highest (.ci/build-site) and pass through untouched.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Fastest))
        .layer(axum::middleware::from_fn(move |request: Request<Body>, next: axum::middleware::Next| {
            crate::headers::security_headers(https, request, next)
        }))
        .with_state(state)
}
