//! Photo routes (axum, server only):
//! - `POST /api/declarations/{id}/photos`: one photo per request (multipart: file, category, caption,
//!   client_id). A retry with the same client_id returns the first result. From a plain form (scripts off)
//!   the browser is sent back to the declaration.
//! - `GET /api/photos/{id}` (the clean copy) and `GET /api/photos/{id}/thumb`: only for people who may read
//!   the declaration.

use std::sync::Arc;

use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;

use super::model::{validate_caption, Photo, PhotoCategory};
use super::store as photo_store;
use super::{repo, service};
use crate::auth::guard::caller_from_headers;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

pub const UPLOAD_PATH: &str = "/api/declarations/{id}/photos";
pub const PHOTO_PATH: &str = "/api/photos/{id}";
pub const THUMB_PATH: &str = "/api/photos/{id}/thumb";
/// The folder of the photo store every photo's files are kept under (backups copy it).
pub const PHOTO_FOLDER: &str = "photos";

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("application/json"))
}

pub async fn upload(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let result = receive(&state, id, &headers, multipart).await;
    let outcome = if result.is_ok() { "stored" } else { "refused" };
    metrics::counter!("shenbao_photo_uploads_total", "outcome" => outcome).increment(1);
    if wants_json(&headers) {
        return match result {
            Ok(photo) => Json(photo).into_response(),
            Err(err) => {
                (StatusCode::from_u16(err.status()).unwrap_or(StatusCode::BAD_REQUEST), Json(err)).into_response()
            }
        };
    }
    let back = format!("/declarations/{id}");
    match result {
        Ok(_) => Redirect::to(&back).into_response(),
        Err(err) => crate::forms::redirect_with_flash(&state, &headers, &back, &err).await,
    }
}

async fn receive(state: &AppState, id: i64, headers: &HeaderMap, mut multipart: Multipart) -> Result<Photo, AppError> {
    // Each database step is its own short transaction: none stays open while the photo arrives or decodes.
    let caller = db::read(&state.pool, async |conn| {
        let caller = caller_from_headers(conn, headers).await?;
        service::ensure_can_add(conn, &caller, id).await?;
        Ok(caller)
    })
    .await?;
    let (mut file, mut category, mut caption, mut client_id) = (None, None, String::new(), String::new());
    while let Some(field) = multipart.next_field().await.map_err(|_| interrupted())? {
        match field.name() {
            Some("file") => file = Some(spool(&state.upload_dir, field).await?),
            Some("category") => category = PhotoCategory::parse(&field.text().await.map_err(|_| interrupted())?),
            Some("caption") => caption = field.text().await.map_err(|_| interrupted())?.trim().to_string(),
            Some("client_id") => client_id = field.text().await.map_err(|_| interrupted())?.trim().to_string(),
            _ => {}
        }
    }
    let file = file
        .filter(|f| f.len > 0)
        .ok_or_else(|| AppError::field("file", "请拍摄或选择一张照片。", "Take or choose a photo."))?;
    let category =
        category.ok_or_else(|| AppError::field("category", "请选择照片类别。", "Choose the photo's category."))?;
    validate_caption(&caption).map_err(|e| AppError::Validation(vec![e]))?;
    // Without scripts there is no client id: the content's hash stands in, so a re-post is still one photo.
    if client_id.is_empty() || client_id.len() > 64 || client_id.chars().any(char::is_control) {
        client_id = format!("sha256:{}", file.sha256);
    }
    if let Some(existing) =
        db::read(&state.pool, async |conn| repo::find_by_client_id(conn, id, &client_id).await).await?
    {
        return Ok(existing);
    }
    // Decoding is bounded: at most as many photos in memory at once as the permits allow, each decoded on a
    // blocking thread. Waiting uploads wait on disk, not in memory.
    let permit = state.photo_permits.clone().acquire_owned().await.map_err(AppError::internal)?;
    let file = bytes::Bytes::from(tokio::fs::read(&file.path).await.map_err(AppError::internal)?);
    let bytes = file.clone();
    let processed = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        photo_store::process(&bytes)
    })
    .await
    .map_err(AppError::internal)??;
    let storage_key = format!("{PHOTO_FOLDER}/{id}/{}", crate::auth::token::short_id());
    let (sha256, width, height, captured_at, size) =
        (processed.sha256.clone(), processed.width, processed.height, processed.captured_at, file.len());
    photo_store::put(state.photos.as_ref(), &storage_key, file, processed).await?;
    let photo = repo::NewPhoto {
        declaration_id: id,
        client_id: &client_id,
        category,
        caption: &caption,
        storage_key: &storage_key,
        sha256: &sha256,
        width,
        height,
        bytes: size,
        captured_at,
        uploaded_by: caller.id,
    };
    db::transaction(&state.pool, async |tx| {
        repo::insert_photo(tx, &photo).await?;
        repo::find_by_client_id(tx, id, &client_id)
            .await?
            .ok_or_else(|| AppError::internal("photo row missing after insert"))
    })
    .await
}

