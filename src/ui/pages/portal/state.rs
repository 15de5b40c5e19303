//! The portal's state for one visit: what the requester is writing, which ticket they proved
//! is theirs, what they read and voted on, and the portal events recorded for reports.
//!
//! A visit starts when the portal opens and ends when the requester leaves it (the agent
//! pages, the tab closing) or, at a kiosk, after ten untouched minutes; then the next person
//! starts with an empty portal. Deflections are recorded when a visit's request is left
//! after reading a suggested article (see `domain::self_service::deflection`).

use leptos::prelude::*;

use super::library::Library;
use super::{go, PortalRoute};
use crate::domain::model::{TicketId, Time};
use crate::domain::portal::{PortalEvent, PortalEventKind};
use crate::domain::self_service::catalog_form::Request;
use crate::domain::self_service::deflection::{kiosk_idle_limit, Visit};
use crate::ui::kiosk::Kiosk;
use crate::ui::state::Desk;

/// A request being written, kept while the requester reads suggested articles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// The catalog item the answers belong to.
    pub item: String,
    pub req: Request,
}

/// A ticket the requester looked up with the right reference and e-mail or name.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    pub id: TicketId,
    pub who: String,
}

#[derive(Clone, Copy)]
pub struct Portal {
    pub desk: Desk,
    pub library: Library,
    session: RwSignal<String>,
    visit: StoredValue<Visit>,
    pub draft: RwSignal<Draft>,
    pub verified: RwSignal<Option<Verified>>,
    /// The ticket just sent, for the confirmation page.
    pub sent: RwSignal<Option<Verified>>,
    pub query: RwSignal<String>,
    /// Articles voted on in this visit.
    pub voted: RwSignal<Vec<(String, bool)>>,
    viewed: StoredValue<Vec<String>>,
    last_activity: StoredValue<Time>,
    idle_reset: StoredValue<bool>,
}

pub fn use_portal() -> Portal {
    expect_context::<Portal>()
}

fn new_session() -> String {
    let part = || (js_sys::Math::random() * 4_294_967_296.0) as u32;
    format!("v{:08x}{:08x}", part(), part())
}

/// Where events of a visit that ended with the tab are kept until the next start: writing
/// to IndexedDB while the page unloads is not reliable, localStorage is synchronous.
fn pending_key(desk: &Desk) -> String {
    format!("tierdesk.portal.pending:{}", desk.db().name())
}

fn local() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

async fn store(desk: Desk, e: PortalEvent) {
    // Reports lose one event at worst; the requester is never bothered with it.
    let _ = desk.db().add_portal_event(&e).await;
}

/// Records the events of visits that ended when their tab closed. Called at start.
pub fn flush_pending(desk: Desk) {
    let key = pending_key(&desk);
    let Some(s) = local() else { return };
    let Some(json) = s.get_item(&key).ok().flatten() else { return };
    let _ = s.remove_item(&key);
    let events: Vec<PortalEvent> = serde_json::from_str(&json).unwrap_or_default();
    if events.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        let _ = desk.db().add_portal_events(&events).await;
    });
}

impl Portal {
    /// Opens a visit and provides it as context; ends it when the portal is left.
    pub fn start(desk: Desk, kiosk: Kiosk) -> Portal {
        let p = Portal {
            desk,
            library: Library::new(),
            session: RwSignal::new(new_session()),
            visit: StoredValue::new(Visit::new()),
            draft: RwSignal::new(Draft::default()),
            verified: RwSignal::new(None),
            sent: RwSignal::new(None),
            query: RwSignal::new(String::new()),
            voted: RwSignal::new(vec![]),
            viewed: StoredValue::new(vec![]),
            last_activity: StoredValue::new(desk.now.get_untracked()),
            idle_reset: StoredValue::new(false),
        };
        provide_context(p);
        let touch = move |_| {
            p.last_activity.set_value(desk.now.get_untracked());
            p.idle_reset.set_value(false);
        };
        let handles = [
            window_event_listener_untyped("pointerdown", touch),
            window_event_listener_untyped("keydown", touch),
            window_event_listener_untyped("input", touch),
            window_event_listener_untyped("pagehide", move |_| p.tab_closing()),
            // Back from the browser's page cache: what the closing kept is recorded now.
            window_event_listener_untyped("pageshow", move |_| flush_pending(desk)),
        ];
        // A kiosk left alone for ten minutes is ready for the next person.
        Effect::new(move |_| {
            let now = desk.now.get();
            if kiosk.active() && !p.idle_reset.get_value() && now - p.last_activity.get_value() >= kiosk_idle_limit() {
                p.idle_reset.set_value(true);
                p.reset();
            }
        });
        on_cleanup(move || {
            for h in handles {
                h.remove();
            }
            p.leave();
        });
        p
    }

