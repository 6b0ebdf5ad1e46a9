//! `/register`: a school finds itself in the registry and registers its coordinator account, or asks the
//! secretariat to add it (seed FAQ 2). `/register/done` confirms.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::checks;
use super::contact_fields::ContactFields;
use crate::i18n::t;
use crate::i18n::tr;
use crate::institutions::api::{search_registry, RegisterSchool, RequestAddition};
use crate::institutions::model::{city_label, CITIES};
use crate::ui::{ErrorBox, Field, Loading, TextBox};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let school = move || query.read().get("school").and_then(|s| s.parse::<i64>().ok());
    let hits = crate::ui::resource(q, search_registry);
    view! {
        <h1>{t("学校注册", "School registration")}</h1>
        <p class="hint">{t(
            "每所学校只有一个校级总账号，一般由教务处管理。注册后需秘书处激活才能登录。",
            "Each school has one coordinator account, usually kept by the academic affairs office. The secretariat activates it.",
        )}</p>
        <form method="get" action="/register" class="card form search">
            <div class="field">
                <label for="q">{t("在院校总库中查找本校", "Find your school in the registry")}</label>
                <input id="q" name="q" type="search" value=q minlength="2" required/>
            </div>
            <button type="submit">{t("查找", "Search")}</button>
        </form>
        {move || match school() {
            Some(id) => view! { <RegisterForm institution_id=id/> }.into_any(),
            None => view! {
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        let searched = !q().is_empty();
                        let list = hits.await.unwrap_or_default();
                        view! {
                            <ul class="list">
                                {list.into_iter().map(|h| view! {
                                    <li class="card">
                                        <p class="title">{h.name.clone()}</p>
                                        <p class="muted">{tr(&city_label(&h.city))}</p>
                                        {if h.registered {
                                            view! { <p>{t("已注册校级总账号。忘记账号或密码请联系秘书处 0771-6709558。", "Already registered. Forgot the account? Call the secretariat, 0771-6709558.")}</p> }.into_any()
                                        } else {
                                            view! { <a class="button primary" href=format!("/register?school={}", h.id)>{t("注册本校", "Register this school")}</a> }.into_any()
                                        }}
                                    </li>
                                }).collect_view()}
                            </ul>
                            {searched.then(|| view! { <RequestForm/> })}
                        }
                    })}
                </Transition>
            }.into_any(),
        }}
    }
}

#[component]
fn RegisterForm(institution_id: i64) -> impl IntoView {
    let action = ServerAction::<RegisterSchool>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <h2>{t("注册校级总账号", "Register the coordinator account")}</h2>
        <ErrorBox error/>
        <ActionForm action attr:class="card form">
            <input type="hidden" name="institution_id" value=institution_id/>
            <Field label=t("用户名", "Username") name="username" required=true error validator=checks::username autocomplete="username"/>
            <Field label=t("密码", "Password") name="password" kind="password" required=true error autocomplete="new-password"
                hint=t("至少8位，包含字母和数字。", "At least 8 characters with letters and digits.")/>
            <Field label=t("再次输入密码", "Password again") name="confirm_password" kind="password" required=true error autocomplete="new-password"/>
            <ContactFields error/>
            <button type="submit" class="primary">{t("提交注册", "Register")}</button>
        </ActionForm>
    }
}

#[component]
fn RequestForm() -> impl IntoView {
    let action = ServerAction::<RequestAddition>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <details class="card">
            <summary>{t("找不到本校？请秘书处添加", "School not found? Ask the secretariat to add it")}</summary>
            <ErrorBox error/>
            <ActionForm action attr:class="form">
                <Field label=t("院校名称", "Institution name") name="name" required=true error/>
                <div class="field">
                    <label for="f-city">{t("所在地级市", "City")}</label>
                    <select id="f-city" name="city">
                        {CITIES.iter().map(|c| view! { <option value=c.0>{tr(&city_label(c.0))}</option> }).collect_view()}
                    </select>
                </div>
                <ContactFields error/>
                <div class="field">
                    <label for="f-note">{t("备注（可选）", "Note (optional)")}</label>
                    <TextBox id="f-note" name="note" rows=2/>
                </div>
                <button type="submit" class="primary">{t("提交申请", "Send request")}</button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn RegisterDonePage() -> impl IntoView {
    let query = use_query_map();
    let is_request = move || query.read().get("request").is_some();
    view! {
        <h1>{t("已提交", "Submitted")}</h1>
        <p class="notice" role="status">
            {move || if is_request() {
                t("添加院校的申请已交给秘书处。添加后即可回到本页注册。", "Your request reached the secretariat. Once the school is added, come back to register.")
            } else {
                t("注册已提交，等待秘书处激活。激活后即可用该账号登录。", "Registration submitted. You can log in once the secretariat activates it.")
            }}
        </p>
        <p><a href="/login">{t("前往登录", "Go to log in")}</a></p>
    }
}
