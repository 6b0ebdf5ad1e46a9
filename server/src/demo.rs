//! Demo data (演示): three schools, one account per role, every record marked as demo.
//! Seeding is idempotent: running it again changes nothing.

use anyhow::Context;
use app::accounts::model::NewAccount;
use app::accounts::model::{AccountStatus, Role};
use app::accounts::repo::{find_account_by_username, insert_account, replace_scope};
use app::auth::password::hash_password;
use app::catalog::model::Level;
use app::db::{Conn, Pool};
use app::institutions::model::InstitutionInput;
use app::institutions::repo::{find_institution_id_by_credit_code, insert_college, insert_institution, list_colleges};
use app::validate::credit_code::check_character;

/// The password of every demo account (demo data only; real accounts get generated passwords).
pub const DEMO_PASSWORD: &str = "Demo2026shenbao";

pub struct DemoAccount {
    pub username: &'static str,
    pub role: Role,
    pub name: &'static str,
    /// Index into [`SCHOOLS`] for school accounts.
    pub school: Option<usize>,
}

pub const SCHOOLS: [(&str, &str, &str, &str, &[&str]); 3] = [
    (
        "演示职业技术学院",
        "higher_vocational",
        "南宁市",
        "4145019001",
        &["信息工程学院", "汽车工程学院", "健康管理学院"],
    ),
    ("演示中等职业学校", "secondary_vocational", "柳州市", "4145029002", &["机电部", "物流部"]),
    ("演示应用技术大学", "undergraduate", "桂林市", "4145039003", &["建筑工程学院"]),
];

pub const ACCOUNTS: [DemoAccount; 8] = [
    DemoAccount { username: "demo_secretariat", role: Role::Secretariat, name: "秘书处（演示）", school: None },
    DemoAccount { username: "demo_expert", role: Role::Expert, name: "评审专家（演示）", school: None },
    // An expert who teaches at school B: never assigned school B's declarations.
    DemoAccount {
        username: "demo_expert_b", role: Role::Expert, name: "乙校评审专家（演示）", school: Some(1)
    },
    DemoAccount { username: "demo_org", role: Role::Org, name: "培训评价组织（演示）", school: None },
    DemoAccount {
        username: "demo_coordinator", role: Role::Coordinator, name: "教务处（演示）", school: Some(0)
    },
    DemoAccount { username: "demo_lead", role: Role::Lead, name: "证书负责人（演示）", school: Some(0) },
    DemoAccount {
        username: "demo_coordinator_b",
        role: Role::Coordinator,
        name: "乙校教务处（演示）",
        school: Some(1),
    },
    DemoAccount {
        username: "demo_lead_b", role: Role::Lead, name: "乙校证书负责人（演示）", school: Some(1)
    },
];

/// Certificates with their organizations (sourced facts) and demo fees in yuan per level; BIM's are its
/// published 2022 fees, the others are demo figures.
const CERTIFICATES: [(&str, &str, [i64; 3]); 6] = [
    ("建筑信息模型(BIM)", "廊坊市中科建筑产业化创新研究中心", [290, 290, 500]),
    ("物流管理", "北京中物联物流采购培训中心", [300, 350, 400]),
    ("汽车运用与维修", "北京中车行高新技术有限公司", [320, 380, 450]),
    ("网络系统建设与运维", "华为技术有限公司", [300, 400, 500]),
    ("老年照护", "北京中福长者文化科技有限公司", [280, 330, 380]),
    ("物联网安装调试与运维", "中盈创信(北京)科技有限公司", [300, 360, 420]),
];

/// A small sample of majors (marked demo; users import the full 2021 catalog) and which certificates
/// they are eligible for in the demo data.
/// Every demo offering's equipment list (marked demo in the specification).
const DEMO_EQUIPMENT: [(&str, &str, i64); 3] = [
    ("计算机", "（演示）i5 处理器、16 GB 内存、独立显卡", 40),
    ("专业软件", "（演示）正版授权，与考核平台版本一致", 40),
    ("投影仪", "（演示）亮度不低于 3500 流明", 1),
];

