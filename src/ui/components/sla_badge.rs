//! The live SLA badge: the most pressing clock of a ticket, in words and a symbol (never colour
//! alone). It re-renders on the desk clock's tick; it is deliberately not a live region, so
//! screen readers are not told every second.

use leptos::prelude::*;

use crate::domain::desk::Metric;
use crate::domain::humanize;
use crate::domain::sla::{SlaEngine, SlaState};
use crate::domain::sla_snapshot::SlaSnapshot;
use crate::ui::state::use_desk;

fn short(m: Metric) -> &'static str {
    match m {
        Metric::FirstResponse => "Reply",
        Metric::NextResponse => "Next reply",
        Metric::Resolution => "Resolve",
        Metric::TierLimit => "Tier",
    }
}

/// Text, symbol and class of a badge for `snap` at `now`; `None` if no clock applies.
pub fn badge_parts(snap: &SlaSnapshot, engine: &SlaEngine, now: crate::domain::model::Time) -> Option<(String, &'static str, &'static str)> {
    let m = snap.headline(engine, now)?;
    let left = m.remaining.unwrap_or(0);
    Some(match m.state {
        SlaState::Breached => (format!("{} overdue {}", short(m.metric), humanize::minutes(-left)), "✖", "sla-breached"),
        SlaState::Warning => (format!("{} in {}", short(m.metric), humanize::minutes(left)), "⚠", "sla-warning"),
        SlaState::Paused => (format!("{} paused, {} left", short(m.metric), humanize::minutes(left)), "‖", "sla-paused"),
        _ => (format!("{} in {}", short(m.metric), humanize::minutes(left)), "◷", "sla-running"),
    })
}

#[component]
pub fn SlaBadge(sla: Option<SlaSnapshot>, open: bool) -> impl IntoView {
    let desk = use_desk();
    move || {
        let snap = sla.as_ref().filter(|_| open)?;
        let now = desk.now.get();
        let parts = desk.config.with(|c| badge_parts(snap, &SlaEngine::new(c), now));
        parts.map(|(text, symbol, class)| {
            view! {
                <span class=format!("badge sla {class}")>
                    <span aria-hidden="true">{symbol}" "</span>{text}
                </span>
            }
        })
    }
}
