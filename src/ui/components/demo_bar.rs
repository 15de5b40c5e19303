//! The demo clock's controls, shown in demo mode: pause, 1x / 60x / 600x, an hour ahead, or
//! straight to the next thing that will happen (an SLA warning or breach, a tier limit).

use leptos::prelude::*;

use crate::ui::clock::{set_demo, DemoClock};
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
        desk.queue.with_untracked(|q| {
            q.rows()
                .iter()
                .filter(|r| r.is_open())
                .filter_map(|r| r.sla.as_ref().and_then(|s| s.next_change_after(now)))
                .min()
        })
    };
    let speed_button = move |s: u32, label: &'static str, name: &'static str| {
        view! {
            <button type="button" aria-pressed=move || (speed() == s).to_string() class:on=move || speed() == s
                aria-label=name on:click=move |_| change(&|c, real| c.with_speed(s, real))>{label}</button>
        }
    };
    view! {
        <div class="demo-bar" role="group" aria-label="Demo clock">
            <span class="demo-tag">"DEMO"</span>
            <time class="demo-time">{move || desk.now.get().format("%a %d %b %H:%M:%S").to_string()}</time>
            {speed_button(0, "⏸", "Pause")}
            {speed_button(1, "1×", "Real time")}
            {speed_button(60, "60×", "60 times faster")}
            {speed_button(600, "600×", "600 times faster")}
            <button type="button" on:click=move |_| change(&|c, real| c.jump_to(c.at(real) + chrono::Duration::hours(1), real))>"+1 h"</button>
            <button type="button" title="Jump to the next SLA warning, breach or tier limit"
                on:click=move |_| {
                    if let Some(at) = next_event() {
                        change(&|c, real| c.jump_to(at, real));
                    } else {
                        desk.say("Nothing is due: no running clock will warn or breach.");
                    }
                }>"Next event ⏭"</button>
            <button type="button" class="link" on:click=move |_| leave_demo()>"Leave demo"</button>
        </div>
    }
}
