//! The declaration form. Without scripts it is a plain form post (a refused one comes back with the error
//! and what was typed). With scripts it is offline-first: every edit goes to the outbox in IndexedDB within
//! a moment, and the outbox is sent 1.5 s after the last keystroke (and whenever the browser is online
//! again). The form is never re-rendered by a save, so typing during a sync is safe; on load, an edit still
//! waiting in the outbox is put back into the form. A conflict shows the server's content beside the form,
//! and the person chooses which to keep.

use leptos::html::Form;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::detail_parts::ContentView;
use super::local_state::LocalState;
use crate::catalog::equipment::AssessmentInput;
use crate::declarations::api::SaveDeclaration;
use crate::declarations::model::{checks, Declaration, DeclarationContent, DeclarationInput};
use crate::error::AppError;
use crate::forms::echoed_values;
use crate::i18n::{t, tr};
use crate::sync::use_sync;
use crate::ui::time::format_shanghai;
use crate::ui::{ErrorBox, Field, FieldMsg, TextArea};

#[component]
pub fn DeclarationForm(
    d: Declaration,
    /// The planned number as typed, for the flag checks above the form.
    planned: RwSignal<Option<i64>>,
) -> impl IntoView {
    let sync = use_sync();
    let id = d.id;
    let title = format!("{} · {}", d.certificate, tr(&d.level.label()));
    let refused = RwSignal::new(None::<AppError>);
    let local = RwSignal::new(LocalState::Clean);
    let restored_at = RwSignal::new(None::<f64>);
    let version = RwSignal::new(d.version);
    let form_ref = NodeRef::<Form>::new();
    let error = Signal::derive(move || refused.get().filter(|e| !matches!(e, AppError::Stale { .. })));
    let stale = Signal::derive(move || refused.get().filter(|e| matches!(e, AppError::Stale { .. })));

    #[cfg(feature = "hydrate")]
    let (on_input, on_submit) = {
        let client = super::form_client::FormClient::new(id, title.clone(), version, form_ref, planned);
        // Put back an edit still waiting from before (a reload, a crash, a day offline).
        Effect::new(move |once: Option<()>| {
            if once.is_none() {
                leptos::task::spawn_local(client.restore(restored_at));
            }
        });
        // Follow the outbox: this declaration's edit, the server's confirmations.
        Effect::new(move |_| {
            sync.changed.track();
            leptos::task::spawn_local(client.read_state(refused, local));
        });
        Effect::new(move |_| {
            if let Some(v) = sync.confirmed.with(|c| c.get(&id).copied()) {
                version.set(v);
            }
        });
        (move |ev: leptos::ev::Event| client.edited(&ev), move |ev: leptos::ev::SubmitEvent| client.save_now(&ev))
    };
    #[cfg(not(feature = "hydrate"))]
    let (on_input, on_submit) = {
        let _ = (planned, sync, title);
        (|_: leptos::ev::Event| {}, |_: leptos::ev::SubmitEvent| {})
    };

    let stored = DeclarationInput::from_content(&d.content);
    let echo = echoed_values("declaration", &d.id.to_string()).unwrap_or_default();
    let value = move |name: &str, stored: &str| echo.get(name).cloned().unwrap_or_else(|| stored.to_string());
    let save_url = <SaveDeclaration as ServerFn>::url();
    view! {
        <ErrorBox error/>
        <StaleView error=stale declaration_id=id/>
        <SaveNotices local restored_at/>
        <form method="post" action=save_url class="card form declaration-form" node_ref=form_ref
            on:input=on_input on:submit=on_submit>
            <input type="hidden" name="id" value=d.id/>
            <input type="hidden" name="declaration" value=d.id/>
            <input type="hidden" name="version" value=move || version.get()/>
            <Field label=t("申报专业（专业代码，用空格或逗号分隔）", "Majors (codes, separated by spaces or commas)") name="majors"
                value=value("majors", &stored.majors) error validator=checks::majors
                hint=t("须在该证书等级的可申报专业范围内，可在证书页查看。", "Must be eligible for this certificate level; see the certificate page.")/>
            <Field label=t("计划培训人数（累计人数）", "Planned number trained (cumulative)") name="planned_count" kind="number"
                value=value("planned_count", &stored.planned_count) error validator=checks::planned_count
                hint=t("填写试点期间累计培训的总人数，不是每年人数。", "The total over the pilot, not per year.")/>
            <TextArea label=t("教学场所", "Teaching venues") name="venues" value=value("venues", &stored.venues) error/>
            <EquipmentLines lines=stored.equipment.clone() error/>
            <TextArea label=t("师资培训", "Teacher training") name="teacher_training" value=value("teacher_training", &stored.teacher_training) error/>
            <TextArea label=t("学生情况", "Students") name="students" value=value("students", &stored.students) error/>
            <Field label=t("已试点年数", "Years of earlier pilots") name="pilot_years" kind="number" value=value("pilot_years", &stored.pilot_years) error validator=checks::pilot_years/>
            <Field label=t("已培训人数", "Number trained so far") name="pilot_trained" kind="number" value=value("pilot_trained", &stored.pilot_trained) error validator=checks::pilot_trained/>
            <Field label=t("已取证人数", "Number certified so far") name="pilot_certified" kind="number" value=value("pilot_certified", &stored.pilot_certified) error validator=checks::pilot_certified/>
            <button type="submit" class="primary">{t("保存", "Save")}</button>
        </form>
    }
}