const MAJORS: [(&str, &str, &str, &str, &[&str]); 7] = [
    ("530802", "物流管理", "higher_vocational", "财经商贸大类", &["物流管理"]),
    ("730701", "物流服务与管理", "secondary", "财经商贸大类", &["物流管理"]),
    ("440301", "建筑工程技术", "higher_vocational", "土木建筑大类", &["建筑信息模型(BIM)"]),
    ("081001", "土木工程", "bachelor", "工学", &["建筑信息模型(BIM)"]),
    (
        "510202",
        "计算机网络技术",
        "higher_vocational",
        "电子与信息大类",
        &["网络系统建设与运维", "物联网安装调试与运维"],
    ),
    ("500211", "汽车检测与维修技术", "higher_vocational", "交通运输大类", &["汽车运用与维修"]),
    ("590302", "智慧健康养老服务与管理", "higher_vocational", "公共管理与服务大类", &["老年照护"]),
];

/// The demo org account speaks for this organization.
const DEMO_ORG_ORGANIZATION: &str = "北京中物联物流采购培训中心";

async fn seed_catalog(conn: &mut Conn) -> anyhow::Result<()> {
    let year = app::ui::time::shanghai_year(app::db::now());
    for (certificate, organization, fees) in CERTIFICATES {
        sqlx::query(
            "INSERT INTO organizations (name, contact_name, contact_phone, contact_email, is_demo) \
             VALUES ($1, '联系人（演示）', '010-00000000', 'demo@example.com', 1) ON CONFLICT (name) DO NOTHING",
        )
        .bind(organization)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO certificates (organization_id, name, is_demo) \
             SELECT id, $1, 1 FROM organizations WHERE name = $2 ON CONFLICT (name) DO NOTHING",
        )
        .bind(certificate)
        .bind(organization)
        .execute(&mut *conn)
        .await?;
        seed_offerings(conn, year, certificate, fees).await?;
    }
    seed_majors(conn, year).await?;
    app::catalog::search::reindex(conn).await.map_err(|e| anyhow::anyhow!("{}", e.message().en))?;
    sqlx::query("UPDATE accounts SET organization_id = (SELECT id FROM organizations WHERE name = $1) WHERE username = 'demo_org'")
        .bind(DEMO_ORG_ORGANIZATION)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// One certificate's three levels, open this year, each with the demo equipment list.
