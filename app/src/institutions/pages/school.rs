//! `/school`: the coordinator's school — profile and contact, colleges, certificate leads' sub-accounts.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::contact_fields::ContactFields;
use crate::accounts::api::{CreateLead, ResetPassword, SetAccountActive, SetLeadScope};
use crate::accounts::model::AccountSummary;
use crate::accounts::pages::account_list::{AccountList, FlashedIssued, IssuedBox};
use crate::error::AppError;
use crate::i18n::{t, tr};
use crate::institutions::api::{list_colleges, my_school, AddCollege, SchoolOverview, UpdateContact};
use crate::institutions::model::{city_label, kind_label, College};
use crate::ui::{ErrorBox, Field, Loading, Notice};

#[component]
pub fn SchoolPage() -> impl IntoView {
    // Actions live here, above the suspense, so their results survive the refetch they trigger.
    let contact = ServerAction::<UpdateContact>::new();
    let add = ServerAction::<AddCollege>::new();
    let create = ServerAction::<CreateLead>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let toggle = ServerAction::<SetAccountActive>::new();
    let scope = ServerAction::<SetLeadScope>::new();
    let actions = SchoolActions { contact, add, create, reset, toggle, scope };
    let overview = crate::ui::resource(
        move || {
            (
                contact.version().get(),
                add.version().get(),
                create.version().get(),
                reset.version().get(),
                toggle.version().get(),
                scope.version().get(),
            )
        },
        |_| my_school(),
    );
    view! {
        <FlashedIssued/>
        <IssuedBox issued=Signal::derive(move || create.value().get().and_then(|r| r.ok()))/>
        <IssuedBox issued=Signal::derive(move || reset.value().get().and_then(|r| r.ok()))/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login"/> }.into_any(),
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(o) => view! { <School overview=o actions/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct SchoolActions {
    contact: ServerAction<UpdateContact>,
    add: ServerAction<AddCollege>,
    create: ServerAction<CreateLead>,
    reset: ServerAction<ResetPassword>,
    toggle: ServerAction<SetAccountActive>,
    scope: ServerAction<SetLeadScope>,
}

#[component]
fn School(overview: SchoolOverview, actions: SchoolActions) -> impl IntoView {
    let contact_error = Signal::derive(move || actions.contact.value().get().and_then(|r| r.err()));
    let SchoolOverview { institution: i, colleges, leads, certificates } = overview;
    view! {
        <h1>{i.name.clone()}</h1>
        <dl class="card facts">
            <dt>{t("类型", "Type")}</dt><dd>{tr(&kind_label(&i.kind))}</dd>
            <dt>{t("地级市", "City")}</dt><dd>{tr(&city_label(&i.city))}</dd>
            <dt>{t("统一社会信用代码", "Credit code")}</dt><dd>{i.credit_code.clone()}</dd>
            <dt>{t("学校标识码", "School code")}</dt><dd>{i.school_code.clone()}</dd>
            <dt>{t("地址", "Address")}</dt><dd>{i.address.clone()}</dd>
        </dl>
        <p class="hint">{t("以上信息由秘书处维护，如有错误请联系秘书处。", "The secretariat keeps these details; tell it about mistakes.")}</p>
        <details class="card">
            <summary>{t("联系人信息", "Contact")}</summary>
            <ErrorBox error=contact_error/>
            {move || actions.contact.value().get().and_then(|r| r.ok()).map(|_| view! { <Notice text=crate::i18n::Text::new("已保存。", "Saved.")/> })}
            <ActionForm action=actions.contact attr:class="form">
                <ContactFields error=contact_error name=i.contact_name.clone() mobile=i.contact_mobile.clone() email=i.contact_email.clone()/>
                <button type="submit" class="primary">{t("保存联系人", "Save contact")}</button>
            </ActionForm>
        </details>
        <CollegeList institution_id=i.id colleges=colleges.clone() add=actions.add/>
        <Leads leads colleges certificates actions/>
    }
}

/// A school's colleges with a form to add one; the caller owns the data and the action.
#[component]
fn CollegeList(institution_id: i64, colleges: Vec<College>, add: ServerAction<AddCollege>) -> impl IntoView {
    let error = Signal::derive(move || add.value().get().and_then(|r| r.err()));
    view! {
        <h2>{t("二级学院/系部", "Colleges")}</h2>
        <ul class="chips">{colleges.into_iter().map(|c| view! { <li>{c.name}</li> }).collect_view()}</ul>
        <ErrorBox error/>
        <ActionForm action=add attr:class="card form inline">
            <input type="hidden" name="institution_id" value=institution_id/>
            <Field label=t("新增二级学院/系部", "Add a college") name="college_name" required=true error/>
            <button type="submit">{t("添加", "Add")}</button>
        </ActionForm>
    }
}

/// The colleges of any school (the secretariat's registry page), loading their own data.
#[component]
pub fn Colleges(institution_id: i64) -> impl IntoView {
    let add = ServerAction::<AddCollege>::new();
    let colleges = crate::ui::resource(move || add.version().get(), move |_| list_colleges(institution_id));
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let list = colleges.await.unwrap_or_default();
                view! { <CollegeList institution_id colleges=list add/> }
            })}
        </Transition>
    }
}

