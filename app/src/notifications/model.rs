//! What a person can be notified of and who hears it, the inbox's messages, what a push carries, and the
//! shared checks of a browser's subscription.

use serde::{Deserialize, Serialize};

use crate::i18n::Text;
use crate::validate::FieldError;

/// One message of a person's in-app inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxMessage {
    pub id: i64,
    pub at: i64,
    pub title: Text,
    pub body: Text,
    pub link: String,
    pub read: bool,
}

/// Who a notification goes to.
pub enum Audience<'a> {
    /// These accounts (each once): an inbox message and a push to each of their devices.
    Accounts(&'a [i64]),
    /// Every device of people with one of these roles (everyone when empty), push only: a new notice is
    /// read on the notices page, not in the inbox.
    Roles(&'a [&'a str]),
}

/// What the service worker shows: the notification's title and body, and the page a tap opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    pub title: String,
    pub body: String,
    pub url: String,
}

crate::codes::coded_enum! {
    pub enum Kind {
        StatusChanges = ("status", "申报书状态变化", "Declaration status changes"),
        Returns = ("returns", "退回修改及意见", "Returns with comments"),
        WindowReminders = ("window", "申报开始与截止提醒", "Window opening and closing reminders"),
        Notices = ("notices", "新通知公告", "New notices"),
        Results = ("results", "评审结果", "Results"),
    }
}

/// A device's subscription as stored (the keys stay on the server).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Device {
    pub id: i64,
    /// The push service's host, so a person can tell devices apart.
    pub service: String,
    pub kinds: Vec<Kind>,
    pub created_at: i64,
}

/// Decodes unpadded (or padded) base64url, as browsers and the VAPID key use it.
pub fn decode_base64url(text: &str) -> Option<Vec<u8>> {
    let mut bits: u32 = 0;
    let mut count = 0;
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        bits = (bits << 6) | u32::from(v);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    Some(out)
}

/// Decoded length of unpadded base64url text, if it is base64url.
fn base64url_len(text: &str) -> Option<usize> {
    let ok = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| text.len() * 3 / 4)
}

/// The keys of a subscription from `PushManager.subscribe()`: a P-256 public key (65 bytes) and a 16-byte
/// auth secret, both base64url. (The endpoint is checked on the server: `push::endpoint`.)
pub fn validate_subscription_keys(p256dh: &str, auth: &str) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if base64url_len(p256dh.trim_end_matches('=')) != Some(65) {
        errors.push(FieldError::new("p256dh", "推送公钥无效。", "The push public key is not valid."));
    }
    if base64url_len(auth.trim_end_matches('=')) != Some(16) {
        errors.push(FieldError::new("auth", "推送认证密钥无效。", "The push auth secret is not valid."));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";
    const AUTH: &str = "tBHItJI5svbpez7KI4CCXg";

    #[test]
    fn a_browser_subscription_is_checked_field_by_field() {
        assert!(validate_subscription_keys(KEY, AUTH).is_empty());
        let fields: Vec<String> = validate_subscription_keys("short", "x").into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["p256dh", "auth"]);
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Some(k));
        }
    }

    #[test]
    fn base64url_decodes_like_the_browser_encodes() {
        assert_eq!(decode_base64url("aGk").unwrap(), b"hi");
        assert_eq!(decode_base64url("_-8").unwrap(), [0xff, 0xef]);
        assert_eq!(decode_base64url(KEY).unwrap().len(), 65);
        assert_eq!(decode_base64url("a+b"), None, "standard base64 is not base64url");
    }
}
