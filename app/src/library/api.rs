//! Library server functions: `/api/library/*`. Reading is open to everyone (it is public guidance);
//! only the secretariat edits.

use leptos::prelude::*;

use super::model::{ContactCard, Faq, Notice, Policy};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use {
    super::model::{notice_visible_to, NoticeInput, PolicyInput},
    super::repo,
    crate::accounts::model::Role,
    crate::auth::guard,
    crate::forms::{run, run_form, run_read},
};

#[server(prefix = "/api", endpoint = "library/policies")]
pub async fn list_policies(scope: String, query: String) -> Result<Vec<Policy>, AppError> {
    run_read(async |conn| {
        // The secretariat also sees retired documents, to restore them.
        let is_secretariat = guard::current_caller().await?.is_some_and(|c| c.role == Role::Secretariat);
        repo::list_policies(conn, scope.trim(), &query, is_secretariat).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "library/save-policy")]
pub async fn save_policy(
    id: Option<i64>,
    scope: String,
    title: String,
    doc_number: String,
    url: String,
) -> Result<i64, AppError> {
    let typed = vec![("title", title.clone()), ("doc_number", doc_number.clone()), ("url", url.clone())];
    run_form(typed, async |tx| {
        guard::require_role(&[Role::Secretariat]).await?;
        let input = PolicyInput { scope, title, doc_number, url }.normalized();
        input.validate().map_err(AppError::Validation)?;
        match id {
            Some(id) => repo::update_policy(tx, id, &input).await.map(|_| id),
            None => repo::insert_policy(tx, &input).await,
        }
    })
    .await
}

#[server(prefix = "/api", endpoint = "library/retire-policy")]
pub async fn retire_policy(id: i64, retired: bool) -> Result<(), AppError> {
    run(async |tx| {
        guard::require_role(&[Role::Secretariat]).await?;
        repo::set_policy_retired(tx, id, retired).await
    })
    .await
}

/// Notices the caller may read, pinned first then newest; `limit` 0 means all.
#[server(prefix = "/api", endpoint = "library/notices")]
pub async fn list_notices(limit: i64) -> Result<Vec<Notice>, AppError> {
    run_read(async |conn| {
        let role = guard::current_caller().await?.map(|c| c.role);
        let limit = if limit <= 0 { 1000 } else { limit.min(1000) };
        let all = repo::list_notices(conn, 1000).await?;
        Ok(all.into_iter().filter(|n| notice_visible_to(&n.audience, role)).take(limit as usize).collect())
    })
    .await
}

#[server(prefix = "/api", endpoint = "library/save-notice")]
pub async fn save_notice(
    id: Option<i64>,
    title: String,
    body: String,
    audience: String,
    pinned: Option<String>,
    links: String,
) -> Result<i64, AppError> {
    let typed = vec![("title", title.clone()), ("body", body.clone()), ("links", links.clone())];
    run_form(typed, async |tx| {
        let caller = guard::require_role(&[Role::Secretariat]).await?;
        // A checkbox sends a value only when ticked.
        let input = NoticeInput { title, body, audience, pinned: pinned.is_some(), links };
        input.validate().map_err(AppError::Validation)?;
        match id {
            Some(id) => repo::update_notice(tx, id, &input).await.map(|_| id),
            None => super::service::publish_notice(tx, &input, caller.id).await,
        }
    })
    .await
}

#[server(prefix = "/api", endpoint = "library/delete-notice")]
pub async fn delete_notice(id: i64) -> Result<(), AppError> {
    run(async |tx| {
        guard::require_role(&[Role::Secretariat]).await?;
        repo::delete_notice(tx, id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "library/faq")]
pub async fn list_faq(query: String) -> Result<Vec<Faq>, AppError> {
    run_read(async |conn| repo::list_faqs(conn, &query).await).await
}

#[server(prefix = "/api", endpoint = "library/save-faq")]
pub async fn save_faq(id: Option<i64>, question: String, answer: String) -> Result<i64, AppError> {
    run_form(vec![("question", question.clone()), ("answer", answer.clone())], async |tx| {
        guard::require_role(&[Role::Secretariat]).await?;
        let (question, answer) = (question.trim().to_string(), answer.trim().to_string());
        crate::validate::collect([
            crate::validate::validate_required(
                "question",
                crate::i18n::Text::new("问题", "the question"),
                &question,
                200,
            ),
            crate::validate::validate_required("answer", crate::i18n::Text::new("答案", "the answer"), &answer, 5000),
        ])
        .map_err(AppError::Validation)?;
        repo::save_faq(tx, id, &question, &answer).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "library/contact")]
pub async fn get_contact() -> Result<ContactCard, AppError> {
    run_read(async |conn| repo::get_contact(conn).await).await
}

#[server(prefix = "/api", endpoint = "library/save-contact")]
pub async fn save_contact(phone: String, email: String, address: String, website: String) -> Result<(), AppError> {
    run(async |tx| {
        guard::require_role(&[Role::Secretariat]).await?;
        let card = ContactCard { phone, email, address, website };
        card.validate().map_err(AppError::Validation)?;
        repo::save_contact(tx, &card).await
    })
    .await
}
