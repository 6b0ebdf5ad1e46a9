//! `/followup`: the coordinator of a pilot school submits its working organization and contacts; the
//! secretariat sees which approved schools have submitted and reminds the others.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{followup_page, FollowUpStatus, FollowUpView, MyFollowUp, RemindFollowups, SubmitFollowup};
use crate::forms::echoed_values;
use crate::i18n::{t, tr};
use crate::ui::time::format_shanghai;
use crate::ui::{ErrorBox, Field, FieldMsg, Loading, TextArea};

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let submit = ServerAction::<SubmitFollowup>::new();
    let remind = ServerAction::<RemindFollowups>::new();
    let submitted = crate::success_version_of!(submit);
    // One call answers for the caller's role, so a page that renders is never answered with a refusal.
    let view = crate::ui::resource(move || submitted.get(), |_| followup_page());
    view! {
        <h1>{t("试点工作机构及联系人", "Pilot working organization and contacts")}</h1>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match view.await {
                    Ok(FollowUpView::School(m)) => view! { <SchoolForm m=*m submit/> }.into_any(),
                    Ok(FollowUpView::Secretariat(list)) => view! { <Status list remind/> }.into_any(),
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SchoolForm(m: MyFollowUp, submit: ServerAction<SubmitFollowup>) -> impl IntoView {
    if m.approved.is_empty() {
        return view! { <p class="empty">{t("本校今年尚无获批的试点，无需填报。", "Your school has no approved pilot this year.")}</p> }.into_any();
    }
    let error = Signal::derive(move || submit.value().get().and_then(|r| r.err()));
    let done = move || {
        submit.value().get().and_then(|r| r.ok()).map(
            |_| view! { <p class="notice" role="status">{t("已提交秘书处。", "Submitted to the secretariat.")}</p> },
        )
    };
    let echo = echoed_values("followup", "1").unwrap_or_default();
    let f = m.followup.clone();
    let value = move |name: &str, stored: &str| echo.get(name).cloned().unwrap_or_else(|| stored.to_string());
    view! {
        <p>{t("获批试点：", "Approved pilots: ")}{m.approved.join("、")}" " <a href="/results">{t("试点结果", "Results")}</a></p>
        {m.submitted_at.map(|at| view! { <p class="muted">{t("上次提交：", "Last submitted: ")}{format_shanghai(at)}</p> })}
        {done}
        <ActionForm action=submit attr:class="card form followup">
            <ErrorBox error/>
            <input type="hidden" name="followup" value="1"/>
            <TextArea label=t("领导小组（组长一般为教学副校长）及成员", "Leadership group (normally led by the vice-president for teaching)") name="leadership_group" value=value("leadership_group", &f.leadership_group) error/>
            <TextArea label=t("工作小组", "Working group") name="working_group" value=value("working_group", &f.working_group) error/>
            <fieldset class="field">
                <legend>{t("分管1+X工作的校领导", "School leader in charge of 1+X")}</legend>
                <Field label=t("姓名", "Name") name="leader_name" value=value("leader_name", &f.leader_name) error/>
                <Field label=t("职务", "Title") name="leader_title" value=value("leader_title", &f.leader_title) error/>
                <Field label=t("电话", "Phone") name="leader_phone" kind="tel" value=value("leader_phone", &f.leader_phone) error/>
            </fieldset>
            <fieldset class="field">
                <legend>{t("教务处联系人", "Coordinator staff")}</legend>
                <Field label=t("姓名", "Name") name="staff_name" value=value("staff_name", &f.staff_name) error/>
                <Field label=t("职务", "Title") name="staff_title" value=value("staff_title", &f.staff_title) error/>
                <Field label=t("手机", "Mobile") name="staff_mobile" kind="tel" value=value("staff_mobile", &f.staff_mobile) error/>
                <Field label=t("QQ邮箱", "QQ mailbox") name="staff_qq_email" kind="email" value=value("staff_qq_email", &f.staff_qq_email) error/>
            </fieldset>
            {f.leads.iter().enumerate().map(|(n, lead)| view! {
                <fieldset class="field lead-contact">
                    <legend>{format!("{}{}", lead.certificate, t(" 证书负责人", " lead"))}</legend>
                    <input type="hidden" name=format!("leads[{n}][certificate]") value=lead.certificate.clone()/>
                    <label class="field"><span class="label">{t("姓名", "Name")}</span><input name=format!("leads[{n}][name]") value=lead.name.clone()/></label>
                    <FieldMsg error field=format!("leads[{n}][name]")/>
                    <label class="field"><span class="label">{t("手机", "Mobile")}</span><input name=format!("leads[{n}][mobile]") type="tel" value=lead.mobile.clone()/></label>
                    <FieldMsg error field=format!("leads[{n}][mobile]")/>
                    <label class="field"><span class="label">{t("QQ邮箱", "QQ mailbox")}</span><input name=format!("leads[{n}][qq_email]") type="email" value=lead.qq_email.clone()/></label>
                    <FieldMsg error field=format!("leads[{n}][qq_email]")/>
                </fieldset>
            }).collect_view()}
            <button type="submit" class="primary">{t("提交秘书处", "Submit to the secretariat")}</button>
        </ActionForm>
    }
    .into_any()
}

#[component]
fn Status(list: Vec<FollowUpStatus>, remind: ServerAction<RemindFollowups>) -> impl IntoView {
    let missing = list.iter().filter(|s| s.submitted_at.is_none()).count();
    let reminded = move || {
        remind.value().get().and_then(|r| r.ok()).map(|n| view! {
            <p class="notice" role="status">{format!("{}{n}{}", t("已提醒 ", "Reminded "), t(" 所院校。", " school(s)."))}</p>
        })
    };
    view! {
        <p data-missing=missing>{format!("{}{}，{}{missing}", t("获批院校 ", "Approved schools: "), list.len(), t("未填报 ", "not yet submitted: "))}</p>
        <ul class="list followup-status">
            {list.into_iter().map(|s| view! {
                <li class="card">
                    <strong>{s.institution.clone()}</strong>" "
                    {match s.submitted_at {
                        Some(at) => view! { <span class="tag ok">{t("已填报 ", "Submitted ")}{format_shanghai(at)}</span> }.into_any(),
                        None => view! { <span class="tag flag">{t("未填报", "Not submitted")}</span> }.into_any(),
                    }}
                </li>
            }).collect_view()}
        </ul>
        {(missing > 0).then(|| view! {
            <ActionForm action=remind>
                <button type="submit" class="primary">{t("提醒未填报的院校", "Remind the schools that have not submitted")}</button>
            </ActionForm>
        })}
        {reminded}
    }
}
