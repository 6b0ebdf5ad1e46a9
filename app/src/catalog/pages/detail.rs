//! `/certificates/:id`: what a lead checks on a phone before declaring — per level: open or not, exam fee
//! and cost cap, exam-site conditions, exam and teacher-training plans, and whom to call.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::offering_forms::{AssessmentForm, CapEditor, OfferingEditor};
use crate::accounts::api::use_user;
use crate::accounts::model::Role;
use crate::catalog::api::{check_eligibility, get_certificate, SaveAssessment, SaveOffering, SetCap};
use crate::catalog::eligibility::{Eligibility, EligibilityCheck};
use crate::catalog::fees::format_yuan;
use crate::catalog::model::HistoryEntry;
use crate::catalog::model::{CertificateDetail, Offering};
use crate::catalog::requests::RequestMajor;
use crate::error::AppError;
use crate::i18n::{t, tr};
use crate::ui::time::format_shanghai;
use crate::ui::{ErrorBox, Loading};

#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let save = ServerAction::<SaveOffering>::new();
    let cap = ServerAction::<SetCap>::new();
    let request = ServerAction::<RequestMajor>::new();
    let assess = ServerAction::<SaveAssessment>::new();
    let actions = OfferingActions { save, cap, assess };
    let saved = crate::success_version_of!(save);
    let capped = crate::success_version_of!(cap);
    let assessed = crate::success_version_of!(assess);
    let certificate =
        crate::ui::resource(move || (id(), saved.get(), capped.get(), assessed.get()), |(id, ..)| get_certificate(id));
    // The eligibility check is a GET form (`?year=&level=&major=`), so it also works without scripts.
    let query = use_query_map();
    let check_params = move || {
        let q = query.read();
        Some((id(), q.get("year")?.parse::<i64>().ok()?, q.get("level")?, q.get("major")?))
    };
    let check = crate::ui::resource(check_params, |params| async move {
        match params {
            Some((id, year, level, major)) => Some(check_eligibility(id, year, level, major).await),
            None => None,
        }
    });
    let user = use_user();
    let error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| cap.value().get().and_then(|r| r.err()))
            .or_else(|| request.value().get().and_then(|r| r.err()))
            .or_else(|| assess.value().get().and_then(|r| r.err()))
    });
    view! {
        <ErrorBox error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let role = user.await.ok().flatten().map(|u| u.role);
                let checked = check.await;
                let asked = check_params();
                match certificate.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(c) => view! { <CheckResult result=checked asked request/> <Certificate c role actions/> }.into_any(),
                }
            })}
        </Transition>
        <p><a href="/certificates">{t("返回证书列表", "Back to certificates")}</a></p>
    }
}

/// The actions of the forms on this page, created once at the top of the page.
#[derive(Clone, Copy)]
pub struct OfferingActions {
    pub save: ServerAction<SaveOffering>,
    pub cap: ServerAction<SetCap>,
    pub assess: ServerAction<SaveAssessment>,
}

#[component]
fn Certificate(c: CertificateDetail, role: Option<Role>, actions: OfferingActions) -> impl IntoView {
    let o = c.organization.clone();
    // Only the organization (the server checks it is this certificate's) and the secretariat see editors.
    let editor = matches!(role, Some(Role::Org) | Some(Role::Secretariat));
    let secretariat = role == Some(Role::Secretariat);
    let school = matches!(role, Some(Role::Coordinator) | Some(Role::Lead));
    let certificate_id = c.id;
    let assessments = c.assessments.clone();
    view! {
        <h1>{c.name.clone()} {c.is_demo.then(|| view! { <span class="tag demo">{t("演示", "Demo")}</span> })}</h1>
        <section class="card">
            <p class="title">{o.name.clone()}</p>
            {(!o.contact_name.is_empty()).then(|| view! { <p>{o.contact_name.clone()}</p> })}
            {(!o.contact_phone.is_empty()).then(|| view! {
                <p><a class="button" href=format!("tel:{}", o.contact_phone)>{t("致电 ", "Call ")}{o.contact_phone.clone()}</a></p>
            })}
            {(!o.contact_email.is_empty()).then(|| view! { <p><a href=format!("mailto:{}", o.contact_email)>{o.contact_email.clone()}</a></p> })}
            {if c.standard_url.is_empty() {
                view! { <p class="muted">{t("证书标准：暂无链接，请咨询培训评价组织。", "Standard: no link; ask the organization.")}</p> }.into_any()
            } else {
                view! { <p><a href=c.standard_url.clone() target="_blank" rel="noopener">{t("查看证书标准", "Read the standard")}</a></p> }.into_any()
            }}
        </section>
        {c.offerings.is_empty().then(|| view! {
            <p class="empty">{t("培训评价组织尚未发布本证书的年度信息。", "The organization has not published this certificate's yearly details yet.")}</p>
        })}
        {c.offerings.into_iter().map(|offering| {
            let assessment = assessments.iter().find(|a| a.year == offering.year && a.level == offering.level).cloned();
            view! {
                <OfferingCard offering=offering.clone()/>
                {school.then(|| view! { <CheckForm certificate_id offering=offering.clone()/> })}
                {(school && !offering.equipment.is_empty()).then(|| view! {
                    <AssessmentForm certificate_id offering=offering.clone() assessment action=actions.assess/>
                })}
                {editor.then(|| view! { <OfferingEditor certificate_id offering=Some(offering.clone()) default_year=c.current_year save=actions.save/> })}
                {secretariat.then(|| view! { <CapEditor certificate_id offering=offering.clone() cap=actions.cap/> })}
            }
        }).collect_view()}
        {editor.then(|| view! { <OfferingEditor certificate_id offering=None default_year=c.current_year save=actions.save/> })}
        {(!c.history.is_empty()).then(|| view! { <History entries=c.history.clone()/> })}
    }
}

