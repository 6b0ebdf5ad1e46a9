//! `/organizations`: the training evaluation organizations (培训评价组织). The secretariat adds and edits
//! organizations and their certificates and creates each organization's accounts; an org account sees and
//! edits its own organization's contacts and its certificates' standard links.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::accounts::api::use_user;
use crate::accounts::api::CreateStaffAccount;
use crate::accounts::model::Role;
use crate::accounts::pages::account_list::IssuedBox;
use crate::catalog::admin::{list_organizations, OrganizationEntry, SaveCertificate, SaveOrganization};
use crate::forms::echoed_values;
use crate::i18n::{t, tr};
use crate::ui::{ErrorBox, Field, Loading};

#[derive(Clone, Copy)]
struct Actions {
    organization: ServerAction<SaveOrganization>,
    certificate: ServerAction<SaveCertificate>,
    account: ServerAction<CreateStaffAccount>,
}

#[component]
pub fn OrganizationsPage() -> impl IntoView {
    let actions =
        Actions { organization: ServerAction::new(), certificate: ServerAction::new(), account: ServerAction::new() };
    let a = actions;
    let saved = (
        crate::success_version_of!(a.organization),
        crate::success_version_of!(a.certificate),
        crate::success_version_of!(a.account),
    );
    let list = crate::ui::resource(move || (saved.0.get(), saved.1.get(), saved.2.get()), |_| list_organizations());
    let error = Signal::derive(move || {
        a.organization
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| a.certificate.value().get().and_then(|r| r.err()))
            .or_else(|| a.account.value().get().and_then(|r| r.err()))
    });
    let issued = Signal::derive(move || a.account.value().get().and_then(|r| r.ok()));
    let user = use_user();
    view! {
        <h1>{t("培训评价组织", "Training evaluation organizations")}</h1>
        <ErrorBox error/>
        <IssuedBox issued/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let secretariat = user.await.ok().flatten().is_some_and(|u| u.role == Role::Secretariat);
                match list.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(list) => view! {
                        {secretariat.then(|| view! { <OrganizationForm entry=None actions/> })}
                        {list.into_iter().map(|entry| view! { <Organization entry secretariat actions/> }).collect_view()}
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Organization(entry: OrganizationEntry, secretariat: bool, actions: Actions) -> impl IntoView {
    let o = entry.organization.clone();
    let organization_id = o.id;
    view! {
        <section class="card organization" data-organization=o.name.clone()>
            <h2>{o.name.clone()}</h2>
            <p class="muted">{[o.contact_name.clone(), o.contact_phone.clone(), o.contact_email.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}</p>
            <h3>{t("证书", "Certificates")}</h3>
            <ul class="list">
                {entry.certificates.iter().map(|(id, name, url)| view! {
                    <li>
                        <a href=format!("/certificates/{id}")>{name.clone()}</a>
                        <CertificateForm id=Some(*id) organization_id name=name.clone() url=url.clone() action=actions.certificate/>
                    </li>
                }).collect_view()}
            </ul>
            {secretariat.then(|| view! { <CertificateForm id=None organization_id name=String::new() url=String::new() action=actions.certificate/> })}
            <h3>{t("账号", "Accounts")}</h3>
            <ul class="list">
                {entry.accounts.iter().map(|(username, name)| view! { <li>{name.clone()} " " <span class="muted">{username.clone()}</span></li> }).collect_view()}
            </ul>
            {secretariat.then(|| view! { <AccountForm organization_id action=actions.account/> })}
            <OrganizationForm entry=Some(entry.clone()) actions/>
        </section>
    }
}

/// Adds (no entry) or edits an organization.
#[component]
fn OrganizationForm(entry: Option<OrganizationEntry>, actions: Actions) -> impl IntoView {
    let key = entry.as_ref().map(|e| e.organization.id.to_string()).unwrap_or_else(|| "new".into());
    let echo = echoed_values("form", &format!("organization-{key}")).unwrap_or_default();
    let o = entry.map(|e| e.organization);
    let value = move |name: &str, stored: Option<String>| echo.get(name).cloned().or(stored).unwrap_or_default();
    let error = Signal::derive(move || actions.organization.value().get().and_then(|r| r.err()));
    view! {
        <details class="card">
            <summary>{if o.is_some() { t("编辑组织信息", "Edit the organization") } else { t("新增培训评价组织", "Add an organization") }}</summary>
            <ActionForm action=actions.organization attr:class="form">
                <input type="hidden" name="form" value=format!("organization-{key}")/>
                {o.as_ref().map(|o| view! { <input type="hidden" name="id" value=o.id/> })}
                <Field label=t("组织名称", "Name") name="name" value=value("name", o.as_ref().map(|o| o.name.clone())) required=true error/>
                <Field label=t("联系人", "Contact person") name="contact_name" value=value("contact_name", o.as_ref().map(|o| o.contact_name.clone())) error/>
                <Field label=t("联系电话", "Phone") name="contact_phone" kind="tel" value=value("contact_phone", o.as_ref().map(|o| o.contact_phone.clone())) error/>
                <Field label=t("联系邮箱", "Email") name="contact_email" kind="email" value=value("contact_email", o.as_ref().map(|o| o.contact_email.clone())) error/>
                <button type="submit" class="primary">{t("保存", "Save")}</button>
            </ActionForm>
        </details>
    }
}

/// Adds (no id) or edits a certificate of an organization.
#[component]
fn CertificateForm(
    id: Option<i64>,
    organization_id: i64,
    name: String,
    url: String,
    action: ServerAction<SaveCertificate>,
) -> impl IntoView {
    let key = format!("certificate-{}", id.map(|i| i.to_string()).unwrap_or_else(|| format!("new-{organization_id}")));
    let echo = echoed_values("form", &key).unwrap_or_default();
    let name = echo.get("name").cloned().unwrap_or(name);
    let url = echo.get("standard_url").cloned().unwrap_or(url);
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <details class="inline-editor">
            <summary>{if id.is_some() { t("编辑", "Edit") } else { t("新增证书", "Add a certificate") }}</summary>
            <ActionForm action attr:class="form">
                <input type="hidden" name="form" value=key/>
                {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
                <input type="hidden" name="organization_id" value=organization_id/>
                <Field label=t("证书名称", "Certificate name") name="name" value=name required=true error/>
                <Field label=t("证书标准链接", "Standard link") name="standard_url" kind="url" value=url error/>
                <button type="submit">{t("保存证书", "Save certificate")}</button>
            </ActionForm>
        </details>
    }
}

/// The secretariat creates an account that speaks for this organization.
#[component]
fn AccountForm(organization_id: i64, action: ServerAction<CreateStaffAccount>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <details class="inline-editor">
            <summary>{t("为该组织新建账号", "New account for this organization")}</summary>
            <ActionForm action attr:class="form">
                <input type="hidden" name="role" value=Role::Org.code()/>
                <input type="hidden" name="organization_id" value=organization_id/>
                <Field label=t("用户名", "Username") name="username" required=true error/>
                <Field label=t("名称或姓名", "Name") name="display_name" required=true error/>
                <button type="submit">{t("创建账号", "Create account")}</button>
            </ActionForm>
        </details>
    }
}
