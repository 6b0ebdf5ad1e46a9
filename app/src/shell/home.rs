//! `/`: each role lands on a home with its own data.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::accounts::api::my_scope;
use crate::accounts::model::{CurrentUser, Role};
use crate::i18n::{t, tr};
use crate::institutions::api::{get_pending_work, list_institutions};
use crate::library::pages::LatestNotices;
use crate::shell::use_user;
use crate::ui::Loading;

#[component]
pub fn HomePage() -> impl IntoView {
    let user = use_user();
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match user.await.ok().flatten() {
                    None => view! { <Welcome/> }.into_any(),
                    Some(u) if u.must_change_password => view! { <Redirect path="/account/password"/> }.into_any(),
                    Some(u) => view! { <RoleHome user=u/> }.into_any(),
                }
            })}
        </Suspense>
        <LatestNotices/>
    }
}

#[component]
fn Welcome() -> impl IntoView {
    view! {
        <h1>{t("广西1+X证书制度试点申报", "Guangxi 1+X certificate pilot declarations")}</h1>
        <p>{t(
            "证书负责人在手机上查看证书要求、填写申报书；教务处审核汇总；秘书处审批。",
            "Certificate leads check requirements and fill declarations on their phones; coordinators review; the secretariat approves.",
        )}</p>
        <p class="row-actions">
            <a class="button primary" href="/login">{t("登录", "Log in")}</a>
            <a class="button" href="/register">{t("学校注册", "Register a school")}</a>
        </p>
        <p class="hint">{t("秘书处电话：", "Secretariat: ")}<a href="tel:0771-6709558">"0771-6709558"</a></p>
    }
}

#[component]
fn RoleHome(user: CurrentUser) -> impl IntoView {
    let greeting = format!("{}，{}", user.display_name, tr(&user.role.label()));
    let body = match user.role {
        Role::Secretariat => view! { <SecretariatHome/> }.into_any(),
        Role::Coordinator => view! { <CoordinatorHome/> }.into_any(),
        Role::Lead => view! { <LeadHome/> }.into_any(),
        Role::Expert | Role::Org => view! {
            <p class="card">{t("您的评审任务与证书维护将在此显示。", "Your review tasks and certificates will appear here.")}</p>
        }.into_any(),
    };
    view! {
        <h1>{greeting}</h1>
        {user.institution_name.clone().map(|n| view! { <p class="muted">{n}</p> })}
        {body}
    }
}

#[component]
fn SecretariatHome() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            Ok::<_, crate::error::AppError>((get_pending_work().await?, list_institutions(String::new()).await?))
        },
    );
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                data.await.ok().map(|(work, institutions)| {
                    let registered = institutions.iter().filter(|i| i.has_coordinator).count();
                    view! {
                        <div class="stats">
                            <a class="stat card" href="/registry"><strong>{work.registrations.len()}</strong><span>{t("待激活注册", "Registrations to activate")}</span></a>
                            <a class="stat card" href="/registry"><strong>{work.requests.len()}</strong><span>{t("添加院校申请", "Requests to add schools")}</span></a>
                            <a class="stat card" href="/registry"><strong>{institutions.len()}</strong><span>{t("院校总库", "Institutions")}</span></a>
                            <a class="stat card" href="/registry"><strong>{registered}</strong><span>{t("已注册院校", "Registered schools")}</span></a>
                        </div>
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn CoordinatorHome() -> impl IntoView {
    let leads = Resource::new(|| (), |_| crate::accounts::api::list_accounts());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let count = leads.await.map(|l| l.len()).unwrap_or(0);
                view! {
                    <div class="stats">
                        <a class="stat card" href="/school"><strong>{count}</strong><span>{t("证书负责人子账号", "Lead sub-accounts")}</span></a>
                    </div>
                    <p><a class="button primary" href="/school">{t("管理本校信息与子账号", "Manage school and sub-accounts")}</a></p>
                }
            })}
        </Suspense>
    }
}

#[component]
fn LeadHome() -> impl IntoView {
    let scope = Resource::new(|| (), |_| my_scope());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let colleges = scope.await.unwrap_or_default();
                view! {
                    <section class="card">
                        <h2>{t("我的负责范围", "My scope")}</h2>
                        <ul class="chips scope">{colleges.into_iter().map(|c| view! { <li>{c.name}</li> }).collect_view()}</ul>
                    </section>
                }
            })}
        </Suspense>
    }
}
