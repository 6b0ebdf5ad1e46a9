//! Evidence photos on the declaration page: thumbnails with category, caption and capture time, and the
//! uploader. The uploader is a plain multipart form (the camera opens on phones; it works without scripts);
//! with scripts the photo is shrunk in the browser first and sent with a progress bar and retries. Offline,
//! or when every retry failed, the shrunk photo waits in the outbox (same client id, so a photo that did
//! reach the server is not stored twice) and is listed here as waiting until the sync has sent it.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::declarations::api::DeletePhoto;
use crate::error::AppError;
use crate::evidence::model::{Photo, PhotoCategory};
use crate::i18n::{t, tr};
use crate::ui::time::format_shanghai;
use crate::ui::ErrorBox;

#[component]
pub fn PhotoSection(
    declaration_id: i64,
    photos: Vec<Photo>,
    can_edit: bool,
    /// Bumped after each upload so the page reloads the declaration.
    uploaded: RwSignal<u32>,
    delete: ServerAction<DeletePhoto>,
) -> impl IntoView {
    view! {
        <section class="card photos">
            <h2>{t("佐证照片", "Evidence photos")} " (" {photos.len()} ")"</h2>
            <ul class="photo-grid">
                {photos.into_iter().map(|p| view! {
                    <li class="photo" data-photo=p.id>
                        <a href=format!("/api/photos/{}", p.id) target="_blank">
                            <img src=format!("/api/photos/{}/thumb", p.id) alt=p.caption.clone() loading="lazy" width="160"/>
                        </a>
                        <p><span class="tag">{tr(&p.category.label())}</span> " " {p.caption.clone()}</p>
                        <p class="muted">{p.captured_at.map(|at| format!("{}{}", t("拍摄于 ", "Taken "), format_shanghai(at)))}</p>
                        {can_edit.then(|| view! {
                            <ActionForm action=delete>
                                <input type="hidden" name="id" value=p.id/>
                                <button type="submit">{t("删除", "Delete")}</button>
                            </ActionForm>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {can_edit.then(|| view! { <WaitingPhotos declaration_id/> <PhotoUploader declaration_id uploaded/> })}
        </section>
    }
}

/// Photos of this declaration still in the outbox.
#[component]
fn WaitingPhotos(declaration_id: i64) -> impl IntoView {
    let waiting = RwSignal::new(Vec::<(String, String, Option<String>)>::new());
    #[cfg(feature = "hydrate")]
    {
        let sync = crate::sync::use_sync();
        Effect::new(move |_| {
            sync.changed.track();
            leptos::task::spawn_local(async move {
                let Ok(items) = crate::sync::client::items().await else { return };
                let mine = items
                    .into_iter()
                    .filter_map(|item| match item {
                        crate::sync::client::Item::Photo(p, _) if p.declaration_id == declaration_id => {
                            Some((p.client_id, p.caption, p.refused.map(|e| tr(&e.message()))))
                        }
                        _ => None,
                    })
                    .collect();
                waiting.set(mine);
            });
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = declaration_id;
    move || {
        let list = waiting.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="waiting-photos" role="status">
                    <p>{t("待上传（保存在本机，联网后自动上传）：", "Waiting to upload (kept on this phone, sent when online): ")}{list.len()}</p>
                    <ul>
                        {list.into_iter().map(|(id, caption, refused)| view! {
                            <li data-client-id=id>
                                {if caption.is_empty() { t("（无说明）", "(no caption)").to_string() } else { caption }}
                                {refused.map(|why| view! { " · " <span class="field-error">{why}</span> })}
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

#[component]
fn PhotoUploader(declaration_id: i64, uploaded: RwSignal<u32>) -> impl IntoView {
    let progress = RwSignal::new(None::<f64>);
    let error = RwSignal::new(None::<AppError>);
    let url = format!("/api/declarations/{declaration_id}/photos");
    #[cfg(feature = "hydrate")]
    let on_submit = {
        let url = url.clone();
        let sync = crate::sync::use_sync();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let url = url.clone();
            if let Some(form) =
                ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok())
            {
                leptos::task::spawn_local(send(form, url, declaration_id, sync, progress, error, uploaded));
            }
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let on_submit = {
        // The server renders the plain form; sending with progress happens in the browser.
        let _ = uploaded;
        |_: leptos::ev::SubmitEvent| {}
    };
    view! {
        <form method="post" enctype="multipart/form-data" action=url class="form photo-upload" on:submit=on_submit>
            <ErrorBox error/>
            <div class="field">
                <label><span class="label">{t("拍照或选择照片", "Take or choose a photo")}</span>
                    <input type="file" name="file" accept="image/*" capture="environment" required/>
                </label>
            </div>
            <div class="field">
                <label><span class="label">{t("类别", "Category")}</span>
                    <select name="category">
                        {PhotoCategory::ALL.into_iter().map(|c| view! { <option value=c.code()>{tr(&c.label())}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="field">
                <label><span class="label">{t("说明", "Caption")}</span><input name="caption" maxlength="100"/></label>
            </div>
            {move || progress.get().map(|p| view! {
                <progress class="upload-progress" max="100" value=(p * 100.0).round()>{format!("{:.0}%", p * 100.0)}</progress>
            })}
            <button type="submit" class="primary">{t("上传照片", "Upload photo")}</button>
        </form>
    }
}

/// Shrinks the chosen photo, puts it in the outbox and uploads it: a reload, a crash or a lost connection
/// from then on loses nothing (the sync sends what this page could not).
#[cfg(feature = "hydrate")]
async fn send(
    form: web_sys::HtmlFormElement,
    url: String,
    declaration_id: i64,
    sync: crate::sync::SyncState,
    progress: RwSignal<Option<f64>>,
    error: RwSignal<Option<AppError>>,
    uploaded: RwSignal<u32>,
) {
    use crate::evidence::client::{client_id, compress, upload, Outcome, ATTEMPTS};
    use wasm_bindgen::JsCast;
    error.set(None);
    let file = form
        .elements()
        .named_item("file")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0));
    let Some(file) = file else {
        error.set(Some(AppError::field("file", "请拍摄或选择一张照片。", "Take or choose a photo.")));
        return;
    };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
    // A photo the browser cannot shrink (an unsupported format) goes as it is: the server names the problem.
    let sent = match compress(&file).await {
        Ok(blob) => data.set_with_blob_and_filename("file", &blob, "photo.jpg"),
        Err(_) => data.set_with_blob_and_filename("file", &file, &file.name()),
    };
    let id = client_id();
    if sent.is_err() || data.set_with_str("client_id", &id).is_err() {
        return;
    }
    let online = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
    // While this page tries, the sync leaves the photo alone for a while (the same client id would make a
    // second send harmless, but not free on a weak connection).
    let lease = if online { js_sys::Date::now() + LEASE_MS } else { 0.0 };
    let kept = match keep(&data, declaration_id, id, sync, lease).await {
        Ok(kept) => kept,
        Err(e) => {
            let why = crate::sync::storage_failed(&e);
            error.set(Some(AppError::Transport(why.zh)));
            return;
        }
    };
    if !online {
        form.reset();
        return;
    }
    progress.set(Some(0.0));
    let outcome = upload(&url, &data, ATTEMPTS, move |p| progress.set(Some(p))).await;
    progress.set(None);
    let (photo, blob) = kept;
    let _ = match outcome {
        Outcome::Stored => {
            form.reset();
            uploaded.update(|n| *n += 1);
            crate::sync::client::remove_photo(&photo.client_id).await
        }
        // The form keeps the file, category and caption: the person changes what the server named.
        Outcome::Refused(body) => {
            error.set(Some(serde_json::from_str(&body).unwrap_or(AppError::Transport(body))));
            crate::sync::client::remove_photo(&photo.client_id).await
        }
        // Left to the sync, from now on.
        Outcome::Failed => {
            form.reset();
            crate::sync::client::update_photo(&crate::sync::client::PendingPhoto { next_try_at: 0.0, ..photo }, &blob)
                .await
        }
    };
    crate::sync::client::refresh(sync).await;
}

/// How long the sync leaves a photo to the page that is uploading it.
#[cfg(feature = "hydrate")]
const LEASE_MS: f64 = 60_000.0;

/// Puts a photo into the outbox before anything is tried, so that nothing but the server's answer removes it.
#[cfg(feature = "hydrate")]
async fn keep(
    data: &web_sys::FormData,
    declaration_id: i64,
    client_id: String,
    sync: crate::sync::SyncState,
    not_before: f64,
) -> Result<(crate::sync::client::PendingPhoto, web_sys::Blob), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let blob: web_sys::Blob = data.get("file").dyn_into()?;
    let text = |name: &str| data.get(name).as_string().unwrap_or_default();
    let title = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("h1").ok().flatten())
        .and_then(|h| h.text_content())
        .unwrap_or_default();
    let file_name =
        data.get("file").dyn_into::<web_sys::File>().map(|f| f.name()).unwrap_or_else(|_| "photo.jpg".into());
    let photo = crate::sync::client::PendingPhoto {
        declaration_id,
        title,
        client_id,
        category: text("category"),
        caption: text("caption"),
        file_name,
        added_at: js_sys::Date::now(),
        attempts: 0,
        next_try_at: not_before,
        refused: None,
        owner: sync.account.get_untracked(),
    };
    crate::sync::client::add_photo(&photo, blob.clone()).await?;
    crate::sync::client::refresh(sync).await;
    Ok((photo, blob))
}
