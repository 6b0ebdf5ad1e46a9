//! Web Push: the server's VAPID key pair (made on first start, kept in the data directory) with its public
//! key served to browsers; the subscriptions people make per device with the kinds of notification they
//! chose; the queue that the same events writing the inbox fill; the worker that encrypts (RFC 8291),
//! signs (RFC 8292) and delivers it; and the window reminders.
//! Owns tables `push_subscriptions`, `push_queue`, `reminders_sent`; endpoints `/api/push/*`.

pub mod api;
#[cfg(feature = "hydrate")]
mod client;
pub mod model;
#[cfg(feature = "ssr")]
pub mod queue;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod send;
pub mod settings;
#[cfg(feature = "ssr")]
pub mod vapid;
