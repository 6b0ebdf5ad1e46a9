//! Declarations (申报书): one per school, year, certificate and level — the shared rules (state machine,
//! application windows, the planned-number flag, the form's validation), the server functions with their
//! scope checks, the timeline and the inbox (seed 二(一)3 to 二(三); ../shared/spec/domain.md).
//! Owns tables `declarations`, `declaration_events`, `inbox`, `settings`, `application_windows`; endpoints
//! `/api/declarations/*`, `/api/inbox/*`; pages `/declarations`, `/declarations/:id`, `/windows`, `/inbox`.

pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
pub mod flags;
pub mod inbox;
pub mod model;
pub mod pages;
#[cfg(feature = "hydrate")]
pub mod photo_client;
#[cfg(feature = "ssr")]
pub mod photo_store;
pub mod photos;
#[cfg(feature = "ssr")]
pub mod photos_route;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod state;
pub mod survey;
pub mod survey_page;
pub mod window;
pub mod windows_api;
pub mod windows_page;
