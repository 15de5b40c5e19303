//! The incident report page: gathers the ticket and everything linked to it (a link walk,
//! one storage read per step), builds the report at `desk.now`, shows it, prints it without
//! the app around it, and offers it as a Markdown file made from the same data.

mod texts;
mod view;

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::humanize;
use crate::domain::model::{Event, Ticket, TicketId};
use crate::domain::reports::incident::{build, IncidentReport, Walk, MAX_GROUP};
use crate::domain::reports::incident_md::{to_markdown, Words};
use crate::storage::{Db, StorageError};
use crate::ui::format;
use crate::ui::labels;
use crate::ui::state::use_desk;

pub use texts::t;

/// The report and what the page needs beside it.
pub struct Loaded {
    pub report: IncidentReport,
    /// Article titles by id.
    pub titles: BTreeMap<String, String>,
}

#[derive(Clone)]
enum Phase {
    Loading,
    Missing,
    Failed(String),
    Ready(Arc<Loaded>),
}

/// Reads the group of linked tickets, at most [`MAX_GROUP`] of them.
async fn gather(db: &Db, id: TicketId) -> Result<Option<(Vec<(Ticket, Vec<Event>)>, Vec<TicketId>, bool)>, StorageError> {
    let mut walk = Walk::new(id);
    let mut loaded = vec![];
    let mut missing = vec![];
    loop {
        let batch = walk.next_batch();
        if batch.is_empty() {
            break;
        }
        let found = db.tickets_with_events(&batch).await?;
        for b in &batch {
            if !found.iter().any(|(t, _)| t.id == *b) {
                missing.push(*b);
            }
        }
        for (t, events) in found {
            walk.found(&t, &events);
            loaded.push((t, events));
        }
    }
    if !loaded.iter().any(|(t, _)| t.id == id) {
        return Ok(None);
    }
    Ok(Some((loaded, missing, walk.truncated)))
}

fn words() -> Words {
    let x = t();
    Words {
        title: x.title,
        generated: x.generated,
        tickets: x.tickets,
        ticket: x.ticket,
        subject: x.subject,
        status: x.status,
        priority: x.priority,
        tier: x.tier,
        requester: x.requester,
        created: x.created,
        closed: x.closed,
        open: x.open,
        root_cause: x.root_cause,
        none: x.none,
        problems: x.problems,
        articles: x.articles,
        links: x.links,
        tiers_passed: x.tiers_passed,
        from: x.from,
        to: x.to,
        time: x.time,
        until_now: x.until_now,
        total: x.total,
        sla: x.sla,
        no_sla: x.no_sla,
        metric: x.metric,
        target: x.target,
        due: x.due,
        actual: x.actual,
        outcome: x.outcome,
        timeline: x.timeline,
        internal: x.internal,
        missing: x.missing,
        truncated: (t().truncated)(MAX_GROUP),
        status_label: labels::status,
        priority_label: labels::priority,
        metric_label: labels::metric,
        state_label: labels::sla_state,
        link_label: labels::link_kind,
        tier_label: labels::tier,
        datetime: format::datetime,
        duration: humanize::minutes,
    }
}

/// The Markdown file as a `data:` URL for a download link (no Blob, no script).
fn markdown_href(l: &Loaded) -> String {
    let md = to_markdown(&l.report, &l.titles, &words());
    let encoded: String = js_sys::encode_uri_component(&md).into();
    format!("data:text/markdown;charset=utf-8,{encoded}")
}

#[component]
pub fn IncidentPage(id: TicketId) -> impl IntoView {
    let desk = use_desk();
    let phase = RwSignal::new(Phase::Loading);
    let latest = StoredValue::new(0u64);
    // Reload after every write (a new link or reply shows at once).
    Effect::new(move |_| {
        desk.revision.track();
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        let db = desk.db();
        leptos::task::spawn_local(async move {
            let result = gather(&db, id).await;
            let now = desk.now.get_untracked();
            let next = match result {
                Ok(Some((loaded, missing, truncated))) => {
                    let report = desk.config.with_untracked(|c| build(id, loaded, missing, truncated, c, now));
                    let mut titles = BTreeMap::new();
                    if let Ok(found) = db.article_titles(&report.articles()).await {
                        titles.extend(found);
                    }
                    Phase::Ready(Arc::new(Loaded { report, titles }))
                }
                Ok(None) => Phase::Missing,
                Err(e) => Phase::Failed((t().failed)(&e.to_string())),
            };
            if latest.get_value() == mine {
                phase.set(next);
            }
        });
    });
    view! {
        <section class="page reports-page incident-page">
            {move || match phase.get() {
                Phase::Loading => view! { <p role="status">{t().loading}</p> }.into_any(),
                Phase::Missing => view! {
                    <h1>{t().title}</h1>
                    <p>{(t().not_found)(id)}</p>
                }
                .into_any(),
                Phase::Failed(m) => view! {
                    <h1>{t().title}</h1>
                    <p class="error-text" role="alert">{m}</p>
                }
                .into_any(),
                Phase::Ready(l) => {
                    let href = markdown_href(&l);
                    view! { <view::Report loaded=l href=href/> }.into_any()
                }
            }}
        </section>
    }
}
