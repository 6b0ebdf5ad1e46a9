//! The catalog's details over HTTP: equipment lists with their change history, schools' self-assessments,
//! search (Chinese substrings and pinyin initials), the major catalog import, the secretariat's
//! organizations and certificates, and leads limited by certificate.

mod common;

use common::TestApp;
use reqwest::{Client, StatusCode};
use serde_json::Value;

async fn certificate_id(app: &TestApp, name: &str) -> String {
    let (id,): (i64,) =
        sqlx::query_as("SELECT id FROM certificates WHERE name = $1").bind(name).fetch_one(&app.pool).await.unwrap();
    id.to_string()
}

async fn detail(app: &TestApp, client: &Client, id: &str) -> Value {
    let (status, body) = app.call(client, "catalog/certificate", &[("id", id)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn junior(detail: &Value) -> &Value {
    detail["offerings"].as_array().unwrap().iter().find(|o| o["level"] == "Junior").unwrap()
}

async fn save_junior(
    app: &TestApp,
    client: &Client,
    id: &str,
    year: &str,
    equipment: &str,
    majors: &str,
) -> (StatusCode, Value) {
    app.call(
        client,
        "catalog/save-offering",
        &[
            ("certificate_id", id),
            ("year", year),
            ("level", "junior"),
            ("is_open", "1"),
            ("fee", "300"),
            ("equipment", equipment),
            ("majors", majors),
            ("site_conditions", "机房"),
            ("exam_plan", "6月"),
            ("training_plan", "7月"),
        ],
    )
    .await
}

#[tokio::test]
async fn an_equipment_list_is_saved_structured_with_history_and_schools_assess_against_it() {
    let app = TestApp::spawn().await;
    let logistics = certificate_id(&app, "物流管理").await;
    let before = detail(&app, &app.client(), &logistics).await;
    assert_eq!(junior(&before)["equipment"].as_array().unwrap().len(), 3, "demo list");
    let year = junior(&before)["year"].to_string();
    let org = app.login_as("demo_org").await;

    // A bad line and an unknown major are refused with their fields named; nothing changes.
    let (status, body) = save_junior(&app, &org, &logistics, &year, "计算机 | i5\n", "530802 999999").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        body["Validation"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["equipment", "majors"], "{body}");
    assert!(body["Validation"][0]["message"]["zh"].as_str().unwrap().starts_with("第1行"));

    let list = "计算机 | i7 / 32G | 45\n仓储管理软件 | 正版 | 1";
    let (status, body) = save_junior(&app, &org, &logistics, &year, list, "530802, 590302").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let after = detail(&app, &org, &logistics).await;
    let equipment = junior(&after)["equipment"].as_array().unwrap().clone();
    assert_eq!(equipment.len(), 2);
    assert_eq!(equipment[0], serde_json::json!({"item": "计算机", "spec": "i7 / 32G", "quantity": 45}));
    let codes: Vec<&str> =
        junior(&after)["eligible_majors"].as_array().unwrap().iter().map(|m| m["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["530802", "590302"]);

    // The history says who changed what; saving the same again records nothing new.
    let history = after["history"].as_array().unwrap();
    assert_eq!(history.len(), 1, "{after}");
    assert_eq!(history[0]["by"], "培训评价组织（演示）");
    let lines: Vec<&str> =
        history[0]["changes"].as_array().unwrap().iter().map(|c| c["zh"].as_str().unwrap()).collect();
    assert!(lines.iter().any(|l| l.starts_with("设备清单：3 项 → 2 项")), "{lines:?}");
    assert!(lines.contains(&"新增可申报专业：590302"), "{lines:?}");
    save_junior(&app, &org, &logistics, &year, list, "530802, 590302").await;
    assert_eq!(detail(&app, &org, &logistics).await["history"].as_array().unwrap().len(), 1);
    // Only editors read the history.
    assert!(detail(&app, &app.client(), &logistics).await["history"].as_array().unwrap().is_empty());
    assert!(detail(&app, &app.login_as("demo_lead").await, &logistics).await["history"].as_array().unwrap().is_empty());

    // A lead saves the school's self-assessment; another school does not see it.
    let lead = app.login_as("demo_lead").await;
    let assess = |quantity: &'static str, item: &'static str| {
        vec![
            ("certificate_id", logistics.clone()),
            ("year", year.clone()),
            ("level", "junior".to_string()),
            ("lines[0][item]", item.to_string()),
            ("lines[0][has_it]", "1".to_string()),
            ("lines[0][quantity]", quantity.to_string()),
            ("lines[0][note]", "实训楼302".to_string()),
        ]
    };
    let send = |form: Vec<(&'static str, String)>, client: &Client| {
        let pairs: Vec<(&str, String)> = form;
        let (app, client) = (&app, client.clone());
        async move {
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.call(&client, "catalog/save-assessment", &borrowed).await
        }
    };
    assert_eq!(send(assess("40", "计算机"), &lead).await.0, StatusCode::OK);
    assert_eq!(send(assess("1", "打印机"), &lead).await.0, StatusCode::UNPROCESSABLE_ENTITY, "not on the list");
    assert_eq!(send(assess("x", "计算机"), &lead).await.0, StatusCode::UNPROCESSABLE_ENTITY, "bad quantity");
    assert_eq!(send(assess("1", "计算机"), &org).await.0, StatusCode::FORBIDDEN, "schools only");
    let mine = detail(&app, &lead, &logistics).await;
    assert_eq!(mine["assessments"][0]["lines"][0]["quantity"], 40);
    assert_eq!(mine["assessments"][0]["lines"][0]["note"], "实训楼302");
    let coordinator = detail(&app, &app.login_as("demo_coordinator").await, &logistics).await;
    assert_eq!(coordinator["assessments"][0]["lines"][0]["quantity"], 40, "the whole school shares it");
    let other = detail(&app, &app.login_as("demo_lead_b").await, &logistics).await;
    assert!(other["assessments"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn search_finds_chinese_substrings_pinyin_initials_and_majors_with_their_certificates() {
    let app = TestApp::spawn().await;
    let anyone = app.client();
    let search = |q: &'static str| {
        let (app, anyone) = (&app, anyone.clone());
        async move { app.call(&anyone, "catalog/search", &[("query", q)]).await.1 }
    };
    let names = |v: &Value| -> Vec<String> {
        v["certificates"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names(&search("lnzh").await), ["老年照护"]);
    assert_eq!(names(&search("LNZH").await), ["老年照护"], "initials ignore case");
    assert_eq!(names(&search("信息模型").await), ["建筑信息模型(BIM)"]);
    assert_eq!(names(&search("bim").await), ["建筑信息模型(BIM)"], "Latin letters ignore case");
    assert_eq!(names(&search("中物联").await), ["物流管理"], "by the organization's name");
    let by_major = search("物流管理").await;
    let major = &by_major["majors"][0];
    assert_eq!(major["major"]["code"], "530802");
    assert!(major["certificates"].as_array().unwrap().iter().any(|c| c[1] == "物流管理"), "{major}");
    assert_eq!(search("530802").await["majors"][0]["major"]["name"], "物流管理");
    let nothing = search("100%_不存在").await;
    assert!(names(&nothing).is_empty() && nothing["majors"].as_array().unwrap().is_empty());
    assert_eq!(names(&search("").await).len(), 6, "an empty query lists every certificate");
}

async fn count_majors(app: &TestApp) -> i64 {
    sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM majors").fetch_one(&app.pool).await.unwrap().0
}

#[tokio::test]
async fn the_major_catalog_imports_all_or_nothing_with_a_report_per_row() {
    let app = TestApp::spawn().await;
    let secretariat = app.login_as("demo_secretariat").await;
    let before = count_majors(&app).await;

    let bad = "专业代码,专业名称,层次,专业大类\n610201,计算机应用技术,高职专科,电子与信息\n61020,,专科,\n610201,计算机应用技术,高职专科,\n";
    let (status, body) = app.upload(&secretariat, "majors", "majors.csv", bad.as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let errors = body["report"]["errors"].as_array().unwrap();
    assert_eq!(errors.iter().map(|e| e["row"].as_i64().unwrap()).collect::<Vec<_>>(), [3, 4]);
    let fields: Vec<&str> =
        errors[0]["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["code", "name", "education_level"]);
    assert_eq!(count_majors(&app).await, before, "nothing imported");

    let (status, body) = app.upload(&secretariat, "majors", "majors.csv", "代码,名称\n1,2\n".as_bytes().to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["Validation"][0]["message"]["zh"].as_str().unwrap().contains("专业代码"), "{body}");

    // An .xlsx with a new major and one that exists (updated by code).
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in ["专业代码", "专业名称", "层次", "专业大类"].iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    for (row, cells) in
        [["610201", "计算机应用技术", "高职专科", "电子与信息"], ["530802", "物流管理", "高职专科", "财经商贸大类"]]
            .iter()
            .enumerate()
    {
        for (col, c) in cells.iter().enumerate() {
            sheet.write_string(row as u32 + 1, col as u16, *c).unwrap();
        }
    }
    let (status, body) = app.upload(&secretariat, "majors", "majors.xlsx", book.save_to_buffer().unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["report"]["inserted"].as_i64(), body["report"]["updated"].as_i64()), (Some(1), Some(1)));
    assert_eq!(count_majors(&app).await, before + 1);
    // Imported majors are searchable at once.
    let (_, found) = app.call(&app.client(), "catalog/search", &[("query", "jsjyyjs")]).await;
    assert_eq!(found["majors"][0]["major"]["code"], "610201", "{found}");

    for username in ["demo_org", "demo_coordinator", "demo_lead"] {
        let client = app.login_as(username).await;
        let (status, _) = app.upload(&client, "majors", "majors.csv", bad.as_bytes().to_vec()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{username}");
    }
}

fn org_form<'a>(id: Option<&'a str>, name: &'a str, phone: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![("name", name), ("contact_name", "王老师"), ("contact_phone", phone), ("contact_email", "")];
    if let Some(id) = id {
        form.push(("id", id));
    }
    form
}

#[tokio::test]
async fn the_secretariat_keeps_organizations_and_certificates_and_an_org_edits_only_its_own() {
    let app = TestApp::spawn().await;
    let secretariat = app.login_as("demo_secretariat").await;
    let (status, body) = app.call(&secretariat, "catalog/save-organization", &org_form(None, "演示新组织", "12")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["Validation"][0]["field"], "contact_phone");
    assert_eq!(
        app.call(&secretariat, "catalog/save-organization", &org_form(None, "演示新组织", "0771-1234567")).await.0,
        StatusCode::OK
    );
    let (status, body) = app.call(&secretariat, "catalog/save-organization", &org_form(None, "演示新组织", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "names are unique");
    assert_eq!(body["Validation"][0]["field"], "name");
    let (new_org,): (i64,) =
        sqlx::query_as("SELECT id FROM organizations WHERE name = '演示新组织'").fetch_one(&app.pool).await.unwrap();
    let new_org = new_org.to_string();

    let cert =
        [("organization_id", new_org.as_str()), ("name", "演示新证书"), ("standard_url", "https://example.com/std")];
    assert_eq!(app.call(&secretariat, "catalog/save-certificate", &cert).await.0, StatusCode::OK);
    let (_, found) = app.call(&app.client(), "catalog/search", &[("query", "ysxzs")]).await;
    assert_eq!(found["certificates"][0]["organization"], "演示新组织", "reindexed: {found}");

    // An account made for the new organization speaks for it only.
    let account =
        [("username", "neworg"), ("display_name", "新组织"), ("role", "org"), ("organization_id", new_org.as_str())];
    let (status, issued) = app.call(&secretariat, "accounts/create-staff", &account).await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    let without = [("username", "orphan"), ("display_name", "无组织"), ("role", "org")];
    assert_eq!(app.call(&secretariat, "accounts/create-staff", &without).await.0, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, listed) = app.call(&secretariat, "catalog/organizations", &[]).await;
    let entry = listed.as_array().unwrap().iter().find(|e| e["organization"]["name"] == "演示新组织").unwrap();
    assert_eq!(entry["accounts"][0][0], "neworg");
    assert_eq!(entry["certificates"][0][1], "演示新证书");

    let new_cert = certificate_id(&app, "演示新证书").await;
    let demo_org = app.login_as("demo_org").await;
    let (_, own) = app.call(&demo_org, "catalog/organizations", &[]).await;
    assert_eq!(own.as_array().unwrap().len(), 1, "an org sees its own organization only");
    let own_id = own[0]["organization"]["id"].to_string();
    let renamed = org_form(Some(&own_id), "北京中物联物流采购培训中心", "010-12345678");
    assert_eq!(app.call(&demo_org, "catalog/save-organization", &renamed).await.0, StatusCode::OK);
    let other_org = org_form(Some(&new_org), "改名", "");
    assert_eq!(app.call(&demo_org, "catalog/save-organization", &other_org).await.0, StatusCode::FORBIDDEN);
    let edit_other = [
        ("id", new_cert.as_str()),
        ("organization_id", new_org.as_str()),
        ("name", "演示新证书"),
        ("standard_url", ""),
    ];
    assert_eq!(app.call(&demo_org, "catalog/save-certificate", &edit_other).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        app.call(&demo_org, "catalog/save-certificate", &cert).await.0,
        StatusCode::FORBIDDEN,
        "orgs add no certificates"
    );
    let logistics = certificate_id(&app, "物流管理").await;
    let edit_own = [
        ("id", logistics.as_str()),
        ("organization_id", own_id.as_str()),
        ("name", "物流管理"),
        ("standard_url", "https://example.com/logistics"),
    ];
    assert_eq!(app.call(&demo_org, "catalog/save-certificate", &edit_own).await.0, StatusCode::OK);
    assert_eq!(detail(&app, &app.client(), &logistics).await["standard_url"], "https://example.com/logistics");
    let (linked,): (Option<i64>,) = sqlx::query_as("SELECT organization_id FROM accounts WHERE username = 'neworg'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(linked.map(|id| id.to_string()), Some(new_org.clone()));
    // Schools and experts edit nothing here.
    for username in ["demo_lead", "demo_coordinator", "demo_expert"] {
        let client = app.login_as(username).await;
        assert_eq!(app.call(&client, "catalog/save-certificate", &cert).await.0, StatusCode::FORBIDDEN, "{username}");
        assert_eq!(app.call(&client, "catalog/organizations", &[]).await.0, StatusCode::FORBIDDEN, "{username}");
    }
}

#[tokio::test]
async fn a_coordinator_limits_a_lead_to_certificates_and_no_other_school_can() {
    let app = TestApp::spawn().await;
    let school = app.institution_id(common::SCHOOL_A).await;
    let college = app.college_ids(school).await[0].to_string();
    let lead = app.account_id("demo_lead").await.to_string();
    let logistics = certificate_id(&app, "物流管理").await;
    let form = [
        ("account_id", lead.as_str()),
        ("college_ids[0]", college.as_str()),
        ("certificate_ids[0]", logistics.as_str()),
    ];
    let other = app.login_as("demo_coordinator_b").await;
    assert_eq!(app.call(&other, "accounts/set-scope", &form).await.0, StatusCode::FORBIDDEN);
    let coordinator = app.login_as("demo_coordinator").await;
    let (status, body) = app.call(&coordinator, "accounts/set-scope", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, accounts) = app.call(&coordinator, "accounts/list", &[]).await;
    let row = accounts.as_array().unwrap().iter().find(|a| a["username"] == "demo_lead").unwrap();
    assert_eq!(row["scope_certificates"][0][1], "物流管理");
    let missing =
        [("account_id", lead.as_str()), ("college_ids[0]", college.as_str()), ("certificate_ids[0]", "99999")];
    assert_eq!(app.call(&coordinator, "accounts/set-scope", &missing).await.0, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_lead_limited_to_a_certificate_neither_sees_nor_acts_for_another() {
    let app = TestApp::spawn().await;
    let school = app.institution_id(common::SCHOOL_A).await;
    let college = app.college_ids(school).await[0].to_string();
    let lead_id = app.account_id("demo_lead").await.to_string();
    let (logistics, care) = (certificate_id(&app, "物流管理").await, certificate_id(&app, "老年照护").await);
    let coordinator = app.login_as("demo_coordinator").await;
    let limit = [
        ("account_id", lead_id.as_str()),
        ("college_ids[0]", college.as_str()),
        ("certificate_ids[0]", logistics.as_str()),
    ];
    assert_eq!(app.call(&coordinator, "accounts/set-scope", &limit).await.0, StatusCode::OK);
    // The coordinator's survey has a row of each certificate in the lead's college.
    let survey_row = |certificate: &str, majors: &'static str| {
        vec![
            ("college_id", college.clone()),
            ("offering", format!("{certificate}:junior")),
            ("majors", majors.to_string()),
            ("students_willing", "30".to_string()),
            ("note", String::new()),
        ]
    };
    let pairs = |form: &[(&'static str, String)]| form.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    for form in [survey_row(&logistics, "530802"), survey_row(&care, "590302")] {
        let form = pairs(&form);
        let refs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(app.call(&coordinator, "survey/add", &refs).await.0, StatusCode::OK);
    }

    let lead = app.login_as("demo_lead").await;
    let (_, survey) = app.call(&lead, "survey/get", &[]).await;
    let certificates: Vec<&str> =
        survey["rows"].as_array().unwrap().iter().map(|r| r["certificate"].as_str().unwrap()).collect();
    assert_eq!(certificates, ["物流管理"], "{survey}");
    let care_row = pairs(&survey_row(&care, "590302"));
    let refs: Vec<(&str, &str)> = care_row.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&lead, "survey/add", &refs).await.0, StatusCode::FORBIDDEN);
    let year = app::windows::service::current_year().to_string();
    let assessment = [("certificate_id", care.as_str()), ("year", year.as_str()), ("level", "junior")];
    assert_eq!(app.call(&lead, "catalog/save-assessment", &assessment).await.0, StatusCode::FORBIDDEN);
    let request =
        [("certificate_id", care.as_str()), ("year", year.as_str()), ("level", "junior"), ("major_code", "590302")];
    assert_eq!(app.call(&lead, "catalog/request-major", &request).await.0, StatusCode::FORBIDDEN);
    // Within the certificate the same requests go through.
    let own = [("certificate_id", logistics.as_str()), ("year", year.as_str()), ("level", "junior")];
    assert_ne!(app.call(&lead, "catalog/save-assessment", &own).await.0, StatusCode::FORBIDDEN);
}
