//! Expert review on the server: the year's rubric, assigning experts (by hand and in bulk, never across a
//! conflict of interest), experts' scores and conflict declarations, and the secretariat's progress view.
//! Every function checks the caller's role and scope.
//! The secretariat's side is here and in `assignments`; the expert's in `expert`.

mod assignments;
mod expert;

use assignments::experts;
pub use assignments::{assign, assign_all, assigned_to};
pub use expert::{
    declare_conflict, my_areas, my_assignments, my_conflicts, score_view, set_areas, set_conflicts, submit_score,
};

use crate::accounts::model::Role;
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::declarations::service as declarations;
use crate::declarations::state::Status;
use crate::error::AppError;
use crate::review::model::{ExpertLoad, ProgressRow, ReviewOverview};
use crate::review::repo;
use crate::review::rubric::{default_rubric, parse_rubric, Recommendation, Rubric};
use crate::review::scores::aggregate;

pub(super) fn require(caller: &Caller, role: Role) -> Result<(), AppError> {
    if caller.role == role {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn rubric(conn: &mut Conn, year: i64) -> Result<Rubric, AppError> {
    Ok(match repo::rubric_criteria(conn, year).await? {
        Some(json) => Rubric { year, criteria: serde_json::from_str(&json).map_err(AppError::internal)? },
        None => default_rubric(year),
    })
}

pub async fn save_rubric(conn: &mut Conn, caller: &Caller, year: i64, text: &str) -> Result<(), AppError> {
    require(caller, Role::Secretariat)?;
    let rubric = parse_rubric(year, text).map_err(|e| AppError::Validation(vec![e]))?;
    if repo::scored_count(conn, year).await? > 0 && rubric != self::rubric(conn, year).await? {
        return Err(AppError::conflict(
            "已有专家按现行指标打分，不能再修改本年度指标。",
            "Experts have already scored against this year's rubric; it can no longer change.",
        ));
    }
    let criteria = serde_json::to_string(&rubric.criteria).map_err(AppError::internal)?;
    repo::save_rubric(conn, year, &criteria, caller.id).await
}

/// The catalog's major categories (专业大类 and, for bachelor majors, 学科门类): the areas experts choose.
pub async fn all_areas(conn: &mut Conn) -> Result<Vec<String>, AppError> {
    crate::catalog::service::major_categories(conn).await
}

/// The secretariat's view of the year: every declaration in or past review with its experts, scores and
/// the aggregate; the experts with their loads; and the rubric.
pub async fn overview(conn: &mut Conn, caller: &Caller, year: i64) -> Result<ReviewOverview, AppError> {
    require(caller, Role::Secretariat)?;
    let thresholds = declarations::thresholds(conn).await?;
    let in_review = [Status::PendingReview, Status::UnderReview, Status::Approved, Status::Rejected];
    let rows = declarations::records_in(conn, year, &in_review).await?;
    // Every expert's line of the year in one query, in assignment order, then shared out per declaration.
    let lines = repo::expert_lines(conn, year).await?;
    let mut progress = Vec::with_capacity(rows.len());
    for r in &rows {
        let experts: Vec<(String, Option<f64>, Option<Recommendation>, String)> = lines
            .iter()
            .filter(|(declaration, ..)| *declaration == r.id)
            .map(|(_, name, t, rec, comment)| {
                (
                    name.clone(),
                    t.map(|t| t as f64 / 10.0),
                    rec.as_deref().and_then(Recommendation::parse),
                    comment.clone(),
                )
            })
            .collect();
        let scored: Vec<(f64, Recommendation)> =
            experts.iter().filter_map(|(_, total, rec, _)| Some(((*total)?, (*rec)?))).collect();
        progress.push(ProgressRow { declaration: r.summary(thresholds), experts, aggregate: aggregate(&scored) });
    }
    let loads =
        experts(conn, year).await?.into_iter().map(|(e, name)| ExpertLoad { id: e.id, name, load: e.load }).collect();
    Ok(ReviewOverview { year, rubric: rubric(conn, year).await?, rows: progress, experts: loads })
}
