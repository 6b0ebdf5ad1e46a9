//! A list of accounts with reset-password and enable/disable buttons (secretariat and coordinators).

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::accounts::api::{take_issued_password, ResetPassword, SetAccountActive};
use crate::accounts::model::{AccountStatus, AccountSummary, IssuedPassword};
use crate::i18n::{t, tr};

/// Shows a password that was just issued; it is never shown again.
#[component]
pub fn IssuedBox(#[prop(into)] issued: Signal<Option<IssuedPassword>>) -> impl IntoView {
    move || {
        issued.get().map(|p| {
            view! {
                <div class="issued" role="status">
                    <p>{t("账号与初始密码（只显示这一次，请现在转告本人；首次登录须修改）：", "Account and initial password (shown once; tell the person now; it must be changed at first login):")}</p>
                    <p class="mono"><span class="issued-username">{p.username}</span>" / "<span class="issued-password">{p.password}</span></p>
                </div>
            }
        })
    }
}

#[component]
pub fn AccountList(
    accounts: Vec<AccountSummary>,
    reset: ServerAction<ResetPassword>,
    toggle: ServerAction<SetAccountActive>,
) -> impl IntoView {
    if accounts.is_empty() {
        return view! { <p class="empty">{t("还没有账号。", "No accounts yet.")}</p> }.into_any();
    }
    view! {
        <ul class="list accounts">
            {accounts
                .into_iter()
                .map(|a| {
                    let mut scope = a.scope_colleges.iter().map(|c| c.name.clone()).collect::<Vec<_>>().join("、");
                    if !a.scope_certificates.is_empty() {
                        let names = a.scope_certificates.iter().map(|c| c.1.clone()).collect::<Vec<_>>().join("、");
                        scope = format!("{scope} · {names}");
                    }
                    let active = a.status == AccountStatus::Active;
                    let pending = a.status == AccountStatus::Pending;
                    view! {
                        <li class="card" data-username=a.username.clone()>
                            <p class="title">
                                {a.display_name.clone()} " " <span class="muted">{a.username.clone()}</span>
                                {a.is_demo.then(|| view! { <span class="tag demo">{t("演示", "Demo")}</span> })}
                            </p>
                            <p class="muted">
                                {tr(&a.role.label())} " · " {tr(&a.status.label())}
                                {a.institution_name.clone().map(|n| format!(" · {n}"))}
                            </p>
                            {(!scope.is_empty()).then(|| view! { <p>{t("负责范围：", "Scope: ")}{scope}</p> })}
                            {(!pending).then(|| view! {
                                <div class="row-actions">
                                    <ActionForm action=reset>
                                        <input type="hidden" name="account_id" value=a.id/>
                                        <button type="submit">{t("重置密码", "Reset password")}</button>
                                    </ActionForm>
                                    <ActionForm action=toggle>
                                        <input type="hidden" name="account_id" value=a.id/>
                                        <input type="hidden" name="active" value=if active { "false" } else { "true" }/>
                                        <button type="submit">{if active { t("停用", "Disable") } else { t("启用", "Enable") }}</button>
                                    </ActionForm>
                                </div>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// With scripts off the server hands a just-issued password over once through a short-lived cookie.
#[component]
pub fn FlashedIssued() -> impl IntoView {
    let flashed = crate::ui::resource(|| (), |_| take_issued_password());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let issued = flashed.await.ok().flatten();
                view! { <IssuedBox issued=Signal::derive(move || issued.clone())/> }
            })}
        </Suspense>
    }
}
