//! The in-app inbox: every status change writes a message with a link to the people concerned; the
//! `/inbox` page lists them newest first and marks them read. (Web Push reuses the same events later.)

use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{t, tr, Text};
use crate::ui::{time::format_shanghai, Loading};
#[cfg(feature = "ssr")]
use {crate::auth::guard, crate::db::now, crate::forms::run, crate::state::app_state};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxMessage {
    pub id: i64,
    pub at: i64,
    pub title: Text,
    pub body: Text,
    pub link: String,
    pub read: bool,
}

/// The caller's latest 100 messages.
#[server(prefix = "/api", endpoint = "inbox/list")]
pub async fn list_inbox() -> Result<Vec<InboxMessage>, AppError> {
    run(async {
        let caller = guard::current_caller().await?.ok_or(AppError::Unauthorized)?;
        let rows: Vec<(i64, i64, String, String, String, Option<i64>)> = sqlx::query_as(
            "SELECT id, at, title, body, link, read_at FROM inbox WHERE account_id = $1 ORDER BY id DESC LIMIT 100",
        )
        .bind(caller.id)
        .fetch_all(&app_state()?.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, at, title, body, link, read_at)| InboxMessage {
                id,
                at,
                title: serde_json::from_str(&title).unwrap_or_else(|_| Text::new(&title, &title)),
                body: serde_json::from_str(&body).unwrap_or_else(|_| Text::new(&body, &body)),
                link,
                read: read_at.is_some(),
            })
            .collect())
    })
    .await
}

/// Marks all of the caller's messages read.
#[server(prefix = "/api", endpoint = "inbox/read-all")]
pub async fn mark_all_read() -> Result<(), AppError> {
    run(async {
        let caller = guard::current_caller().await?.ok_or(AppError::Unauthorized)?;
        sqlx::query("UPDATE inbox SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL")
            .bind(now())
            .bind(caller.id)
            .execute(&app_state()?.pool)
            .await?;
        Ok(())
    })
    .await
}

#[component]
pub fn InboxPage() -> impl IntoView {
    let read = ServerAction::<MarkAllRead>::new();
    let messages = crate::ui::resource(move || read.version().get(), |_| list_inbox());
    view! {
        <h1>{t("消息", "Inbox")}</h1>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match messages.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t("暂无消息。", "No messages.")}</p> }.into_any(),
                    Ok(list) => {
                        let unread = list.iter().any(|m| !m.read);
                        view! {
                            {unread.then(|| view! {
                                <ActionForm action=read>
                                    <button type="submit">{t("全部标为已读", "Mark all read")}</button>
                                </ActionForm>
                            })}
                            <ul class="list inbox">
                                {list.into_iter().map(|m| view! {
                                    <li class=if m.read { "card" } else { "card unread" }>
                                        <a class="title" href=m.link.clone()>{tr(&m.title)}</a>
                                        {(!m.body.zh.is_empty()).then(|| view! { <p>{tr(&m.body)}</p> })}
                                        <p class="muted">{format_shanghai(m.at)}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}
