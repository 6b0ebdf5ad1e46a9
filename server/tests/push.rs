//! Web Push over HTTP: the public key is stable across restarts, subscriptions are checked, belong to
//! whoever subscribed last on a device, and only their owner lists or removes them; the server sends real
//! encrypted, signed pushes to a push service the test runs, retries a busy one without duplicates, forgets
//! gone devices, and sends each window reminder once.

mod common;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::flows::{act, create, set_window, submitted};
use common::TestApp;
use rand::RngCore;
use reqwest::StatusCode;

const KEY: &str = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
const AUTH: &str = "tBHItJI5svbpez7KI4CCXg";

#[tokio::test]
async fn devices_subscribe_with_their_kinds_and_only_owners_see_or_remove_them() {
    let app = TestApp::spawn().await;
    let (status, key) = app.call(&app.client(), "push/key", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(key.as_str().unwrap().len(), 87, "65 bytes, base64url: {key}");

    let endpoint = "http://127.0.0.1:9/push/phone-1";
    let form = |kinds: &[&'static str]| {
        let mut f = vec![("endpoint", endpoint), ("p256dh", KEY), ("auth", AUTH)];
        for (n, k) in kinds.iter().enumerate() {
            f.push((["kinds[0]", "kinds[1]", "kinds[2]"][n], *k));
        }
        f
    };
    assert_eq!(app.call(&app.client(), "push/subscribe", &form(&["status"])).await.0, StatusCode::UNAUTHORIZED);
    let lead = app.login_as("demo_lead").await;
    assert_eq!(
        app.call(&lead, "push/subscribe", &form(&[])).await.0,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no kind chosen"
    );
    let bad = [("endpoint", "http://evil.example/x"), ("p256dh", "x"), ("auth", AUTH), ("kinds[0]", "status")];
    assert_eq!(app.call(&lead, "push/subscribe", &bad).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.call(&lead, "push/subscribe", &form(&["status", "returns"])).await.0, StatusCode::OK);
    let (_, devices) = app.call(&lead, "push/devices", &[]).await;
    assert_eq!(devices[0]["service"], "127.0.0.1:9");
    assert_eq!(devices[0]["kinds"], serde_json::json!(["StatusChanges", "Returns"]));
    let id = devices[0]["id"].to_string();

    // Another person cannot remove it; on a shared phone the device moves to whoever subscribes next.
    let other = app.login_as("demo_lead_b").await;
    assert_eq!(app.call(&other, "push/remove", &[("id", id.as_str())]).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.call(&other, "push/subscribe", &form(&["notices"])).await.0, StatusCode::OK);
    assert!(app.call(&lead, "push/devices", &[]).await.1.as_array().unwrap().is_empty());
    let (_, theirs) = app.call(&other, "push/devices", &[]).await;
    assert_eq!(theirs.as_array().unwrap().len(), 1, "one row per endpoint");
    assert_eq!(
        app.call(&other, "push/remove", &[("id", theirs[0]["id"].to_string().as_str())]).await.0,
        StatusCode::OK
    );
}

/// How long the test push service asks to be left alone when it is busy (`Retry-After`, seconds).
const ASKED_WAIT: i64 = 120;

/// A push service on 127.0.0.1 for one test: it answers each POST with the next scripted status (201 when
/// the script is used up; 429 and 503 come with `Retry-After: ASKED_WAIT`) and keeps what it was sent.
struct PushService {
    endpoint_base: String,
    received: Arc<Mutex<Vec<Received>>>,
    script: Arc<Mutex<VecDeque<u16>>>,
}

#[derive(Clone)]
struct Received {
    path: String,
    authorization: String,
    encoding: String,
    ttl: String,
    body: Vec<u8>,
}

impl PushService {
    async fn start() -> PushService {
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let script: Arc<Mutex<VecDeque<u16>>> = Arc::default();
        let (r, s) = (received.clone(), script.clone());
        let router = axum::Router::new().route(
            "/push/{device}",
            axum::routing::post(
                move |uri: axum::http::Uri, headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                    let (r, s) = (r.clone(), s.clone());
                    async move {
                        let header =
                            |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
                        r.lock().unwrap().push(Received {
                            path: uri.path().to_string(),
                            authorization: header("authorization"),
                            encoding: header("content-encoding"),
                            ttl: header("ttl"),
                            body: body.to_vec(),
                        });
                        let status = s.lock().unwrap().pop_front().unwrap_or(201);
                        let busy = matches!(status, 429 | 503);
                        let wait = busy.then(|| [(axum::http::header::RETRY_AFTER, ASKED_WAIT.to_string())]);
                        (
                            axum::http::StatusCode::from_u16(status).unwrap(),
                            axum::response::AppendHeaders(wait.into_iter().flatten()),
                        )
                    }
                },
            ),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint_base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, router).await });
        PushService { endpoint_base, received, script }
    }

    fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

