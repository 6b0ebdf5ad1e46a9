//! Argon2id password hashes.

use std::sync::OnceLock;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::AppError;

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(AppError::internal)
}

/// Verifies a password; with no stored hash (unknown account) it verifies against a dummy hash so the
/// answer takes as long as for a real account and reveals nothing about which accounts exist.
pub fn verify_password(password: &str, stored: Option<&str>) -> bool {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("dummy-password-for-timing").unwrap_or_default());
    let (hash, real) = match stored {
        Some(h) => (h, true),
        None => (dummy.as_str(), false),
    };
    let ok =
        PasswordHash::new(hash).map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok());
    real && ok.unwrap_or(false)
}

/// Hashing is CPU-heavy: keep it off the async worker threads.
pub async fn hash_password_blocking(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password(&password)).await.map_err(AppError::internal)?
}

pub async fn verify_password_blocking(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || verify_password(&password, stored.as_deref())).await.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let hash = hash_password("abc12345").unwrap();
        assert!(verify_password("abc12345", Some(&hash)));
        assert!(!verify_password("abc12346", Some(&hash)));
    }

    #[test]
    fn an_unknown_account_never_verifies() {
        assert!(!verify_password("dummy-password-for-timing", None));
    }
}
