//! Declarations (申报书): one per school, year, certificate and level — the shared rules (state machine, the
//! planned-number flag, the form's validation), the server functions with their scope checks, the versions
//! and the timeline (seed 二(一)3 to 二(三); ../shared/spec/domain.md).
//! Owns tables `declarations`, `declaration_events`, `settings`, `client_ops`; endpoints `/api/declarations/*`
//! (but the window's); pages `/declarations`, `/declarations/:id`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
pub mod flags;
pub mod listing;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod state;
