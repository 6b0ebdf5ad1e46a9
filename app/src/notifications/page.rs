//! `/inbox`: a person's messages (every status change writes one, with a link), newest first, marked read
//! together.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{list_inbox, MarkAllRead};
use crate::i18n::{t, tr};
use crate::ui::{time::format_shanghai, Loading};

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
