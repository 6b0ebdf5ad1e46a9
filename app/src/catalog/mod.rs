//! The certificate catalog: training evaluation organizations, certificates, their yearly offerings per
//! level with fees and cost caps, and the shared rules (fees, eligibility). Owns tables `organizations`,
//! `certificates`, `offerings`; endpoints `/api/catalog/*`; pages `/certificates`, `/certificates/:id`.

pub mod api;
pub mod eligibility;
pub mod fees;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod requests;
