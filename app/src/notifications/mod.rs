//! Telling people what happened: the in-app inbox and Web Push (subscriptions, the queue, delivery, window
//! reminders), written only through [`service::notify`].
//! Owns tables `inbox`, `push_subscriptions`, `push_queue`, `reminders_sent`; endpoints `/api/inbox/*`,
//! `/api/push/*`; page `/inbox`.

pub mod api;
pub mod model;
pub mod page;
pub mod push;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
