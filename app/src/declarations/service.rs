//! Declaration rules (server only): who may see and change which declaration, creating one inside the
//! window, saving with the version it edited, moving it through the state machine with its timeline and
//! inbox messages, and the coordinator's flagged-number checks before a final submission.

use super::model::{check_complete, ClientOp, Declaration, DeclarationContent, DeclarationInput, LeaderApproval};
use super::repo::{self, NewDeclaration, Row};
use super::state::{available_actions, transition, Action, Refusal, Status};

use crate::accounts::model::Role;
use crate::auth::guard::Caller;
use crate::catalog::eligibility::{check_eligibility, Eligibility};
use crate::catalog::equipment::AssessmentLine;
use crate::catalog::model::Level;
use crate::db::Pool;
use crate::error::AppError;
use crate::i18n::Text;
use crate::notifications::push::model::Kind;
use crate::validate::FieldError;

/// Whether a caller may read a declaration: the secretariat, the school's coordinator, and a lead it is
/// assigned to or whose scope (colleges, and certificates when limited) covers it.
pub fn can_read(caller: &Caller, row: &Row) -> bool {
    match caller.role {
        Role::Secretariat => true,
        Role::Coordinator => caller.institution_id == Some(row.institution_id),
        Role::Lead => {
            caller.institution_id == Some(row.institution_id)
                && (row.lead_id == caller.id
                    || (caller.college_ids.contains(&row.college_id)
                        && (caller.certificate_ids.is_empty() || caller.certificate_ids.contains(&row.certificate_id))))
        }
        Role::Expert | Role::Org => false,
    }
}

/// Reads a declaration the caller may see (an expert: one assigned to them); otherwise Forbidden (NotFound when it does not exist).
pub async fn readable(pool: &Pool, caller: &Caller, id: i64) -> Result<Row, AppError> {
    let row = repo::find(pool, id).await?;
    // Experts read exactly the declarations assigned to them (and not declined for a conflict).
    let expert_may = caller.role == Role::Expert && crate::review::service::assigned_to(pool, caller.id, id).await?;
    if can_read(caller, &row) || expert_may {
        Ok(row)
    } else {
        Err(AppError::Forbidden)
    }
}

fn window_closed() -> AppError {
    AppError::conflict(
        "当前不在申报时间内，不能新建或提交申报书。请查看申报计划。",
        "The application window is not open: declarations cannot be created or submitted now. See the window page.",
    )
}

/// The full declaration as the caller sees it, with the buttons it may use.
pub async fn view(pool: &Pool, caller: &Caller, id: i64) -> Result<Declaration, AppError> {
    let row = readable(pool, caller, id).await?;
    let window_open = current_status(pool).await?.state.is_open();
    let thresholds = repo::thresholds(pool).await?;
    let status = row.status();
    Ok(Declaration {
        id: row.id,
        institution_id: row.institution_id,
        institution: row.institution.clone(),
        college_id: row.college_id,
        college: row.college.clone(),
        year: row.year,
        certificate_id: row.certificate_id,
        certificate: row.certificate.clone(),
        level: row.level(),
        lead: row.lead.clone(),
        status,
        version: row.version,
        content: row.content(),
        flag: super::flags::flag(row.planned_count, thresholds),
        thresholds,
        lead_confirmed: row.lead_confirmed != 0,
        leader_approval: row.leader_approval(),
        events: repo::events(pool, id).await?,
        photos: repo::photos(pool, id).await?.into_iter().map(|(photo, _)| photo).collect(),
        actions: available_actions(status, caller.role, window_open),
        can_edit: status.is_editable() && caller.role.is_school_role(),
        updated_at: row.updated_at,
    })
}

/// A lead (for themself) or the coordinator (for one of the school's leads) starts a declaration for a
/// certificate level open this year, prefilled from the offering's equipment list and the school's
/// self-assessment. Only inside the application window.
pub async fn create(
    pool: &Pool,
    caller: &Caller,
    college_id: i64,
    certificate_id: i64,
    level: Level,
    lead_id: Option<i64>,
) -> Result<i64, AppError> {
    create_with(pool, caller, college_id, certificate_id, level, lead_id, Prefill::default()).await
}

/// What a new draft starts with besides the equipment list (from the internal survey).
#[derive(Debug, Clone, Default)]
pub struct Prefill {
    pub majors: Vec<String>,
    pub planned_count: i64,
}

