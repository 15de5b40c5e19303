//! Hash-based routes (`#/tickets/42`). The History API would need the static host to answer
//! every deep path with index.html; a hash works on any host and under any subpath.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::model::TicketId;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A ticket queue (view id, e.g. "all", "mine").
    Queue(String),
    NewTicket,
    Ticket(TicketId),
    Settings,
    /// The knowledge base (agents).
    Kb(KbRoute),
    /// The requester-facing self-service portal (its own layout).
    Portal(super::pages::portal::PortalRoute),
    /// The KPI dashboard.
    Reports,
    /// The incident report of a ticket and everything linked to it.
    IncidentReport(TicketId),
    /// Tiered support against swarming, on simulated tickets.
    CompareReport,
    /// Backup and move: export, import, CSV.
    Backup,
    NotFound(String),
}

/// Knowledge-base pages. Article ids are percent-encoded in the hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KbRoute {
    /// Search and browse.
    List,
    /// Articles to fix: unhelpful and most linked.
    Fix,
    New,
    /// A new draft prefilled from a ticket's resolution (and linked to it when saved).
    NewFromTicket(TicketId),
    Article(String),
    Edit(String),
    /// An earlier revision of an article.
    Revision(String, u32),
}

fn decode(part: &str) -> String {
    js_sys::decode_uri_component(part).map(String::from).unwrap_or_else(|_| part.to_string())
}

fn encode(id: &str) -> String {
    String::from(js_sys::encode_uri_component(id))
}

impl KbRoute {
    fn parse(parts: &[&str]) -> Option<KbRoute> {
        Some(match parts {
            [] => KbRoute::List,
            ["fix"] => KbRoute::Fix,
            ["new"] => KbRoute::New,
            ["new", "from", t] => KbRoute::NewFromTicket(t.parse().ok()?),
            ["a", id] => KbRoute::Article(decode(id)),
            ["a", id, "edit"] => KbRoute::Edit(decode(id)),
            ["a", id, "rev", n] => KbRoute::Revision(decode(id), n.parse().ok()?),
            _ => return None,
        })
    }

    fn href(&self) -> String {
        match self {
            KbRoute::List => "#/kb".into(),
            KbRoute::Fix => "#/kb/fix".into(),
            KbRoute::New => "#/kb/new".into(),
            KbRoute::NewFromTicket(t) => format!("#/kb/new/from/{t}"),
            KbRoute::Article(id) => format!("#/kb/a/{}", encode(id)),
            KbRoute::Edit(id) => format!("#/kb/a/{}/edit", encode(id)),
            KbRoute::Revision(id, n) => format!("#/kb/a/{}/rev/{n}", encode(id)),
        }
    }
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split('?').next().unwrap_or("");
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] | ["tickets"] => Route::Queue("all".into()),
            ["queue", view] => Route::Queue((*view).to_string()),
            ["tickets", "new"] => Route::NewTicket,
            ["tickets", id] => match id.parse::<TicketId>() {
                Ok(id) => Route::Ticket(id),
                Err(_) => Route::NotFound(path.to_string()),
            },
            ["settings"] => Route::Settings,
            ["backup"] => Route::Backup,
            ["reports"] => Route::Reports,
            ["reports", "compare"] => Route::CompareReport,
            ["reports", "incident", id] => id.parse().map(Route::IncidentReport).unwrap_or_else(|_| Route::NotFound(path.to_string())),
            ["kb", rest @ ..] => KbRoute::parse(rest).map(Route::Kb).unwrap_or_else(|| Route::NotFound(path.to_string())),
            ["portal", rest @ ..] => Route::Portal(super::pages::portal::PortalRoute::parse(rest)),
            _ => Route::NotFound(path.to_string()),
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Queue(v) if v == "all" => "#/tickets".into(),
            Route::Queue(v) => format!("#/queue/{v}"),
            Route::NewTicket => "#/tickets/new".into(),
            Route::Ticket(id) => format!("#/tickets/{id}"),
            Route::Settings => "#/settings".into(),
            Route::Backup => "#/backup".into(),
            Route::Reports => "#/reports".into(),
            Route::IncidentReport(id) => format!("#/reports/incident/{id}"),
            Route::CompareReport => "#/reports/compare".into(),
            Route::Kb(k) => k.href(),
            Route::Portal(p) => p.href(),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current route as a signal that follows `hashchange`.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let cb = Closure::<dyn FnMut()>::new(move || set_route.set(Route::parse(&current_hash())));
    let _ = window().add_event_listener_with_callback("hashchange", cb.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    cb.forget();
    route
}

/// Goes to `route` (adds a history entry, so Back works).
pub fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route.href());
}
