//! Evidence photos (照片) of a declaration: the shared checks, the upload route that spools, checks and stores
//! them (an upright copy without metadata and a thumbnail), the browser's upload client, and the page section.
//! Owns table `photos` and the photo store; routes `POST /api/declarations/{id}/photos`,
//! `GET /api/photos/{id}[/thumb]`.

#[cfg(feature = "hydrate")]
pub mod client;
pub mod model;
pub mod page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod route;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

pub use page::PhotoSection;