/// [`create`], with majors and a planned number filled in.
pub async fn create_with(
    pool: &Pool,
    caller: &Caller,
    college_id: i64,
    certificate_id: i64,
    level: Level,
    lead_id: Option<i64>,
    prefill: Prefill,
) -> Result<i64, AppError> {
    let school_id = caller.school_id()?;
    let status = current_status(pool).await?;
    if !status.state.is_open() {
        return Err(window_closed());
    }
    let colleges = crate::institutions::repo::list_colleges(pool, school_id).await?;
    if !colleges.iter().any(|c| c.id == college_id) {
        return Err(AppError::field(
            "college_id",
            "请选择本校的二级学院/系部。",
            "Choose one of your school's colleges.",
        ));
    }
    let lead_id = match caller.role {
        Role::Lead => {
            let in_scope = caller.college_ids.contains(&college_id)
                && (caller.certificate_ids.is_empty() || caller.certificate_ids.contains(&certificate_id));
            if !in_scope {
                return Err(AppError::Forbidden);
            }
            caller.id
        }
        _ => {
            let lead_id = lead_id
                .ok_or_else(|| AppError::field("lead_id", "请选择证书负责人。", "Choose the certificate lead."))?;
            let lead = crate::accounts::repo::find_account(pool, lead_id).await?;
            if !lead.is_some_and(|l| l.role == "lead" && l.institution_id == Some(school_id)) {
                return Err(AppError::field(
                    "lead_id",
                    "请选择本校的证书负责人。",
                    "Choose one of your school's leads.",
                ));
            }
            lead_id
        }
    };
    let certificate = crate::catalog::repo::get_certificate(pool, certificate_id).await?;
    let offering =
        certificate.offerings.iter().find(|o| o.year == status.year && o.level == level && o.is_open).ok_or_else(
            || {
                AppError::field(
                    "level",
                    "该证书的这个等级本年度未开放申报。",
                    "This certificate level is not open this year.",
                )
            },
        )?;
    let assessed = crate::catalog::repo::assessments(pool, school_id, certificate_id).await?;
    let assessed = assessed.iter().find(|a| a.year == status.year && a.level == level);
    let equipment = offering
        .equipment
        .iter()
        .map(|e| {
            let mine = assessed.and_then(|a| a.lines.iter().find(|l| l.item == e.item));
            mine.cloned().unwrap_or(AssessmentLine {
                item: e.item.clone(),
                has_it: false,
                quantity: 0,
                note: String::new(),
            })
        })
        .collect();
    let content = DeclarationContent {
        equipment,
        majors: prefill.majors,
        planned_count: prefill.planned_count,
        ..Default::default()
    };
    let mut tx = pool.begin().await?;
    let id = repo::insert(
        &mut tx,
        NewDeclaration {
            institution_id: school_id,
            college_id,
            year: status.year,
            certificate_id,
            level,
            lead_id,
            content: &content,
        },
    )
    .await?;
    repo::add_event(&mut tx, id, caller.id, None, Status::Draft, "").await?;
    tx.commit().await?;
    Ok(id)
}

