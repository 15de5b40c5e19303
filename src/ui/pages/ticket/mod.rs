//! One ticket, where agents spend their day: the header with live SLA clocks, the whole
//! timeline, the reply / note composer, and the side panel of fields, links and time spent.
//!
//! The page loads the ticket into one signal (`Page::data`) and every part reads from it, so a
//! reload (after any write, or a conflict with another tab) redraws the parts that show data
//! but never the composer or a half-typed field: their drafts live in signals of their own.

mod actions;
mod chips;
mod composer;
mod fields;
mod header;
mod links;
mod priority;
mod sla_panel;
mod texts;
mod time_spent;
mod timeline;

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::model::{Event, Ticket, TicketId};
use crate::domain::sla::{SlaEngine, SlaEvent};
use crate::domain::sla_snapshot::SlaSnapshot;
use crate::domain::ticket::{Command, Ctx, DomainError};
use crate::storage::StorageError;
use crate::ui::errors;
use crate::ui::i18n::common;
use crate::ui::ids::RandomIds;
use crate::ui::state::{use_desk, Desk, Outcome};

use texts::page::t;

/// What one load of the ticket produced. The SLA picture is computed once per load; the
/// clocks then move on `desk.now` alone.
pub struct Loaded {
    pub ticket: Ticket,
    pub events: Vec<Event>,
    pub snapshot: SlaSnapshot,
    /// Warnings and breaches, past and projected; the timeline shows those already past.
    pub sla_events: Vec<SlaEvent>,
}

/// Which box the composer writes into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Reply,
    Note,
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading,
    Missing,
    Failed(String),
    Ready,
}

/// The page's shared state, provided as context to its parts.
#[derive(Clone, Copy)]
pub struct Page {
    pub id: TicketId,
    pub desk: Desk,
    pub data: RwSignal<Option<Arc<Loaded>>>,
    /// The composer's mode and unsent text: kept across reloads and conflicts.
    pub mode: RwSignal<Mode>,
    pub text: RwSignal<String>,
    pub escalate_open: RwSignal<bool>,
    reload: RwSignal<u32>,
}

pub fn use_page() -> Page {
    expect_context::<Page>()
}

/// "Reason is required …": a domain error as a sentence for the place it concerns, in the
/// page's language.
pub fn sentence(e: &DomainError) -> String {
    errors::sentence(e)
}