/// What a browser makes when it subscribes: a P-256 key pair and a 16-byte auth secret.
struct Browser {
    secret: p256::SecretKey,
    auth: [u8; 16],
}

impl Browser {
    fn new() -> Browser {
        let mut auth = [0u8; 16];
        rand::thread_rng().fill_bytes(&mut auth);
        Browser { secret: p256::SecretKey::random(&mut rand::thread_rng()), auth }
    }

    async fn subscribe(&self, app: &TestApp, client: &reqwest::Client, endpoint: &str, kinds: &[&str]) {
        let key = URL_SAFE_NO_PAD.encode(self.secret.public_key().to_sec1_bytes());
        let auth = URL_SAFE_NO_PAD.encode(self.auth);
        let names: Vec<String> = (0..kinds.len()).map(|n| format!("kinds[{n}]")).collect();
        let mut form = vec![("endpoint", endpoint), ("p256dh", key.as_str()), ("auth", auth.as_str())];
        form.extend(names.iter().map(String::as_str).zip(kinds.iter().copied()));
        let (status, body) = app.call(client, "push/subscribe", &form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }

    /// Decrypts like the browser does (RFC 8291) and returns the JSON the service worker gets.
    fn open(&self, body: &[u8]) -> serde_json::Value {
        let plain =
            web_push_native::decrypt(body.to_vec(), &self.secret, web_push_native::Auth::from_slice(&self.auth))
                .expect("decrypts with the browser's keys");
        serde_json::from_slice(&plain).unwrap()
    }
}

/// Checks an RFC 8292 `Authorization: vapid t=…,k=…` header: signed by the server's published key, for
/// the endpoint's origin, not expired; returns the claims.
fn check_vapid(header: &str, server_key: &str, origin: &str) -> serde_json::Value {
    use p256::ecdsa::signature::Verifier;
    let (token, key) = header
        .strip_prefix("vapid t=")
        .expect("vapid scheme")
        .split_once(",k=")
        .expect("k follows t after a comma, no space");
    assert_eq!(key, server_key, "k is the key the browser subscribed with");
    let (signed, signature) = token.rsplit_once('.').unwrap();
    let (head, claims) = signed.split_once('.').unwrap();
    let head: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(head).unwrap()).unwrap();
    assert_eq!(head["alg"], "ES256");
    let public = p256::PublicKey::from_sec1_bytes(&URL_SAFE_NO_PAD.decode(key).unwrap()).unwrap();
    let signature = p256::ecdsa::Signature::from_slice(&URL_SAFE_NO_PAD.decode(signature).unwrap()).unwrap();
    p256::ecdsa::VerifyingKey::from(public).verify(signed.as_bytes(), &signature).expect("signature verifies");
    let claims: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).unwrap()).unwrap();
    assert_eq!(claims["aud"], origin);
    assert!(claims["exp"].as_i64().unwrap() > app::db::now(), "not expired");
    assert!(claims["exp"].as_i64().unwrap() <= app::db::now() + 24 * 3600, "at most 24 hours (RFC 8292)");
    assert!(claims["sub"].as_str().unwrap().starts_with("mailto:"));
    claims
}

