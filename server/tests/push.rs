//! Web Push subscriptions over HTTP: the public key is stable across restarts, subscriptions are checked,
//! belong to whoever subscribed last on a device, and only their owner lists or removes them.

mod common;

use common::TestApp;
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
