//! Results and lead institutions over HTTP: publication refused while declarations wait or a certificate
//! has no lead; naming a lead only among approved schools and only by the secretariat; the notice for
//! everyone; the exports; and the roster, readable by the lead institution only.

mod common;

use common::flows::{awaiting_review, both_schools, followup_form, set_window};
use common::TestApp;
use reqwest::{Client, StatusCode};
use serde_json::Value;

async fn assign(app: &TestApp, secretariat: &Client, ids: &[&str]) {
    let expert = app.account_id("demo_expert").await.to_string();
    for id in ids {
        let (status, body) =
            app.call(secretariat, "review/assign", &[("declaration_id", id), ("expert_id", expert.as_str())]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
}

/// 统一审批 of `ids` with a common comment and, per declaration, its own comment (empty: none).
async fn decide(
    app: &TestApp,
    secretariat: &Client,
    ids: &[(&str, &str)],
    decision: &str,
    comment: &str,
) -> (StatusCode, Value) {
    let mut form: Vec<(String, String)> = Vec::new();
    for (n, (id, own)) in ids.iter().enumerate() {
        form.push((format!("ids[{n}]"), id.to_string()));
        form.push((format!("notes[{n}][id]"), id.to_string()));
        form.push((format!("notes[{n}][text]"), own.to_string()));
    }
    form.extend([("decision".into(), decision.into()), ("comment".into(), comment.into())]);
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.call(secretariat, "review/decide", &pairs).await
}

async fn results(app: &TestApp, client: &Client) -> Value {
    let (status, body) = app.call(client, "results/view", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn csv_lines(bytes: Vec<u8>) -> Vec<String> {
    String::from_utf8(bytes).unwrap().trim_start_matches('\u{feff}').lines().map(str::to_string).collect()
}

#[tokio::test]
async fn the_secretariat_names_lead_institutions_publishes_and_the_lead_institution_reads_its_roster() {
    use calamine::Reader;
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let (lead, coordinator, lead_b, coordinator_b) = both_schools(&app).await;
    let secretariat = app.login_as("demo_secretariat").await;
    let anonymous = app.client();
    let a = awaiting_review(&app, common::SCHOOL_A, "junior", &lead, &coordinator).await;
    let b = awaiting_review(&app, common::SCHOOL_B, "junior", &lead_b, &coordinator_b).await;
    let a2 = awaiting_review(&app, common::SCHOOL_A, "intermediate", &lead, &coordinator).await;
    assign(&app, &secretariat, &[&a, &b, &a2]).await;
    let (status, body) = decide(&app, &secretariat, &[(&a, ""), (&b, "")], "approve", "同意试点").await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Before publication only the secretariat sees the results; the exports are refused to others.
    let before = results(&app, &coordinator_b).await;
    assert!(before["published_at"].is_null() && before["certificates"] == serde_json::json!([]), "{before}");
    assert_eq!(app.download(&anonymous, "/api/results/export.csv").await.0, StatusCode::CONFLICT);
    let draft = results(&app, &secretariat).await;
    assert_eq!(draft["undecided"], 1, "{draft}");
    assert_eq!(draft["totals"]["pilots"], 2);

    // Publishing waits for every decision, then for every certificate's lead institution.
    let (status, body) = app.call(&secretariat, "results/publish", &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("还有 1 份申报书未审批"), "{body}");
    let (status, body) = app.call(&secretariat, "results/publish", &[("confirm_undecided", "1")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "confirmed, it still needs the leads: {body}");
    // A rejection needs a comment: its own, or the common one.
    let (status, _) = decide(&app, &secretariat, &[(&a2, "")], "reject", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = decide(&app, &secretariat, &[(&a2, "实训条件不足，缺少仓储设备")], "reject", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, inbox) = app.call(&lead, "inbox/list", &[]).await;
    assert!(inbox.to_string().contains("实训条件不足，缺少仓储设备"), "its own comment reached the school: {inbox}");
    let (status, body) = app.call(&secretariat, "results/publish", &[]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.to_string().contains("以下证书尚未指定牵头院校：物流管理"), "{body}");

    // Only the secretariat names a lead, and only among the certificate's approved schools.
    let certificate = common::flows::certificate_id(&app, "物流管理").await;
    let school_b = app.institution_id(common::SCHOOL_B).await.to_string();
    let name_b = [("certificate_id", certificate.as_str()), ("institution_id", school_b.as_str())];
    assert_eq!(app.call(&coordinator_b, "results/name-lead", &name_b).await.0, StatusCode::FORBIDDEN);
    let (other,): (i64,) = sqlx::query_as("SELECT id FROM institutions WHERE name NOT IN ($1, $2) LIMIT 1")
        .bind(common::SCHOOL_A)
        .bind(common::SCHOOL_B)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let other = other.to_string();
    let (status, body) = app
        .call(
            &secretariat,
            "results/name-lead",
            &[("certificate_id", certificate.as_str()), ("institution_id", other.as_str())],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("牵头院校须是该证书本年度获批的试点院校"), "{body}");
    assert_eq!(app.call(&secretariat, "results/name-lead", &name_b).await.0, StatusCode::OK);
    let roster_path = "results/roster";
    let roster_form = [("certificate_id", certificate.as_str())];
    assert_eq!(app.call(&coordinator_b, roster_path, &roster_form).await.0, StatusCode::FORBIDDEN, "not yet published");

    // Publishing writes one notice for everyone and tells the lead institution.
    assert_eq!(app.call(&coordinator, "results/publish", &[]).await.0, StatusCode::FORBIDDEN);
    let (status, notice_id) = app.call(&secretariat, "results/publish", &[]).await;
    assert_eq!(status, StatusCode::OK, "{notice_id}");
    let (_, notices) = app.call(&anonymous, "library/notices", &[("limit", "0")]).await;
    let notice = notices.as_array().unwrap().iter().find(|n| n["id"] == notice_id).expect("the results notice").clone();
    assert!(notice["title"].as_str().unwrap().contains("1+X证书制度试点院校名单公布"), "{notice}");
    let text = notice["body"].as_str().unwrap();
    assert!(text.contains("物流管理（牵头院校：演示中等职业学校）"), "{text}");
    assert!(text.contains("初级（2所）"), "{text}");
    assert!(!text.contains("中级"), "the rejected declaration is not a pilot: {text}");
    let (_, inbox_b) = app.call(&coordinator_b, "inbox/list", &[]).await;
    assert!(inbox_b.to_string().contains("贵校为证书牵头院校"), "{inbox_b}");

    // Everyone reads the published results and downloads them.
    let public = results(&app, &anonymous).await;
    assert_eq!(public["certificates"][0]["lead"][1], common::SCHOOL_B, "{public}");
    assert_eq!(public["certificates"][0]["levels"][0]["schools"].as_array().unwrap().len(), 2);
    let (status, csv) = app.download(&anonymous, "/api/results/export.csv").await;
    assert_eq!(status, StatusCode::OK);
    let lines = csv_lines(csv);
    assert_eq!(lines[0], "证书,等级,试点院校,院校数,牵头院校");
    assert_eq!(
        lines[1],
        format!("物流管理,初级,{},2,{}", sorted_pair(common::SCHOOL_A, common::SCHOOL_B), common::SCHOOL_B)
    );
    let (status, xlsx) = app.download(&coordinator, "/api/results/export.xlsx").await;
    assert_eq!(status, StatusCode::OK);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(sheet.get_value((1, 0)).unwrap().to_string(), "物流管理");
    assert_eq!(sheet.get_value((1, 3)).unwrap().to_string(), "2");

    // The roster: the lead institution's coordinator and its lead of the certificate; no one of school A,
    // nor an expert, nor anyone logged out.
    let mine = results(&app, &coordinator_b).await;
    assert_eq!(mine["rosters"], serde_json::json!([[certificate.parse::<i64>().unwrap(), "物流管理"]]));
    assert_eq!(results(&app, &coordinator).await["rosters"], serde_json::json!([]));
    for denied in [&coordinator, &lead, &app.login_as("demo_expert").await] {
        assert_eq!(app.call(denied, roster_path, &roster_form).await.0, StatusCode::FORBIDDEN);
    }
    assert_eq!(app.call(&anonymous, roster_path, &roster_form).await.0, StatusCode::UNAUTHORIZED);
    let (status, roster) = app.call(&lead_b, roster_path, &roster_form).await;
    assert_eq!(status, StatusCode::OK, "{roster}");
    assert_eq!(roster["schools"].as_array().unwrap().len(), 2);
    assert!(roster["schools"].as_array().unwrap().iter().all(|s| s["followup"].is_null()));

    // School A submits its contacts, numbers written as offices write them (and a name a spreadsheet would
    // run as a formula); the roster shows them in their normal form, with A's lead of this certificate.
    let mut followup = followup_form();
    for (field, value) in [
        ("leader_phone", "+86-771-1234567"),
        ("leads[0][mobile]", "+86 139 0000 0000"),
        ("staff_name", "=HYPERLINK(\"http://evil.example\",\"李四\")"),
    ] {
        followup.iter_mut().find(|(k, _)| *k == field).unwrap().1 = value;
    }
    assert_eq!(app.call(&coordinator, "followup/submit", &followup).await.0, StatusCode::OK);
    let roster_csv = format!("/api/results/roster/{certificate}/export.csv");
    let (status, csv) = app.download(&coordinator_b, &roster_csv).await;
    assert_eq!(status, StatusCode::OK);
    let lines = csv_lines(csv);
    assert_eq!(lines.len(), 3, "{lines:?}");
    let a_line = lines.iter().find(|l| l.starts_with(common::SCHOOL_A)).unwrap();
    assert!(
        a_line.contains("张三,副校长,0771-1234567")
            && a_line.contains("\"'=HYPERLINK(")
            && a_line.contains("王五,13900000000,87654321@qq.com"),
        "{a_line}"
    );
    assert!(a_line.contains("已填报"), "{a_line}");
    let b_line = lines.iter().find(|l| l.starts_with(common::SCHOOL_B)).unwrap();
    assert!(b_line.contains("未填报") && b_line.ends_with(",是"), "{b_line}");
    assert_eq!(app.download(&coordinator, &roster_csv).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.download(&anonymous, &roster_csv).await.0, StatusCode::UNAUTHORIZED);
    let (status, _) = app.download(&secretariat, &format!("/api/results/roster/{certificate}/export.xlsx")).await;
    assert_eq!(status, StatusCode::OK);

    // A correction: naming A instead and publishing again rewrites the same notice; the roster moves to A.
    let school_a = app.institution_id(common::SCHOOL_A).await.to_string();
    let name_a = [("certificate_id", certificate.as_str()), ("institution_id", school_a.as_str())];
    assert_eq!(app.call(&secretariat, "results/name-lead", &name_a).await.0, StatusCode::OK);
    let (_, again) = app.call(&secretariat, "results/publish", &[]).await;
    assert_eq!(again, notice_id, "the same notice, rewritten");
    let (_, notices) = app.call(&anonymous, "library/notices", &[("limit", "0")]).await;
    let results_notices: Vec<&Value> =
        notices.as_array().unwrap().iter().filter(|n| n["title"].as_str().unwrap().contains("名单公布")).collect();
    assert_eq!(results_notices.len(), 1);
    assert!(results_notices[0]["body"].as_str().unwrap().contains("牵头院校：演示职业技术学院"));
    assert_eq!(app.call(&coordinator, roster_path, &roster_form).await.0, StatusCode::OK);
    assert_eq!(app.call(&coordinator_b, roster_path, &roster_form).await.0, StatusCode::FORBIDDEN);
}

/// The two school names as the results list them: in name order.
fn sorted_pair(x: &str, y: &str) -> String {
    let mut names = [x, y];
    names.sort();
    names.join("、")
}
