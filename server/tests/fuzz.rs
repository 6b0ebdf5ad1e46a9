//! HTTP fuzzing: every server function and plain route gets malformed, hostile and extreme requests
//! (missing, repeated and wrong-typed arguments, numbers at the edges, unicode edge cases, very long text,
//! broken encodings, oversized bodies), as a secretariat and as a lead so that they reach past the guards.
//! None may be answered with a 5xx, and the server must still answer its health check afterwards.

mod common;

use common::arguments::{arguments, Fixture};
use common::flows::{certificate_id, upload_photo};
use common::{TestApp, SCHOOL_A};
use reqwest::{Client, StatusCode};

/// Values put in every field at once: each reaches whatever type the endpoint expects there.
fn hostile_values() -> Vec<String> {
    let mut values: Vec<String> = [
        "",
        " ",
        "abc",
        "-1",
        "0",
        "1.5",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "1e309",
        "NaN",
        "true",
        "null",
        "[]",
        "{}",
        "\0",
        "\u{202E}evil",
        "𠀀𠀁",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "../../etc/passwd",
        "\r\nSet-Cookie: x=1",
        "%00",
        "=1+1",
        "１２３４",
        "javascript:alert(1)",
    ]
    .map(String::from)
    .to_vec();
    // Long, yet short enough that a value in every field stays under the body limit and reaches the function.
    values.push("职".repeat(1_500));
    values.push("x".repeat(12_000));
    values
}

/// Bodies no form makes: broken percent-encoding, empty keys, deep and huge indexes, repeats.
fn raw_bodies(f: &Fixture) -> Vec<String> {
    vec![
        String::new(),
        "%FF%FE=%C0%AF".into(),
        "=&=&&&".into(),
        "[[[[=1".into(),
        "ids[99999999999]=1&ids[0]=1".into(),
        "ids[0][0][0][0][0][0]=1".into(),
        format!("id={0}&id={0}&id=abc", f.declaration),
        format!("id={}&{}", f.declaration, "a[]=1&".repeat(5_000)),
        format!("id={}&{}", f.declaration, "k=v&".repeat(50_000)),
    ]
}

async fn post_raw(app: &TestApp, client: &Client, endpoint: &str, body: String) -> StatusCode {
    client
        .post(format!("{}/api/{endpoint}", app.base))
        .header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .map(|r| r.status())
        .unwrap_or(StatusCode::BAD_GATEWAY)
}

async fn fixture(app: &TestApp) -> Fixture {
    common::flows::set_window(app, true).await;
    let lead = app.login_as("demo_lead").await;
    let college = app.college_ids(app.institution_id(SCHOOL_A).await).await[0].to_string();
    let certificate = certificate_id(app, "物流管理").await;
    let offering = format!("{certificate}:junior");
    let (_, id) =
        app.call(&lead, "declarations/create", &[("college_id", college.as_str()), ("offering", &offering)]).await;
    let declaration = id.to_string();
    let (_, photo) = upload_photo(app, &lead, &declaration, common::flows::plain_jpeg(40, 30), "f-1").await;
    Fixture {
        declaration,
        photo: photo["id"].to_string(),
        institution: app.institution_id(SCHOOL_A).await.to_string(),
        college,
        lead: app.account_id("demo_lead").await.to_string(),
        certificate,
        year: app.call(&app.client(), "declarations/window", &[]).await.1["year"].to_string(),
    }
}

/// Plain routes with ids that are not ids, and uploads that are not files.
async fn fuzz_plain_routes(app: &TestApp, client: &Client, f: &Fixture) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut sent = 0;
    for route in server::router::plain_routes() {
        for id in ["abc", "-1", "0", "99999999999999999999", "1%00", "..%2F..%2Fetc", f.declaration.as_str()] {
            // On the real declaration an upload's fields are read: there they carry NUL characters.
            let real = id == f.declaration;
            let url = format!("{}{}", app.base, route.path.replace("{id}", id));
            let request = if route.method == reqwest::Method::GET {
                client.get(url)
            } else if route.upload {
                let garbage = reqwest::multipart::Part::bytes(vec![0xFF; 4096]).file_name("../../x.jpg");
                let form = reqwest::multipart::Form::new()
                    .part("file", garbage)
                    .text("category", "\u{202E}")
                    .text("caption", if real { "说明\0".to_string() } else { "职".repeat(10_000) })
                    .text("client_id", if real { "x\0y".to_string() } else { "x".repeat(5_000) });
                client.post(url).multipart(form)
            } else {
                client.post(url).form(&[("lang", "\u{0}"), ("back", "//evil.example")])
            };
            sent += 1;
            let status = request.header("Accept", "application/json").send().await.map(|r| r.status());
            match status {
                Ok(s) if !s.is_server_error() => {}
                other => failures.push(format!("{} {} with id {id}: {other:?}", route.method, route.path)),
            }
        }
    }
    (sent, failures)
}

#[tokio::test]
async fn no_malformed_or_hostile_request_gets_a_server_error() {
    let app = TestApp::spawn().await;
    let f = fixture(&app).await;
    let clients = [app.login_as("demo_secretariat").await, app.login_as("demo_lead").await];
    let mut endpoints: Vec<String> =
        server::router::server_fn_paths().iter().map(|p| p.trim_start_matches("/api/").to_string()).collect();
    endpoints.sort();
    // Logging out would end the clients' sessions for the rest of the run.
    endpoints.retain(|e| e != "accounts/logout");
    let base = arguments(&f);
    let (mut sent, mut failures) = (0usize, Vec::new());
    for endpoint in &endpoints {
        for client in &clients {
            for value in hostile_values() {
                let form: Vec<(&str, &str)> = base.iter().map(|(k, _)| (*k, value.as_str())).collect();
                let (status, body) = app.call(client, endpoint, &form).await;
                sent += 1;
                if status.is_server_error() {
                    failures.push(format!(
                        "{endpoint} with every field {:?}: {status} {}",
                        clip(&value),
                        clip(&body.to_string())
                    ));
                }
            }
            for body in raw_bodies(&f) {
                let shown = clip(&body);
                let status = post_raw(&app, client, endpoint, body).await;
                sent += 1;
                if status.is_server_error() {
                    failures.push(format!("{endpoint} with body {shown:?}: {status}"));
                }
            }
        }
    }
    let (route_cases, route_failures) = fuzz_plain_routes(&app, &clients[1], &f).await;
    sent += route_cases;
    failures.extend(route_failures);
    assert!(
        failures.is_empty(),
        "{} of {sent} fuzz cases got a server error:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let health = app.client().get(format!("{}/healthz", app.base)).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK, "the server is still up");
    println!("fuzz: {sent} cases over {} server functions and the plain routes, no 5xx", endpoints.len());
}

fn clip(text: &str) -> String {
    text.chars().take(60).collect()
}
