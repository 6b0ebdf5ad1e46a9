//! The app shell: document, routes, navigation, the current user and the language switch.

mod app;
#[cfg(feature = "ssr")]
mod csp;
mod home;
pub mod home_api;
mod lazy_pages;
mod nav;

pub use app::{shell, App};
