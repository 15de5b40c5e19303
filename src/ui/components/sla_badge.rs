//! The live SLA badge: the most pressing clock of a ticket, in words and a symbol (never colour
//! alone). It re-renders on the desk clock's tick; it is deliberately not a live region, so
//! screen readers are not told every second.

use leptos::prelude::*;

use crate::domain::desk::Metric;
use crate::domain::sla::{SlaEngine, SlaState};
use crate::domain::sla_snapshot::SlaSnapshot;
use crate::ui::format;
use crate::ui::state::use_desk;

use super::texts::t;

fn short(m: Metric) -> &'static str {
    let t = t();
    match m {
        Metric::FirstResponse => t.sla_reply,
        Metric::NextResponse => t.sla_next_reply,
        Metric::Resolution => t.sla_resolve,
        Metric::TierLimit => t.sla_tier,
    }
}

/// Text, symbol and class of a badge for `snap` at `now`; `None` if no clock applies.
pub fn badge_parts(snap: &SlaSnapshot, engine: &SlaEngine, now: crate::domain::model::Time) -> Option<(String, &'static str, &'static str)> {
    let m = snap.headline(engine, now)?;
    let left = m.remaining.unwrap_or(0);
    let t = t();
    Some(match m.state {
        SlaState::Breached => ((t.sla_overdue)(short(m.metric), &format::duration(-left)), "✖", "sla-breached"),
        SlaState::Warning => ((t.sla_in)(short(m.metric), &format::duration(left)), "⚠", "sla-warning"),
        SlaState::Paused => ((t.sla_paused)(short(m.metric), &format::duration(left)), "‖", "sla-paused"),
        _ => ((t.sla_in)(short(m.metric), &format::duration(left)), "◷", "sla-running"),
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
