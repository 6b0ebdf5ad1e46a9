//! `/certificates`: find a certificate by words of its name or its organization's.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::catalog::api::list_certificates;
use crate::i18n::{t, tr};
use crate::ui::{Loading, SearchForm};

#[component]
pub fn CertificatesPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let certificates = Resource::new(q, list_certificates);
    view! {
        <h1>{t("证书要求", "Certificate requirements")}</h1>
        <SearchForm
            action="/certificates"
            label=t("搜索证书或培训评价组织", "Search certificates or organizations")
            button=t("搜索", "Search")
            value=Signal::derive(q)
        />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let list = certificates.await.unwrap_or_default();
                if list.is_empty() {
                    return view! { <p class="empty">{t("没有找到相关证书。", "No certificate found.")}</p> }.into_any();
                }
                view! {
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
                }.into_any()
            })}
        </Transition>
    }
}
