//! Processing and storing an uploaded photo (server only). Checks run cheapest first: size, type by
//! content, pixel dimensions from the header (before any decoding), a complete JPEG; then the photo is
//! decoded once, turned upright from its EXIF orientation, and re-encoded without any metadata (so no
//! GPS position leaves the server) with a thumbnail. The original is kept, unserved, with its SHA-256.

use std::io::Cursor;

use image::{DynamicImage, ImageReader};
use object_store::{path::Path, ObjectStore, PutPayload};
use sha2::{Digest, Sha256};

use super::model::{sniff, unsupported, Sniffed, MAX_BYTES, MAX_PIXELS, MAX_SIDE};
use crate::error::AppError;
use crate::validate::FieldError;

/// The stored forms of one photo and what is known about it.
#[derive(Debug)]
pub struct Processed {
    pub clean: Vec<u8>,
    pub thumb: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub captured_at: Option<i64>,
    pub sha256: String,
}

fn refuse(zh: &str, en: &str) -> AppError {
    AppError::Validation(vec![FieldError::new("file", zh, en)])
}

pub fn too_large() -> AppError {
    refuse(
        &format!("照片超过{}MB。请重新拍摄或在相册中压缩后上传。", MAX_BYTES / 1024 / 1024),
        &format!("The photo is over {} MB. Retake it or compress it, then upload.", MAX_BYTES / 1024 / 1024),
    )
}

fn unreadable() -> AppError {
    refuse(
        "无法读取这张照片，文件可能已损坏或没有传完整。请重新选择照片上传。",
        "This photo cannot be read; the file may be damaged or incomplete. Choose it again.",
    )
}

/// A JPEG ends with its EOI marker (possibly followed by a little padding); a cut-off upload does not.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    tail.windows(2).any(|w| w == [0xFF, 0xD9])
}

/// EXIF orientation (1–8) and the time the photo was taken, read as Beijing time.
fn exif_facts(bytes: &[u8]) -> (Option<u8>, Option<i64>) {
    // Leniently: many cameras and apps write sub-IFDs without the next-IFD offset, and a strict read would
    // drop the whole block (the photo would come out sideways, without its time) over that one flaw.
    let read = exif::Reader::new().continue_on_error(true).read_from_container(&mut Cursor::new(bytes));
    let Ok(exif) = read.or_else(|e| e.distill_partial_result(|_| {})) else { return (None, None) };
    let orientation = exif
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u8::try_from(v).ok());
    let taken = exif.get_field(exif::Tag::DateTimeOriginal, exif::In::PRIMARY).and_then(|f| match &f.value {
        exif::Value::Ascii(parts) => parts.first().and_then(|p| exif::DateTime::from_ascii(p).ok()),
        _ => None,
    });
    let captured_at = taken.and_then(|t| {
        crate::ui::time::parse_shanghai(&format!(
            "{:04}-{:02}-{:02} {:02}:{:02}",
            t.year, t.month, t.day, t.hour, t.minute
        ))
        .map(|secs| secs + i64::from(t.second))
    });
    (orientation, captured_at)
}

fn encode_jpeg(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, AppError> {
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    image.to_rgb8().write_with_encoder(encoder).map_err(AppError::internal)?;
    Ok(out)
}

/// Checks and converts an upload. CPU-heavy: call it on a blocking thread.
pub fn process(bytes: &[u8]) -> Result<Processed, AppError> {
    if bytes.len() > MAX_BYTES {
        return Err(too_large());
    }
    let kind = sniff(bytes);
    if !matches!(kind, Sniffed::Jpeg | Sniffed::Png | Sniffed::Webp) {
        return Err(AppError::Validation(vec![unsupported(kind)]));
    }
    let reader = || ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| unreadable());
    // Dimensions come from the header alone; our own limit below decides, not the decoder's defaults.
    let mut header = reader()?;
    header.no_limits();
    let (width, height) = header.into_dimensions().map_err(|_| unreadable())?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width > MAX_SIDE || height > MAX_SIDE {
        return Err(refuse(
            &format!("照片尺寸过大（{width}×{height}像素），请缩小到5000万像素以内再上传。"),
            &format!("The photo is too large ({width}×{height} pixels); shrink it below 50 megapixels."),
        ));
    }
    if kind == Sniffed::Jpeg && !jpeg_is_complete(bytes) {
        return Err(unreadable());
    }
    let mut image = reader()?.decode().map_err(|_| unreadable())?;
    let (orientation, captured_at) = exif_facts(bytes);
    if let Some(o) = orientation.and_then(image::metadata::Orientation::from_exif) {
        image.apply_orientation(o);
    }
    let clean = encode_jpeg(&image, 85)?;
    let thumb = encode_jpeg(&image.thumbnail(320, 320), 75)?;
    Ok(Processed {
        clean,
        thumb,
        width: image.width(),
        height: image.height(),
        captured_at,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

/// Where a photo's files live: `photos/<declaration>/<key>/{original,clean.jpg,thumb.jpg}`.
pub fn path(storage_key: &str, file: &str) -> Path {
    Path::from(format!("{storage_key}/{file}"))
}

pub async fn put(
    store: &dyn ObjectStore,
    storage_key: &str,
    original: bytes::Bytes,
    p: Processed,
) -> Result<(), AppError> {
    let files = [("original", original), ("clean.jpg", p.clean.into()), ("thumb.jpg", p.thumb.into())];
    for (file, data) in files {
        store.put(&path(storage_key, file), PutPayload::from(data)).await.map_err(AppError::internal)?;
    }
    Ok(())
}

pub async fn get(store: &dyn ObjectStore, storage_key: &str, file: &str) -> Result<bytes::Bytes, AppError> {
    let result = store.get(&path(storage_key, file)).await.map_err(|e| match e {
        object_store::Error::NotFound { .. } => AppError::NotFound,
        other => AppError::internal(other),
    })?;
    result.bytes().await.map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        encode_jpeg(&DynamicImage::new_rgb8(width, height), 90).unwrap()
    }

    #[test]
    fn a_photo_is_stored_clean_with_a_thumbnail() {
        let p = process(&jpeg(800, 600)).unwrap();
        assert_eq!((p.width, p.height), (800, 600));
        assert_eq!(sniff(&p.clean), Sniffed::Jpeg);
        let thumb = image::load_from_memory(&p.thumb).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (320, 240));
        assert_eq!(p.sha256.len(), 64);
    }

    #[test]
    fn cut_off_unknown_and_oversized_files_are_refused_with_a_reason() {
        let whole = jpeg(400, 300);
        let cut = &whole[..whole.len() / 2];
        assert!(process(cut).unwrap_err().message().zh.contains("损坏"));
        assert!(process(b"plain text, named photo.jpg").unwrap_err().message().zh.contains("JPG"));
        let big = vec![0xFF; MAX_BYTES + 1];
        assert!(process(&big).unwrap_err().message().zh.contains("MB"));
    }
}
