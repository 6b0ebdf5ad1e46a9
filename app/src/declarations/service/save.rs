//! Saving the form with the version it edited; a phone's retried or unanswered saves never conflict with
//! themselves.

use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::declarations::model::{ClientOp, DeclarationInput};
use crate::declarations::repo::{self};
use crate::error::AppError;

use super::access::readable;
use super::create::check_majors;
use super::locked;

/// Saves the form if the caller may edit it and `version` is still the stored one. A stale save is
/// refused with the server's version and content, so nothing is overwritten silently.
pub async fn save(
    conn: &mut Conn,
    caller: &Caller,
    id: i64,
    version: i64,
    input: &DeclarationInput,
    op: Option<&ClientOp>,
) -> Result<i64, AppError> {
    let row = readable(conn, caller, id).await?;
    if !caller.role.is_school_role() {
        return Err(AppError::Forbidden);
    }
    // A retried outbox save gets its first answer, whatever happened since.
    if let Some(op) = op {
        if let Some(done) = repo::applied_op(conn, &op.op_id, caller.id, id).await? {
            return Ok(done);
        }
    }
    if !row.status.is_editable() {
        return Err(locked(row.status));
    }
    let content = input.parse().map_err(AppError::Validation)?;
    check_majors(conn, &row, &content.majors).await?;
    // The phone never heard back from some earlier saves: if one of them made the current version, the
    // server moved because of this phone, not because of someone else, and this save builds on it.
    let base = match op {
        Some(op) if version != row.version && made_by_this_edit(conn, op, caller.id, id, row.version).await? => {
            row.version
        }
        _ => version,
    };
    let saved = repo::update_content(conn, id, base, &content).await?;
    if let (Some(new_version), Some(op)) = (saved, op) {
        repo::record_op(conn, op, caller.id, id, new_version).await?;
    }
    match saved {
        Some(new_version) => Ok(new_version),
        None => {
            let now = repo::find(conn, id).await?;
            if !now.status.is_editable() {
                return Err(locked(now.status));
            }
            Err(AppError::Stale {
                server_version: now.version,
                server_content: serde_json::to_string(&now.content).map_err(AppError::internal)?,
            })
        }
    }
}

/// Whether `version` was produced by an earlier save of the same pending edit on the same phone.
async fn made_by_this_edit(
    conn: &mut Conn,
    op: &ClientOp,
    account: i64,
    id: i64,
    version: i64,
) -> Result<bool, AppError> {
    if let Some(chain) = &op.chain {
        if repo::chain_produced(conn, chain, account, id, version).await? {
            return Ok(true);
        }
    }
    Ok(repo::latest_applied(conn, &op.after, account, id).await? == Some(version))
}
