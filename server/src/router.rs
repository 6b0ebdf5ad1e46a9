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

async fn server_fn_handler(State(state): State<AppState>, request: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// Every request runs in a span with its id (also sent back as `x-request-id`), method and path; the guard
/// records the caller's account and role in it once known, so each log line of the request carries them.
async fn request_span(request: Request<Body>, next: axum::middleware::Next) -> axum::response::Response {
    use tracing::Instrument;
    let id = app::auth::token::short_id();
    let span = tracing::info_span!(
        "request",
        id = %id,
        method = %request.method(),
        path = %request.uri().path(),
        account = tracing::field::Empty,
        role = tracing::field::Empty,
    );
    let mut response = next.run(request).instrument(span).await;
    if let Ok(value) = axum::http::HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Server functions' answers get the status of the error they carry (see [`with_error_status`]).
async fn api_error_status(request: Request<Body>, next: axum::middleware::Next) -> axum::response::Response {
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if api {
        with_error_status(response).await
    } else {
        response
    }
}

/// Errors raised before a server function's body runs (arguments that do not decode) come back from the
/// framework as 500; the body is the app's error, so its own status is put on the response. Error bodies are
/// a few hundred bytes; anything else passes through untouched.
async fn with_error_status(response: axum::response::Response) -> axum::response::Response {
    if response.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    axum::response::Response::from_parts(parts, Body::from(bytes))
}

pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let options = state.leptos_options.clone();
    Router::new()
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
        .layer(axum::middleware::from_fn(api_error_status))
        .layer(axum::middleware::from_fn(request_span))
        .layer(axum::middleware::from_fn_with_state(state.clone(), app::forms::attach_flash))
        .layer(CompressionLayer::new())
        .with_state(state)
}
