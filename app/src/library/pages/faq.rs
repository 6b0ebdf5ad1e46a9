//! `/faq`: the seed's questions and answers, searchable, and the secretariat's contact card.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::tabs::LibraryTabs;
use crate::accounts::pages::{is_secretariat, SecretariatOnly};
use crate::i18n::t;
use crate::library::api::{get_contact, list_faq, SaveContact, SaveFaq};
use crate::library::model::{ContactCard, Faq};
use crate::ui::{ErrorBox, Field, Loading, SearchForm, TextArea};

#[component]
pub fn FaqPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let save = ServerAction::<SaveFaq>::new();
    let save_contact = ServerAction::<SaveContact>::new();
    let faqs = crate::ui::resource(move || (q(), save.version().get()), |(q, _)| list_faq(q));
    let contact = crate::ui::resource(move || save_contact.version().get(), |_| get_contact());
    let editor = is_secretariat();
    let error = Signal::derive(move || {
        save.value().get().and_then(|r| r.err()).or_else(|| save_contact.value().get().and_then(|r| r.err()))
    });
    view! {
        <h1>{t("常见问题", "Frequently asked questions")}</h1>
        <LibraryTabs current="/faq"/>
        <SearchForm action="/faq" label=t("搜索问题和答案", "Search questions and answers") button=t("搜索", "Search") value=Signal::derive(q)/>
        <ErrorBox error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let list = faqs.await.unwrap_or_default();
                if list.is_empty() {
                    return view! { <p class="empty">{t("没有找到相关问题，可直接联系秘书处。", "No match; contact the secretariat.")}</p> }.into_any();
                }
                view! {
                    <div class="faqs">
                        {list.into_iter().map(|f| view! { <FaqItem faq=f save editor/> }).collect_view()}
                    </div>
                }.into_any()
            })}
        </Transition>
        <SecretariatOnly>
            <details class="card">
                <summary>{t("新增问题", "Add a question")}</summary>
                <FaqForm save faq=None/>
            </details>
        </SecretariatOnly>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                contact.await.ok().map(|card| view! { <Contact card save=save_contact editor/> })
            })}
        </Suspense>
    }
}

#[component]
fn FaqItem(faq: Faq, save: ServerAction<SaveFaq>, editor: Signal<bool>) -> impl IntoView {
    let edit = faq.clone();
    view! {
        <details class="card faq">
            <summary>{faq.seq} ". " {faq.question.clone()}</summary>
            {faq.answer.split('\n').map(|line| view! { <p>{line.to_string()}</p> }).collect_view()}
            <Show when=move || editor.get()>
                <FaqForm save faq=Some(edit.clone())/>
            </Show>
        </details>
    }
}

#[component]
fn FaqForm(save: ServerAction<SaveFaq>, faq: Option<Faq>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm action=save attr:class="form">
            {faq.as_ref().map(|f| view! { <input type="hidden" name="id" value=f.id/> })}
            <Field label=t("问题", "Question") name="question" value=faq.as_ref().map(|f| f.question.clone()).unwrap_or_default() required=true error/>
            <TextArea label=t("答案", "Answer") name="answer" rows=5 required=true error
                value=faq.as_ref().map(|f| f.answer.clone())/>
            <button type="submit" class="primary">{t("保存", "Save")}</button>
        </ActionForm>
    }
}

#[component]
fn Contact(card: ContactCard, save: ServerAction<SaveContact>, editor: Signal<bool>) -> impl IntoView {
    let edit = card.clone();
    view! {
        <section class="card contact-card">
            <h2>{t("秘书处联系方式", "Secretariat contact")}</h2>
            <p>{t("电话：", "Phone: ")}<a href=format!("tel:{}", card.phone)>{card.phone.clone()}</a></p>
            <p>{t("邮箱：", "Email: ")}<a href=format!("mailto:{}", card.email)>{card.email.clone()}</a></p>
            {(!card.address.is_empty()).then(|| view! { <p>{t("地址：", "Address: ")}{card.address.clone()}</p> })}
            {(!card.website.is_empty()).then(|| view! {
                <p>{t("网址：", "Website: ")}<a href=card.website.clone() target="_blank" rel="noopener">{card.website.clone()}</a></p>
            })}
            <Show when=move || editor.get()>
                <ContactEditor card=edit.clone() save/>
            </Show>
        </section>
    }
}

#[component]
fn ContactEditor(card: ContactCard, save: ServerAction<SaveContact>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    view! {
        <details>
            <summary>{t("编辑联系方式", "Edit contact")}</summary>
            <ActionForm action=save attr:class="form">
                <Field label=t("电话", "Phone") name="phone" value=card.phone required=true error/>
                <Field label=t("邮箱", "Email") name="email" value=card.email required=true error/>
                <Field label=t("地址", "Address") name="address" value=card.address error/>
                <Field label=t("网址", "Website") name="website" value=card.website error/>
                <button type="submit" class="primary">{t("保存", "Save")}</button>
            </ActionForm>
        </details>
    }
}
