//! `/majors`: the major catalog — how many majors of each education level it holds, a search box (the
//! catalog search), and for the secretariat the CSV/.xlsx import with its per-row report.

use leptos::prelude::*;

use crate::accounts::pages::SecretariatOnly;
use crate::catalog::majors::major_counts;
use crate::i18n::{t, tr};
use crate::ui::{ErrorBox, ImportForm, Loading, SearchForm};

#[component]
pub fn MajorsPage() -> impl IntoView {
    let counts = crate::ui::resource(|| (), |_| major_counts());
    view! {
        <h1>{t("专业目录", "Major catalog")}</h1>
        <ErrorBox error=Signal::derive(|| None)/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let counts = counts.await.unwrap_or_default();
                let total: i64 = counts.iter().map(|(_, n)| n).sum();
                view! {
                    <p class="muted majors-total">{format!("{} {total} {}", t("共", "In all"), t("个专业", "majors"))}</p>
                    <ul class="chips">
                        {counts.into_iter().map(|(level, n)| view! { <li>{tr(&level.label())} " " {n}</li> }).collect_view()}
                    </ul>
                }
            })}
        </Transition>
        <SearchForm
            action="/certificates"
            label=t("按专业代码、名称或拼音首字母查找专业及可申报证书", "Find a major by code, name or pinyin initials, and the certificates it may declare")
            button=t("搜索", "Search")
            value=Signal::derive(String::new)
        />
        <SecretariatOnly>
            <MajorImport/>
        </SecretariatOnly>
    }
}

#[component]
fn MajorImport() -> impl IntoView {
    view! {
        <ImportForm
            action="/api/majors/import"
            open=true
            summary=t("导入专业目录（.xlsx 或 .csv）", "Import the major catalog (.xlsx or .csv)")
            hint=t(
                "表头：专业代码、专业名称、层次（中职 / 高职专科 / 职业本科 / 普通本科）、专业大类。按专业代码更新已有专业。任何一行有错则全部不导入，并列出每行的错误。",
                "Header: code, name, level (中职 / 高职专科 / 职业本科 / 普通本科), category. Existing codes are updated. If any row is wrong nothing is imported and every error is listed.",
            )
        />
    }
}
