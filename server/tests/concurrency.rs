//! Many requests at once on the small SQLite pool: every server function holds one connection at a time
//! (its caller is looked up before it takes the request's transaction), so none waits for a second one
//! while holding the first, and concurrent writers queue instead of failing.

mod common;

use common::flows::{create, set_window};
use common::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn pages_and_saves_at_once_are_all_answered() {
    let app = TestApp::spawn().await;
    set_window(&app, true).await;
    let lead = app.login_as("demo_lead").await;
    let (_, id) = create(&app, &lead, "物流管理", "junior").await;
    let id = id.to_string();
    // A page renders with several server functions at once; far more requests than the pool has connections.
    let pages = (0..24).map(|_| {
        let (lead, url) = (lead.clone(), format!("{}/declarations/{id}", app.base));
        tokio::spawn(async move { lead.get(url).send().await.map(|r| r.status()) })
    });
    let started = std::time::Instant::now();
    for page in pages.collect::<Vec<_>>() {
        assert_eq!(page.await.unwrap().unwrap(), StatusCode::OK);
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "no request waited on the pool's timeout");
    // Writers at once: each is applied or refused as stale, none fails on the database lock.
    let saves = (0..8).map(|n| {
        let (lead, base, id) = (lead.clone(), app.base.clone(), id.clone());
        tokio::spawn(async move {
            let venues = format!("场所 {n}");
            let form = common::flows::form(&id, "1", "530802", "60", &venues);
            lead.post(format!("{base}/api/declarations/save"))
                .header("Accept", "application/json")
                .form(&form)
                .send()
                .await
                .map(|r| r.status())
        })
    });
    let mut applied = 0;
    for save in saves.collect::<Vec<_>>() {
        match save.await.unwrap().unwrap() {
            StatusCode::OK => applied += 1,
            StatusCode::CONFLICT => {}
            other => panic!("a concurrent save failed with {other}"),
        }
    }
    assert_eq!(applied, 1, "one save of version 1 wins; the others are shown as conflicts");
}
