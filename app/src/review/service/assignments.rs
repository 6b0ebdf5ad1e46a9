//! Assigning experts, by hand and in bulk, never across a conflict of interest.

use super::require;
use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::declarations::model::DeclarationRecord;
use crate::declarations::service as declarations;
use crate::declarations::state::Status;
use crate::error::AppError;
use crate::i18n::Text;
use crate::review::assign::{main_area, plan, Expert, PendingDeclaration, Plan};
use crate::review::repo;

/// Active experts with how many declarations of the year they hold (conflicts declared do not count), their
/// conflicts and their areas, in three queries whatever the number of experts.
pub(super) async fn experts(conn: &mut Conn, year: i64) -> Result<Vec<(Expert, String)>, AppError> {
    let rows = repo::active_experts(conn, year).await?;
    let declared = repo::all_conflicts(conn).await?;
    let areas = repo::all_areas(conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, load, own)| {
            let conflicts = own.into_iter().chain(declared.iter().filter(|(e, _)| *e == id).map(|(_, i)| *i)).collect();
            let areas = areas.iter().filter(|(e, _)| *e == id).map(|(_, a)| a.clone()).collect();
            (Expert { id, load: load as usize, conflicts, areas }, name)
        })
        .collect())
}

fn reviewable(status: Status) -> bool {
    matches!(status, Status::PendingReview | Status::UnderReview)
}

/// Adds one assignment inside `tx`; a declaration still waiting moves to 专家评审中 with its timeline entry.
async fn add_assignment(conn: &mut Conn, row: &DeclarationRecord, expert: i64, by: i64) -> Result<(), AppError> {
    repo::insert_assignment(conn, row.id, expert, by).await?;
    if row.status == Status::PendingReview {
        declarations::move_status(conn, row.id, Status::PendingReview, Status::UnderReview, by).await?;
    }
    let title = Text::new(
        &format!("新的评审任务：{} · {} {}", row.institution, row.certificate, row.level.label().zh),
        &format!("New review: {} · {} {}", row.institution, row.certificate, row.level.label().en),
    );
    crate::notifications::service::notify(
        conn,
        crate::notifications::model::Audience::Accounts(&[expert]),
        crate::notifications::model::Kind::StatusChanges,
        &title,
        &Text::new("", ""),
        "/review",
    )
    .await
}

/// The secretariat assigns one expert to one declaration.
pub async fn assign(conn: &mut Conn, caller: &Caller, declaration: i64, expert: i64) -> Result<(), AppError> {
    require(caller, Role::Secretariat)?;
    let row = declarations::record(conn, declaration).await?;
    if !reviewable(row.status) {
        return Err(AppError::conflict(
            "只有待审核或专家评审中的申报书可以分配专家。",
            "Only declarations awaiting review or under review can get experts.",
        ));
    }
    let all = experts(conn, row.year).await?;
    let Some((e, _)) = all.iter().find(|(e, _)| e.id == expert) else {
        return Err(AppError::field("expert_id", "请选择一位在用的评审专家。", "Choose an active expert."));
    };
    if e.conflicts.contains(&row.institution_id) {
        return Err(AppError::conflict(
            &format!("该专家与{}存在利益冲突，不能评审。", row.institution),
            &format!("This expert has a conflict of interest with {}.", row.institution),
        ));
    }
    if repo::assignment_exists(conn, declaration, expert).await? {
        return Err(AppError::conflict("该专家已分配到此申报书。", "This expert is already assigned."));
    }
    add_assignment(conn, &row, expert, caller.id).await?;
    Ok(())
}

/// Bulk assignment: every declaration of the year awaiting review or under review gets up to
/// `per_declaration` experts (see `assign::plan`). Returns the plan that was applied.
pub async fn assign_all(conn: &mut Conn, caller: &Caller, year: i64, per_declaration: usize) -> Result<Plan, AppError> {
    require(caller, Role::Secretariat)?;
    if !(1..=5).contains(&per_declaration) {
        return Err(AppError::field(
            "per_declaration",
            "每份申报书分配 1 到 5 位专家。",
            "Assign 1 to 5 experts each.",
        ));
    }
    let rows = declarations::records_in(conn, year, &[Status::PendingReview, Status::UnderReview]).await?;
    let mut codes: Vec<String> = rows.iter().flat_map(|r| r.majors.iter().cloned()).collect();
    codes.sort();
    codes.dedup();
    let (majors, _) = crate::catalog::service::majors_by_code(conn, &codes).await?;
    let area_of = |r: &DeclarationRecord| {
        let of_majors: Vec<String> = r
            .majors
            .iter()
            .filter_map(|code| majors.iter().find(|m| &m.code == code).map(|m| m.category.clone()))
            .collect();
        main_area(&of_majors)
    };
    let mut pending = Vec::with_capacity(rows.len());
    for r in &rows {
        // Each expert on the declaration, and whether they declared a conflict on it.
        let on_it = repo::experts_on(conn, r.id).await?;
        let experts_where = |declined: bool| on_it.iter().filter(|(_, d)| *d == declined).map(|(e, _)| *e).collect();
        pending.push(PendingDeclaration {
            id: r.id,
            institution_id: r.institution_id,
            area: area_of(r),
            assigned: experts_where(false),
            declined: experts_where(true),
        });
    }
    let experts: Vec<Expert> = experts(conn, year).await?.into_iter().map(|(e, _)| e).collect();
    let result = plan(&pending, &experts, per_declaration);
    for (declaration, expert) in &result.assignments {
        // Read inside the transaction: a declaration moves to 专家评审中 once, with its first assignment.
        let current = declarations::record(conn, *declaration).await?;
        add_assignment(conn, &current, *expert, caller.id).await?;
    }
    Ok(result)
}

/// Whether an expert holds a (not declined) assignment on a declaration: what lets them read it.
pub async fn assigned_to(conn: &mut Conn, expert: i64, declaration: i64) -> Result<bool, AppError> {
    repo::holds(conn, expert, declaration).await
}
