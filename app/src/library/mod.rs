//! The policy library (政策文件), notices (通知公告), FAQ (常见问题) and the secretariat's contact card.
//! Owns tables `policies`, `notices`, `faqs`, `contact_card`; endpoints `/api/library/*`;
//! pages `/library`, `/notices`, `/faq`.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
