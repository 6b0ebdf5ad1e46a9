//! The library's rules on the server: publishing a notice tells its audience.

use super::model::NoticeInput;
use super::repo;
use crate::db::Conn;
use crate::error::AppError;
use crate::i18n::Text;
use crate::notifications::model::{Audience, Kind};

/// Publishes a notice and pushes "新通知" to its audience's devices (and the secretariat's); its id.
pub async fn publish_notice(conn: &mut Conn, input: &NoticeInput, by: i64) -> Result<i64, AppError> {
    let id = repo::insert_notice(conn, input, by).await?;
    let roles: Vec<&str> =
        if input.audience.is_empty() { vec![] } else { vec![input.audience.as_str(), "secretariat"] };
    let title = Text::new("新通知", "New notice");
    let body = Text::new(input.title.trim(), input.title.trim());
    let link = format!("/notices#notice-{id}");
    crate::notifications::service::notify(conn, Audience::Roles(&roles), Kind::Notices, &title, &body, &link).await?;
    Ok(id)
}

/// Rewrites a published notice in place (the results notice, republished).
pub async fn rewrite_notice(conn: &mut Conn, id: i64, input: &NoticeInput) -> Result<(), AppError> {
    repo::rewrite_notice(conn, id, input).await
}

/// The newest `limit` notices, pinned first.
pub async fn notices(conn: &mut Conn, limit: i64) -> Result<Vec<super::model::Notice>, AppError> {
    repo::list_notices(conn, limit).await
}
