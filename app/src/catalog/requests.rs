//! Requests to add a major to a certificate level (seed FAQ 3): a school asks, the certificate's
//! organization accepts (the major becomes eligible) or declines, and the school sees the answer.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::model::Level;
use crate::error::AppError;
use crate::i18n::Text;
#[cfg(feature = "ssr")]
use {
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::db::{now, touched},
    crate::forms::run,
    crate::state::app_state,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MajorRequest {
    pub id: i64,
    pub certificate: String,
    pub year: i64,
    pub level: Level,
    pub major_code: String,
    pub major_name: String,
    pub institution: String,
    /// "open", "accepted" or "declined".
    pub status: String,
}

pub fn status_label(status: &str) -> Text {
    match status {
        "accepted" => Text::new("已同意，专业已加入", "Accepted: the major was added"),
        "declined" => Text::new("未同意", "Declined"),
        _ => Text::new("等待培训评价组织答复", "Waiting for the organization"),
    }
}

#[server(prefix = "/api", endpoint = "catalog/request-major")]
pub async fn request_major(certificate_id: i64, year: i64, level: String, major_code: String) -> Result<(), AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        let pool = app_state()?.pool;
        let level = Level::parse(&level).ok_or_else(|| AppError::field("level", "请选择证书等级。", "Choose a level."))?;
        super::repo::find_major(&pool, &major_code).await?.ok_or(AppError::NotFound)?;
        sqlx::query(
            "INSERT INTO major_requests (certificate_id, year, level, major_code, institution_id, requested_by, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'open', $7)",
        )
        .bind(certificate_id)
        .bind(year)
        .bind(level.code())
        .bind(major_code.trim())
        .bind(caller.school_id()?)
        .bind(caller.id)
        .bind(now())
        .execute(&pool)
        .await
        .map_err(|e| match AppError::from(e) {
            AppError::Conflict(_) => AppError::conflict("本校已就该专业提交过申请，请等待答复。", "Your school already asked for this major."),
            other => other,
        })?;
        Ok(())
    })
    .await
}

/// An org sees the requests for its certificates; a school sees its own, with their answers.
#[server(prefix = "/api", endpoint = "catalog/major-requests")]
pub async fn list_major_requests() -> Result<Vec<MajorRequest>, AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Org, Role::Coordinator, Role::Lead]).await?;
        let (column, id) = match caller.role {
            Role::Org => ("c.organization_id", caller.organization_id.ok_or(AppError::Forbidden)?),
            _ => ("r.institution_id", caller.school_id()?),
        };
        let rows: Vec<RequestRow> = sqlx::query_as(&format!(
            "SELECT r.id, c.name AS certificate, r.year, r.level, r.major_code, m.name AS major_name, \
             i.name AS institution, r.status FROM major_requests r \
             JOIN certificates c ON c.id = r.certificate_id JOIN majors m ON m.code = r.major_code \
             JOIN institutions i ON i.id = r.institution_id WHERE {column} = $1 ORDER BY r.created_at DESC"
        ))
        .bind(id)
        .fetch_all(&app_state()?.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(MajorRequest {
                    id: r.id,
                    certificate: r.certificate,
                    year: r.year,
                    level: Level::parse(&r.level)?,
                    major_code: r.major_code,
                    major_name: r.major_name,
                    institution: r.institution,
                    status: r.status,
                })
            })
            .collect())
    })
    .await
}

/// The certificate's organization answers; accepting makes the major eligible for that level.
#[server(prefix = "/api", endpoint = "catalog/decide-major-request")]
pub async fn decide_major_request(id: i64, accept: bool) -> Result<(), AppError> {
    run(async {
        let caller = guard::require_role(&[Role::Org]).await?;
        let pool = app_state()?.pool;
        let (certificate_id, year, level, major_code, organization_id): (i64, i64, String, String, i64) =
            sqlx::query_as(
                "SELECT r.certificate_id, r.year, r.level, r.major_code, c.organization_id FROM major_requests r \
             JOIN certificates c ON c.id = r.certificate_id WHERE r.id = $1 AND r.status = 'open'",
            )
            .bind(id)
            .fetch_optional(&pool)
            .await?
            .ok_or(AppError::NotFound)?;
        if caller.organization_id != Some(organization_id) {
            return Err(AppError::Forbidden);
        }
        let mut tx = pool.begin().await?;
        touched(
            sqlx::query("UPDATE major_requests SET status = $1, decided_by = $2, decided_at = $3 WHERE id = $4")
                .bind(if accept { "accepted" } else { "declined" })
                .bind(caller.id)
                .bind(now())
                .bind(id)
                .execute(&mut *tx)
                .await,
        )?;
        if accept {
            sqlx::query(
                "INSERT INTO offering_majors (certificate_id, year, level, major_code) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(certificate_id)
            .bind(year)
            .bind(&level)
            .bind(&major_code)
            .execute(&mut *tx)
            .await?;
            // The offering's history says the major came in through a school's request.
            let change = [crate::i18n::Text::new(
                &format!("新增可申报专业：{major_code}（应学校申请）"),
                &format!("Majors added: {major_code} (at a school's request)"),
            )];
            sqlx::query(
                "INSERT INTO offering_history (certificate_id, year, level, account_id, changed_at, changes) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(certificate_id)
            .bind(year)
            .bind(&level)
            .bind(caller.id)
            .bind(now())
            .bind(serde_json::to_string(&change).map_err(AppError::internal)?)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    })
    .await
}

#[cfg(feature = "ssr")]
#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    certificate: String,
    year: i64,
    level: String,
    major_code: String,
    major_name: String,
    institution: String,
    status: String,
}
