//! The certificate catalog over HTTP: public reading, an organization editing only its own
//! certificates, and the secretariat's cost cap refusing higher fees.

mod common;

use common::TestApp;
use reqwest::StatusCode;
use serde_json::Value;

async fn certificate_id(app: &TestApp, name: &str) -> String {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM certificates WHERE name = $1").bind(name).fetch_one(&app.pool).await.unwrap();
    id.to_string()
}

fn offering<'a>(detail: &'a Value, level: &str) -> &'a Value {
    detail["offerings"].as_array().unwrap().iter().find(|o| o["level"] == level).unwrap()
}

#[tokio::test]
async fn anyone_finds_certificates_by_name_or_organization_and_reads_their_levels() {
    let app = TestApp::spawn().await;
    let anyone = app.client();
    let (status, found) = app.call(&anyone, "catalog/search", &[("query", "照护")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found["certificates"][0]["name"], "老年照护");
    assert_eq!(found["certificates"][0]["open_levels"].as_array().unwrap().len(), 3);
    let (_, by_org) = app.call(&anyone, "catalog/search", &[("query", "华为")]).await;
    assert_eq!(by_org["certificates"][0]["name"], "网络系统建设与运维");

    let bim = certificate_id(&app, "建筑信息模型(BIM)").await;
    let (status, detail) = app.call(&anyone, "catalog/certificate", &[("id", &bim)]).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["organization"]["name"], "廊坊市中科建筑产业化创新研究中心");
    assert_eq!(offering(&detail, "Senior")["fee_fen"], 50_000);
}