#[component]
fn Leads(
    leads: Vec<AccountSummary>,
    colleges: Vec<College>,
    certificates: Vec<(i64, String)>,
    actions: SchoolActions,
) -> impl IntoView {
    let create_error = Signal::derive(move || actions.create.value().get().and_then(|r| r.err()));
    let error = Signal::derive(move || {
        actions
            .reset
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| actions.toggle.value().get().and_then(|r| r.err()))
            .or_else(|| actions.scope.value().get().and_then(|r| r.err()))
    });
    let new_lead_colleges = colleges.clone();
    view! {
        <h2>{t("证书负责人子账号", "Certificate leads' sub-accounts")}</h2>
        <ErrorBox error/>
        <details class="card" open=leads.is_empty()>
            <summary>{t("新建子账号", "New sub-account")}</summary>
            <ErrorBox error=create_error/>
            <ActionForm action=actions.create attr:class="form">
                <Field label=t("用户名", "Username") name="username" required=true error=create_error validator=super::checks::username/>
                <Field label=t("姓名", "Name") name="display_name" required=true error=create_error/>
                <Field label=t("手机号", "Mobile") name="mobile" kind="tel" required=true error=create_error validator=super::checks::mobile/>
                <CollegeChoice colleges=new_lead_colleges chosen=vec![]/>
                <button type="submit" class="primary">{t("创建子账号", "Create sub-account")}</button>
            </ActionForm>
        </details>
        <AccountList accounts=leads.clone() reset=actions.reset toggle=actions.toggle/>
        <ScopeEditors accounts=leads colleges certificates scope=actions.scope/>
    }
}

/// Checkboxes named `college_ids[n]` so the list reaches the server function as a `Vec`.
#[component]
fn CollegeChoice(colleges: Vec<College>, chosen: Vec<i64>) -> impl IntoView {
    view! {
        <fieldset class="field">
            <legend>{t("负责范围（二级学院/系部）", "Scope (colleges)")}</legend>
            {if colleges.is_empty() {
                view! { <p class="hint">{t("请先在上方添加二级学院/系部。", "Add colleges above first.")}</p> }.into_any()
            } else {
                colleges.into_iter().enumerate().map(|(n, c)| view! {
                    <label class="check">
                        <input type="checkbox" name=format!("college_ids[{n}]") value=c.id checked=chosen.contains(&c.id)/>
                        {c.name}
                    </label>
                }).collect_view().into_any()
            }}
        </fieldset>
    }
}

/// Checkboxes named `certificate_ids[n]`; none ticked means every certificate of the lead's colleges.
#[component]
fn CertificateChoice(certificates: Vec<(i64, String)>, chosen: Vec<i64>) -> impl IntoView {
    view! {
        <fieldset class="field certificate-choice">
            <legend>{t("限定证书（不选则负责所选学院的全部证书）", "Limit to certificates (none: all certificates of the colleges)")}</legend>
            {certificates.into_iter().enumerate().map(|(n, (id, name))| view! {
                <label class="check">
                    <input type="checkbox" name=format!("certificate_ids[{n}]") value=id checked=chosen.contains(&id)/>
                    {name}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn ScopeEditors(
    accounts: Vec<AccountSummary>,
    colleges: Vec<College>,
    certificates: Vec<(i64, String)>,
    scope: ServerAction<SetLeadScope>,
) -> impl IntoView {
    (!accounts.is_empty()).then(|| view! {
        <details class="card">
            <summary>{t("调整负责范围", "Change scopes")}</summary>
            {accounts.into_iter().map(|a| {
                let chosen: Vec<i64> = a.scope_colleges.iter().map(|c| c.id).collect();
                let chosen_certificates: Vec<i64> = a.scope_certificates.iter().map(|c| c.0).collect();
                let colleges = colleges.clone();
                let certificates = certificates.clone();
                view! {
                    <ActionForm action=scope attr:class="form">
                        <input type="hidden" name="account_id" value=a.id/>
                        <p class="title">{a.display_name.clone()} " " <span class="muted">{a.username.clone()}</span></p>
                        <CollegeChoice colleges chosen/>
                        <CertificateChoice certificates chosen=chosen_certificates/>
                        <button type="submit">{t("保存范围", "Save scope")}</button>
                    </ActionForm>
                }
            }).collect_view()}
        </details>
    })
}
