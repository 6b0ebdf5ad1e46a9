//! In the browser (hydrate only): shrink a photo before it is sent — long edge at most 1920 px, JPEG
//! quality 0.8, turned upright from its EXIF orientation — and upload it with progress, one photo per
//! request, retrying with backoff when the network fails. The client id chosen once per photo makes every
//! retry the same upload on the server.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, File, FormData, HtmlCanvasElement, ImageBitmap, XmlHttpRequest};

pub const LONG_EDGE: f64 = 1920.0;
pub const QUALITY: f64 = 0.8;
pub const ATTEMPTS: u32 = 4;
/// A request with no progress for this long is given up (a stalled connection never ends by itself).
pub const STALL_MS: f64 = 30_000.0;

/// Draws the photo upright onto a canvas no larger than `LONG_EDGE` and returns it as a JPEG.
pub async fn compress(file: &File) -> Result<Blob, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let options = web_sys::ImageBitmapOptions::new();
    options.set_image_orientation(web_sys::ImageOrientation::FromImage);
    let bitmap: ImageBitmap =
        JsFuture::from(window.create_image_bitmap_with_blob_and_image_bitmap_options(file, &options)?)
            .await?
            .dyn_into()?;
    let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
    let scale = (LONG_EDGE / w.max(h)).min(1.0);
    let (tw, th) = ((w * scale).round(), (h * scale).round());
    let canvas: HtmlCanvasElement = window.document().ok_or("no document")?.create_element("canvas")?.dyn_into()?;
    canvas.set_width(tw as u32);
    canvas.set_height(th as u32);
    let context: CanvasRenderingContext2d = canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
    context.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, tw, th)?;
    bitmap.close();
    let blob = Promise::new(&mut |resolve, reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = if blob.is_null() {
                reject.call1(&JsValue::NULL, &"toBlob failed".into())
            } else {
                resolve.call1(&JsValue::NULL, &blob)
            };
        });
        if let Err(e) =
            canvas.to_blob_with_type_and_encoder_options(done.unchecked_ref(), "image/jpeg", &QUALITY.into())
        {
            let _ = e;
        }
    });
    JsFuture::from(blob).await?.dyn_into()
}

/// How an upload ended: the server's JSON answer, or why it did not get one.
pub enum Outcome {
    /// 2xx: the photo is stored.
    Stored,
    /// 4xx: the server refused it (the body is the AppError JSON); retrying would not help.
    Refused(String),
    /// No answer or a 5xx, after every retry.
    Failed,
}

/// What a request carries: a multipart form (photos) or url-encoded fields (outbox saves).
pub enum Body<'a> {
    Form(&'a FormData),
    UrlEncoded(&'a str),
}

/// How far a photo's upload has come, 0.0–1.0.
pub type Progress = Rc<dyn Fn(f64)>;

/// One XMLHttpRequest (fetch cannot report upload progress); resolves with (status, body), or fails when
/// there was no answer at all, or no progress for [`STALL_MS`].
pub async fn post(url: &str, body: Body<'_>, progress: Option<Progress>) -> Result<(u16, String), JsValue> {
    let xhr = XmlHttpRequest::new()?;
    xhr.open("POST", url)?;
    xhr.set_request_header("Accept", "application/json")?;
    let last_activity = Rc::new(Cell::new(js_sys::Date::now()));
    let seen = last_activity.clone();
    let on_upload = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        seen.set(js_sys::Date::now());
        if let (Some(progress), true) = (&progress, e.length_computable() && e.total() > 0.0) {
            progress(e.loaded() / e.total());
        }
    });
    let seen = last_activity.clone();
    let on_answer = Closure::<dyn FnMut()>::new(move || seen.set(js_sys::Date::now()));
    xhr.upload()?.set_onprogress(Some(on_upload.as_ref().unchecked_ref()));
    xhr.set_onprogress(Some(on_answer.as_ref().unchecked_ref()));
    let finished = Promise::new(&mut |resolve, reject| {
        xhr.set_onload(Some(resolve.unchecked_ref()));
        xhr.set_onerror(Some(reject.unchecked_ref()));
        xhr.set_onabort(Some(reject.unchecked_ref()));
    });
    match body {
        Body::Form(form) => xhr.send_with_opt_form_data(Some(form))?,
        Body::UrlEncoded(text) => {
            xhr.set_request_header("Content-Type", "application/x-www-form-urlencoded")?;
            xhr.send_with_opt_str(Some(text))?
        }
    }
    let settled = Rc::new(Cell::new(false));
    leptos::task::spawn_local(abort_when_stalled(xhr.clone(), last_activity, settled.clone()));
    let answer = JsFuture::from(finished).await;
    settled.set(true);
    answer?;
    Ok((xhr.status()?, xhr.response_text()?.unwrap_or_default()))
}

/// Aborts the request once nothing has moved for [`STALL_MS`] (its `post` then fails like a lost connection).
async fn abort_when_stalled(xhr: XmlHttpRequest, last_activity: Rc<Cell<f64>>, settled: Rc<Cell<bool>>) {
    loop {
        gloo_timers::future::TimeoutFuture::new(1000).await;
        if settled.get() {
            return;
        }
        if js_sys::Date::now() - last_activity.get() > STALL_MS {
            let _ = xhr.abort();
            return;
        }
    }
}

/// Uploads one photo, trying up to `attempts` times (waiting 1 s, 2 s, 4 s between); `progress` gets 0.0–1.0.
pub async fn upload(url: &str, form: &FormData, attempts: u32, progress: impl Fn(f64) + 'static) -> Outcome {
    let progress: Progress = Rc::new(progress);
    for attempt in 0..attempts {
        if attempt > 0 {
            gloo_timers::future::TimeoutFuture::new(1000 << (attempt - 1)).await;
        }
        match post(url, Body::Form(form), Some(progress.clone())).await {
            Ok((status, _)) if (200..300).contains(&status) => return Outcome::Stored,
            Ok((status, body)) if (400..500).contains(&status) => return Outcome::Refused(body),
            _ => continue,
        }
    }
    Outcome::Failed
}

/// A fresh id for one photo, reused by all of its retries.
pub fn client_id() -> String {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.random_uuid())
        .unwrap_or_else(|| format!("{}", js_sys::Math::random()))
}
