//! The sync badge in the header: how many changes wait, which ones fail and why, and when everything last
//! reached the server. It shows nothing until this browser has something to say.

use leptos::prelude::*;

use super::use_sync;
use crate::i18n::{t, tr};
use crate::ui::time::format_shanghai;

#[component]
pub fn SyncBadge() -> impl IntoView {
    let state = use_sync();
    // Rendered only once mounted: the server knows nothing of this browser's outbox, so the first render
    // must match its empty badge even if a sync has already counted something.
    let mounted = crate::ui::use_mounted();
    let summary = move || {
        if !mounted.get() {
            return None;
        }
        let pending = state.pending.get();
        let failing = state.failing.with(Vec::len);
        let others: usize = state.others.with(|o| o.iter().map(|(_, n)| n).sum());
        if pending == 0 && others > 0 {
            return Some(format!("{}{others}", t("其他账号待同步 ", "Other accounts' changes: ")));
        }
        if pending == 0 {
            return state
                .last_ok
                .get()
                .map(|ms| format!("{}{}", t("已同步 ", "Synced "), format_shanghai((ms / 1000.0) as i64)));
        }
        let mut text = format!("{}{pending}", t("待同步 ", "Waiting to sync: "));
        if failing > 0 {
            text.push_str(&format!(" · {}{failing}", t("需处理 ", "need attention: ")));
        }
        Some(text)
    };
    let sync_now = move |_| {
        #[cfg(feature = "hydrate")]
        super::request_sync(state);
    };
    let delete_others = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let question = t(
                "删除其他账号留在本机、尚未同步的修改？删除后无法恢复。",
                "Delete the changes other accounts left on this phone, not yet synced? This cannot be undone.",
            );
            if web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false) {
                super::request_delete_others(state);
            }
        }
    };
    move || {
        summary().map(|text| {
            let busy = state.pending.get() > 0 || state.others.with(|o| !o.is_empty());
            view! {
                <details class="sync-badge" class:waiting=busy>
                    <summary role="status">{text}</summary>
                    <div class="sync-details">
                        {move || state.stopped.get().map(|why| view! { <p class="muted">{tr(&why)}</p> })}
                        <ul>
                            {move || state.failing.get().into_iter().map(|(what, why)| view! {
                                <li><strong>{what}</strong>"：" {tr(&why)}</li>
                            }).collect_view()}
                        </ul>
                        {move || state.others.with(|o| !o.is_empty()).then(|| view! {
                            <div class="others" role="alert">
                                {state.others.get().into_iter().map(|(owner, n)| view! {
                                    <p>{format!("{}{}{n}{}", owner.name, t(" 在本机还有 ", " left "), t(
                                        " 项修改尚未同步，只会以其账号发送：其重新登录后自动同步。",
                                        " change(s) on this phone, not yet synced; they are sent only as that account, once it logs in again.",
                                    ))}</p>
                                }).collect_view()}
                                <button type="button" on:click=delete_others>{t("删除这些修改", "Delete those changes")}</button>
                            </div>
                        })}
                        {move || state.last_ok.get().map(|ms| view! {
                            <p class="muted">{t("上次成功同步：", "Last successful sync: ")}{format_shanghai((ms / 1000.0) as i64)}</p>
                        })}
                        <button type="button" on:click=sync_now disabled=move || state.running.get()>{t("立即同步", "Sync now")}</button>
                    </div>
                </details>
            }
        })
    }
}
