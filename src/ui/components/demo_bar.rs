//! The demo clock's controls, shown in demo mode: pause, 1x / 60x / 600x, an hour ahead, or
//! straight to the next thing that will happen; and the scenario that plays on it.

use leptos::prelude::*;

use crate::ui::clock::{set_demo, DemoClock};
use crate::ui::scenario;
use crate::ui::state::use_desk;

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
                Ok(n) => desk.say(format!("Scenario started: {n} tickets will arrive over {} hours of demo time.", hours.get_untracked())),
                Err(e) => desk.fail(format!("The scenario could not start: {e}")),
            }
        });
    };
    let stop = move |_| {
        leptos::task::spawn_local(async move {
            let _ = scenario::stop(desk).await;
            desk.say("Scenario stopped. The tickets it made stay in the demo desk.");
        });
    };
    view! {
        <div class="demo-bar" role="group" aria-label="Demo clock">
            <span class="demo-tag">"DEMO"</span>
            <time class="demo-time">{move || desk.now.get().format("%a %d %b %H:%M:%S").to_string()}</time>
            {speed_button(0, "‖", "Pause")}
            {speed_button(1, "1×", "Real time")}
            {speed_button(60, "60×", "60 times faster")}
            {speed_button(600, "600×", "600 times faster")}
            <button type="button" on:click=move |_| change(&|c, real| c.jump_to(c.at(real) + chrono::Duration::hours(1), real))>"+1 h"</button>
            <button type="button" title="Jump to the next SLA warning, breach, tier limit or scenario step"
                on:click=move |_| {
                    if let Some(at) = next_event() {
                        change(&|c, real| c.jump_to(at, real));
                    } else {
                        desk.say("Nothing is due: no running clock will warn or breach.");
                    }
                }>"Next event »"</button>
            <span class="demo-sep" aria-hidden="true"></span>
            <Show when=move || desk.scenario.get().is_none()
                fallback=move || view! {
                    <span class="demo-scenario">{move || desk.scenario.get().map(|r| format!("Scenario {} ({})", r.seed, if r.swarm { "swarming" } else { "tiered" })).unwrap_or_default()}</span>
                    <button type="button" on:click=stop>"Stop scenario"</button>
                }>
                <label>"Seed " <input type="number" min="0" class="num" prop:value=move || seed.get().to_string()
                    on:input=move |ev| { if let Ok(v) = event_target_value(&ev).parse() { seed.set(v) } } /></label>
                <label>"Hours " <input type="number" min="1" max="72" class="num" prop:value=move || hours.get().to_string()
                    on:input=move |ev| { let v: Result<u32, _> = event_target_value(&ev).parse(); if let Ok(v) = v { hours.set(v.clamp(1, 72)) } } /></label>
                <label><input type="checkbox" prop:checked=swarm on:change=move |ev| swarm.set(event_target_checked(&ev)) />" Swarming"</label>
                <button type="button" class="primary" on:click=start>"Start scenario"</button>
            </Show>
            <button type="button" class="link" on:click=move |_| leave_demo()>"Leave demo"</button>
        </div>
    }
}
