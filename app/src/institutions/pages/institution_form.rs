//! The registry entry form (secretariat), checked live with the shared validators.

use leptos::form::ActionForm;
use leptos::prelude::*;

use super::checks;
use crate::i18n::{t, tr};
use crate::institutions::api::SaveInstitution;
use crate::institutions::model::{city_label, Institution, CITIES, KINDS};
use crate::ui::{ErrorBox, Field};

#[component]
pub fn InstitutionForm(existing: Option<Institution>) -> impl IntoView {
    let action = ServerAction::<SaveInstitution>::new();
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    let saved = move || action.value().get().and_then(|r| r.ok());
    let i = existing.clone().unwrap_or(Institution {
        id: 0,
        name: String::new(),
        kind: String::new(),
        city: String::new(),
        credit_code: String::new(),
        school_code: String::new(),
        website: String::new(),
        address: String::new(),
        contact_name: String::new(),
        contact_mobile: String::new(),
        contact_email: String::new(),
        is_demo: false,
        has_coordinator: false,
    });
    let (kind, city) = (i.kind.clone(), i.city.clone());
    view! {
        <ErrorBox error/>
        {move || saved().map(|s| view! {
            <div class="notice" role="status">
                <p>{t("已保存。", "Saved.")} " " <a href=format!("/registry/{}", s.id)>{t("查看", "Open")}</a></p>
                {s.warnings.iter().map(|w| view! { <p class="field-warning">{tr(w)}</p> }).collect_view()}
            </div>
        })}
        <ActionForm action attr:class="card form">
            {existing.as_ref().map(|e| view! { <input type="hidden" name="id" value=e.id/> })}
            <Field label=t("院校名称", "Institution name") name="name" value=i.name.clone() required=true error/>
            <div class="field">
                <label for="f-kind">{t("院校类型", "Type")}</label>
                <select id="f-kind" name="kind">
                    {KINDS.iter().map(|k| view! { <option value=k.0 selected=kind == k.0>{tr(&crate::i18n::Text::new(k.1, k.2))}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-city">{t("所在地级市", "City")}</label>
                <select id="f-city" name="city">
                    {CITIES.iter().map(|c| view! { <option value=c.0 selected=city == c.0>{tr(&city_label(c.0))}</option> }).collect_view()}
                </select>
            </div>
            <Field label=t("统一社会信用代码", "Unified social credit code") name="credit_code" value=i.credit_code.clone() required=true error
                validator=checks::credit_code hint=t("18位，见法人证书。", "18 characters, on the legal-person certificate.")/>
            <Field label=t("学校标识码", "School code") name="school_code" value=i.school_code.clone() required=true error
                validator=checks::school_code hint=t("10位数字，第3–4位广西为45。", "10 digits; digits 3–4 are 45 for Guangxi.")/>
            <Field label=t("院校网址（可选）", "Website (optional)") name="website" value=i.website.clone() kind="url" error validator=checks::website/>
            <Field label=t("详细地址", "Address") name="address" value=i.address.clone() required=true error/>
            <button type="submit" class="primary">{t("保存", "Save")}</button>
        </ActionForm>
    }
}
