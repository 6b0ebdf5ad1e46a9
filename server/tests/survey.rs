//! The internal survey over HTTP: rows and their checks, the dated decision steps, and accepted rows
//! becoming declaration drafts for their leads; nobody outside the school sees the survey.

mod common;

use common::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn survey_rows_become_declaration_drafts_for_their_leads() {
    let app = TestApp::spawn().await;
    let school = app.institution_id(common::SCHOOL_A).await;
    let colleges = app.college_ids(school).await;
    let (first, second) = (colleges[0].to_string(), colleges[1].to_string());
    let (logistics,): (i64,) =
        sqlx::query_as("SELECT id FROM certificates WHERE name = '物流管理'").fetch_one(&app.pool).await.unwrap();
    let (care,): (i64,) =
        sqlx::query_as("SELECT id FROM certificates WHERE name = '老年照护'").fetch_one(&app.pool).await.unwrap();
    let (logistics, care) = (format!("{logistics}:junior"), format!("{care}:junior"));
    let lead_id = app.account_id("demo_lead").await.to_string();
    let coordinator = app.login_as("demo_coordinator").await;

    let row = |college: &str, offering: &str, majors: &str, students: &str, lead: Option<&str>| {
        let mut form = vec![
            ("college_id", college.to_string()),
            ("offering", offering.to_string()),
            ("majors", majors.to_string()),
            ("students_willing", students.to_string()),
            ("note", "学生意愿较强".to_string()),
        ];
        if let Some(lead) = lead {
            form.push(("proposed_lead_id", lead.to_string()));
        }
        form
    };
    let add = |client: reqwest::Client, form: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&client, "survey/add", &pairs).await
        }
    };
    let (status, body) = add(coordinator.clone(), row(&first, &logistics, "5308", "很多", None)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        body["Validation"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["majors", "students_willing"]);
    assert_eq!(
        add(coordinator.clone(), row(&first, &logistics, "530802", "45", Some(&lead_id))).await.0,
        StatusCode::OK
    );
    assert_eq!(add(coordinator.clone(), row(&second, &care, "590302", "20", None)).await.0, StatusCode::OK);
    // A lead adds rows for their own colleges only, as the proposed lead.
    let lead = app.login_as("demo_lead").await;
    assert_eq!(add(lead.clone(), row(&second, &care, "", "5", None)).await.0, StatusCode::FORBIDDEN);

    let (_, survey) = app.call(&coordinator, "survey/get", &[]).await;
    assert_eq!(survey["rows"].as_array().unwrap().len(), 2);
    assert_eq!(survey["summary"].as_array().unwrap().len(), 2, "{survey}");
    let (_, theirs) = app.call(&lead, "survey/get", &[]).await;
    assert_eq!(theirs["rows"].as_array().unwrap().len(), 1, "a lead sees the rows of their colleges");
    let (_, other) = app.call(&app.login_as("demo_coordinator_b").await, "survey/get", &[]).await;
    assert!(other["rows"].as_array().unwrap().is_empty());

    let step = |n: &'static str, date: &'static str| [("step", n), ("done_on", date), ("note", "会议纪要")];
    assert_eq!(app.call(&coordinator, "survey/step", &step("1", "三月")).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.call(&lead, "survey/step", &step("1", "2026-03-01")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.call(&coordinator, "survey/step", &step("1", "2026-03-01")).await.0, StatusCode::OK);
    assert_eq!(app.call(&coordinator, "survey/step", &step("4", "2026-03-20")).await.0, StatusCode::OK);
    let (_, survey) = app.call(&coordinator, "survey/get", &[]).await;
    assert_eq!(survey["steps"].as_array().unwrap().len(), 2);

    let ids: Vec<String> = survey["rows"].as_array().unwrap().iter().map(|r| r["id"].to_string()).collect();
    let without_lead =
        survey["rows"].as_array().unwrap().iter().find(|r| r["proposed_lead"].is_null()).unwrap()["id"].to_string();
    let with_lead = ids.iter().find(|id| **id != without_lead).unwrap().clone();
    let (status, body) = app
        .call(&coordinator, "survey/accept", &[("ids[0]", with_lead.as_str()), ("ids[1]", without_lead.as_str())])
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(app.call(&lead, "survey/accept", &[("ids[0]", with_lead.as_str())]).await.0, StatusCode::FORBIDDEN);
    let (status, created) = app.call(&coordinator, "survey/accept", &[("ids[0]", with_lead.as_str())]).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let declaration = created[0].to_string();
    let (_, d) = app.call(&lead, "declarations/get", &[("id", declaration.as_str())]).await;
    assert_eq!(d["status"], "Draft");
    assert_eq!(d["content"]["majors"][0], "530802");
    assert_eq!(d["content"]["planned_count"], 45);
    assert_eq!(
        app.call(&coordinator, "survey/accept", &[("ids[0]", with_lead.as_str())]).await.0,
        StatusCode::CONFLICT,
        "once only"
    );
}

#[tokio::test]
async fn accepting_rows_is_all_or_nothing() {
    let app = TestApp::spawn().await;
    let school = app.institution_id(common::SCHOOL_A).await;
    let colleges = app.college_ids(school).await;
    let (logistics,): (i64,) =
        sqlx::query_as("SELECT id FROM certificates WHERE name = '物流管理'").fetch_one(&app.pool).await.unwrap();
    let offering = format!("{logistics}:junior");
    let lead_id = app.account_id("demo_lead").await.to_string();
    let coordinator = app.login_as("demo_coordinator").await;
    // The same certificate level from two colleges: one school may declare it once.
    for college in &colleges[..2] {
        let college = college.to_string();
        let form = [
            ("college_id", college.as_str()),
            ("offering", offering.as_str()),
            ("majors", "530802"),
            ("students_willing", "30"),
            ("note", ""),
            ("proposed_lead_id", lead_id.as_str()),
        ];
        assert_eq!(app.call(&coordinator, "survey/add", &form).await.0, StatusCode::OK);
    }
    let (_, survey) = app.call(&coordinator, "survey/get", &[]).await;
    let ids: Vec<String> = survey["rows"].as_array().unwrap().iter().map(|r| r["id"].to_string()).collect();
    let form: Vec<(String, String)> = ids.iter().enumerate().map(|(n, id)| (format!("ids[{n}]"), id.clone())).collect();
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (status, body) = app.call(&coordinator, "survey/accept", &pairs).await;
    assert!(status.is_client_error(), "the second draft cannot be made: {status} {body}");
    let (declarations,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM declarations").fetch_one(&app.pool).await.unwrap();
    let (linked,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM survey_rows WHERE declaration_id IS NOT NULL")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!((declarations, linked), (0, 0), "nothing of the refused acceptance is kept");
}
