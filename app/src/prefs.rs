//! The language preference cookie (server only).

use axum::extract::Form;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect};

use crate::i18n::Lang;

pub const LANG_COOKIE: &str = "lang";
pub const PATH: &str = "/prefs/lang";

#[derive(serde::Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    back: String,
}

/// `POST /prefs/lang`: stores the choice for a year and goes back to the page (a plain form, no script).
pub async fn set_lang(Form(form): Form<LangForm>) -> impl IntoResponse {
    let lang = Lang::from_code(&form.lang);
    let code = if lang == Lang::En { "en" } else { "zh" };
    let back = if crate::forms::is_local_path(&form.back) { form.back } else { "/".to_string() };
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&format!("{LANG_COOKIE}={code}; Path=/; SameSite=Lax; Max-Age=31536000")) {
        headers.insert(header::SET_COOKIE, v);
    }
    (headers, Redirect::to(&back))
}

/// The language of the current request, from its cookie.
pub fn request_lang() -> Lang {
    crate::auth::session::request_cookie(LANG_COOKIE).map(|c| Lang::from_code(&c)).unwrap_or_default()
}
