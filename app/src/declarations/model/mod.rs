//! Declaration types shared by the browser and the server: the content (`content`), the form as typed and
//! its validation (`input`), what pages read (`views`) and the stored record services pass around (`record`).

mod content;
mod input;
mod record;
mod views;

pub use content::{ClientOp, DeclarationContent, LeaderApproval};
pub use input::{check_complete, checks, offering_key, parse_offering_key, DeclarationInput};
pub use record::DeclarationRecord;
pub use views::{totals, Declaration, DeclarationSummary, Event, Totals};
