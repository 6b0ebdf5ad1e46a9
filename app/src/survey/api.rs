//! The internal survey (摸底调查): before declaring, a school collects rows of certificate, level, majors,
//! students willing, proposed lead and note, sums them up by college, records its decision path as four
//! dated steps (学生意愿摸底 → 二级学院/系部讨论 → 教务处审核 → 校领导会议决定), and turns the accepted rows into
//! declaration drafts assigned to their leads in one action.

#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::catalog::model::{parse_major_codes, Level};
use crate::error::AppError;
use crate::i18n::Text;
use crate::validate::FieldError;
#[cfg(feature = "ssr")]
use {
    crate::accounts::model::Role,
    crate::auth::guard::{self, Caller},
    crate::db::{now, Pool},
    crate::forms::{run, run_form},
    crate::state::app_state,
};

/// The four steps of the school's decision, in order.
pub const STEPS: [(&str, &str); 4] = [
    ("学生意愿摸底", "Students' wishes surveyed"),
    ("二级学院/系部讨论", "Colleges discussed"),
    ("教务处审核", "Academic affairs reviewed"),
    ("校领导会议决定", "School leadership decided"),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyRow {
    pub id: i64,
    pub college_id: i64,
    pub college: String,
    pub certificate_id: i64,
    pub certificate: String,
    pub level: Level,
    pub majors: Vec<String>,
    pub students_willing: i64,
    pub proposed_lead: Option<(i64, String)>,
    pub note: String,
    /// Set once the row became a declaration draft.
    pub declaration_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyStep {
    pub step: usize,
    pub done_on: String,
    pub note: String,
}

/// Per college: rows, students willing, distinct certificates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollegeSummary {
    pub college: String,
    pub rows: usize,
    pub students: i64,
    pub certificates: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    pub year: i64,
    pub rows: Vec<SurveyRow>,
    pub summary: Vec<CollegeSummary>,
    pub steps: Vec<SurveyStep>,
    pub window_open: bool,
    /// For the add-row form: colleges, certificate levels open this year, leads.
    pub choices: crate::declarations::api::Choices,
}

/// Sums the rows by college, in name order.
pub fn summarize(rows: &[SurveyRow]) -> Vec<CollegeSummary> {
    let mut colleges: Vec<&str> = rows.iter().map(|r| r.college.as_str()).collect();
    colleges.sort_unstable();
    colleges.dedup();
    colleges
        .into_iter()
        .map(|college| {
            let of: Vec<&SurveyRow> = rows.iter().filter(|r| r.college == college).collect();
            let mut certificates: Vec<i64> = of.iter().map(|r| r.certificate_id).collect();
            certificates.sort_unstable();
            certificates.dedup();
            CollegeSummary {
                college: college.to_string(),
                rows: of.len(),
                students: of.iter().map(|r| r.students_willing).sum(),
                certificates: certificates.len(),
            }
        })
        .collect()
}

/// The shared checks of a survey row: majors as codes, a whole number of students, a short note.
pub fn validate_row(majors: &str, students: &str, note: &str) -> Result<(Vec<String>, i64), Vec<FieldError>> {
    let mut errors = Vec::new();
    let codes = parse_major_codes(majors).map_err(|e| errors.push(e)).unwrap_or_default();
    let students = students.trim().parse::<i64>().ok().filter(|n| (0..=100_000).contains(n));
    if students.is_none() {
        errors.push(FieldError::new(
            "students_willing",
            "意愿学生人数应为0到100000之间的整数。",
            "Students willing is a whole number from 0 to 100000.",
        ));
    }
    if note.chars().count() > 500 {
        errors.push(FieldError::new("note", "备注不能超过500字。", "A note may have at most 500 characters."));
    }
    match students {
        Some(n) if errors.is_empty() => Ok((codes, n)),
        _ => Err(errors),
    }
}

pub fn step_label(step: usize) -> Text {
    STEPS.get(step.wrapping_sub(1)).map(|(zh, en)| Text::new(zh, en)).unwrap_or_else(|| Text::new("?", "?"))
}

#[cfg(feature = "ssr")]
async fn load(pool: &Pool, caller: &Caller) -> Result<Survey, AppError> {
    let school = caller.school_id()?;
    let status = crate::windows::service::current_status(&mut *pool.acquire().await?).await?;
    type Row = (i64, i64, String, i64, String, String, String, i64, Option<i64>, Option<String>, String, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT s.id, s.college_id, c.name, s.certificate_id, ce.name, s.level, s.majors, s.students_willing, \
         s.proposed_lead_id, a.display_name, s.note, s.declaration_id FROM survey_rows s \
         JOIN colleges c ON c.id = s.college_id JOIN certificates ce ON ce.id = s.certificate_id \
         LEFT JOIN accounts a ON a.id = s.proposed_lead_id WHERE s.institution_id = $1 AND s.year = $2 ORDER BY c.name, s.id",
    )
    .bind(school)
    .bind(status.year)
    .fetch_all(pool)
    .await?;
    let rows: Vec<SurveyRow> = rows
        .into_iter()
        .filter(|r| caller.role == Role::Coordinator || caller.college_ids.contains(&r.1))
        .filter_map(
            |(
                id,
                college_id,
                college,
                certificate_id,
                certificate,
                level,
                majors,
                students,
                lead_id,
                lead,
                note,
                decl,
            )| {
                Some(SurveyRow {
                    id,
                    college_id,
                    college,
                    certificate_id,
                    certificate,
                    level: Level::parse(&level)?,
                    majors: majors.split(',').filter(|m| !m.is_empty()).map(str::to_string).collect(),
                    students_willing: students,
                    proposed_lead: lead_id.zip(lead),
                    note,
                    declaration_id: decl,
                })
            },
        )
        .collect();
    let steps: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT step, done_on, note FROM survey_steps WHERE institution_id = $1 AND year = $2 ORDER BY step",
    )
    .bind(school)
    .bind(status.year)
    .fetch_all(pool)
    .await?;
    Ok(Survey {
        year: status.year,
        summary: summarize(&rows),
        rows,
        steps: steps
            .into_iter()
            .map(|(step, done_on, note)| SurveyStep { step: step as usize, done_on, note })
            .collect(),
        window_open: status.state.is_open(),
        choices: crate::declarations::api::choices_for(pool, caller, status.year).await?,
    })
}

