//! Declarations over HTTP: the window, creating and saving with versions, the state machine with its
//! timeline and inbox, the flagged-number checks, the secretariat's decisions, and every scope denial.

mod common;

use common::flows::*;
use common::TestApp;
use reqwest::{Client, StatusCode};

#[tokio::test]
async fn a_lead_fills_a_declaration_and_the_coordinator_returns_it_then_final_submits() {
    let app = TestApp::spawn().await;
    let lead = app.login_as("demo_lead").await;
    set_window(&app, false).await;
    let (status, body) = create(&app, &lead, "物流管理", "junior").await;
    assert_eq!(status, StatusCode::CONFLICT, "the window has closed: {body}");
    set_window(&app, true).await;
    let (status, id) = create(&app, &lead, "物流管理", "junior").await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.to_string();
    assert_eq!(
        create(&app, &lead, "物流管理", "junior").await.0,
        StatusCode::CONFLICT,
        "one per school, year and level"
    );

    let (_, d) = get(&app, &lead, &id).await;
    assert_eq!(d["status"], "Draft");
    assert_eq!(d["version"], 1);
    assert_eq!(d["content"]["equipment"].as_array().unwrap().len(), 3, "prefilled from the equipment list");
    assert_eq!(d["actions"], serde_json::json!(["Submit"]));
    set_window(&app, false).await;
    let (status, body) = act(&app, &lead, &id, "Submit", "").await;
    assert_eq!(status, StatusCode::CONFLICT, "nothing is submitted outside the window: {body}");
    assert!(body["Conflict"]["zh"].as_str().unwrap().contains("申报时间"), "{body}");
    set_window(&app, true).await;
    let (status, body) = act(&app, &lead, &id, "Submit", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "incomplete: {body}");
    let fields: Vec<&str> =
        body["Validation"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["majors", "planned_count", "venues"]);

    // Bad numbers and an ineligible major are named; nothing is saved.
    let (status, body) = app.call(&lead, "declarations/save", &form(&id, "1", "440301", "一百", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "planned_count", "{body}");
    let (status, body) = app.call(&lead, "declarations/save", &form(&id, "1", "440301", "100", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["Validation"][0]["message"]["zh"].as_str().unwrap().contains("不在此证书的试点专业范围内"), "{body}");

    let (status, version) =
        app.call(&lead, "declarations/save", &form(&id, "1", "530802", "120", "物流实训中心")).await;
    assert_eq!((status, version.as_i64()), (StatusCode::OK, Some(2)));
    // A second device still on version 1: refused with the server's version and content; nothing overwritten.
    let (status, body) = app.call(&lead, "declarations/save", &form(&id, "1", "530802", "80", "另一台手机")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["Stale"]["server_version"], 2, "{body}");
    assert!(body["Stale"]["server_content"].as_str().unwrap().contains("物流实训中心"));
    assert_eq!(get(&app, &lead, &id).await.1["content"]["planned_count"], 120);

    assert_eq!(act(&app, &lead, &id, "Submit", "").await.0, StatusCode::OK);
    assert_eq!(status_of(&app, &lead, &id).await, "SchoolReview");
    let (status, _) = app.call(&lead, "declarations/save", &form(&id, "3", "530802", "90", "x")).await;
    assert_eq!(status, StatusCode::CONFLICT, "locked while in school review");

    // The coordinator is told, returns it with a required comment, and the lead is told.
    let coordinator = app.login_as("demo_coordinator").await;
    let (_, inbox) = app.call(&coordinator, "inbox/list", &[]).await;
    assert_eq!(inbox[0]["link"], format!("/declarations/{id}"));
    assert_eq!(inbox[0]["title"]["zh"], "物流管理 初级：校内审核中");
    let (status, body) = act(&app, &coordinator, &id, "ReturnToLead", " ").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["Validation"][0]["field"], "comment");
    assert_eq!(act(&app, &coordinator, &id, "ReturnToLead", "请补充教学场所面积").await.0, StatusCode::OK);
    let (_, inbox) = app.call(&lead, "inbox/list", &[]).await;
    assert_eq!(inbox[0]["body"]["zh"], "请补充教学场所面积");
    assert_eq!(act(&app, &lead, &id, "Submit", "").await.0, StatusCode::OK);

    // Totals, then the batch final submission.
    let (_, list) = app.call(&coordinator, "declarations/list", &[]).await;
    assert_eq!(list["totals"]["planned"], 120);
    assert_eq!(list["totals"]["certificates"], 1);
    assert_eq!(list["totals"]["majors"], 1);
    assert_eq!(act(&app, &lead, &id, "FinalSubmit", "").await.0, StatusCode::FORBIDDEN, "leads do not final-submit");
    let (status, body) = app.call(&coordinator, "declarations/final-submit", &[("ids[0]", id.as_str())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(status_of(&app, &lead, &id).await, "PendingReview");
    let secretariat = app.login_as("demo_secretariat").await;
    let (_, inbox) = app.call(&secretariat, "inbox/list", &[]).await;
    assert_eq!(inbox[0]["title"]["zh"], "演示职业技术学院最终提交了1份申报书，待审核", "{inbox}");
    let (_, home) = app.call(&secretariat, "home", &[]).await;
    assert_eq!(home["unread"], 1);
    assert_eq!(app.call(&secretariat, "inbox/read-all", &[]).await.0, StatusCode::OK);
    assert_eq!(app.call(&secretariat, "home", &[]).await.1["unread"], 0);
    let (_, d) = get(&app, &lead, &id).await;
    let steps: Vec<&str> = d["events"].as_array().unwrap().iter().map(|e| e["to"].as_str().unwrap()).collect();
    assert_eq!(steps, ["Draft", "SchoolReview", "Draft", "SchoolReview", "PendingReview"]);
    assert_eq!(d["events"][2]["comment"], "请补充教学场所面积");
}

#[tokio::test]
async fn a_flagged_number_needs_the_leads_confirmation_and_the_leaders_approval() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let id = submitted(&app, &lead, "500").await;
    let coordinator = app.login_as("demo_coordinator").await;
    let (_, list) = app.call(&coordinator, "declarations/list", &[]).await;
    assert_eq!(list["rows"][0]["needs_approval"], true);
    let (status, body) = app.call(&coordinator, "declarations/final-submit", &[("ids[0]", id.as_str())]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["Conflict"]["zh"].as_str().unwrap().contains("校领导"), "{body}");

    assert_eq!(
        app.call(&coordinator, "declarations/confirm-number", &[("id", id.as_str())]).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.call(&lead, "declarations/confirm-number", &[("id", id.as_str())]).await.0, StatusCode::OK);
    let approval = |date: &'static str| {
        vec![
            ("id", id.clone()),
            ("leader_name", "李明".into()),
            ("leader_title", "副校长".into()),
            ("leader_date", date.into()),
            ("leader_note", "同意".into()),
        ]
    };
    let send = |form: Vec<(&'static str, String)>, client: &Client| {
        let (app, client) = (&app, client.clone());
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&client, "declarations/leader-approval", &pairs).await
        }
    };
    assert_eq!(send(approval("2026-02-30"), &coordinator).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(send(approval("2026-03-01"), &lead).await.0, StatusCode::FORBIDDEN, "only the coordinator records it");
    assert_eq!(send(approval("2026-03-01"), &coordinator).await.0, StatusCode::OK);
    let (status, body) = app.call(&coordinator, "declarations/final-submit", &[("ids[0]", id.as_str())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The thresholds are the secretariat's: at 600 the same number is no longer flagged.
    let (status, _) = app.call(&coordinator, "declarations/thresholds", &[("high", "600"), ("low", "5")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let secretariat = app.login_as("demo_secretariat").await;
    assert_eq!(
        app.call(&secretariat, "declarations/thresholds", &[("high", "5"), ("low", "9")]).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.call(&secretariat, "declarations/thresholds", &[("high", "600"), ("low", "5")]).await.0,
        StatusCode::OK
    );
    let (_, list) = app.call(&secretariat, "declarations/list", &[]).await;
    assert_eq!(list["rows"][0]["flagged"], false);
}

#[tokio::test]
async fn the_secretariat_returns_only_while_the_window_is_open_then_decides_and_reopens_with_a_reason() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let coordinator = app.login_as("demo_coordinator").await;
    let secretariat = app.login_as("demo_secretariat").await;
    let id = submitted(&app, &lead, "120").await;
    assert_eq!(app.call(&coordinator, "declarations/final-submit", &[("ids[0]", id.as_str())]).await.0, StatusCode::OK);

    let (_, filtered) = app.call(&secretariat, "declarations/list", &[("status", "pending_review")]).await;
    assert_eq!(filtered["rows"].as_array().unwrap().len(), 1, "{filtered}");
    let (_, none) = app.call(&secretariat, "declarations/list", &[("status", "approved")]).await;
    assert!(none["rows"].as_array().unwrap().is_empty());
    let (_, last_year) = app.call(&secretariat, "declarations/list", &[("year", "2020")]).await;
    assert!(last_year["rows"].as_array().unwrap().is_empty(), "another year's list");

    assert_eq!(act(&app, &secretariat, &id, "ReturnForRevision", "").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(act(&app, &secretariat, &id, "ReturnForRevision", "缺少设备照片").await.0, StatusCode::OK);
    assert_eq!(status_of(&app, &lead, &id).await, "Returned");
    let version = get(&app, &lead, &id).await.1["version"].to_string();
    let (status, _) =
        app.call(&lead, "declarations/save", &form(&id, &version, "530802", "130", "物流实训中心（已补充）")).await;
    assert_eq!(status, StatusCode::OK, "a returned declaration is editable");
    assert_eq!(act(&app, &lead, &id, "Submit", "").await.0, StatusCode::OK);
    assert_eq!(app.call(&coordinator, "declarations/final-submit", &[("ids[0]", id.as_str())]).await.0, StatusCode::OK);

    set_window(&app, false).await;
    let (status, body) = act(&app, &secretariat, &id, "ReturnForRevision", "再补充").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["Conflict"]["zh"].as_str().unwrap().contains("截止"), "{body}");
    assert_eq!(act(&app, &coordinator, &id, "Approve", "").await.0, StatusCode::FORBIDDEN);
    assert_eq!(act(&app, &secretariat, &id, "Approve", "同意试点").await.0, StatusCode::OK);
    assert_eq!(status_of(&app, &lead, &id).await, "Approved");
    let (_, inbox) = app.call(&lead, "inbox/list", &[]).await;
    assert_eq!(inbox[0]["title"]["zh"], "物流管理 初级：已通过");
    let version = get(&app, &lead, &id).await.1["version"].to_string();
    assert_eq!(
        app.call(&lead, "declarations/save", &form(&id, &version, "530802", "1", "x")).await.0,
        StatusCode::CONFLICT,
        "approved is locked"
    );
    assert_eq!(act(&app, &secretariat, &id, "Reopen", "").await.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(act(&app, &secretariat, &id, "Reopen", "材料有误，重新评审").await.0, StatusCode::OK);
    assert_eq!(status_of(&app, &lead, &id).await, "UnderReview");
}

#[tokio::test]
async fn no_one_outside_the_school_or_the_scope_reads_or_changes_a_declaration() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let (_, id) = create(&app, &lead, "物流管理", "junior").await;
    let id = id.to_string();
    for username in ["demo_lead_b", "demo_coordinator_b", "demo_expert", "demo_org"] {
        let client = app.login_as(username).await;
        assert_eq!(get(&app, &client, &id).await.0, StatusCode::FORBIDDEN, "{username}");
        assert_eq!(act(&app, &client, &id, "Submit", "").await.0, StatusCode::FORBIDDEN, "{username}");
        let (status, _) = app.call(&client, "declarations/save", &form(&id, "1", "530802", "100", "x")).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{username}");
    }
    assert_eq!(get(&app, &app.client(), &id).await.0, StatusCode::UNAUTHORIZED);
    let (_, other_list) = app.call(&app.login_as("demo_coordinator_b").await, "declarations/list", &[]).await;
    assert!(other_list["rows"].as_array().unwrap().is_empty());
    assert_eq!(app.call(&app.login_as("demo_expert").await, "declarations/list", &[]).await.0, StatusCode::FORBIDDEN);

    // A lead limited to one certificate cannot start another; the coordinator can, for that lead.
    let coordinator = app.login_as("demo_coordinator").await;
    let lead_id = app.account_id("demo_lead").await.to_string();
    let college = first_college(&app).await;
    let bim = certificate_id(&app, "建筑信息模型(BIM)").await;
    let scope =
        [("account_id", lead_id.as_str()), ("college_ids[0]", college.as_str()), ("certificate_ids[0]", bim.as_str())];
    assert_eq!(app.call(&coordinator, "accounts/set-scope", &scope).await.0, StatusCode::OK);
    let limited = app.login_as("demo_lead").await;
    assert_eq!(create(&app, &limited, "老年照护", "junior").await.0, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, &limited, &id).await.0, StatusCode::OK, "still the lead of their own declaration");
    let offering = format!("{}:junior", certificate_id(&app, "老年照护").await);
    let for_lead = [("college_id", college.as_str()), ("offering", offering.as_str()), ("lead_id", lead_id.as_str())];
    let (status, body) = app.call(&coordinator, "declarations/create", &for_lead).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let other_lead = app.account_id("demo_lead_b").await.to_string();
    let wrong = [("college_id", college.as_str()), ("offering", offering.as_str()), ("lead_id", other_lead.as_str())];
    assert_eq!(app.call(&coordinator, "declarations/create", &wrong).await.0, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_statistics_table_exports_as_csv_and_xlsx_for_the_school_or_the_province() {
    use calamine::Reader;
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    submitted(&app, &lead, "120").await;

    let coordinator = app.login_as("demo_coordinator").await;
    let (status, csv) = app.download(&coordinator, "/api/declarations/export.csv").await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "a BOM for Excel");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("学校,地级市"));
    assert!(lines[1].contains("物流管理") && lines[1].contains("初级") && lines[1].contains("120"), "{}", lines[1]);
    assert!(lines[2].starts_with("合计") && lines[2].contains("120"));

    let (status, xlsx) = app.download(&app.login_as("demo_secretariat").await, "/api/declarations/export.xlsx").await;
    assert_eq!(status, StatusCode::OK);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(sheet.get_value((1, 3)).unwrap().to_string(), "物流管理");
    assert_eq!(sheet.get_value((1, 8)).unwrap().to_string(), "120");

    let (_, other) = app.download(&app.login_as("demo_coordinator_b").await, "/api/declarations/export.csv").await;
    assert_eq!(String::from_utf8(other).unwrap().lines().count(), 2, "another school exports only its own (none)");
    assert_eq!(app.download(&lead, "/api/declarations/export.csv").await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.download(&app.client(), "/api/declarations/export.xlsx").await.0, StatusCode::UNAUTHORIZED);
}

/// Saves the planned number as an outbox save with an id and the ids of earlier saves never answered.
async fn outbox_save(
    app: &TestApp,
    client: &Client,
    id: &str,
    version: &str,
    planned: &str,
    op: &str,
    after: &str,
) -> (StatusCode, serde_json::Value) {
    let mut f = form(id, version, "530802", planned, "物流实训中心");
    f.push(("op_id", op));
    f.push(("after_ops", after));
    app.call(client, "declarations/save", &f).await
}

#[tokio::test]
async fn an_outbox_save_is_applied_once_and_a_lost_answer_is_not_a_conflict() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let (_, id) = create(&app, &lead, "物流管理", "junior").await;
    let id = id.to_string();
    let (a, b, c, d) = ("op-aaaaaaaa", "op-bbbbbbbb", "op-cccccccc", "op-dddddddd");

    assert_eq!(outbox_save(&app, &lead, &id, "1", "60", a, "").await.1, 2);
    // The answer was lost and the phone sends the same save again: the first answer, no second change.
    assert_eq!(outbox_save(&app, &lead, &id, "1", "60", a, "").await.1, 2);
    assert_eq!(get(&app, &lead, &id).await.1["version"], 2);
    // Meanwhile the phone kept typing on version 1; naming the unanswered save, it is not a conflict.
    assert_eq!(outbox_save(&app, &lead, &id, "1", "61", b, a).await.1, 3);
    let (status, body) = outbox_save(&app, &lead, &id, "1", "62", c, a).await;
    assert_eq!(status, StatusCode::CONFLICT, "version 3 came from b, which c does not name: {body}");
    assert_eq!(body["Stale"]["server_version"], 3);
    assert_eq!(outbox_save(&app, &lead, &id, "1", "62", c, &format!("{a},{b}")).await.1, 4);

    // Someone else's change is a conflict, shown with the server's content, never overwritten.
    let coordinator = app.login_as("demo_coordinator").await;
    assert_eq!(outbox_save(&app, &coordinator, &id, "4", "70", "op-coord-1", "").await.1, 5);
    let (status, body) = outbox_save(&app, &lead, &id, "4", "63", d, &format!("{a},{b},{c}")).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["Stale"]["server_content"].as_str().unwrap().contains("70"), "{body}");
    assert_eq!(get(&app, &lead, &id).await.1["content"]["planned_count"], 70);

    // Another person reusing a save id gets no one else's answer.
    let (status, _) = outbox_save(&app, &coordinator, &id, "5", "71", a, "").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(get(&app, &lead, &id).await.1["version"], 6);
    let (status, body) = outbox_save(&app, &lead, &id, "6", "72", "x", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
}

#[tokio::test]
async fn saves_of_one_pending_edit_name_their_chain_however_many_answers_were_lost() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let (_, id) = create(&app, &lead, "物流管理", "junior").await;
    let id = id.to_string();
    let chained = |op: &'static str, planned: &'static str, chain: &'static str| {
        let mut f = form(&id, "1", "530802", planned, "物流实训中心");
        f.extend([("op_id", op), ("after_ops", ""), ("op_chain", chain)]);
        f
    };
    // Sixty saves typed on version 1, every answer lost: each builds on the one before, without a list.
    let ops: Vec<String> = (0..60).map(|n| format!("op-chain-{n:04}")).collect();
    for (n, op) in ops.iter().enumerate() {
        let planned = (60 + n).to_string();
        let mut f = form(&id, "1", "530802", &planned, "物流实训中心");
        f.extend([("op_id", op.as_str()), ("after_ops", ""), ("op_chain", "chain-aaaaaaaa")]);
        let (status, body) = app.call(&lead, "declarations/save", &f).await;
        assert_eq!((status, body.as_i64()), (StatusCode::OK, Some(n as i64 + 2)), "save {n}");
    }
    assert_eq!(get(&app, &lead, &id).await.1["content"]["planned_count"], 119);
    // Another pending edit (another phone, or one typed before) on version 1 is a conflict, not applied.
    let (status, body) = app.call(&lead, "declarations/save", &chained("op-other-001", "5", "chain-bbbbbbbb")).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["Stale"]["server_version"], 61);
}
