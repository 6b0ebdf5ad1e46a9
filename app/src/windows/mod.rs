//! Application windows (申报计划): one per year, opening and closing at set times in Asia/Shanghai; declarations
//! are created and submitted only while it is open (seed 二(一)3).
//! Owns table `application_windows`; endpoints `/api/declarations/window`, `/api/declarations/save-window`;
//! page `/windows`.

pub mod api;
pub mod model;
pub mod page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
