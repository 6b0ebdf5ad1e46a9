//! Accounts, roles and sessions. Owns tables `accounts`, `account_colleges`, `sessions`;
//! endpoints `/api/accounts/*`; pages `/login`, `/account`, `/staff`.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
