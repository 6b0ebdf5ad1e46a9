//! Small UI pieces shared by every feature.

mod feedback;
mod field;
pub mod time;

pub use feedback::{ErrorBox, FieldMsg, Loading, Notice};
pub use field::{Field, Validator};
