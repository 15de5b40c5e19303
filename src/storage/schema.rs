//! The IndexedDB schema: store names, indexes and the numbered migrations between versions.
//!
//! Migrations run in the browser's upgrade transaction. indexed_db_futures 0.6 does not expose
//! that transaction (its issue #66), and without it an index cannot be added to an existing
//! store, so the upgrade is done here with web-sys; the connection is then reopened through
//! indexed_db_futures for normal work.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbFactory, IdbIndexParameters, IdbObjectStoreParameters, IdbOpenDbRequest, IdbTransaction, IdbVersionChangeEvent};

use super::error::{Result, StorageError};

/// The schema version this build writes. Bump it and add a step to `migrate_to`.
pub const SCHEMA_VERSION: u32 = 4;

pub const TICKETS: &str = "tickets";
pub const EVENTS: &str = "events";
pub const ARTICLES: &str = "articles";
pub const REVISIONS: &str = "article_revisions";
pub const SETTINGS: &str = "settings";
pub const META: &str = "meta";
/// The knowledge base's search index as bytes, beside a fingerprint of the articles it holds.
pub const KB_INDEX: &str = "kb_index";
/// What requesters did in the portal (`domain::portal::PortalEvent`), keyed by a counter.
pub const PORTAL_EVENTS: &str = "portal_events";

/// Index names on `tickets`.
pub mod ix {
    pub const STATUS: &str = "status";
    pub const TIER: &str = "tier";
    pub const UPDATED: &str = "updated";
    pub const ASSIGNEE: &str = "assignee";
    pub const OPEN_UPDATED: &str = "open_updated";
    /// On `events`: [ticket, seq].
    pub const EVENT_TICKET: &str = "ticket";
    /// On `events`: ["kind.type", "kind.to", "at"] — latest assignment per agent.
    pub const ASSIGNED: &str = "assigned";
    /// On `articles`.
    pub const ARTICLE_UPDATED: &str = "updated";
    /// On `tickets`, multiEntry over `articles`: the tickets that link an article.
    pub const TICKET_ARTICLES: &str = "articles";
    /// On `portal_events`: epoch milliseconds.
    pub const PORTAL_AT: &str = "at";
}

fn key_path(path: &str) -> JsValue {
    JsValue::from_str(path)
}

fn compound(paths: &[&str]) -> JsValue {
    paths.iter().map(|p| JsValue::from_str(p)).collect::<Array>().into()
}

fn create_store(db: &IdbDatabase, name: &str, key: JsValue) -> std::result::Result<web_sys::IdbObjectStore, JsValue> {
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&key);
    db.create_object_store_with_optional_parameters(name, &params)
}

/// One step: from version `to - 1` to `to`.
fn migrate_to(db: &IdbDatabase, tx: &IdbTransaction, to: u32) -> std::result::Result<(), JsValue> {
    let plain = IdbIndexParameters::new();
    match to {
        1 => {
            let tickets = create_store(db, TICKETS, key_path("id"))?;
            tickets.create_index_with_str_and_optional_parameters(ix::STATUS, "status", &plain)?;
            tickets.create_index_with_str_and_optional_parameters(ix::TIER, "tier", &plain)?;
            tickets.create_index_with_str_and_optional_parameters(ix::UPDATED, "ix_updated", &plain)?;
            let events = create_store(db, EVENTS, key_path("id"))?;
            events.create_index_with_str_sequence_and_optional_parameters(
                ix::EVENT_TICKET,
                &compound(&["ticket", "seq"]),
                &plain,
            )?;
            create_store(db, ARTICLES, key_path("id"))?;
            create_store(db, SETTINGS, key_path("key"))?;
            create_store(db, META, key_path("key"))?;
        }
        2 => {
            // Queues by owner and "open, newest first"; article history.
            let tickets = tx.object_store(TICKETS)?;
            tickets.create_index_with_str_and_optional_parameters(ix::ASSIGNEE, "assignee", &plain)?;
            tickets.create_index_with_str_sequence_and_optional_parameters(
                ix::OPEN_UPDATED,
                &compound(&["ix_open", "ix_updated"]),
                &plain,
            )?;
            let articles = tx.object_store(ARTICLES)?;
            articles.create_index_with_str_and_optional_parameters(ix::ARTICLE_UPDATED, "updated_at", &plain)?;
            create_store(db, REVISIONS, compound(&["article", "rev"]))?;
        }
        3 => {
            // Round-robin assignment asks "when was this agent last given a ticket?". Other
            // kinds with a `to` field land in the index too, but queries start with "assigned".
            let events = tx.object_store(EVENTS)?;
            events.create_index_with_str_sequence_and_optional_parameters(
                ix::ASSIGNED,
                &compound(&["kind.type", "kind.to", "at"]),
                &plain,
            )?;
        }
        4 => {
            // Knowledge base: tickets by linked article (both directions of "answered by"),
            // the stored search index, and the portal's activity log.
            let tickets = tx.object_store(TICKETS)?;
            let multi = IdbIndexParameters::new();
            multi.set_multi_entry(true);
            tickets.create_index_with_str_and_optional_parameters(ix::TICKET_ARTICLES, "articles", &multi)?;
            create_store(db, KB_INDEX, key_path("key"))?;
            let params = IdbObjectStoreParameters::new();
            params.set_auto_increment(true);
            let portal = db.create_object_store_with_optional_parameters(PORTAL_EVENTS, &params)?;
            // Times as epoch milliseconds: RFC 3339 strings with varying fractions sort wrongly.
            portal.create_index_with_str_and_optional_parameters(ix::PORTAL_AT, "ix_at", &plain)?;
        }
        _ => return Err(JsValue::from_str(&format!("no migration to schema version {to}"))),
    }
    Ok(())
}

