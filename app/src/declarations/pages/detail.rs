//! `/declarations/:id`: the 申报书 — the form while it is editable (saved with the version it was loaded
//! with; a stale save shows the server's content beside what was typed), the planned-number checks, the
//! actions the caller may take and the timeline.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::detail_parts::{Actions, ContentView, FlagChecks, PageActions, Timeline};
use super::form::DeclarationForm;
use crate::declarations::api::get_declaration;
use crate::evidence::PhotoSection;
use crate::i18n::{t, tr};
use crate::ui::{ErrorBox, Loading};

#[component]
pub fn DeclarationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let actions = PageActions {
        act: ServerAction::new(),
        confirm: ServerAction::new(),
        approve: ServerAction::new(),
        delete_photo: ServerAction::new(),
    };
    let uploaded = RwSignal::new(0u32);
    // Photos the outbox sent reload the page's photo list too.
    let sync = crate::sync::use_sync();
    // The planned number as it is typed (None: as stored), so the flag checks follow the form.
    let planned = RwSignal::new(None::<i64>);
    let a = actions;
    // Saves do not reload the page (the form keeps what is being typed; see DeclarationForm).
    let changed = (
        crate::success_version_of!(a.act),
        crate::success_version_of!(a.confirm),
        crate::success_version_of!(a.approve),
        crate::success_version_of!(a.delete_photo),
    );
    let declaration = crate::ui::resource(
        move || {
            let photos = (uploaded.get(), sync.photos_stored.get());
            (id(), changed.0.get(), changed.1.get(), changed.2.get(), changed.3.get(), photos)
        },
        |(id, ..)| get_declaration(id),
    );
    let error = Signal::derive(move || {
        a.act
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| a.confirm.value().get().and_then(|r| r.err()))
            .or_else(|| a.delete_photo.value().get().and_then(|r| r.err()))
    });
    view! {
        <ErrorBox error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match declaration.await {
                    Err(e) => view! { <p class="error-box" role="alert">{tr(&e.message())}</p> }.into_any(),
                    Ok(d) => view! {
                        <h1>{format!("{} · {}", d.certificate, tr(&d.level.label()))}</h1>
                        <p>
                            <span class="tag status" data-status=d.status.code()>{tr(&d.status.label())}</span>
                            " " <span class="muted">{format!("{} · {} · {} · {}", d.year, d.institution, d.college, d.lead)}</span>
                        </p>
                        <FlagChecks d=d.clone() actions planned/>
                        {if d.can_edit {
                            view! { <DeclarationForm d=d.clone() planned/> }.into_any()
                        } else {
                            view! { <ContentView content=d.content.clone()/> }.into_any()
                        }}
                        <PhotoSection declaration_id=d.id photos=d.photos.clone() can_edit=d.can_edit uploaded delete=actions.delete_photo/>
                        <Actions d=d.clone() act=actions.act/>
                        <Timeline events=d.events.clone()/>
                    }.into_any(),
                }
            })}
        </Transition>
        <p><a href="/declarations">{t("返回申报书列表", "Back to declarations")}</a></p>
    }
}
