//! The expert's side: their conflicts and areas, their assignments, scores and conflict declarations.

use super::{all_areas, require, rubric};
use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::declarations::service as declarations;
use crate::declarations::state::Status;
use crate::error::AppError;
use crate::i18n::Text;
use crate::review::model::{MyAssignment, ScoreView};
use crate::review::repo;
use crate::review::repo::{Assignment, StoredScore};
use crate::review::rubric::{parse_score, Recommendation, Score, ScoreInput};

/// An expert declares the institutions they may not review (besides their own).
pub async fn set_conflicts(conn: &mut Conn, caller: &Caller, institutions: &[i64]) -> Result<(), AppError> {
    require(caller, Role::Expert)?;
    repo::replace_conflicts(conn, caller.id, institutions).await
}

pub async fn my_conflicts(conn: &mut Conn, caller: &Caller) -> Result<Vec<i64>, AppError> {
    require(caller, Role::Expert)?;
    repo::conflicts_of(conn, caller.id).await
}

pub async fn my_areas(conn: &mut Conn, caller: &Caller) -> Result<Vec<String>, AppError> {
    require(caller, Role::Expert)?;
    repo::areas_of(conn, caller.id).await
}

/// An expert says which areas they know; each must be a category of the major catalog.
pub async fn set_areas(conn: &mut Conn, caller: &Caller, areas: &[String]) -> Result<(), AppError> {
    require(caller, Role::Expert)?;
    let known = all_areas(conn).await?;
    if let Some(unknown) = areas.iter().find(|a| !known.contains(a)) {
        return Err(AppError::field(
            "areas",
            &format!("“{unknown}”不是专业目录中的专业大类。"),
            &format!("“{unknown}” is not a category of the major catalog."),
        ));
    }
    repo::replace_areas(conn, caller.id, areas).await
}

/// The caller's own assignment, or Forbidden (NotFound when it does not exist).
async fn own_assignment(conn: &mut Conn, caller: &Caller, id: i64) -> Result<Assignment, AppError> {
    require(caller, Role::Expert)?;
    let a = repo::assignment(conn, id).await?;
    if a.2 != caller.id {
        return Err(AppError::Forbidden);
    }
    Ok(a)
}

pub async fn my_assignments(conn: &mut Conn, caller: &Caller) -> Result<Vec<MyAssignment>, AppError> {
    require(caller, Role::Expert)?;
    let rows = repo::assignments_of(conn, caller.id).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, declaration_id, total, conflict) in rows {
        let d = declarations::record(conn, declaration_id).await?;
        out.push(MyAssignment {
            id,
            declaration_id,
            institution: d.institution.clone(),
            certificate: d.certificate.clone(),
            level: d.level,
            status: d.status,
            total: total.map(|t| t as f64 / 10.0),
            declined: conflict.is_some(),
        });
    }
    Ok(out)
}

pub async fn score_view(conn: &mut Conn, caller: &Caller, id: i64) -> Result<ScoreView, AppError> {
    let (id, declaration_id, _, conflict, marks, recommendation, comment, _) = own_assignment(conn, caller, id).await?;
    let d = declarations::record(conn, declaration_id).await?;
    let rubric = rubric(conn, d.year).await?;
    let score = match (marks, recommendation.as_deref().and_then(Recommendation::parse)) {
        (Some(marks), Some(recommendation)) => {
            Some(Score { marks: serde_json::from_str(&marks).map_err(AppError::internal)?, recommendation, comment })
        }
        _ => None,
    };
    Ok(ScoreView {
        id,
        declaration_id,
        rubric,
        score,
        declined: conflict.is_some(),
        open: d.status == Status::UnderReview,
    })
}

/// An expert scores (or re-scores, until the decision) one of their assignments.
pub async fn submit_score(conn: &mut Conn, caller: &Caller, id: i64, input: &ScoreInput) -> Result<(), AppError> {
    let (id, declaration_id, _, conflict, ..) = own_assignment(conn, caller, id).await?;
    if conflict.is_some() {
        return Err(AppError::conflict("您已声明利益冲突，不能再打分。", "You declared a conflict of interest."));
    }
    let d = declarations::record(conn, declaration_id).await?;
    if d.status != Status::UnderReview {
        return Err(AppError::conflict("此申报书已不在专家评审中。", "This declaration is no longer under review."));
    }
    let rubric = rubric(conn, d.year).await?;
    let score = parse_score(&rubric, input).map_err(AppError::Validation)?;
    let tenths = (score.total(&rubric) * 10.0).round() as i64;
    let marks = serde_json::to_string(&score.marks).map_err(AppError::internal)?;
    let stored =
        StoredScore { marks: &marks, tenths, recommendation: score.recommendation.code(), comment: &score.comment };
    repo::save_score(conn, id, stored).await
}

/// An expert declares a conflict of interest on an assignment: it leaves scoring (with any score given),
/// and the institution joins their conflicts so they are not assigned to it again.
pub async fn declare_conflict(conn: &mut Conn, caller: &Caller, id: i64, note: &str) -> Result<(), AppError> {
    let (id, declaration_id, ..) = own_assignment(conn, caller, id).await?;
    let note = note.trim();
    if note.is_empty() {
        return Err(AppError::field("note", "请说明利益冲突的情况。", "Say what the conflict of interest is."));
    }
    let d = declarations::record(conn, declaration_id).await?;
    repo::decline(conn, id, note).await?;
    repo::add_conflict(conn, caller.id, d.institution_id).await?;
    let secretariat = crate::accounts::service::secretariat(conn).await?;
    let title = Text::new(
        &format!("专家声明利益冲突：{} · {}", d.institution, d.certificate),
        &format!("An expert declared a conflict: {} · {}", d.institution, d.certificate),
    );
    crate::notifications::service::notify(
        conn,
        crate::notifications::model::Audience::Accounts(&secretariat),
        crate::notifications::model::Kind::StatusChanges,
        &title,
        &Text::new(note, note),
        "/review",
    )
    .await?;
    Ok(())
}
