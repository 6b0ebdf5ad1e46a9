//! `/login`: a plain form, so it works the same with scripts on or off.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::t;
use crate::ui::ErrorBox;

#[component]
pub fn LoginPage() -> impl IntoView {
    let no_error = Signal::derive(|| None::<AppError>);
    view! {
        <h1>{t("登录", "Log in")}</h1>
        <ErrorBox error=no_error/>
        <form method="post" action="/api/accounts/login" class="card form">
            <div class="field">
                <label for="username">{t("用户名", "Username")}</label>
                <input id="username" name="username" autocomplete="username" required autocapitalize="none"/>
            </div>
            <div class="field">
                <label for="password">{t("密码", "Password")}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
            </div>
            <button type="submit" class="primary">{t("登录", "Log in")}</button>
        </form>
        <p class="hint">
            {t(
                "证书负责人的账号由本校教务处（校级总账号）分配；忘记密码请联系教务处，校级总账号忘记密码请联系秘书处。",
                "Leads get their account from the school coordinator; coordinators ask the secretariat to reset passwords.",
            )}
        </p>
        <p>
            <a href="/register">{t("学校首次使用？注册校级总账号", "First time for your school? Register")}</a>
        </p>
    }
}
