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
    NotFound(String),
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
