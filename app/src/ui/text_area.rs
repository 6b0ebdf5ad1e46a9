//! A labelled multi-line field with its error underneath (the same shape as [`super::Field`]).

use leptos::prelude::*;

use super::FieldMsg;
use crate::error::AppError;

#[component]
pub fn TextArea(
    label: &'static str,
    name: &'static str,
    value: String,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(default = 3)] rows: u32,
) -> impl IntoView {
    view! {
        <div class="field">
            <label>
                <span class="label">{label}</span>
                <textarea name=name rows=rows>{value}</textarea>
            </label>
            <FieldMsg error field=name/>
        </div>
    }
}
