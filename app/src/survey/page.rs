//! `/survey`: the internal survey (摸底调查) — rows with the summary by college, the four dated decision
//! steps, and (for the coordinator) turning chosen rows into declaration drafts in one action.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::api::{get_survey, step_label, AcceptRows, AddSurveyRow, RecordStep, Survey, STEPS};
use crate::accounts::api::use_user;
use crate::accounts::model::Role;
use crate::declarations::model::offering_key;
use crate::i18n::{t, tr};
use crate::ui::{ErrorBox, Field, Loading};

#[derive(Clone, Copy)]
struct Actions {
    add: ServerAction<AddSurveyRow>,
    step: ServerAction<RecordStep>,
    accept: ServerAction<AcceptRows>,
}

#[component]
pub fn SurveyPage() -> impl IntoView {
    let actions = Actions { add: ServerAction::new(), step: ServerAction::new(), accept: ServerAction::new() };
    let a = actions;
    let changed =
        (crate::success_version_of!(a.add), crate::success_version_of!(a.step), crate::success_version_of!(a.accept));
    let survey = crate::ui::resource(move || (changed.0.get(), changed.1.get(), changed.2.get()), |_| get_survey());
    let user = use_user();
    let error = Signal::derive(move || {
        a.step.value().get().and_then(|r| r.err()).or_else(|| a.accept.value().get().and_then(|r| r.err()))
    });
    let created = move || {
        a.accept.value().get().and_then(|r| r.ok()).map(|ids| view! {
            <p class="notice" role="status">{format!("{} {} {}", t("已生成", "Created"), ids.len(), t("份申报书草稿，已通知负责人。", "declaration drafts."))}
                " " <a href="/declarations">{t("查看申报书", "See declarations")}</a></p>
        })
    };
    view! {
        <h1>{t("摸底调查", "Internal survey")}</h1>
        <ErrorBox error/>
        {created}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let coordinator = user.await.ok().flatten().is_some_and(|u| u.role == Role::Coordinator);
                match survey.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(s) => view! { <SurveyView s coordinator actions/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn SurveyView(s: Survey, coordinator: bool, actions: Actions) -> impl IntoView {
    let add_error = Signal::derive(move || actions.add.value().get().and_then(|r| r.err()));
    let choices = s.choices.clone();
    view! {
        <section class="card">
            <h2>{s.year} {t("年度决策过程", " decision path")}</h2>
            <ol class="steps">
                {(1..=STEPS.len()).map(|n| {
                    let done = s.steps.iter().find(|st| st.step == n).cloned();
                    let class = if done.is_some() { "done" } else { "" };
                    view! {
                        <li class=class>
                            <strong>{tr(&step_label(n))}</strong> " "
                            {done.map(|d| format!("{} {}", d.done_on, d.note))}
                        </li>
                    }
                }).collect_view()}
            </ol>
            {coordinator.then(|| view! { <StepForm action=actions.step/> })}
        </section>
        <section class="card survey-summary">
            <h2>{t("按二级学院汇总", "By college")}</h2>
            <ul>
                {s.summary.iter().map(|c| view! {
                    <li>{format!("{}：{} {} · {} {} · {} {}", c.college, c.rows, t("行", "rows"), c.students, t("名学生有意愿", "students willing"), c.certificates, t("个证书", "certificates"))}</li>
                }).collect_view()}
            </ul>
        </section>
        <details class="card" open=s.rows.is_empty()>
            <summary>{t("添加一行", "Add a row")}</summary>
            <ErrorBox error=add_error/>
            <ActionForm action=actions.add attr:class="form">
                <div class="field"><label><span class="label">{t("证书与等级", "Certificate and level")}</span>
                    <select name="offering">
                        {choices.offerings.iter().map(|(id, name, level)| view! {
                            <option value=offering_key(*id, *level)>{format!("{name} · {}", tr(&level.label()))}</option>
                        }).collect_view()}
                    </select>
                </label></div>
                <div class="field"><label><span class="label">{t("二级学院/系部", "College")}</span>
                    <select name="college_id">
                        {choices.colleges.iter().map(|(id, name)| view! { <option value=*id>{name.clone()}</option> }).collect_view()}
                    </select>
                </label></div>
                <Field label=t("专业（专业代码）", "Majors (codes)") name="majors" error=add_error/>
                <Field label=t("有意愿的学生人数", "Students willing") name="students_willing" kind="number" required=true error=add_error/>
                {coordinator.then(|| view! {
                    <div class="field"><label><span class="label">{t("拟任证书负责人", "Proposed lead")}</span>
                        <select name="proposed_lead_id">
                            <option value="">{t("待定", "To be decided")}</option>
                            {choices.leads.iter().map(|(id, name)| view! { <option value=*id>{name.clone()}</option> }).collect_view()}
                        </select>
                    </label></div>
                })}
                <Field label=t("备注", "Note") name="note" error=add_error/>
                <button type="submit" class="primary">{t("添加", "Add")}</button>
            </ActionForm>
        </details>
        <ActionForm action=actions.accept attr:class="survey-rows">
            <ul class="list">
                {s.rows.iter().enumerate().map(|(n, r)| view! {
                    <li class="card" data-row=r.id>
                        {(coordinator && r.declaration_id.is_none()).then(|| view! {
                            <label class="check"><input type="checkbox" name=format!("ids[{n}]") value=r.id/>{t("选择", "Select")}</label>
                        })}
                        <p class="title">{format!("{} · {}", r.certificate, tr(&r.level.label()))}</p>
                        <p class="muted">{format!("{} · {} {} · {}", r.college, r.students_willing, t("人", "students"), r.majors.join("、"))}</p>
                        <p class="muted">{r.proposed_lead.as_ref().map(|(_, n)| n.clone()).unwrap_or_else(|| t("负责人待定", "Lead to be decided").to_string())}
                            {(!r.note.is_empty()).then(|| format!(" · {}", r.note))}</p>
                        {r.declaration_id.map(|id| view! { <a href=format!("/declarations/{id}")>{t("已生成申报书", "Declaration created")}</a> })}
                    </li>
                }).collect_view()}
            </ul>
            {(coordinator && s.window_open && s.rows.iter().any(|r| r.declaration_id.is_none())).then(|| view! {
                <button type="submit" class="primary">{t("将所选行生成申报书草稿", "Turn the chosen rows into declaration drafts")}</button>
            })}
        </ActionForm>
    }
}

#[component]
fn StepForm(action: ServerAction<RecordStep>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    view! {
        <ActionForm action attr:class="form inline">
            <div class="field"><label><span class="label">{t("步骤", "Step")}</span>
                <select name="step">
                    {(1..=STEPS.len()).map(|n| view! { <option value=n>{tr(&step_label(n))}</option> }).collect_view()}
                </select>
            </label></div>
            <Field label=t("日期", "Date") name="done_on" kind="date" required=true error/>
            <Field label=t("说明", "Note") name="note" error/>
            <button type="submit">{t("记录", "Record")}</button>
        </ActionForm>
    }
}
