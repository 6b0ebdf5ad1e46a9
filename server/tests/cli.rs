//! The server binary's subcommands, run as a user would run them, against a fresh SQLite data directory.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn shenbao(data_dir: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .args(args)
        .env("SHENBAO_DATA_DIR", data_dir)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run shenbao");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

async fn count(data_dir: &std::path::Path, sql: &str) -> i64 {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&format!("sqlite://{}/shenbao.db", data_dir.display())).await.unwrap();
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn create_secretariat_generates_a_password_once_or_reads_one_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = shenbao(dir.path(), &["create-secretariat", "gx_admin"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let password = stdout.lines().find_map(|l| l.split(": ").nth(1).filter(|_| l.starts_with("password"))).unwrap();
    assert!(password.len() >= 8, "{stdout}");

    let out = shenbao(dir.path(), &["create-secretariat", "gx_admin2", "--password-stdin"], Some("Chosen2026pw\n"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Chosen2026pw"), "a chosen password is never printed");

    // A weak password and a taken username are refused with a message, not a panic.
    let weak = shenbao(dir.path(), &["create-secretariat", "gx_admin3", "--password-stdin"], Some("short\n"));
    assert!(!weak.status.success());
    let taken = shenbao(dir.path(), &["create-secretariat", "gx_admin"], None);
    assert!(!taken.status.success());
    assert!(String::from_utf8_lossy(&taken.stderr).contains("already exists"));

    let (generated, chosen) = (
        count(dir.path(), "SELECT must_change_password FROM accounts WHERE username = 'gx_admin'").await,
        count(dir.path(), "SELECT must_change_password FROM accounts WHERE username = 'gx_admin2'").await,
    );
    assert_eq!((generated, chosen), (1, 0), "a generated password must be changed at first login");
}

#[tokio::test]
async fn demo_data_is_seeded_once_however_often_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..2 {
        let out = shenbao(dir.path(), &["demo"], None);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("demo_secretariat"));
    }
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM accounts").await, server::demo::ACCOUNTS.len() as i64);
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM institutions WHERE is_demo = 1").await, 3);
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM offerings").await, 18);
    // WAL mode is recorded in the SQLite file itself.
    let pool = sqlx::AnyPool::connect(&format!("sqlite://{}/shenbao.db", dir.path().display())).await.unwrap();
    let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&pool).await.unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn import_majors_reports_bad_rows_and_imports_nothing_or_everything() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "专业代码,专业名称,层次\n610201,计算机应用技术,高职专科\n61020x,云计算技术应用,专科\n")
        .unwrap();
    let out = shenbao(dir.path(), &["import-majors", bad.to_str().unwrap()], None);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("row 3:") && stderr.contains("专业代码应为6位数字"), "{stderr}");
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM majors").await, 0, "nothing imported");

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "专业代码,专业名称,层次\n610201,计算机应用技术,高职专科\n610202,计算机网络技术,高职专科\n")
        .unwrap();
    let out = shenbao(dir.path(), &["import-majors", good.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 added"));
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM majors").await, 2);
    assert_eq!(count(dir.path(), "SELECT COUNT(*) FROM catalog_search WHERE kind = 'major'").await, 2, "searchable");
}

#[tokio::test]
async fn serving_starts_by_removing_uploads_a_killed_server_left_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let spool = dir.path().join("upload-spool");
    std::fs::create_dir_all(&spool).unwrap();
    std::fs::write(spool.join("upload-deadbeef"), vec![0u8; 1 << 20]).unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let mut server = Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("serve")
        .env("SHENBAO_DATA_DIR", dir.path())
        .env("SHENBAO_ADDR", addr.to_string())
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .expect("run shenbao serve");
    // It prints its address once it listens, after start-up's clean-up.
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(server.stdout.take().unwrap()), &mut line).unwrap();
    assert!(line.contains("listening"), "{line}");
    let left: Vec<_> = std::fs::read_dir(&spool).unwrap().collect();
    let _ = server.kill();
    let _ = server.wait();
    assert!(left.is_empty(), "the half-written upload is gone");
}
