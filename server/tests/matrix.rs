//! The authorisation matrix: every server function and every plain route, as every kind of caller, with
//! ids that belong to school A. The endpoints come from the running program (the registered server
//! functions and the router's plain route list), so a new endpoint without an entry here fails the test.
//!
//! Each cell is one call. A caller outside the endpoint's roles (logged out, a disabled account, one that
//! must first change its password, another role) must be refused. A caller of an allowed role but outside
//! the data's scope (the other school, a lead of other colleges, an unassigned expert, another
//! organization) must be refused or answered without any of school A's data, which carries a marker.
//! Insiders are not called (their answers are the other tests' business), so no cell changes A's data,
//! and the test checks at the end that none did.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use app::accounts::model::Role;
use common::arguments::{arguments, Fixture};
use common::flows::{certificate_id, form, upload_photo};
use common::{TestApp, SCHOOL_A};
use reqwest::{Client, StatusCode};

/// Texts only school A's own data holds, and the scope that may see each: its declaration's venues (the
/// declaration's college), its contact's name (the school).
const DECLARATION_MARKER: &str = "甲校申报标记";
const SCHOOL_MARKER: &str = "甲校联系人标记";
const MARKERS: [(&str, Scope); 2] = [(DECLARATION_MARKER, Scope::College), (SCHOOL_MARKER, Scope::School)];

/// Who may call an endpoint.
#[derive(Clone, Copy, Debug)]
enum Who {
    /// Anyone, logged out too (public pages' data, login, registration).
    Anyone,
    /// Any active account that has no forced password change pending.
    LoggedIn,
    /// These roles only.
    Roles(&'static [Role]),
}

/// Whose data the ids of a call name, so which callers of an allowed role are still outsiders.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Scope {
    /// The caller's own things only (their inbox, devices, conflicts): nobody else's data can come back.
    Own,
    /// School A's: the other school's people are outsiders.
    School,
    /// A college of school A: also a lead of A's other colleges.
    College,
    /// An organization's certificate: another organization is an outsider.
    Org,
    /// A declaration under review: an expert not assigned to it is an outsider.
    Assigned,
}

use Role::{Coordinator as C, Expert as E, Lead as L, Org as O, Secretariat as S};
use Scope::*;
use Who::*;

const SCHOOL: &[Role] = &[C, L];
const STAFF_OF_SCHOOL: &[Role] = &[S, C, L];