impl Page {
    /// Reads the ticket (tracked): `None` until loaded.
    pub fn with<R>(&self, f: impl FnOnce(&Loaded) -> R) -> Option<R> {
        self.data.with(|d| d.as_deref().map(f))
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&Loaded) -> R) -> Option<R> {
        self.data.with_untracked(|d| d.as_deref().map(f))
    }

    /// Says what went wrong: a refused command next to its field when `here` is given,
    /// otherwise in the notice bar, always with the fact that nothing was saved.
    pub fn failed(&self, e: StorageError, here: Option<RwSignal<Option<String>>>) {
        match e {
            StorageError::Conflict { .. } => {
                let kept = if self.text.with_untracked(|s| s.trim().is_empty()) { "" } else { t().unsent_kept };
                let text = format!("{}{kept}", errors::storage(&e));
                // Also next to the action: a modal dialog hides the notice bar.
                if let Some(h) = here {
                    h.set(Some(text.clone()));
                }
                self.desk.fail(text);
                self.reload.update(|n| *n += 1);
            }
            StorageError::Invalid(d) => match here {
                Some(s) => s.set(Some(sentence(&d))),
                None => self.desk.fail(format!("{} {}", sentence(&d), common().nothing_saved)),
            },
            other => self.desk.fail(format!("{} {}", common().nothing_saved, errors::storage(&other))),
        }
    }

    /// Runs a command on this ticket as the current agent. Tells `done` when something
    /// changed; errors go to `here` (the field's error slot) or the notice bar.
    pub async fn exec(self, cmd: Command, done: String, here: Option<RwSignal<Option<String>>>) -> bool {
        // The revision on screen: a field change against an older one is refused.
        let seen = self.with_untracked(|l| l.ticket.rev);
        let r = self.desk.run_seen(self.id, cmd, self.desk.actor(), seen).await;
        self.settle(r, done, here)
    }

    /// `exec` without waiting for it.
    pub fn fire(self, cmd: Command, done: impl Into<String>, here: Option<RwSignal<Option<String>>>) {
        let done = done.into();
        leptos::task::spawn_local(async move {
            self.exec(cmd, done, here).await;
        });
    }

    /// Reports the outcome of an action; true when it succeeded.
    pub fn settle(self, r: Result<Outcome, StorageError>, done: String, here: Option<RwSignal<Option<String>>>) -> bool {
        match r {
            Ok(o) => {
                if !o.events.is_empty() && !done.is_empty() {
                    self.desk.say(done);
                }
                if let Some(h) = here {
                    h.set(None);
                }
                true
            }
            Err(e) => {
                self.failed(e, here);
                false
            }
        }
    }

    /// Applies a domain function (not a plain command) to the stored ticket and writes the
    /// result in one transaction, with update-time routing like `desk.run`.
    pub async fn apply_with(
        self,
        f: impl FnOnce(&mut Ticket, &[Event], &Ctx, &mut RandomIds) -> Result<Vec<Event>, DomainError>,
    ) -> Result<Outcome, StorageError> {
        let (t, history) = self
            .desk
            .db()
            .ticket_with_events(self.id)
            .await?
            .ok_or_else(|| StorageError::NotFound(format!("ticket #{}", self.id)))?;
        let change = self.desk.compute(t, &history, f, self.desk.actor())?;
        let mut done = self.desk.write(vec![change], true).await?;
        done.pop().ok_or_else(|| StorageError::NotFound(format!("ticket #{}", self.id)))
    }
}

fn load(desk: Desk, t: Ticket, mut events: Vec<Event>) -> Loaded {
    events.sort_by_key(|e| (e.at, e.seq));
    let now = desk.now.get_untracked();
    let snapshot = desk.snapshot(&t, &events, now);
    let sla_events = desk.config.with_untracked(|c| SlaEngine::new(c).sla_events(&t, &events, now));
    Loaded { ticket: t, events, snapshot, sla_events }
}

/// Whether a dialog is open: page shortcuts then stay out of its way.
fn dialog_open() -> bool {
    document().query_selector("dialog[open]").ok().flatten().is_some()
}

/// Moves focus to the element with `id` after the next render (it may just be appearing).
pub fn focus_id(id: &'static str) {
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    });
}

pub fn focus_composer() {
    focus_id("composer-text");
}

