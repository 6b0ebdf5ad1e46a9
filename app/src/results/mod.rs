//! Results and lead institutions (seed 二(三)): the year's approved pilots per certificate and level with
//! each certificate's lead institution (`model`, pure), named and published by the secretariat as a notice
//! to everyone (`service`, `api`, tables `lead_institutions` and `results_publications`), downloadable as
//! .xlsx and CSV (`export`), and the roster a lead institution runs its certificate's group with (`page`).

pub mod api;
#[cfg(feature = "ssr")]
pub mod export;
pub mod model;
pub mod page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