/// Every server function: who may call it and whose data its ids name.
const SERVER_FUNCTIONS: &[(&str, Who, Scope)] = &[
    ("accounts/login", Anyone, Own),
    ("accounts/logout", Anyone, Own),
    ("accounts/me", Anyone, Own),
    ("accounts/take-issued", Anyone, Own),
    ("accounts/change-password", LoggedIn, Own),
    ("accounts/list", Roles(&[S, C]), School),
    ("accounts/create-staff", Roles(&[S]), Own),
    ("accounts/create-lead", Roles(&[C]), College),
    ("accounts/set-scope", Roles(&[C]), School),
    ("accounts/reset-password", Roles(&[S, C]), School),
    ("accounts/set-active", Roles(&[S, C]), School),
    ("accounts/my-scope", Roles(&[L]), Own),
    ("catalog/organizations", Roles(&[S, O]), Org),
    ("catalog/save-organization", Roles(&[S, O]), Org),
    ("catalog/save-certificate", Roles(&[S, O]), Org),
    ("catalog/certificate", Anyone, Org),
    ("catalog/save-offering", Roles(&[O, S]), Org),
    ("catalog/set-cap", Roles(&[S]), Org),
    ("catalog/save-assessment", Roles(SCHOOL), School),
    ("catalog/eligibility", Roles(SCHOOL), School),
    ("catalog/major-counts", Anyone, Own),
    ("catalog/request-major", Roles(SCHOOL), School),
    ("catalog/major-requests", Roles(&[O, C, L]), School),
    ("catalog/decide-major-request", Roles(&[O]), Org),
    ("catalog/search", Anyone, Own),
    ("declarations/list", Roles(STAFF_OF_SCHOOL), College),
    ("declarations/create-options", Roles(SCHOOL), College),
    ("declarations/create", Roles(SCHOOL), College),
    ("declarations/get", Roles(&[S, C, L, E]), College),
    ("declarations/save", Roles(SCHOOL), College),
    ("declarations/act", Roles(STAFF_OF_SCHOOL), College),
    ("declarations/final-submit", Roles(&[C]), School),
    ("declarations/confirm-number", Roles(&[L]), College),
    ("declarations/leader-approval", Roles(&[C]), School),
    ("declarations/get-thresholds", LoggedIn, Own),
    ("declarations/thresholds", Roles(&[S]), Own),
    ("declarations/delete-photo", Roles(SCHOOL), College),
    ("declarations/window", Anyone, Own),
    ("declarations/save-window", Roles(&[S]), Own),
    ("followup/mine", Roles(&[C]), School),
    ("followup/page", Roles(&[C, S]), School),
    ("followup/submit", Roles(&[C]), School),
    ("followup/status", Roles(&[S]), Own),
    ("followup/remind", Roles(&[S]), Own),
    ("institutions/import-report", Roles(&[S]), Own),
    ("institutions/search-registry", Anyone, Own),
    ("institutions/register", Anyone, Own),
    ("institutions/request-addition", Anyone, Own),
    ("institutions/list", Roles(&[S]), Own),
    ("institutions/get", Roles(STAFF_OF_SCHOOL), School),
    ("institutions/save", Roles(&[S]), Own),
    ("institutions/colleges", Roles(STAFF_OF_SCHOOL), School),
    ("institutions/add-college", Roles(&[S, C]), School),
    ("institutions/update-contact", Roles(&[C]), School),
    ("institutions/pending", Roles(&[S]), Own),
    ("institutions/decide-registration", Roles(&[S]), Own),
    ("institutions/close-request", Roles(&[S]), Own),
    ("institutions/my-school", Roles(&[C]), School),
    ("library/policies", Anyone, Own),
    ("library/save-policy", Roles(&[S]), Own),
    ("library/retire-policy", Roles(&[S]), Own),
    ("library/notices", Anyone, Own),
    ("library/save-notice", Roles(&[S]), Own),
    ("library/delete-notice", Roles(&[S]), Own),
    ("library/faq", Anyone, Own),
    ("library/save-faq", Roles(&[S]), Own),
    ("library/contact", Anyone, Own),
    ("library/save-contact", Roles(&[S]), Own),
    ("inbox/list", LoggedIn, Own),
    ("inbox/read-all", LoggedIn, Own),
    ("push/key", Anyone, Own),
    ("push/subscribe", LoggedIn, Own),
    ("push/devices", LoggedIn, Own),
    ("push/remove", LoggedIn, Own),
    ("results/view", Anyone, Own),
    ("results/name-lead", Roles(&[S]), Own),
    ("results/publish", Roles(&[S]), Own),
    ("results/roster", Roles(&[S, C, L, E, O]), School),
    ("review/overview", Roles(&[S]), Own),
    ("review/save-rubric", Roles(&[S]), Own),
    ("review/assign", Roles(&[S]), Own),
    ("review/assign-all", Roles(&[S]), Own),
    ("review/decide", Roles(&[S]), Own),
    ("review/mine", Roles(&[E]), Own),
    ("review/score-view", Roles(&[E]), Assigned),
    ("review/score", Roles(&[E]), Assigned),
    ("review/conflict", Roles(&[E]), Assigned),
    ("review/my-conflicts", Roles(&[E]), Own),
    ("review/set-conflicts", Roles(&[E]), Own),
    ("review/my-areas", Roles(&[E]), Own),
    ("review/set-areas", Roles(&[E]), Own),
    ("home", Anyone, Own),
    ("survey/get", Roles(SCHOOL), College),
    ("survey/add", Roles(SCHOOL), College),
    ("survey/step", Roles(&[C]), School),
    ("survey/accept", Roles(&[C]), School),
    ("offline/paths", LoggedIn, Own),
];

/// Every plain route (path as the router has it): who may call it and whose data it names.
const PLAIN_ROUTES: &[(&str, Who, Scope)] = &[
    ("/metrics", Anyone, Own),
    ("/healthz", Anyone, Own),
    ("/readyz", Anyone, Own),
    ("/api/institutions/import", Roles(&[S]), Own),
    ("/api/majors/import", Roles(&[S]), Own),
    ("/api/declarations/{id}/photos", Roles(SCHOOL), College),
    ("/api/declarations/export.xlsx", Roles(&[S, C]), School),
    ("/api/declarations/export.csv", Roles(&[S, C]), School),
    ("/api/results/export.xlsx", Anyone, Own),
    ("/api/results/export.csv", Anyone, Own),
    ("/api/results/roster/{id}/export.xlsx", Roles(&[S, C, L, E, O]), School),
    ("/api/results/roster/{id}/export.csv", Roles(&[S, C, L, E, O]), School),
    ("/api/photos/{id}", Roles(&[S, C, L, E]), College),
    ("/api/photos/{id}/thumb", Roles(&[S, C, L, E]), College),
    ("/prefs/lang", Anyone, Own),
];

