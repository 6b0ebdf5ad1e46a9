//! `/results`: the year's pilot results per certificate and level with the lead institutions, and their
//! downloads; for the secretariat also naming each lead institution and publishing. `/results/roster/:id`:
//! a certificate's pilot schools with their contacts, for its lead institution to run the group.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::api::{get_results, get_roster, NameLead, PublishResults, ResultsView};
use super::model::{lead_contact, CertificateResult, Roster, RosterSchool};
use crate::i18n::{t, tr};
use crate::ui::time::format_shanghai;
use crate::ui::{ErrorBox, Loading};

#[component]
pub fn ResultsPage() -> impl IntoView {
    let name_lead = ServerAction::<NameLead>::new();
    let publish = ServerAction::<PublishResults>::new();
    let changed = (crate::success_version_of!(name_lead), crate::success_version_of!(publish));
    let results = crate::ui::resource(move || (changed.0.get(), changed.1.get()), |_| get_results());
    let error = Signal::derive(move || {
        name_lead.value().get().and_then(|r| r.err()).or_else(|| publish.value().get().and_then(|r| r.err()))
    });
    view! {
        <h1>{t("试点结果", "Pilot results")}</h1>
        <ErrorBox error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match results.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(v) => view! { <Results v name_lead publish/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Results(v: ResultsView, name_lead: ServerAction<NameLead>, publish: ServerAction<PublishResults>) -> impl IntoView {
    let rosters = (!v.rosters.is_empty()).then(|| {
        view! {
            <section class="card rosters">
                <p class="title">{t("牵头证书试点院校名单", "Rosters of the certificates we lead")}</p>
                <ul>
                    {v.rosters.iter().map(|(id, name)| view! {
                        <li><a href=format!("/results/roster/{id}")>{name.clone()}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    if v.certificates.is_empty() && !v.can_manage {
        return view! {
            {rosters}
            <p class="empty">{format!("{}{}", v.year, t("年度试点结果尚未公布。", " results have not been published yet."))}</p>
        }
        .into_any();
    }
    let status = match v.published_at {
        Some(at) => view! {
            <p class="notice published" role="status">
                {t("已公布：", "Published: ")}{format_shanghai(at)}" · "
                <a href=format!("/notices#notice-{}", v.notice_id.unwrap_or_default())>{t("查看公告", "Read the notice")}</a>
            </p>
        }
        .into_any(),
        None => view! { <p class="muted unpublished">{t("尚未公布（仅秘书处可见）", "Not published yet (only the secretariat sees this)")}</p> }.into_any(),
    };
    let totals = v.totals;
    let can_manage = v.can_manage;
    let manage = can_manage.then(|| {
        let undecided = v.undecided;
        let republish = v.published_at.is_some();
        view! {
            <ActionForm action=publish attr:class="card form publish">
                {(undecided > 0).then(|| view! {
                    <label class="check">
                        <input type="checkbox" name="confirm_undecided" value="1"/>
                        {format!("{}{undecided}{}", t("尚有 ", ""), t(
                            " 份申报书未审批，确认仍然公布（它们不在名单中）",
                            " declaration(s) await a decision: publish anyway (they are not listed)",
                        ))}
                    </label>
                })}
                <p class="hint">{t(
                    "公布后生成置顶通知（全体可见），并通知各牵头院校。更正后可再次公布，原通知随之更新。",
                    "Publishing writes a pinned notice for everyone and tells each lead institution. Publish again after a correction to update that notice.",
                )}</p>
                <button type="submit" class="primary">
                    {if republish { t("更新已公布的结果", "Update the published results") } else { t("公布本年度结果", "Publish this year's results") }}
                </button>
            </ActionForm>
        }
    });
    view! {
        {rosters}
        {status}
        <p class="totals" data-totals=format!("{}/{}/{}/{}", totals.certificates, totals.certificate_levels, totals.schools, totals.pilots)>
            {format!("{}{} · {}{} · {}{} · {}{}",
                t("证书 ", "certificates "), totals.certificates,
                t("证书等级 ", "levels "), totals.certificate_levels,
                t("院校 ", "schools "), totals.schools,
                t("试点 ", "pilots "), totals.pilots)}
        </p>
        <p class="row-actions">
            <a class="button" href="/api/results/export.xlsx" download>{t("下载 Excel", "Download Excel")}</a>
            <a class="button" href="/api/results/export.csv" download>{t("下载 CSV", "Download CSV")}</a>
        </p>
        <ul class="list results">
            {v.certificates.into_iter().map(|c| view! { <Certificate c can_manage name_lead/> }).collect_view()}
        </ul>
        {manage}
    }
    .into_any()
}

#[component]
fn Certificate(c: CertificateResult, can_manage: bool, name_lead: ServerAction<NameLead>) -> impl IntoView {
    let lead_name = c.lead.as_ref().map(|(_, n)| n.clone());
    let lead_id = c.lead.as_ref().map(|(id, _)| *id);
    let choose = can_manage.then(|| {
        view! {
            <ActionForm action=name_lead attr:class="form name-lead">
                <input type="hidden" name="certificate_id" value=c.certificate_id/>
                <label class="field"><span class="label">{t("牵头院校", "Lead institution")}</span>
                    <select name="institution_id">
                        {c.schools.iter().map(|(id, name)| view! {
                            <option value=*id selected=lead_id == Some(*id)>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="submit">{t("指定", "Name")}</button>
            </ActionForm>
        }
    });
    view! {
        <li class="card certificate-result" data-certificate=c.certificate_id>
            <p class="title">{c.certificate.clone()}</p>
            <p class="lead">
                {t("牵头院校：", "Lead institution: ")}
                {match lead_name {
                    Some(n) => view! { <strong>{n}</strong> }.into_any(),
                    None => view! { <span class="tag flag">{t("未指定", "Not named")}</span> }.into_any(),
                }}
            </p>
            <ul class="levels">
                {c.levels.into_iter().map(|l| view! {
                    <li>
                        <strong>{format!("{}（{}{}）", tr(&l.level.label()), l.schools.len(), t("所", ""))}</strong>"："
                        {l.schools.join("、")}
                    </li>
                }).collect_view()}
            </ul>
            {choose}
        </li>
    }
}

#[component]
pub fn RosterPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let roster = crate::ui::resource(id, get_roster);
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match roster.await {
                    Err(e) => view! {
                        <h1>{t("试点院校名单", "Pilot school roster")}</h1>
                        <p class="error-box" role="alert">{tr(&e.message())}</p>
                    }.into_any(),
                    Ok(r) => view! { <RosterView r/> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RosterView(r: Roster) -> impl IntoView {
    let missing = r.schools.iter().filter(|s| s.followup.is_none()).count();
    let id = r.certificate_id;
    let count = r.schools.len();
    let schools = r.schools;
    view! {
        <h1>{format!("{} {}", r.certificate, t("试点院校名单", "pilot schools"))}</h1>
        <p class="muted">{format!("{}{} · {}{}", r.year, t("年度", ""), t("牵头院校：", "lead institution: "), r.lead_institution)}</p>
        <p data-missing=missing>{format!("{}{} · {}{missing}", t("试点院校 ", "Pilot schools: "), count, t("未填报联系人 ", "contacts not yet submitted: "))}</p>
        <p class="row-actions">
            <a class="button" href=format!("/api/results/roster/{id}/export.xlsx") download>{t("下载 Excel", "Download Excel")}</a>
            <a class="button" href=format!("/api/results/roster/{id}/export.csv") download>{t("下载 CSV", "Download CSV")}</a>
        </p>
        <ul class="list roster">
            {schools.into_iter().map(|s| view! { <School s certificate=r.certificate.clone()/> }).collect_view()}
        </ul>
    }
}

#[component]
fn School(s: RosterSchool, certificate: String) -> impl IntoView {
    let levels = s.levels.iter().map(|l| tr(&l.label()).to_string()).collect::<Vec<_>>().join("、");
    let contacts = match &s.followup {
        None => view! { <p><span class="tag flag">{t("尚未填报联系人", "Contacts not yet submitted")}</span></p> }
            .into_any(),
        Some(f) => {
            let lead = lead_contact(f, &certificate).cloned();
            view! {
                <dl class="contacts">
                    <dt>{t("分管校领导", "School leader")}</dt>
                    <dd>{format!("{} · {} · ", f.leader_name, f.leader_title)}<a href=format!("tel:{}", f.leader_phone)>{f.leader_phone.clone()}</a></dd>
                    <dt>{t("教务处联系人", "Coordinator staff")}</dt>
                    <dd>
                        {format!("{} · {} · ", f.staff_name, f.staff_title)}
                        <a href=format!("tel:{}", f.staff_mobile)>{f.staff_mobile.clone()}</a>" · "
                        <a href=format!("mailto:{}", f.staff_qq_email)>{f.staff_qq_email.clone()}</a>
                    </dd>
                    {lead.map(|l| view! {
                        <dt>{t("证书负责人", "Certificate lead")}</dt>
                        <dd class="lead-contact">
                            {format!("{} · ", l.name)}
                            <a href=format!("tel:{}", l.mobile)>{l.mobile.clone()}</a>" · "
                            <a href=format!("mailto:{}", l.qq_email)>{l.qq_email.clone()}</a>
                        </dd>
                    })}
                </dl>
            }
            .into_any()
        }
    };
    view! {
        <li class="card roster-school" data-institution=s.institution_id>
            <p class="title">{s.institution.clone()}</p>
            <p class="muted">{t("试点等级：", "Levels: ")}{levels}</p>
            {contacts}
        </li>
    }
}
