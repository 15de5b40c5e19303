//! One ticket: its fields, its whole timeline, and the reply / internal note box.

use leptos::prelude::*;

use crate::domain::model::{Event, Priority, Status, Ticket, TicketId};
use crate::domain::ticket::Command;
use crate::domain::timeline;
use crate::storage::StorageError;
use crate::ui::components::badges::{PriorityBadge, StatusBadge, TierBadge};
use crate::ui::format;
use crate::ui::state::{use_desk, Desk};

fn report(desk: Desk, result: Result<crate::ui::state::Outcome, StorageError>, done: &str) {
    match result {
        Ok(o) if o.events.is_empty() => {}
        Ok(_) => desk.say(done.to_string()),
        Err(e) => desk.fail(e.to_string()),
    }
}

#[component]
pub fn TicketPage(id: TicketId) -> impl IntoView {
    let desk = use_desk();
    let data = LocalResource::new(move || {
        let _ = desk.revision.get();
        async move { desk.db().ticket_with_events(id).await }
    });
    view! {
        <section class="page ticket-page">
            <Suspense fallback=|| view! { <p role="status">"Loading ticket…"</p> }>
                {move || data.get().map(|r| match r {
                    Ok(Some((t, events))) => view! { <TicketView t=t events=events/> }.into_any(),
                    Ok(None) => view! {
                        <h1>"Ticket not found"</h1>
                        <p>{format!("There is no ticket #{id} in this desk.")}</p>
                        <a href="#/tickets">"Back to the tickets"</a>
                    }.into_any(),
                    Err(e) => view! { <p class="error-text" role="alert">{e.to_string()}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TicketView(t: Ticket, events: Vec<Event>) -> impl IntoView {
    let desk = use_desk();
    let id = t.id;
    let requester = t.requester.name.clone();
    let cfg = desk.config.get_untracked();
    let entries: Vec<_> = events
        .iter()
        .map(|e| (e.id.clone(), e.at, timeline::describe(e, &cfg, &requester)))
        .collect();
    let agents: Vec<(String, String)> = cfg.agents.iter().map(|a| (a.id.clone(), a.name.clone())).collect();
    let assignee = t.assignee.clone().unwrap_or_default();
    let status = t.status;
    let priority = t.priority;

    let run = move |cmd: Command, done: &'static str| {
        leptos::task::spawn_local(async move {
            let r = desk.run(id, cmd, desk.actor()).await;
            report(desk, r, done);
        });
    };

    view! {
        <div class="ticket-head">
            <a class="back" href="#/tickets">"‹ Tickets"</a>
            <h1><span class="ref">{t.reference()}</span>" "{t.subject.clone()}</h1>
            <div class="badges">
                <StatusBadge status=t.status/>
                <PriorityBadge priority=t.priority/>
                <TierBadge tier=t.tier/>
            </div>
        </div>
        <div class="ticket-layout">
            <div class="ticket-main">
                <article class="description" aria-label="Description">
                    <header><strong>{t.requester.name.clone()}</strong>" "<span class="muted">{t.requester.email.clone()}</span></header>
                    <p class="body">{t.description.clone()}</p>
                </article>
                <h2>"Timeline"</h2>
                <ol class="timeline">
                    {entries.into_iter().map(|(eid, at, e)| view! {
                        <li class=format!("entry entry-{}", e.class) data-event=eid>
                            <div class="entry-head">
                                <strong>{e.who}</strong>" "{e.summary}
                                {(!e.public).then(|| view! { <span class="tag-internal">"internal"</span> })}
                                <time datetime=format::iso(at)>{format::datetime(at)}</time>
                            </div>
                            {e.body.map(|b| view! { <p class="body">{b}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
                <Composer id=id/>
            </div>
            <aside class="ticket-side" aria-label="Ticket fields">
                <label for="f-status">"Status"</label>
                <select id="f-status" on:change=move |ev| {
                    if let Some(s) = Status::parse(&event_target_value(&ev)) { run(Command::SetStatus(s), "Status changed.") }
                }>
                    {Status::ALL.into_iter().filter(move |s| *s == status || status.can_become(*s)).map(|s| view! {
                        <option value=s.as_str() selected=s == status>{s.label()}</option>
                    }).collect_view()}
                </select>
                <label for="f-priority">"Priority"</label>
                <select id="f-priority" on:change=move |ev| {
                    if let Some(p) = Priority::parse(&event_target_value(&ev)) { run(Command::SetPriority { to: p, reason: None }, "Priority changed.") }
                }>
                    {Priority::ALL.into_iter().map(|p| view! { <option value=p.as_str() selected=p == priority>{p.label()}</option> }).collect_view()}
                </select>
                <label for="f-assignee">"Assignee"</label>
                <select id="f-assignee" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    run(Command::Assign { to: (!v.is_empty()).then_some(v), reason: None }, "Assignee changed.")
                }>
                    <option value="" selected=assignee.is_empty()>"Unassigned"</option>
                    {agents.into_iter().map(|(aid, name)| {
                        let sel = aid == assignee;
                        view! { <option value=aid selected=sel>{name}</option> }
                    }).collect_view()}
                </select>
                <dl class="facts">
                    <dt>"Requester"</dt><dd>{t.requester.name.clone()}</dd>
                    <dt>"Channel"</dt><dd>{t.channel.as_str()}</dd>
                    <dt>"Created"</dt><dd>{format::datetime(t.created_at)}</dd>
                    <dt>"Updated"</dt><dd>{format::datetime(t.updated_at)}</dd>
                    <dt>"Revision"</dt><dd>{t.rev}</dd>
                </dl>
            </aside>
        </div>
    }
}

#[component]
fn Composer(id: TicketId) -> impl IntoView {
    let desk = use_desk();
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let send = move |internal: bool| {
        let body = text.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let cmd = if internal { Command::Note(body) } else { Command::Reply(body) };
            match desk.run(id, cmd, desk.actor()).await {
                Ok(_) => {
                    text.set(String::new());
                    desk.say(if internal { "Note added." } else { "Reply sent." });
                }
                Err(e) => desk.fail(e.to_string()),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="composer" on:submit=move |ev| { ev.prevent_default(); send(false); }>
            <label for="composer-text">"Reply or note"</label>
            <textarea id="composer-text" rows="4" placeholder="Write a public reply to the requester, or an internal note for the team"
                prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || busy.get() || text.with(|t| t.trim().is_empty())>"Send reply"</button>
                <button type="button" disabled=move || busy.get() || text.with(|t| t.trim().is_empty()) on:click=move |_| send(true)>"Add internal note"</button>
            </div>
        </form>
    }
}
