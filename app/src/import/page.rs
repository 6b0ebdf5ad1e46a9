//! `/registry/imports/:id` and `/majors/imports/:id`: what an import did, or why it did nothing.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use super::api::get_import_report;
use crate::i18n::{t, tr};
use crate::ui::Loading;

#[component]
pub fn ImportReportPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let report = crate::ui::resource(id, get_import_report);
    // The same page reports registry and major catalog imports; the path says which.
    let location = use_location();
    view! {
        <h1>{t("导入结果", "Import result")}</h1>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match report.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(r) if r.errors.is_empty() => view! {
                        <p class="notice" role="status">
                            {format!("{} {} · {} {} · {} {}", t("读取", "Read"), r.rows_read, t("新增", "added"), r.inserted, t("更新", "updated"), r.updated)}
                        </p>
                    }.into_any(),
                    Ok(r) => view! {
                        <div class="error-box" role="alert">
                            <p>{format!("{}{}", t("未导入任何数据。请修改以下行后重新导入。出错行数：", "Nothing was imported. Fix these rows and import again. Rows with errors: "), r.errors.len())}</p>
                        </div>
                        <table class="report">
                            <thead><tr><th>{t("行", "Row")}</th><th>{t("问题", "Problem")}</th></tr></thead>
                            <tbody>
                                {r.errors.into_iter().map(|row| view! {
                                    <tr>
                                        <td>{row.row}</td>
                                        <td>{row.errors.iter().map(|e| tr(&e.message)).collect::<Vec<_>>().join(" ")}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Suspense>
        {move || if location.pathname.get().starts_with("/majors") {
            view! { <p><a href="/majors">{t("返回专业目录", "Back to the major catalog")}</a></p> }
        } else {
            view! { <p><a href="/registry">{t("返回院校总库", "Back to the registry")}</a></p> }
        }}
    }
}
