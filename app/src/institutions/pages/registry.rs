//! `/registry`: the secretariat's registry (院校总库): pending work, search, add, import.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::i18n::{t, tr};
use crate::institutions::api::{
    get_pending_work, list_institutions, CloseAdditionRequest, DecideRegistration, PendingWork,
};
use crate::institutions::model::{city_label, kind_label};
use crate::ui::{time::format_shanghai, Decision, ErrorBox, ImportForm, Loading, SearchForm};

#[component]
pub fn RegistryPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let decide = ServerAction::<DecideRegistration>::new();
    let close = ServerAction::<CloseAdditionRequest>::new();
    let error = Signal::derive(move || {
        decide.value().get().and_then(|r| r.err()).or_else(|| close.value().get().and_then(|r| r.err()))
    });
    let pending = crate::ui::resource(move || (decide.version().get(), close.version().get()), |_| get_pending_work());
    let institutions = crate::ui::resource(move || (q(), decide.version().get()), |(q, _)| list_institutions(q));
    view! {
        <h1>{t("院校总库", "Institution registry")}</h1>
        <ErrorBox error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match pending.await {
                    Ok(work) => view! { <Pending work decide close/> }.into_any(),
                    Err(e) => view! { <Denied error=e/> }.into_any(),
                }
            })}
        </Transition>
        <SearchForm
            action="/registry"
            label=t("按名称或统一社会信用代码搜索", "Search by name or credit code")
            button=t("搜索", "Search")
            value=Signal::derive(q)
        />
        <p class="row-actions">
            <a class="button primary" href="/registry/new">{t("新增院校", "Add institution")}</a>
        </p>
        <RegistryImport/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let list = institutions.await.unwrap_or_default();
                view! {
                    <p class="muted">{format!("{} {}", list.len(), t("所院校", "institutions"))}</p>
                    <ul class="list">
                        {list.into_iter().map(|i| view! {
                            <li class="card">
                                <a class="title" href=format!("/registry/{}", i.id)>{i.name.clone()}</a>
                                {i.is_demo.then(|| view! { <span class="tag demo">{t("演示", "Demo")}</span> })}
                                <p class="muted">
                                    {tr(&kind_label(&i.kind))} " · " {tr(&city_label(&i.city))} " · "
                                    {if i.has_coordinator { t("已注册", "Registered") } else { t("未注册", "Not registered") }}
                                </p>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            })}
        </Transition>
    }
}

#[component]
fn Denied(error: AppError) -> impl IntoView {
    view! { <p class="error-box" role="alert">{tr(&error.message())}</p> }
}

#[component]
fn Pending(
    work: PendingWork,
    decide: ServerAction<DecideRegistration>,
    close: ServerAction<CloseAdditionRequest>,
) -> impl IntoView {
    view! {
        <section class="pending">
            <h2>{t("待激活的注册", "Registrations to activate")} " (" {work.registrations.len()} ")"</h2>
            <ul class="list">
                {work.registrations.into_iter().map(|r| view! {
                    <li class="card" data-school=r.institution_name.clone()>
                        <p class="title">{r.institution_name.clone()}</p>
                        <p>{r.contact_name.clone()} " · " <a href=format!("tel:{}", r.contact_mobile)>{r.contact_mobile.clone()}</a> " · " {r.contact_email.clone()}</p>
                        <p class="muted">{t("用户名：", "Username: ")}{r.username.clone()} " · " {format_shanghai(r.created_at)}</p>
                        <Decision action=decide id_name="account_id" id=r.account_id answer_name="activate"
                            yes=t("激活", "Activate") no=t("拒绝", "Decline")/>
                    </li>
                }).collect_view()}
            </ul>
            <h2>{t("添加院校申请", "Requests to add a school")} " (" {work.requests.len()} ")"</h2>
            <ul class="list">
                {work.requests.into_iter().map(|r| view! {
                    <li class="card">
                        <p class="title">{r.name.clone()} " · " {tr(&city_label(&r.city))}</p>
                        <p>{r.contact_name.clone()} " · " <a href=format!("tel:{}", r.contact_mobile)>{r.contact_mobile.clone()}</a> " · " {r.contact_email.clone()}</p>
                        {(!r.note.is_empty()).then(|| view! { <p>{r.note.clone()}</p> })}
                        <Decision action=close id_name="id" id=r.id answer_name="added"
                            yes=t("已添加", "Added") no=t("不予添加", "Decline")/>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn RegistryImport() -> impl IntoView {
    view! {
        <ImportForm
            action="/api/institutions/import"
            summary=t("批量导入（.xlsx 或 .csv）", "Import (.xlsx or .csv)")
            hint=t(
                "表头：院校名称、院校类型、所在城市、统一社会信用代码、学校标识码、院校网址、详细地址。按统一社会信用代码更新已有院校。任何一行有错则全部不导入，并列出每行的错误。",
                "Header: name, type, city, credit code, school code, website, address. Existing schools are updated by credit code. If any row is wrong nothing is imported and every error is listed.",
            )
        />
    }
}
