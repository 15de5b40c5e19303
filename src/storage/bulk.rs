//! Whole-desk writes: first-run demo data and "replace everything" imports. One transaction
//! over every store, so a failure (or a closed tab) leaves the old data as it was.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::internals::SystemRepr;
use wasm_bindgen::{JsCast, JsValue};

use super::error::Result;
use super::records::{event_to_js, keyed, ticket_to_js, to_js};
use super::schema::{ARTICLES, EVENTS, META, REVISIONS, SETTINGS, TICKETS};
use super::backup::Snapshots;
use super::Db;
use std::collections::HashMap;

use crate::domain::backup::Backup;
use crate::domain::model::TicketId;
use crate::domain::sla_snapshot::SlaSnapshot;

const ALL_STORES: [&str; 6] = [TICKETS, EVENTS, ARTICLES, REVISIONS, SETTINGS, META];

/// Every record of a backup as JS values, computed before the transaction opens.
struct Prepared {
    tickets: Vec<JsValue>,
    events: Vec<JsValue>,
    articles: Vec<JsValue>,
    revisions: Vec<JsValue>,
    config: JsValue,
    next_ticket_id: JsValue,
    /// Kept so that an export of the first-run demo desk says it is demo data.
    demo_seed: Option<JsValue>,
}

fn prepare(b: &Backup, sla: &HashMap<TicketId, SlaSnapshot>) -> Result<Prepared> {
    Ok(Prepared {
        tickets: b.tickets.iter().map(|t| ticket_to_js(t, sla.get(&t.id))).collect::<Result<_>>()?,
        events: b.events.iter().map(event_to_js).collect::<Result<_>>()?,
        articles: b.articles.iter().map(to_js).collect::<Result<_>>()?,
        revisions: b.article_revisions.iter().map(to_js).collect::<Result<_>>()?,
        config: keyed("config", &b.config)?,
        next_ticket_id: keyed("next_ticket_id", &b.meta.next_ticket_id)?,
        demo_seed: b.meta.demo_seed.map(|s| keyed("demo_seed", &s)).transpose()?,
    })
}

impl Db {
    /// Writes `backup` only if the desk has no configuration yet (first run). Returns whether
    /// it wrote. Checked inside the same transaction, so two tabs never both seed.
    pub async fn seed_if_empty(&self, backup: &Backup, sla: &HashMap<TicketId, SlaSnapshot>) -> Result<bool> {
        let p = prepare(backup, sla)?;
        let tx = self
            .raw()
            .transaction(ALL_STORES)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let settings = tx.object_store(SETTINGS)?;
        let existing: Option<JsValue> = settings.get("config").primitive()?.await?;
        if existing.is_some() {
            return Ok(false);
        }
        write_all(&tx, p)?;
        tx.commit().await?;
        Ok(true)
    }

    /// Replaces every record with the backup's, all or nothing (see `backup::replace_desk`,
    /// which does it in batches with progress; this browser's own settings stay).
    pub async fn replace_all(&self, backup: &Backup, sla: &HashMap<TicketId, SlaSnapshot>) -> Result<()> {
        self.replace_desk(backup, Snapshots::Given(sla), &mut |_| true).await.map(|_| ())
    }
}

fn write_all(tx: &indexed_db_futures::transaction::Transaction<'_>, p: Prepared) -> Result<()> {
    // Plain web-sys requests: a future per record made a 100k-ticket seed take minutes, and
    // the transaction's commit reports any failed put anyway.
    let t: &web_sys::IdbTransaction = tx.as_sys().unchecked_ref();
    let put_all = |store: &str, values: Vec<JsValue>| -> Result<()> {
        let s = t.object_store(store)?;
        for v in values {
            s.put(&v)?;
        }
        Ok(())
    };
    put_all(TICKETS, p.tickets)?;
    put_all(EVENTS, p.events)?;
    put_all(ARTICLES, p.articles)?;
    put_all(REVISIONS, p.revisions)?;
    put_all(SETTINGS, vec![p.config])?;
    put_all(META, std::iter::once(p.next_ticket_id).chain(p.demo_seed).collect())?;
    Ok(())
}
