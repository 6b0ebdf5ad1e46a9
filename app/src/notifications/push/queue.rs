//! Putting notifications in the push queue (table `push_queue`). Called inside the same transaction that
//! writes the in-app inbox, so a push exists exactly when its inbox message does. The worker in `send.rs`
//! delivers them.

use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use super::model::Kind;
use crate::db::now;
use crate::error::AppError;
use crate::i18n::Text;

/// What the service worker shows: the notification's title and body, and the page a tap opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    pub title: String,
    pub body: String,
    pub url: String,
}

fn payloads(title: &Text, body: &Text, url: &str) -> Result<(String, String), AppError> {
    let one = |title: &str, body: &str| {
        serde_json::to_string(&Payload { title: title.into(), body: body.into(), url: url.into() })
            .map_err(AppError::internal)
    };
    Ok((one(&title.zh, &body.zh)?, one(&title.en, &body.en)?))
}

/// `kinds` is stored as "status,returns": match one code as a whole item.
fn kind_pattern(kind: Kind) -> String {
    format!("%,{},%", kind.code())
}

/// Whose devices a notification goes to.
pub enum Audience<'a> {
    Account(i64),
    /// Everyone with one of these roles (everyone when empty): new notices go to their audience.
    Roles(&'a [&'a str]),
}

/// Queues a notification for every device of the audience that chose `kind`, in each device's language.
pub async fn enqueue(
    conn: &mut AnyConnection,
    audience: Audience<'_>,
    kind: Kind,
    title: &Text,
    body: &Text,
    url: &str,
) -> Result<(), AppError> {
    let (zh, en) = payloads(title, body, url)?;
    let (account, roles) = match audience {
        Audience::Account(id) => (id, String::new()),
        Audience::Roles([]) => (0, String::new()),
        Audience::Roles(roles) => (0, format!(",{},", roles.join(","))),
    };
    sqlx::query(
        "INSERT INTO push_queue (subscription_id, payload, attempts, next_attempt_at, created_at) \
         SELECT s.id, CASE WHEN s.lang = 'en' THEN $1 ELSE $2 END, 0, $3, $3 FROM push_subscriptions s \
         JOIN accounts a ON a.id = s.account_id \
         WHERE (',' || s.kinds || ',') LIKE $4 AND ($5 = 0 OR s.account_id = $5) \
         AND ($6 = '' OR $6 LIKE ('%,' || a.role || ',%'))",
    )
    .bind(en)
    .bind(zh)
    .bind(now())
    .bind(kind_pattern(kind))
    .bind(account)
    .bind(roles)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
