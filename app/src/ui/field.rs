//! A labelled input that checks itself as it is typed, with the same validator the server runs.

use leptos::prelude::*;

use super::FieldMsg;
use crate::error::AppError;
use crate::forms::flash_value;
use crate::i18n::{tr, Text};
use crate::validate::FieldError;

/// A field check: Ok(None) valid, Ok(Some(warning)) valid with a warning, Err with the reason.
pub type Validator = fn(&str) -> Result<Option<Text>, FieldError>;

#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] validator: Option<Validator>,
    #[prop(optional, into)] hint: Option<&'static str>,
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    // With scripts off, a refused form comes back with what was typed.
    let value = if value.is_empty() && kind != "password" { flash_value(name).unwrap_or_default() } else { value };
    let (live, set_live) = signal(None::<Result<Option<Text>, FieldError>>);
    let on_input = move |ev| {
        if let Some(check) = validator {
            let value = event_target_value(&ev);
            set_live.set((!value.trim().is_empty()).then(|| check(value.trim())));
        }
    };
    // The input sits inside its label, so the same form may appear several times on a page without ids.
    view! {
        <div class="field">
            <label>
                <span class="label">{label}</span>
                <input
                    type=kind
                    name=name
                    value=value
                    required=required
                    autocomplete=autocomplete
                    on:input=on_input
                />
            </label>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {move || match live.get() {
                Some(Err(e)) => Some(view! { <p class="field-error" role="alert">{tr(&e.message)}</p> }.into_any()),
                Some(Ok(Some(w))) => Some(view! { <p class="field-warning">{tr(&w)}</p> }.into_any()),
                _ => None,
            }}
            <FieldMsg error field=name/>
        </div>
    }
}