    /// Records one portal event of this visit.
    pub fn record(&self, kind: PortalEventKind) {
        let e = PortalEvent { at: self.desk.now.get_untracked(), session: self.session.get_untracked(), kind };
        leptos::task::spawn_local(store(self.desk, e));
    }

    /// The requester opened an article from the suggestions of their request.
    pub fn opened_suggestion(&self, article: &str) {
        let subject = self.draft.with_untracked(|d| d.req.subject.clone());
        self.visit.update_value(|v| v.opened_suggestion(article, &subject));
    }

    /// Whether an opened suggestion waits for the requester's decision.
    pub fn reading_suggestion(&self) -> bool {
        self.visit.with_value(|v| v.pending().is_some())
    }

    pub fn submitted(&self, id: TicketId, who: String) {
        self.visit.update_value(Visit::submitted);
        self.record(PortalEventKind::TicketSubmitted { ticket: id });
        self.draft.set(Draft::default());
        self.sent.set(Some(Verified { id, who }));
    }

    /// The requester left what they were doing: a read suggestion counts as a deflection.
    pub fn leave(&self) {
        let left = self.visit.try_update_value(|v| v.left()).flatten();
        if let Some(d) = left {
            self.record(PortalEventKind::Deflected { article: d.article });
            self.draft.set(Draft::default());
        }
    }

    /// Back on the home page: what the requester was doing is over, and a ticket shown or
    /// just sent is not left for the next person at a shared screen.
    pub fn home(&self) {
        self.leave();
        self.sent.set(None);
        self.verified.set(None);
    }

    fn tab_closing(&self) {
        let Some(d) = self.visit.try_update_value(|v| v.left()).flatten() else { return };
        let e = PortalEvent {
            at: self.desk.now.get_untracked(),
            session: self.session.get_untracked(),
            kind: PortalEventKind::Deflected { article: d.article },
        };
        let Some(s) = local() else { return };
        let key = pending_key(&self.desk);
        let mut all: Vec<PortalEvent> = s.get_item(&key).ok().flatten().and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default();
        all.push(e);
        if let Ok(json) = serde_json::to_string(&all) {
            let _ = s.set_item(&key, &json);
        }
    }

    /// Ends the visit and starts a fresh one on the home page (kiosk, after being idle).
    pub fn reset(&self) {
        self.leave();
        self.session.set(new_session());
        self.visit.set_value(Visit::new());
        self.draft.set(Draft::default());
        self.verified.set(None);
        self.sent.set(None);
        self.query.set(String::new());
        self.voted.set(vec![]);
        self.viewed.set_value(vec![]);
        go(&PortalRoute::Home);
    }

    /// Counts a reading of an article, once per visit.
    pub fn viewed(&self, id: &str) {
        if self.viewed.with_value(|v| v.iter().any(|x| x == id)) {
            return;
        }
        self.viewed.update_value(|v| v.push(id.to_string()));
        self.record(PortalEventKind::ArticleViewed { article: id.to_string() });
        self.library.record_view(id.to_string());
    }

    /// "Was this helpful?", once per article and visit.
    pub fn vote(&self, id: &str, yes: bool) {
        if self.voted.with_untracked(|v| v.iter().any(|(x, _)| x == id)) {
            return;
        }
        self.voted.update(|v| v.push((id.to_string(), yes)));
        self.record(PortalEventKind::Helpful { article: id.to_string(), yes });
        self.library.record_vote(id.to_string(), yes);
    }

    /// Records a search the requester settled on (not every keystroke).
    pub fn searched(&self, query: &str) {
        let q = query.trim();
        if !q.is_empty() {
            self.record(PortalEventKind::Search { query: q.to_string() });
        }
    }
}
