//! Kiosk mode pages: setting it up (admins choose a PIN and lock), and the "Staff: unlock"
//! PIN prompt shown for agent pages while the browser is locked. The lock itself, the PIN
//! hashing and the route gate are in `ui/kiosk.rs`.

pub mod texts;

use leptos::prelude::*;

use super::{go, PortalRoute};
use crate::domain::self_service::kiosk_pin::{check_new_pin, wrong_pin_delay_ms, PinProblem, MAX_PIN, MIN_PIN};
use crate::ui::kiosk::{self, use_kiosk, KioskState};
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_desk;
use texts::t;

#[component]
pub fn KioskSetup() -> impl IntoView {
    let desk = use_desk();
    let kiosk = use_kiosk();
    let admin = move || desk.me.get().and_then(|id| desk.config.with(|c| c.agent(&id).map(|a| a.admin))).unwrap_or(false);
    let message = RwSignal::new(None::<(bool, String)>);
    let leave = move |_| {
        leptos::task::spawn_local(async move {
            match kiosk::leave(desk, kiosk).await {
                Ok(()) => message.set(Some((true, t().left.to_string()))),
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    view! {
        <section class="portal-page narrow kiosk-setup" aria-labelledby="kiosk-title">
            <h1 id="kiosk-title">{t().title}</h1>
            <p>{t().intro}</p>
            <p class="portal-note">{t().limits}</p>
            {move || message.get().map(|(ok, m)| view! { <p class=if ok { "ok-text" } else { "field-error" } role=if ok { "status" } else { "alert" }>{m}</p> })}
            {move || match (kiosk.state.get(), admin()) {
                (KioskState::Unlocked(_), is_admin) => view! {
                    <p role="status">{t().on_note}</p>
                    <div class="actions">
                        <button type="button" class="primary big" on:click=move |_| { kiosk.relock(); go(&PortalRoute::Home); }>{t().lock_again}</button>
                        <button type="button" class="big" disabled=!is_admin on:click=leave>{t().leave}</button>
                    </div>
                    {(!is_admin).then(|| view! { <p class="muted">{t().admin_only}</p> })}
                }
                .into_any(),
                (_, false) => view! { <p class="field-error" role="alert">{t().admin_only}</p> }.into_any(),
                (_, true) => view! { <LockForm/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn LockForm() -> impl IntoView {
    let desk = use_desk();
    let kiosk = use_kiosk();
    let pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (p, a) = (pin.get_untracked(), again.get_untracked());
        if let Err(problem) = check_new_pin(&p, &a) {
            error.set(Some(match problem {
                PinProblem::TooShort => (t().pin_too_short)(MIN_PIN),
                PinProblem::TooLong => (t().pin_too_long)(MAX_PIN),
                PinProblem::Mismatch => t().pin_mismatch.to_string(),
            }));
            return;
        }
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match kiosk::lock(desk, kiosk, &p).await {
                Ok(()) => {
                    pin.set(String::new());
                    again.set(String::new());
                    go(&PortalRoute::Home);
                }
                Err(e) => error.set(Some((t().failed)(&e))),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="form portal-form" on:submit=submit novalidate>
            <div class="field">
                <label for="kiosk-pin">{t().new_pin}</label>
                <input id="kiosk-pin" type="password" autocomplete="new-password" inputmode="numeric"
                    prop:value=pin on:input=move |ev| pin.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="kiosk-pin-again">{t().pin_again}</label>
                <input id="kiosk-pin-again" type="password" autocomplete="new-password" inputmode="numeric"
                    prop:value=again on:input=move |ev| again.set(event_target_value(&ev)) />
            </div>
            {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="primary big" disabled=busy>{move || if busy.get() { t().locking } else { t().lock }}</button>
            </div>
        </form>
    }
}

/// "Staff: unlock": the PIN prompt. A wrong PIN is answered after a delay that grows with
/// each failure in a row, so guessing at the kiosk is slow.
#[component]
pub fn UnlockPage() -> impl IntoView {
    let kiosk = use_kiosk();
    let pin = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let failures = StoredValue::new(0u32);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = pin.get_untracked();
        error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match kiosk::unlock(kiosk, &typed).await {
                Ok(true) => {
                    failures.set_value(0);
                    pin.set(String::new());
                    // From the portal's own prompt, go on to the agent pages; from an agent
                    // route, that page is shown now.
                    let here = Route::parse(&window().location().hash().unwrap_or_default());
                    if matches!(here, Route::Portal(_)) {
                        navigate(&Route::Queue("all".into()));
                    }
                }
                Ok(false) => {
                    failures.update_value(|n| *n += 1);
                    gloo_timers::future::TimeoutFuture::new(wrong_pin_delay_ms(failures.get_value())).await;
                    pin.set(String::new());
                    error.set(Some(t().wrong_pin.to_string()));
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="portal-page narrow kiosk-unlock" aria-labelledby="unlock-title">
            <h1 id="unlock-title">{t().unlock_title}</h1>
            {move || match kiosk.state.get() {
                KioskState::Locked(_) => view! {
                    <p>{t().unlock_intro}</p>
                    <form class="form portal-form" on:submit=submit novalidate>
                        <div class="field">
                            <label for="unlock-pin">{t().pin}</label>
                            <input id="unlock-pin" type="password" autocomplete="off" inputmode="numeric" autofocus
                                prop:value=pin on:input=move |ev| pin.set(event_target_value(&ev)) />
                        </div>
                        {move || error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                        <div class="actions">
                            <button type="submit" class="primary big" disabled=busy>{move || if busy.get() { t().checking } else { t().unlock }}</button>
                        </div>
                    </form>
                }
                .into_any(),
                KioskState::Unlocked(_) => view! { <p role="status">{t().on_note}</p> }.into_any(),
                _ => view! { <p role="status">{t().left}</p> }.into_any(),
            }}
            <p><a class="button big" href=PortalRoute::Home.href()>{t().back}</a></p>
        </section>
    }
}
