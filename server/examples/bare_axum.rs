//! The ceiling for bench/http: a bare axum server of the same axum version, answering a small HTML page and
//! a small JSON body with nothing else in the way. `cargo run --release -p server --example bare_axum ADDR`.

use axum::response::Html;
use axum::routing::{get, post};
use axum::{Json, Router};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:3301".into());
    let app = Router::new()
        .route("/", get(|| async { Html("<!DOCTYPE html><html><body><h1>hello</h1></body></html>") }))
        .route("/json", post(|| async { Json(serde_json::json!({ "hello": "world", "n": 1 })) }));
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("bare axum listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
