//! Expert review: the year's rubric and the checks of an expert's score (`rubric`), the bulk-assignment
//! planner with conflicts of interest and balanced load (`assign`), what the secretariat reads per
//! declaration (`scores`), and on top of them the tables (`review_rubrics`, `expert_conflicts`,
//! `review_assignments`), the server functions `/api/review/*` and the `/review` pages.

pub mod api;
pub mod assign;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod rubric;
pub mod scores;
#[cfg(feature = "ssr")]
pub mod service;
