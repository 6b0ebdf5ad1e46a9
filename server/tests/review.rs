//! Expert review over HTTP: the rubric, bulk and manual assignment around conflicts of interest, experts
//! reading only what is assigned to them and scoring it, conflicts declared, the secretariat's progress
//! with averages, and 统一审批 by the secretariat only.

mod common;

use common::flows::{awaiting_review, both_schools, followup_form, set_window, status_of};
use common::TestApp;
use reqwest::{Client, StatusCode};
use serde_json::Value;

async fn overview(app: &TestApp, client: &Client) -> (StatusCode, Value) {
    app.call(client, "review/overview", &[]).await
}

fn row<'a>(overview: &'a Value, id: &str) -> &'a Value {
    overview["rows"].as_array().unwrap().iter().find(|r| r["declaration"]["id"].as_i64() == id.parse().ok()).unwrap()
}

async fn mine(app: &TestApp, expert: &Client) -> Vec<Value> {
    let (status, list) = app.call(expert, "review/mine", &[]).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list.as_array().unwrap().clone()
}

fn score_form<'a>(
    id: &'a str,
    marks: [&'a str; 5],
    recommendation: &'a str,
    comment: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let names = ["marks[0]", "marks[1]", "marks[2]", "marks[3]", "marks[4]"];
    let mut f: Vec<(&str, &str)> = names.into_iter().zip(marks).collect();
    f.extend([("id", id), ("recommendation", recommendation), ("comment", comment)]);
    f
}

