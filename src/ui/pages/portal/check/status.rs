//! The requester's view of their ticket: status, the public conversation (never internal
//! notes or the desk's field changes), a reply box, and the rating once it is resolved.

use std::sync::Arc;

use leptos::prelude::*;

use super::rating::Rating;
use super::texts::t;
use crate::domain::model::{Actor, Event, Ticket, TicketId};
use crate::domain::self_service::lookup::identity_matches;
use crate::domain::self_service::messages::{public_messages, reply_state, Author, ReplyState};
use crate::domain::ticket::Command;
use crate::storage::StorageError;
use crate::ui::format;
use crate::ui::labels;
use crate::ui::pages::portal::state::use_portal;
use crate::ui::pages::portal::{go, PortalRoute};

/// One load of the ticket, shared by the parts of the page.
pub struct Loaded {
    pub ticket: Ticket,
    pub events: Vec<Event>,
}

#[derive(Clone)]
enum Phase {
    Loading,
    Ready(Arc<Loaded>),
    /// Gone, or no longer the requester's (the same neutral answer as the lookup).
    Hidden,
    Failed(String),
}

#[component]
pub fn TicketStatus(id: TicketId, who: String) -> impl IntoView {
    let portal = use_portal();
    let desk = portal.desk;
    let phase = RwSignal::new(Phase::Loading);
    let reload = RwSignal::new(0u32);
    // What the last reply and rating did; they outlive the reload that follows.
    let reply_flash = RwSignal::new(None::<(bool, String)>);
    let rate_flash = RwSignal::new(None::<(bool, String)>);
    let who = StoredValue::new(who);
    Effect::new(move |_| {
        reload.track();
        leptos::task::spawn_local(async move {
            let next = match desk.db().ticket_with_events(id).await {
                Ok(Some((ticket, events))) if who.with_value(|w| identity_matches(&ticket, w)) => Phase::Ready(Arc::new(Loaded { ticket, events })),
                Ok(_) => Phase::Hidden,
                Err(e) => Phase::Failed((t().failed)(&e.to_string())),
            };
            phase.set(next);
        });
    });
    let done = move |_| {
        portal.verified.set(None);
        go(&PortalRoute::Home);
    };
    move || match phase.get() {
        Phase::Loading => view! { <p class="muted" role="status">{crate::ui::i18n::common().loading}</p> }.into_any(),
        Phase::Hidden => view! { <section class="portal-page narrow"><p class="field-error" role="alert">{t().not_found}</p></section> }.into_any(),
        Phase::Failed(m) => view! { <section class="portal-page narrow"><p class="field-error" role="alert">{m}</p></section> }.into_any(),
        Phase::Ready(l) => {
            let tk = &l.ticket;
            let messages = desk.config.with_untracked(|c| public_messages(tk, &l.events, c));
            let window = chrono::Duration::hours(i64::from(desk.config.with_untracked(|c| c.general.reopen_window_hours)));
            let state = reply_state(tk, &l.events, desk.now.get_untracked(), window);
            view! {
                <section class="portal-page portal-ticket" aria-labelledby="pt-title">
                    <h1 id="pt-title"><span class="ref">{tk.reference()}</span>" "{tk.subject.clone()}</h1>
                    <p class="ticket-status">
                        <span class="muted">{t().status}": "</span>
                        <span class=format!("badge status-{}", tk.status.as_str())>{labels::status(tk.status)}</span>
                        " · "<span class="muted">{(t().opened)(&format::date(tk.created_at))}</span>
                    </p>
                    <h2>{t().conversation}</h2>
                    {if messages.is_empty() {
                        view! { <p class="muted">{t().no_messages}</p> }.into_any()
                    } else {
                        view! {
                            <ol class="portal-messages">
                                {messages.into_iter().map(|m| {
                                    let (class, name) = match &m.author {
                                        Author::Requester => ("msg msg-requester", t().you.to_string()),
                                        Author::Desk(Some(n)) => ("msg msg-desk", n.clone()),
                                        Author::Desk(None) => ("msg msg-desk", t().service_desk.to_string()),
                                    };
                                    view! {
                                        <li class=class data-key=m.key>
                                            <div class="msg-head"><strong>{name}</strong>
                                                <time datetime=format::iso(m.at)>{format::datetime(m.at)}</time></div>
                                            <p class="body">{m.body}</p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        }
                        .into_any()
                    }}
                    <Reply id=id state=state reload=reload message=reply_flash/>
                    <Rating ticket=tk.clone() reload=reload message=rate_flash/>
                    <div class="actions">
                        <button type="button" class="big" on:click=done>{t().done}</button>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn Reply(id: TicketId, state: ReplyState, reload: RwSignal<u32>, message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let portal = use_portal();
    let text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let note = match state {
        ReplyState::Open => None,
        ReplyState::Reopens => Some(t().reply_reopens.to_string()),
        ReplyState::TooLate => return view! { <p class="portal-note">{t().reply_too_late}</p> }.into_any(),
        ReplyState::Closed => return view! { <p class="portal-note">{t().reply_closed}</p> }.into_any(),
        ReplyState::Merged(into) => return view! { <p class="portal-note">{(t().merged)(into)}</p> }.into_any(),
    };
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = text.get_untracked();
        if body.trim().is_empty() {
            message.set(Some((false, t().reply_empty.to_string())));
            return;
        }
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match portal.desk.run(id, Command::RequesterReply(body), Actor::Requester).await {
                Ok(_) => {
                    text.set(String::new());
                    message.set(Some((true, t().reply_sent.to_string())));
                    reload.update(|n| *n += 1);
                }
                Err(StorageError::Invalid(e)) if e.field == "status" => message.set(Some((false, t().reply_too_late.to_string()))),
                Err(StorageError::Invalid(e)) if e.message.contains("closed") => message.set(Some((false, t().reply_closed.to_string()))),
                Err(e) => {
                    message.set(Some((false, (t().reply_failed)(&e.to_string()))));
                    reload.update(|n| *n += 1);
                }
            }
            busy.set(false);
        });
    };
    view! {
        <form class="form portal-form portal-reply" on:submit=send novalidate>
            {note.map(|n| view! { <p class="portal-note">{n}</p> })}
            <label for="pt-reply">{t().reply_label}</label>
            <textarea id="pt-reply" rows="4" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            {flash_view(message)}
            <div class="actions">
                <button type="submit" class="primary big" disabled=busy>{t().send_reply}</button>
            </div>
        </form>
    }
    .into_any()
}

/// The outcome of the last reply or rating, as a status line or an alert.
pub fn flash_view(message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    move || {
        message.get().map(|(ok, m)| {
            view! { <p class=if ok { "ok-text" } else { "field-error" } role=if ok { "status" } else { "alert" }>{m}</p> }
        })
    }
}
