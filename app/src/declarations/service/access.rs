//! Who may read a declaration, and reading one.

use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::declarations::model::Declaration;
use crate::declarations::model::DeclarationRecord;
use crate::declarations::repo;
use crate::declarations::state::available_actions;
use crate::error::AppError;

use super::current_status;

/// Whether a caller may read a declaration: the secretariat, the school's coordinator, and a lead it is
/// assigned to or whose scope (colleges, and certificates when limited) covers it.
pub fn can_read(caller: &Caller, row: &DeclarationRecord) -> bool {
    match caller.role {
        Role::Secretariat => true,
        Role::Coordinator => caller.institution_id == Some(row.institution_id),
        Role::Lead => {
            caller.institution_id == Some(row.institution_id)
                && (row.lead_id == caller.id || caller.covers(row.college_id, row.certificate_id))
        }
        Role::Expert | Role::Org => false,
    }
}

/// Reads a declaration the caller may see (an expert: one assigned to them); otherwise Forbidden (NotFound when it does not exist).
pub async fn readable(conn: &mut Conn, caller: &Caller, id: i64) -> Result<DeclarationRecord, AppError> {
    let row = repo::find(conn, id).await?;
    // Experts read exactly the declarations assigned to them (and not declined for a conflict).
    let expert_may = caller.role == Role::Expert && crate::review::service::assigned_to(conn, caller.id, id).await?;
    if can_read(caller, &row) || expert_may {
        Ok(row)
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) fn window_closed() -> AppError {
    AppError::conflict(
        "当前不在申报时间内，不能新建或提交申报书。请查看申报计划。",
        "The application window is not open: declarations cannot be created or submitted now. See the window page.",
    )
}

/// The full declaration as the caller sees it, with the buttons it may use.
pub async fn view(conn: &mut Conn, caller: &Caller, id: i64) -> Result<Declaration, AppError> {
    let row = readable(conn, caller, id).await?;
    let window_open = current_status(conn).await?.state.is_open();
    let thresholds = repo::thresholds(conn).await?;
    let status = row.status;
    Ok(Declaration {
        id: row.id,
        institution_id: row.institution_id,
        institution: row.institution.clone(),
        college_id: row.college_id,
        college: row.college.clone(),
        year: row.year,
        certificate_id: row.certificate_id,
        certificate: row.certificate.clone(),
        level: row.level,
        lead: row.lead.clone(),
        status,
        version: row.version,
        content: row.content.clone(),
        flag: crate::declarations::flags::flag(row.planned_count, thresholds),
        thresholds,
        lead_confirmed: row.lead_confirmed,
        leader_approval: row.leader_approval.clone(),
        events: repo::events(conn, id).await?,
        photos: crate::evidence::service::photos_of(conn, id).await?,
        actions: available_actions(status, caller.role, window_open),
        can_edit: status.is_editable() && caller.role.is_school_role(),
        updated_at: row.updated_at,
    })
}
