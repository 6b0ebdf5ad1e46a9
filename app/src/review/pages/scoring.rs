//! `/assignments/:id`: the declaration an expert reviews (content and evidence photos, on a phone too) and
//! their score: a mark per criterion, a recommendation and a comment; or a conflict of interest declared.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::declarations::api::{get_declaration, DeletePhoto};
use crate::declarations::pages::ContentView;
use crate::evidence::PhotoSection;
use crate::forms::echoed_values;
use crate::i18n::{t, tr};
use crate::review::api::{get_score_view, DeclareConflict, SubmitScore};
use crate::review::model::ScoreView;
use crate::review::rubric::Recommendation;
use crate::ui::{ErrorBox, FieldMsg, Loading, TextBox};

#[component]
pub fn ScoringPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let score = ServerAction::<SubmitScore>::new();
    let conflict = ServerAction::<DeclareConflict>::new();
    let changed = (crate::success_version_of!(score), crate::success_version_of!(conflict));
    let view_data =
        crate::ui::resource(move || (id(), changed.0.get(), changed.1.get()), |(id, ..)| get_score_view(id));
    let declaration = crate::ui::resource(
        move || (id(), changed.1.get()),
        |(id, _)| async move {
            let v = get_score_view(id).await?;
            get_declaration(v.declaration_id).await
        },
    );
    // The photo grid is read-only here; these exist only to satisfy its props.
    let uploaded = RwSignal::new(0u32);
    let delete = ServerAction::<DeletePhoto>::new();
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match (view_data.await, declaration.await) {
                    (Err(e), _) | (_, Err(e)) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    (Ok(v), Ok(d)) => view! {
                        <h1>{format!("{} · {}", d.certificate, tr(&d.level.label()))}</h1>
                        <p class="muted">{format!("{} · {} · {} {}", d.institution, d.college, t("计划人数", "planned"), d.content.planned_count)}</p>
                        <ContentView content=d.content.clone()/>
                        <PhotoSection declaration_id=d.id photos=d.photos.clone() can_edit=false uploaded delete/>
                        <ScoreForm v score/>
                        <ConflictForm assignment=id() conflict/>
                    }.into_any(),
                }
            })}
        </Transition>
        <p><a href="/assignments">{t("返回我的评审任务", "Back to my reviews")}</a></p>
    }
}

#[component]
fn ScoreForm(v: ScoreView, score: ServerAction<SubmitScore>) -> impl IntoView {
    let error = Signal::derive(move || score.value().get().and_then(|r| r.err()));
    let saved = move || {
        score
            .value()
            .get()
            .and_then(|r| r.ok())
            .map(|_| view! { <p class="notice" role="status">{t("评分已保存。", "Score saved.")}</p> })
    };
    if v.declined {
        return view! { <p class="notice">{t("您已声明利益冲突，此申报书不再由您评分。", "You declared a conflict of interest; you no longer score this declaration.")}</p> }.into_any();
    }
    let echo = echoed_values("assignment", &v.id.to_string()).unwrap_or_default();
    let given = v.score.clone();
    let mark = move |n: usize| {
        echo.get(&format!("marks[{n}]"))
            .cloned()
            .or_else(|| given.as_ref().and_then(|s| s.marks.get(n)).map(|m| m.to_string()))
            .unwrap_or_default()
    };
    let chosen = v.score.as_ref().map(|s| s.recommendation);
    let comment = v.score.as_ref().map(|s| s.comment.clone()).unwrap_or_default();
    view! {
        <ActionForm action=score attr:class="card form score">
            <p class="title">{t("评分", "Score")}</p>
            <ErrorBox error/>
            {saved}
            <input type="hidden" name="id" value=v.id/>
            <input type="hidden" name="assignment" value=v.id/>
            {v.rubric.criteria.iter().enumerate().map(|(n, c)| view! {
                <label class="field mark"><span class="label">{format!("{}（{}%）", c.label, c.weight)}</span>
                    <input name=format!("marks[{n}]") inputmode="numeric" value=mark(n) disabled=!v.open placeholder="0–100"/>
                </label>
            }).collect_view()}
            <FieldMsg error field="marks"/>
            <fieldset class="field">
                <legend>{t("评审建议", "Recommendation")}</legend>
                {Recommendation::ALL.into_iter().map(|r| view! {
                    <label class="check"><input type="radio" name="recommendation" value=r.code() checked=chosen == Some(r) disabled=!v.open/>{tr(&r.label())}</label>
                }).collect_view()}
                <FieldMsg error field="recommendation"/>
            </fieldset>
            <label class="field"><span class="label">{t("评审意见", "Comment")}</span>
                <TextBox name="comment" rows=4 disabled=!v.open value=comment/>
            </label>
            <FieldMsg error field="comment"/>
            {v.open.then(|| view! { <button type="submit" class="primary">{t("提交评分", "Submit score")}</button> })}
        </ActionForm>
    }
    .into_any()
}

#[component]
fn ConflictForm(assignment: i64, conflict: ServerAction<DeclareConflict>) -> impl IntoView {
    let error = Signal::derive(move || conflict.value().get().and_then(|r| r.err()));
    view! {
        <details class="card">
            <summary>{t("声明利益冲突", "Declare a conflict of interest")}</summary>
            <ActionForm action=conflict attr:class="form">
                <ErrorBox error/>
                <input type="hidden" name="id" value=assignment/>
                <label class="field"><span class="label">{t("说明", "What is the conflict?")}</span>
                    <TextBox name="note" rows=2/>
                </label>
                <button type="submit">{t("声明并退出此评审", "Declare and leave this review")}</button>
            </ActionForm>
        </details>
    }
}
