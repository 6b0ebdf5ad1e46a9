//! What the secretariat alone sees: edit forms shown only to it (the server checks every call again).

use leptos::prelude::*;

use crate::accounts::api::use_user;
use crate::accounts::model::Role;

/// True when the current user is the secretariat (only to show edit forms; the server checks again).
pub fn is_secretariat() -> Signal<bool> {
    let user = use_user();
    Signal::derive(move || user.get().and_then(|r| r.ok()).flatten().is_some_and(|u| u.role == Role::Secretariat))
}

/// Renders its children only for the secretariat, once the user is known (also when rendered on the
/// server, where a plain `Show` would render before the user has loaded).
#[component]
pub fn SecretariatOnly(children: ChildrenFn) -> impl IntoView {
    let user = use_user();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    let allowed = user.await.ok().flatten().is_some_and(|u| u.role == Role::Secretariat);
                    allowed.then(|| children())
                })
            }}
        </Suspense>
    }
}
