//! Declaration rules (server only): who may see and change which declaration, creating one inside the
//! window, saving with the version it edited, moving it through the state machine with its timeline and
//! notifications, the coordinator's flagged-number checks before a final submission, and the page's list.

mod access;
mod actions;
mod create;
mod list;
mod records;
mod save;

pub use access::{can_read, readable, view};
pub use actions::{act, act_each, act_many, confirm_number, record_leader_approval};
pub use create::{create, create_with, Prefill};
pub use list::{choices, list};
pub use records::{move_status, record, records, records_in, thresholds};
pub use save::save;

use crate::db::Conn;
use crate::declarations::state::Status;
use crate::error::AppError;

async fn current_status(conn: &mut Conn) -> Result<crate::windows::model::WindowStatus, AppError> {
    crate::windows::service::current_status(conn).await
}

/// The refusal of a change to a locked declaration.
pub fn locked(status: Status) -> AppError {
    AppError::conflict(
        &format!("申报书当前为“{}”，已锁定，不能修改。", status.label().zh),
        &format!("The declaration is \"{}\" and locked; it cannot be changed.", status.label().en),
    )
}
