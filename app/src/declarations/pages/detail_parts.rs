//! The parts of the declaration page: a read-only view, the flag checks, the action buttons and
//! the timeline.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::declarations::api::{ActOnDeclaration, ConfirmNumber, DeletePhoto, RecordLeaderApproval};
use crate::declarations::model::{Declaration, DeclarationContent, Event};
use crate::declarations::state::Action;
use crate::i18n::{t, tr};
use crate::ui::time::format_shanghai;
use crate::ui::{ErrorBox, Field, TextBox};

/// The actions of the page, created once at its top.
#[derive(Clone, Copy)]
pub struct PageActions {
    pub act: ServerAction<ActOnDeclaration>,
    pub confirm: ServerAction<ConfirmNumber>,
    pub approve: ServerAction<RecordLeaderApproval>,
    pub delete_photo: ServerAction<DeletePhoto>,
}

fn action_label(action: Action) -> (&'static str, &'static str) {
    match action {
        Action::Submit => (t("提交校内审核", "Submit for school review"), "primary"),
        Action::ReturnToLead => (t("退回负责人修改", "Return to the lead"), ""),
        Action::FinalSubmit => (t("最终提交", "Final submission"), "primary"),
        Action::ReturnForRevision => (t("退回修改", "Return for revision"), ""),
        Action::StartReview => (t("开始专家评审", "Start expert review"), ""),
        Action::Approve => (t("审批通过", "Approve"), "primary"),
        Action::Reject => (t("不予通过", "Reject"), ""),
        Action::Reopen => (t("重新开启", "Reopen"), ""),
    }
}

/// The content, read-only (locked declarations, and the server's side of a conflict).
#[component]
pub fn ContentView(content: DeclarationContent) -> impl IntoView {
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd class="pre">{if value.is_empty() { "—".to_string() } else { value }}</dd> };
    let equipment = content
        .equipment
        .iter()
        .map(|l| {
            format!(
                "{}：{}{}",
                l.item,
                if l.has_it { l.quantity.to_string() } else { t("无", "none").to_string() },
                if l.note.is_empty() { String::new() } else { format!("（{}）", l.note) }
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    view! {
        <dl class="card facts content">
            {row(t("申报专业", "Majors"), content.majors.join("、"))}
            {row(t("计划培训人数", "Planned"), content.planned_count.to_string())}
            {row(t("教学场所", "Venues"), content.venues.clone())}
            {row(t("设备与软件", "Equipment"), equipment)}
            {row(t("师资培训", "Teacher training"), content.teacher_training.clone())}
            {row(t("学生情况", "Students"), content.students.clone())}
            {row(t("既往试点", "Earlier pilots"), format!("{} / {} / {}", content.pilot_years, content.pilot_trained, content.pilot_certified))}
        </dl>
    }
}

/// An unusual planned number: the lead confirms it, the coordinator records the school leader's approval.
/// It follows the number as it is typed (`planned`), with the same shared rule and the secretariat's
/// thresholds; a number changed since the last save needs confirming again, as the server will require.
#[component]
pub fn FlagChecks(d: Declaration, actions: PageActions, planned: RwSignal<Option<i64>>) -> impl IntoView {
    let error = Signal::derive(move || actions.approve.value().get().and_then(|r| r.err()));
    let role = crate::accounts::api::use_user();
    let is =
        move |r: crate::accounts::model::Role| role.get().and_then(|u| u.ok()).flatten().is_some_and(|u| u.role == r);
    let lead = is(crate::accounts::model::Role::Lead);
    let coordinator = is(crate::accounts::model::Role::Coordinator);
    move || {
        let number = planned.get().unwrap_or(d.content.planned_count);
        let flag = crate::declarations::flags::flag(number, d.thresholds)?;
        let unchanged = number == d.content.planned_count;
        let confirmed = d.lead_confirmed && unchanged;
        let approval = d.leader_approval.clone().filter(|_| unchanged);
        let id = d.id;
        Some(view! {
            <section class="card flag-checks">
                <p class="error-box">{tr(&flag)}</p>
                <p>{if confirmed { t("✓ 负责人已确认人数", "✓ The lead confirmed the number") } else { t("✗ 负责人尚未确认人数", "✗ The lead has not confirmed the number") }}</p>
                {(lead && !confirmed && unchanged).then(|| view! {
                    <ActionForm action=actions.confirm>
                        <input type="hidden" name="id" value=id/>
                        <button type="submit">{t("确认计划人数无误", "Confirm the planned number")}</button>
                    </ActionForm>
                })}
                {match approval.clone() {
                    Some(a) => view! { <p class="leader-approval">{format!("✓ {} {} {} {}", a.name, a.title, a.date, a.note)}</p> }.into_any(),
                    None => view! { <p>{t("✗ 尚未记录校领导审批意见", "✗ No school leader's approval recorded")}</p> }.into_any(),
                }}
                {(coordinator && approval.is_none() && unchanged).then(|| view! {
                    <ActionForm action=actions.approve attr:class="form">
                        <input type="hidden" name="id" value=id/>
                        <ErrorBox error/>
                        <Field label=t("校领导姓名", "Leader's name") name="leader_name" required=true error/>
                        <Field label=t("职务", "Title") name="leader_title" required=true error/>
                        <Field label=t("审批日期", "Date") name="leader_date" kind="date" required=true error/>
                        <Field label=t("审批意见", "Note") name="leader_note" error/>
                        <button type="submit">{t("记录校领导审批", "Record the approval")}</button>
                    </ActionForm>
                })}
            </section>
        })
    }
}

/// The buttons the server says the caller may use; returns and reopening ask for a reason.
#[component]
pub fn Actions(d: Declaration, act: ServerAction<ActOnDeclaration>) -> impl IntoView {
    let id = d.id;
    (!d.actions.is_empty()).then(move || view! {
        <section class="card actions">
            {d.actions.into_iter().map(|action| {
                let (label, class) = action_label(action);
                view! {
                    <ActionForm action=act attr:class="form inline">
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="action" value=format!("{action:?}")/>
                        {action.needs_comment().then(|| view! {
                            <div class="field"><label><span class="label">{t("原因或意见（必填）", "Reason (required)")}</span>
                                <TextBox name="comment" rows=2 required=true/></label></div>
                        })}
                        {(action == Action::Approve).then(|| view! {
                            <div class="field"><label><span class="label">{t("意见", "Comment")}</span><TextBox name="comment" rows=2/></label></div>
                        })}
                        <button type="submit" class=class>{label}</button>
                    </ActionForm>
                }
            }).collect_view()}
        </section>
    })
}

#[component]
pub fn Timeline(events: Vec<Event>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{t("办理记录", "Timeline")}</h2>
            <ol class="timeline">
                {events.into_iter().map(|e| view! {
                    <li>
                        <p><strong>{tr(&e.to.label())}</strong> " · " {e.by.clone()}</p>
                        <p class="muted">{format_shanghai(e.at)}</p>
                        {(!e.comment.is_empty()).then(|| view! { <p class="pre comment">{e.comment.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
