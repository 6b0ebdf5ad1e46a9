//! Script injection through text a person typed: every page that shows a stored or echoed text in a textarea
//! gets `</textarea><script>…` and `<img onerror>` payloads and must give them back as text, never as markup;
//! a refused plain form comes back from a flash only its own browser can read; every page carries a CSP whose
//! nonce is on each of its scripts.

mod common;

use common::flows::{act, both_schools, certificate_id, create, followup_form, form, set_window};
use common::TestApp;
use reqwest::{Client, StatusCode};

const SCRIPT: &str = "</textarea><script>alert(1)</script>";
const IMG: &str = "</textarea><img src=x onerror=alert(2)>";
/// For fields of at most 30 characters (a rubric criterion's name).
const SHORT: &str = "</textarea><svg/onload=x>";

/// The payload as HTML text: what the page must contain instead of the payload itself.
fn as_text(payload: &str) -> String {
    payload.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

async fn page(app: &TestApp, client: &Client, path: &str) -> String {
    let response = client.get(format!("{}{path}", app.base)).send().await.expect("page");
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let policy = response.headers()["content-security-policy"].to_str().unwrap().to_string();
    let html = response.text().await.unwrap();
    assert_scripts_carry_the_nonce(&html, &policy, path);
    html
}

/// Each `<script` of the page has the nonce its CSP allows, and the CSP allows no other inline script.
fn assert_scripts_carry_the_nonce(html: &str, policy: &str, path: &str) {
    let nonce = policy.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect("a nonce in the CSP");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"), "{policy}");
    let scripts = html.matches("<script").count();
    assert!(scripts >= 2, "{path}: the hydration scripts");
    assert_eq!(html.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "{path}: every script has the nonce");
}

fn assert_inert(html: &str, payloads: &[&str], path: &str) {
    for payload in payloads {
        assert!(!html.contains(payload), "{path}: {payload} came back as markup");
        assert!(html.contains(&as_text(payload)), "{path}: {payload} is shown as text");
    }
    assert!(!html.contains("<img src=x"), "{path}");
}

#[tokio::test]
async fn stored_text_comes_back_as_text_in_every_text_area() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let (lead, coordinator, _, _) = both_schools(&app).await;
    let secretariat = app.login_as("demo_secretariat").await;

    // A lead's venues, teacher training and students, read by the coordinator in the declaration form.
    let (status, id) = create(&app, &lead, "物流管理", "junior").await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.to_string();
    let mut fields = form(&id, "1", "530802", "60", SCRIPT);
    fields.retain(|(k, _)| *k != "teacher_training" && *k != "students");
    fields.extend([("teacher_training", IMG), ("students", SCRIPT)]);
    let (status, body) = app.call(&lead, "declarations/save", &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let path = format!("/declarations/{id}");
    assert_inert(&page(&app, &coordinator, &path).await, &[SCRIPT, IMG], &path);
    assert_inert(&page(&app, &lead, &path).await, &[SCRIPT, IMG], &path);

    // An organization's site conditions, exam plan and training plan, read by the secretariat in the editor.
    let org = app.login_as("demo_org").await;
    let (certificate, offering) = offering_form(&app, "300", "计算机 | i5 | 40", [SCRIPT, IMG, SCRIPT]).await;
    let offering: Vec<(&str, &str)> = offering.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = app.call(&org, "catalog/save-offering", &offering).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let path = format!("/certificates/{certificate}");
    assert_inert(&page(&app, &secretariat, &path).await, &[SCRIPT, IMG], &path);

    // A FAQ answer and the rubric's criteria, in the secretariat's editors.
    let (status, body) = app.call(&secretariat, "library/save-faq", &[("question", "注入？"), ("answer", IMG)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_inert(&page(&app, &secretariat, "/faq").await, &[IMG], "/faq");
    let year = app.call(&app.client(), "declarations/window", &[]).await.1["year"].to_string();
    let criteria = format!("{SHORT} | 60\n设备 | 40");
    let (status, body) =
        app.call(&secretariat, "review/save-rubric", &[("year", year.as_str()), ("criteria", criteria.as_str())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_inert(&page(&app, &secretariat, "/review").await, &[SHORT], "/review");

    // An expert's comment, back in their score form.
    assert_eq!(act(&app, &lead, &id, "Submit", "").await.0, StatusCode::OK);
    assert_eq!(act(&app, &coordinator, &id, "FinalSubmit", "").await.0, StatusCode::OK);
    let expert_id = app.account_id("demo_expert").await.to_string();
    let assign = [("declaration_id", id.as_str()), ("expert_id", expert_id.as_str())];
    assert_eq!(app.call(&secretariat, "review/assign", &assign).await.0, StatusCode::OK);
    let expert = app.login_as("demo_expert").await;
    let (_, mine) = app.call(&expert, "review/mine", &[]).await;
    let assignment = mine[0]["id"].to_string();
    let score = [
        ("id", assignment.as_str()),
        ("marks[0]", "80"),
        ("marks[1]", "80"),
        ("recommendation", "conditions"),
        ("comment", SCRIPT),
    ];
    let (status, body) = app.call(&expert, "review/score", &score).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let path = format!("/assignments/{assignment}");
    assert_inert(&page(&app, &expert, &path).await, &[SCRIPT], &path);

    // A school's working organization, after approval, back in its follow-up form.
    let decide = [("ids[0]", id.as_str()), ("decision", "approve"), ("comment", "")];
    assert_eq!(app.call(&secretariat, "review/decide", &decide).await.0, StatusCode::OK);
    let mut followup = followup_form();
    followup.retain(|(k, _)| *k != "leadership_group" && *k != "working_group");
    followup.extend([("leadership_group", SCRIPT), ("working_group", IMG)]);
    let (status, body) = app.call(&coordinator, "followup/submit", &followup).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_inert(&page(&app, &coordinator, "/followup").await, &[SCRIPT, IMG], "/followup");
}

/// The organization's editor of 物流管理's junior level this year: its certificate id and the fields.
async fn offering_form(
    app: &TestApp,
    fee: &str,
    equipment: &str,
    [site_conditions, exam_plan, training_plan]: [&str; 3],
) -> (String, Vec<(&'static str, String)>) {
    let certificate = certificate_id(app, "物流管理").await;
    let year = app.call(&app.client(), "declarations/window", &[]).await.1["year"].to_string();
    let fields = [
        ("certificate_id", certificate.as_str()),
        ("year", year.as_str()),
        ("level", "junior"),
        ("is_open", "1"),
        ("fee", fee),
        ("equipment", equipment),
        ("majors", "530802"),
        ("site_conditions", site_conditions),
        ("exam_plan", exam_plan),
        ("training_plan", training_plan),
    ];
    (certificate.clone(), fields.iter().map(|(k, v)| (*k, v.to_string())).collect())
}

/// A plain post (scripts off) from `referer`, as a browser sends it.
async fn plain_post(app: &TestApp, client: &Client, endpoint: &str, referer: &str, fields: &[(&str, &str)]) -> String {
    let response = client
        .post(format!("{}/api/{endpoint}", app.base))
        .header("Accept", "text/html")
        .header("Referer", format!("{}{referer}", app.base))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND, "{endpoint} is refused and goes back");
    response.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn a_refused_plain_form_echoes_what_was_typed_as_text_and_only_to_its_own_browser() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let (lead, coordinator, _, _) = both_schools(&app).await;
    let (_, id) = create(&app, &lead, "物流管理", "junior").await;
    let id = id.to_string();
    let path = format!("/declarations/{id}");
    let mut fields = form(&id, "1", "530802", "很多", SCRIPT);
    fields.retain(|(k, _)| *k != "students");
    fields.push(("students", IMG));
    let back = plain_post(&app, &lead, "declarations/save", &path, &fields).await;
    assert!(back.starts_with(&format!("{path}?flash=")), "{back}");
    assert!(!back.contains("alert") && !back.contains("textarea"), "nothing typed travels in the URL: {back}");

    let echoed = page(&app, &lead, &back).await;
    assert_inert(&echoed, &[SCRIPT, IMG], &back);
    assert!(echoed.contains("计划培训人数应为0到100000之间的整数。"), "the refusal is shown with its reason");

    // Another browser with the same link, even one who may read the declaration, sees neither.
    let other = page(&app, &coordinator, &back).await;
    assert!(!other.contains(&as_text(SCRIPT)) && !other.contains("计划培训人数应为"), "the flash is the lead's only");
    let anonymous = app.client().get(format!("{}{back}", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(!anonymous.contains(&as_text(IMG)));

    // The old way of echoing through the URL carries nothing any more.
    let injected = format!(
        "{path}?form_values=%7B%22declaration%22%3A%22{id}%22%2C%22venues%22%3A%22%3C%2Ftextarea%3E%3Cimg%20src%3Dx%20onerror%3Dalert(3)%3E%22%7D&form_error=%7B%22NotFound%22%3Anull%7D"
    );
    let html = page(&app, &lead, &injected).await;
    assert!(!html.contains("alert(3)"), "no text from the URL reaches the page");

    // The organization's editor on a certificate page, refused for its fee, echoes the typed lines as text.
    let org = app.login_as("demo_org").await;
    let (certificate, mut offering) = offering_form(&app, "abc", IMG, [SCRIPT, "", ""]).await;
    offering.push(("offering", "new".into()));
    let offering: Vec<(&str, &str)> = offering.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let certificate_page = format!("/certificates/{certificate}");
    let back = plain_post(&app, &org, "catalog/save-offering", &certificate_page, &offering).await;
    let echoed = page(&app, &org, &back).await;
    assert_inert(&echoed, &[SCRIPT, IMG], &back);
}

#[tokio::test]
async fn a_refusal_never_sends_the_browser_to_another_site() {
    let app = TestApp::spawn().await;
    for referer in ["https://evil.example/declarations", "//evil.example/x"] {
        let response = app
            .client()
            .post(format!("{}/api/accounts/login", app.base))
            .header("Accept", "text/html")
            .header("Referer", referer)
            .form(&[("username", "demo_lead"), ("password", "wrong-2026")])
            .send()
            .await
            .unwrap();
        let location = response.headers()["location"].to_str().unwrap();
        assert!(location.starts_with("/?flash="), "{referer} -> {location}");
    }
    let response = app
        .client()
        .post(format!("{}/prefs/lang", app.base))
        .form(&[("lang", "en"), ("back", "/\\evil.example")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["location"], "/");
}
