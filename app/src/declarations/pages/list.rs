//! `/declarations`: a lead's own declarations, the coordinator's whole school (totals per college, flagged
//! rows first, final submission as one batch) and the secretariat's province-wide list with filters.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::accounts::api::use_user;
use crate::accounts::model::Role;
use crate::catalog::model::Level;
use crate::declarations::api::{
    create_options, list_declarations, Choices, CreateDeclaration, FinalSubmit, ListFilter,
};
use crate::declarations::model::offering_key;
use crate::declarations::model::{DeclarationSummary, Totals};
use crate::declarations::state::Status;
use crate::i18n::{t, tr};
use crate::ui::{ErrorBox, Loading};
use crate::windows::page::WindowCard;

#[component]
pub fn DeclarationsPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        ListFilter {
            year: get("year"),
            city: get("city"),
            school: get("school"),
            certificate: get("certificate"),
            level: get("level"),
            status: get("status"),
            flagged: q.get("flagged").is_some(),
        }
    };
    let create = ServerAction::<CreateDeclaration>::new();
    let submit = ServerAction::<FinalSubmit>::new();
    let submitted = crate::success_version_of!(submit);
    let list = crate::ui::resource(
        move || (filter(), submitted.get()),
        |(f, _)| {
            let some = |v: String| (!v.is_empty()).then_some(v);
            let flagged = f.flagged.then(|| "1".to_string());
            list_declarations(
                f.year.trim().parse().ok(),
                some(f.city),
                some(f.school),
                some(f.certificate),
                some(f.level),
                some(f.status),
                flagged,
            )
        },
    );
    let options = crate::ui::resource(|| (), |_| create_options());
    let user = use_user();
    // With scripts on, a created declaration opens at once (with scripts off the server redirects).
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            leptos_router::hooks::use_navigate()(&format!("/declarations/{id}"), Default::default());
        }
    });
    let error = Signal::derive(move || {
        create.value().get().and_then(|r| r.err()).or_else(|| submit.value().get().and_then(|r| r.err()))
    });
    view! {
        <h1>{t("申报书", "Declarations")}</h1>
        <ErrorBox error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let role = user.await.ok().flatten().map(|u| u.role);
                let options = options.await.ok();
                match list.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(list) => {
                        let open = list.window.state.is_open();
                        view! {
                            <WindowCard status=list.window.clone()/>
                            {matches!(role, Some(Role::Coordinator) | Some(Role::Lead)).then(|| view! { <SchoolLinks/> })}
                            {matches!(role, Some(Role::Secretariat) | Some(Role::Coordinator)).then(|| view! { <Filters province=role == Some(Role::Secretariat)/> })}
                            {options.filter(|_| open).map(|options| view! { <NewDeclaration options create role/> })}
                            <TotalsCard totals=list.totals.clone() per_college=list.per_college.clone()/>
                            {matches!(role, Some(Role::Coordinator) | Some(Role::Secretariat)).then(|| view! { <Exports/> })}
                            {if role == Some(Role::Coordinator) {
                                view! { <BatchSubmit rows=list.rows submit/> }.into_any()
                            } else {
                                view! { <Rows rows=list.rows/> }.into_any()
                            }}
                        }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// A school's way to the internal survey and the inbox.
#[component]
fn SchoolLinks() -> impl IntoView {
    view! {
        <p class="row-actions">
            <a href="/survey">{t("摸底调查", "Internal survey")}</a>
            <a href="/inbox">{t("消息", "Inbox")}</a>
        </p>
    }
}

/// The statistics table as a download, for the coordinator and the secretariat.
#[component]
fn Exports() -> impl IntoView {
    view! {
        <p class="row-actions">
            <a class="button" href="/api/declarations/export.xlsx" download>{t("导出统计表（Excel）", "Export statistics (Excel)")}</a>
            <a class="button" href="/api/declarations/export.csv" download>{t("导出 CSV", "Export CSV")}</a>
        </p>
    }
}

#[component]
fn NewDeclaration(options: Choices, create: ServerAction<CreateDeclaration>, role: Option<Role>) -> impl IntoView {
    if options.colleges.is_empty() || options.offerings.is_empty() {
        return view! { <p class="muted">{t("您的负责范围内暂无可申报的证书。", "No certificate level is open in your scope.")}</p> }.into_any();
    }
    view! {
        <details class="card new-declaration">
            <summary>{t("新建申报书", "New declaration")}</summary>
            <ActionForm action=create attr:class="form">
                <div class="field">
                    <label><span class="label">{t("证书与等级", "Certificate and level")}</span>
                        <select name="offering" required>
                            {options.offerings.into_iter().map(|(id, name, level)| view! {
                                <option value=offering_key(id, level)>{format!("{name} · {}", tr(&level.label()))}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <div class="field">
                    <label><span class="label">{t("二级学院/系部", "College")}</span>
                        <select name="college_id" required>
                            {options.colleges.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                        </select>
                    </label>
                </div>
                {(role == Some(Role::Coordinator)).then(|| view! {
                    <div class="field">
                        <label><span class="label">{t("证书负责人", "Certificate lead")}</span>
                            <select name="lead_id" required>
                                {options.leads.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                            </select>
                        </label>
                    </div>
                })}
                <button type="submit" class="primary">{t("创建草稿", "Create draft")}</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// Filters as a GET form, so a filtered list can be shared and works without scripts; school and city only
/// for the secretariat (`province`).
#[component]
fn Filters(province: bool) -> impl IntoView {
    let query = use_query_map();
    let value = move |k: &str| query.read_untracked().get(k).unwrap_or_default();
    let (level, status) = (value("level"), value("status"));
    view! {
        <form method="get" action="/declarations" class="card form filters">
            <div class="field"><label><span class="label">{t("年度", "Year")}</span><input name="year" inputmode="numeric" value=value("year")/></label></div>
            {province.then(|| view! {
                <div class="field"><label><span class="label">{t("学校", "School")}</span><input name="school" value=value("school")/></label></div>
                <div class="field"><label><span class="label">{t("地级市", "City")}</span><input name="city" value=value("city")/></label></div>
            })}
            <div class="field"><label><span class="label">{t("证书", "Certificate")}</span><input name="certificate" value=value("certificate")/></label></div>
            <div class="field"><label><span class="label">{t("等级", "Level")}</span>
                <select name="level">
                    <option value="">{t("全部", "All")}</option>
                    {Level::ALL.into_iter().map(|l| view! { <option value=l.code() selected=level == l.code()>{tr(&l.label())}</option> }).collect_view()}
                </select>
            </label></div>
            <div class="field"><label><span class="label">{t("状态", "Status")}</span>
                <select name="status">
                    <option value="">{t("全部", "All")}</option>
                    {Status::ALL.into_iter().map(|s| view! { <option value=s.code() selected=status == s.code()>{tr(&s.label())}</option> }).collect_view()}
                </select>
            </label></div>
            <label class="check"><input type="checkbox" name="flagged" value="1" checked=!value("flagged").is_empty()/>{t("只看人数异常", "Flagged only")}</label>
            <button type="submit">{t("筛选", "Filter")}</button>
        </form>
    }
}

#[component]
fn TotalsCard(totals: Totals, per_college: Vec<(String, Totals)>) -> impl IntoView {
    let line = |totals: &Totals| {
        format!(
            "{} {} · {} {} · {} {} · {} {}",
            t("累计人数", "planned"),
            totals.planned,
            t("证书", "certificates"),
            totals.certificates,
            t("证书等级", "certificate levels"),
            totals.certificate_levels,
            t("专业", "majors"),
            totals.majors
        )
    };
    view! {
        <section class="card totals">
            <p class="title">{format!("{} {}", t("申报书", "Declarations"), totals.declarations)}</p>
            <p class="grand-total">{line(&totals)}</p>
            {(per_college.len() > 1).then(|| view! {
                <ul class="per-college">
                    {per_college.iter().map(|(college, totals)| view! { <li><strong>{college.clone()}</strong> " " {line(totals)}</li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn Row(
    row: DeclarationSummary,
    /// The position of the row's checkbox in the batch form, when it can be selected.
    #[prop(default = None)]
    selectable: Option<usize>,
) -> impl IntoView {
    view! {
        <li class=if row.needs_approval { "card declaration flagged" } else { "card declaration" } data-id=row.id>
            {selectable.map(|n| view! {
                <label class="check select"><input type="checkbox" name=format!("ids[{n}]") value=row.id/>{t("选择", "Select")}</label>
            })}
            <a class="title" href=format!("/declarations/{}", row.id)>{format!("{} · {}", row.certificate, tr(&row.level.label()))}</a>
            " " <span class="tag status" data-status=row.status.code()>{tr(&row.status.label())}</span>
            {row.flagged.then(|| view! { " " <span class="tag flag">{t("人数异常", "Flagged")}</span> })}
            <p class="muted">{format!("{} · {} · {} · {} {}", row.institution, row.college, row.lead, t("计划人数", "planned"), row.planned_count)}</p>
        </li>
    }
}

#[component]
fn Rows(rows: Vec<DeclarationSummary>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{t("暂无申报书。", "No declarations yet.")}</p> }.into_any();
    }
    view! { <ul class="list declarations">{rows.into_iter().map(|row| view! { <Row row/> }).collect_view()}</ul> }
        .into_any()
}

/// The coordinator's list: declarations in school review can be ticked and final-submitted together.
#[component]
fn BatchSubmit(rows: Vec<DeclarationSummary>, submit: ServerAction<FinalSubmit>) -> impl IntoView {
    let ready = rows.iter().any(|r| r.status == Status::SchoolReview);
    view! {
        <ActionForm action=submit attr:class="batch">
            <ul class="list declarations">
                {rows.into_iter().enumerate().map(|(n, row)| {
                    let selectable = (row.status == Status::SchoolReview).then_some(n);
                    view! { <Row row selectable/> }
                }).collect_view()}
            </ul>
            {ready.then(|| view! {
                <button type="submit" class="primary">{t("最终提交所选申报书", "Final-submit the selected declarations")}</button>
            })}
        </ActionForm>
    }
}
