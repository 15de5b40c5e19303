//! The incident report on screen and on paper: summary, root causes, problems, articles, one
//! section per ticket (tiers passed, SLA outcome) and the combined timeline.

use std::sync::Arc;

use leptos::prelude::*;

use super::{t, Loaded};
use crate::domain::humanize;
use crate::domain::reports::incident::{tier_totals, IncidentTicket, SlaOutcome, MAX_GROUP};
use crate::domain::sla::SlaState;
use crate::ui::format;
use crate::ui::labels;
use crate::ui::route::{KbRoute, Route};

fn when(x: crate::domain::model::Time) -> impl IntoView {
    view! { <time datetime=format::iso(x)>{format::datetime(x)}</time> }
}

/// A symbol beside the outcome's words: the meaning never rests on colour.
fn outcome(s: &SlaOutcome) -> impl IntoView {
    let symbol = match s.state {
        SlaState::Met => "✔",
        SlaState::Breached => "✖",
        SlaState::Paused => "‖",
        SlaState::Running | SlaState::Warning => "◷",
        SlaState::None => "",
    };
    view! {
        <span class=format!("sla-outcome sla-{}", s.state.as_str())>
            <span aria-hidden="true">{symbol}" "</span>{labels::sla_state(s.state)}
        </span>
    }
}

fn ticket_link(id: u64) -> impl IntoView {
    view! { <a href=format!("#/tickets/{id}")>{format!("#{id}")}</a> }
}

