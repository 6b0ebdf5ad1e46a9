//! The build's files as the server sends them: precompressed, cached for good, with only the headers a
//! script needs; other files revalidate.

mod common;

use common::TestApp;
use reqwest::StatusCode;

#[tokio::test]
async fn a_built_file_goes_precompressed_immutable_and_with_few_headers() {
    let app = TestApp::spawn().await;
    let build = app.data_dir().join("site/pkg/b1234567");
    std::fs::create_dir_all(&build).unwrap();
    let script = "console.log('申报');".repeat(50);
    std::fs::write(build.join("shenbao.js"), &script).unwrap();
    std::fs::write(build.join("shenbao.js.br"), b"not really brotli, but what the build wrote").unwrap();
    std::fs::write(app.data_dir().join("site/sw.js"), "self.addEventListener('fetch', () => {});").unwrap();

    let response = app
        .client()
        .get(format!("{}/pkg/b1234567/shenbao.js", app.base))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-encoding"], "br", "the .br file the build wrote, not compressed again");
    assert_eq!(headers["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    for absent in ["content-security-policy", "permissions-policy", "last-modified", "x-request-id", "x-frame-options"]
    {
        assert!(!headers.contains_key(absent), "{absent} is of no use on a script: {headers:?}");
    }
    assert_eq!(response.bytes().await.unwrap().as_ref(), b"not really brotli, but what the build wrote");

    // The service worker is asked about again on every load.
    let worker = app.client().get(format!("{}/sw.js", app.base)).send().await.unwrap();
    assert_eq!(worker.status(), StatusCode::OK);
    assert_eq!(worker.headers()["cache-control"], "no-cache", "{:?}", worker.headers());
    assert_eq!(worker.headers()["x-content-type-options"], "nosniff");
}
