//! The desk clock. In normal use it is the real time. In demo mode it is a clock of its own
//! that can pause, run 1x/60x/600x and jump ahead, and everything time-based (SLA badges, tier
//! limits, automatic escalation, shifts, KPIs) reads `desk.now`, so it all follows.

use gloo_timers::callback::Interval;
use leptos::prelude::*;

use super::state::Desk;
pub use crate::domain::demo_clock::DemoClock;

/// How often the clock ticks, in real milliseconds: fast enough that 600x looks smooth.
const TICK_MS: u32 = 250;

/// Ticks `desk.now` for as long as the page lives.
pub fn start(desk: Desk) {
    let tick = move || {
        let real = chrono::Utc::now();
        let now = match desk.demo.get_untracked() {
            Some(c) => c.at(real),
            None => real,
        };
        // Only whole seconds reach the page: nothing needs more, and it spares re-renders.
        if now.timestamp() != desk.now.get_untracked().timestamp() {
            desk.now.set(now);
            if desk.demo.get_untracked().is_some() {
                super::scenario::tick(desk);
            }
        }
    };
    tick();
    Interval::new(TICK_MS, tick).forget();
}

/// Changes the demo clock and remembers it in this (demo) database.
pub fn set_demo(desk: Desk, clock: DemoClock) {
    desk.demo.set(Some(clock));
    desk.now.set(clock.at(chrono::Utc::now()));
    let db = desk.db();
    leptos::task::spawn_local(async move {
        let _ = db.set_meta("demo_clock", &clock).await;
    });
}
