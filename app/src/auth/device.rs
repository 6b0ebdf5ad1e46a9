//! The device cookie: proof that this browser logged in to an account before. It carries an HMAC of the
//! username under a key of this server, so it cannot be made without a past successful login; the login
//! rate limit (`rate_limit`) gives such a browser a failure count of its own.

use sha2::{Digest, Sha256};

use crate::state::AppState;

pub const COOKIE: &str = "sb_device";
/// A year: the phone a lead uses stays recognised across the pilot year.
const MAX_AGE_SECS: i64 = 365 * 24 * 3600;

/// The key behind device cookies, derived from the server's VAPID key: one secret fewer to configure, and
/// replicas, which share that key for push, recognise each other's cookies.
fn key(state: &AppState) -> [u8; 32] {
    Sha256::new()
        .chain_update(b"shenbao device cookie v1")
        .chain_update(state.vapid.secret.to_bytes())
        .finalize()
        .into()
}

fn hmac_sha256(key: &[u8; 32], message: &[u8]) -> [u8; 32] {
    let (mut inner_pad, mut outer_pad) = ([0x36u8; 64], [0x5cu8; 64]);
    for (i, k) in key.iter().enumerate() {
        inner_pad[i] ^= k;
        outer_pad[i] ^= k;
    }
    let inner = Sha256::new().chain_update(inner_pad).chain_update(message).finalize();
    Sha256::new().chain_update(outer_pad).chain_update(inner).finalize().into()
}

/// The cookie's value for `username` (case does not matter, as at login).
pub fn tag(state: &AppState, username: &str) -> String {
    hex::encode(hmac_sha256(&key(state), username.trim().to_lowercase().as_bytes()))
}

/// Whether the current request's browser logged in as `username` before.
pub fn recognised(state: &AppState, username: &str) -> bool {
    crate::auth::session::request_cookie(COOKIE)
        .is_some_and(|cookie| crate::auth::token::same_secret(&cookie, &tag(state, username)))
}

/// Marks this browser as one `username` logged in from.
pub fn remember(state: &AppState, username: &str) {
    crate::auth::session::set_cookie(COOKIE, &tag(state, username), MAX_AGE_SECS);
}

#[cfg(test)]
mod tests {
    use super::hmac_sha256;

    #[test]
    fn hmac_agrees_with_an_independent_implementation() {
        // Python: hmac.new(bytes(range(32)), b"lead1", hashlib.sha256).hexdigest()
        let key: [u8; 32] = core::array::from_fn(|i| i as u8);
        assert_eq!(hex::encode(hmac_sha256(&key, b"lead1")), EXPECTED);
    }

    const EXPECTED: &str = "1d68a9ce54b3eba0721a16134bd19c09832a5c886e7ab34a01e58023043ce8a3";
}
