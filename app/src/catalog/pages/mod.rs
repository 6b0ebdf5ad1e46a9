//! Catalog pages: `/certificates` (search), `/certificates/:id` (requirements per level), `/organizations`
//! (organizations, their certificates and accounts) and `/majors` (the major catalog and its import).

mod detail;
mod list;
mod majors;
mod offering_forms;
mod organizations;

pub use detail::CertificatePage;
pub use list::CertificatesPage;
pub use majors::MajorsPage;
pub use organizations::OrganizationsPage;
