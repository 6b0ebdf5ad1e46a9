//! Follow-up after approval: each pilot school's working organization and contacts (`model`, checked on
//! both sides), submitted by its coordinator and watched by the secretariat, who reminds the schools that
//! have not submitted (`api`, table `followups`); the `/followup` page (`page`).

pub mod api;
pub mod model;
pub mod page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
