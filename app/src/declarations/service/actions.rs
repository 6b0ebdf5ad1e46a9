//! Moving declarations through the state machine with their timeline and notifications, and the
//! flagged-number checks before a final submission.

use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::declarations::model::DeclarationRecord;
use crate::declarations::model::{check_complete, LeaderApproval};
use crate::declarations::repo;
use crate::declarations::state::{transition, Action, Refusal, Status};
use crate::error::AppError;
use crate::i18n::Text;
use crate::notifications::model::Kind;
use crate::validate::FieldError;

use super::access::{readable, window_closed};
use super::{current_status, locked};

/// Checks that a flagged declaration has the lead's confirmation and the school leader's approval.
fn ensure_final_ready(
    row: &DeclarationRecord,
    thresholds: crate::declarations::flags::Thresholds,
) -> Result<(), AppError> {
    if row.summary(thresholds).needs_approval {
        return Err(AppError::conflict(
            &format!(
                "“{} {}”的计划人数（{}人）需要负责人确认并记录校领导审批意见后才能提交。",
                row.certificate,
                row.level.label().zh,
                row.planned_count
            ),
            &format!(
                "\"{} {}\" plans {}: the lead must confirm and the school leader's approval be recorded before submitting.",
                row.certificate,
                row.level.label().en,
                row.planned_count
            ),
        ));
    }
    Ok(())
}

/// Applies one action to one declaration with its timeline entry and inbox messages.
pub async fn act(conn: &mut Conn, caller: &Caller, id: i64, action: Action, comment: &str) -> Result<(), AppError> {
    act_many(conn, caller, &[id], action, comment).await
}

/// Applies an action to several declarations at once with one comment, all or nothing (the coordinator's
/// batch final submission).
pub async fn act_many(
    conn: &mut Conn,
    caller: &Caller,
    ids: &[i64],
    action: Action,
    comment: &str,
) -> Result<(), AppError> {
    let each: Vec<(i64, String)> = ids.iter().map(|id| (*id, comment.to_string())).collect();
    act_each(conn, caller, &each, action).await
}

/// Applies an action to several declarations at once, each with its own comment, all or nothing (the
/// secretariat's 统一审批): every move is checked before any is made.
pub async fn act_each(
    conn: &mut Conn,
    caller: &Caller,
    each: &[(i64, String)],
    action: Action,
) -> Result<(), AppError> {
    if each.is_empty() {
        return Err(AppError::field("ids", "请至少选择一份申报书。", "Choose at least one declaration."));
    }
    let window_open = current_status(conn).await?.state.is_open();
    let thresholds = repo::thresholds(conn).await?;
    let mut moves = Vec::new();
    for (id, comment) in each {
        let row = readable(conn, caller, *id).await?;
        moves.push(checked_move(row, caller, action, comment, window_open, thresholds)?);
    }
    for m in &moves {
        repo::set_status(conn, m.row.id, m.row.status, m.to, caller.id, m.comment).await?;
        tell_about(conn, caller, action, m).await?;
    }
    if let (Action::FinalSubmit, Some(first)) = (action, moves.first()) {
        tell_secretariat_of_batch(conn, &first.row.institution, moves.len()).await?;
    }
    Ok(())
}

/// A declaration's move, checked and about to be made: the row as read (its status is where the move
/// starts) and where it goes.
struct Move<'a> {
    row: DeclarationRecord,
    to: Status,
    comment: &'a str,
}

/// The move `action` makes of `row`, or why the caller may not make it now.
fn checked_move<'a>(
    row: DeclarationRecord,
    caller: &Caller,
    action: Action,
    comment: &'a str,
    window_open: bool,
    thresholds: crate::declarations::flags::Thresholds,
) -> Result<Move<'a>, AppError> {
    let from = row.status;
    let to = transition(from, action, caller.role, window_open, comment).map_err(|refusal| match refusal {
        Refusal::WrongRole => AppError::Forbidden,
        Refusal::CommentRequired => {
            let m = refusal.message();
            AppError::Validation(vec![FieldError::new("comment", &m.zh, &m.en)])
        }
        other => AppError::Conflict(other.message()),
    })?;
    if matches!(action, Action::Submit | Action::FinalSubmit) && !window_open {
        return Err(window_closed());
    }
    if action == Action::Submit {
        check_complete(&row.content).map_err(AppError::Validation)?;
    }
    if action == Action::FinalSubmit {
        ensure_final_ready(&row, thresholds)?;
    }
    Ok(Move { row, to, comment })
}

