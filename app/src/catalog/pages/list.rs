//! `/certificates`: search certificates, their organizations and the major catalog (Chinese substrings or
//! pinyin initials) — a lead finds what a major may declare, or a certificate's requirements.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::accounts::pages::SecretariatOnly;
use crate::catalog::model::CertificateSummary;
use crate::catalog::model::MajorHit;
use crate::catalog::search::search_catalog;
use crate::i18n::{t, tr};
use crate::ui::{Loading, SearchForm};

#[component]
pub fn CertificatesPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = crate::ui::resource(q, search_catalog);
    view! {
        <h1>{t("证书要求", "Certificate requirements")}</h1>
        <SearchForm
            action="/certificates"
            label=t("搜索证书、培训评价组织或专业（可用拼音首字母，如 lnzh）", "Search certificates, organizations or majors (pinyin initials work, e.g. lnzh)")
            button=t("搜索", "Search")
            value=Signal::derive(q)
        />
        <p class="row-actions">
            <a href="/majors">{t("专业目录", "Major catalog")}</a>
            <SecretariatOnly>
                <a href="/organizations">{t("管理培训评价组织与证书", "Manage organizations and certificates")}</a>
            </SecretariatOnly>
        </p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let results = results.await.unwrap_or_default();
                if results.certificates.is_empty() && results.majors.is_empty() {
                    return view! { <p class="empty">{t("没有找到相关证书或专业。", "No certificate or major found.")}</p> }.into_any();
                }
                view! {
                    <Certificates list=results.certificates/>
                    <Majors list=results.majors/>
                }.into_any()
            })}
        </Transition>
    }
}

#[component]
fn Certificates(list: Vec<CertificateSummary>) -> impl IntoView {
    (!list.is_empty()).then(|| view! {
        <ul class="list certificates">
            {list.into_iter().map(|c| {
                let levels = c.open_levels.iter().map(|l| tr(&l.label())).collect::<Vec<_>>().join("、");
                view! {
                    <li class="card">
                        <a class="title" href=format!("/certificates/{}", c.id)>{c.name.clone()}</a>
                        {c.is_demo.then(|| view! { <span class="tag demo">{t("演示", "Demo")}</span> })}
                        <p class="muted">{c.organization.clone()}</p>
                        <p class="muted">
                            {if levels.is_empty() { t("本年度暂未开放", "Not open this year").to_string() } else { format!("{}{levels}", t("本年度开放：", "Open this year: ")) }}
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    })
}

/// Matching majors, each with the certificates open to it this year.
#[component]
fn Majors(list: Vec<MajorHit>) -> impl IntoView {
    (!list.is_empty()).then(|| view! {
        <h2>{t("专业", "Majors")}</h2>
        <ul class="list majors-found">
            {list.into_iter().map(|hit| view! {
                <li class="card">
                    <p class="title">{hit.major.code.clone()} " " {hit.major.name.clone()}</p>
                    <p class="muted">{tr(&hit.major.education_level.label())} {(!hit.major.category.is_empty()).then(|| format!(" · {}", hit.major.category))}</p>
                    {if hit.certificates.is_empty() {
                        view! { <p class="muted">{t("本年度暂无对该专业开放的证书。", "No certificate is open to this major this year.")}</p> }.into_any()
                    } else {
                        view! {
                            <p>{t("本年度可申报：", "May declare this year: ")}
                                {hit.certificates.into_iter().map(|(id, name)| view! { <a class="chip" href=format!("/certificates/{id}")>{name}</a> " " }).collect_view()}
                            </p>
                        }.into_any()
                    }}
                </li>
            }).collect_view()}
        </ul>
    })
}
