//! Expert review on the server: the year's rubric, assigning experts (by hand and in bulk, never across a
//! conflict of interest), experts' scores and conflict declarations, and the secretariat's progress view.
//! Every function checks the caller's role and scope.

use super::assign::{main_area, plan, Expert, PendingDeclaration, Plan};
use super::model::{ExpertLoad, MyAssignment, ProgressRow, ReviewOverview, ScoreView};
use super::rubric::{default_rubric, parse_rubric, parse_score, Recommendation, Rubric, Score, ScoreInput};
use super::scores::aggregate;
use crate::accounts::model::Role;
use crate::auth::guard::Caller;
use crate::db::{now, Conn};
use crate::declarations::repo::{self, Row};
use crate::declarations::state::Status;
use crate::error::AppError;
use crate::i18n::Text;

fn require(caller: &Caller, role: Role) -> Result<(), AppError> {
    if caller.role == role {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub async fn rubric(conn: &mut Conn, year: i64) -> Result<Rubric, AppError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT criteria FROM review_rubrics WHERE year = $1")
        .bind(year)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match row {
        Some((json,)) => Rubric { year, criteria: serde_json::from_str(&json).map_err(AppError::internal)? },
        None => default_rubric(year),
    })
}

pub async fn save_rubric(conn: &mut Conn, caller: &Caller, year: i64, text: &str) -> Result<(), AppError> {
    require(caller, Role::Secretariat)?;
    let rubric = parse_rubric(year, text).map_err(|e| AppError::Validation(vec![e]))?;
    let scored: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM review_assignments a JOIN declarations d ON d.id = a.declaration_id \
         WHERE d.year = $1 AND a.scored_at IS NOT NULL",
    )
    .bind(year)
    .fetch_one(&mut *conn)
    .await?;
    if scored.0 > 0 && rubric != self::rubric(conn, year).await? {
        return Err(AppError::conflict(
            "已有专家按现行指标打分，不能再修改本年度指标。",
            "Experts have already scored against this year's rubric; it can no longer change.",
        ));
    }
    sqlx::query(
        "INSERT INTO review_rubrics (year, criteria, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (year) DO UPDATE SET criteria = excluded.criteria, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(year)
    .bind(serde_json::to_string(&rubric.criteria).map_err(AppError::internal)?)
    .bind(caller.id)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An expert declares the institutions they may not review (besides their own).
pub async fn set_conflicts(conn: &mut Conn, caller: &Caller, institutions: &[i64]) -> Result<(), AppError> {
    require(caller, Role::Expert)?;
    sqlx::query("DELETE FROM expert_conflicts WHERE expert_id = $1").bind(caller.id).execute(&mut *conn).await?;
    for institution in institutions {
        sqlx::query(
            "INSERT INTO expert_conflicts (expert_id, institution_id) SELECT $1, id FROM institutions WHERE id = $2 \
             ON CONFLICT DO NOTHING",
        )
        .bind(caller.id)
        .bind(institution)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn my_conflicts(conn: &mut Conn, caller: &Caller) -> Result<Vec<i64>, AppError> {
    require(caller, Role::Expert)?;
    let rows: Vec<(i64,)> = sqlx::query_as("SELECT institution_id FROM expert_conflicts WHERE expert_id = $1")
        .bind(caller.id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Active experts with how many declarations of the year they hold (conflicts declared do not count), their
/// conflicts and their areas, in three queries whatever the number of experts.
async fn experts(conn: &mut Conn, year: i64) -> Result<Vec<(Expert, String)>, AppError> {
    let rows: Vec<(i64, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT a.id, a.display_name, (SELECT COUNT(*) FROM review_assignments r JOIN declarations d \
         ON d.id = r.declaration_id WHERE r.expert_id = a.id AND d.year = $1 AND r.conflict_note IS NULL), \
         a.institution_id FROM accounts a WHERE a.role = 'expert' AND a.status = 'active' ORDER BY a.id",
    )
    .bind(year)
    .fetch_all(&mut *conn)
    .await?;
    let declared: Vec<(i64, i64)> =
        sqlx::query_as("SELECT expert_id, institution_id FROM expert_conflicts").fetch_all(&mut *conn).await?;
    let areas: Vec<(i64, String)> =
        sqlx::query_as("SELECT expert_id, area FROM expert_areas ORDER BY area").fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, load, own)| {
            let conflicts = own.into_iter().chain(declared.iter().filter(|(e, _)| *e == id).map(|(_, i)| *i)).collect();
            let areas = areas.iter().filter(|(e, _)| *e == id).map(|(_, a)| a.clone()).collect();
            (Expert { id, load: load as usize, conflicts, areas }, name)
        })
        .collect())
}

/// The catalog's major categories (专业大类 and, for bachelor majors, 学科门类): the areas experts choose.
pub async fn all_areas(conn: &mut Conn) -> Result<Vec<String>, AppError> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT category FROM majors WHERE category <> '' ORDER BY category")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn my_areas(conn: &mut Conn, caller: &Caller) -> Result<Vec<String>, AppError> {
    require(caller, Role::Expert)?;
    let rows: Vec<(String,)> = sqlx::query_as("SELECT area FROM expert_areas WHERE expert_id = $1 ORDER BY area")
        .bind(caller.id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
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
    sqlx::query("DELETE FROM expert_areas WHERE expert_id = $1").bind(caller.id).execute(&mut *conn).await?;
    for area in areas {
        sqlx::query("INSERT INTO expert_areas (expert_id, area) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(caller.id)
            .bind(area)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

fn reviewable(status: Status) -> bool {
    matches!(status, Status::PendingReview | Status::UnderReview)
}

/// Adds one assignment inside `tx`; a declaration still waiting moves to 专家评审中 with its timeline entry.
async fn add_assignment(conn: &mut Conn, row: &Row, expert: i64, by: i64) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO review_assignments (declaration_id, expert_id, assigned_by, assigned_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(row.id)
    .bind(expert)
    .bind(by)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    if row.status() == Status::PendingReview {
        repo::set_status(conn, row.id, Status::PendingReview, Status::UnderReview, by, "").await?;
    }
    let title = Text::new(
        &format!("新的评审任务：{} · {} {}", row.institution, row.certificate, row.level().label().zh),
        &format!("New review: {} · {} {}", row.institution, row.certificate, row.level().label().en),
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
    let row = repo::find(conn, declaration).await?;
    if !reviewable(row.status()) {
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
    let exists: Option<(i64,)> =
        sqlx::query_as("SELECT id FROM review_assignments WHERE declaration_id = $1 AND expert_id = $2")
            .bind(declaration)
            .bind(expert)
            .fetch_optional(&mut *conn)
            .await?;
    if exists.is_some() {
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
    let rows: Vec<Row> = repo::list(conn, year, None).await?.into_iter().filter(|r| reviewable(r.status())).collect();
    let categories: Vec<(String, String)> =
        sqlx::query_as("SELECT code, category FROM majors").fetch_all(&mut *conn).await?;
    let area_of = |r: &Row| {
        let of_majors: Vec<String> = r
            .majors
            .split(',')
            .filter_map(|code| categories.iter().find(|(c, _)| c == code).map(|(_, cat)| cat.clone()))
            .collect();
        main_area(&of_majors)
    };
    let mut pending = Vec::with_capacity(rows.len());
    for r in &rows {
        // Each expert on the declaration, and whether they declared a conflict on it.
        let on_it: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT expert_id, CASE WHEN conflict_note IS NULL THEN 0 ELSE 1 END FROM review_assignments \
             WHERE declaration_id = $1",
        )
        .bind(r.id)
        .fetch_all(&mut *conn)
        .await?;
        let experts_where = |declined: i64| on_it.iter().filter(|(_, d)| *d == declined).map(|(e, _)| *e).collect();
        pending.push(PendingDeclaration {
            id: r.id,
            institution_id: r.institution_id,
            area: area_of(r),
            assigned: experts_where(0),
            declined: experts_where(1),
        });
    }
    let experts: Vec<Expert> = experts(conn, year).await?.into_iter().map(|(e, _)| e).collect();
    let result = plan(&pending, &experts, per_declaration);
    for (declaration, expert) in &result.assignments {
        // Read inside the transaction: a declaration moves to 专家评审中 once, with its first assignment.
        let current = repo::find_in(conn, *declaration).await?;
        add_assignment(conn, &current, *expert, caller.id).await?;
    }
    Ok(result)
}

type AssignmentRow = (i64, i64, i64, Option<String>, Option<String>, Option<String>, String, Option<i64>);

async fn assignment(conn: &mut Conn, id: i64) -> Result<AssignmentRow, AppError> {
    sqlx::query_as(
        "SELECT id, declaration_id, expert_id, conflict_note, marks, recommendation, comment, total_tenths \
         FROM review_assignments WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)
}

/// Whether an expert holds a (not declined) assignment on a declaration: what lets them read it.
pub async fn assigned_to(conn: &mut Conn, expert: i64, declaration: i64) -> Result<bool, AppError> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM review_assignments WHERE expert_id = $1 AND declaration_id = $2 AND conflict_note IS NULL",
    )
    .bind(expert)
    .bind(declaration)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.is_some())
}

/// The caller's own assignment, or Forbidden (NotFound when it does not exist).
async fn own_assignment(conn: &mut Conn, caller: &Caller, id: i64) -> Result<AssignmentRow, AppError> {
    require(caller, Role::Expert)?;
    let a = assignment(conn, id).await?;
    if a.2 != caller.id {
        return Err(AppError::Forbidden);
    }
    Ok(a)
}

pub async fn my_assignments(conn: &mut Conn, caller: &Caller) -> Result<Vec<MyAssignment>, AppError> {
    require(caller, Role::Expert)?;
    let rows: Vec<(i64, i64, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT id, declaration_id, total_tenths, conflict_note FROM review_assignments WHERE expert_id = $1 ORDER BY id",
    )
    .bind(caller.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, declaration_id, total, conflict) in rows {
        let d = repo::find(conn, declaration_id).await?;
        out.push(MyAssignment {
            id,
            declaration_id,
            institution: d.institution.clone(),
            certificate: d.certificate.clone(),
            level: d.level(),
            status: d.status(),
            total: total.map(|t| t as f64 / 10.0),
            declined: conflict.is_some(),
        });
    }
    Ok(out)
}

pub async fn score_view(conn: &mut Conn, caller: &Caller, id: i64) -> Result<ScoreView, AppError> {
    let (id, declaration_id, _, conflict, marks, recommendation, comment, _) = own_assignment(conn, caller, id).await?;
    let d = repo::find(conn, declaration_id).await?;
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
        open: d.status() == Status::UnderReview,
    })
}

/// An expert scores (or re-scores, until the decision) one of their assignments.
pub async fn submit_score(conn: &mut Conn, caller: &Caller, id: i64, input: &ScoreInput) -> Result<(), AppError> {
    let (id, declaration_id, _, conflict, ..) = own_assignment(conn, caller, id).await?;
    if conflict.is_some() {
        return Err(AppError::conflict("您已声明利益冲突，不能再打分。", "You declared a conflict of interest."));
    }
    let d = repo::find(conn, declaration_id).await?;
    if d.status() != Status::UnderReview {
        return Err(AppError::conflict("此申报书已不在专家评审中。", "This declaration is no longer under review."));
    }
    let rubric = rubric(conn, d.year).await?;
    let score = parse_score(&rubric, input).map_err(AppError::Validation)?;
    let tenths = (score.total(&rubric) * 10.0).round() as i64;
    sqlx::query(
        "UPDATE review_assignments SET marks = $1, total_tenths = $2, recommendation = $3, comment = $4, scored_at = $5 \
         WHERE id = $6",
    )
    .bind(serde_json::to_string(&score.marks).map_err(AppError::internal)?)
    .bind(tenths)
    .bind(score.recommendation.code())
    .bind(&score.comment)
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// An expert declares a conflict of interest on an assignment: it leaves scoring (with any score given),
/// and the institution joins their conflicts so they are not assigned to it again.
pub async fn declare_conflict(conn: &mut Conn, caller: &Caller, id: i64, note: &str) -> Result<(), AppError> {
    let (id, declaration_id, ..) = own_assignment(conn, caller, id).await?;
    let note = note.trim();
    if note.is_empty() {
        return Err(AppError::field("note", "请说明利益冲突的情况。", "Say what the conflict of interest is."));
    }
    let d = repo::find(conn, declaration_id).await?;
    sqlx::query(
        "UPDATE review_assignments SET conflict_note = $1, marks = NULL, total_tenths = NULL, recommendation = NULL, \
         scored_at = NULL WHERE id = $2",
    )
    .bind(note)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO expert_conflicts (expert_id, institution_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(caller.id)
        .bind(d.institution_id)
        .execute(&mut *conn)
        .await?;
    let secretariat = crate::accounts::repo::secretariat(conn).await?;
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

/// The secretariat's view of the year: every declaration in or past review with its experts, scores and
/// the aggregate; the experts with their loads; and the rubric.
/// (declaration, expert's name, total in tenths, recommendation, comment).
type ExpertLine = (i64, String, Option<i64>, Option<String>, String);

pub async fn overview(conn: &mut Conn, caller: &Caller, year: i64) -> Result<ReviewOverview, AppError> {
    require(caller, Role::Secretariat)?;
    let thresholds = repo::thresholds(conn).await?;
    let rows: Vec<Row> = repo::list(conn, year, None)
        .await?
        .into_iter()
        .filter(|r| {
            matches!(r.status(), Status::PendingReview | Status::UnderReview | Status::Approved | Status::Rejected)
        })
        .collect();
    // Every expert's line of the year in one query, in assignment order, then shared out per declaration.
    let lines: Vec<ExpertLine> = sqlx::query_as(
        "SELECT r.declaration_id, a.display_name, r.total_tenths, r.recommendation, r.comment FROM review_assignments r \
         JOIN accounts a ON a.id = r.expert_id JOIN declarations d ON d.id = r.declaration_id \
         WHERE d.year = $1 AND r.conflict_note IS NULL ORDER BY r.id",
    )
    .bind(year)
    .fetch_all(&mut *conn)
    .await?;
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
