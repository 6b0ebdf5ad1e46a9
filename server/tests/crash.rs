//! The server killed with SIGKILL in the middle of saves and photo uploads (no drain, no goodbye), then
//! started again on the same data directory: every write a phone was told succeeded is there, and
//! replaying each write that was under way (same sync id, as the phone's outbox does) applies it at most once.

mod common;

use std::io::BufRead;
use std::process::{Child, Command, Stdio};

use reqwest::{Client, StatusCode};
use tokio::sync::mpsc;

const WRITERS: usize = 3;
/// The kill comes once this many writes have been acknowledged.
const KILL_AFTER_ACKS: usize = 60;

/// The server process, killed when dropped, so a failing test leaves none behind.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The real binary on a data directory; returns the process and its address.
fn start(dir: &std::path::Path) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("serve")
        .env("SHENBAO_DATA_DIR", dir)
        .env("SHENBAO_ADDR", "127.0.0.1:0")
        .env("LEPTOS_SITE_ROOT", dir.join("site"))
        .env("RUST_LOG", "warn")
        .env_remove("DATABASE_URL")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let base = lines
        .map_while(Result::ok)
        .find_map(|line| line.strip_prefix("Shenbao listening on ").map(String::from))
        .expect("the server started");
    (Server(child), base)
}

fn client() -> Client {
    Client::builder().cookie_store(true).build().unwrap()
}

async fn call(
    client: &Client,
    base: &str,
    endpoint: &str,
    form: &[(&str, &str)],
) -> reqwest::Result<(StatusCode, String)> {
    let response =
        client.post(format!("{base}/api/{endpoint}")).header("Accept", "application/json").form(form).send().await?;
    Ok((response.status(), response.text().await?))
}

async fn login(base: &str, username: &str) -> Client {
    let c = client();
    let (status, body) =
        call(&c, base, "accounts/login", &[("username", username), ("password", server::demo::DEMO_PASSWORD)])
            .await
            .unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    c
}

/// A save as the phone's outbox sends it: its sync id, on the version it last had.
fn save_form(id: &str, version: i64, op: &str, venues: &str) -> Vec<(String, String)> {
    let version = version.to_string();
    common::flows::form(id, &version, "530802", "60", venues)
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .chain([("op_id".to_string(), op.to_string())])
        .collect()
}

/// What one writer had acknowledged, and the save it had under way when the server died.
#[derive(Debug, Default)]
struct Writer {
    declaration: String,
    acknowledged: Option<(i64, String)>,
    in_flight: Option<(i64, String, String)>,
}

async fn write_until_killed(
    base: String,
    lead: Client,
    mut writer: Writer,
    n: usize,
    acks: mpsc::UnboundedSender<()>,
) -> Writer {
    let mut version = 1;
    for k in 0.. {
        let (op, venues) = (format!("crash-w{n}-op-{k:05}"), format!("实训场所 {n}-{k}"));
        writer.in_flight = Some((version, op.clone(), venues.clone()));
        let form = save_form(&writer.declaration, version, &op, &venues);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        match call(&lead, &base, "declarations/save", &pairs).await {
            Ok((StatusCode::OK, body)) => {
                version = body.trim().parse().expect("the new version");
                writer.acknowledged = Some((version, venues));
                writer.in_flight = None;
                let _ = acks.send(());
            }
            _ => break,
        }
    }
    writer
}

