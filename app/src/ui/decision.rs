//! A yes-or-no answer to one waiting item (activate a registration, add a school, accept a major): two
//! buttons, each its own form posting the item's id and `true` or `false`, so it works with scripts off.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos::server_fn::client::Client;
use leptos::server_fn::codec::PostUrl;
use leptos::server_fn::request::ClientReq;
use leptos::server_fn::{Http, ServerFn};
use leptos::web_sys::FormData;
use serde::de::DeserializeOwned;

/// The two answers to the item `id` (posted as `id_name`), through `action`: `answer_name` is `true` for
/// `yes` and `false` for `no`. Without an action the answers are plain forms to `url` (pages that keep the
/// action machinery out of their first load).
#[component]
pub fn Decision<ServFn, OutputProtocol>(
    action: ServerAction<ServFn>,
    id_name: &'static str,
    id: i64,
    answer_name: &'static str,
    yes: &'static str,
    no: &'static str,
) -> impl IntoView
where
    ServFn: DeserializeOwned + ServerFn<Protocol = Http<PostUrl, OutputProtocol>> + Clone + Send + Sync + 'static,
    <<ServFn::Client as Client<ServFn::Error>>::Request as ClientReq<ServFn::Error>>::FormData: From<FormData>,
    ServFn::Output: Send + Sync + 'static,
    ServFn::Error: Send + Sync + 'static,
    <ServFn as ServerFn>::Client: Client<<ServFn as ServerFn>::Error>,
    OutputProtocol: 'static,
{
    let fields = Answer { id_name, id, answer_name, yes, no };
    view! {
        <div class="row-actions">
            <ActionForm action>{fields.yes()}</ActionForm>
            <ActionForm action>{fields.no()}</ActionForm>
        </div>
    }
}

/// [`Decision`] as plain forms posting to `url`: the server function sends the browser back to the page.
#[component]
pub fn PlainDecision(
    url: &'static str,
    id_name: &'static str,
    id: i64,
    answer_name: &'static str,
    yes: &'static str,
    no: &'static str,
) -> impl IntoView {
    let fields = Answer { id_name, id, answer_name, yes, no };
    view! {
        <div class="row-actions">
            <form method="post" action=url>{fields.yes()}</form>
            <form method="post" action=url>{fields.no()}</form>
        </div>
    }
}

/// What each of the two forms holds.
#[derive(Clone, Copy)]
struct Answer {
    id_name: &'static str,
    id: i64,
    answer_name: &'static str,
    yes: &'static str,
    no: &'static str,
}

impl Answer {
    fn yes(self) -> impl IntoView {
        self.fields(true, self.yes, "primary")
    }

    fn no(self) -> impl IntoView {
        self.fields(false, self.no, "")
    }

    fn fields(self, value: bool, label: &'static str, class: &'static str) -> impl IntoView {
        view! {
            <input type="hidden" name=self.id_name value=self.id/>
            <input type="hidden" name=self.answer_name value=value.to_string()/>
            <button type="submit" class=class>{label}</button>
        }
    }
}