#[component]
pub fn TicketPage(id: TicketId) -> impl IntoView {
    let desk = use_desk();
    let page = Page {
        id,
        desk,
        data: RwSignal::new(None),
        mode: RwSignal::new(Mode::Reply),
        text: RwSignal::new(String::new()),
        escalate_open: RwSignal::new(false),
        reload: RwSignal::new(0),
    };
    provide_context(page);
    let phase = RwSignal::new(Phase::Loading);
    // Loads may overlap (two writes in a row): only the latest one may land.
    let latest = StoredValue::new(0u64);

    Effect::new(move |_| {
        let _ = desk.revision.get();
        let _ = page.reload.get();
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        leptos::task::spawn_local(async move {
            let result = desk.db().ticket_with_events(id).await;
            if latest.get_value() != mine {
                return;
            }
            let next = match result {
                Ok(Some((t, events))) => {
                    // Another ticket's write also bumps the revision: redraw only on a change.
                    let same = page.data.with_untracked(|d| d.as_ref().is_some_and(|d| d.ticket == t && d.events.len() == events.len()));
                    if !same {
                        page.data.set(Some(Arc::new(load(desk, t, events))));
                    }
                    Phase::Ready
                }
                Ok(None) => Phase::Missing,
                Err(e) => Phase::Failed(errors::storage(&e)),
            };
            if phase.get_untracked() != next {
                phase.set(next);
            }
        });
    });

    // r: reply, n: internal note, e: escalate. Not while typing or in a dialog.
    let keys = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() || crate::ui::keys::typing(&ev) || dialog_open() {
            return;
        }
        if phase.get_untracked() != Phase::Ready {
            return;
        }
        match ev.key().as_str() {
            "r" => {
                ev.prevent_default();
                page.mode.set(Mode::Reply);
                focus_composer();
            }
            "n" => {
                ev.prevent_default();
                page.mode.set(Mode::Note);
                focus_composer();
            }
            "e" if page.with_untracked(|d| d.ticket.merged_into.is_none()).unwrap_or(false) => {
                ev.prevent_default();
                page.escalate_open.set(true);
            }
            _ => {}
        }
    });
    // Back from another tab or window: show what may have changed there.
    let focus = window_event_listener(leptos::ev::focus, move |_| page.reload.update(|n| *n += 1));
    on_cleanup(move || {
        keys.remove();
        focus.remove();
    });

    view! {
        <section class="page ticket-page">
            {move || match phase.get() {
                Phase::Loading => view! { <p role="status">{t().loading}</p> }.into_any(),
                Phase::Missing => view! {
                    <h1>{t().not_found}</h1>
                    <p>{(t().no_such)(id)}</p>
                    <a href="#/tickets">{t().back}</a>
                }
                .into_any(),
                Phase::Failed(message) => view! {
                    <h1>{(t().load_failed)(id)}</h1>
                    <p class="error-text" role="alert">{message}</p>
                }
                .into_any(),
                Phase::Ready => view! { <TicketView/> }.into_any(),
            }}
        </section>
    }
}

/// The loaded page. Drawn once; its parts follow `Page::data`.
#[component]
fn TicketView() -> impl IntoView {
    let page = use_page();
    let tier2 = Memo::new(move |_| page.with(|d| d.ticket.tier.0 >= 2).unwrap_or(false));
    view! {
        <header::Header/>
        <div class="ticket-layout">
            <div class="ticket-main">
                <Show when=move || tier2.get()>
                    <fields::RootCause prominent=true/>
                </Show>
                <Description/>
                <h2 id="timeline-heading">{t().timeline}</h2>
                <timeline::Timeline/>
                <composer::Composer/>
            </div>
            <aside class="ticket-side" aria-label=t().ticket_fields>
                <fields::Fields/>
                <Show when=move || !tier2.get()>
                    <fields::RootCause prominent=false/>
                </Show>
                <links::Links/>
                <crate::ui::pages::kb::TicketArticles id=page.id
                    articles=Signal::derive(move || page.with(|d| d.ticket.articles.clone()).unwrap_or_default())
                    disabled=Signal::derive(move || page.with(|d| d.ticket.merged_into.is_some()).unwrap_or(true))/>
                <time_spent::TimeSpent/>
                <fields::RequesterInfo/>
            </aside>
        </div>
        <actions::EscalateDialog/>
    }
}

#[component]
fn Description() -> impl IntoView {
    let page = use_page();
    move || {
        page.with(|d| {
            let tk = &d.ticket;
            let body = if tk.description.trim().is_empty() { None } else { Some(tk.description.clone()) };
            view! {
                <article class="description" aria-label=t().description>
                    <header>
                        <strong>{tk.requester.name.clone()}</strong>" "
                        <span class="muted">{tk.requester.email.clone()}</span>
                        <time class="muted" datetime=crate::ui::format::iso(tk.created_at)>{crate::ui::format::datetime(tk.created_at)}</time>
                    </header>
                    {match body {
                        Some(b) => view! { <p class="body">{b}</p> }.into_any(),
                        None => view! { <p class="muted">{t().no_description}</p> }.into_any(),
                    }}
                </article>
            }
        })
    }
}