#[server(prefix = "/api", endpoint = "survey/get")]
pub async fn get_survey() -> Result<Survey, AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        load(&app_state()?.pool, &caller).await
    })
    .await
}

/// A coordinator (any college) or a lead (their colleges) adds a row.
#[server(prefix = "/api", endpoint = "survey/add")]
pub async fn add_survey_row(
    college_id: i64,
    offering: String,
    majors: String,
    students_willing: String,
    proposed_lead_id: Option<i64>,
    note: String,
) -> Result<(), AppError> {
    let typed =
        vec![("majors", majors.clone()), ("students_willing", students_willing.clone()), ("note", note.clone())];
    run_form(typed, async {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let pool = app_state()?.pool;
        let school = caller.school_id()?;
        let year = crate::windows::service::current_year();
        let choices = crate::declarations::api::choices_for(&pool, &caller, year).await?;
        if !choices.colleges.iter().any(|(id, _)| *id == college_id) {
            return Err(AppError::Forbidden);
        }
        let (certificate_id, level) =
            crate::declarations::model::parse_offering_key(&offering).map_err(|e| AppError::Validation(vec![e]))?;
        let (codes, students) = validate_row(&majors, &students_willing, &note).map_err(AppError::Validation)?;
        let lead = match (caller.role, proposed_lead_id) {
            (Role::Lead, _) => Some(caller.id),
            (_, Some(id)) if choices.leads.iter().any(|(l, _)| *l == id) => Some(id),
            (_, Some(_)) => return Err(AppError::field("proposed_lead_id", "请选择本校的证书负责人。", "Choose one of your school's leads.")),
            (_, None) => None,
        };
        sqlx::query(
            "INSERT INTO survey_rows (institution_id, year, college_id, certificate_id, level, majors, students_willing, \
             proposed_lead_id, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(school)
        .bind(year)
        .bind(college_id)
        .bind(certificate_id)
        .bind(level.code())
        .bind(codes.join(","))
        .bind(students)
        .bind(lead)
        .bind(note.trim())
        .bind(caller.id)
        .bind(now())
        .execute(&pool)
        .await?;
        Ok(())
    })
    .await
}

/// The coordinator records one of the four decision steps with its date.
#[server(prefix = "/api", endpoint = "survey/step")]
pub async fn record_step(step: i64, done_on: String, note: String) -> Result<(), AppError> {
    run_form(vec![("done_on", done_on.clone()), ("note", note.clone())], async {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        let pool = app_state()?.pool;
        if !(1..=4).contains(&step) {
            return Err(AppError::field("step", "请选择步骤。", "Choose a step."));
        }
        if crate::ui::time::parse_shanghai(&done_on).is_none() {
            return Err(AppError::field("done_on", "请填写日期，例如 2026-03-01。", "Enter a date, e.g. 2026-03-01."));
        }
        let year = crate::windows::service::current_year();
        sqlx::query(
            "INSERT INTO survey_steps (institution_id, year, step, done_on, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (institution_id, year, step) DO UPDATE SET done_on = excluded.done_on, note = excluded.note, \
             recorded_by = excluded.recorded_by",
        )
        .bind(caller.school_id()?)
        .bind(year)
        .bind(step)
        .bind(done_on.trim())
        .bind(note.trim())
        .bind(caller.id)
        .execute(&pool)
        .await?;
        Ok(())
    })
    .await
}

/// The coordinator turns accepted rows into declaration drafts for their proposed leads, in one action:
/// all or nothing is checked first (each row needs a lead and a level open this year), then each becomes a
/// draft with its majors and number filled in.
#[server(prefix = "/api", endpoint = "survey/accept")]
pub async fn accept_rows(ids: Option<Vec<i64>>) -> Result<Vec<i64>, AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Coordinator]).await?;
        let pool = app_state()?.pool;
        let survey = load(&pool, &caller).await?;
        let ids = ids.unwrap_or_default();
        if ids.is_empty() {
            return Err(AppError::field("ids", "请至少选择一行。", "Choose at least one row."));
        }
        let mut chosen = Vec::new();
        for id in &ids {
            let row = survey.rows.iter().find(|r| r.id == *id).ok_or(AppError::Forbidden)?;
            if row.declaration_id.is_some() {
                return Err(AppError::conflict("该行已生成申报书。", "This row already became a declaration."));
            }
            let Some((lead_id, _)) = row.proposed_lead.clone() else {
                return Err(AppError::conflict(
                    &format!("“{} {}”尚未指定证书负责人。", row.certificate, row.level.label().zh),
                    &format!("\"{} {}\" has no proposed lead yet.", row.certificate, row.level.label().en),
                ));
            };
            chosen.push((row.clone(), lead_id));
        }
        let mut created = Vec::new();
        for (row, lead_id) in chosen {
            let prefill = crate::declarations::service::Prefill {
                majors: row.majors.clone(),
                planned_count: row.students_willing,
            };
            let id = crate::declarations::service::create_with(
                &pool,
                &caller,
                row.college_id,
                row.certificate_id,
                row.level,
                Some(lead_id),
                prefill,
            )
            .await?;
            sqlx::query("UPDATE survey_rows SET declaration_id = $1 WHERE id = $2")
                .bind(id)
                .bind(row.id)
                .execute(&pool)
                .await?;
            created.push(id);
        }
        Ok(created)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(college: &str, certificate_id: i64, students: i64) -> SurveyRow {
        SurveyRow {
            id: 0,
            college_id: 0,
            college: college.into(),
            certificate_id,
            certificate: String::new(),
            level: Level::Junior,
            majors: vec![],
            students_willing: students,
            proposed_lead: None,
            note: String::new(),
            declaration_id: None,
        }
    }

    #[test]
    fn rows_sum_up_by_college() {
        let s = summarize(&[row("商学院", 1, 40), row("商学院", 1, 20), row("建筑系", 2, 30)]);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].college.as_str(), s[0].rows, s[0].students, s[0].certificates), ("商学院", 2, 60, 1));
    }

    #[test]
    fn a_row_needs_codes_and_a_whole_number() {
        assert_eq!(validate_row("530802", "45", "").unwrap(), (vec!["530802".to_string()], 45));
        let fields: Vec<String> =
            validate_row("5308", "很多", &"字".repeat(501)).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["majors", "students_willing", "note"]);
        assert_eq!(step_label(4).zh, "校领导会议决定");
    }
}
