//! The parts of the declaration page: the form, a read-only view, the flag checks, the action buttons and
//! the timeline.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::detail::PageActions;
use crate::declarations::api::{ActOnDeclaration, SaveDeclaration};
use crate::declarations::model::{checks, Declaration, DeclarationContent, DeclarationInput, Event};
use crate::declarations::state::Action;
use crate::error::AppError;
use crate::forms::echoed_values;
use crate::i18n::{t, tr};
use crate::ui::time::format_shanghai;
use crate::ui::{ErrorBox, Field, FieldMsg, TextArea};

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

/// The form, filled from the stored content, or from what was typed when a plain post came back refused.
///
/// With scripts it saves as you go: 1.5 s after the last keystroke it submits itself. A save answers with
/// the new version, which goes into the hidden field; the form is never re-rendered by a save, so nothing
/// typed meanwhile is lost, and a failed save leaves every field as it was.
#[component]
pub fn DeclarationForm(
    d: Declaration,
    save: ServerAction<SaveDeclaration>,
    /// The planned number as typed, for the flag checks above the form.
    planned: RwSignal<Option<i64>>,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let version = RwSignal::new(d.version);
    Effect::new(move |_| {
        if let Some(Ok(v)) = save.value().get() {
            version.set(v);
        }
    });
    #[cfg(feature = "hydrate")]
    let on_input = {
        let edits = StoredValue::new(0u32);
        move |ev: leptos::ev::Event| {
            use wasm_bindgen::JsCast;
            let n = edits.get_value() + 1;
            edits.set_value(n);
            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                if input.name() == "planned_count" {
                    planned.set(input.value().trim().parse().ok());
                }
            }
            let Some(form) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else {
                return;
            };
            leptos::task::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(1500).await;
                // Only after the last edit, never over an unresolved conflict, one save at a time.
                let stale = matches!(save.value().get_untracked(), Some(Err(AppError::Stale { .. })));
                if edits.get_value() == n && !stale && !save.pending().get_untracked() {
                    let _ = form.request_submit();
                }
            });
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_input = {
        let _ = planned;
        |_: leptos::ev::Event| {}
    };
    let stored = DeclarationInput::from_content(&d.content);
    let echo = echoed_values("declaration", &d.id.to_string()).unwrap_or_default();
    let value = move |name: &str, stored: &str| echo.get(name).cloned().unwrap_or_else(|| stored.to_string());
    let saved = move || {
        save.value()
            .get()
            .and_then(|r| r.ok())
            .map(|_| view! { <p class="notice" role="status">{t("已保存。", "Saved.")}</p> })
    };
    let saving =
        move || save.pending().get().then(|| view! { <p class="muted" role="status">{t("正在保存…", "Saving…")}</p> });
    view! {
        <ErrorBox error/>
        <StaleView error/>
        {saved}
        {saving}
        <ActionForm action=save attr:class="card form declaration-form" on:input=on_input>
            <input type="hidden" name="id" value=d.id/>
            <input type="hidden" name="declaration" value=d.id/>
            <input type="hidden" name="version" value=move || version.get()/>
            <Field label=t("申报专业（专业代码，用空格或逗号分隔）", "Majors (codes, separated by spaces or commas)") name="majors"
                value=value("majors", &stored.majors) error validator=checks::majors
                hint=t("须在该证书等级的可申报专业范围内，可在证书页查看。", "Must be eligible for this certificate level; see the certificate page.")/>
            <Field label=t("计划培训人数（累计人数）", "Planned number trained (cumulative)") name="planned_count" kind="number"
                value=value("planned_count", &stored.planned_count) error validator=checks::planned_count
                hint=t("填写试点期间累计培训的总人数，不是每年人数。", "The total over the pilot, not per year.")/>
            <TextArea label=t("教学场所", "Teaching venues") name="venues" value=value("venues", &stored.venues) error/>
            <fieldset class="field equipment-lines">
                <legend>{t("设备与软件（按证书清单）", "Equipment and software (per the certificate's list)")}</legend>
                {stored.equipment.iter().enumerate().map(|(n, line)| view! {
                    <div class="assess-line">
                        <input type="hidden" name=format!("equipment[{n}][item]") value=line.item.clone()/>
                        <span class="label">{line.item.clone()}</span>
                        <label class="check"><input type="checkbox" name=format!("equipment[{n}][has_it]") value="1" checked=line.has_it.is_some()/>{t("已具备", "We have it")}</label>
                        <label>{t("数量", "Quantity")}<input name=format!("equipment[{n}][quantity]") inputmode="numeric" value=line.quantity.clone()/></label>
                        <label>{t("备注", "Note")}<input name=format!("equipment[{n}][note]") value=line.note.clone()/></label>
                    </div>
                }).collect_view()}
                <FieldMsg error field="equipment"/>
            </fieldset>
            <TextArea label=t("师资培训", "Teacher training") name="teacher_training" value=value("teacher_training", &stored.teacher_training) error/>
            <TextArea label=t("学生情况", "Students") name="students" value=value("students", &stored.students) error/>
            <Field label=t("已试点年数", "Years of earlier pilots") name="pilot_years" kind="number" value=value("pilot_years", &stored.pilot_years) error validator=checks::pilot_years/>
            <Field label=t("已培训人数", "Number trained so far") name="pilot_trained" kind="number" value=value("pilot_trained", &stored.pilot_trained) error validator=checks::pilot_trained/>
            <Field label=t("已取证人数", "Number certified so far") name="pilot_certified" kind="number" value=value("pilot_certified", &stored.pilot_certified) error validator=checks::pilot_certified/>
            <button type="submit" class="primary">{t("保存", "Save")}</button>
        </ActionForm>
    }
}

/// After a stale save: the server's content beside the form, which still holds what was typed.
#[component]
fn StaleView(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || match error.get() {
        Some(AppError::Stale { server_version, server_content }) => {
            let server: DeclarationContent = serde_json::from_str(&server_content).unwrap_or_default();
            Some(view! {
                <section class="card stale" data-server-version=server_version>
                    <p class="title">{t("服务器上的内容", "The server's content")} " (v" {server_version} ")"</p>
                    <ContentView content=server/>
                    <p class="hint">{t(
                        "下方表单仍是您填写的内容。要保留您的内容，请刷新后重新填写或复制；要采用服务器的内容，请刷新页面。",
                        "The form below still holds what you typed. Copy what you need, then reload to continue from the server's version.",
                    )}</p>
                    <a class="button" href="">{t("刷新，采用服务器版本", "Reload the server's version")}</a>
                </section>
            })
        }
        _ => None,
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
    let role = crate::shell::use_user();
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
                                <textarea name="comment" rows="2" required></textarea></label></div>
                        })}
                        {(!action.needs_comment() && matches!(action, Action::Approve | Action::Reject)).then(|| view! {
                            <div class="field"><label><span class="label">{t("意见", "Comment")}</span><textarea name="comment" rows="2"></textarea></label></div>
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
