//! Navigation: a bottom bar on phones, a top bar on wide screens (CSS decides), items by role.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::accounts::api::use_user;
use crate::accounts::model::Role;
use crate::i18n::{t, use_lang, Lang};

fn items(role: Option<Role>) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut items =
        vec![("/", "首页", "Home"), ("/certificates", "证书", "Certificates"), ("/library", "资料", "Library")];
    match role {
        Some(Role::Secretariat) => {
            items.push(("/declarations", "申报", "Declarations"));
            items.push(("/review", "评审", "Review"));
            items.push(("/registry", "院校", "Registry"));
            items.push(("/staff", "账号", "Accounts"));
        }
        Some(Role::Coordinator) => {
            items.push(("/declarations", "申报", "Declarations"));
            items.push(("/followup", "试点", "Pilot"));
            items.push(("/school", "本校", "School"));
        }
        Some(Role::Lead) => items.push(("/declarations", "申报", "Declarations")),
        Some(Role::Org) => items.push(("/organizations", "本组织", "Organization")),
        Some(Role::Expert) => items.push(("/assignments", "评审", "Reviews")),
        None => {
            items.push(("/register", "学校注册", "Register"));
            items.push(("/login", "登录", "Log in"));
            return items;
        }
    }
    items.push(("/account", "我的", "Me"));
    items
}

#[component]
pub fn Nav() -> impl IntoView {
    let user = use_user();
    let location = use_location();
    let lang = use_lang();
    view! {
        <header class="topbar">
            <a class="brand" href="/">{t("申报", "Shenbao")}</a>
            <crate::sync::SyncBadge/>
            <LangSwitch lang/>
        </header>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let role = user.await.ok().flatten().map(|u| u.role);
                let path = location.pathname.get();
                view! {
                    <nav class="mainnav" aria-label=t("主导航", "Main")>
                        {items(role)
                            .into_iter()
                            .map(|(href, zh, en)| {
                                let current = if path == href { Some("page") } else { None };
                                let label = if lang == Lang::En { en } else { zh };
                                view! { <a href=href aria-current=current>{label}</a> }
                            })
                            .collect_view()}
                    </nav>
                }
            })}
        </Transition>
    }
}

/// A plain form so the switch works with scripts off; the choice persists in a cookie.
#[component]
fn LangSwitch(lang: Lang) -> impl IntoView {
    let location = use_location();
    let (target, label) = match lang {
        Lang::Zh => ("en", "English"),
        Lang::En => ("zh", "中文"),
    };
    view! {
        <form method="post" action="/prefs/lang" class="lang-switch">
            <input type="hidden" name="lang" value=target/>
            <input type="hidden" name="back" value=move || location.pathname.get()/>
            <button type="submit" lang=if target == "en" { "en" } else { "zh-CN" }>{label}</button>
        </form>
    }
}
