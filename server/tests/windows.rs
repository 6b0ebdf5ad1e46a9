//! The application window over HTTP: only the secretariat sets it; everyone reads its state.

mod common;

use common::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn the_secretariat_sets_the_window_and_everyone_sees_whether_it_is_open() {
    let app = TestApp::spawn().await;
    let anyone = app.client();
    sqlx::query("DELETE FROM application_windows").execute(&app.pool).await.unwrap(); // the demo's window
    let (status, before) = app.call(&anyone, "declarations/window", &[]).await;
    assert_eq!(status, StatusCode::OK, "{before}");
    assert_eq!(before["state"], "NotScheduled");
    let year = before["year"].to_string();
    let next = (before["year"].as_i64().unwrap() + 1).to_string();

    let secretariat = app.login_as("demo_secretariat").await;
    let window =
        |opens: String, closes: String| vec![("year", year.clone()), ("opens_at", opens), ("closes_at", closes)];
    let send = |client: reqwest::Client, form: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&client, "declarations/save-window", &pairs).await
        }
    };
    // Bad times are named field by field; a window that closes before it opens is refused.
    let (status, body) = send(secretariat.clone(), window("明天".into(), "2026-02-30T10:00".into())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"].as_array().unwrap().len(), 2, "{body}");
    let (status, body) =
        send(secretariat.clone(), window(format!("{year}-12-31T10:00"), format!("{year}-01-01T10:00"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "closes_at");

    // Open from the start of the year until the start of the next: open now.
    let open = window(format!("{year}-01-01T00:00"), format!("{next}-01-01T00:00"));
    for username in ["demo_coordinator", "demo_lead", "demo_org", "demo_expert"] {
        let client = app.login_as(username).await;
        assert_eq!(send(client, open.clone()).await.0, StatusCode::FORBIDDEN, "{username}");
    }
    assert_eq!(send(app.client(), open.clone()).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(send(secretariat.clone(), open).await.0, StatusCode::OK);
    let (_, now) = app.call(&anyone, "declarations/window", &[]).await;
    assert!(now["state"]["Open"].is_object(), "{now}");
    let (_, home) = app.call(&app.login_as("demo_lead").await, "home", &[]).await;
    assert!(home["window"]["state"]["Open"].is_object(), "every home shows it: {home}");

    // Moved to have closed at the start of this year: closed, with the closing time.
    let closed = window(format!("{}-12-01T00:00", year.parse::<i64>().unwrap() - 1), format!("{year}-01-01T00:00"));
    assert_eq!(send(secretariat, closed).await.0, StatusCode::OK);
    let (_, now) = app.call(&anyone, "declarations/window", &[]).await;
    assert!(now["state"]["Closed"].is_object(), "{now}");
}