/// The file part, written to a temporary file as it arrives so that a slow or large upload holds only one
/// chunk in memory; the file is removed when this is dropped.
struct Spooled {
    path: std::path::PathBuf,
    len: usize,
    sha256: String,
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

async fn spool(dir: &std::path::Path, mut field: axum::extract::multipart::Field<'_>) -> Result<Spooled, AppError> {
    use sha2::Digest;
    use tokio::io::AsyncWriteExt;
    let path = dir.join(format!("upload-{}", crate::auth::token::short_id()));
    tokio::fs::create_dir_all(dir).await.map_err(AppError::internal)?;
    let mut out = tokio::fs::File::create(&path).await.map_err(AppError::internal)?;
    let mut spooled = Spooled { path, len: 0, sha256: String::new() };
    let mut hasher = sha2::Sha256::new();
    loop {
        let chunk = match field.chunk().await {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            // Past the route's body limit the stream fails: that is a photo too large, not a broken network.
            Err(_) if spooled.len + 128 * 1024 >= super::model::MAX_BYTES => return Err(photo_store::too_large()),
            Err(_) => return Err(interrupted()),
        };
        spooled.len += chunk.len();
        if spooled.len > super::model::MAX_BYTES {
            return Err(photo_store::too_large());
        }
        hasher.update(&chunk);
        out.write_all(&chunk).await.map_err(AppError::internal)?;
    }
    out.flush().await.map_err(AppError::internal)?;
    spooled.sha256 = hex::encode(hasher.finalize());
    Ok(spooled)
}

fn interrupted() -> AppError {
    AppError::field("file", "上传中断，请重试。", "The upload was interrupted; try again.")
}

pub async fn full(state: State<AppState>, path: Path<i64>, headers: HeaderMap) -> Response {
    serve(state, path, headers, "clean.jpg").await
}

pub async fn thumb(state: State<AppState>, path: Path<i64>, headers: HeaderMap) -> Response {
    serve(state, path, headers, "thumb.jpg").await
}

async fn serve(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap, file: &str) -> Response {
    let result = async {
        let storage_key = db::read(&state.pool, async |conn| {
            let caller = caller_from_headers(conn, &headers).await?;
            service::readable_photo(conn, &caller, id).await
        })
        .await?;
        photo_store::get(state.photos.as_ref(), &storage_key, file).await
    }
    .await;
    match result {
        Ok(bytes) => ([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "private, max-age=86400")], bytes)
            .into_response(),
        Err(err) => (StatusCode::from_u16(err.status()).unwrap_or(StatusCode::NOT_FOUND), Json(err)).into_response(),
    }
}

/// The default store: a directory under the data directory.
pub fn local_store(dir: &std::path::Path) -> Result<Arc<dyn object_store::ObjectStore>, AppError> {
    std::fs::create_dir_all(dir).map_err(AppError::internal)?;
    Ok(Arc::new(object_store::local::LocalFileSystem::new_with_prefix(dir).map_err(AppError::internal)?))
}