#[tokio::test]
async fn a_new_notice_reaches_subscribed_devices_encrypted_and_signed() {
    let app = TestApp::spawn().await;
    let service = PushService::start().await;
    let (_, server_key) = app.call(&app.client(), "push/key", &[]).await;
    let lead = app.login_as("demo_lead").await;
    let phone = Browser::new();
    phone.subscribe(&app, &lead, &format!("{}/push/lead-phone", service.endpoint_base), &["notices"]).await;
    // Another device that did not choose notices gets nothing.
    let other = app.login_as("demo_coordinator").await;
    Browser::new().subscribe(&app, &other, &format!("{}/push/coordinator", service.endpoint_base), &["status"]).await;

    let secretariat = app.login_as("demo_secretariat").await;
    let notice = [("title", "关于2026年试点申报的通知"), ("body", "详见附件"), ("audience", ""), ("links", "")];
    let (status, body) = app.call(&secretariat, "library/save-notice", &notice).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let report = app::notifications::push::send::deliver_due(&app.state, app::db::now()).await.unwrap();
    assert_eq!(report, app::notifications::push::send::Report { sent: 1, ..Default::default() });
    let got = service.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].path, "/push/lead-phone");
    assert_eq!(got[0].encoding, "aes128gcm");
    assert!(got[0].ttl.parse::<i64>().unwrap() > 0);
    check_vapid(&got[0].authorization, server_key.as_str().unwrap(), &service.endpoint_base);
    let payload = phone.open(&got[0].body);
    assert_eq!(payload["title"], "新通知");
    assert_eq!(payload["body"], "关于2026年试点申报的通知");
    assert!(payload["url"].as_str().unwrap().starts_with("/notices#notice-"), "{payload}");

    // Delivered means gone from the queue: another pass sends nothing.
    let again = app::notifications::push::send::deliver_due(&app.state, app::db::now()).await.unwrap();
    assert_eq!(again, app::notifications::push::send::Report::default());
    assert_eq!(service.received().len(), 1);
}

