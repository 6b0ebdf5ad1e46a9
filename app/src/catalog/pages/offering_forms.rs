//! The forms under an offering on the certificate page: the organization's editor (also for a new year or
//! level), the secretariat's cost cap, and a school's equipment self-assessment. All are plain forms that
//! also work with scripts off; a refused post comes back with what was typed.

use std::collections::HashMap;

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::catalog::api::{SaveAssessment, SaveOffering, SetCap};
use crate::catalog::equipment::{format_equipment, shortfall};
use crate::catalog::fees::format_yuan;
use crate::catalog::model::{Level, Offering, OfferingAssessment};
use crate::error::AppError;
use crate::forms::echoed_values;
use crate::i18n::{t, tr};
use crate::ui::time::format_shanghai;
use crate::ui::{ErrorBox, Field, TextArea};

fn yuan_text(fen: i64) -> String {
    format_yuan(fen).trim_start_matches('¥').to_string()
}

/// Edits one offering, or (without one) adds a year or level. The key `offering` ("2026-junior", or "new")
/// tells the forms apart when a refused plain post sends the typed values back.
#[component]
pub fn OfferingEditor(
    certificate_id: i64,
    offering: Option<Offering>,
    /// The year a new offering starts with (this year in Asia/Shanghai, from the server).
    default_year: i64,
    save: ServerAction<SaveOffering>,
) -> impl IntoView {
    let key = offering.as_ref().map(|o| format!("{}-{}", o.year, o.level.code())).unwrap_or_else(|| "new".into());
    let echo = echoed_values("offering", &key).unwrap_or_default();
    let value = move |name: &str, stored: String| echo.get(name).cloned().unwrap_or(stored);
    let error = Signal::derive(move || save.value().get().and_then(|r| r.err()));
    let o = offering.clone().unwrap_or(Offering {
        year: default_year,
        level: Level::Junior,
        is_open: true,
        fee_fen: 0,
        cap_fen: None,
        site_conditions: String::new(),
        exam_plan: String::new(),
        training_plan: String::new(),
        equipment: Vec::new(),
        eligible_majors: Vec::new(),
    });
    let codes = o.eligible_majors.iter().map(|m| m.code.clone()).collect::<Vec<_>>().join(", ");
    let key_attr = key.clone();
    let fee = if offering.is_some() { yuan_text(o.fee_fen) } else { String::new() };
    view! {
        <details class="card editor" data-offering=key_attr>
            <summary>
                {match &offering {
                    Some(o) => format!("{} {} {}", t("编辑", "Edit"), o.year, tr(&o.level.label())),
                    None => t("新增年度或等级", "Add a year or level").to_string(),
                }}
            </summary>
            <ErrorBox error/>
            <ActionForm action=save attr:class="form">
                <input type="hidden" name="certificate_id" value=certificate_id/>
                <input type="hidden" name="offering" value=key/>
                {if offering.is_some() {
                    view! {
                        <input type="hidden" name="year" value=o.year/>
                        <input type="hidden" name="level" value=o.level.code()/>
                    }.into_any()
                } else {
                    view! {
                        <Field label=t("年度", "Year") name="year" kind="number" value=value("year", o.year.to_string()) required=true error/>
                        <div class="field">
                            <label>
                                <span class="label">{t("等级", "Level")}</span>
                                <select name="level">
                                    {Level::ALL.into_iter().map(|l| view! { <option value=l.code()>{tr(&l.label())}</option> }).collect_view()}
                                </select>
                            </label>
                        </div>
                    }.into_any()
                }}
                <label class="check"><input type="checkbox" name="is_open" value="1" checked=o.is_open/>{t("本年度开放报考", "Open this year")}</label>
                <Field label=t("每人考核费用（元）", "Exam fee per person (yuan)") name="fee" value=value("fee", fee) required=true error/>
                <TextArea
                    label=t("设备与软件清单（每行：名称 | 规格 | 数量）", "Equipment and software (one per line: item | specification | quantity)")
                    name="equipment" value=value("equipment", format_equipment(&o.equipment)) error rows=5/>
                <TextArea
                    label=t("可申报专业代码（用空格或逗号分隔）", "Eligible major codes (separated by spaces or commas)")
                    name="majors" value=value("majors", codes) error rows=2/>
                <TextArea label=t("考核站点建设条件", "Exam-site conditions") name="site_conditions" value=value("site_conditions", o.site_conditions.clone()) error rows=3/>
                <TextArea label=t("年度考试计划", "Exam plan") name="exam_plan" value=value("exam_plan", o.exam_plan.clone()) error rows=3/>
                <TextArea label=t("师资培训计划", "Teacher-training plan") name="training_plan" value=value("training_plan", o.training_plan.clone()) error rows=3/>
                <button type="submit" class="primary">{t("保存", "Save")}</button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn CapEditor(certificate_id: i64, offering: Offering, cap: ServerAction<SetCap>) -> impl IntoView {
    let error = Signal::derive(move || cap.value().get().and_then(|r| r.err()).or(None::<AppError>));
    let current = offering.cap_fen.map(yuan_text).unwrap_or_default();
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

/// A school ticks what it has of the equipment list, with quantities and notes; what is still missing is
/// listed above the form. Rows post as `lines[n][…]` so the server function receives a list.
#[component]
pub fn AssessmentForm(
    certificate_id: i64,
    offering: Offering,
    assessment: Option<OfferingAssessment>,
    action: ServerAction<SaveAssessment>,
) -> impl IntoView {
    let lines = assessment.as_ref().map(|a| a.lines.clone()).unwrap_or_default();
    let missing: Vec<String> = shortfall(&offering.equipment, &lines).iter().map(|e| e.item.clone()).collect();
    let saved: HashMap<String, (bool, i64, String)> =
        lines.into_iter().map(|l| (l.item, (l.has_it, l.quantity, l.note))).collect();
    view! {
        <details class="card assessment" data-level=offering.level.code()>
            <summary>{t("本校设备自查", "Our equipment self-check")} " · " {tr(&offering.level.label())}</summary>
            {match &assessment {
                None => view! { <p class="muted">{t("尚未自查。", "Not checked yet.")}</p> }.into_any(),
                Some(a) if missing.is_empty() => view! {
                    <p class="notice">{t("已满足清单要求。", "Meets the list.")} " " <span class="muted">{format_shanghai(a.updated_at)}</span></p>
                }.into_any(),
                Some(a) => view! {
                    <p class="error-box">{t("尚缺：", "Still missing: ")}{missing.join("、")} " " <span class="muted">{format_shanghai(a.updated_at)}</span></p>
                }.into_any(),
            }}
            <ActionForm action attr:class="form">
                <input type="hidden" name="certificate_id" value=certificate_id/>
                <input type="hidden" name="year" value=offering.year/>
                <input type="hidden" name="level" value=offering.level.code()/>
                {offering.equipment.iter().enumerate().map(|(n, e)| {
                    let (has_it, quantity, note) = saved.get(&e.item).cloned().unwrap_or((false, 0, String::new()));
                    view! {
                        <fieldset class="field assess-line">
                            <legend>{e.item.clone()} " · " {t("需", "needs ")} {e.quantity}</legend>
                            <input type="hidden" name=format!("lines[{n}][item]") value=e.item.clone()/>
                            <label class="check"><input type="checkbox" name=format!("lines[{n}][has_it]") value="1" checked=has_it/>{t("已具备", "We have it")}</label>
                            <label>{t("现有数量", "Quantity we have")}
                                <input name=format!("lines[{n}][quantity]") inputmode="numeric" value=quantity.to_string()/>
                            </label>
                            <label>{t("备注", "Note")}<input name=format!("lines[{n}][note]") value=note/></label>
                        </fieldset>
                    }
                }).collect_view()}
                <button type="submit" class="primary">{t("保存自查", "Save self-check")}</button>
            </ActionForm>
        </details>
    }
}