#[tokio::test]
async fn experts_are_assigned_around_conflicts_score_and_the_secretariat_decides() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let (lead, coordinator, lead_b, coordinator_b) = both_schools(&app).await;
    let a = awaiting_review(&app, common::SCHOOL_A, "junior", &lead, &coordinator).await;
    let b = awaiting_review(&app, common::SCHOOL_B, "junior", &lead_b, &coordinator_b).await;
    let secretariat = app.login_as("demo_secretariat").await;
    let year = app.call(&app.client(), "declarations/window", &[]).await.1["year"].to_string();
    let year = year.as_str();
    let (expert, expert_b) = (app.login_as("demo_expert").await, app.login_as("demo_expert_b").await);

    // Only the secretariat sees the review or changes the rubric, whose weights must add up to 100.
    assert_eq!(overview(&app, &expert).await.0, StatusCode::FORBIDDEN);
    assert_eq!(overview(&app, &coordinator).await.0, StatusCode::FORBIDDEN);
    let bad = [("year", year), ("criteria", "场地 | 60\n设备 | 30")];
    let (status, body) = app.call(&secretariat, "review/save-rubric", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("现在是 90"), "{body}");
    assert_eq!(app.call(&expert, "review/save-rubric", &bad).await.0, StatusCode::FORBIDDEN);

    // Bulk: two experts each; demo_expert_b teaches at school B, so B's declaration is one short.
    let (status, report) =
        app.call(&secretariat, "review/assign-all", &[("year", year), ("per_declaration", "2")]).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["assigned"], 3);
    assert_eq!(report["short"], serde_json::json!([[b.parse::<i64>().unwrap(), 1]]));
    assert_eq!(status_of(&app, &secretariat, &a).await, "UnderReview");
    let expert_b_id = app.account_id("demo_expert_b").await.to_string();
    let (status, body) = app
        .call(&secretariat, "review/assign", &[("declaration_id", b.as_str()), ("expert_id", expert_b_id.as_str())])
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "a conflict of interest is refused by hand too: {body}");
    let (_, o) = overview(&app, &secretariat).await;
    assert_eq!(row(&o, &a)["experts"].as_array().unwrap().len(), 2);
    assert_eq!(
        o["experts"].as_array().unwrap().iter().map(|e| e["load"].as_i64().unwrap()).collect::<Vec<_>>(),
        [2, 1]
    );

    // Experts read only what is assigned to them; schools never read scores.
    let theirs = mine(&app, &expert_b).await;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0]["declaration_id"].to_string(), a);
    assert_eq!(app.call(&expert_b, "declarations/get", &[("id", a.as_str())]).await.0, StatusCode::OK);
    assert_eq!(app.call(&expert_b, "declarations/get", &[("id", b.as_str())]).await.0, StatusCode::FORBIDDEN);
    let expert_a =
        mine(&app, &expert).await.into_iter().find(|x| x["declaration_id"].as_i64() == a.parse().ok()).unwrap();
    let assignment_a = expert_a["id"].to_string();
    let assignment_b = theirs[0]["id"].to_string();
    assert_eq!(
        app.call(&expert_b, "review/score-view", &[("id", assignment_a.as_str())]).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.call(&lead, "review/mine", &[]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.call(&coordinator_b, "review/overview", &[]).await.0, StatusCode::FORBIDDEN);

    // Scores: checked field by field, then weighted.
    let (status, body) = app
        .call(&expert, "review/score", &score_form(&assignment_a, ["90", "101", "", "80", "80"], "reject", ""))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        body["Validation"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["marks", "marks", "comment"]);
    let ok = score_form(&assignment_a, ["80", "80", "80", "80", "80"], "approve", "");
    assert_eq!(app.call(&expert, "review/score", &ok).await.0, StatusCode::OK);
    let conditions = score_form(&assignment_b, ["60", "60", "60", "60", "60"], "conditions", "补充设备清单");
    assert_eq!(app.call(&expert_b, "review/score", &conditions).await.0, StatusCode::OK);
    assert_eq!(app.call(&expert_b, "review/score", &ok).await.0, StatusCode::FORBIDDEN, "not their assignment");
    let (_, o) = overview(&app, &secretariat).await;
    let agg = &row(&o, &a)["aggregate"];
    assert_eq!(agg["scored"], 2);
    assert_eq!(agg["mean"], 70.0, "80 and 60: {agg}");
    assert_eq!(agg["min"], 60.0);
    assert_eq!((agg["approve"].as_i64(), agg["conditions"].as_i64()), (Some(1), Some(1)));

    // An expert declares a conflict: the assignment leaves scoring and is not given back by bulk assignment.
    let expert_b_on_a = [("id", assignment_b.as_str()), ("note", "曾在该校兼职")];
    assert_eq!(app.call(&expert_b, "review/conflict", &expert_b_on_a).await.0, StatusCode::OK);
    assert_eq!(app.call(&expert_b, "declarations/get", &[("id", a.as_str())]).await.0, StatusCode::FORBIDDEN);
    let (_, o) = overview(&app, &secretariat).await;
    assert_eq!(row(&o, &a)["aggregate"]["scored"], 1);
    let (_, report) = app.call(&secretariat, "review/assign-all", &[("year", year), ("per_declaration", "2")]).await;
    assert_eq!(report["assigned"], 0, "{report}");

    // 统一审批: the secretariat only; the schools hear of it.
    let decide = [("ids[0]", a.as_str()), ("ids[1]", b.as_str()), ("decision", "approve"), ("comment", "同意试点")];
    assert_eq!(app.call(&expert, "review/decide", &decide).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.call(&coordinator, "review/decide", &decide).await.0, StatusCode::FORBIDDEN);
    let (status, body) = app.call(&secretariat, "review/decide", &decide).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(status_of(&app, &lead, &a).await, "Approved");
    assert_eq!(status_of(&app, &lead_b, &b).await, "Approved");
    let (_, inbox) = app.call(&lead, "inbox/list", &[]).await;
    assert!(inbox.to_string().contains("已通过"), "{inbox}");
    let (status, _) = app.call(&expert, "review/score", &ok).await;
    assert_eq!(status, StatusCode::CONFLICT, "no more scoring after the decision");

    // Follow-up: each approved school submits its working organization and contacts.
    let (status, mine) = app.call(&coordinator, "followup/mine", &[]).await;
    assert_eq!(status, StatusCode::OK, "{mine}");
    assert_eq!(mine["approved"], serde_json::json!(["物流管理 初级"]));
    assert_eq!(mine["followup"]["leads"][0]["name"], "证书负责人（演示）", "started from the lead's account");
    assert_eq!(app.call(&lead, "followup/mine", &[]).await.0, StatusCode::FORBIDDEN);
    let mut followup = followup_form();
    followup[8] = ("staff_qq_email", "li@163.com");
    let (status, body) = app.call(&coordinator, "followup/submit", &followup).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "staff_qq_email", "{body}");
    followup[8] = ("staff_qq_email", "12345678@qq.com");
    assert_eq!(app.call(&coordinator, "followup/submit", &followup).await.0, StatusCode::OK);
    assert_eq!(app.call(&coordinator, "followup/mine", &[]).await.1["followup"]["staff_name"], "李四");

    // The secretariat sees who has not submitted and reminds them; no one else may.
    let (_, list) = app.call(&secretariat, "followup/status", &[]).await;
    let submitted: Vec<bool> = list.as_array().unwrap().iter().map(|s| !s["submitted_at"].is_null()).collect();
    assert_eq!(submitted.len(), 2);
    assert_eq!(submitted.iter().filter(|s| **s).count(), 1);
    assert_eq!(app.call(&coordinator, "followup/status", &[]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.call(&coordinator, "followup/remind", &[]).await.0, StatusCode::FORBIDDEN);
    assert_eq!(app.call(&secretariat, "followup/remind", &[]).await.1, 1);
    let (_, inbox_b) = app.call(&coordinator_b, "inbox/list", &[]).await;
    assert!(inbox_b.to_string().contains("请填报试点工作机构及联系人"), "{inbox_b}");
    let (_, inbox_a) = app.call(&coordinator, "inbox/list", &[]).await;
    assert!(!inbox_a.to_string().contains("请填报试点工作机构及联系人"), "school A has submitted");
}

