//! Library pages: `/library` (policies), `/notices`, `/faq`.

mod faq;
mod notices;
mod policies;
mod tabs;

pub use faq::FaqPage;
pub use notices::NoticesPage;
pub use policies::PoliciesPage;
