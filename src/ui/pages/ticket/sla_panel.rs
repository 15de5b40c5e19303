//! The live SLA panel: each clock with its state, due time and time left in words. It follows
//! the desk clock (`desk.now`) from the snapshot taken when the ticket was loaded. It is not a
//! live region: a screen reader is not told every second.

use leptos::prelude::*;

use super::use_page;
use crate::domain::desk::Metric;
use crate::domain::humanize;
use crate::domain::sla::{SlaEngine, SlaState};
use crate::domain::model::Time;
use crate::domain::sla_snapshot::MetricNow;
use crate::ui::format;

/// Symbol and words for a clock at `now`; colour only supports them. The symbols are ones
/// common fonts have (a missing glyph would show as a box).
fn words(m: &MetricNow, now: Time) -> (&'static str, String) {
    let left = m.remaining.unwrap_or(0);
    // Remaining time counts working minutes: say so when the wall clock differs (evenings).
    let working = match m.due_at {
        Some(due) if m.state.is_running() && (due - now).num_minutes() > left + 1 => " of working time",
        _ => "",
    };
    match m.state {
        SlaState::Breached => ("✖", format!("overdue by {}", humanize::minutes(left.abs()))),
        SlaState::Warning | SlaState::Running => (if m.state == SlaState::Warning { "⚠" } else { "◷" }, format!("{}{working} left", humanize::minutes(left))),
        SlaState::Paused => ("‖", format!("{} left, waiting", humanize::minutes(left.max(0)))),
        SlaState::Met => ("✔", "within target".to_string()),
        SlaState::None => ("", String::new()),
    }
}

fn due_text(m: &MetricNow) -> String {
    match (m.state, m.due_at) {
        (SlaState::Paused, _) => "due time moves while paused".into(),
        (SlaState::Met, Some(_)) | (_, None) => String::new(),
        (SlaState::Breached, Some(d)) => format!("was due {}", format::datetime(d)),
        (_, Some(d)) => format!("due {}", format::datetime(d)),
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
        <section class="sla-panel" aria-label="Service level clocks">
            {move || {
                let now = desk.now.get();
                let list = metrics(now);
                if list.is_empty() {
                    return view! { <p class="muted sla-none">"No SLA target applies to this ticket."</p> }.into_any();
                }
                view! {
                    <dl class="sla-grid">
                        {list.into_iter().map(|m| {
                            let (symbol, left) = words(&m, now);
                            let due = due_text(&m);
                            let target = m.target.map(|t| format!("Target {}", humanize::minutes(i64::from(t))));
                            let title = if m.metric == Metric::TierLimit { "Time in this tier, on the tier's working hours" } else { "Counted on the SLA policy's working hours" };
                            view! {
                                <div class=format!("sla-metric sla-{}", m.state.as_str()) data-metric=m.metric.as_str() title=title>
                                    <dt>{m.metric.label()}</dt>
                                    <dd>
                                        <span class="sla-state"><span aria-hidden="true">{symbol}" "</span>{m.state.label()}</span>
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
