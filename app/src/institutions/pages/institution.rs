//! `/registry/:id` (and `/registry/new`): one registry entry with its colleges.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::institution_form::InstitutionForm;
use super::school::Colleges;
use crate::i18n::{t, tr};
use crate::institutions::api::get_institution;
use crate::ui::Loading;

#[component]
pub fn InstitutionPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let institution = crate::ui::resource(id, |id| async move {
        match id {
            Some(id) => get_institution(id).await.map(Some),
            None => Ok(None),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match institution.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(None) => view! {
                        <h1>{t("新增院校", "Add institution")}</h1>
                        <InstitutionForm existing=None/>
                    }.into_any(),
                    Ok(Some(i)) => view! {
                        <h1>{i.name.clone()}</h1>
                        {(!i.contact_name.is_empty()).then(|| view! {
                            <p class="card">{t("联系人：", "Contact: ")}{i.contact_name.clone()} " · "
                                <a href=format!("tel:{}", i.contact_mobile)>{i.contact_mobile.clone()}</a> " · " {i.contact_email.clone()}</p>
                        })}
                        <InstitutionForm existing=Some(i.clone())/>
                    }.into_any(),
                }
            })}
        </Suspense>
        // Outside the suspense above: resources are never created inside a suspended block, so that
        // server and browser create them in the same order.
        {move || id().map(|institution_id| view! { <Colleges institution_id/> })}
        <p><a href="/registry">{t("返回院校总库", "Back to the registry")}</a></p>
    }
}