#[tokio::test]
async fn a_busy_service_gets_one_retry_later_and_a_gone_device_is_forgotten() {
    let app = TestApp::spawn().await;
    let service = PushService::start().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let phone = Browser::new();
    phone.subscribe(&app, &lead, &format!("{}/push/lead-phone", service.endpoint_base), &["returns"]).await;
    let id = submitted(&app, &lead, "50").await;
    let coordinator = app.login_as("demo_coordinator").await;
    assert_eq!(act(&app, &coordinator, &id, "ReturnToLead", "请补充教学场所面积").await.0, StatusCode::OK);

    // The service is busy once and says when to come back: the notification waits that long (not our own,
    // shorter backoff) and is then sent exactly once.
    service.script.lock().unwrap().push_back(503);
    let now = app::db::now();
    let first = app::notifications::push::send::deliver_due(&app.state, now).await.unwrap();
    assert_eq!(first.retried, 1);
    let early =
        app::notifications::push::send::deliver_due(&app.state, now + app::notifications::push::send::RETRY_BASE_SECS)
            .await
            .unwrap();
    assert_eq!(early, app::notifications::push::send::Report::default(), "not before the Retry-After it was given");
    let later = app::notifications::push::send::deliver_due(&app.state, now + ASKED_WAIT).await.unwrap();
    assert_eq!(later.sent, 1);
    let after = app::notifications::push::send::deliver_due(&app.state, now + 10 * ASKED_WAIT).await.unwrap();
    assert_eq!(after, app::notifications::push::send::Report::default());
    let got = service.received();
    assert_eq!(got.len(), 2, "one failed attempt and one delivery");
    let (tried, delivered) = (phone.open(&got[0].body), phone.open(&got[1].body));
    assert_eq!(tried, delivered, "the retry is the same notification");
    assert!(delivered["title"].as_str().unwrap().starts_with("物流管理"), "{delivered}");
    assert_eq!(delivered["body"], "请补充教学场所面积");
    assert_eq!(delivered["url"], format!("/declarations/{id}"));

    // The browser unsubscribed: the service answers 410 and the device is removed with its queue.
    assert_eq!(act(&app, &lead, &id, "Submit", "").await.0, StatusCode::OK);
    assert_eq!(act(&app, &coordinator, &id, "ReturnToLead", "再补充设备照片").await.0, StatusCode::OK);
    service.script.lock().unwrap().push_back(410);
    let gone = app::notifications::push::send::deliver_due(&app.state, app::db::now()).await.unwrap();
    assert_eq!(gone.gone, 1);
    assert!(app.call(&lead, "push/devices", &[]).await.1.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn window_reminders_go_once_to_those_with_something_to_submit() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let (status, _) = create(&app, &lead, "物流管理", "junior").await;
    assert_eq!(status, StatusCode::OK);
    let (_, window) = app.call(&app.client(), "declarations/window", &[]).await;
    let closes = window["window"]["closes_at"].as_i64().unwrap();
    let two_days_before = closes - 2 * 24 * 3600;

    let reminded = app::notifications::push::reminders::run_due(&app.pool, two_days_before).await.unwrap();
    assert_eq!(reminded, 1, "only the lead with a draft");
    assert_eq!(app::notifications::push::reminders::run_due(&app.pool, two_days_before + 60).await.unwrap(), 0, "once");
    let (_, inbox) = app.call(&lead, "inbox/list", &[]).await;
    assert!(inbox.to_string().contains("申报将于3 天后截止"), "{inbox}");
    let day_before = closes - 3600;
    assert_eq!(
        app::notifications::push::reminders::run_due(&app.pool, day_before).await.unwrap(),
        1,
        "then the last-day one"
    );
    let other_lead = app.login_as("demo_lead_b").await;
    let (_, theirs) = app.call(&other_lead, "inbox/list", &[]).await;
    assert!(!theirs.to_string().contains("截止"), "nothing to submit, no reminder: {theirs}");
}

#[tokio::test]
async fn an_endpoint_that_leads_into_the_server_s_own_network_is_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let lead = app.login_as("demo_lead").await;
    let subscribe = |endpoint: &'static str| {
        let form = [("endpoint", endpoint), ("p256dh", KEY), ("auth", AUTH), ("kinds[0]", "status")];
        let (app, lead) = (&app, &lead);
        async move { app.call(lead, "push/subscribe", &form).await }
    };
    for (endpoint, reason) in [
        ("http://127.0.0.1:3913@192.0.2.2:3914/push/x", "用户名或密码"),
        ("https://169.254.169.254/latest/meta-data", "本机或内部网络"),
        ("https://10.0.0.8/push/x", "本机或内部网络"),
        ("https://[::ffff:192.168.0.1]/push/x", "本机或内部网络"),
        ("http://push.example/x", "https"),
    ] {
        let (status, body) = subscribe(endpoint).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}: {body}");
        assert!(body.to_string().contains(reason), "{endpoint}: {body}");
    }
    assert!(app.call(&lead, "push/devices", &[]).await.1.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn a_stored_endpoint_the_rule_refuses_is_never_posted_to_and_is_forgotten() {
    let app = TestApp::spawn().await;
    let service = PushService::start().await;
    let lead = app.login_as("demo_lead").await;
    let phone = Browser::new();
    phone.subscribe(&app, &lead, &format!("{}/push/lead-phone", service.endpoint_base), &["notices"]).await;
    // As a row saved before the rule existed would be: its endpoint now points past the test service.
    let sneaky = format!("http://user@{}/push/lead-phone", service.endpoint_base.trim_start_matches("http://"));
    sqlx::query("UPDATE push_subscriptions SET endpoint = $1").bind(&sneaky).execute(&app.pool).await.unwrap();
    let secretariat = app.login_as("demo_secretariat").await;
    let (status, body) = app
        .call(
            &secretariat,
            "library/save-notice",
            &[("title", "通知"), ("body", "正文"), ("audience", ""), ("links", "")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let report = app::notifications::push::send::deliver_due(&app.state, app::db::now() + 1).await.unwrap();
    assert_eq!(report.gone, 1, "{report:?}");
    assert!(service.received().is_empty(), "nothing was posted");
    assert!(app.call(&lead, "push/devices", &[]).await.1.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn the_push_client_connects_to_no_private_address_whatever_a_name_resolves_to() {
    use app::notifications::push::endpoint::EndpointRule;
    let service = PushService::start().await;
    let port = service.endpoint_base.rsplit(':').next().unwrap().to_string();
    // `localhost` resolves to the loopback here, as a public-looking name can be made to (DNS rebinding).
    let url = format!("http://localhost:{port}/push/x");
    let production = app::notifications::push::send::http_client(EndpointRule { loopback_http: false }).unwrap();
    let refused = production.post(&url).body("x").send().await;
    assert!(refused.is_err(), "connected to the loopback: {refused:?}");
    assert!(service.received().is_empty());
    let testing = app::notifications::push::send::http_client(EndpointRule { loopback_http: true }).unwrap();
    assert_eq!(testing.post(&url).body("x").send().await.unwrap().status(), StatusCode::CREATED);
    assert_eq!(service.received().len(), 1);
}