#[component]
fn OfferingCard(offering: Offering) -> impl IntoView {
    let section = |title: &'static str, text: String| {
        (!text.is_empty()).then(|| view! { <h3>{title}</h3><p class="pre">{text}</p> })
    };
    view! {
        <section class="card offering" data-level=offering.level.code()>
            <h2>{offering.year} " · " {tr(&offering.level.label())}
                " " <span class="tag">{if offering.is_open { t("本年度开放", "Open") } else { t("未开放", "Not open") }}</span>
            </h2>
            <p class="fee">{t("考核费用：", "Exam fee: ")}{format_yuan(offering.fee_fen)}{t("/人", " per person")}
                {offering.cap_fen.map(|cap| format!(" · {}{}", t("成本上限 ", "cap "), format_yuan(cap)))}
            </p>
            <h3>{t("可申报专业", "Eligible majors")}</h3>
            {if offering.eligible_majors.is_empty() {
                view! { <p class="muted">{t("培训评价组织尚未公布，请咨询。", "Not published yet; ask the organization.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="chips majors">
                        {offering.eligible_majors.iter().map(|m| view! { <li>{m.code.clone()} " " {m.name.clone()}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>{t("设备与软件清单", "Equipment and software")}</h3>
            {if offering.equipment.is_empty() {
                view! { <p class="muted">{t("尚未公布。", "Not published yet.")}</p> }.into_any()
            } else {
                view! {
                    <table class="equipment">
                        <thead><tr><th>{t("名称", "Item")}</th><th>{t("规格", "Specification")}</th><th>{t("数量", "Qty")}</th></tr></thead>
                        <tbody>
                            {offering.equipment.iter().map(|e| view! {
                                <tr><td>{e.item.clone()}</td><td>{e.spec.clone()}</td><td class="num">{e.quantity}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {section(t("考核站点建设条件", "Exam-site conditions"), offering.site_conditions)}
            {section(t("年度考试计划", "Exam plan"), offering.exam_plan)}
            {section(t("师资培训计划", "Teacher-training plan"), offering.training_plan)}
        </section>
    }
}

/// Who changed what and when (organization and secretariat only).
#[component]
fn History(entries: Vec<HistoryEntry>) -> impl IntoView {
    view! {
        <details class="card history">
            <summary>{t("修改记录", "Change history")}</summary>
            <ol class="timeline">
                {entries.into_iter().map(|e| view! {
                    <li>
                        <p class="muted">{format_shanghai(e.at)} " · " {e.by} " · " {e.year} " " {tr(&e.level.label())}</p>
                        <ul>{e.changes.iter().map(|c| view! { <li>{tr(c)}</li> }).collect_view()}</ul>
                    </li>
                }).collect_view()}
            </ol>
        </details>
    }
}

/// A school checks one of its majors against this level (seed FAQ 3).
#[component]
fn CheckForm(certificate_id: i64, offering: Offering) -> impl IntoView {
    view! {
        <form method="get" action=format!("/certificates/{certificate_id}") class="card form inline check-major">
            <input type="hidden" name="year" value=offering.year/>
            <input type="hidden" name="level" value=offering.level.code()/>
            <div class="field">
                <label>
                    <span class="label">{t("检查本校专业（专业代码）", "Check a major (code)")} " · " {tr(&offering.level.label())}</span>
                    <input name="major" inputmode="numeric" maxlength="6" required/>
                </label>
            </div>
            <button type="submit">{t("检查", "Check")}</button>
        </form>
    }
}

#[component]
fn CheckResult(
    result: Option<Result<EligibilityCheck, AppError>>,
    /// The (certificate, year, level, major) that was checked.
    asked: Option<(i64, i64, String, String)>,
    request: ServerAction<RequestMajor>,
) -> impl IntoView {
    match result {
        None => ().into_any(),
        Some(Err(e)) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
        Some(Ok(check)) => {
            let class = match check.eligibility {
                Eligibility::Eligible => "notice eligibility",
                _ => "error-box eligibility",
            };
            view! {
                <div class=class role="status">
                    <p class="title">{check.major.code.clone()} " " {check.major.name.clone()} " · " {tr(&check.major.education_level.label())}</p>
                    <p>{tr(&check.eligibility.message())}</p>
                    {(check.eligibility == Eligibility::NotInRange).then(|| asked.map(|(certificate_id, year, level, major)| view! {
                        {move || request.value().get().and_then(|r| r.ok()).map(|_| view! {
                            <p class="notice">{t("已请培训评价组织确认，答复会显示在首页。", "Sent to the organization; the answer will show on your home page.")}</p>
                        })}
                        <ActionForm action=request>
                            <input type="hidden" name="certificate_id" value=certificate_id/>
                            <input type="hidden" name="year" value=year/>
                            <input type="hidden" name="level" value=level/>
                            <input type="hidden" name="major_code" value=major/>
                            <button type="submit" class="primary">{t("请培训评价组织增加该专业", "Ask the organization to add this major")}</button>
                        </ActionForm>
                    }))}
                </div>
            }
            .into_any()
        }
    }
}
