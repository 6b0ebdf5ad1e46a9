//! The server's VAPID key pair (RFC 8292): made on first start and kept in `vapid_private_key` in the data
//! directory (owner-only permissions), so subscriptions survive restarts.

use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::SecretKey;

/// The key pair: the private scalar for signing, and the public key as browsers want it for
/// `applicationServerKey` (uncompressed point, base64url).
#[derive(Clone)]
pub struct Vapid {
    pub secret: SecretKey,
    pub public_key: String,
}

impl std::fmt::Debug for Vapid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vapid").field("public_key", &self.public_key).finish_non_exhaustive()
    }
}

/// Whether `contact` can be a VAPID `sub` (RFC 8292): `mailto:` with an address, or an https URL with a host.
pub fn is_contact(contact: &str) -> bool {
    let contact = contact.trim();
    if contact.contains(char::is_whitespace) {
        return false;
    }
    if let Some(address) = contact.strip_prefix("mailto:") {
        return address.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    }
    reqwest::Url::parse(contact)
        .is_ok_and(|url| url.scheme() == "https" && url.host_str().is_some_and(|h| !h.is_empty()))
}

/// The key's file in the data directory (backups copy it too).
pub const KEY_FILE: &str = "vapid_private_key";

/// Loads the key pair from the data directory, making and saving one the first time.
pub fn load_or_create(data_dir: &Path) -> std::io::Result<Vapid> {
    let path = data_dir.join(KEY_FILE);
    let secret = match std::fs::read_to_string(&path) {
        Ok(text) => URL_SAFE_NO_PAD
            .decode(text.trim())
            .ok()
            .and_then(|bytes| SecretKey::from_slice(&bytes).ok())
            .ok_or_else(|| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{} is not a P-256 key", path.display()))
            })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let secret = SecretKey::random(&mut p256::elliptic_curve::rand_core::OsRng);
            std::fs::create_dir_all(data_dir)?;
            write_private(&path, &URL_SAFE_NO_PAD.encode(secret.to_bytes()))?;
            secret
        }
        Err(e) => return Err(e),
    };
    let public_key = URL_SAFE_NO_PAD.encode(secret.public_key().to_sec1_bytes());
    Ok(Vapid { secret, public_key })
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_mailto_and_https_addresses_are_contacts() {
        for good in ["mailto:ops@school.edu.cn", "https://shenbao.gxedu.cn", "https://shenbao.gxedu.cn/contact"] {
            assert!(is_contact(good), "{good}");
        }
        for bad in
            ["http://127.0.0.1:3000", "mailto:", "mailto:ops", "ops@school.edu.cn", "https://", "mailto:a b@c.d", ""]
        {
            assert!(!is_contact(bad), "{bad}");
        }
    }

    #[test]
    fn the_key_is_made_once_and_read_back() {
        let dir = std::env::temp_dir().join(format!("shenbao-vapid-{}", crate::auth::token::short_id()));
        let first = load_or_create(&dir).unwrap();
        let again = load_or_create(&dir).unwrap();
        assert_eq!(first.public_key, again.public_key);
        assert_eq!(URL_SAFE_NO_PAD.decode(&first.public_key).unwrap().len(), 65, "an uncompressed P-256 point");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(KEY_FILE)).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
