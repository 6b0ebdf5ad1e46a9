//! `/staff`: the secretariat creates provincial accounts and manages every account.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::account_list::{AccountList, FlashedIssued, IssuedBox};
use crate::accounts::api::{list_accounts, CreateStaffAccount, ResetPassword, SetAccountActive};
use crate::accounts::model::Role;
use crate::i18n::{t, tr};
use crate::ui::{ErrorBox, Field, Loading};

#[component]
pub fn StaffPage() -> impl IntoView {
    let create = ServerAction::<CreateStaffAccount>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let toggle = ServerAction::<SetAccountActive>::new();
    let error = Signal::derive(move || {
        create
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| reset.value().get().and_then(|r| r.err()))
            .or_else(|| toggle.value().get().and_then(|r| r.err()))
    });
    let create_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    let created = Signal::derive(move || create.value().get().and_then(|r| r.ok()));
    let was_reset = Signal::derive(move || reset.value().get().and_then(|r| r.ok()));
    let accounts = crate::ui::resource(
        move || (create.version().get(), reset.version().get(), toggle.version().get()),
        |_| list_accounts(),
    );
    view! {
        <h1>{t("账号管理", "Accounts")}</h1>
        <ErrorBox error/>
        <FlashedIssued/>
        <IssuedBox issued=created/>
        <IssuedBox issued=was_reset/>
        <details class="card" open>
            <summary>{t("新建秘书处 / 评审专家账号", "New secretariat / expert account")}</summary>
            <ActionForm action=create attr:class="form">
                <Field label=t("用户名", "Username") name="username" required=true error=create_error/>
                <Field label=t("名称或姓名", "Name") name="display_name" required=true error=create_error/>
                <div class="field">
                    <label for="f-role">{t("角色", "Role")}</label>
                    <select id="f-role" name="role">
                        {[Role::Expert, Role::Secretariat]
                            .into_iter()
                            .map(|r| view! { <option value=r.code()>{tr(&r.label())}</option> })
                            .collect_view()}
                    </select>
                    <p class="hint">
                        {t("培训评价组织的账号在", "Organization accounts are created under their organization on ")}
                        <a href="/organizations">{t("培训评价组织", "Organizations")}</a>
                        {t("页面中创建。", ".")}
                    </p>
                </div>
                <button type="submit" class="primary">{t("创建账号", "Create account")}</button>
            </ActionForm>
        </details>
        <h2>{t("全部账号", "All accounts")}</h2>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match accounts.await {
                    Ok(list) => view! { <AccountList accounts=list reset toggle/> }.into_any(),
                    Err(e) => view! { <p class="error-box">{tr(&e.message())}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