/// Calls that end the caller's own session or count as login attempts: other tests cover them, and here
/// they would log the matrix's callers out or lock their names.
const NOT_CALLED: &[&str] = &["accounts/login", "accounts/logout"];

/// Endpoints a caller who must change a reset password may still use.
const BEFORE_PASSWORD_CHANGE: &[&str] = &["accounts/change-password", "accounts/me", "accounts/take-issued", "home"];

/// One caller of the matrix.
struct Caller {
    name: &'static str,
    client: Client,
    role: Option<Role>,
    /// Outside which scopes this caller is, though of an allowed role.
    outside: &'static [Scope],
    /// Logged out, disabled, or owing a password change: refused everything but what [`Who::Anyone`] allows.
    barred: Option<&'static str>,
}

/// What a cell must be: refused, or answered without school A's data.
fn check_cell(endpoint: &str, caller: &Caller, status: StatusCode, body: &str, who: Who) -> Option<String> {
    let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND);
    let leaked = MARKERS.iter().any(|(marker, seen_by)| {
        body.contains(marker) && (caller.barred.is_some() || caller.outside.contains(seen_by))
    });
    let must_refuse = match (who, caller.barred) {
        (Anyone, _) => false,
        (_, Some("must change password")) => !BEFORE_PASSWORD_CHANGE.contains(&endpoint),
        (_, Some(_)) => true,
        (LoggedIn, None) => false,
        (Roles(roles), None) => !caller.role.is_some_and(|r| roles.contains(&r)),
    };
    if must_refuse && !refused {
        return Some(format!("{endpoint} as {}: {status}, expected a refusal: {}", caller.name, clip(body)));
    }
    if leaked {
        return Some(format!("{endpoint} as {}: {status}, school A's data leaked: {}", caller.name, clip(body)));
    }
    if status.is_server_error() || status == StatusCode::BAD_REQUEST {
        return Some(format!(
            "{endpoint} as {}: {status} (the matrix's arguments do not fit?): {}",
            caller.name,
            clip(body)
        ));
    }
    None
}

fn clip(body: &str) -> String {
    body.chars().take(300).collect()
}

async fn fixture(app: &TestApp) -> Fixture {
    common::flows::set_window(app, true).await;
    let coordinator = app.login_as("demo_coordinator").await;
    let lead = app.login_as("demo_lead").await;
    let institution = app.institution_id(SCHOOL_A).await.to_string();
    let college = app.college_ids(app.institution_id(SCHOOL_A).await).await[0].to_string();
    let certificate = certificate_id(app, "物流管理").await;
    let (status, id) = app
        .call(
            &lead,
            "declarations/create",
            &[("college_id", college.as_str()), ("offering", &format!("{certificate}:junior"))],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let declaration = id.to_string();
    let venues = format!("{DECLARATION_MARKER}实训场所");
    let (status, body) = app.call(&lead, "declarations/save", &form(&declaration, "1", "530802", "40", &venues)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, photo) = upload_photo(app, &lead, &declaration, common::flows::plain_jpeg(40, 30), "m-1").await;
    assert_eq!(status, StatusCode::OK, "{photo}");
    let contact = [
        ("contact_name", SCHOOL_MARKER.to_string()),
        ("contact_mobile", "13800000000".into()),
        ("contact_email", "a@qq.com".into()),
    ];
    let pairs: Vec<(&str, &str)> = contact.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&coordinator, "institutions/update-contact", &pairs).await.0, StatusCode::OK);
    let year = app.call(&app.client(), "declarations/window", &[]).await.1["year"].to_string();
    Fixture {
        declaration,
        photo: photo["id"].to_string(),
        institution,
        college,
        lead: app.account_id("demo_lead").await.to_string(),
        certificate,
        year,
    }
}

