//! The policy library, notices, FAQ and contact card: shipped seed data, search, and who may edit.

mod common;

use common::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn the_seed_documents_and_faq_ship_with_the_app() {
    let app = TestApp::spawn().await;
    let anyone = app.client();
    let (status, national) = app.call(&anyone, "library/policies", &[("scope", "national"), ("query", "")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(national.as_array().unwrap().len(), 24);
    let (_, regional) = app.call(&anyone, "library/policies", &[("scope", "regional"), ("query", "")]).await;
    assert_eq!(regional.as_array().unwrap().len(), 9);
    // Entry 6 wraps across lines in the seed: its number and full link are joined.
    let sixth = &national[5];
    assert_eq!(sixth["doc_number"], "人社部发〔2019〕34号");
    assert!(sixth["url"].as_str().unwrap().ends_with("t20190508_381175.html"));
    // Entries without a link carry none (shown as "no link"), never a broken one.
    assert_eq!(national[9]["url"], "");
    let (_, faq) = app.call(&anyone, "library/faq", &[("query", "")]).await;
    assert_eq!(faq.as_array().unwrap().len(), 10);
    let (_, contact) = app.call(&anyone, "library/contact", &[]).await;
    assert_eq!(contact["phone"], "0771-6709558");
}

#[tokio::test]
async fn policies_are_found_by_words_of_the_title_or_by_document_number() {
    let app = TestApp::spawn().await;
    let anyone = app.client();
    let (_, by_number) = app.call(&anyone, "library/policies", &[("scope", ""), ("query", "教财〔2020〕5号")]).await;
    assert_eq!(by_number.as_array().unwrap().len(), 1);
    let (_, by_words) = app.call(&anyone, "library/policies", &[("scope", ""), ("query", "学分银行")]).await;
    assert!(by_words.as_array().unwrap().len() >= 3);
    let (_, faq) = app.call(&anyone, "library/faq", &[("query", "累计人数")]).await;
    assert_eq!(faq[0]["seq"], 4);
    // Letters match in either case, on PostgreSQL as on SQLite.
    let (_, faq) = app.call(&anyone, "library/faq", &[("query", "qq 工作群")]).await;
    assert_eq!(faq.as_array().unwrap().len(), 1, "{faq}");
    let (_, lower) = app.call(&anyone, "library/policies", &[("scope", ""), ("query", "1+x")]).await;
    let (_, upper) = app.call(&anyone, "library/policies", &[("scope", ""), ("query", "1+X")]).await;
    assert!(!upper.as_array().unwrap().is_empty());
    assert_eq!(lower, upper);
    // A typed % is literal, not a wildcard.
    let (_, none) = app.call(&anyone, "library/policies", &[("scope", ""), ("query", "%")]).await;
    assert_eq!(none.as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn only_the_secretariat_edits_and_a_retired_document_disappears_for_others() {
    let app = TestApp::spawn().await;
    let form = [("scope", "regional"), ("title", "2026年广西1+X证书试点工作通知"), ("doc_number", ""), ("url", "")];
    for username in ["demo_lead", "demo_coordinator", "demo_org", "demo_expert"] {
        let client = app.login_as(username).await;
        assert_eq!(app.call(&client, "library/save-policy", &form).await.0, StatusCode::FORBIDDEN, "{username}");
        assert_eq!(
            app.call(&client, "library/save-notice", &[("title", "x"), ("body", "y"), ("audience", ""), ("links", "")])
                .await
                .0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.call(&client, "library/save-faq", &[("question", "q"), ("answer", "a")]).await.0,
            StatusCode::FORBIDDEN
        );
    }
    let secretariat = app.login_as("demo_secretariat").await;
    let (status, id) = app.call(&secretariat, "library/save-policy", &form).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.to_string();
    let (_, regional) = app.call(&app.client(), "library/policies", &[("scope", "regional"), ("query", "")]).await;
    assert_eq!(regional.as_array().unwrap().len(), 10);
    assert_eq!(regional[9]["seq"], 10);

    app.call(&secretariat, "library/retire-policy", &[("id", &id), ("retired", "true")]).await;
    let (_, for_public) = app.call(&app.client(), "library/policies", &[("scope", "regional"), ("query", "")]).await;
    assert_eq!(for_public.as_array().unwrap().len(), 9);
    let (_, for_secretariat) =
        app.call(&secretariat, "library/policies", &[("scope", "regional"), ("query", "")]).await;
    assert_eq!(for_secretariat.as_array().unwrap().len(), 10);

    let (status, body) = app
        .call(
            &secretariat,
            "library/save-policy",
            &[("scope", "national"), ("title", "x"), ("doc_number", ""), ("url", "moe.gov.cn")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "url");
}

#[tokio::test]
async fn a_notice_for_one_role_reaches_only_that_role_and_pinned_ones_come_first() {
    let app = TestApp::spawn().await;
    let secretariat = app.login_as("demo_secretariat").await;
    let publish = |title: &'static str, audience: &'static str, pinned: bool| {
        let mut form =
            vec![("title", title), ("body", "正文"), ("audience", audience), ("links", "https://www.gxgsxy.com/a")];
        if pinned {
            form.push(("pinned", "1"));
        }
        let app = &app;
        let secretariat = &secretariat;
        async move { app.call(secretariat, "library/save-notice", &form).await }
    };
    assert_eq!(publish("置顶：申报培训", "", true).await.0, StatusCode::OK);
    assert_eq!(publish("仅证书负责人", "lead", false).await.0, StatusCode::OK);
    assert_eq!(publish("2026年申报启动", "", false).await.0, StatusCode::OK);

    let titles = |v: serde_json::Value| {
        v.as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    let (_, public) = app.call(&app.client(), "library/notices", &[("limit", "0")]).await;
    assert_eq!(titles(public), ["置顶：申报培训", "2026年申报启动"]);
    let lead = app.login_as("demo_lead").await;
    let (_, for_lead) = app.call(&lead, "library/notices", &[("limit", "0")]).await;
    assert_eq!(titles(for_lead).len(), 3);
    let coordinator = app.login_as("demo_coordinator").await;
    let (_, for_coordinator) = app.call(&coordinator, "library/notices", &[("limit", "2")]).await;
    assert_eq!(titles(for_coordinator), ["置顶：申报培训", "2026年申报启动"]);
}
