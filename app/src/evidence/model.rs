//! Evidence photos of a declaration: categories and captions (shared), and the server's checks of an upload
//! — type by content, size, pixel dimensions before decoding — with storage of the original, a copy without
//! metadata (no GPS) turned upright, and a thumbnail.

use serde::{Deserialize, Serialize};

use crate::validate::FieldError;

crate::codes::coded_enum! {
    pub enum PhotoCategory {
        Venue = ("venue", "场地", "Venue"),
        Equipment = ("equipment", "设备", "Equipment"),
        Teachers = ("teachers", "师资", "Teachers"),
        Other = ("other", "其他", "Other"),
    }
}

/// A stored photo as pages show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    pub id: i64,
    pub category: PhotoCategory,
    pub caption: String,
    pub width: i64,
    pub height: i64,
    /// When the camera took it (from the photo's EXIF), if known; unix seconds.
    pub captured_at: Option<i64>,
    pub uploaded_at: i64,
    pub sha256: String,
}

/// The upload limit after the browser's compression; a phone's original photo also fits.
pub const MAX_BYTES: usize = 15 * 1024 * 1024;
/// Decoding is refused above this many pixels (decompression bombs), checked from the header alone.
pub const MAX_PIXELS: u64 = 50_000_000;
pub const MAX_SIDE: u32 = 12_000;

pub fn validate_caption(caption: &str) -> Result<(), FieldError> {
    if caption.chars().count() > 100 {
        Err(FieldError::new("caption", "说明不能超过100字。", "A caption may have at most 100 characters."))
    } else if caption.chars().any(char::is_control) {
        Err(FieldError::new(
            "caption",
            "说明只能是一行文字，不能含控制字符。",
            "A caption is one line of text, without control characters.",
        ))
    } else {
        Ok(())
    }
}

/// What kind of file the bytes are, by their first bytes (never by the name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Jpeg,
    Png,
    Webp,
    Heic,
    Other,
}

pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::Jpeg
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Sniffed::Png
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Sniffed::Webp
    } else if bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && [&b"heic"[..], b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif"].contains(&&bytes[8..12])
    {
        Sniffed::Heic
    } else {
        Sniffed::Other
    }
}

/// The refusal for a file that is not a JPEG, PNG or WebP photo, naming what to do.
pub fn unsupported(kind: Sniffed) -> FieldError {
    match kind {
        Sniffed::Heic => FieldError::new(
            "file",
            "暂不支持 HEIC/HEIF 格式（苹果手机默认格式）。请在“设置 > 相机 > 格式”中选择“兼容性最佳”，或在相册中截图后上传。",
            "HEIC/HEIF photos (the iPhone default) are not supported. Choose \"Most Compatible\" in Settings > Camera > Formats, or upload a screenshot.",
        ),
        _ => FieldError::new(
            "file",
            "只能上传 JPG、PNG 或 WebP 格式的照片。",
            "Only JPG, PNG or WebP photos can be uploaded.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_recognised_by_content() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Sniffed::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Sniffed::Png);
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Sniffed::Webp);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Sniffed::Heic);
        assert_eq!(sniff(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), Sniffed::Other);
        assert_eq!(sniff(b""), Sniffed::Other);
        assert!(unsupported(Sniffed::Heic).message.zh.contains("兼容性最佳"));
    }

    #[test]
    fn categories_round_trip_and_captions_are_bounded() {
        for c in PhotoCategory::ALL {
            assert_eq!(PhotoCategory::parse(c.code()), Some(c));
        }
        assert!(validate_caption(&"字".repeat(100)).is_ok());
        assert!(validate_caption(&"字".repeat(101)).is_err());
    }
}
