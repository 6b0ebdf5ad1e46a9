//! The library's section links.

use leptos::prelude::*;

use crate::i18n::t;

#[component]
pub fn LibraryTabs(current: &'static str) -> impl IntoView {
    let tabs = [
        ("/library", t("政策文件", "Policies")),
        ("/notices", t("通知公告", "Notices")),
        ("/faq", t("常见问题", "FAQ")),
    ];
    view! {
        <nav class="tabs" aria-label=t("资料", "Library")>
            {tabs
                .into_iter()
                .map(|(href, label)| {
                    let current = (href == current).then_some("page");
                    view! { <a href=href aria-current=current>{label}</a> }
                })
                .collect_view()}
        </nav>
    }
}
