//! Evidence photos on the declaration page: thumbnails with category, caption and capture time, and the
//! uploader. The uploader is a plain multipart form (the camera opens on phones; it works without scripts);
//! with scripts the photo is shrunk in the browser first and sent with a progress bar and retries.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::declarations::api::DeletePhoto;
use crate::declarations::photos::{Photo, PhotoCategory};
use crate::error::AppError;
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
            {can_edit.then(|| view! { <PhotoUploader declaration_id uploaded/> })}
        </section>
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
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let url = url.clone();
            if let Some(form) =
                ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlFormElement>(t).ok())
            {
                leptos::task::spawn_local(send(form, url, progress, error, uploaded));
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

/// Shrinks the chosen photo and uploads it; the form keeps the file until the server has stored it.
#[cfg(feature = "hydrate")]
async fn send(
    form: web_sys::HtmlFormElement,
    url: String,
    progress: RwSignal<Option<f64>>,
    error: RwSignal<Option<AppError>>,
    uploaded: RwSignal<u32>,
) {
    use crate::declarations::photo_client::{client_id, compress, upload, Outcome};
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
    if sent.is_err() || data.set_with_str("client_id", &client_id()).is_err() {
        return;
    }
    progress.set(Some(0.0));
    let outcome = upload(&url, &data, move |p| progress.set(Some(p))).await;
    progress.set(None);
    match outcome {
        Outcome::Stored => {
            form.reset();
            uploaded.update(|n| *n += 1);
        }
        Outcome::Refused(body) => {
            error.set(Some(serde_json::from_str(&body).unwrap_or(AppError::Transport(body))));
        }
        Outcome::Failed => error.set(Some(AppError::Transport("upload failed".into()))),
    }
}
