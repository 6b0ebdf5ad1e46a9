//! SQL of notifications (server only): the inbox, and Web Push's subscriptions, queue and reminders.

pub mod inbox;
pub mod push;
