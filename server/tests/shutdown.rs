//! A deploy stops the server with SIGTERM: it takes no new connection, finishes the requests under way, and
//! every upload and save a phone was told succeeded is stored. (A test binary of its own: the signal goes to
//! the whole process.)

mod common;

use std::sync::Arc;

use common::flows::{create, form, plain_jpeg, set_window, upload_photo};
use common::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn sigterm_amid_uploads_and_saves_keeps_every_acknowledged_one() {
    let (app, served) = TestApp::spawn_until_stopped().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let (status, id) = create(&app, &lead, "物流管理", "junior").await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id = id.to_string();
    let app = Arc::new(app);
    let first_answer = Arc::new(tokio::sync::Notify::new());

    let uploads: Vec<_> = (0..10)
        .map(|n| {
            let (app, lead, id, first_answer) = (app.clone(), lead.clone(), id.clone(), first_answer.clone());
            tokio::spawn(async move {
                let (status, photo) = upload_photo(&app, &lead, &id, plain_jpeg(1600, 1200), &format!("u-{n}")).await;
                first_answer.notify_one();
                (status == StatusCode::OK).then(|| photo["id"].as_i64().expect("a stored photo's id"))
            })
        })
        .collect();
    // Saves one after another, each on the version the last one returned, until the server stops answering.
    let saves = {
        let (app, lead, id) = (app.clone(), lead.clone(), id.clone());
        tokio::spawn(async move {
            let (mut version, mut last_acknowledged) = (1i64, None);
            for n in 0..200 {
                let venues = format!("实训场所 {n}");
                let response = lead
                    .post(format!("{}/api/declarations/save", app.base))
                    .header("Accept", "application/json")
                    .form(&form(&id, &version.to_string(), "530802", "60", &venues))
                    .send()
                    .await;
                let Ok(response) = response else { break };
                if response.status() != StatusCode::OK {
                    break;
                }
                let Ok(new_version) = response.json::<i64>().await else { break };
                version = new_version;
                last_acknowledged = Some((version, venues));
            }
            last_acknowledged
        })
    };

    first_answer.notified().await;
    let pid = std::process::id().to_string();
    assert!(std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let drained = tokio::time::timeout(server::DRAIN + std::time::Duration::from_secs(10), served).await;
    assert!(matches!(drained, Ok(Ok(Ok(())))), "the server drains and ends cleanly: {drained:?}");

    let mut stored_photos = 0;
    for upload in uploads {
        if let Some(photo) = upload.await.unwrap() {
            let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM photos WHERE id = $1")
                .bind(photo)
                .fetch_one(&app.pool)
                .await
                .unwrap();
            assert_eq!(rows, 1, "acknowledged photo {photo} is stored");
            stored_photos += 1;
        }
    }
    assert!(stored_photos >= 1, "at least the first answered upload was acknowledged");
    let (version, venues) = saves.await.unwrap().expect("saves were acknowledged before the stop");
    let (stored_version, content): (i64, String) =
        sqlx::query_as("SELECT version, content FROM declarations WHERE id = $1")
            .bind(id.parse::<i64>().unwrap())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored_version, version, "the last acknowledged save is the stored one");
    assert!(content.contains(&venues), "{content} holds {venues}");

    // Stopped means stopped: a new connection is refused.
    assert!(app.client().get(format!("{}/healthz", app.base)).send().await.is_err());
}

#[test]
fn the_binary_exits_zero_on_sigterm() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("serve")
        .env("SHENBAO_DATA_DIR", dir.path())
        .env("SHENBAO_ADDR", "127.0.0.1:0")
        .env("LEPTOS_SITE_ROOT", dir.path().join("site"))
        .env_remove("DATABASE_URL")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let listening = lines.find_map(|line| line.ok().filter(|l| l.starts_with("Shenbao listening")));
    assert!(listening.is_some(), "the server started");
    assert!(std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
}
