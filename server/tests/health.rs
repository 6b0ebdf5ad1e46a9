//! Probes and headers as a load balancer and a browser see them.

mod common;

use common::TestApp;
use reqwest::StatusCode;

async fn get(app: &TestApp, path: &str) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let response = app.client().get(format!("{}{path}", app.base)).send().await.expect("request");
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.text().await.unwrap_or_default())
}

#[tokio::test]
async fn a_serving_replica_is_alive_and_ready() {
    let app = TestApp::spawn().await;
    let (status, _, body) = get(&app, "/healthz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "ok"));
    let (status, _, body) = get(&app, "/readyz").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, "database: ok\nphotos: ok\n");
}

#[tokio::test]
async fn readiness_fails_when_a_migration_is_missing_or_photos_cannot_be_written() {
    let app = TestApp::spawn().await;
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)")
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, _, body) = get(&app, "/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body.contains("database: migrations pending"), "{body}");
    assert!(body.contains("photos: ok"), "{body}");

    // Only meaningful for the local store: the probe's folder is a file, so nothing can be written there.
    if std::env::var("SHENBAO_S3_BUCKET").is_err() {
        let probe_folder = app.data_dir().join("readiness");
        let _ = std::fs::remove_dir_all(&probe_folder);
        std::fs::write(&probe_folder, b"not a folder").unwrap();
        let (status, _, body) = get(&app, "/readyz").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(body.contains("photos: not writable"), "{body}");
    }
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let secretariat = app.login_as("demo_secretariat").await;
    let page = secretariat.get(format!("{}/declarations", app.base)).send().await.unwrap();
    let api = secretariat
        .post(format!("{}/api/accounts/me", app.base))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    let missing = app.client().get(format!("{}/pkg/no-such-file.js", app.base)).send().await.unwrap();
    for (what, response) in [("page", page), ("server function", api), ("missing file", missing)] {
        let headers = response.headers();
        for name in [
            "content-security-policy",
            "x-content-type-options",
            "referrer-policy",
            "permissions-policy",
            "cross-origin-opener-policy",
            "x-frame-options",
        ] {
            assert!(headers.contains_key(name), "{what} lacks {name}: {headers:?}");
        }
        let policy = headers["content-security-policy"].to_str().unwrap();
        assert!(policy.contains("frame-ancestors 'none'"), "{what}: {policy}");
        // Served over http in tests: no HSTS, which would pin a plain-http site to https.
        assert!(!headers.contains_key("strict-transport-security"), "{what}");
    }
}

#[tokio::test]
async fn a_page_policy_allows_only_its_own_nonce() {
    let app = TestApp::spawn().await;
    let (status, headers, body) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    let policy = headers["content-security-policy"].to_str().unwrap();
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce");
    assert!(body.contains(&format!("nonce=\"{nonce}\"")), "the page's scripts carry the policy's nonce");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
}

#[tokio::test]
async fn metrics_count_requests_per_route_and_show_the_pool_and_the_push_queue() {
    let app = TestApp::spawn().await;
    get(&app, "/healthz").await;
    app.login_as("demo_lead").await;
    let (status, headers, body) = get(&app, "/metrics").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/plain"));
    for series in [
        r#"shenbao_http_requests_total{method="GET",route="/healthz",status="200"}"#,
        r#"shenbao_http_request_duration_seconds_bucket{method="POST",route="/api/accounts/login",status="200""#,
        "shenbao_db_connections_in_use",
        "shenbao_push_queue_waiting",
        "shenbao_push_queue_failing",
    ] {
        assert!(body.contains(series), "{series} missing from\n{body}");
    }
}
