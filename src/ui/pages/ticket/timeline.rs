//! The whole history of the ticket, oldest first, with the SLA warnings and breaches that have
//! happened merged in by time and marked as derived (worked out, not recorded).

use leptos::prelude::*;

use super::use_page;
use crate::domain::timeline::{self, Row};
use crate::ui::format;

fn row_view(r: Row) -> impl IntoView {
    let Row { at, key, kind, entry, derived } = r;
    let class = format!("entry entry-{}{}", entry.class, if derived { " entry-derived" } else { "" });
    let internal = entry.class == "note";
    view! {
        <li class=class data-event=key data-kind=kind>
            <div class="entry-head">
                {derived.then(|| view! { <span class="entry-icon" aria-hidden="true">"⚑"</span> })}
                <strong class="who">{entry.who}</strong>" "
                <span class="summary">{entry.summary}</span>
                {internal.then(|| view! { <span class="tag-internal" title="Seen by agents only, never by the requester">"internal"</span> })}
                {derived.then(|| view! { <span class="tag-derived" title="Worked out from the SLA clocks; not a recorded event">"derived"</span> })}
                <time datetime=format::iso(at)>{format::datetime(at)}</time>
            </div>
            {entry.body.map(|b| view! { <p class="body">{b}</p> })}
        </li>
    }
}

#[component]
pub fn Timeline() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    // How many SLA events are past: the list redraws when another one happens, not each tick.
    let past = Memo::new(move |_| {
        let now = desk.now.get();
        page.with(|d| d.sla_events.iter().filter(|e| timeline::sla_event_past(e, now)).count()).unwrap_or(0)
    });
    move || {
        let _ = past.get();
        let now = desk.now.get_untracked();
        let rows = page
            .with(|d| desk.config.with_untracked(|c| timeline::rows(&d.events, &d.sla_events, now, c, &d.ticket.requester.name)))
            .unwrap_or_default();
        view! {
            <ol class="timeline" aria-labelledby="timeline-heading">
                {rows.into_iter().map(row_view).collect_view()}
            </ol>
        }
    }
}
