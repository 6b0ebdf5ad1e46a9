//! `/library`: national and regional policy documents, filtered by scope and searched by title or 文号.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::tabs::LibraryTabs;
use crate::accounts::pages::{is_secretariat, SecretariatOnly};
use crate::i18n::{t, tr};
use crate::library::api::{list_policies, RetirePolicy, SavePolicy};
use crate::library::model::{scope_label, Policy, SCOPES};
use crate::ui::{ErrorBox, Field, Loading, SearchForm};

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let query = use_query_map();
    let scope = move || query.read().get("scope").unwrap_or_default();
    let q = move || query.read().get("q").unwrap_or_default();
    let save = ServerAction::<SavePolicy>::new();
    let retire = ServerAction::<RetirePolicy>::new();
    let error = Signal::derive(move || {
        save.value().get().and_then(|r| r.err()).or_else(|| retire.value().get().and_then(|r| r.err()))
    });
    let policies = crate::ui::resource(
        move || (scope(), q(), save.version().get(), retire.version().get()),
        |(scope, q, _, _)| list_policies(scope, q),
    );
    let editor = is_secretariat();
    view! {
        <h1>{t("政策文件", "Policy documents")}</h1>
        <LibraryTabs current="/library"/>
        <SearchForm
            action="/library"
            label=t("按标题或文号搜索", "Search by title or document number")
            button=t("筛选", "Filter")
            value=Signal::derive(q)
        >
            <div class="field">
                <label for="scope">{t("范围", "Scope")}</label>
                <select id="scope" name="scope">
                    <option value="" selected=move || scope().is_empty()>{t("全部", "All")}</option>
                    {SCOPES.iter().map(|s| view! {
                        <option value=s.0 selected=move || scope() == s.0>{tr(&scope_label(s.0))}</option>
                    }).collect_view()}
                </select>
            </div>
        </SearchForm>
        <ErrorBox error/>
        <SecretariatOnly>
            <details class="card">
                <summary>{t("新增文件", "Add a document")}</summary>
                <PolicyForm save policy=None/>
            </details>
        </SecretariatOnly>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let list = policies.await.unwrap_or_default();
                let count = list.len();
                view! {
                    <p class="muted">{format!("{count} {}", t("份文件", "documents"))}</p>
                    <ol class="list policies">
                        {list.into_iter().map(|p| view! { <PolicyItem policy=p save retire editor/> }).collect_view()}
                    </ol>
                }
            })}
        </Transition>
        <p class="hint">{t(
            "也可到广西1+X证书制度试点建设秘书处网站的通知公告、政策法规专区查阅。",
            "Also see the notices and policy sections of the secretariat's website.",
        )}</p>
    }
}

#[component]
fn PolicyItem(
    policy: Policy,
    save: ServerAction<SavePolicy>,
    retire: ServerAction<RetirePolicy>,
    editor: Signal<bool>,
) -> impl IntoView {
    let p = policy.clone();
    view! {
        <li class="card" class:retired=p.retired>
            <p class="muted">{tr(&scope_label(&p.scope))} " · " {p.seq}
                {p.retired.then(|| view! { <span class="tag">{t("已停用", "Retired")}</span> })}
            </p>
            <p class="title">{p.title.clone()}</p>
            {(!p.doc_number.is_empty()).then(|| view! { <p class="muted">{t("文号：", "No.: ")}{p.doc_number.clone()}</p> })}
            {if p.url.is_empty() {
                view! { <p class="muted no-link">{t("暂无链接", "No link")}</p> }.into_any()
            } else {
                view! { <a href=p.url.clone() target="_blank" rel="noopener">{t("查看原文", "Open document")}</a> }.into_any()
            }}
            <Show when=move || editor.get()>
                <details>
                    <summary>{t("编辑", "Edit")}</summary>
                    <PolicyForm save policy=Some(policy.clone())/>
                    <ActionForm action=retire>
                        <input type="hidden" name="id" value=policy.id/>
                        <input type="hidden" name="retired" value=if policy.retired { "false" } else { "true" }/>
                        <button type="submit">{if policy.retired { t("恢复", "Restore") } else { t("停用", "Retire") }}</button>
                    </ActionForm>
                </details>
            </Show>
        </li>
    }
}

#[component]
fn PolicyForm(save: ServerAction<SavePolicy>, policy: Option<Policy>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let p = policy.clone();
    view! {
        <ActionForm action=save attr:class="form">
            {p.as_ref().map(|p| view! { <input type="hidden" name="id" value=p.id/> })}
            <div class="field">
                <label>{t("范围", "Scope")}
                    <select name="scope">
                        {SCOPES.iter().map(|s| view! {
                            <option value=s.0 selected=p.as_ref().is_some_and(|p| p.scope == s.0)>{tr(&scope_label(s.0))}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <Field label=t("文件标题", "Title") name="title" value=p.as_ref().map(|p| p.title.clone()).unwrap_or_default() required=true error/>
            <Field label=t("文号（可选）", "Document number (optional)") name="doc_number" value=p.as_ref().map(|p| p.doc_number.clone()).unwrap_or_default() error/>
            <Field label=t("链接（可选）", "Link (optional)") name="url" kind="url" value=p.as_ref().map(|p| p.url.clone()).unwrap_or_default() error/>
            <button type="submit" class="primary">{t("保存", "Save")}</button>
        </ActionForm>
    }
}
