//! Many tabs, one desk. A change written in one tab is announced on a BroadcastChannel and the
//! other tabs re-read just those records, so they show it within a second without a reload.
//! Automatic work (escalation, assignment) runs in one tab only: the holder of a Web Lock.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::state::Desk;
use crate::domain::model::TicketId;

/// What another tab changed.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    Tickets { ids: Vec<TicketId> },
    Config,
    /// Anything else (articles, a whole import): re-read everything.
    Everything,
}

thread_local! {
    static CHANNEL: std::cell::RefCell<Option<web_sys::BroadcastChannel>> = const { std::cell::RefCell::new(None) };
}

fn channel_name(desk: &Desk) -> String {
    format!("tierdesk:{}", desk.db().name())
}

/// Tells the other tabs about a change this tab wrote.
pub fn announce(change: &Change) {
    let Ok(text) = serde_json::to_string(change) else { return };
    CHANNEL.with(|c| {
        if let Some(ch) = c.borrow().as_ref() {
            let _ = ch.post_message(&JsValue::from_str(&text));
        }
    });
}

/// Listens for other tabs' changes for as long as the page lives.
pub fn start(desk: Desk) {
    let Ok(channel) = web_sys::BroadcastChannel::new(&channel_name(&desk)) else { return };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let Some(text) = ev.data().as_string() else { return };
        let Ok(change) = serde_json::from_str::<Change>(&text) else { return };
        leptos::task::spawn_local(apply(desk, change));
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    CHANNEL.with(|c| *c.borrow_mut() = Some(channel));
}

async fn apply(desk: Desk, change: Change) {
    let db = desk.db();
    match change {
        Change::Tickets { ids } => {
            if let Ok(rows) = db.rows_by_ids(&ids).await {
                desk.queue.update(|q| {
                    for r in rows {
                        q.upsert(r);
                    }
                });
                desk.revision.update(|r| *r += 1);
            }
        }
        Change::Config => {
            if let Ok(Some(cfg)) = db.load_config().await {
                desk.config.set(cfg);
                desk.revision.update(|r| *r += 1);
            }
        }
        Change::Everything => {
            if let Ok(rows) = db.all_rows().await {
                desk.queue.update(|q| {
                    for r in rows {
                        q.upsert(r);
                    }
                });
            }
            if let Ok(Some(cfg)) = db.load_config().await {
                desk.config.set(cfg);
            }
            desk.revision.update(|r| *r += 1);
        }
    }
}

/// Runs `work` only in the one tab that holds the desk's automation lock (Web Locks API); the
/// lock passes to another tab when this one closes. Browsers without Web Locks run it here.
pub fn as_leader(desk: &Desk, work: impl FnOnce() + 'static) {
    let nav = window().navigator();
    let locks = js_sys::Reflect::get(&nav, &JsValue::from_str("locks")).unwrap_or(JsValue::UNDEFINED);
    let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request")).unwrap_or(JsValue::UNDEFINED);
    let Some(request) = request.dyn_ref::<js_sys::Function>() else {
        work();
        return;
    };
    let mut work = Some(work);
    let granted = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |_lock: JsValue| {
        if let Some(w) = work.take() {
            w();
        }
        // Hold the lock for the life of the page: a promise that never settles.
        js_sys::Promise::new(&mut |_, _| {})
    });
    let name = JsValue::from_str(&format!("tierdesk-automation:{}", desk.db().name()));
    let _ = request.call2(&locks, &name, granted.as_ref().unchecked_ref());
    granted.forget();
}
