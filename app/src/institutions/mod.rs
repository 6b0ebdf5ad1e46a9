//! The institution registry (院校总库), colleges, school registration and addition requests.
//! Owns tables `institutions`, `colleges`, `addition_requests`; endpoints
//! `/api/institutions/*`; pages `/register`, `/registry`, `/school`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod import;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
