//! Declaration pages: `/declarations` (the list for each role, with creation, totals and the batch final
//! submission) and `/declarations/:id` (the form, the flag checks, the actions and the timeline).

mod detail;
mod detail_parts;
mod form;
#[cfg(feature = "hydrate")]
mod form_client;
mod list;
mod local_state;

pub use detail::DeclarationPage;
pub use detail_parts::ContentView;
pub use list::DeclarationsPage;