/// Where this declaration's edit stands (kept on the phone, saving, saved) and whether an edit from before
/// was put back into the form.
#[component]
fn SaveNotices(local: RwSignal<LocalState>, restored_at: RwSignal<Option<f64>>) -> impl IntoView {
    let sync = use_sync();
    let status = move || {
        let text = match local.get() {
            LocalState::Clean => return None,
            LocalState::Saved => t("已保存。", "Saved.").to_string(),
            LocalState::Waiting if sync.running.get() => match sync.stopped.get() {
                Some(why) => format!("{}{}", t("正在重试…", "Retrying… "), tr(&why)),
                None => t("正在保存…", "Saving…").to_string(),
            },
            LocalState::Waiting => match sync.stopped.get() {
                Some(why) => format!("{}{}", t("已保存在本机。", "Kept on this phone. "), tr(&why)),
                None => t("已保存在本机，等待同步。", "Kept on this phone, waiting to sync.").to_string(),
            },
        };
        Some(view! { <p class="notice save-state" role="status">{text}</p> })
    };
    let restored = move || {
        restored_at.get().map(|ms| {
            view! {
                <p class="notice restored" role="status">
                    {t("已恢复本机尚未同步的修改（", "Restored changes not yet synced from this phone (")}
                    {format_shanghai((ms / 1000.0) as i64)}{t("）。", ").")}
                </p>
            }
        })
    };
    view! {
        {restored}
        {status}
    }
}

/// The certificate's equipment list, one line each: whether the school has it, how many, a note.
#[component]
fn EquipmentLines(lines: Vec<AssessmentInput>, #[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        <fieldset class="field equipment-lines">
            <legend>{t("设备与软件（按证书清单）", "Equipment and software (per the certificate's list)")}</legend>
            {lines.into_iter().enumerate().map(|(n, line)| view! {
                <div class="assess-line">
                    <input type="hidden" name=format!("equipment[{n}][item]") value=line.item.clone()/>
                    <span class="label">{line.item.clone()}</span>
                    <label class="check"><input type="checkbox" name=format!("equipment[{n}][has_it]") value="1" checked=line.has_it.is_some()/>{t("已具备", "We have it")}</label>
                    <label>{t("数量", "Quantity")}<input name=format!("equipment[{n}][quantity]") inputmode="numeric" value=line.quantity.clone()/></label>
                    <label>{t("备注", "Note")}<input name=format!("equipment[{n}][note]") value=line.note.clone()/></label>
                </div>
            }).collect_view()}
            <FieldMsg error field="equipment"/>
        </fieldset>
    }
}

/// After a conflict: the server's content beside the form, which still holds what was typed, and the
/// choice of which to keep. Nothing is overwritten until the person chooses.
#[component]
fn StaleView(#[prop(into)] error: Signal<Option<AppError>>, declaration_id: i64) -> impl IntoView {
    let sync = use_sync();
    let keep_mine = move |server_version: i64| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let _ = crate::sync::client::keep_mine(declaration_id, server_version).await;
            crate::sync::client::sync_now(sync).await;
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (server_version, declaration_id, sync);
    };
    let take_theirs = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let _ = crate::sync::client::discard(declaration_id).await;
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
    };
    move || match error.get() {
        Some(AppError::Stale { server_version, server_content }) => {
            let server: DeclarationContent = serde_json::from_str(&server_content).unwrap_or_default();
            Some(view! {
                <section class="card stale" data-server-version=server_version role="alert">
                    <p class="title">{t("与服务器上的版本冲突", "This conflicts with the server's version")}</p>
                    <p class="hint">{t(
                        "有人在您离线或编辑期间修改了这份申报书。下方表单是您填写的内容，这里是服务器上的内容（第",
                        "Someone changed this declaration while you were offline or editing. The form below holds what you typed; this is the server's content (version ",
                    )}{server_version}{t("版）。请选择保留哪一份。", "). Choose which to keep.")}</p>
                    <ContentView content=server/>
                    <p class="actions-row">
                        <button type="button" class="primary" on:click=move |_| keep_mine(server_version)>
                            {t("保留我的内容", "Keep mine")}
                        </button>
                        " "
                        <button type="button" on:click=take_theirs>{t("采用服务器内容", "Take the server's")}</button>
                    </p>
                </section>
            })
        }
        _ => None,
    }
}
