//! Contact name, mobile and email fields, used by registration, addition requests and the school profile.

use leptos::prelude::*;

use super::checks;
use crate::error::AppError;
use crate::i18n::t;
use crate::ui::Field;

#[component]
pub fn ContactFields(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional, into)] name: String,
    #[prop(optional, into)] mobile: String,
    #[prop(optional, into)] email: String,
) -> impl IntoView {
    view! {
        <Field label=t("联系人姓名", "Contact name") name="contact_name" value=name required=true error autocomplete="name"/>
        <Field label=t("联系人手机号", "Contact mobile") name="contact_mobile" value=mobile kind="tel" required=true error
            validator=checks::mobile autocomplete="tel"/>
        <Field label=t("联系人邮箱", "Contact email") name="contact_email" value=email kind="email" required=true error
            validator=checks::email autocomplete="email"/>
    }
}
