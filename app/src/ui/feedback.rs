//! Error, notice and loading messages.

use crate::error::AppError;
use crate::forms::flash_error;
use crate::i18n::{t, tr, Text};
use leptos::prelude::*;

/// The error of a form: from its action (scripts on) or from the flash of its refused post (scripts off).
#[component]
pub fn ErrorBox(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let shown = move || error.get().or_else(flash_error);
    move || {
        shown().map(|e| {
            let fields = match &e {
                AppError::Validation(list) if list.len() > 1 => {
                    list.iter().map(|f| view! { <li>{tr(&f.message)}</li> }).collect_view().into_any()
                }
                _ => ().into_any(),
            };
            let headline = match &e {
                AppError::Validation(list) if list.len() > 1 => {
                    t("请修改以下内容后再提交：", "Please correct the following:").to_string()
                }
                _ => tr(&e.message()),
            };
            view! {
                <div class="error-box" role="alert">
                    <p>{headline}</p>
                    <ul>{fields}</ul>
                </div>
            }
        })
    }
}

/// The message for one field, shown under it.
#[component]
pub fn FieldMsg(#[prop(into)] error: Signal<Option<AppError>>, #[prop(into)] field: String) -> impl IntoView {
    let message = move || error.get().or_else(flash_error).and_then(|e| e.field_message(&field));
    move || message().map(|m| view! { <p class="field-error" role="alert">{tr(&m)}</p> })
}

/// A success or information message.
#[component]
pub fn Notice(text: Text) -> impl IntoView {
    view! { <p class="notice" role="status">{tr(&text)}</p> }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading">{t("加载中…", "Loading…")}</p> }
}
