//! Web Push, part one: the server's VAPID key pair (made on first start, kept in the data directory) with
//! its public key served to browsers, and the subscriptions people make per device with the kinds of
//! notification they chose. Sending (RFC 8291 encryption, RFC 8292 VAPID, the queue) builds on this.
//! Owns table `push_subscriptions`; endpoints `/api/push/*`.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod vapid;
