//! Authorisation: role and school scope are enforced by every server function, on the server.

mod common;

use common::{TestApp, SCHOOL_A, SCHOOL_B};
use reqwest::StatusCode;

#[tokio::test]
async fn nobody_logged_out_reads_school_or_registry_data() {
    let app = TestApp::spawn().await;
    let anonymous = app.client();
    let a = app.institution_id(SCHOOL_A).await.to_string();
    for (endpoint, form) in [
        ("institutions/get", vec![("id", a.as_str())]),
        ("institutions/colleges", vec![("institution_id", a.as_str())]),
        ("institutions/list", vec![("query", "")]),
        ("institutions/pending", vec![]),
        ("accounts/list", vec![]),
    ] {
        assert_eq!(app.call(&anonymous, endpoint, &form).await.0, StatusCode::UNAUTHORIZED, "{endpoint}");
    }
}

#[tokio::test]
async fn a_lead_of_school_a_cannot_read_or_change_school_b() {
    let app = TestApp::spawn().await;
    let lead_a = app.login_as("demo_lead").await;
    let a = app.institution_id(SCHOOL_A).await.to_string();
    let b = app.institution_id(SCHOOL_B).await.to_string();
    assert_eq!(app.call(&lead_a, "institutions/get", &[("id", &a)]).await.0, StatusCode::OK);
    assert_eq!(app.call(&lead_a, "institutions/get", &[("id", &b)]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.call(&lead_a, "institutions/colleges", &[("institution_id", &b)]).await.0, StatusCode::FORBIDDEN);
    // Nor change anything: adding a college, editing contacts, managing accounts are not a lead's.
    assert_eq!(
        app.call(&lead_a, "institutions/add-college", &[("institution_id", &b), ("college_name", "入侵学院")]).await.0,
        StatusCode::FORBIDDEN
    );
    let lead_b = app.account_id("demo_lead_b").await.to_string();
    assert_eq!(app.call(&lead_a, "accounts/reset-password", &[("account_id", &lead_b)]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.call(&lead_a, "accounts/list", &[]).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_coordinator_manages_only_its_own_school() {
    let app = TestApp::spawn().await;
    let coordinator_a = app.login_as("demo_coordinator").await;
    let b = app.institution_id(SCHOOL_B).await;
    let b_colleges = app.college_ids(b).await;
    let lead_b = app.account_id("demo_lead_b").await.to_string();

    assert_eq!(app.call(&coordinator_a, "institutions/get", &[("id", &b.to_string())]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        app.call(&coordinator_a, "accounts/reset-password", &[("account_id", &lead_b)]).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(&coordinator_a, "accounts/set-active", &[("account_id", &lead_b), ("active", "false")]).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(
            &coordinator_a,
            "institutions/add-college",
            &[("institution_id", &b.to_string()), ("college_name", "x学院")]
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
    // A lead scoped to another school's college is refused.
    let other = b_colleges[0].to_string();
    let (status, _) = app
        .call(
            &coordinator_a,
            "accounts/create-lead",
            &[
                ("username", "sneaky_lead"),
                ("display_name", "某某"),
                ("mobile", "13912345678"),
                ("college_ids[0]", &other),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Its list shows only its own leads.
    let (_, list) = app.call(&coordinator_a, "accounts/list", &[]).await;
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|a| a["username"].as_str().unwrap()).collect();
    assert_eq!(names, ["demo_lead"]);
}

#[tokio::test]
async fn a_coordinator_creates_a_scoped_lead_who_sees_only_that_scope() {
    let app = TestApp::spawn().await;
    let coordinator = app.login_as("demo_coordinator").await;
    let a = app.institution_id(SCHOOL_A).await;
    let colleges = app.college_ids(a).await;
    let (second, third) = (colleges[1].to_string(), colleges[2].to_string());
    let (status, issued) = app
        .call(
            &coordinator,
            "accounts/create-lead",
            &[
                ("username", "lead_auto"),
                ("display_name", "汽车证书负责人"),
                ("mobile", "13912345678"),
                ("college_ids[0]", &second),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    let password = issued["password"].as_str().unwrap().to_string();

    let lead = app.login_with("lead_auto", &password).await;
    app.call(
        &lead,
        "accounts/change-password",
        &[("current_password", &password), ("new_password", "LeadPass2026"), ("confirm_password", "LeadPass2026")],
    )
    .await;
    let (_, scope) = app.call(&lead, "accounts/my-scope", &[]).await;
    let ids: Vec<i64> = scope.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [colleges[1]]);

    // The coordinator widens the scope; the lead sees it at once.
    let lead_id = app.account_id("lead_auto").await.to_string();
    let (status, _) = app
        .call(
            &coordinator,
            "accounts/set-scope",
            &[("account_id", &lead_id), ("college_ids[0]", &second), ("college_ids[1]", &third)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, scope) = app.call(&lead, "accounts/my-scope", &[]).await;
    assert_eq!(scope.as_array().unwrap().len(), 2);

    // Disabling the sub-account ends its sessions.
    app.call(&coordinator, "accounts/set-active", &[("account_id", &lead_id), ("active", "false")]).await;
    assert_eq!(app.call(&lead, "accounts/my-scope", &[]).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn experts_and_organizations_cannot_touch_school_data() {
    let app = TestApp::spawn().await;
    let a = app.institution_id(SCHOOL_A).await.to_string();
    for username in ["demo_expert", "demo_org"] {
        let client = app.login_as(username).await;
        for (endpoint, form) in [
            ("institutions/get", vec![("id", a.as_str())]),
            ("institutions/colleges", vec![("institution_id", a.as_str())]),
            ("institutions/list", vec![("query", "")]),
            ("institutions/add-college", vec![("institution_id", a.as_str()), ("college_name", "x")]),
            ("accounts/list", vec![]),
        ] {
            assert_eq!(app.call(&client, endpoint, &form).await.0, StatusCode::FORBIDDEN, "{username} {endpoint}");
        }
    }
}

#[tokio::test]
async fn only_the_secretariat_creates_provincial_accounts() {
    let app = TestApp::spawn().await;
    let form = [("username", "new_expert"), ("display_name", "新专家"), ("role", "expert")];
    let coordinator = app.login_as("demo_coordinator").await;
    assert_eq!(app.call(&coordinator, "accounts/create-staff", &form).await.0, StatusCode::FORBIDDEN);
    let secretariat = app.login_as("demo_secretariat").await;
    let (status, issued) = app.call(&secretariat, "accounts/create-staff", &form).await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    // It cannot create school accounts: schools register their own coordinator.
    let (status, body) = app
        .call(
            &secretariat,
            "accounts/create-staff",
            &[("username", "x_coord"), ("display_name", "x"), ("role", "coordinator")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // The new expert must change the generated password first.
    let expert = app.login_with("new_expert", issued["password"].as_str().unwrap()).await;
    let (_, me) = app.call(&expert, "accounts/me", &[]).await;
    assert_eq!(me["must_change_password"], true);
}
