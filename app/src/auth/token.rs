//! Random tokens and their stored digests.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// 32 random bytes as hex: session ids and generated secrets.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Sessions are stored by digest, so a leaked database does not leak live session ids.
pub fn digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A short id for log references shown to users.
pub fn short_id() -> String {
    random_token()[..8].to_string()
}

/// A readable generated password: letters and digits, without look-alikes (0/O, 1/l/I).
pub fn generated_password() -> String {
    const CHARS: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    loop {
        let password: String = (0..12).map(|_| CHARS[(rng.next_u32() as usize) % CHARS.len()] as char).collect();
        // Must satisfy the same rule users are held to.
        if crate::accounts::model::validate_new_password(&password, &password).is_ok() {
            return password;
        }
    }
}

/// Whether a presented secret is the expected one, compared through their digests so the time taken says
/// nothing about how much of a guess was right.
pub fn same_secret(given: &str, expected: &str) -> bool {
    digest(given) == digest(expected)
}