async fn seed_offerings(conn: &mut Conn, year: i64, certificate: &str, fees: [i64; 3]) -> anyhow::Result<()> {
    for (level, fee) in Level::ALL.into_iter().zip(fees) {
        sqlx::query(
            "INSERT INTO offerings (certificate_id, year, level, is_open, fee_fen, cap_fen, site_conditions, \
             exam_plan, training_plan, updated_at) \
             SELECT id, $1, $2, 1, $3, $4, '（演示）理论考试机房与实操考位，具体以证书标准为准。', \
             '（演示）每年两次统一考核：6月、11月。', '（演示）每年暑期开展师资培训。', $5 \
             FROM certificates WHERE name = $6 ON CONFLICT (certificate_id, year, level) DO NOTHING",
        )
        .bind(year)
        .bind(level.code())
        .bind(fee * 100)
        .bind(600 * 100_i64)
        .bind(app::db::now())
        .bind(certificate)
        .execute(&mut *conn)
        .await?;
        for (position, (item, spec, quantity)) in DEMO_EQUIPMENT.iter().enumerate() {
            sqlx::query(
                "INSERT INTO offering_equipment (certificate_id, year, level, position, item, spec, quantity) \
                 SELECT id, $1, $2, $3, $4, $5, $6 FROM certificates WHERE name = $7 ON CONFLICT DO NOTHING",
            )
            .bind(year)
            .bind(level.code())
            .bind(position as i64)
            .bind(*item)
            .bind(*spec)
            .bind(*quantity)
            .bind(certificate)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The sample majors and the certificates each is eligible for this year.
async fn seed_majors(conn: &mut Conn, year: i64) -> anyhow::Result<()> {
    for (code, name, level, category, certificates) in MAJORS {
        sqlx::query(
            "INSERT INTO majors (code, name, education_level, category, is_demo) VALUES ($1, $2, $3, $4, 1) \
             ON CONFLICT (code) DO NOTHING",
        )
        .bind(code)
        .bind(name)
        .bind(level)
        .bind(category)
        .execute(&mut *conn)
        .await?;
        for certificate in certificates.iter() {
            sqlx::query(
                "INSERT INTO offering_majors (certificate_id, year, level, major_code) \
                 SELECT o.certificate_id, o.year, o.level, $1 FROM offerings o JOIN certificates c ON c.id = o.certificate_id \
                 WHERE c.name = $2 AND o.year = $3 ON CONFLICT DO NOTHING",
            )
            .bind(code)
            .bind(certificate)
            .bind(year)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// A valid credit code for demo school `n` (the check character is computed, not invented).
fn demo_credit_code(n: usize) -> String {
    let prefix = format!("12450000MB0{:06}", 1000 + n);
    let check = check_character(&prefix).unwrap_or('0');
    format!("{prefix}{check}")
}

/// Seeds the demo data in one transaction (again: only what is missing).
pub async fn seed(pool: &Pool) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    seed_in(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

async fn seed_in(conn: &mut Conn) -> anyhow::Result<()> {
    let mut school_ids = Vec::new();
    for (n, (name, kind, city, school_code, colleges)) in SCHOOLS.iter().enumerate() {
        let input = InstitutionInput {
            name: name.to_string(),
            kind: kind.to_string(),
            city: city.to_string(),
            credit_code: demo_credit_code(n),
            school_code: school_code.to_string(),
            website: String::new(),
            address: format!("{city}演示路{}号", n + 1),
        };
        input.validate().map_err(|e| anyhow::anyhow!("demo institution invalid: {e:?}"))?;
        let id = match find_institution_id_by_credit_code(conn, &input.credit_code).await? {
            Some(id) => id,
            None => insert_institution(conn, &input, true).await?,
        };
        let existing = list_colleges(conn, id).await?;
        for college in colleges.iter() {
            if !existing.iter().any(|c| c.name == *college) {
                insert_college(conn, id, college).await?;
            }
        }
        school_ids.push(id);
    }
    let hash = hash_password(DEMO_PASSWORD).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    for account in ACCOUNTS.iter() {
        if find_account_by_username(conn, account.username).await?.is_some() {
            continue;
        }
        let institution_id = account.school.map(|s| school_ids[s]);
        let id = insert_account(
            conn,
            NewAccount {
                username: account.username,
                display_name: account.name,
                password_hash: &hash,
                role: account.role,
                institution_id,
                status: AccountStatus::Active,
                must_change_password: false,
                mobile: Some("13800000000"),
                email: Some("demo@example.com"),
                is_demo: true,
                created_by: None,
            },
        )
        .await?;
        if let (Role::Lead, Some(school)) = (account.role, institution_id) {
            // The demo lead is scoped to the school's first college only.
            let first = list_colleges(conn, school).await?.into_iter().min_by_key(|c| c.id).map(|c| c.id);
            replace_scope(conn, id, &first.into_iter().collect::<Vec<_>>()).await?;
        }
    }
    seed_catalog(conn).await?;
    seed_window(conn).await
}

/// This year's application window, open all year, so the demo can be tried at once (kept if already set).
async fn seed_window(conn: &mut Conn) -> anyhow::Result<()> {
    let year = app::ui::time::shanghai_year(app::db::now());
    let opens = app::ui::time::parse_shanghai(&format!("{year}-01-01 00:00")).context("window start")?;
    let closes = app::ui::time::parse_shanghai(&format!("{}-01-01 00:00", year + 1)).context("window end")?;
    sqlx::query(
        "INSERT INTO application_windows (year, opens_at, closes_at, updated_by, updated_at) \
         SELECT $1, $2, $3, id, $4 FROM accounts WHERE username = 'demo_secretariat' ON CONFLICT (year) DO NOTHING",
    )
    .bind(year)
    .bind(opens)
    .bind(closes)
    .bind(app::db::now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The lines printed after seeding, so a newcomer can log in at once.
pub fn describe() -> String {
    let mut out = String::from("Demo accounts (演示), password for all: ");
    out.push_str(DEMO_PASSWORD);
    out.push('\n');
    for a in ACCOUNTS.iter() {
        out.push_str(&format!("  {:<20} {:<12} {}\n", a.username, a.role.code(), a.name));
    }
    out
}
