//! Small UI pieces shared by every feature.

mod decision;
mod feedback;
mod field;
mod import_form;
mod mounted;
mod resource;
mod search_form;
mod text_area;
pub mod time;

pub use decision::{Decision, PlainDecision};
pub use feedback::{ErrorBox, FieldMsg, Loading, Notice};
pub use field::{Field, Validator};
pub use import_form::ImportForm;
pub use mounted::use_mounted;
pub use resource::{resource, Res, SliceJson};
pub use search_form::SearchForm;
pub use text_area::{TextArea, TextBox};
