//! The institution registry: editing, all-or-nothing imports, registration and activation.

mod common;

use common::{TestApp, SCHOOL_A};
use reqwest::StatusCode;

const NEW_CODE: &str = "91350100M000100Y43";

async fn count_institutions(app: &TestApp) -> i64 {
    sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM institutions").fetch_one(&app.pool).await.unwrap().0
}

#[tokio::test]
async fn the_secretariat_adds_an_institution_and_bad_fields_are_named() {
    let app = TestApp::spawn().await;
    let client = app.login_as("demo_secretariat").await;
    let mut form = vec![
        ("name", "广西新增职业学院"),
        ("kind", "higher_vocational"),
        ("city", "钦州市"),
        ("credit_code", "91350100M000100Y44"),
        ("school_code", "41450"),
        ("website", "www.no-scheme.cn"),
        ("address", "钦州市某路1号"),
    ];
    let (status, body) = app.call(&client, "institutions/save", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> =
        body["Validation"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["credit_code", "school_code", "website"]);

    form[3].1 = NEW_CODE;
    form[4].1 = "4144012345"; // another province: saved with a warning
    form[5].1 = "https://www.example.edu.cn";
    let (status, body) = app.call(&client, "institutions/save", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["warnings"].as_array().unwrap().len(), 1);
    // The same credit code again is a conflict on the form, not a second record.
    let (status, _) = app.call(&client, "institutions/save", &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn an_import_with_one_bad_row_saves_nothing_and_reports_each_row() {
    let app = TestApp::spawn().await;
    let client = app.login_as("demo_secretariat").await;
    let before = count_institutions(&app).await;
    let csv = format!(
        "院校名称,院校类型,所在城市,统一社会信用代码,学校标识码,院校网址,详细地址\n\
         导入学院甲,中职学校,南宁,{NEW_CODE},4145010001,,南宁市甲路\n\
         导入学院乙,技工院校,不存在市,123,4145010002,,百色市乙路\n"
    );
    let (status, body) = app.upload(&client, "institutions", "schools.csv", csv.into_bytes()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let errors = body["report"]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["row"], 3);
    assert_eq!(count_institutions(&app).await, before, "nothing half-imported");
}

#[tokio::test]
async fn an_xlsx_import_inserts_new_rows_and_updates_existing_ones_by_credit_code() {
    let app = TestApp::spawn().await;
    let client = app.login_as("demo_secretariat").await;
    let a = app.institution_id(SCHOOL_A).await;
    let (existing_code,): (String,) = sqlx::query_as("SELECT credit_code FROM institutions WHERE id = $1")
        .bind(a)
        .fetch_one(&app.pool)
        .await
        .unwrap();

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["院校名称", "院校类型", "所在城市", "统一社会信用代码", "学校标识码", "院校网址", "详细地址"],
        ["导入学院甲", "中职学校", "梧州市", NEW_CODE, "4145010001", "", "梧州市甲路"],
        [
            SCHOOL_A,
            "高职(专科)院校",
            "南宁市",
            existing_code.as_str(),
            "4145019001",
            "https://a.example.cn",
            "南宁市新址",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    sheet.write_number(1, 4, 4145010001.0).unwrap(); // codes typed as numbers in Excel still import
    let bytes = book.save_to_buffer().unwrap();

    let (status, body) = app.upload(&client, "institutions", "院校.xlsx", bytes).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["report"]["inserted"], 1);
    assert_eq!(body["report"]["updated"], 1);
    let (address,): (String,) =
        sqlx::query_as("SELECT address FROM institutions WHERE id = $1").bind(a).fetch_one(&app.pool).await.unwrap();
    assert_eq!(address, "南宁市新址");
    // The report can be read back by its id, by the importer only.
    let id = body["id"].to_string();
    assert_eq!(app.call(&client, "institutions/import-report", &[("id", &id)]).await.0, StatusCode::OK);
}

#[tokio::test]
async fn only_the_secretariat_can_import() {
    let app = TestApp::spawn().await;
    let coordinator = app.login_as("demo_coordinator").await;
    let (status, _) = app.upload(&coordinator, "institutions", "x.csv", b"a,b\n".to_vec()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_school_registers_waits_for_activation_and_cannot_be_claimed_twice() {
    let app = TestApp::spawn().await;
    let anonymous = app.client();
    let (status, hits) = app.call(&anonymous, "institutions/search-registry", &[("query", "应用技术")]).await;
    assert_eq!(status, StatusCode::OK);
    let hit = &hits.as_array().unwrap()[0];
    assert_eq!(hit["registered"], false);
    assert!(hit.get("credit_code").is_none(), "no private data to anonymous callers");
    let school = hit["id"].to_string();

    let register = |username: &'static str| {
        let school = school.clone();
        let app = &app;
        let anonymous = &anonymous;
        async move {
            app.call(
                anonymous,
                "institutions/register",
                &[
                    ("institution_id", school.as_str()),
                    ("username", username),
                    ("password", "Register2026"),
                    ("confirm_password", "Register2026"),
                    ("contact_name", "李老师"),
                    ("contact_mobile", "13712345678"),
                    ("contact_email", "li@qq.com"),
                ],
            )
            .await
        }
    };
    assert_eq!(register("gxyy_jwc").await.0, StatusCode::OK);
    assert_eq!(register("someone_else").await.0, StatusCode::CONFLICT, "one coordinator per school");

    // Pending: it cannot log in yet.
    let (status, body) =
        app.call(&anonymous, "accounts/login", &[("username", "gxyy_jwc"), ("password", "Register2026")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body["Conflict"]["zh"].as_str().unwrap().contains("激活"));

    let secretariat = app.login_as("demo_secretariat").await;
    let (_, pending) = app.call(&secretariat, "institutions/pending", &[]).await;
    let account = pending["registrations"][0]["account_id"].to_string();
    let (status, _) = app
        .call(&secretariat, "institutions/decide-registration", &[("account_id", &account), ("activate", "true")])
        .await;
    assert_eq!(status, StatusCode::OK);

    let coordinator = app.login_with("gxyy_jwc", "Register2026").await;
    let (_, institution) = app.call(&coordinator, "institutions/get", &[("id", &school)]).await;
    assert_eq!(institution["contact_mobile"], "13712345678");
}

#[tokio::test]
async fn a_school_not_found_asks_the_secretariat_to_add_it() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .call(
            &app.client(),
            "institutions/request-addition",
            &[
                ("name", "某某县职业教育中心"),
                ("city", "河池"),
                ("note", "首次申报"),
                ("contact_name", "王老师"),
                ("contact_mobile", "13612345678"),
                ("contact_email", "wang@163.com"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let secretariat = app.login_as("demo_secretariat").await;
    let (_, pending) = app.call(&secretariat, "institutions/pending", &[]).await;
    assert_eq!(pending["requests"][0]["name"], "某某县职业教育中心");
    assert_eq!(pending["requests"][0]["city"], "河池市");
}

#[tokio::test]
async fn a_refused_plain_form_goes_back_with_the_error_and_what_was_typed_but_no_password() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let response = client
        .post(format!("{}/api/institutions/register", app.base))
        .header("Accept", "text/html")
        .header("Referer", format!("{}/register?school=1", app.base))
        .form(&[
            ("institution_id", "1"),
            ("username", "新用户"),
            ("password", "Secret2026x"),
            ("confirm_password", "Secret2026x"),
            ("contact_name", "赵老师"),
            ("contact_mobile", "1381234"),
            ("contact_email", "zhao@qq.com"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/register?school=1&flash="), "{location}");
    assert!(!location.contains("%E8%B5%B5") && !location.contains("1381234"), "nothing typed travels in the URL");
    let page = client.get(format!("{}{location}", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("value=\"赵老师\""), "what was typed is back in the form");
    assert!(page.contains("1381234") && page.contains("手机号应为11位"), "with the mobile's error");
    assert!(!page.contains("Secret2026x"), "passwords never come back");
    let (stored,): (String,) =
        sqlx::query_as("SELECT form_values FROM form_flashes").fetch_one(&app.pool).await.unwrap();
    assert!(!stored.contains("Secret2026x"), "nor are they kept");
}

#[tokio::test]
async fn the_registry_is_searched_by_name_or_credit_code_in_either_case() {
    let app = TestApp::spawn().await;
    let secretariat = app.login_as("demo_secretariat").await;
    let (status, upper) = app.call(&secretariat, "institutions/list", &[("query", "MB0001")]).await;
    assert_eq!(status, StatusCode::OK, "{upper}");
    assert!(!upper.as_array().unwrap().is_empty(), "the demo credit codes hold MB0001: {upper}");
    let (_, lower) = app.call(&secretariat, "institutions/list", &[("query", "mb0001")]).await;
    assert_eq!(lower, upper, "on PostgreSQL as on SQLite");
    // A search of a megabyte (as sent) is cut to what a person types, never refused by the database.
    let long = "职".repeat(100_000);
    let (status, body) = app.call(&secretariat, "institutions/list", &[("query", long.as_str())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn codes_typed_with_a_chinese_input_method_are_stored_plain_and_a_shared_school_code_is_flagged() {
    let app = TestApp::spawn().await;
    let client = app.login_as("demo_secretariat").await;
    let full_width: String = NEW_CODE.chars().map(|c| char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap()).collect();
    let form = [
        ("name", "广西新增职业学院"),
        ("kind", "higher_vocational"),
        ("city", "钦州市"),
        ("credit_code", full_width.as_str()),
        ("school_code", "４１４５\u{3000}０１２３４５"),
        ("website", ""),
        ("address", "钦州市某路1号"),
    ];
    let (status, body) = app.call(&client, "institutions/save", &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["warnings"].as_array().unwrap().is_empty(), "{body}");
    let (code, school): (String, String) =
        sqlx::query_as("SELECT credit_code, school_code FROM institutions WHERE name = '广西新增职业学院'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((code.as_str(), school.as_str()), (NEW_CODE, "4145012345"));

    // Another institution with the same school code is saved, with a warning naming the first.
    let second_code = {
        let prefix = "12450000MB0999999";
        format!("{prefix}{}", app::validate::credit_code::check_character(prefix).unwrap())
    };
    let again = [
        ("name", "广西另一职业学院"),
        ("kind", "higher_vocational"),
        ("city", "钦州市"),
        ("credit_code", second_code.as_str()),
        ("school_code", "4145012345"),
        ("website", ""),
        ("address", "钦州市某路2号"),
    ];
    let (status, body) = app.call(&client, "institutions/save", &again).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["warnings"].to_string().contains("广西新增职业学院"), "{body}");
}
