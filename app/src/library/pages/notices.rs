//! `/notices`: the secretariat's announcements (通知公告), pinned first; the newest also show on every home.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::tabs::LibraryTabs;
use crate::accounts::model::Role;
use crate::accounts::pages::{is_secretariat, SecretariatOnly};
use crate::i18n::{t, tr};
use crate::library::api::{list_notices, DeleteNotice, SaveNotice};
use crate::library::model::Notice;
use crate::ui::{time::format_shanghai, ErrorBox, Field, Loading, TextArea};

#[component]
pub fn NoticesPage() -> impl IntoView {
    let save = ServerAction::<SaveNotice>::new();
    let delete = ServerAction::<DeleteNotice>::new();
    let error = Signal::derive(move || {
        save.value().get().and_then(|r| r.err()).or_else(|| delete.value().get().and_then(|r| r.err()))
    });
    let notices = crate::ui::resource(move || (save.version().get(), delete.version().get()), |_| list_notices(0));
    let editor = is_secretariat();
    view! {
        <h1>{t("通知公告", "Notices")}</h1>
        <LibraryTabs current="/notices"/>
        <ErrorBox error/>
        <SecretariatOnly>
            <details class="card">
                <summary>{t("发布通知", "Publish a notice")}</summary>
                <NoticeForm save/>
            </details>
        </SecretariatOnly>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let list = notices.await.unwrap_or_default();
                if list.is_empty() {
                    return view! { <p class="empty">{t("暂无通知。", "No notices yet.")}</p> }.into_any();
                }
                view! {
                    <ul class="list notices">
                        {list.into_iter().map(|n| view! { <NoticeCard notice=n delete editor/> }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </Transition>
    }
}

#[component]
fn NoticeCard(notice: Notice, delete: ServerAction<DeleteNotice>, editor: Signal<bool>) -> impl IntoView {
    let audience = Role::from_code(&notice.audience).map(|r| tr(&r.label()));
    view! {
        <li class="card notice-card" id=format!("notice-{}", notice.id)>
            <p class="title">
                {notice.pinned.then(|| view! { <span class="tag">{t("置顶", "Pinned")}</span> " " })}
                {notice.title.clone()}
            </p>
            <p class="muted">
                {format_shanghai(notice.published_at)}
                {audience.map(|a| format!(" · {}{a}", t("仅", "only ")))}
            </p>
            <p class="body">{notice.body.clone()}</p>
            <ul class="links">
                {notice.links.iter().map(|l| view! { <li><a href=l.clone() target="_blank" rel="noopener">{l.clone()}</a></li> }).collect_view()}
            </ul>
            <Show when=move || editor.get()>
                <ActionForm action=delete>
                    <input type="hidden" name="id" value=notice.id/>
                    <button type="submit">{t("删除", "Delete")}</button>
                </ActionForm>
            </Show>
        </li>
    }
}

#[component]
fn NoticeForm(save: ServerAction<SaveNotice>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm action=save attr:class="form">
            <Field label=t("标题", "Title") name="title" required=true error/>
            <TextArea label=t("正文", "Text") name="body" rows=5 required=true error/>
            <div class="field">
                <label>
                    <span class="label">{t("发布对象", "For")}</span>
                    <select name="audience">
                        <option value="">{t("所有人", "Everyone")}</option>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.code()>{tr(&r.label())}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <label class="check"><input type="checkbox" name="pinned" value="1"/>{t("置顶", "Pin to the top")}</label>
            <TextArea label=t("相关链接（每行一个，可选）", "Links (one per line, optional)") name="links" rows=2 error/>
            <button type="submit" class="primary">{t("发布", "Publish")}</button>
        </ActionForm>
    }
}