#[component]
pub fn Report(loaded: Arc<Loaded>, href: String) -> impl IntoView {
    let r = &loaded.report;
    let x = t();
    let root = r.root;
    let subject = r.root_ticket().map(|t| t.ticket.subject.clone()).unwrap_or_default();
    let summary = r.tickets.iter().map(|it| {
        let k = &it.ticket;
        view! {
            <tr>
                <th scope="row">{ticket_link(k.id)}</th>
                <td>{k.subject.clone()}</td>
                <td>{labels::status(k.status)}</td>
                <td>{labels::priority(k.priority)}</td>
                <td>{labels::tier(k.tier)}</td>
                <td>{when(k.created_at)}</td>
                <td>{match it.closed_at { Some(c) => when(c).into_any(), None => x.open.into_any() }}</td>
            </tr>
        }
    }).collect_view();
    let causes: Vec<_> = r.tickets.iter().filter(|t| !t.ticket.root_cause.trim().is_empty()).map(|t| (t.ticket.id, t.ticket.root_cause.clone())).collect();
    let problems: Vec<_> = r.tickets.iter().filter(|t| t.is_problem()).map(|t| {
        let behind: Vec<String> = t.ticket.links.iter().filter(|l| l.kind == crate::domain::model::LinkKind::ProblemOf).map(|l| format!("#{}", l.other)).collect();
        (t.ticket.id, t.ticket.subject.clone(), labels::status(t.ticket.status), behind.join(", "))
    }).collect();
    let articles: Vec<(String, Option<String>)> = r.articles().into_iter().map(|a| {
        let title = loaded.titles.get(&a).cloned();
        (a, title)
    }).collect();
    let missing = (!r.missing.is_empty()).then(|| r.missing.iter().map(|m| format!("#{m}")).collect::<Vec<_>>().join(", "));
    let sections = r.tickets.iter().map(|it| ticket_section(it, r.now)).collect_view();
    let timeline = r.timeline.iter().map(|row| {
        let e = &row.row.entry;
        let vis = if e.public { x.public } else { x.internal };
        view! {
            <li class=format!("incident-entry entry-{}", e.class) class:internal=!e.public>
                <div class="entry-meta">
                    {when(row.row.at)}" · "{ticket_link(row.ticket)}" · "<strong>{e.who.clone()}</strong>
                    " "<span class="visibility badge">{vis}</span>
                </div>
                <p class="entry-summary">{e.summary.clone()}</p>
                {e.body.clone().filter(|b| !b.trim().is_empty()).map(|b| view! { <p class="entry-body">{b}</p> })}
            </li>
        }
    }).collect_view();

    view! {
        <div class="incident-report">
            <div class="report-toolbar no-print">
                <a class="back" href=format!("#/tickets/{root}")>{format!("‹ {}", (x.back)(root))}</a>
                <button type="button" class="primary" on:click=|_| { let _ = window().print(); }>{x.print}</button>
                <a class="button" href=href download=format!("incident-{root}.md")>{x.download}</a>
            </div>
            <h1>{format!("{}: #{root} ", x.title)}<span class="subject-text">{subject}</span></h1>
            <p class="muted">{x.generated}": "{when(r.now)}" · "{(x.tickets_n)(r.tickets.len())}</p>
            {r.truncated.then(|| view! { <p class="note" role="note">{(x.truncated)(MAX_GROUP)}</p> })}

            <section aria-labelledby="ir-tickets">
                <h2 id="ir-tickets">{x.tickets}</h2>
                <div class="table-scroll">
                    <table class="data-table incident-tickets">
                        <thead><tr>
                            <th scope="col">{x.ticket}</th><th scope="col">{x.subject}</th><th scope="col">{x.status}</th>
                            <th scope="col">{x.priority}</th><th scope="col">{x.tier}</th><th scope="col">{x.created}</th><th scope="col">{x.closed}</th>
                        </tr></thead>
                        <tbody>{summary}</tbody>
                    </table>
                </div>
                {missing.map(|m| view! { <p class="muted">{x.missing}": "{m}</p> })}
            </section>

            <section aria-labelledby="ir-causes">
                <h2 id="ir-causes">{x.root_cause}</h2>
                {if causes.is_empty() {
                    view! { <p class="muted">{x.none}</p> }.into_any()
                } else {
                    view! { <ul>{causes.into_iter().map(|(id, c)| view! { <li>{ticket_link(id)}": "{c}</li> }).collect_view()}</ul> }.into_any()
                }}
            </section>

            <section aria-labelledby="ir-problems">
                <h2 id="ir-problems">{x.problems}</h2>
                {if problems.is_empty() {
                    view! { <p class="muted">{x.none}</p> }.into_any()
                } else {
                    view! { <ul>{problems.into_iter().map(|(id, s, st, behind)| view! {
                        <li>{ticket_link(id)}" "{s}" ("{st}") — "{(x.problem_of)(&behind)}</li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>

            <section aria-labelledby="ir-articles">
                <h2 id="ir-articles">{x.articles}</h2>
                {if articles.is_empty() {
                    view! { <p class="muted">{x.none}</p> }.into_any()
                } else {
                    view! { <ul>{articles.into_iter().map(|(id, title)| view! {
                        <li>
                            <a href=Route::Kb(KbRoute::Article(id.clone())).href()>{title.unwrap_or_else(|| id.clone())}</a>
                            " "<code>{id}</code>
                        </li>
                    }).collect_view()}</ul> }.into_any()
                }}
            </section>

            {sections}

            <section class="incident-timeline" aria-labelledby="ir-timeline">
                <h2 id="ir-timeline">{x.timeline}</h2>
                <ol class="incident-entries">{timeline}</ol>
            </section>
        </div>
    }
}

fn ticket_section(it: &IncidentTicket, now: crate::domain::model::Time) -> impl IntoView {
    let x = t();
    let k = &it.ticket;
    let id = k.id;
    let heading = format!("ir-ticket-{id}");
    let links: Vec<_> = k.links.iter().map(|l| (labels::link_kind(l.kind), l.other)).collect();
    let spans = it.spans.iter().map(|s| view! {
        <tr>
            <th scope="row">{labels::tier(s.tier)}</th>
            <td>{when(s.from)}</td>
            <td>{match s.to { Some(to) => when(to).into_any(), None => x.until_now.into_any() }}</td>
            <td>{humanize::minutes(s.minutes(now))}</td>
        </tr>
    }).collect_view();
    let totals = tier_totals(&it.spans, now)
        .into_iter()
        .map(|(tier, m)| format!("{} {}", labels::tier(tier), humanize::minutes(m)))
        .collect::<Vec<_>>()
        .join(" · ");
    let sla = if it.sla.is_empty() {
        view! { <p class="muted">{x.no_sla}</p> }.into_any()
    } else {
        view! {
            <table class="data-table incident-sla">
                <caption class="sr-only">{format!("{} #{id}", x.sla)}</caption>
                <thead><tr>
                    <th scope="col">{x.metric}</th><th scope="col">{x.target}</th><th scope="col">{x.due}</th>
                    <th scope="col">{x.actual}</th><th scope="col">{x.outcome}</th>
                </tr></thead>
                <tbody>{it.sla.iter().map(|s| view! {
                    <tr data-metric=s.metric.as_str()>
                        <th scope="row">{labels::metric(s.metric)}</th>
                        <td>{s.target_minutes.map_or("—".into(), |m| humanize::minutes(i64::from(m)))}</td>
                        <td>{s.due_at.map(when)}</td>
                        <td>{s.done_at.map(when)}</td>
                        <td>{outcome(s)}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="incident-ticket" aria-labelledby=heading.clone() data-ticket=id.to_string()>
            <h2 id=heading.clone()>{format!("{} #{id}: ", x.ticket)}{k.subject.clone()}</h2>
            <dl class="facts">
                <dt>{x.requester}</dt><dd>{k.requester.name.clone()}</dd>
                <dt>{x.root_cause}</dt>
                <dd>{if k.root_cause.trim().is_empty() { x.none.to_string() } else { k.root_cause.clone() }}</dd>
                <dt>{x.links}</dt>
                <dd class="incident-links">{if links.is_empty() {
                    x.none.into_any()
                } else {
                    links.into_iter().map(|(kind, other)| view! { <span class="incident-link">{kind}" "{ticket_link(other)}</span> }).collect_view().into_any()
                }}</dd>
            </dl>
            <h3>{x.tiers_passed}</h3>
            <table class="data-table incident-tiers">
                <thead><tr><th scope="col">{x.tier}</th><th scope="col">{x.from}</th><th scope="col">{x.to}</th><th scope="col">{x.time}</th></tr></thead>
                <tbody>{spans}</tbody>
            </table>
            <p class="muted">{x.total}": "{totals}</p>
            <h3>{x.sla}</h3>
            {sla}
        </section>
    }
}
