//! The whole history of the ticket, oldest first, with the SLA warnings and breaches that have
//! happened merged in by time and marked as derived (worked out, not recorded). The order,
//! who and bodies come from `domain::timeline`; the summaries are worded here, per language.

use leptos::prelude::*;

use super::texts::page::t;
use super::texts::summary::{sla_summary, summary, tier_reason};
use super::use_page;
use crate::domain::model::EventKind;
use crate::domain::timeline::{self, Row};
use crate::ui::format;
use crate::ui::i18n::lang;

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
                {internal.then(|| view! { <span class="tag-internal" title=t().internal_title>{t().internal}</span> })}
                {derived.then(|| view! { <span class="tag-derived" title=t().derived_title>{t().derived}</span> })}
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
        let l = lang();
        let rows = page
            .with(|d| {
                desk.config.with_untracked(|c| {
                    let mut rows = timeline::rows(&d.events, &d.sla_events, now, c, &d.ticket.requester.name);
                    // The summary in the page's language, from the event (or SLA event) itself.
                    for r in &mut rows {
                        if r.derived {
                            if let Some(e) = d.sla_events.iter().find(|e| timeline::sla_key(e) == r.key) {
                                r.entry.summary = sla_summary(e, l);
                            }
                        } else if let Some(e) = d.events.iter().find(|e| e.id == r.key) {
                            r.entry.summary = summary(&e.kind, c, l);
                            if let EventKind::TierChanged { cause, reason, .. } = &e.kind {
                                r.entry.body = (!reason.is_empty()).then(|| tier_reason(*cause, reason, l));
                            }
                        }
                    }
                    rows
                })
            })
            .unwrap_or_default();
        view! {
            <ol class="timeline" aria-labelledby="timeline-heading">
                {rows.into_iter().map(row_view).collect_view()}
            </ol>
        }
    }
}
