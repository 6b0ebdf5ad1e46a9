//! The notification settings on `/account`: the kinds a person wants, a button that subscribes this device
//! (asked for only here, never on first load), and the list of their devices with a remove button.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{t, tr};
use crate::notifications::api::{devices, RemoveDevice};
use crate::notifications::model::{Device, Kind};
use crate::ui::time::format_shanghai;
use crate::ui::ErrorBox;

/// The resource and action the account page creates at its top (hydration keeps them in step).
#[derive(Clone, Copy)]
pub struct NotificationState {
    pub devices: crate::ui::Res<Result<Vec<Device>, AppError>>,
    pub remove: ServerAction<RemoveDevice>,
    pub subscribed: RwSignal<u32>,
}

impl NotificationState {
    pub fn new() -> NotificationState {
        let remove = ServerAction::<RemoveDevice>::new();
        let subscribed = RwSignal::new(0u32);
        let removed = crate::success_version_of!(remove);
        let devices = crate::ui::resource(move || (subscribed.get(), removed.get()), |_| devices());
        NotificationState { devices, remove, subscribed }
    }
}

impl Default for NotificationState {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn NotificationSettings(state: NotificationState) -> impl IntoView {
    let NotificationState { devices, remove, subscribed } = state;
    let chosen = RwSignal::new(Kind::ALL.to_vec());
    let error = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    // Enabled only once the page's script runs: subscribing is the browser's work.
    let ready = crate::ui::use_mounted();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        done.set(false);
        busy.set(true);
        #[cfg(not(feature = "hydrate"))]
        let _ = (chosen, subscribed);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match super::client::subscribe_this_device(chosen.get_untracked()).await {
                Ok(()) => {
                    done.set(true);
                    subscribed.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="card notifications">
            <h2>{t("通知", "Notifications")}</h2>
            <p class="muted">{t(
                "选择要接收的通知，然后在此设备上开启。每台手机或电脑需单独开启。",
                "Choose what you want to hear about, then turn notifications on for this device. Each phone or computer is turned on separately.",
            )}</p>
            <form class="form" on:submit=on_submit>
                <ErrorBox error/>
                <fieldset>
                    <legend>{t("通知类型", "Kinds")}</legend>
                    {Kind::ALL.into_iter().map(|k| view! {
                        <label class="check">
                            <input type="checkbox" name="kinds[]" value=k.code()
                                prop:checked=move || chosen.with(|c| c.contains(&k))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| { c.retain(|x| *x != k); if on { c.push(k) } });
                                }/>
                            " " {tr(&k.label())}
                        </label>
                    }).collect_view()}
                </fieldset>
                {move || (!ready.get()).then(|| view! {
                    <p class="muted">{t("开启通知需要启用浏览器脚本。", "Turning notifications on needs scripts enabled.")}</p>
                })}
                <button type="submit" class="primary" disabled=move || !ready.get() || busy.get()>
                    {t("在此设备开启通知", "Turn on for this device")}
                </button>
                {move || done.get().then(|| view! { <p class="notice" role="status">{t("已开启。", "Turned on.")}</p> })}
            </form>
            <Devices devices remove/>
        </section>
    }
}

/// The devices with notifications on, each with a remove button.
#[component]
fn Devices(
    devices: crate::ui::Res<Result<Vec<Device>, AppError>>,
    remove: ServerAction<RemoveDevice>,
) -> impl IntoView {
    view! {
        <h3>{t("已开启通知的设备", "Devices with notifications on")}</h3>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match devices.await {
                    Err(e) => view! { <p class="error-box">{tr(&e.message())}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">{t("尚无。", "None yet.")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="list devices">
                            {list.into_iter().map(|d| view! {
                                <li>
                                    <span>{d.service.clone()}</span>
                                    <span class="muted">{format!(" · {} · ", format_shanghai(d.created_at))}</span>
                                    <span class="muted">{d.kinds.iter().map(|k| tr(&k.label())).collect::<Vec<_>>().join("、")}</span>
                                    <ActionForm action=remove>
                                        <input type="hidden" name="id" value=d.id/>
                                        <button type="submit">{t("移除", "Remove")}</button>
                                    </ActionForm>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}