pub(crate) fn factory() -> Result<IdbFactory> {
    let global = js_sys::global();
    let value = js_sys::Reflect::get(&global, &JsValue::from_str("indexedDB"))
        .map_err(|_| StorageError::Open("this browser has no IndexedDB".into()))?;
    if value.is_undefined() || value.is_null() {
        return Err(StorageError::Open(
            "this browser has no IndexedDB (private browsing may turn it off)".into(),
        ));
    }
    value
        .dyn_into::<IdbFactory>()
        .map_err(|_| StorageError::Open("indexedDB is not usable here".into()))
}

/// Opens `name` at `version`, running the migrations it lacks, then closes that connection.
/// `on_blocked` runs if another tab keeps an older version open; the upgrade then waits.
pub(crate) async fn upgrade(name: &str, version: u32, on_blocked: Rc<dyn Fn()>) -> Result<()> {
    let request: IdbOpenDbRequest = factory()?.open_with_u32(name, version).map_err(|e| StorageError::Open(StorageError::from(e).to_string()))?;
    let failure: Rc<RefCell<Option<String>>> = Rc::new(RefCell::new(None));

    let upgrade_req = request.clone();
    let upgrade_failure = failure.clone();
    let on_upgrade = Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |ev: IdbVersionChangeEvent| {
        let from = ev.old_version() as u32;
        let db: IdbDatabase = match upgrade_req.result() {
            Ok(r) => r.unchecked_into(),
            Err(_) => return,
        };
        let Some(tx) = upgrade_req.transaction() else { return };
        for step in (from + 1)..=version {
            if let Err(e) = migrate_to(&db, &tx, step) {
                *upgrade_failure.borrow_mut() = Some(format!(
                    "upgrading the database to version {step} failed: {}",
                    StorageError::from(e)
                ));
                let _ = tx.abort();
                return;
            }
        }
    });
    let on_blocked_cb = Closure::<dyn FnMut()>::new(move || on_blocked());
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    request.set_onblocked(Some(on_blocked_cb.as_ref().unchecked_ref()));

    let done_req = request.clone();
    let promise = Promise::new(&mut |resolve, reject| {
        let ok_req = done_req.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::UNDEFINED, &ok_req.result().unwrap_or(JsValue::UNDEFINED));
        });
        let err_req = done_req.clone();
        let on_error = Closure::once_into_js(move || {
            let err: JsValue = err_req.error().ok().flatten().map(Into::into).unwrap_or(JsValue::from_str("unknown error"));
            let _ = reject.call1(&JsValue::UNDEFINED, &err);
        });
        done_req.set_onsuccess(Some(on_success.unchecked_ref()));
        done_req.set_onerror(Some(on_error.unchecked_ref()));
    });
    let result = JsFuture::from(promise).await;
    request.set_onupgradeneeded(None);
    request.set_onblocked(None);
    drop(on_upgrade);
    drop(on_blocked_cb);
    match result {
        Ok(db) => {
            if let Ok(db) = db.dyn_into::<IdbDatabase>() {
                db.close();
            }
            Ok(())
        }
        Err(e) => {
            let detail = failure.borrow_mut().take();
            Err(StorageError::Open(detail.unwrap_or_else(|| match StorageError::from(e) {
                StorageError::Browser(m) => m,
                other => other.to_string(),
            })))
        }
    }
}
