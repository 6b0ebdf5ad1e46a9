//! `/`: each role lands on a home with its own data (one resource: see `home_api`).

use leptos::prelude::*;
use leptos::server_fn::ServerFn as _;
use leptos_router::components::Redirect;

use super::home_api::{get_home, Home, HomePanel};
use crate::accounts::model::Role;
use crate::catalog::api::DecideMajorRequest;
use crate::catalog::model::MajorRequest;
use crate::i18n::{t, tr};
use crate::library::model::Notice;
use crate::ui::{time::format_shanghai, Loading, PlainDecision};
use crate::windows::page::WindowCard;

#[component]
pub fn HomePage() -> impl IntoView {
    let home = crate::ui::resource(|| (), |_| get_home());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match home.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(Home { user: Some(u), .. }) if u.must_change_password => {
                        view! { <Redirect path="/account/password"/> }.into_any()
                    }
                    Ok(home) => view! { <HomeView home/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HomeView(home: Home) -> impl IntoView {
    let heading = match &home.user {
        Some(u) => format!("{}，{}", u.display_name, tr(&u.role.label())),
        None => t("广西1+X证书制度试点申报", "Guangxi 1+X certificate pilot declarations").to_string(),
    };
    let institution = home.user.as_ref().and_then(|u| u.institution_name.clone());
    view! {
        <h1>{heading}</h1>
        {institution.map(|n| view! { <p class="muted">{n}</p> })}
        <a class="window-link" href="/windows"><WindowCard status=home.window/></a>
        {home.user.is_some().then(|| view! {
            <p class="row-actions">
                <a class="button inbox-link" href="/inbox">
                    {t("消息", "Inbox")} {(home.unread > 0).then(|| view! { " " <span class="tag unread-count">{home.unread}</span> })}
                </a>
                {home.user.as_ref().is_some_and(|u| matches!(u.role, Role::Secretariat | Role::Coordinator | Role::Lead)).then(|| view! {
                    <a class="button" href="/declarations">{t("申报书", "Declarations")}</a>
                })}
                <a class="button" href="/results">{t("试点结果", "Results")}</a>
            </p>
        })}
        <Panel panel=home.panel/>
        <LatestNotices notices=home.notices/>
    }
}

#[component]
fn Panel(panel: HomePanel) -> impl IntoView {
    match panel {
        HomePanel::Welcome => view! {
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
        .into_any(),
        HomePanel::Secretariat { registrations, requests, institutions, registered } => view! {
            <div class="stats">
                <a class="stat card" href="/registry"><strong>{registrations}</strong><span>{t("待激活注册", "Registrations to activate")}</span></a>
                <a class="stat card" href="/registry"><strong>{requests}</strong><span>{t("添加院校申请", "Requests to add schools")}</span></a>
                <a class="stat card" href="/registry"><strong>{institutions}</strong><span>{t("院校总库", "Institutions")}</span></a>
                <a class="stat card" href="/registry"><strong>{registered}</strong><span>{t("已注册院校", "Registered schools")}</span></a>
            </div>
        }
        .into_any(),
        HomePanel::Coordinator { leads, requests } => view! {
            <div class="stats">
                <a class="stat card" href="/school"><strong>{leads}</strong><span>{t("证书负责人子账号", "Lead sub-accounts")}</span></a>
            </div>
            <p><a class="button primary" href="/school">{t("管理本校信息与子账号", "Manage school and sub-accounts")}</a></p>
            <MajorRequests requests/>
        }
        .into_any(),
        HomePanel::Lead { scope, requests } => view! {
            <section class="card">
                <h2>{t("我的负责范围", "My scope")}</h2>
                <ul class="chips scope">{scope.into_iter().map(|c| view! { <li>{c.name}</li> }).collect_view()}</ul>
            </section>
            <MajorRequests requests/>
        }
        .into_any(),
        HomePanel::Org { requests } => view! {
            <p><a class="button primary" href="/certificates">{t("维护本组织的证书", "Maintain our certificates")}</a></p>
            <MajorRequests requests answerable=true/>
        }
        .into_any(),
        HomePanel::Staff => view! {
            <p class="card">{t("您的评审任务与证书维护将在此显示。", "Your review tasks and certificates will appear here.")}</p>
        }
        .into_any(),
    }
}

#[component]
fn LatestNotices(notices: Vec<Notice>) -> impl IntoView {
    (!notices.is_empty()).then(|| {
        view! {
            <section class="latest-notices">
                <h2>{t("最新通知", "Latest notices")}</h2>
                <ul class="list">
                    {notices.into_iter().map(|n| view! {
                        <li class="card">
                            <a class="title" href="/notices">{n.title}</a>
                            <p class="muted">{format_shanghai(n.published_at)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// Requests to add majors: a school follows its own; an organization answers the open ones.
///
/// The answers are plain forms posting to the server function, which sends the browser back to this page:
/// the same with scripts on or off, and it keeps the action machinery's code out of the home page's first
/// load (docs/PERFORMANCE.md).
#[component]
fn MajorRequests(requests: Vec<MajorRequest>, #[prop(optional)] answerable: bool) -> impl IntoView {
    (!requests.is_empty()).then(|| {
        view! {
            <section class="major-requests">
                <h2>{t("专业增补申请", "Requests to add majors")}</h2>
                <ul class="list">
                    {requests.into_iter().map(|r| view! {
                        <li class="card" data-major=r.major_code.clone()>
                            <p class="title">{r.certificate.clone()} " · " {tr(&r.level.label())} " · " {r.year}</p>
                            <p>{r.major_code.clone()} " " {r.major_name.clone()} " · " {r.institution.clone()}</p>
                            <p class="muted request-status">{tr(&r.status.label())}</p>
                            {answerable.then(|| view! {
                                <PlainDecision url=DecideMajorRequest::url() id_name="id" id=r.id answer_name="accept"
                                    yes=t("同意增加", "Accept") no=t("不同意", "Decline")/>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
