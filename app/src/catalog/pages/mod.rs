//! Certificate pages: `/certificates` (search) and `/certificates/:id` (requirements per level).

mod detail;
mod list;

pub use detail::CertificatePage;
pub use list::CertificatesPage;
