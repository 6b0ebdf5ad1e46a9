//! `/account`: who I am, change password, log out.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::accounts::api::use_user;
use crate::i18n::{t, tr};
use crate::notifications::push::settings::NotificationSettings;

#[component]
pub fn AccountPage() -> impl IntoView {
    let user = use_user();
    let notifications = crate::notifications::push::settings::NotificationState::new();
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
                        <LogoutForm/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Logging out clears this phone's outbox and saved pages (phones are shared), but only once the server has
/// ended the session: offline, or when the server does not answer, nothing is deleted and the page says so.
/// With changes not yet synced it says so first and offers to sync.
#[component]
fn LogoutForm() -> impl IntoView {
    let sync = crate::sync::use_sync();
    let failed = RwSignal::new(None::<crate::i18n::Text>);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            if !web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true) {
                failed.set(Some(crate::i18n::Text::new(
                    "现在没有网络，不能退出登录。联网后再退出；本机的修改和页面都还在。",
                    "You are offline and cannot log out now. Log out once online; your changes and pages are still here.",
                )));
                return;
            }
            let pending = sync.pending.get_untracked();
            if pending > 0 {
                let question = format!(
                    "{pending}{}",
                    t(
                        " 项修改尚未同步到服务器，退出后将从本机删除且无法恢复。仍要退出吗？",
                        " change(s) have not reached the server and will be deleted from this phone. Log out anyway?"
                    )
                );
                let sure = web_sys::window().and_then(|w| w.confirm_with_message(&question).ok()).unwrap_or(false);
                if !sure {
                    return;
                }
            }
            leptos::task::spawn_local(async move {
                use crate::evidence::client::{post, Body};
                match post("/api/accounts/logout", Body::UrlEncoded(""), None).await {
                    Ok((200..=299, _)) => {
                        crate::sync::clear_local_data(sync.account.get_untracked().map(|a| a.id)).await;
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().set_href("/login");
                        }
                    }
                    _ => failed.set(Some(crate::i18n::Text::new(
                        "退出登录没有成功：服务器没有响应。本机的修改和页面都还在，请稍后再试。",
                        "Logging out did not work: the server did not answer. Your changes and pages are still here; try again later.",
                    ))),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, failed);
    };
    let sync_now = move |_| {
        #[cfg(feature = "hydrate")]
        crate::sync::client::sync_soon(sync);
    };
    // The outbox is known only in the browser, and may be read before this page has hydrated: show the
    // warning once mounted, so the first render matches the server's.
    let mounted = crate::ui::use_mounted();
    view! {
        {move || (mounted.get() && sync.pending.get() > 0).then(|| view! {
            <div class="card warning unsynced" role="alert">
                <p>{format!("{}{}", sync.pending.get(), t(
                    " 项修改尚未同步到服务器。退出登录会从本机删除这些修改，请先联网同步。",
                    " change(s) have not reached the server yet. Logging out deletes them from this phone; sync first.",
                ))}</p>
                <button type="button" class="primary" on:click=sync_now>{t("立即同步", "Sync now")}</button>
            </div>
        })}
        {move || failed.get().map(|why| view! { <p class="error-box logout-failed" role="alert">{tr(&why)}</p> })}
        <form method="post" action="/api/accounts/logout" on:submit=on_submit>
            <button type="submit">{t("退出登录", "Log out")}</button>
        </form>
    }
}