async fn upload_until_killed(
    base: String,
    lead: Client,
    declaration: String,
    acks: mpsc::UnboundedSender<()>,
) -> (Vec<i64>, Option<String>) {
    let (mut stored, mut in_flight) = (Vec::new(), None);
    for k in 0.. {
        let client_id = format!("crash-photo-{k:05}");
        in_flight = Some(client_id.clone());
        let form = reqwest::multipart::Form::new()
            .part("file", reqwest::multipart::Part::bytes(common::flows::plain_jpeg(640, 480)).file_name("p.jpg"))
            .text("category", "equipment")
            .text("caption", "实训室")
            .text("client_id", client_id);
        let sent = lead
            .post(format!("{base}/api/declarations/{declaration}/photos"))
            .header("Accept", "application/json")
            .multipart(form)
            .send()
            .await;
        let Ok(response) = sent else { break };
        if response.status() != StatusCode::OK {
            break;
        }
        let Ok(photo) = response.json::<serde_json::Value>().await else { break };
        stored.push(photo["id"].as_i64().expect("a photo id"));
        in_flight = None;
        let _ = acks.send(());
    }
    (stored, in_flight)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_amid_saves_and_uploads_loses_no_acknowledged_write_and_replays_apply_once() {
    let dir = tempfile::tempdir().unwrap();
    let seeded = Command::new(env!("CARGO_BIN_EXE_shenbao"))
        .arg("demo")
        .env("SHENBAO_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(seeded.success());
    let (mut server, base) = start(dir.path());

    // The window is open; the lead has one draft per writer and one for photos.
    let secretariat = login(&base, "demo_secretariat").await;
    let (_, window) = call(&secretariat, &base, "declarations/window", &[]).await.unwrap();
    let year: i64 = serde_json::from_str::<serde_json::Value>(&window).unwrap()["year"].as_i64().unwrap();
    let (opens, closes) = (format!("{year}-01-01T00:00"), format!("{}-01-01T00:00", year + 1));
    let window = [("year", year.to_string()), ("opens_at", opens), ("closes_at", closes)];
    let pairs: Vec<(&str, &str)> = window.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(call(&secretariat, &base, "declarations/save-window", &pairs).await.unwrap().0, StatusCode::OK);
    let lead = login(&base, "demo_lead").await;
    let (_, options) = call(&lead, &base, "declarations/create-options", &[]).await.unwrap();
    let options: serde_json::Value = serde_json::from_str(&options).unwrap();
    let college = options["colleges"][0][0].to_string();
    // Offerings come as [certificate id, name, level]; the create form names one as "id:level". The writers
    // save 物流管理 at its three levels (the saved majors are that certificate's); photos go to another.
    let offering = |o: &serde_json::Value| format!("{}:{}", o[0], o[2].as_str().unwrap().to_lowercase());
    let all = options["offerings"].as_array().unwrap();
    let mut chosen: Vec<String> = all.iter().filter(|o| o[1] == "物流管理").map(offering).collect();
    chosen.extend(all.iter().find(|o| o[1] != "物流管理").map(offering));
    assert_eq!(chosen.len(), WRITERS + 1, "{options}");
    let mut drafts = Vec::new();
    for offering in &chosen {
        let (status, id) =
            call(&lead, &base, "declarations/create", &[("college_id", &college), ("offering", offering)])
                .await
                .unwrap();
        assert_eq!(status, StatusCode::OK, "{id}");
        drafts.push(id.trim().to_string());
    }

    let (acks, mut acknowledged) = mpsc::unbounded_channel();
    let writers: Vec<_> = (0..WRITERS)
        .map(|n| {
            let writer = Writer { declaration: drafts[n].clone(), ..Default::default() };
            tokio::spawn(write_until_killed(base.clone(), lead.clone(), writer, n, acks.clone()))
        })
        .collect();
    let uploads = tokio::spawn(upload_until_killed(base.clone(), lead.clone(), drafts[WRITERS].clone(), acks.clone()));
    drop(acks);
    for _ in 0..KILL_AFTER_ACKS {
        acknowledged.recv().await.expect("writes are acknowledged");
    }
    server.0.kill().unwrap(); // SIGKILL
    server.0.wait().unwrap();

    let mut writers_done = Vec::new();
    for w in writers {
        writers_done.push(w.await.unwrap());
    }
    let (photos, photo_in_flight) = uploads.await.unwrap();

    let (server, base) = start(dir.path());
    let lead = login(&base, "demo_lead").await;
    let (mut acked_saves, mut replayed) = (0, 0);
    for writer in &writers_done {
        let (_, body) = call(&lead, &base, "declarations/get", &[("id", &writer.declaration)]).await.unwrap();
        let stored: serde_json::Value = serde_json::from_str(&body).unwrap();
        let stored_version = stored["version"].as_i64().unwrap();
        let (version, venues) = writer.acknowledged.clone().expect("each writer had saves acknowledged");
        acked_saves += (version - 1) as usize;
        assert!(stored_version == version || stored_version == version + 1, "{stored_version} after ack {version}");
        if stored_version == version {
            assert!(body.contains(&venues), "the last acknowledged save is stored: {venues}");
        }
        // The phone replays the save it never heard back about: applied once, whether it had landed or not.
        if let Some((on_version, op, venues)) = &writer.in_flight {
            for _ in 0..2 {
                let form = save_form(&writer.declaration, *on_version, op, venues);
                let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let (status, answer) = call(&lead, &base, "declarations/save", &pairs).await.unwrap();
                assert_eq!(status, StatusCode::OK, "{answer}");
                assert_eq!(answer.trim(), (on_version + 1).to_string(), "the replay answers as the first send did");
            }
            replayed += 1;
            let (_, body) = call(&lead, &base, "declarations/get", &[("id", &writer.declaration)]).await.unwrap();
            let after: serde_json::Value = serde_json::from_str(&body).unwrap();
            assert_eq!(after["version"].as_i64().unwrap(), on_version + 1, "applied once");
            assert!(body.contains(venues.as_str()));
        }
    }
    let (_, body) = call(&lead, &base, "declarations/get", &[("id", &drafts[WRITERS])]).await.unwrap();
    let stored: Vec<i64> = serde_json::from_str::<serde_json::Value>(&body).unwrap()["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    for photo in &photos {
        assert!(stored.contains(photo), "acknowledged photo {photo} is stored: {stored:?}");
    }
    if let Some(client_id) = photo_in_flight {
        for _ in 0..2 {
            let form = reqwest::multipart::Form::new()
                .part("file", reqwest::multipart::Part::bytes(common::flows::plain_jpeg(640, 480)).file_name("p.jpg"))
                .text("category", "equipment")
                .text("caption", "实训室")
                .text("client_id", client_id.clone());
            let response = lead
                .post(format!("{base}/api/declarations/{}/photos", drafts[WRITERS]))
                .header("Accept", "application/json")
                .multipart(form)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK);
        }
        let (_, body) = call(&lead, &base, "declarations/get", &[("id", &drafts[WRITERS])]).await.unwrap();
        let count = serde_json::from_str::<serde_json::Value>(&body).unwrap()["photos"].as_array().unwrap().len();
        assert!(
            count == photos.len() + 1,
            "the photo under way is stored once: {count} for {} acknowledged",
            photos.len()
        );
        replayed += 1;
    }
    drop(server);
    println!("crash: {acked_saves} acknowledged saves and {} photos kept after SIGKILL; {replayed} in-flight writes replayed, each applied once", photos.len());
}
