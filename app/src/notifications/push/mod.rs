//! Web Push: the server's VAPID key pair (made on first start, kept in the data directory); the browser
//! side that subscribes a device and the account page's settings; the worker that encrypts (RFC 8291),
//! signs (RFC 8292) and delivers the queue; and the window reminders.

#[cfg(feature = "hydrate")]
mod client;
#[cfg(feature = "ssr")]
pub mod endpoint;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
pub mod send;
pub mod settings;
#[cfg(feature = "ssr")]
pub mod vapid;
