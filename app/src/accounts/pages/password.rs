//! `/account/password`: change password (forced after a reset).

use leptos::prelude::*;

use crate::accounts::api::use_user;
use crate::error::AppError;
use crate::i18n::t;
use crate::ui::{ErrorBox, Field};

#[component]
pub fn PasswordPage() -> impl IntoView {
    // A plain form: a changed password changes who may do what, so the whole page reloads afterwards.
    let error = Signal::derive(|| None::<AppError>);
    let user = use_user();
    view! {
        <h1>{t("修改密码", "Change password")}</h1>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let forced = user.await.ok().flatten().is_some_and(|u| u.must_change_password);
                forced.then(|| view! {
                    <p class="notice">{t("您的密码已被重置，请设置新密码后继续使用。", "Your password was reset. Set a new one to go on.")}</p>
                })
            })}
        </Transition>
        <ErrorBox error/>
        <form method="post" action="/api/accounts/change-password" class="card form">
            <Field label=t("当前密码", "Current password") name="current_password" kind="password" required=true error autocomplete="current-password"/>
            <Field label=t("新密码", "New password") name="new_password" kind="password" required=true error autocomplete="new-password"
                hint=t("至少8位，包含字母和数字。", "At least 8 characters with letters and digits.")/>
            <Field label=t("再次输入新密码", "New password again") name="confirm_password" kind="password" required=true error autocomplete="new-password"/>
            <button type="submit" class="primary">{t("保存新密码", "Save new password")}</button>
        </form>
    }
}
