//! Login, sessions, rate limit and passwords over real HTTP.

mod common;

use common::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn a_wrong_password_and_an_unknown_account_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let (s1, b1) = app.call(&client, "accounts/login", &[("username", "demo_lead"), ("password", "wrong-pass1")]).await;
    let (s2, b2) =
        app.call(&client, "accounts/login", &[("username", "nobody_here"), ("password", "wrong-pass1")]).await;
    assert_eq!(s1, StatusCode::CONFLICT);
    assert_eq!((s1, b1), (s2, b2));
}

#[tokio::test]
async fn login_sets_an_httponly_lax_cookie_and_a_new_session_id_each_time() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let mut cookies = Vec::new();
    for _ in 0..2 {
        let response = client
            .post(format!("{}/api/accounts/login", app.base))
            .header("Accept", "application/json")
            .form(&[("username", "demo_lead"), ("password", common::PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let cookie = response.headers().get("set-cookie").unwrap().to_str().unwrap().to_string();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        assert!(!cookie.contains("Secure"), "plain http must not mark the cookie Secure: {cookie}");
        cookies.push(cookie.split(';').next().unwrap().to_string());
    }
    assert_ne!(cookies[0], cookies[1]);
    // The first session was ended when the second login renewed it.
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_plain_form_login_redirects_home_and_a_failed_one_back_with_the_error() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let send = |password: &'static str| {
        client
            .post(format!("{}/api/accounts/login", app.base))
            .header("Accept", "text/html")
            .header("Referer", format!("{}/login", app.base))
            .form(&[("username", "demo_lead"), ("password", password)])
            .send()
    };
    let failed = send("not-it-123").await.unwrap();
    assert_eq!(failed.status(), StatusCode::FOUND);
    assert!(failed.headers()["location"].to_str().unwrap().starts_with("/login?flash="));
    let ok = send(common::PASSWORD).await.unwrap();
    assert_eq!(ok.status(), StatusCode::FOUND);
    assert_eq!(ok.headers()["location"], "/");
}

#[tokio::test]
async fn an_account_is_locked_after_five_failures_even_with_the_right_password() {
    let app = TestApp::spawn().await;
    let client = app.client();
    for _ in 0..5 {
        let (status, _) =
            app.call(&client, "accounts/login", &[("username", "demo_org"), ("password", "bad-guess-1")]).await;
        assert_eq!(status, StatusCode::CONFLICT);
    }
    let (status, body) =
        app.call(&client, "accounts/login", &[("username", "demo_org"), ("password", common::PASSWORD)]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::spawn().await;
    let client = app.login_as("demo_secretariat").await;
    assert_eq!(app.call(&client, "institutions/list", &[("query", "")]).await.0, StatusCode::OK);
    app.call(&client, "accounts/logout", &[]).await;
    assert_eq!(app.call(&client, "institutions/list", &[("query", "")]).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_reset_password_must_be_changed_before_anything_else() {
    let app = TestApp::spawn().await;
    let coordinator = app.login_as("demo_coordinator").await;
    let lead_id = app.account_id("demo_lead").await.to_string();
    let (status, issued) = app.call(&coordinator, "accounts/reset-password", &[("account_id", &lead_id)]).await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    let temporary = issued["password"].as_str().unwrap().to_string();

    assert_eq!(
        app.client()
            .post(format!("{}/api/accounts/login", app.base))
            .header("Accept", "application/json")
            .form(&[("username", "demo_lead"), ("password", common::PASSWORD)])
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::CONFLICT
    );
    let lead = app.login_with("demo_lead", &temporary).await;
    let (status, body) = app.call(&lead, "accounts/my-scope", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "blocked until the password is changed");
    assert!(body.to_string().contains("PasswordChangeRequired"), "says why, not a generic refusal: {body}");
    let (status, body) = app
        .call(
            &lead,
            "accounts/change-password",
            &[("current_password", &temporary), ("new_password", "NewPass2026"), ("confirm_password", "NewPass2026")],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(app.call(&lead, "accounts/my-scope", &[]).await.0, StatusCode::OK);
    app.login_with("demo_lead", "NewPass2026").await;
}

#[tokio::test]
async fn a_weak_new_password_is_refused_with_the_field_named() {
    let app = TestApp::spawn().await;
    let client = app.login_as("demo_expert").await;
    let (status, body) = app
        .call(
            &client,
            "accounts/change-password",
            &[("current_password", common::PASSWORD), ("new_password", "short"), ("confirm_password", "short")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "new_password", "{body}");
    assert!(body["Validation"][0]["message"]["zh"].as_str().unwrap().contains("8位"));
}

#[tokio::test]
async fn a_stranger_guessing_a_password_cannot_lock_the_owner_out_nor_dodge_the_limit_with_headers() {
    let app = TestApp::spawn().await;
    // The owner's phone has logged in before: it holds the account's device cookie.
    let owner = app.login_as("demo_lead").await;
    let stranger = app.client();
    let attempt = |client: &reqwest::Client, password: &'static str, forwarded: Option<String>| {
        let request = client
            .post(format!("{}/api/accounts/login", app.base))
            .header("Accept", "application/json")
            .form(&[("username", "demo_lead"), ("password", password)]);
        let request = match forwarded {
            Some(address) => request.header("X-Forwarded-For", address),
            None => request,
        };
        async move { request.send().await.unwrap().status() }
    };
    for n in 0..8 {
        let status = attempt(&stranger, "Wrong2026pass", Some(format!("203.0.113.{n}"))).await;
        assert!(matches!(status, StatusCode::CONFLICT | StatusCode::TOO_MANY_REQUESTS), "{status}");
    }
    // A header naming another address does not reset the stranger's count (no proxy is configured)…
    let status = attempt(&stranger, common::PASSWORD, Some("198.51.100.7".into())).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the right password from the stranger's browser waits");
    // …and the owner, on the same address, still logs in.
    assert_eq!(attempt(&owner, common::PASSWORD, None).await, StatusCode::OK);
    let (status, _) = app.call(&owner, "accounts/my-scope", &[]).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_write_from_another_site_is_refused_whatever_the_cookie() {
    let app = TestApp::spawn().await;
    let lead = app.login_as("demo_lead").await;
    let logout = format!("{}/api/accounts/logout", app.base);
    let post = |headers: &[(&'static str, String)], body: &'static str, kind: &'static str| {
        let mut request =
            lead.post(&logout).header("Accept", "application/json").header("Content-Type", kind).body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        async move { request.send().await.unwrap().status() }
    };
    let form = "application/x-www-form-urlencoded";
    assert_eq!(post(&[("Origin", "https://evil.example".into())], "", form).await, StatusCode::FORBIDDEN);
    assert_eq!(post(&[("Origin", "null".into())], "", form).await, StatusCode::FORBIDDEN);
    assert_eq!(post(&[("Sec-Fetch-Site", "cross-site".into())], "", form).await, StatusCode::FORBIDDEN);
    assert_eq!(post(&[], "a=b", "text/plain").await, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Still logged in: none of those reached the server function.
    assert_eq!(app.call(&lead, "accounts/my-scope", &[]).await.0, StatusCode::OK);
    let own_origin = app.base.clone();
    assert_eq!(
        post(&[("Origin", own_origin), ("Sec-Fetch-Site", "same-origin".into())], "", form).await,
        StatusCode::OK
    );
    assert_eq!(app.call(&lead, "accounts/my-scope", &[]).await.0, StatusCode::UNAUTHORIZED, "logged out");
}
