//! Telling people what happened: the in-app inbox and Web Push (subscriptions, the queue, delivery, window
//! reminders). Owns tables `inbox`, `push_subscriptions`, `push_queue`, `reminders_sent`; endpoints
//! `/api/inbox/*`, `/api/push/*`; page `/inbox`.

pub mod inbox;
pub mod push;
