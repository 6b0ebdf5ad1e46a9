//! The certificate catalog: levels, majors, exam fees and the eligibility of a school's major for a
//! certificate level. This first part holds the shared rules; tables, endpoints and pages follow.

pub mod eligibility;
pub mod fees;
pub mod model;
