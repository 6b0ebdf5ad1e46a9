//! Registry and school pages.

mod checks;
mod contact_fields;
mod institution;
mod institution_form;
mod register;
mod registry;
mod school;

pub use institution::InstitutionPage;
pub use register::{RegisterDonePage, RegisterPage};
pub use registry::RegistryPage;
pub use school::SchoolPage;
