//! Login rate limit: failures counted per account and per client address over a sliding window.
//!
//! A stranger who types wrong passwords for someone's username blocks that username only on browsers the
//! owner never logged in from: a browser holding the account's device cookie (set at each successful login,
//! see `auth::device`) has a count of its own, which only that browser's failures raise. So the owner's
//! phone still logs in with the right password while the name is under attack, and a school behind one
//! address cannot be locked out by one of its own.

use std::collections::HashMap;
use std::sync::Mutex;

pub const WINDOW_SECS: i64 = 15 * 60;
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
pub const MAX_FAILURES_PER_ADDRESS: usize = 30;

#[derive(Default)]
pub struct RateLimiter {
    failures: Mutex<HashMap<String, Vec<i64>>>,
}

impl RateLimiter {
    /// True when the attempt's counts are used up in the window: a recognised browser's own count, or else
    /// the account's count for unrecognised browsers and the address's.
    pub fn is_blocked(&self, account: &str, address: &str, recognised: bool, now: i64) -> bool {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let mut count = |key: String| {
            let list = map.entry(key).or_default();
            list.retain(|t| now - t < WINDOW_SECS);
            list.len()
        };
        if recognised {
            return count(device_key(account)) >= MAX_FAILURES_PER_ACCOUNT;
        }
        count(account_key(account)) >= MAX_FAILURES_PER_ACCOUNT
            || count(address_key(address)) >= MAX_FAILURES_PER_ADDRESS
    }

    pub fn record_failure(&self, account: &str, address: &str, recognised: bool, now: i64) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if recognised {
            map.entry(device_key(account)).or_default().push(now);
        } else {
            map.entry(account_key(account)).or_default().push(now);
            map.entry(address_key(address)).or_default().push(now);
        }
    }

    /// A successful login clears the account's failures (not the address's).
    pub fn record_success(&self, account: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&account_key(account));
        map.remove(&device_key(account));
    }
}

fn account_key(account: &str) -> String {
    format!("a:{}", account.to_lowercase())
}

fn device_key(account: &str) -> String {
    format!("d:{}", account.to_lowercase())
}

fn address_key(address: &str) -> String {
    format!("ip:{address}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_blocked_after_five_failures_and_freed_after_the_window() {
        let limiter = RateLimiter::default();
        for i in 0..5 {
            assert!(!limiter.is_blocked("lead1", "1.2.3.4", false, 100 + i));
            limiter.record_failure("lead1", "1.2.3.4", false, 100 + i);
        }
        assert!(limiter.is_blocked("lead1", "9.9.9.9", false, 110));
        assert!(!limiter.is_blocked("other", "9.9.9.9", false, 110));
        assert!(!limiter.is_blocked("lead1", "9.9.9.9", false, 110 + WINDOW_SECS));
    }

    #[test]
    fn an_address_is_blocked_after_thirty_failures_across_accounts() {
        let limiter = RateLimiter::default();
        for i in 0..30 {
            limiter.record_failure(&format!("user{i}"), "5.5.5.5", false, 200);
        }
        assert!(limiter.is_blocked("fresh", "5.5.5.5", false, 201));
        assert!(!limiter.is_blocked("fresh", "6.6.6.6", false, 201));
    }

    #[test]
    fn success_clears_the_account_count() {
        let limiter = RateLimiter::default();
        for _ in 0..4 {
            limiter.record_failure("coord", "1.1.1.1", false, 300);
        }
        limiter.record_success("coord");
        limiter.record_failure("coord", "1.1.1.1", false, 301);
        assert!(!limiter.is_blocked("coord", "2.2.2.2", false, 302));
    }

    #[test]
    fn a_stranger_s_failures_do_not_block_the_owner_s_recognised_browser() {
        let limiter = RateLimiter::default();
        for i in 0..50 {
            limiter.record_failure("lead1", "5.5.5.5", false, 400 + i);
        }
        assert!(limiter.is_blocked("lead1", "7.7.7.7", false, 450), "strangers are blocked");
        assert!(limiter.is_blocked("other", "5.5.5.5", false, 450), "and so is their address");
        assert!(!limiter.is_blocked("lead1", "5.5.5.5", true, 450), "the owner's phone is not, even on that address");
        // The recognised browser has a limit of its own.
        for i in 0..5 {
            limiter.record_failure("lead1", "5.5.5.5", true, 451 + i);
        }
        assert!(limiter.is_blocked("lead1", "5.5.5.5", true, 460));
    }
}
