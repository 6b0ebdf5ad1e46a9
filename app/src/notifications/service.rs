//! The one way to tell people something (server only): [`notify`] writes the inbox and queues the pushes
//! in the caller's transaction, so a push exists exactly when its inbox message does, and nothing else
//! writes those tables. Also a device's subscription.

use super::model::{Audience, Kind, Payload};
use super::repo::{inbox, push};
use crate::auth::caller::Caller;
use crate::db::Conn;
use crate::error::AppError;
use crate::i18n::Text;

/// Tells the audience (see [`Audience`]) about something, with a link to it.
pub async fn notify(
    conn: &mut Conn,
    audience: Audience<'_>,
    kind: Kind,
    title: &Text,
    body: &Text,
    link: &str,
) -> Result<(), AppError> {
    let payload = |title: &str, body: &str| {
        serde_json::to_string(&Payload { title: title.into(), body: body.into(), url: link.into() })
            .map_err(AppError::internal)
    };
    let (zh, en) = (payload(&title.zh, &body.zh)?, payload(&title.en, &body.en)?);
    match audience {
        Audience::Accounts(accounts) => {
            let mut told: Vec<i64> = Vec::new();
            for &account in accounts {
                if told.contains(&account) {
                    continue;
                }
                told.push(account);
                inbox::insert_message(conn, account, title, body, link).await?;
                push::enqueue(conn, account, "", kind, (&zh, &en)).await?;
            }
        }
        Audience::Roles(roles) => {
            let roles = if roles.is_empty() { String::new() } else { format!(",{},", roles.join(",")) };
            push::enqueue(conn, 0, &roles, kind, (&zh, &en)).await?;
        }
    }
    Ok(())
}

/// Saves the caller's device subscription with the kinds chosen (checked with the shared rules).
pub async fn subscribe(
    conn: &mut Conn,
    caller: &Caller,
    push: &crate::state::PushSettings,
    (endpoint, p256dh, auth): (&str, &str, &str),
    kinds: &[String],
    lang: &str,
) -> Result<(), AppError> {
    if push.contact.is_none() {
        return Err(AppError::conflict(
            "本服务器尚未开启推送通知（管理员需设置 SHENBAO_PUSH_CONTACT）。通知仍会出现在站内消息中。",
            "Push notifications are not switched on for this server (the operator sets SHENBAO_PUSH_CONTACT). \
             Notifications still reach your inbox.",
        ));
    }
    let mut errors = super::model::validate_subscription_keys(p256dh, auth);
    if let Err(e) = super::push::endpoint::check(endpoint.trim(), push.rule) {
        errors.insert(0, e);
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let kinds: Vec<&str> = kinds.iter().filter_map(|k| Kind::parse(k)).map(Kind::code).collect();
    if kinds.is_empty() {
        return Err(AppError::field("kinds", "请至少选择一种通知。", "Choose at least one kind of notification."));
    }
    let kinds = kinds.join(",");
    let (endpoint, p256dh, auth) = (endpoint.trim(), p256dh.trim(), auth.trim());
    push::upsert_subscription(
        conn,
        &push::NewSubscription { account: caller.id, endpoint, p256dh, auth, kinds: &kinds, lang },
    )
    .await
}

/// How many inbox messages the account has not read.
pub async fn unread(conn: &mut Conn, account: i64) -> Result<i64, AppError> {
    inbox::unread(conn, account).await
}

/// Messages waiting in the push queue, and how many of them have failed at least once (for `/metrics`).
pub async fn queue_depth(conn: &mut Conn) -> Result<(i64, i64), AppError> {
    push::queue_depth(conn).await
}
