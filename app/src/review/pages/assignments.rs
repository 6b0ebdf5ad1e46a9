//! `/assignments`: an expert's declared conflicts of interest and the declarations assigned to them.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::i18n::{t, tr};
use crate::review::api::{my_areas, my_assignments, my_conflicts, SetAreas, SetConflicts};
use crate::review::model::MyAssignment;
use crate::ui::{ErrorBox, Loading};

#[component]
pub fn AssignmentsPage() -> impl IntoView {
    let save = ServerAction::<SetConflicts>::new();
    let saved = crate::success_version_of!(save);
    let assignments = crate::ui::resource(|| (), |_| my_assignments());
    let conflicts = crate::ui::resource(move || saved.get(), |_| my_conflicts());
    let save_areas = ServerAction::<SetAreas>::new();
    let areas_saved = crate::success_version_of!(save_areas);
    let areas = crate::ui::resource(move || areas_saved.get(), |_| my_areas());
    // One box for both forms: without scripts a refused post comes back as one query the page cannot tell apart.
    let error = Signal::derive(move || {
        save.value().get().and_then(|r| r.err()).or_else(|| save_areas.value().get().and_then(|r| r.err()))
    });
    view! {
        <h1>{t("我的评审任务", "My reviews")}</h1>
        <ErrorBox error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match assignments.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty">{t("暂无分配给您的申报书。", "Nothing is assigned to you yet.")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="list assignments">
                            {list.into_iter().map(|a| view! { <AssignmentItem a/> }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Transition>
        <details class="card">
            <summary>{t("我熟悉的专业大类", "Areas I know")}</summary>
            <p class="hint">{t(
                "批量分配时优先把这些专业大类的申报书分给您。",
                "Bulk assignment gives you declarations of these areas first.",
            )}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    areas.await.ok().map(|(all, mine)| view! {
                        <ActionForm action=save_areas attr:class="form areas">
                            {all.into_iter().enumerate().map(|(n, area)| view! {
                                <label class="check"><input type="checkbox" name=format!("areas[{n}]") value=area.clone() checked=mine.contains(&area)/>{area.clone()}</label>
                            }).collect_view()}
                            <button type="submit">{t("保存", "Save")}</button>
                        </ActionForm>
                    })
                })}
            </Transition>
        </details>
        <details class="card">
            <summary>{t("利益冲突声明", "Conflicts of interest")}</summary>
            <p class="hint">{t(
                "勾选您不宜评审的院校（任职、兼职或其他关系）。您本人所在院校自动回避。",
                "Tick the institutions you should not review (employment, part-time roles or other ties). Your own institution is excluded anyway.",
            )}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    conflicts.await.ok().map(|(all, mine)| view! {
                        <ActionForm action=save attr:class="form conflicts">
                            {all.into_iter().enumerate().map(|(n, (id, name))| view! {
                                <label class="check"><input type="checkbox" name=format!("institutions[{n}]") value=id checked=mine.contains(&id)/>{name}</label>
                            }).collect_view()}
                            <button type="submit">{t("保存声明", "Save")}</button>
                        </ActionForm>
                    })
                })}
            </Transition>
        </details>
    }
}

/// One assigned declaration: what it is, where it stands, and the expert's score or conflict.
#[component]
fn AssignmentItem(a: MyAssignment) -> impl IntoView {
    let standing = if a.declined {
        t("已声明利益冲突", "Conflict declared").to_string()
    } else {
        a.total
            .map(|s| format!("{}{s:.1}", t("我的评分 ", "My score ")))
            .unwrap_or_else(|| t("待评分", "To score").to_string())
    };
    view! {
        <li class="card" data-assignment=a.id>
            <a class="title" href=format!("/assignments/{}", a.id)>{format!("{} · {}", a.certificate, tr(&a.level.label()))}</a>
            " " <span class="tag status" data-status=a.status.code()>{tr(&a.status.label())}</span>
            <p class="muted">{a.institution.clone()} " · " {standing}</p>
        </li>
    }
}
