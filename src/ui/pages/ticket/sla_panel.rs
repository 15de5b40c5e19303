//! The live SLA panel: each clock with its state, due time and time left in words. It follows
//! the desk clock (`desk.now`) from the snapshot taken when the ticket was loaded. It is not a
//! live region: a screen reader is not told every second.

use leptos::prelude::*;

use super::use_page;
use crate::domain::desk::Metric;
use crate::domain::sla::{SlaEngine, SlaState};
use crate::domain::model::Time;
use crate::domain::sla_snapshot::MetricNow;
use crate::ui::format;
use crate::ui::labels;

use super::texts::side::t;

/// Symbol and words for a clock at `now`; colour only supports them. The symbols are ones
/// common fonts have (a missing glyph would show as a box).
fn words(m: &MetricNow, now: Time) -> (&'static str, String) {
    let left = m.remaining.unwrap_or(0);
    // Remaining time counts working minutes: say so when the wall clock differs (evenings).
    let working = match m.due_at {
        Some(due) if m.state.is_running() && (due - now).num_minutes() > left + 1 => t().working_time,
        _ => "",
    };
    match m.state {
        SlaState::Breached => ("✖", (t().overdue_by)(&format::duration(left.abs()))),
        SlaState::Warning | SlaState::Running => (if m.state == SlaState::Warning { "⚠" } else { "◷" }, (t().left)(&format::duration(left), working)),
        SlaState::Paused => ("‖", (t().left_waiting)(&format::duration(left.max(0)))),
        SlaState::Met => ("✔", t().within.to_string()),
        SlaState::None => ("", String::new()),
    }
}

fn due_text(m: &MetricNow) -> String {
    match (m.state, m.due_at) {
        (SlaState::Paused, _) => t().due_moves.into(),
        (SlaState::Met, Some(_)) | (_, None) => String::new(),
        (SlaState::Breached, Some(d)) => (t().was_due)(&format::datetime(d)),
        (_, Some(d)) => (t().due)(&format::datetime(d)),
    }
}

#[component]
pub fn SlaPanel() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let metrics = move |now| {
        page.with(|d| desk.config.with(|c| d.snapshot.at(&SlaEngine::new(c), now))).unwrap_or_default()
    };
    view! {
        <section class="sla-panel" aria-label=t().clocks>
            {move || {
                let now = desk.now.get();
                let list = metrics(now);
                if list.is_empty() {
                    return view! { <p class="muted sla-none">{t().no_sla}</p> }.into_any();
                }
                view! {
                    <dl class="sla-grid">
                        {list.into_iter().map(|m| {
                            let (symbol, left) = words(&m, now);
                            let due = due_text(&m);
                            let target = m.target.map(|mins| (t().target)(&format::duration(i64::from(mins))));
                            let title = if m.metric == Metric::TierLimit { t().tier_time_title } else { t().sla_time_title };
                            view! {
                                <div class=format!("sla-metric sla-{}", m.state.as_str()) data-metric=m.metric.as_str()
                                    data-due=m.due_at.map(|d| d.to_rfc3339()) title=title>
                                    <dt>{labels::metric(m.metric)}</dt>
                                    <dd>
                                        <span class="sla-state"><span aria-hidden="true">{symbol}" "</span>{labels::sla_state(m.state)}</span>
                                        <span class="sla-left">{left}</span>
                                        <span class="sla-due muted">{due}</span>
                                        {target.map(|t| view! { <span class="sla-target muted">{t}</span> })}
                                    </dd>
                                </div>
                            }
                        }).collect_view()}
                    </dl>
                }
                .into_any()
            }}
        </section>
    }
}
