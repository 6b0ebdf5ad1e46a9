//! `/windows`: this year's application window (申报计划) — everyone reads whether it is open and until when;
//! the secretariat sets its opening and closing times (Beijing time).

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{get_window_status, SaveWindow, WindowStatus};
use crate::accounts::pages::SecretariatOnly;
use crate::declarations::api::{get_thresholds, SetThresholds};
use crate::declarations::flags::Thresholds;
use crate::i18n::{t, tr};
use crate::ui::time::datetime_local;
use crate::ui::{ErrorBox, Field, Loading};

#[component]
pub fn WindowsPage() -> impl IntoView {
    let save = ServerAction::<SaveWindow>::new();
    let thresholds = ServerAction::<SetThresholds>::new();
    let saved = crate::success_version_of!(save);
    let status = crate::ui::resource(move || saved.get(), |_| get_window_status());
    let set = crate::success_version_of!(thresholds);
    let current = crate::ui::resource(move || set.get(), |_| get_thresholds());
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    view! {
        <h1>{t("申报计划", "Application window")}</h1>
        <ErrorBox error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let current = current.await.unwrap_or_default();
                match status.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(s) => view! {
                        <WindowCard status=s.clone()/>
                        <SecretariatOnly>
                            <WindowForm status=s.clone() save/>
                            <ThresholdsForm action=thresholds current/>
                        </SecretariatOnly>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The window's state in a sentence, as schools see it (also on every home page).
#[component]
pub fn WindowCard(status: WindowStatus) -> impl IntoView {
    let class = if status.state.is_open() { "notice window-state" } else { "card window-state" };
    view! {
        <p class=class role="status">{status.year} {t("年度：", ": ")} {tr(&status.state.message())}</p>
    }
}

#[component]
fn WindowForm(status: WindowStatus, save: ServerAction<SaveWindow>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let (opens, closes) =
        status.window.map(|w| (datetime_local(w.opens_at), datetime_local(w.closes_at))).unwrap_or_default();
    view! {
        <ActionForm action=save attr:class="card form">
            <input type="hidden" name="year" value=status.year/>
            <Field label=t("开始时间（北京时间）", "Opens (Beijing time)") name="opens_at" kind="datetime-local" value=opens required=true error/>
            <Field label=t("截止时间（北京时间）", "Closes (Beijing time)") name="closes_at" kind="datetime-local" value=closes required=true error/>
            <button type="submit" class="primary">{t("保存申报计划", "Save the window")}</button>
        </ActionForm>
    }
}

/// The planned-number flag thresholds (default ≥ 300 and ≤ 9).
#[component]
fn ThresholdsForm(action: ServerAction<SetThresholds>, current: Thresholds) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let done = move || {
        action.value().get().and_then(|r| r.ok()).map(|_| view! { <p class="notice">{t("已保存。", "Saved.")}</p> })
    };
    view! {
        <details class="card">
            <summary>{t("计划人数异常提示阈值", "Planned-number flag thresholds")}</summary>
            {done}
            <ActionForm action attr:class="form">
                <Field label=t("不少于（人）", "At least (people)") name="high" kind="number" value=current.high.to_string() required=true error/>
                <Field label=t("不超过（人）", "At most (people)") name="low" kind="number" value=current.low.to_string() required=true error/>
                <button type="submit">{t("保存阈值", "Save thresholds")}</button>
            </ActionForm>
        </details>
    }
}