/// The majors must be eligible for the offering (seed FAQ 3): out of range or a 本科 school picking a
/// 专科 major is named, with what to do.
async fn check_majors(pool: &Pool, row: &Row, majors: &[String]) -> Result<(), AppError> {
    let kind = crate::institutions::repo::get_institution(pool, row.institution_id).await?.kind;
    let eligible = crate::catalog::repo::eligible_codes(pool, row.certificate_id, row.year, row.level()).await?;
    let (found, unknown) = crate::catalog::repo::majors_by_code(pool, majors).await?;
    let mut errors: Vec<FieldError> = unknown
        .iter()
        .map(|code| {
            FieldError::new_owned(
                "majors".into(),
                &format!("专业目录中没有代码{code}。"),
                &format!("{code} is not in the major catalog."),
            )
        })
        .collect();
    for major in found {
        let verdict = check_eligibility(&kind, &major, &eligible);
        if verdict != Eligibility::Eligible {
            let m = verdict.message();
            errors.push(FieldError::new_owned(
                "majors".into(),
                &format!("{} {}：{}", major.code, major.name, m.zh),
                &format!("{} {}: {}", major.code, major.name, m.en),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Saves the form if the caller may edit it and `version` is still the stored one. A stale save is
/// refused with the server's version and content, so nothing is overwritten silently.
pub async fn save(
    pool: &Pool,
    caller: &Caller,
    id: i64,
    version: i64,
    input: &DeclarationInput,
    op: Option<&ClientOp>,
) -> Result<i64, AppError> {
    let row = readable(pool, caller, id).await?;
    if !caller.role.is_school_role() {
        return Err(AppError::Forbidden);
    }
    // A retried outbox save gets its first answer, whatever happened since.
    if let Some(op) = op {
        if let Some(done) = repo::applied_op(pool, &op.op_id, caller.id, id).await? {
            return Ok(done);
        }
    }
    if !row.status().is_editable() {
        return Err(locked(row.status()));
    }
    let content = input.parse().map_err(AppError::Validation)?;
    check_majors(pool, &row, &content.majors).await?;
    // The phone never heard back from some earlier saves: if one of them made the current version, the
    // server moved because of this phone, not because of someone else, and this save builds on it.
    let base = match op {
        Some(op) if version != row.version && made_by_this_edit(pool, op, caller.id, id, row.version).await? => {
            row.version
        }
        _ => version,
    };
    let mut tx = pool.begin().await?;
    let saved = repo::update_content(&mut tx, id, base, &content).await?;
    if let (Some(new_version), Some(op)) = (saved, op) {
        repo::record_op(&mut tx, op, caller.id, id, new_version).await?;
    }
    tx.commit().await?;
    match saved {
        Some(new_version) => Ok(new_version),
        None => {
            let now = repo::find(pool, id).await?;
            if !now.status().is_editable() {
                return Err(locked(now.status()));
            }
            Err(AppError::Stale { server_version: now.version, server_content: now.content })
        }
    }
}

/// Whether `version` was produced by an earlier save of the same pending edit on the same phone.
async fn made_by_this_edit(pool: &Pool, op: &ClientOp, account: i64, id: i64, version: i64) -> Result<bool, AppError> {
    if let Some(chain) = &op.chain {
        if repo::chain_produced(pool, chain, account, id, version).await? {
            return Ok(true);
        }
    }
    Ok(repo::latest_applied(pool, &op.after, account, id).await? == Some(version))
}

async fn current_status(pool: &Pool) -> Result<crate::windows::model::WindowStatus, AppError> {
    crate::windows::service::current_status(&mut *pool.acquire().await?).await
}

fn locked(status: Status) -> AppError {
    AppError::conflict(
        &format!("申报书当前为“{}”，已锁定，不能修改。", status.label().zh),
        &format!("The declaration is \"{}\" and locked; it cannot be changed.", status.label().en),
    )
}

/// Checks that a flagged declaration has the lead's confirmation and the school leader's approval.
fn ensure_final_ready(row: &Row, thresholds: super::flags::Thresholds) -> Result<(), AppError> {
    if row.summary(thresholds).needs_approval {
        return Err(AppError::conflict(
            &format!(
                "“{} {}”的计划人数（{}人）需要负责人确认并记录校领导审批意见后才能提交。",
                row.certificate,
                row.level().label().zh,
                row.planned_count
            ),
            &format!(
                "\"{} {}\" plans {}: the lead must confirm and the school leader's approval be recorded before submitting.",
                row.certificate,
                row.level().label().en,
                row.planned_count
            ),
        ));
    }
    Ok(())
}

/// Applies one action to one declaration with its timeline entry and inbox messages.
pub async fn act(pool: &Pool, caller: &Caller, id: i64, action: Action, comment: &str) -> Result<(), AppError> {
    act_many(pool, caller, &[id], action, comment).await
}

/// Applies an action to several declarations at once with one comment, all or nothing (the coordinator's
/// batch final submission).
pub async fn act_many(
    pool: &Pool,
    caller: &Caller,
    ids: &[i64],
    action: Action,
    comment: &str,
) -> Result<(), AppError> {
    let each: Vec<(i64, String)> = ids.iter().map(|id| (*id, comment.to_string())).collect();
    act_each(pool, caller, &each, action).await
}

/// Applies an action to several declarations at once, each with its own comment, all or nothing (the
/// secretariat's 统一审批).
pub async fn act_each(pool: &Pool, caller: &Caller, each: &[(i64, String)], action: Action) -> Result<(), AppError> {
    if each.is_empty() {
        return Err(AppError::field("ids", "请至少选择一份申报书。", "Choose at least one declaration."));
    }
    let window_open = current_status(pool).await?.state.is_open();
    let thresholds = repo::thresholds(pool).await?;
    let mut rows = Vec::new();
    for (id, comment) in each {
        let comment = comment.as_str();
        let row = readable(pool, caller, *id).await?;
        let from = row.status();
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
            check_complete(&row.content()).map_err(AppError::Validation)?;
        }
        if action == Action::FinalSubmit {
            ensure_final_ready(&row, thresholds)?;
        }
        rows.push((row, from, to, comment));
    }
    let mut tx = pool.begin().await?;
    for (row, from, to, comment) in &rows {
        repo::set_status(&mut tx, row.id, *from, *to, caller.id, comment).await?;
        let mut to_tell = vec![row.lead_id];
        if matches!(
            action,
            Action::Submit | Action::ReturnForRevision | Action::Approve | Action::Reject | Action::Reopen
        ) {
            to_tell.extend(repo::coordinators(&mut tx, row.institution_id).await?);
        }
        to_tell.retain(|a| *a != caller.id);
        let title = Text::new(
            &format!("{} {}：{}", row.certificate, row.level().label().zh, to.label().zh),
            &format!("{} {}: {}", row.certificate, row.level().label().en, to.label().en),
        );
        let body = Text::new(comment.trim(), comment.trim());
        let kind = match action {
            Action::ReturnToLead | Action::ReturnForRevision => Kind::Returns,
            Action::Approve | Action::Reject => Kind::Results,
            _ => Kind::StatusChanges,
        };
        repo::notify(&mut tx, &to_tell, kind, &title, &body, &format!("/declarations/{}", row.id)).await?;
    }
    // The secretariat hears once per batch that a school's declarations await review.
    if let (Action::FinalSubmit, Some((row, ..))) = (action, rows.first()) {
        let n = rows.len();
        let title = Text::new(
            &format!("{}最终提交了{n}份申报书，待审核", row.institution),
            &format!("{} final-submitted {n} declaration(s) for review", row.institution),
        );
        let secretariat = repo::secretariat(&mut tx).await?;
        repo::notify(
            &mut tx,
            &secretariat,
            Kind::StatusChanges,
            &title,
            &Text::new("", ""),
            "/declarations?status=pending_review",
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The lead confirms an unusually large or small planned number.
pub async fn confirm_number(pool: &Pool, caller: &Caller, id: i64) -> Result<(), AppError> {
    let row = readable(pool, caller, id).await?;
    if caller.role != Role::Lead {
        return Err(AppError::Forbidden);
    }
    if !matches!(row.status(), Status::Draft | Status::Returned | Status::SchoolReview) {
        return Err(locked(row.status()));
    }
    repo::set_lead_confirmed(pool, id).await
}

/// The coordinator records the school leader's approval of a flagged declaration.
pub async fn record_leader_approval(
    pool: &Pool,
    caller: &Caller,
    id: i64,
    approval: LeaderApproval,
) -> Result<(), AppError> {
    let row = readable(pool, caller, id).await?;
    if caller.role != Role::Coordinator {
        return Err(AppError::Forbidden);
    }
    if !matches!(row.status(), Status::Draft | Status::Returned | Status::SchoolReview) {
        return Err(locked(row.status()));
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
    repo::set_leader_approval(pool, id, &approval).await
}

/// Removes a photo from an editable declaration (the files stay in the store; the row goes).
pub async fn delete_photo(pool: &Pool, caller: &Caller, photo_id: i64) -> Result<(), AppError> {
    let (declaration_id,): (i64,) = sqlx::query_as("SELECT declaration_id FROM photos WHERE id = $1")
        .bind(photo_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = readable(pool, caller, declaration_id).await?;
    if !caller.role.is_school_role() {
        return Err(AppError::Forbidden);
    }
    if !row.status().is_editable() {
        return Err(locked(row.status()));
    }
    crate::db::touched(sqlx::query("DELETE FROM photos WHERE id = $1").bind(photo_id).execute(pool).await)
}
