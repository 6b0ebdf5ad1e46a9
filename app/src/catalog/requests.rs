//! Requests to add a major to a certificate level (seed FAQ 3): a school asks, the certificate's
//! organization accepts (the major becomes eligible) or declines, and the school sees the answer.

use leptos::prelude::*;

use super::model::MajorRequest;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::model::Level,
    super::repo::requests as repo,
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::forms::{run, run_read},
};

#[server(prefix = "/api", endpoint = "catalog/request-major")]
pub async fn request_major(certificate_id: i64, year: i64, level: String, major_code: String) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Coordinator, Role::Lead]).await?;
        caller.ensure_covers_certificate(certificate_id)?;
        let level =
            Level::parse(&level).ok_or_else(|| AppError::field("level", "请选择证书等级。", "Choose a level."))?;
        super::repo::find_major(tx, &major_code).await?.ok_or(AppError::NotFound)?;
        let request = repo::NewRequest {
            certificate_id,
            year,
            level,
            major_code: major_code.trim(),
            institution_id: caller.school_id()?,
            by: caller.id,
        };
        // The table's one unique key is (certificate, year, level, major, school).
        repo::insert_request(tx, &request).await.map_err(|e| match e {
            AppError::Duplicate(_) => AppError::conflict(
                "本校已就该专业提交过申请，请等待答复。",
                "Your school already asked for this major.",
            ),
            other => other,
        })?;
        Ok(())
    })
    .await
}

/// An org sees the requests for its certificates; a school sees its own, with their answers.
#[server(prefix = "/api", endpoint = "catalog/major-requests")]
pub async fn list_major_requests() -> Result<Vec<MajorRequest>, AppError> {
    run_read(async |conn| {
        let caller = guard::require_role(&[Role::Org, Role::Coordinator, Role::Lead]).await?;
        super::service::major_requests(conn, &caller).await
    })
    .await
}

/// The certificate's organization answers; accepting makes the major eligible for that level.
#[server(prefix = "/api", endpoint = "catalog/decide-major-request")]
pub async fn decide_major_request(id: i64, accept: bool) -> Result<(), AppError> {
    run(async |tx| {
        let caller = guard::require_role(&[Role::Org]).await?;
        let (certificate_id, year, level, major_code, organization_id) = repo::find_open_request(tx, id).await?;
        if caller.organization_id != Some(organization_id) {
            return Err(AppError::Forbidden);
        }
        repo::set_decision(tx, id, accept, caller.id).await?;
        if accept {
            // The offering's history says the major came in through a school's request.
            let change = [crate::i18n::Text::new(
                &format!("新增可申报专业：{major_code}（应学校申请）"),
                &format!("Majors added: {major_code} (at a school's request)"),
            )];
            repo::add_offering_major(tx, (certificate_id, year, &level), &major_code, &change, caller.id).await?;
        }
        Ok(())
    })
    .await
}
