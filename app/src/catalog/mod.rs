//! The certificate catalog: training evaluation organizations, certificates, their yearly offerings per
//! level (fees and cost caps, equipment lists, eligible majors, change history), the major catalog, search,
//! and the shared rules (fees, eligibility, equipment). Owns tables `organizations`, `certificates`,
//! `offerings`, `offering_*`, `majors`, `equipment_assessments`, `catalog_search`; endpoints `/api/catalog/*`,
//! `/api/majors/import`; pages `/certificates`, `/certificates/:id`, `/organizations`, `/majors`.

pub mod admin;
pub mod api;
pub mod eligibility;
pub mod equipment;
pub mod fees;
pub mod history;
pub mod majors;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod requests;
pub mod search;
#[cfg(feature = "ssr")]
pub mod service;
