//! The demo clock's controls, shown in demo mode: pause, 1x / 60x / 600x, an hour ahead, or
//! straight to the next thing that will happen; and the scenario that plays on it.

use leptos::prelude::*;

use crate::ui::clock::{set_demo, DemoClock};
use crate::ui::scenario;
use crate::ui::state::use_desk;

use super::texts::t;

fn leave_demo() {
    let loc = window().location();
    let path = loc.pathname().unwrap_or_default();
    let hash = loc.hash().unwrap_or_default();
    let _ = loc.set_href(&format!("{path}{hash}"));
}

#[component]
pub fn DemoBar() -> impl IntoView {
    let desk = use_desk();
    let speed = move || desk.demo.get().map(|c| c.speed).unwrap_or(0);
    let change = move |f: &dyn Fn(DemoClock, crate::domain::model::Time) -> DemoClock| {
        if let Some(c) = desk.demo.get_untracked() {
            set_demo(desk, f(c, chrono::Utc::now()));
        }
    };
    let next_event = move || {
        let now = desk.now.get_untracked();
        let clocks = desk.queue.with_untracked(|q| {
            q.rows()
                .iter()
                .filter(|r| r.is_open())
                .filter_map(|r| r.sla.as_ref().and_then(|s| s.next_change_after(now)))
                .min()
        });
        let sim = scenario::next_event_at().filter(|t| *t > now);
        match (clocks, sim) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    };
    let speed_button = move |s: u32, label: &'static str, name: &'static str| {
        view! {
            <button type="button" aria-pressed=move || (speed() == s).to_string() class:on=move || speed() == s
                aria-label=name on:click=move |_| change(&|c, real| c.with_speed(s, real))>{label}</button>
        }
    };
    let seed = RwSignal::new(42u64);
    let hours = RwSignal::new(8u32);
    let swarm = RwSignal::new(false);
    let start = move |_| {
        leptos::task::spawn_local(async move {
            match scenario::start(desk, seed.get_untracked(), hours.get_untracked(), swarm.get_untracked()).await {
                Ok(n) => desk.say((t().scenario_started)(n, hours.get_untracked())),
                Err(e) => desk.fail((t().scenario_failed)(&crate::ui::errors::storage(&e))),
            }
        });
    };
    let stop = move |_| {
        leptos::task::spawn_local(async move {
            let _ = scenario::stop(desk).await;
            desk.say(t().scenario_stopped);
        });
    };
    view! {
        <div class="demo-bar" role="group" aria-label=t().demo_label>
            <span class="demo-tag">{t().demo_tag}</span>
            <time class="demo-time" datetime=move || desk.now.get().to_rfc3339()>{move || crate::ui::format::clock_seconds(desk.now.get())}</time>
            {speed_button(0, "‖", t().pause)}
            {speed_button(1, "1×", t().real_time)}
            {speed_button(60, "60×", t().x60)}
            {speed_button(600, "600×", t().x600)}
            <button type="button" on:click=move |_| change(&|c, real| c.jump_to(c.at(real) + chrono::Duration::hours(1), real))>{t().plus_hour}</button>
            <button type="button" title=t().next_title
                on:click=move |_| {
                    if let Some(at) = next_event() {
                        change(&|c, real| c.jump_to(at, real));
                    } else {
                        desk.say(t().nothing_due);
                    }
                }>{t().next_event}</button>
            <span class="demo-sep" aria-hidden="true"></span>
            <Show when=move || desk.scenario.get().is_none()
                fallback=move || view! {
                    <span class="demo-scenario">{move || desk.scenario.get().map(|r| (t().scenario_running)(r.seed, r.swarm)).unwrap_or_default()}</span>
                    <button type="button" on:click=stop>{t().stop_scenario}</button>
                }>
                <label>{t().seed}<input type="number" min="0" class="num" prop:value=move || seed.get().to_string()
                    on:input=move |ev| { if let Ok(v) = event_target_value(&ev).parse() { seed.set(v) } } /></label>
                <label>{t().hours}<input type="number" min="1" max="72" class="num" prop:value=move || hours.get().to_string()
                    on:input=move |ev| { let v: Result<u32, _> = event_target_value(&ev).parse(); if let Ok(v) = v { hours.set(v.clamp(1, 72)) } } /></label>
                <label><input type="checkbox" prop:checked=swarm on:change=move |ev| swarm.set(event_target_checked(&ev)) />{t().swarming}</label>
                <button type="button" class="primary" on:click=start>{t().start_scenario}</button>
            </Show>
            <button type="button" class="link" on:click=move |_| leave_demo()>{t().leave_demo}</button>
        </div>
    }
}
