//! Declaration steps several test files share: set the window, create, fill, submit, act.

use reqwest::{Client, StatusCode};
use serde_json::Value;

use super::TestApp;

pub async fn certificate_id(app: &TestApp, name: &str) -> String {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM certificates WHERE name = $1").bind(name).fetch_one(&app.pool).await.unwrap();
    id.to_string()
}

/// Sets this year's window: open now, or closed since the start of the year.
pub async fn set_window(app: &TestApp, open: bool) {
    let secretariat = app.login_as("demo_secretariat").await;
    let (_, status) = app.call(&app.client(), "declarations/window", &[]).await;
    let year = status["year"].as_i64().unwrap();
    let (opens, closes) = if open {
        (format!("{year}-01-01T00:00"), format!("{}-01-01T00:00", year + 1))
    } else {
        (format!("{}-12-01T00:00", year - 1), format!("{year}-01-01T00:00"))
    };
    let form = [("year", year.to_string()), ("opens_at", opens), ("closes_at", closes)];
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = app.call(&secretariat, "declarations/save-window", &pairs).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

pub async fn first_college(app: &TestApp) -> String {
    first_college_of(app, super::SCHOOL_A).await
}

pub async fn first_college_of(app: &TestApp, school: &str) -> String {
    let school = app.institution_id(school).await;
    app.college_ids(school).await[0].to_string()
}

/// A declaration of school A (its lead or coordinator calling).
pub async fn create(app: &TestApp, client: &Client, certificate: &str, level: &str) -> (StatusCode, Value) {
    create_at(app, client, super::SCHOOL_A, certificate, level).await
}

pub async fn create_at(
    app: &TestApp,
    client: &Client,
    school: &str,
    certificate: &str,
    level: &str,
) -> (StatusCode, Value) {
    let college = first_college_of(app, school).await;
    let offering = format!("{}:{level}", certificate_id(app, certificate).await);
    app.call(client, "declarations/create", &[("college_id", college.as_str()), ("offering", offering.as_str())]).await
}

pub async fn get(app: &TestApp, client: &Client, id: &str) -> (StatusCode, Value) {
    app.call(client, "declarations/get", &[("id", id)]).await
}

pub fn form<'a>(
    id: &'a str,
    version: &'a str,
    majors: &'a str,
    planned: &'a str,
    venues: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", id),
        ("version", version),
        ("majors", majors),
        ("planned_count", planned),
        ("venues", venues),
        ("equipment[0][item]", "计算机"),
        ("equipment[0][has_it]", "1"),
        ("equipment[0][quantity]", "40"),
        ("equipment[0][note]", ""),
        ("teacher_training", "2名教师已取得培训证书"),
        ("students", "物流管理专业在校生320人"),
        ("pilot_years", ""),
        ("pilot_trained", ""),
        ("pilot_certified", ""),
    ]
}

pub async fn act(app: &TestApp, client: &Client, id: &str, action: &str, comment: &str) -> (StatusCode, Value) {
    app.call(client, "declarations/act", &[("id", id), ("action", action), ("comment", comment)]).await
}

pub async fn status_of(app: &TestApp, client: &Client, id: &str) -> String {
    get(app, client, id).await.1["status"].as_str().unwrap_or_default().to_string()
}

/// A lead's declaration filled and submitted to school review, returning its id.
pub async fn submitted(app: &TestApp, lead: &Client, planned: &str) -> String {
    let (status, id) = create(app, lead, "物流管理", "junior").await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.to_string();
    let (status, body) = app.call(lead, "declarations/save", &form(&id, "1", "530802", planned, "物流实训中心")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(act(app, lead, &id, "Submit", "").await.0, StatusCode::OK);
    id
}

/// A 物流管理 declaration of `school` at `level` filled and submitted by `lead`, then final-submitted by
/// `coordinator`: awaiting the secretariat's review. Returns its id.
pub async fn awaiting_review(app: &TestApp, school: &str, level: &str, lead: &Client, coordinator: &Client) -> String {
    let (status, id) = create_at(app, lead, school, "物流管理", level).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.to_string();
    let (status, body) = app.call(lead, "declarations/save", &form(&id, "1", "530802", "60", "实训中心")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(act(app, lead, &id, "Submit", "").await.0, StatusCode::OK);
    assert_eq!(act(app, coordinator, &id, "FinalSubmit", "").await.0, StatusCode::OK);
    id
}

/// The two demo schools' people, logged in: (lead A, coordinator A, lead B, coordinator B).
pub async fn both_schools(app: &TestApp) -> (Client, Client, Client, Client) {
    (
        app.login_as("demo_lead").await,
        app.login_as("demo_coordinator").await,
        app.login_as("demo_lead_b").await,
        app.login_as("demo_coordinator_b").await,
    )
}

/// A complete follow-up of a school with one 物流管理 lead (the form the coordinator submits).
pub fn followup_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("leadership_group", "组长：教学副校长；成员：教务处处长、各二级学院院长"),
        ("working_group", "教务处牵头"),
        ("leader_name", "张三"),
        ("leader_title", "副校长"),
        ("leader_phone", "0771-1234567"),
        ("staff_name", "李四"),
        ("staff_title", "教务处副处长"),
        ("staff_mobile", "13800000000"),
        ("staff_qq_email", "12345678@qq.com"),
        ("leads[0][certificate]", "物流管理"),
        ("leads[0][name]", "王五"),
        ("leads[0][mobile]", "13900000000"),
        ("leads[0][qq_email]", "87654321@qq.com"),
    ]
}

/// Uploads an evidence photo to a declaration as the phone's outbox does (JSON answer).
pub async fn upload_photo(
    app: &TestApp,
    client: &Client,
    id: &str,
    bytes: Vec<u8>,
    client_id: &str,
) -> (StatusCode, Value) {
    let form = reqwest::multipart::Form::new()
        .part("file", reqwest::multipart::Part::bytes(bytes).file_name("photo.jpg"))
        .text("category", "equipment")
        .text("caption", "实训室计算机")
        .text("client_id", client_id.to_string());
    let response = client
        .post(format!("{}/api/declarations/{id}/photos", app.base))
        .header("Accept", "application/json")
        .multipart(form)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap_or(Value::Null))
}

/// A plain JPEG of this size, as a phone's camera would send (no metadata).
pub fn plain_jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::DynamicImage::new_rgb8(width, height)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    out
}