#[tokio::test]
async fn bulk_assignment_gives_a_declaration_an_expert_of_its_area_first() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let (lead, coordinator, _, _) = both_schools(&app).await;
    // Its major 530802 (物流管理) is in 财经商贸大类.
    let a = awaiting_review(&app, common::SCHOOL_A, "junior", &lead, &coordinator).await;
    let secretariat = app.login_as("demo_secretariat").await;
    let (expert, expert_b) = (app.login_as("demo_expert").await, app.login_as("demo_expert_b").await);

    // Experts choose their areas among the catalog's categories; no one else does.
    let finance = [("areas[0]", "财经商贸大类")];
    assert_eq!(app.call(&secretariat, "review/set-areas", &finance).await.0, StatusCode::FORBIDDEN);
    let (status, body) = app.call(&expert_b, "review/set-areas", &[("areas[0]", "不存在大类")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("不是专业目录中的专业大类"), "{body}");
    assert_eq!(app.call(&expert_b, "review/set-areas", &finance).await.0, StatusCode::OK);
    assert_eq!(app.call(&expert, "review/set-areas", &[("areas[0]", "土木建筑大类")]).await.0, StatusCode::OK);
    assert_eq!(app.call(&coordinator, "review/my-areas", &[]).await.0, StatusCode::FORBIDDEN);
    let (_, areas) = app.call(&expert_b, "review/my-areas", &[]).await;
    assert!(areas[0].as_array().unwrap().contains(&"交通运输大类".into()), "{areas}");
    assert_eq!(areas[1], serde_json::json!(["财经商贸大类"]));

    // Equal loads would give it to the lower id (demo_expert); its area gives it to demo_expert_b.
    let year = app.call(&app.client(), "declarations/window", &[]).await.1["year"].to_string();
    let (status, report) =
        app.call(&secretariat, "review/assign-all", &[("year", year.as_str()), ("per_declaration", "1")]).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["assigned"], 1);
    let (_, o) = overview(&app, &secretariat).await;
    assert_eq!(row(&o, &a)["experts"][0][0], "乙校评审专家（演示）", "{o}");
}
