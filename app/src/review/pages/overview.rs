//! `/review`: the secretariat's expert review of the year.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::declarations::state::Status;
use crate::i18n::{t, tr};
use crate::review::api::{get_review_overview, AssignAll, AssignExpert, Decide, SaveRubric};
use crate::review::model::{ExpertLoad, ProgressRow, ReviewOverview};
use crate::review::rubric::rubric_text;
use crate::ui::{ErrorBox, Loading, TextBox};

#[derive(Clone, Copy)]
struct Actions {
    rubric: ServerAction<SaveRubric>,
    assign: ServerAction<AssignExpert>,
    assign_all: ServerAction<AssignAll>,
    decide: ServerAction<Decide>,
}

#[component]
pub fn ReviewPage() -> impl IntoView {
    let a = Actions {
        rubric: ServerAction::new(),
        assign: ServerAction::new(),
        assign_all: ServerAction::new(),
        decide: ServerAction::new(),
    };
    let changed = (
        crate::success_version_of!(a.rubric),
        crate::success_version_of!(a.assign),
        crate::success_version_of!(a.assign_all),
        crate::success_version_of!(a.decide),
    );
    let overview = crate::ui::resource(
        move || (changed.0.get(), changed.1.get(), changed.2.get(), changed.3.get()),
        |_| get_review_overview(None),
    );
    let error = Signal::derive(move || {
        a.assign.value().get().and_then(|r| r.err()).or_else(|| a.decide.value().get().and_then(|r| r.err()))
    });
    view! {
        <h1>{t("专家评审", "Expert review")}</h1>
        <p class="row-actions">
            <a href="/followup">{t("获批院校工作机构及联系人填报情况", "Approved schools' working organizations and contacts")}</a>
            <a href="/results">{t("牵头院校与结果公布", "Lead institutions and publishing the results")}</a>
        </p>
        <ErrorBox error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(o) => view! { <Overview o actions=a/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Overview(o: ReviewOverview, actions: Actions) -> impl IntoView {
    let (assigned, scored, missing) = o.progress();
    let rubric_error = Signal::derive(move || actions.rubric.value().get().and_then(|r| r.err()));
    let bulk_error = Signal::derive(move || actions.assign_all.value().get().and_then(|r| r.err()));
    let report = move || {
        actions.assign_all.value().get().and_then(|r| r.ok()).map(|r| {
            let short = if r.short.is_empty() {
                String::new()
            } else {
                format!("{}{}", t("，专家不足的申报书：", "; short of experts: "), r.short.len())
            };
            view! { <p class="notice" role="status">{format!("{}{}{short}", t("已新分配 ", "Assigned: "), r.assigned)}</p> }
        })
    };
    let experts = o.experts.clone();
    let choices: Vec<(i64, String)> = o
        .rows
        .iter()
        .filter(|r| matches!(r.declaration.status, Status::PendingReview | Status::UnderReview))
        .map(|r| {
            let d = &r.declaration;
            (d.id, format!("{} · {} · {}", d.institution, d.certificate, tr(&d.level.label())))
        })
        .collect();
    view! {
        <section class="card progress">
            <p class="title">{format!("{} {}", o.year, t("年度评审进度", "review progress"))}</p>
            <p data-progress=format!("{assigned}/{scored}/{missing}")>
                {format!("{}{assigned} · {}{scored} · {}{missing}", t("已分配 ", "assigned "), t("已评分 ", "scored "), t("待评分申报书 ", "awaiting scores "))}
            </p>
            <ul class="experts-load">
                {o.experts.iter().map(|e| view! { <li>{format!("{}：{}", e.name, e.load)}</li> }).collect_view()}
            </ul>
        </section>
        <details class="card">
            <summary>{t("评审指标与权重", "Rubric and weights")}</summary>
            <ActionForm action=actions.rubric attr:class="form">
                <ErrorBox error=rubric_error/>
                <input type="hidden" name="year" value=o.year/>
                <label class="field"><span class="label">{t("每行一项：名称 | 权重（合计100）", "One per line: name | weight (adding up to 100)")}</span>
                    <TextBox name="criteria" rows=6 value=rubric_text(&o.rubric)/>
                </label>
                <button type="submit">{t("保存指标", "Save rubric")}</button>
            </ActionForm>
        </details>
        <ActionForm action=actions.assign_all attr:class="card form bulk-assign">
            <ErrorBox error=bulk_error/>
            <input type="hidden" name="year" value=o.year/>
            <label class="field"><span class="label">{t("每份申报书的专家人数", "Experts per declaration")}</span>
                <input name="per_declaration" inputmode="numeric" value="2"/>
            </label>
            <p class="hint">{t(
                "自动为待审核和评审中的申报书分配专家：避开利益冲突，负担均衡。",
                "Assigns experts to declarations awaiting or under review, avoiding conflicts of interest and balancing the load.",
            )}</p>
            <button type="submit" class="primary">{t("批量分配专家", "Assign experts")}</button>
            {report}
        </ActionForm>
        <ManualAssign choices experts assign=actions.assign/>
        <ActionForm action=actions.decide attr:class="card form decide">
            <ul class="list review-rows">
                {o.rows.into_iter().enumerate().map(|(n, row)| view! { <Row n row/> }).collect_view()}
            </ul>
            <fieldset>
                <legend>{t("统一审批所选申报书", "Decide the selected declarations")}</legend>
                <label class="check"><input type="radio" name="decision" value="approve"/>{t("通过", "Approve")}</label>
                <label class="check"><input type="radio" name="decision" value="reject"/>{t("不通过", "Reject")}</label>
            </fieldset>
            <label class="field"><span class="label">{t("统一审批意见（不通过时必填）", "Common comment (required to reject)")}</span>
                <TextBox name="comment" rows=2/>
            </label>
            <button type="submit" class="primary">{t("提交审批结果", "Record the decision")}</button>
        </ActionForm>
    }
}

#[component]
fn Row(n: usize, row: ProgressRow) -> impl IntoView {
    let d = row.declaration.clone();
    let aggregate = row.aggregate.clone().map(|a| {
        let disagree = a.disagreement();
        view! {
            <p class="aggregate" class:disagree=disagree>
                {format!("{}{:.1} · {}{:.1}–{:.1} · {} {}/{}/{}", t("平均 ", "mean "), a.mean, t("区间 ", "range "), a.min, a.max,
                    t("建议 通过/有条件/不通过", "approve/conditions/reject"), a.approve, a.conditions, a.reject)}
                {disagree.then(|| view! { " " <span class="tag flag">{t("意见分歧", "Experts disagree")}</span> })}
            </p>
        }
    });
    let decidable = d.status == Status::UnderReview;
    let own_comment = decidable.then(|| {
        view! {
            <input type="hidden" name=format!("notes[{n}][id]") value=d.id/>
            <label class="field own-comment"><span class="label">{t("单独意见（留空则用统一意见）", "Its own comment (empty: the common one)")}</span>
                <TextBox name=format!("notes[{n}][text]") rows=1/>
            </label>
        }
    });
    view! {
        <li class="card review-row" data-id=d.id>
            {decidable.then(|| view! {
                <label class="check select"><input type="checkbox" name=format!("ids[{n}]") value=d.id/>{t("选择", "Select")}</label>
            })}
            <a class="title" href=format!("/declarations/{}", d.id)>{format!("{} · {}", d.certificate, tr(&d.level.label()))}</a>
            " " <span class="tag status" data-status=d.status.code()>{tr(&d.status.label())}</span>
            <p class="muted">{format!("{} · {}", d.institution, d.city)}</p>
            <ul class="scores">
                {row.experts.into_iter().map(|(name, total, rec, comment)| view! {
                    <li>
                        {name}"："
                        {match (total, rec) {
                            (Some(total), Some(rec)) => format!("{total:.1} · {}", tr(&rec.label())),
                            _ => t("未评分", "not scored").to_string(),
                        }}
                        {(!comment.is_empty()).then(|| view! { <span class="muted">{format!(" · {comment}")}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            {aggregate}
            {own_comment}
        </li>
    }
}

/// One expert to one declaration, by hand.
#[component]
fn ManualAssign(
    choices: Vec<(i64, String)>,
    experts: Vec<ExpertLoad>,
    assign: ServerAction<AssignExpert>,
) -> impl IntoView {
    view! {
        <ActionForm action=assign attr:class="card form manual-assign">
            <p class="title">{t("手动分配", "Assign by hand")}</p>
            <label class="field"><span class="label">{t("申报书", "Declaration")}</span>
                <select name="declaration_id">
                    {choices.into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                </select>
            </label>
            <label class="field"><span class="label">{t("评审专家（已分配数）", "Expert (current load)")}</span>
                <select name="expert_id">
                    {experts.into_iter().map(|e| view! { <option value=e.id>{format!("{}（{}）", e.name, e.load)}</option> }).collect_view()}
                </select>
            </label>
            <button type="submit">{t("分配", "Assign")}</button>
        </ActionForm>
    }
}
