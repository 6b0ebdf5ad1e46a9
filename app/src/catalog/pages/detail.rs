//! `/certificates/:id`: what a lead checks on a phone before declaring — per level: open or not, exam fee
//! and cost cap, exam-site conditions, exam and teacher-training plans, and whom to call.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::accounts::model::Role;
use crate::catalog::api::{check_eligibility, get_certificate, SaveOffering, SetCap};
use crate::catalog::eligibility::{Eligibility, EligibilityCheck};
use crate::catalog::fees::format_yuan;
use crate::catalog::model::{CertificateDetail, Offering};
use crate::catalog::requests::RequestMajor;
use crate::error::AppError;
use crate::i18n::{t, tr};
use crate::shell::use_user;
use crate::ui::{ErrorBox, Field, Loading};

#[component]
pub fn CertificatePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let save = ServerAction::<SaveOffering>::new();
    let cap = ServerAction::<SetCap>::new();
    let request = ServerAction::<RequestMajor>::new();
    let certificate =
        Resource::new(move || (id(), save.version().get(), cap.version().get()), |(id, _, _)| get_certificate(id));
    // The eligibility check is a GET form (`?year=&level=&major=`), so it also works without scripts.
    let query = use_query_map();
    let check_params = move || {
        let q = query.read();
        Some((id(), q.get("year")?.parse::<i64>().ok()?, q.get("level")?, q.get("major")?))
    };
    let check = Resource::new(check_params, |params| async move {
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
                    Ok(c) => view! { <CheckResult result=checked asked request/> <Certificate c role save cap/> }.into_any(),
                }
            })}
        </Transition>
        <p><a href="/certificates">{t("返回证书列表", "Back to certificates")}</a></p>
    }
}

#[component]
fn Certificate(
    c: CertificateDetail,
    role: Option<Role>,
    save: ServerAction<SaveOffering>,
    cap: ServerAction<SetCap>,
) -> impl IntoView {
    let o = c.organization.clone();
    // Only the organization (the server checks it is this certificate's) and the secretariat see editors.
    let editor = matches!(role, Some(Role::Org) | Some(Role::Secretariat));
    let secretariat = role == Some(Role::Secretariat);
    let school = matches!(role, Some(Role::Coordinator) | Some(Role::Lead));
    let certificate_id = c.id;
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
        {if c.offerings.is_empty() {
            view! { <p class="empty">{t("培训评价组织尚未发布本证书的年度信息。", "The organization has not published this certificate's yearly details yet.")}</p> }.into_any()
        } else {
            c.offerings.into_iter().map(|offering| view! {
                <OfferingCard offering=offering.clone()/>
                {school.then(|| view! { <CheckForm certificate_id offering=offering.clone()/> })}
                {editor.then(|| view! { <OfferingEditor certificate_id offering=offering.clone() save/> })}
                {secretariat.then(|| view! { <CapEditor certificate_id offering=offering.clone() cap/> })}
            }).collect_view().into_any()
        }}
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
            {section(t("考核站点建设条件", "Exam-site conditions"), offering.site_conditions)}
            {section(t("年度考试计划", "Exam plan"), offering.exam_plan)}
            {section(t("师资培训计划", "Teacher-training plan"), offering.training_plan)}
        </section>
    }
}

#[component]
fn OfferingEditor(certificate_id: i64, offering: Offering, save: ServerAction<SaveOffering>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let fee = format_yuan(offering.fee_fen).trim_start_matches('¥').to_string();
    view! {
        <details class="card">
            <summary>{t("编辑", "Edit")} " " {offering.year} " " {tr(&offering.level.label())}</summary>
            <ActionForm action=save attr:class="form">
                <input type="hidden" name="certificate_id" value=certificate_id/>
                <input type="hidden" name="year" value=offering.year/>
                <input type="hidden" name="level" value=offering.level.code()/>
                <label class="check"><input type="checkbox" name="is_open" value="1" checked=offering.is_open/>{t("本年度开放报考", "Open this year")}</label>
                <Field label=t("每人考核费用（元）", "Exam fee per person (yuan)") name="fee" value=fee required=true error/>
                <TextArea label=t("考核站点建设条件", "Exam-site conditions") name="site_conditions" value=offering.site_conditions/>
                <TextArea label=t("年度考试计划", "Exam plan") name="exam_plan" value=offering.exam_plan/>
                <TextArea label=t("师资培训计划", "Teacher-training plan") name="training_plan" value=offering.training_plan/>
                <button type="submit" class="primary">{t("保存", "Save")}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn CapEditor(certificate_id: i64, offering: Offering, cap: ServerAction<SetCap>) -> impl IntoView {
    let error = Signal::derive(move || cap.value().get().and_then(|r| r.err()).or(None::<AppError>));
    let current = offering.cap_fen.map(|c| format_yuan(c).trim_start_matches('¥').to_string()).unwrap_or_default();
    view! {
        <ActionForm action=cap attr:class="card form inline">
            <input type="hidden" name="certificate_id" value=certificate_id/>
            <input type="hidden" name="year" value=offering.year/>
            <input type="hidden" name="level" value=offering.level.code()/>
            <Field label=t("考核成本上限（元）", "Cost cap (yuan)") name="cap" value=current required=true error/>
            <button type="submit">{t("设置上限", "Set cap")}</button>
        </ActionForm>
    }
}

#[component]
fn TextArea(label: &'static str, name: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="field">
            <label>
                <span class="label">{label}</span>
                <textarea name=name rows="3">{value}</textarea>
            </label>
        </div>
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
