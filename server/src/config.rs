//! Configuration from environment variables, each with a documented default (see README).

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    /// `SHENBAO_ADDR`, default 127.0.0.1:3000.
    pub addr: SocketAddr,
    /// `SHENBAO_DATA_DIR`, default ./data: the SQLite file and generated secrets live here.
    pub data_dir: PathBuf,
    /// `DATABASE_URL`: a postgres:// URL switches to PostgreSQL; default SQLite in the data directory.
    pub database_url: Option<String>,
    /// `LEPTOS_SITE_ROOT`, default target/site: the built CSS, JS, WASM and public files.
    pub site_root: String,
    /// `SHENBAO_PUBLIC_URL`, default http://127.0.0.1:3000: https here marks cookies Secure.
    pub public_url: String,
    /// `SHENBAO_S3_BUCKET`: keep photos in this S3-compatible bucket (credentials and endpoint from the
    /// standard `AWS_*` variables, e.g. `AWS_ENDPOINT`); default a `photos` directory in the data directory.
    pub s3_bucket: Option<String>,
    /// `SHENBAO_PUSH_CONTACT`, default the public URL: a mailto: or https: address push services may use
    /// to reach the operator (RFC 8292).
    pub push_contact: String,
    /// `SHENBAO_PUSH_INTERVAL_SECS`, default 5: how often the push worker sends due notifications (the
    /// queue is also what survives a restart); it looks for window reminders about once a minute.
    pub push_interval: std::time::Duration,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let addr: SocketAddr = var("SHENBAO_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|e| anyhow::anyhow!("SHENBAO_ADDR is not an address like 127.0.0.1:3000: {e}"))?;
        Ok(Config {
            addr,
            data_dir: PathBuf::from(var("SHENBAO_DATA_DIR").unwrap_or_else(|| "data".into())),
            database_url: var("DATABASE_URL"),
            site_root: var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            public_url: var("SHENBAO_PUBLIC_URL").unwrap_or_else(|| format!("http://{addr}")),
            s3_bucket: var("SHENBAO_S3_BUCKET"),
            push_contact: var("SHENBAO_PUSH_CONTACT")
                .or_else(|| var("SHENBAO_PUBLIC_URL"))
                .unwrap_or_else(|| format!("http://{addr}")),
            push_interval: std::time::Duration::from_secs(
                var("SHENBAO_PUSH_INTERVAL_SECS").and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(5),
            ),
        })
    }

    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}/shenbao.db?mode=rwc", self.data_dir.display()))
    }
}
