//! The internal survey (摸底调查): rows of certificate, level, majors, students willing and proposed lead per
//! college, the four dated steps of the school's decision, and accepted rows turned into declaration drafts.
//! Owns tables `survey_rows`, `survey_steps`; endpoints `/api/survey/*`; page `/survey`.

pub mod api;
pub mod model;
pub mod page;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
