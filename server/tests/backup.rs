//! A backup made while saves go on holds every acknowledged save and photo, and restores into a new data
//! directory that serves them.

mod common;

use common::flows::{create, form, plain_jpeg, set_window, upload_photo};
use common::TestApp;
use object_store::ObjectStore;
use reqwest::StatusCode;
use server::{backup, build_state, Config};

fn config(data_dir: &std::path::Path, database_url: Option<String>) -> Config {
    Config { database_url, ..Config::on_loopback(data_dir, String::new()) }
}

#[tokio::test]
async fn a_backup_during_saves_restores_every_acknowledged_row_photo_and_key() {
    let app = TestApp::spawn().await;
    let sqlite = !app.database_url.starts_with("postgres");
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let (_, id) = create(&app, &lead, "物流管理", "junior").await;
    let id = id.to_string();
    let (status, photo) = upload_photo(&app, &lead, &id, plain_jpeg(64, 48), "b-1").await;
    assert_eq!(status, StatusCode::OK, "{photo}");
    let (status, version) = app.call(&lead, "declarations/save", &form(&id, "1", "530802", "60", "场所 0")).await;
    assert_eq!(status, StatusCode::OK, "{version}");
    let acknowledged = version.as_i64().unwrap();

    // Saves go on while the backup is made.
    let writer = {
        let (lead, base, id) = (lead.clone(), app.base.clone(), id.clone());
        tokio::spawn(async move {
            let mut version = acknowledged;
            for n in 1..40 {
                let venues = format!("场所 {n}");
                let response = lead
                    .post(format!("{base}/api/declarations/save"))
                    .header("Accept", "application/json")
                    .form(&form(&id, &version.to_string(), "530802", "60", &venues))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::OK);
                version = response.json().await.unwrap();
            }
        })
    };
    let target = tempfile::tempdir().unwrap();
    let copied = backup::backup(&config(app.data_dir(), Some(app.database_url.clone())), target.path()).await.unwrap();
    writer.await.unwrap();
    assert_eq!(copied.database, sqlite, "PostgreSQL is backed up with pg_dump");
    assert!(copied.photo_files >= 1 && copied.vapid_key, "{copied:?}");

    let restored_dir = tempfile::tempdir().unwrap();
    let restored = config(restored_dir.path(), None);
    let put_back = backup::restore(&restored, target.path()).unwrap();
    assert_eq!(put_back, copied);
    assert_eq!(
        std::fs::read(restored_dir.path().join("vapid_private_key")).unwrap(),
        std::fs::read(app.data_dir().join("vapid_private_key")).unwrap()
    );
    if !sqlite {
        return;
    }
    let state = build_state(&restored).await.expect("the restored data serves");
    let (version,): (i64,) = sqlx::query_as("SELECT version FROM declarations WHERE id = $1")
        .bind(id.parse::<i64>().unwrap())
        .fetch_one(&state.pool)
        .await
        .unwrap();
    assert!(version >= acknowledged, "the save acknowledged before the backup is in it ({version})");
    let (key,): (String,) =
        sqlx::query_as("SELECT storage_key FROM photos WHERE client_id = 'b-1'").fetch_one(&state.pool).await.unwrap();
    let listed = state.photos.list_with_delimiter(Some(&object_store::path::Path::from(key.clone()))).await.unwrap();
    assert!(!listed.objects.is_empty(), "the photo's files are restored under {key}");

    // A restore never overwrites a database.
    assert!(backup::restore(&restored, target.path()).is_err());
}
