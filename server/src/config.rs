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
    /// `SHENBAO_PUSH_CONTACT`, default the public URL when it is https: a mailto: or https: address push
    /// services may use to reach the operator (RFC 8292). Neither: push is off (the inbox still works).
    pub push_contact: Option<String>,
    /// `SHENBAO_PUSH_TEST_LOOPBACK=1`: also post to plain-http push endpoints on the loopback, where a test
    /// push service runs. Never set in production: it lets any user aim the server at local ports.
    pub push_test_loopback: bool,
    /// `SHENBAO_CLIENT_IP_HEADER`, e.g. `X-Forwarded-For`: behind a reverse proxy, the header it puts the
    /// client's address in (its last entry is used). Unset: the socket peer is the client.
    pub client_ip_header: Option<String>,
    /// `SHENBAO_PUSH_INTERVAL_SECS`, default 5: how often the push worker sends due notifications (the
    /// queue is also what survives a restart); it looks for window reminders about once a minute.
    pub push_interval: std::time::Duration,
}

/// The VAPID contact: the setting, which must be a contact (a wrong one stops the start with the reason), or
/// else an https public URL; None switches push off.
fn push_contact(setting: Option<String>, public_url: Option<String>) -> anyhow::Result<Option<String>> {
    match setting {
        Some(contact) if app::notifications::push::vapid::is_contact(&contact) => Ok(Some(contact)),
        Some(contact) => anyhow::bail!(
            "SHENBAO_PUSH_CONTACT must be a mailto: or https: address push services can reach you at \
             (RFC 8292), e.g. mailto:ops@school.edu.cn; it is {contact:?}"
        ),
        None => {
            Ok(public_url.filter(|url| url.starts_with("https://") && app::notifications::push::vapid::is_contact(url)))
        }
    }
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
            push_contact: push_contact(var("SHENBAO_PUSH_CONTACT"), var("SHENBAO_PUBLIC_URL"))?,
            push_test_loopback: var("SHENBAO_PUSH_TEST_LOOPBACK").is_some_and(|v| v == "1"),
            client_ip_header: var("SHENBAO_CLIENT_IP_HEADER"),
            push_interval: std::time::Duration::from_secs(
                var("SHENBAO_PUSH_INTERVAL_SECS").and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(5),
            ),
        })
    }

    /// A server on the loopback with its data in `data_dir` (tests and benchmarks): a free port, push to a
    /// test push service allowed, no proxy.
    pub fn on_loopback(data_dir: &std::path::Path, database_url: String) -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            data_dir: data_dir.to_path_buf(),
            database_url: Some(database_url),
            site_root: data_dir.join("site").display().to_string(),
            public_url: "http://127.0.0.1".into(),
            s3_bucket: None,
            push_contact: Some("mailto:test@shenbao.test".into()),
            push_test_loopback: true,
            client_ip_header: None,
            push_interval: std::time::Duration::from_secs(5),
        }
    }

    pub fn database_url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}/shenbao.db?mode=rwc", self.data_dir.display()))
    }
}
