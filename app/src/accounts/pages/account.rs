//! `/account`: who I am, change password, log out.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::i18n::{t, tr};
use crate::push::settings::NotificationSettings;
use crate::shell::use_user;

#[component]
pub fn AccountPage() -> impl IntoView {
    let user = use_user();
    let notifications = crate::push::settings::NotificationState::new();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await.ok().flatten() {
                    None => view! { <Redirect path="/login"/> }.into_any(),
                    Some(u) => view! {
                        <h1>{t("我的账号", "My account")}</h1>
                        <dl class="card facts">
                            <dt>{t("姓名", "Name")}</dt><dd>{u.display_name.clone()}</dd>
                            <dt>{t("用户名", "Username")}</dt><dd>{u.username.clone()}</dd>
                            <dt>{t("角色", "Role")}</dt><dd>{tr(&u.role.label())}</dd>
                            {u.institution_name.clone().map(|n| view! { <dt>{t("院校", "Institution")}</dt><dd>{n}</dd> })}
                        </dl>
                        <NotificationSettings state=notifications/>
                        <p><a href="/account/password" class="button">{t("修改密码", "Change password")}</a></p>
                        <form method="post" action="/api/accounts/logout">
                            <button type="submit">{t("退出登录", "Log out")}</button>
                        </form>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