async fn callers(app: &TestApp, f: &Fixture) -> Vec<Caller> {
    let coordinator = app.login_as("demo_coordinator").await;
    let secretariat = app.login_as("demo_secretariat").await;
    // A lead of school A whose scope is another college only.
    let other_college = app.college_ids(app.institution_id(SCHOOL_A).await).await[1].to_string();
    let lead_form = [
        ("username", "matrix_other_lead"),
        ("display_name", "其他学院负责人"),
        ("mobile", "13912345678"),
        ("college_ids[0]", other_college.as_str()),
    ];
    let (status, issued) = app.call(&coordinator, "accounts/create-lead", &lead_form).await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    let other_lead = app.login_with("matrix_other_lead", issued["password"].as_str().unwrap()).await;
    let change = [
        ("current_password", issued["password"].as_str().unwrap()),
        ("new_password", "Other2026lead"),
        ("confirm_password", "Other2026lead"),
    ];
    assert_eq!(app.call(&other_lead, "accounts/change-password", &change).await.0, StatusCode::OK);
    // A lead disabled after logging in, and one whose password was reset.
    let (_, issued) = app
        .call(
            &coordinator,
            "accounts/create-lead",
            &[
                ("username", "matrix_disabled"),
                ("display_name", "停用"),
                ("mobile", "13912345679"),
                ("college_ids[0]", f.college.as_str()),
            ],
        )
        .await;
    let disabled = app.login_with("matrix_disabled", issued["password"].as_str().unwrap()).await;
    let id = app.account_id("matrix_disabled").await.to_string();
    assert_eq!(
        app.call(&coordinator, "accounts/set-active", &[("account_id", &id), ("active", "false")]).await.0,
        StatusCode::OK
    );
    let (_, issued) = app
        .call(
            &coordinator,
            "accounts/create-lead",
            &[
                ("username", "matrix_reset"),
                ("display_name", "重置"),
                ("mobile", "13912345670"),
                ("college_ids[0]", f.college.as_str()),
            ],
        )
        .await;
    let must_change = app.login_with("matrix_reset", issued["password"].as_str().unwrap()).await;
    // Another organization's account.
    let (status, body) = app
        .call(
            &secretariat,
            "catalog/save-organization",
            &[
                ("name", "矩阵评价组织"),
                ("contact_name", "王"),
                ("contact_phone", "0771-1234567"),
                ("contact_email", "o@qq.com"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (org_id,): (i64,) =
        sqlx::query_as("SELECT id FROM organizations WHERE name = '矩阵评价组织'").fetch_one(&app.pool).await.unwrap();
    let (status, issued) = app
        .call(
            &secretariat,
            "accounts/create-staff",
            &[
                ("username", "matrix_org"),
                ("display_name", "其他组织"),
                ("role", "org"),
                ("organization_id", &org_id.to_string()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{issued}");
    let other_org = app.login_with("matrix_org", issued["password"].as_str().unwrap()).await;
    let change = [
        ("current_password", issued["password"].as_str().unwrap()),
        ("new_password", "Other2026org"),
        ("confirm_password", "Other2026org"),
    ];
    assert_eq!(app.call(&other_org, "accounts/change-password", &change).await.0, StatusCode::OK);

    let school_outsider: &'static [Scope] = &[School, College];
    vec![
        Caller { name: "logged out", client: app.client(), role: None, outside: &[], barred: Some("logged out") },
        Caller { name: "disabled lead of A", client: disabled, role: Some(L), outside: &[], barred: Some("disabled") },
        Caller {
            name: "lead of A owing a password change",
            client: must_change,
            role: Some(L),
            outside: &[],
            barred: Some("must change password"),
        },
        Caller {
            name: "lead of A's other college",
            client: other_lead,
            role: Some(L),
            outside: &[College],
            barred: None,
        },
        Caller {
            name: "coordinator of B",
            client: app.login_as("demo_coordinator_b").await,
            role: Some(C),
            outside: school_outsider,
            barred: None,
        },
        Caller {
            name: "lead of B",
            client: app.login_as("demo_lead_b").await,
            role: Some(L),
            outside: school_outsider,
            barred: None,
        },
        Caller {
            name: "unassigned expert",
            client: app.login_as("demo_expert").await,
            role: Some(E),
            outside: &[Assigned, School, College],
            barred: None,
        },
        Caller {
            name: "organization",
            client: app.login_as("demo_org").await,
            role: Some(O),
            outside: &[School, College],
            barred: None,
        },
        Caller {
            name: "another organization",
            client: other_org,
            role: Some(O),
            outside: &[Org, School, College],
            barred: None,
        },
    ]
}

/// The paths the running program serves, with the matrix's entry for each (an entry missing, or left
/// over from a removed endpoint, fails here).
fn entries() -> Vec<(String, Who, Scope, bool)> {
    let registered: BTreeSet<String> = server::router::server_fn_paths().iter().cloned().collect();
    let listed: BTreeMap<String, (Who, Scope)> =
        SERVER_FUNCTIONS.iter().map(|(p, w, s)| (format!("/api/{p}"), (*w, *s))).collect();
    let missing: Vec<&String> = registered.iter().filter(|p| !listed.contains_key(*p)).collect();
    let stale: Vec<&String> = listed.keys().filter(|p| !registered.contains(*p)).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "server functions without an entry: {missing:?}; entries of none: {stale:?}"
    );
    let routes: BTreeSet<String> = server::router::plain_routes().iter().map(|r| r.path.to_string()).collect();
    let plain: BTreeMap<String, (Who, Scope)> =
        PLAIN_ROUTES.iter().map(|(p, w, s)| (p.to_string(), (*w, *s))).collect();
    let missing: Vec<&String> = routes.iter().filter(|p| !plain.contains_key(*p)).collect();
    let stale: Vec<&String> = plain.keys().filter(|p| !routes.contains(*p)).collect();
    assert!(missing.is_empty() && stale.is_empty(), "routes without an entry: {missing:?}; entries of none: {stale:?}");
    let functions = listed.into_iter().map(|(p, (w, s))| (p, w, s, true));
    functions.chain(plain.into_iter().map(|(p, (w, s))| (p, w, s, false))).collect()
}

/// One call of a plain route, as a browser's page would make it.
async fn call_route(app: &TestApp, client: &Client, path: &str, f: &Fixture) -> (StatusCode, String) {
    let route = server::router::plain_routes().into_iter().find(|r| r.path == path).unwrap();
    let id = if path.starts_with("/api/photos/") {
        &f.photo
    } else if path.contains("/roster/") {
        &f.certificate
    } else {
        &f.declaration
    };
    let url = format!("{}{}", app.base, path.replace("{id}", id));
    let request = if route.method == reqwest::Method::GET {
        client.get(url)
    } else if route.upload {
        let part = reqwest::multipart::Part::bytes(common::flows::plain_jpeg(20, 20)).file_name("matrix.jpg");
        client.post(url).multipart(
            reqwest::multipart::Form::new()
                .part("file", part)
                .text("category", "equipment")
                .text("client_id", "matrix"),
        )
    } else {
        client.post(url).form(&[("lang", "en"), ("back", "/")])
    };
    let response = request.header("Accept", "application/json").send().await.unwrap();
    let status = response.status();
    (status, String::from_utf8_lossy(&response.bytes().await.unwrap_or_default()).to_string())
}

#[tokio::test]
async fn every_endpoint_refuses_every_caller_outside_its_roles_and_scope() {
    let app = TestApp::spawn().await;
    let entries = entries();
    let f = fixture(&app).await;
    let callers = callers(&app, &f).await;
    let form = arguments(&f);
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (mut cells, mut failures) = (0, Vec::new());
    for (path, who, _scope, server_fn) in &entries {
        let name = path.trim_start_matches("/api/");
        if NOT_CALLED.contains(&name) {
            continue;
        }
        for caller in &callers {
            let (status, body) = if *server_fn {
                let (status, body) = app.call(&caller.client, name, &pairs).await;
                (status, body.to_string())
            } else {
                call_route(&app, &caller.client, path, &f).await
            };
            cells += 1;
            failures.extend(check_cell(name, caller, status, &body, *who));
        }
    }
    assert!(failures.is_empty(), "{} of {cells} cells wrong:\n{}", failures.len(), failures.join("\n"));
    // No cell changed school A's declaration.
    let lead = app.login_as("demo_lead").await;
    let (_, declaration) = app.call(&lead, "declarations/get", &[("id", f.declaration.as_str())]).await;
    assert_eq!(declaration["version"], 2, "{declaration}");
    assert_eq!(declaration["status"], "Draft", "{declaration}");
    println!(
        "authorisation matrix: {} endpoints × {} callers = {cells} cells, all refused or without A's data",
        entries.len() - NOT_CALLED.len(),
        callers.len()
    );
}
