//! Test harness: the real server on port 0 with a fresh database per test, spoken to over HTTP.
//! SQLite by default; with TEST_DATABASE_URL=postgres://… each test gets its own new PostgreSQL database.

#![allow(dead_code)]

pub mod arguments;
pub mod flows;

use reqwest::{Client, StatusCode};
use serde_json::Value;
use server::{build_state, demo, serve, Config};

pub const PASSWORD: &str = demo::DEMO_PASSWORD;

pub struct TestApp {
    pub base: String,
    pub pool: app::db::Pool,
    /// The server's state, for driving its background work (the push queue) step by step.
    pub state: app::state::AppState,
    /// The database the server uses (SQLite in the data directory, or a fresh PostgreSQL database).
    pub database_url: String,
    _dir: tempfile::TempDir,
}

async fn fresh_database_url(dir: &std::path::Path) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => {
            sqlx::any::install_default_drivers();
            let name = format!("shenbao_test_{}", app::auth::token::short_id());
            let admin = sqlx::AnyPool::connect(&admin_url).await.expect("connect to TEST_DATABASE_URL");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.expect("create test database");
            admin.close().await;
            let (base, _) = admin_url.rsplit_once('/').expect("TEST_DATABASE_URL ends with /dbname");
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}/test.db?mode=rwc", dir.display()),
    }
}

impl TestApp {
    /// Starts the server with the demo data seeded (schools A and B, one account per role).
    pub async fn spawn() -> TestApp {
        let (app, listener) = TestApp::prepare().await;
        tokio::spawn(serve(app.state.clone(), listener));
        app
    }

    /// Like [`TestApp::spawn`], served until the process gets SIGTERM or SIGINT; the handle ends when the
    /// server has drained. For a test binary of its own: the signal goes to the whole process.
    pub async fn spawn_until_stopped() -> (TestApp, tokio::task::JoinHandle<anyhow::Result<()>>) {
        let (app, listener) = TestApp::prepare().await;
        let stop = server::stop_signal();
        let served = tokio::spawn(server::serve_until(app.state.clone(), listener, stop));
        (app, served)
    }

    async fn prepare() -> (TestApp, tokio::net::TcpListener) {
        let filter = std::env::var("TEST_LOG").unwrap_or_else(|_| "warn".into());
        let _ = tracing_subscriber::fmt().with_test_writer().with_env_filter(filter).try_init();
        let dir = tempfile::tempdir().expect("temp dir");
        let database_url = fresh_database_url(dir.path()).await;
        let config = Config::on_loopback(dir.path(), database_url.clone());
        let state = build_state(&config).await.expect("state");
        demo::seed(&state.pool).await.expect("demo data");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let pool = state.pool.clone();
        (TestApp { base, pool, state, database_url, _dir: dir }, listener)
    }

    /// The server's data directory (the SQLite file, the photo store, the VAPID key).
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// A client with its own cookie jar that does not follow redirects.
    pub fn client(&self) -> Client {
        Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap()
    }

    /// Calls a server function like the app does (form-encoded in, JSON out).
    pub async fn call(&self, client: &Client, endpoint: &str, form: &[(&str, &str)]) -> (StatusCode, Value) {
        let response = client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request");
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }

    /// GETs a download (an export) and returns its status and bytes.
    pub async fn download(&self, client: &Client, path: &str) -> (StatusCode, Vec<u8>) {
        let response = client.get(format!("{}{path}", self.base)).send().await.expect("download");
        (response.status(), response.bytes().await.unwrap_or_default().to_vec())
    }

    /// Uploads a file to an import route (`institutions` or `majors`) as the browser's form does, asking
    /// for the JSON report.
    pub async fn upload(&self, client: &Client, what: &str, name: &str, bytes: Vec<u8>) -> (StatusCode, Value) {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_string());
        let response = client
            .post(format!("{}/api/{what}/import", self.base))
            .header("Accept", "application/json")
            .multipart(reqwest::multipart::Form::new().part("file", part))
            .send()
            .await
            .expect("upload");
        (response.status(), response.json().await.unwrap_or(Value::Null))
    }

    pub async fn login_as(&self, username: &str) -> Client {
        self.login_with(username, PASSWORD).await
    }

    pub async fn login_with(&self, username: &str, password: &str) -> Client {
        let client = self.client();
        let (status, body) =
            self.call(&client, "accounts/login", &[("username", username), ("password", password)]).await;
        assert_eq!(status, StatusCode::OK, "login as {username}: {body}");
        client
    }

    pub async fn institution_id(&self, name: &str) -> i64 {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM institutions WHERE name = $1")
            .bind(name)
            .fetch_one(&self.pool)
            .await
            .unwrap();
        id
    }

    pub async fn college_ids(&self, institution_id: i64) -> Vec<i64> {
        let rows: Vec<(i64,)> = sqlx::query_as("SELECT id FROM colleges WHERE institution_id = $1 ORDER BY id")
            .bind(institution_id)
            .fetch_all(&self.pool)
            .await
            .unwrap();
        rows.into_iter().map(|r| r.0).collect()
    }

    pub async fn account_id(&self, username: &str) -> i64 {
        let (id,): (i64,) = sqlx::query_as("SELECT id FROM accounts WHERE username = $1")
            .bind(username)
            .fetch_one(&self.pool)
            .await
            .unwrap();
        id
    }
}

pub const SCHOOL_A: &str = "演示职业技术学院";
pub const SCHOOL_B: &str = "演示中等职业学校";