#[tokio::test]
async fn an_organization_edits_its_own_certificate_within_the_cap_and_nothing_else() {
    let app = TestApp::spawn().await;
    let org = app.login_as("demo_org").await;
    let logistics = certificate_id(&app, "物流管理").await;
    let (_, detail) = app.call(&app.client(), "catalog/certificate", &[("id", &logistics)]).await;
    let year = offering(&detail, "Junior")["year"].to_string();
    let form = |id: &str, fee: &str| {
        vec![
            ("certificate_id", id.to_string()),
            ("year", year.clone()),
            ("level", "初级".to_string()),
            ("is_open", "1".to_string()),
            ("fee", fee.to_string()),
            ("site_conditions", "理论机房40座".to_string()),
            ("exam_plan", "6月、12月".to_string()),
            ("training_plan", "7月线上".to_string()),
            ("equipment", "计算机 | i5 | 40".to_string()),
            ("majors", "530802".to_string()),
        ]
    };
    let call = |form: Vec<(&'static str, String)>| {
        let pairs: Vec<(&str, String)> = form;
        let app = &app;
        let org = &org;
        async move {
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(org, "catalog/save-offering", &borrowed).await
        }
    };
    let (status, body) = call(form(&logistics, "320")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, detail) = app.call(&app.client(), "catalog/certificate", &[("id", &logistics)]).await;
    assert_eq!(offering(&detail, "Junior")["fee_fen"], 32_000);
    assert_eq!(offering(&detail, "Junior")["site_conditions"], "理论机房40座");

    // Above the secretariat's cap (¥600 in the demo data): refused, with both amounts named.
    let (status, body) = call(form(&logistics, "600.01")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = body["Validation"][0]["message"]["zh"].as_str().unwrap();
    assert!(message.contains("¥600.01") && message.contains("¥600"), "{message}");

    // Another organization's certificate: forbidden.
    let bim = certificate_id(&app, "建筑信息模型(BIM)").await;
    assert_eq!(call(form(&bim, "100")).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_the_secretariat_sets_caps_and_schools_edit_nothing_here() {
    let app = TestApp::spawn().await;
    let logistics = certificate_id(&app, "物流管理").await;
    let (_, detail) = app.call(&app.client(), "catalog/certificate", &[("id", &logistics)]).await;
    let year = offering(&detail, "Junior")["year"].to_string();
    let cap = [("certificate_id", logistics.as_str()), ("year", year.as_str()), ("level", "junior"), ("cap", "250")];
    for username in ["demo_org", "demo_lead", "demo_coordinator", "demo_expert"] {
        let client = app.login_as(username).await;
        assert_eq!(app.call(&client, "catalog/set-cap", &cap).await.0, StatusCode::FORBIDDEN, "{username}");
    }
    for username in ["demo_lead", "demo_coordinator", "demo_expert"] {
        let client = app.login_as(username).await;
        let (status, _) = app
            .call(
                &client,
                "catalog/save-offering",
                &[
                    ("certificate_id", logistics.as_str()),
                    ("year", year.as_str()),
                    ("level", "junior"),
                    ("fee", "1"),
                    ("site_conditions", ""),
                    ("exam_plan", ""),
                    ("training_plan", ""),
                    ("equipment", ""),
                    ("majors", ""),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{username}");
    }
    let secretariat = app.login_as("demo_secretariat").await;
    assert_eq!(app.call(&secretariat, "catalog/set-cap", &cap).await.0, StatusCode::OK);
    // The demo fee (¥300) is now above the new cap: saving it again is refused.
    let org = app.login_as("demo_org").await;
    let (status, _) = app
        .call(
            &org,
            "catalog/save-offering",
            &[
                ("certificate_id", logistics.as_str()),
                ("year", year.as_str()),
                ("level", "junior"),
                ("is_open", "1"),
                ("fee", "300"),
                ("site_conditions", ""),
                ("exam_plan", ""),
                ("training_plan", ""),
                ("equipment", ""),
                ("majors", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_school_checks_a_major_against_a_level_with_the_shared_rule() {
    let app = TestApp::spawn().await;
    let logistics = certificate_id(&app, "物流管理").await;
    let bim = certificate_id(&app, "建筑信息模型(BIM)").await;
    let (_, detail) = app.call(&app.client(), "catalog/certificate", &[("id", &logistics)]).await;
    let year = offering(&detail, "Junior")["year"].to_string();
    assert_eq!(offering(&detail, "Junior")["eligible_majors"][0]["code"], "530802");

    let lead = app.login_as("demo_lead").await; // a higher-vocational college
    let check = |certificate: String, major: &'static str| {
        let (app, lead, year) = (&app, &lead, year.clone());
        async move {
            app.call(
                lead,
                "catalog/eligibility",
                &[
                    ("certificate_id", certificate.as_str()),
                    ("year", year.as_str()),
                    ("level", "junior"),
                    ("major_code", major),
                ],
            )
            .await
        }
    };
    assert_eq!(check(logistics.clone(), "530802").await.1["eligibility"], "Eligible");
    assert_eq!(check(logistics.clone(), "440301").await.1["eligibility"], "NotInRange");
    let (status, body) = check(logistics.clone(), "999999").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "major_code");

    // A university picking an associate-level major is routed to the secretariat, even within range.
    let secretariat = app.login_as("demo_secretariat").await;
    let university = app.institution_id("演示应用技术大学").await.to_string();
    let (_, colleges) = app.call(&secretariat, "institutions/colleges", &[("institution_id", &university)]).await;
    assert!(!colleges.as_array().unwrap().is_empty());
    sqlx::query("UPDATE accounts SET institution_id = $1 WHERE username = 'demo_lead_b'")
        .bind(university.parse::<i64>().unwrap())
        .execute(&app.pool)
        .await
        .unwrap();
    let university_lead = app.login_as("demo_lead_b").await;
    let (_, body) = app
        .call(
            &university_lead,
            "catalog/eligibility",
            &[("certificate_id", bim.as_str()), ("year", year.as_str()), ("level", "junior"), ("major_code", "440301")],
        )
        .await;
    assert_eq!(body["eligibility"], "NeedsSecretariat", "{body}");

    // Only schools check eligibility.
    let expert = app.login_as("demo_expert").await;
    let (status, _) = app
        .call(
            &expert,
            "catalog/eligibility",
            &[("certificate_id", bim.as_str()), ("year", year.as_str()), ("level", "junior"), ("major_code", "440301")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_school_asks_the_organization_to_add_a_major_and_sees_the_answer() {
    let app = TestApp::spawn().await;
    let logistics = certificate_id(&app, "物流管理").await;
    let (_, detail) = app.call(&app.client(), "catalog/certificate", &[("id", &logistics)]).await;
    let year = offering(&detail, "Junior")["year"].to_string();
    let ask = [
        ("certificate_id", logistics.as_str()),
        ("year", year.as_str()),
        ("level", "junior"),
        ("major_code", "440301"),
    ];
    let check = [
        ("certificate_id", logistics.as_str()),
        ("year", year.as_str()),
        ("level", "junior"),
        ("major_code", "440301"),
    ];
    let lead = app.login_as("demo_lead").await;
    assert_eq!(app.call(&lead, "catalog/eligibility", &check).await.1["eligibility"], "NotInRange");
    assert_eq!(app.call(&lead, "catalog/request-major", &ask).await.0, StatusCode::OK);
    assert_eq!(app.call(&lead, "catalog/request-major", &ask).await.0, StatusCode::CONFLICT, "no duplicate requests");

    // Only the certificate's own organization answers.
    let (_, for_org) = app.call(&app.login_as("demo_org").await, "catalog/major-requests", &[]).await;
    let id = for_org[0]["id"].to_string();
    assert_eq!(for_org[0]["status"], "open");
    let secretariat = app.login_as("demo_secretariat").await;
    assert_eq!(
        app.call(&secretariat, "catalog/decide-major-request", &[("id", &id), ("accept", "true")]).await.0,
        StatusCode::FORBIDDEN
    );
    let org = app.login_as("demo_org").await;
    let (status, _) = app.call(&org, "catalog/decide-major-request", &[("id", &id), ("accept", "true")]).await;
    assert_eq!(status, StatusCode::OK);

    // The school is told, and the major is now eligible; a second answer is refused.
    let (_, mine) = app.call(&lead, "catalog/major-requests", &[]).await;
    assert_eq!(mine[0]["status"], "accepted");
    assert_eq!(app.call(&lead, "catalog/eligibility", &check).await.1["eligibility"], "Eligible");
    let (_, detail) = app.call(&org, "catalog/certificate", &[("id", logistics.as_str())]).await;
    assert_eq!(detail["history"][0]["changes"][0]["zh"], "新增可申报专业：440301（应学校申请）", "{detail}");
    assert_eq!(
        app.call(&org, "catalog/decide-major-request", &[("id", &id), ("accept", "false")]).await.0,
        StatusCode::NOT_FOUND
    );
    // Another school does not see this school's requests.
    let (_, other) = app.call(&app.login_as("demo_lead_b").await, "catalog/major-requests", &[]).await;
    assert_eq!(other.as_array().unwrap().len(), 0);
}
