//! The composition root: configuration, database, router, command-line subcommands and demo data.

pub mod config;
pub mod db;
pub mod demo;
pub mod router;

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
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build();
    let photos: Arc<dyn object_store::ObjectStore> = match &config.s3_bucket {
        Some(bucket) => Arc::new(object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket).build()?),
        None => app::evidence::route::local_store(&config.data_dir)
            .map_err(|e| anyhow::anyhow!("photo directory: {}", e.message().en))?,
    };
    let vapid = app::notifications::push::vapid::load_or_create(&config.data_dir)
        .map_err(|e| anyhow::anyhow!("VAPID key in {}: {e}", config.data_dir.display()))?;
    Ok(AppState {
        leptos_options,
        pool,
        login_limiter: Arc::new(Default::default()),
        secure_cookies: config.public_url.starts_with("https://"),
        photos,
        // As many decodes at once as cores: each holds a whole decoded photo in memory.
        vapid,
        push_contact: config.push_contact.clone(),
        http: app::notifications::push::send::http_client()
            .map_err(|e| anyhow::anyhow!("HTTP client: {}", e.message().en))?,
        photo_permits: Arc::new(tokio::sync::Semaphore::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        )),
        upload_dir: upload_spool(&config.data_dir),
    })
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

/// Serves until the listener fails or the process is stopped.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    let app = router::build(state);
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await?;
    Ok(())
}