/// The lead hears of every move (and the school's coordinators of those that concern the school), never
/// the person who made it.
async fn tell_about(conn: &mut Conn, caller: &Caller, action: Action, m: &Move<'_>) -> Result<(), AppError> {
    let row = &m.row;
    let mut to_tell = vec![row.lead_id];
    if matches!(action, Action::Submit | Action::ReturnForRevision | Action::Approve | Action::Reject | Action::Reopen)
    {
        to_tell.extend(crate::accounts::service::coordinators(conn, row.institution_id).await?);
    }
    to_tell.retain(|a| *a != caller.id);
    let title = Text::new(
        &format!("{} {}：{}", row.certificate, row.level.label().zh, m.to.label().zh),
        &format!("{} {}: {}", row.certificate, row.level.label().en, m.to.label().en),
    );
    let body = Text::new(m.comment.trim(), m.comment.trim());
    let kind = match action {
        Action::ReturnToLead | Action::ReturnForRevision => Kind::Returns,
        Action::Approve | Action::Reject => Kind::Results,
        _ => Kind::StatusChanges,
    };
    crate::notifications::service::notify(
        conn,
        crate::notifications::model::Audience::Accounts(&to_tell),
        kind,
        &title,
        &body,
        &format!("/declarations/{}", row.id),
    )
    .await
}

/// The secretariat hears once per batch that a school's declarations await review.
async fn tell_secretariat_of_batch(conn: &mut Conn, institution: &str, n: usize) -> Result<(), AppError> {
    let title = Text::new(
        &format!("{institution}最终提交了{n}份申报书，待审核"),
        &format!("{institution} final-submitted {n} declaration(s) for review"),
    );
    let secretariat = crate::accounts::service::secretariat(conn).await?;
    crate::notifications::service::notify(
        conn,
        crate::notifications::model::Audience::Accounts(&secretariat),
        Kind::StatusChanges,
        &title,
        &Text::new("", ""),
        "/declarations?status=pending_review",
    )
    .await
}

/// The lead confirms an unusually large or small planned number.
pub async fn confirm_number(conn: &mut Conn, caller: &Caller, id: i64) -> Result<(), AppError> {
    let row = readable(conn, caller, id).await?;
    if caller.role != Role::Lead {
        return Err(AppError::Forbidden);
    }
    if !matches!(row.status, Status::Draft | Status::Returned | Status::SchoolReview) {
        return Err(locked(row.status));
    }
    repo::set_lead_confirmed(conn, id).await
}

/// The coordinator records the school leader's approval of a flagged declaration.
pub async fn record_leader_approval(
    conn: &mut Conn,
    caller: &Caller,
    id: i64,
    approval: LeaderApproval,
) -> Result<(), AppError> {
    let row = readable(conn, caller, id).await?;
    if caller.role != Role::Coordinator {
        return Err(AppError::Forbidden);
    }
    if !matches!(row.status, Status::Draft | Status::Returned | Status::SchoolReview) {
        return Err(locked(row.status));
    }
    let errors: Vec<FieldError> = [
        crate::validate::validate_required(
            "leader_name",
            Text::new("校领导姓名", "the leader's name"),
            &approval.name,
            30,
        ),
        crate::validate::validate_required("leader_title", Text::new("职务", "the title"), &approval.title, 30),
        crate::ui::time::parse_shanghai(&approval.date).map(|_| ()).ok_or_else(|| {
            FieldError::new(
                "leader_date",
                "请填写审批日期，例如 2026-03-01。",
                "Enter the approval date, e.g. 2026-03-01.",
            )
        }),
    ]
    .into_iter()
    .filter_map(Result::err)
    .collect();
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    repo::set_leader_approval(conn, id, &approval).await
}
