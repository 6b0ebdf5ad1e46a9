//! The composition root: configuration, database, router, command-line subcommands and demo data.

pub mod assets;
pub mod backup;
pub mod config;
pub mod db;
pub mod demo;
pub mod headers;
pub mod health;
pub mod middleware;
pub mod router;
pub mod telemetry;

use std::net::SocketAddr;
use std::sync::Arc;

use app::state::AppState;
use leptos::config::LeptosOptions;

pub use config::Config;

/// Connects and migrates the database and assembles the state shared by every request.
pub async fn build_state(config: &Config) -> anyhow::Result<AppState> {
    let pool = db::connect(&config.database_url()).await?;
    db::migrate(&pool, &config.database_url()).await?;
    // The search index is derived data: rebuilding it at start-up keeps it true after any migration.
    app::db::transaction(&pool, async |tx| app::catalog::search::reindex(tx).await)
        .await
        .map_err(|e| anyhow::anyhow!("search index: {}", e.message().en))?;
    let leptos_options = LeptosOptions::builder()
        .output_name("shenbao")
        .site_root(config.site_root.clone())
        .site_pkg_dir(pkg_dir(&config.site_root))
        .site_addr(config.addr)
        .build();
    let photos: Arc<dyn object_store::ObjectStore> = match &config.s3_bucket {
        Some(bucket) => Arc::new(object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket).build()?),
        None => app::evidence::route::local_store(&config.data_dir)
            .map_err(|e| anyhow::anyhow!("photo directory: {}", e.message().en))?,
    };
    let vapid = app::notifications::push::vapid::load_or_create(&config.data_dir)
        .map_err(|e| anyhow::anyhow!("VAPID key in {}: {e}", config.data_dir.display()))?;
    let push = push_settings(config);
    Ok(AppState {
        leptos_options,
        pool,
        login_limiter: Arc::new(Default::default()),
        secure_cookies: config.public_url.starts_with("https://"),
        public_origin: origin_of(&config.public_url),
        photos,
        // As many decodes at once as cores: each holds a whole decoded photo in memory.
        vapid,
        push: push.clone(),
        client_ip_header: match &config.client_ip_header {
            Some(name) => Some(
                axum::http::HeaderName::from_bytes(name.trim().as_bytes())
                    .map_err(|_| anyhow::anyhow!("SHENBAO_CLIENT_IP_HEADER is not a header name: {name:?}"))?,
            ),
            None => None,
        },
        http: app::notifications::push::send::http_client(push.rule)
            .map_err(|e| anyhow::anyhow!("HTTP client: {}", e.message().en))?,
        photo_permits: Arc::new(tokio::sync::Semaphore::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )),
        upload_dir: upload_spool(&config.data_dir),
    })
}

/// `scheme://host[:port]` of a URL, without path or trailing slash.
fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    format!("{scheme}://{}", rest.split('/').next().unwrap_or(rest))
}

fn push_settings(config: &Config) -> app::state::PushSettings {
    app::state::PushSettings {
        contact: config.push_contact.clone(),
        rule: app::notifications::push::endpoint::EndpointRule { loopback_http: config.push_test_loopback },
    }
}

/// Where the build's scripts, wasm and CSS are served from: `pkg/<build id>` when the site build named itself
/// (`.ci/build-site` writes `build-id`), so each build's files have addresses of their own and can be cached
/// for good; plain `pkg` for a site built without one.
fn pkg_dir(site_root: &str) -> String {
    let id = std::fs::read_to_string(std::path::Path::new(site_root).join("build-id")).unwrap_or_default();
    let id = id.trim();
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        format!("pkg/{id}")
    } else {
        "pkg".into()
    }
}

fn upload_spool(data_dir: &std::path::Path) -> std::path::PathBuf {
    data_dir.join("upload-spool")
}

/// Empties (and makes) the upload spool: files left there belong to uploads a killed server never finished.
/// Only `serve` calls it; other subcommands may run beside a serving process.
pub fn clear_upload_spool(config: &Config) -> anyhow::Result<usize> {
    let dir = upload_spool(&config.data_dir);
    let mut removed = 0;
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            if std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    std::fs::create_dir_all(&dir)?;
    Ok(removed)
}

/// How long in-flight requests may run on after a stop before the server exits anyway.
pub const DRAIN: std::time::Duration = std::time::Duration::from_secs(20);

/// Serves until the listener fails.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    serve_until(state, listener, std::future::pending()).await
}

/// Serves until `stop` resolves, then drains: no new connection is accepted, idle ones are closed, and
/// requests under way finish (for at most [`DRAIN`]), so every answer a phone received is also stored.
pub async fn serve_until(
    state: AppState,
    listener: tokio::net::TcpListener,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = router::build(state);
    let server = axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).with_graceful_shutdown(
        async move {
            stop.await;
            tracing::info!("stopping: finishing the requests under way");
            let _ = stopping.send(());
        },
    );
    let deadline = async move {
        match stopped.await {
            Ok(()) => tokio::time::sleep(DRAIN).await,
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        served = server => served?,
        () = deadline => tracing::warn!("requests still running {DRAIN:?} after the stop; exiting anyway"),
    }
    Ok(())
}

/// Resolves at the first SIGTERM (what a deploy or an orchestrator sends) or SIGINT (Ctrl-C). The handlers
/// are installed at the call, not at the first poll, so a stop sent right after start-up is not a kill.
pub fn stop_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    use tokio::signal::unix::{signal, SignalKind};
    let handlers = (signal(SignalKind::terminate()), signal(SignalKind::interrupt()));
    async move {
        let (Ok(mut term), Ok(mut int)) = handlers else {
            tracing::warn!("cannot listen for SIGTERM/SIGINT; the process stops only when killed");
            return std::future::pending().await;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
        }
    }
}
