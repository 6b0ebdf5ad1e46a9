//! Errors that say what happened: a unique key names the field it concerns, and a malformed request is the
//! sender's fault (400), not a network failure.

mod common;

use common::TestApp;
use reqwest::StatusCode;
use serde_json::Value;

fn fields(body: &Value) -> Vec<String> {
    body["Validation"].as_array().map_or(Vec::new(), |errors| {
        errors.iter().map(|e| e["field"].as_str().unwrap_or_default().to_string()).collect()
    })
}

#[tokio::test]
async fn a_taken_name_credit_code_or_username_is_named_as_that_field() {
    let app = TestApp::spawn().await;
    let secretariat = app.login_as("demo_secretariat").await;
    let institution = |name: &'static str, credit_code: &'static str| {
        vec![
            ("name", name),
            ("kind", "higher_vocational"),
            ("city", "钦州市"),
            ("credit_code", credit_code),
            ("school_code", "4145012345"),
            ("website", "https://www.example.edu.cn"),
            ("address", "钦州市某路1号"),
        ]
    };
    let (status, body) =
        app.call(&secretariat, "institutions/save", &institution("广西新增职业学院", "91350100M000100Y43")).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, body) =
        app.call(&secretariat, "institutions/save", &institution("广西另一所职业学院", "91350100M000100Y43")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["credit_code"], "the same credit code under a new name: {body}");

    let (status, body) =
        app.call(&secretariat, "institutions/save", &institution("广西新增职业学院", "91450100M000100Y4R")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["name"], "the same name under a new credit code: {body}");

    let (status, body) = app
        .call(
            &secretariat,
            "accounts/create-staff",
            &[("username", "demo_lead"), ("display_name", "重名"), ("role", "expert")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(fields(&body), ["username"], "{body}");
}

#[tokio::test]
async fn arguments_that_do_not_decode_are_a_bad_request_with_a_clear_message() {
    let app = TestApp::spawn().await;
    let secretariat = app.login_as("demo_secretariat").await;
    let (status, body) = app.call(&secretariat, "institutions/get", &[("id", "not-a-number")]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let message = body["BadRequest"]["zh"].as_str().unwrap_or_default();
    assert!(message.contains("请求格式不正确"), "says the request is malformed, in Chinese first: {body}");
}

#[tokio::test]
async fn every_answer_carries_its_request_id() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let mut ids = Vec::new();
    for _ in 0..2 {
        let response = client.get(format!("{}/faq", app.base)).send().await.unwrap();
        let id = response.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert_eq!(id.len(), 8, "an id short enough to read out: {id:?}");
        ids.push(id.to_string());
    }
    assert_ne!(ids[0], ids[1], "each request its own");
}

#[tokio::test]
async fn an_oversized_body_is_413_and_an_unknown_endpoint_the_app_s_own_404() {
    let app = TestApp::spawn().await;
    let secretariat = app.login_as("demo_secretariat").await;
    let huge = "职".repeat(1_000_000);
    let (status, body) = app.call(&secretariat, "institutions/list", &[("query", huge.as_str())]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert!(body["TooLarge"].as_u64().is_some_and(|limit| limit >= 1024 * 1024), "{body}");
    // Sent in chunks, without a length up front: refused the same way once the limit is passed.
    let chunks = futures_chunks(3 * 1024 * 1024);
    let response = secretariat
        .post(format!("{}/api/institutions/list", app.base))
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    let (status, body) = app.call(&secretariat, "no-such-function", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert!(!body.to_string().contains("register_explicit"), "no framework hints: {body}");
    assert_eq!(body, serde_json::json!("NotFound"));
}

/// A body of `total` bytes (`query=aaaa…`) as a stream of 64 KB chunks, so it goes without a Content-Length.
fn futures_chunks(total: usize) -> impl futures::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    let mut first = b"query=".to_vec();
    first.resize(64 * 1024, b'a');
    let chunks = std::iter::once(first).chain(std::iter::repeat_n(vec![b'a'; 64 * 1024], total / (64 * 1024)));
    futures::stream::iter(chunks.map(Ok))
}
