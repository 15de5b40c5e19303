//! The app clock. Real time for now; the demo clock plugs in here so that everything
//! time-based follows it.

use gloo_timers::callback::Interval;

use super::state::Desk;

/// Ticks `desk.now` once a second for as long as the page lives.
pub fn start(desk: Desk) {
    use leptos::prelude::Set;
    let interval = Interval::new(1_000, move || desk.now.set(chrono::Utc::now()));
    interval.forget();
}
