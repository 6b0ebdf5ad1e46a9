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
use crate::accounts::model::Role;
use crate::auth::guard::caller_from_headers;
use crate::db::now;
use crate::declarations::service;
use crate::error::AppError;
use crate::state::AppState;

pub const UPLOAD_PATH: &str = "/api/declarations/{id}/photos";
pub const PHOTO_PATH: &str = "/api/photos/{id}";
pub const THUMB_PATH: &str = "/api/photos/{id}/thumb";

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
    let caller = caller_from_headers(&state.pool, headers).await?;
    if !caller.role.is_school_role() {
        return Err(AppError::Forbidden);
    }
    let row = service::readable(&state.pool, &caller, id).await?;
    if !row.status().is_editable() {
        return Err(AppError::conflict(
            "申报书已锁定，不能再添加照片。",
            "The declaration is locked; no more photos can be added.",
        ));
    }
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
    if client_id.is_empty() || client_id.len() > 64 {
        client_id = format!("sha256:{}", file.sha256);
    }
    if let Some(existing) = find_by_client_id(state, id, &client_id).await? {
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
    let storage_key = format!("photos/{id}/{}", crate::auth::token::short_id());
    let (sha256, width, height, captured_at, size) =
        (processed.sha256.clone(), processed.width, processed.height, processed.captured_at, file.len());
    photo_store::put(state.photos.as_ref(), &storage_key, file, processed).await?;
    let inserted: Result<(i64,), sqlx::Error> = sqlx::query_as(
        "INSERT INTO photos (declaration_id, client_id, category, caption, storage_key, sha256, width, height, bytes, \
         captured_at, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(id)
    .bind(&client_id)
    .bind(category.code())
    .bind(&caption)
    .bind(&storage_key)
    .bind(&sha256)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(size as i64)
    .bind(captured_at)
    .bind(caller.id)
    .bind(now())
    .fetch_one(&state.pool)
    .await;
    match inserted.map_err(AppError::from) {
        // Two retries raced: the other one stored it first; answer with that one.
        Ok(_) | Err(AppError::Conflict(_)) => {}
        Err(e) => return Err(e),
    }
    find_by_client_id(state, id, &client_id).await?.ok_or_else(|| AppError::internal("photo row missing after insert"))
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

async fn find_by_client_id(state: &AppState, declaration_id: i64, client_id: &str) -> Result<Option<Photo>, AppError> {
    Ok(crate::declarations::repo::photos(&state.pool, declaration_id)
        .await?
        .into_iter()
        .find(|(_, key)| key == client_id)
        .map(|(photo, _)| photo))
}

pub async fn full(state: State<AppState>, path: Path<i64>, headers: HeaderMap) -> Response {
    serve(state, path, headers, "clean.jpg").await
}

pub async fn thumb(state: State<AppState>, path: Path<i64>, headers: HeaderMap) -> Response {
    serve(state, path, headers, "thumb.jpg").await
}

async fn serve(State(state): State<AppState>, Path(id): Path<i64>, headers: HeaderMap, file: &str) -> Response {
    let result = async {
        let caller = caller_from_headers(&state.pool, &headers).await?;
        if caller.role == Role::Org {
            return Err(AppError::Forbidden);
        }
        let (declaration_id, storage_key): (i64, String) =
            sqlx::query_as("SELECT declaration_id, storage_key FROM photos WHERE id = $1")
                .bind(id)
                .fetch_optional(&state.pool)
                .await?
                .ok_or(AppError::NotFound)?;
        service::readable(&state.pool, &caller, declaration_id).await?;
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
