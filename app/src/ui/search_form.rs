//! A GET search form: the query lives in the URL, so results can be shared, reloaded and used without
//! scripts.

use leptos::prelude::*;

#[component]
pub fn SearchForm(
    /// The page the form submits to.
    action: &'static str,
    label: &'static str,
    button: &'static str,
    #[prop(into)] value: Signal<String>,
    /// Extra fields (filters) placed after the search box.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <form method="get" action=action class="card form search">
            <div class="field">
                <label for="q">{label}</label>
                <input id="q" name="q" type="search" value=value/>
            </div>
            {children.map(|c| c())}
            <button type="submit">{button}</button>
        </form>
    }
}
