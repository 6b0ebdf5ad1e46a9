//! A plain multipart upload form for spreadsheet imports (works with scripts off): the server answers with
//! a redirect to the import's report.

use leptos::prelude::*;

#[component]
pub fn ImportForm(
    /// The upload route, e.g. `/api/majors/import`.
    action: &'static str,
    summary: &'static str,
    /// What the file must contain and what happens on errors.
    hint: &'static str,
    #[prop(optional)] open: bool,
) -> impl IntoView {
    view! {
        <details class="card" open=open>
            <summary>{summary}</summary>
            <p class="hint">{hint}</p>
            <form method="post" action=action enctype="multipart/form-data" class="form">
                <div class="field">
                    <label>
                        <span class="label">{crate::i18n::t("选择文件", "Choose file")}</span>
                        <input type="file" name="file" accept=".xlsx,.csv" required/>
                    </label>
                </div>
                <button type="submit" class="primary">{crate::i18n::t("导入", "Import")}</button>
            </form>
        </details>
    }
}
