//! In the browser (hydrate only): ask for permission, subscribe with the server's VAPID key through the
//! service worker's push manager, and store the subscription with the chosen kinds.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{PushSubscription, PushSubscriptionOptionsInit, ServiceWorkerRegistration};

use crate::error::AppError;
use crate::i18n::Text;
use crate::notifications::api::{subscribe, vapid_public_key};
use crate::notifications::model::{decode_base64url, Kind};

fn error_name(e: &JsValue) -> String {
    Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()
}

fn field(object: &JsValue, path: &[&str]) -> Option<String> {
    let mut value = object.clone();
    for key in path {
        value = Reflect::get(&value, &(*key).into()).ok()?;
    }
    value.as_string()
}

pub async fn subscribe_this_device(kinds: Vec<Kind>) -> Result<(), AppError> {
    let window = web_sys::window().ok_or_else(|| subscribe_failure("unsupported"))?;
    let supported = Reflect::has(&window, &"PushManager".into()).unwrap_or(false)
        && Reflect::has(&window, &"Notification".into()).unwrap_or(false);
    if !supported {
        return Err(subscribe_failure("unsupported"));
    }
    let js = |e: JsValue| subscribe_failure(&error_name(&e));
    let permission = JsFuture::from(web_sys::Notification::request_permission().map_err(js)?).await.map_err(js)?;
    if permission.as_string().as_deref() != Some("granted") {
        return Err(subscribe_failure("denied"));
    }
    let key = vapid_public_key().await?;
    let key = decode_base64url(&key).ok_or_else(|| subscribe_failure(""))?;
    let ready = window.navigator().service_worker().ready().map_err(js)?;
    let registration: ServiceWorkerRegistration = JsFuture::from(ready).await.map_err(js)?.unchecked_into();
    let options = PushSubscriptionOptionsInit::new();
    options.set_user_visible_only(true);
    options.set_application_server_key(&Uint8Array::from(key.as_slice()).into());
    let pending = registration.push_manager().map_err(js)?.subscribe_with_options(&options).map_err(js)?;
    let subscription: PushSubscription = JsFuture::from(pending).await.map_err(js)?.unchecked_into();
    let json = subscription.to_json().map_err(js)?;
    let json: &JsValue = json.as_ref();
    let (Some(endpoint), Some(p256dh), Some(auth)) =
        (field(json, &["endpoint"]), field(json, &["keys", "p256dh"]), field(json, &["keys", "auth"]))
    else {
        return Err(subscribe_failure(""));
    };
    subscribe(endpoint, p256dh, auth, Some(kinds.iter().map(|k| k.code().to_string()).collect())).await
}

/// Why subscribing failed, in words a person can act on.
pub fn subscribe_failure(js_error_name: &str) -> AppError {
    let text = match js_error_name {
        "NotAllowedError" | "denied" => Text::new(
            "您没有允许此网站发送通知。请在浏览器的网站设置中允许通知后重试。",
            "Notifications are blocked for this site. Allow them in the browser's site settings and try again.",
        ),
        "unsupported" => Text::new(
            "此浏览器不支持推送通知。请将本应用添加到主屏幕，或使用最新版浏览器。",
            "This browser does not support push notifications. Add the app to your home screen or use a current browser.",
        ),
        _ => Text::new(
            "暂时无法连接推送服务，请联网后重试。",
            "Could not reach the push service. Try again when you are online.",
        ),
    };
    AppError::Conflict(text)
}
