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
    move || {
        summary().map(|text| {
            let busy = state.pending.get() > 0;
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
