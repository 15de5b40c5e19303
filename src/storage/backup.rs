//! Whole-desk reads and writes for backups, in batches but inside ONE transaction each: an
//! export reads a consistent snapshot, and an import is all or nothing (a failure, a cancel,
//! a closed tab or a crashed browser leaves the old data exactly as it was).
//!
//! A transaction commits by itself as soon as the page returns to the event loop with no
//! request pending, so inside one nothing is awaited but IndexedDB requests, and the next
//! request is always issued before the work on the previous batch starts. That is also what
//! lets the browser paint the progress bar and take a click on Cancel between batches.
//! Callers pass synchronous callbacks; they must never await anything else in between.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::Build;
use indexed_db_futures::transaction::TransactionMode;
use js_sys::{Array, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransaction};

use super::error::{Result, StorageError};
use super::records::{corrupt, from_js, keyed, to_js, vec_from_js};
use super::schema::{ix, ARTICLES, EVENTS, META, REVISIONS, SETTINGS, TICKETS};
use super::Db;
use crate::domain::article::{Article, ArticleRevision};
use crate::domain::backup::{Backup, Counts};
use crate::domain::backup_stream::{export_meta, frame, head_json, items_json, sort_articles, sort_events, sort_revisions};
use crate::domain::desk::DeskConfig;
use crate::domain::model::{Event, Ticket, TicketId, Time};
use crate::domain::sla_snapshot::{snapshot_all, SlaSnapshot};

/// Tickets read per batch (with their events, about 13 per ticket in a busy desk).
pub const READ_BATCH: usize = 2_000;
/// Records written per batch; tickets also get their SLA snapshot computed per batch.
const WRITE_BATCH: usize = 4_000;
const TICKET_WRITE_BATCH: usize = 1_000;

const STORES: [&str; 6] = [TICKETS, EVENTS, ARTICLES, REVISIONS, SETTINGS, META];
const RECORD_STORES: [&str; 4] = [TICKETS, EVENTS, ARTICLES, REVISIONS];
const NEXT_TICKET_ID: &str = "next_ticket_id";
const DEMO_SEED: &str = "demo_seed";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Writing,
}

/// Where a long job stands. The callbacks that receive it return `false` to stop the job;
/// nothing is then written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

/// Everything of a desk except tickets and events (which come in batches).
#[derive(Clone, Debug)]
pub struct DeskHead {
    pub config: DeskConfig,
    pub next_ticket_id: TicketId,
    pub demo_seed: Option<u64>,
    /// In canonical order.
    pub articles: Vec<Article>,
    pub revisions: Vec<ArticleRevision>,
    pub ticket_count: usize,
    pub event_count: usize,
}

/// Consecutive tickets (by id) and every event in their id range, in canonical order.
pub struct Batch {
    pub tickets: Vec<Ticket>,
    pub events: Vec<Event>,
}

/// How a write job ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<T> {
    Written(T),
    /// Stopped by the callback; the transaction was aborted, nothing changed.
    Cancelled,
    /// The merge callback refused (with its reason); nothing changed.
    Refused(String),
}

/// Records written by a merge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeWritten {
    pub tickets: usize,
    pub events: usize,
    pub articles: usize,
    pub revisions: usize,
}

/// An export: the file's text in order, and what it holds.
pub struct ExportText {
    /// JS strings; joined they are the file.
    pub pieces: Vec<JsValue>,
    pub counts: Counts,
}

/// Where the SLA snapshots of written tickets come from.
pub enum Snapshots<'a> {
    Given(&'a HashMap<TicketId, SlaSnapshot>),
    /// Computed batch by batch from each ticket's history at `now`.
    At(Time),
}

impl Db {
    /// Reads the whole desk in one read-only transaction, `batch` tickets at a time with their
    /// events. `each` runs while the next batch is being fetched; returning `false` stops
    /// (then `None`).
    pub async fn read_desk(
        &self,
        batch: usize,
        each: &mut dyn FnMut(&DeskHead, Batch, Progress) -> bool,
    ) -> Result<Option<DeskHead>> {
        let tx = self.raw().transaction(STORES).build()?;
        read_in(sys(&tx), batch, each).await
    }

    /// The desk as backup text: exactly the bytes of `backup::to_json` for the same data,
    /// as JS strings of a few megabytes each (for a Blob), never as one string. `None` when
    /// stopped.
    pub async fn export_text(&self, exported_at: Time, on: &mut dyn FnMut(Progress) -> bool) -> Result<Option<ExportText>> {
        let (mut tickets, mut events) = (vec![], vec![]);
        let mut counts = Counts::default();
        let mut max_id: Option<TicketId> = None;
        let mut each = |_: &DeskHead, b: Batch, p: Progress| {
            counts.tickets += b.tickets.len() as u64;
            counts.events += b.events.len() as u64;
            max_id = b.tickets.last().map(|t| t.id).or(max_id);
            tickets.extend(items_json(&b.tickets).map(|s| JsValue::from_str(&s)));
            events.extend(items_json(&b.events).map(|s| JsValue::from_str(&s)));
            on(p)
        };
        let Some(head) = self.read_desk(READ_BATCH, &mut each).await? else {
            return Ok(None);
        };
        counts.articles = head.articles.len() as u64;
        counts.article_revisions = head.revisions.len() as u64;
        let meta = export_meta(head.next_ticket_id, head.demo_seed, max_id);
        let text = |s: &str| JsValue::from_str(s);
        let lists = [
            tickets,
            events,
            items_json(&head.articles).map(|s| text(&s)).into_iter().collect(),
            items_json(&head.revisions).map(|s| text(&s)).into_iter().collect(),
        ];
        let pieces = frame(text(&head_json(exported_at, &counts, &meta, &head.config)), lists, text);
        Ok(Some(ExportText { pieces, counts }))
    }

    /// The whole desk as one backup (for an import preview), read as [`Db::read_desk`] does.
    pub async fn load_backup(&self, exported_at: Time, on: &mut dyn FnMut(Progress) -> bool) -> Result<Option<Backup>> {
        let tx = self.raw().transaction(STORES).build()?;
        collect(sys(&tx), exported_at, on).await
    }

    /// Replaces the desk's tickets, events, articles, revisions, settings and ticket counter
    /// with the backup's, in one transaction. What is kept: this browser's own entries
    /// (who works here, saved views, the demo clock).
    pub async fn replace_desk(
        &self,
        backup: &Backup,
        snapshots: Snapshots<'_>,
        on: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<Outcome<()>> {
        let tx = self.raw().transaction(STORES).with_mode(TransactionMode::Readwrite).build()?;
        let t = sys(&tx);
        for name in RECORD_STORES {
            t.object_store(name)?.clear()?;
        }
        let mut w = Writer::new(t, true, backup.tickets.len() + backup.events.len() + backup.articles.len() + backup.article_revisions.len());
        t.object_store(SETTINGS)?.put(&keyed("config", &backup.config)?)?;
        put_meta(t, backup, true)?;
        let all: Vec<&Ticket> = backup.tickets.iter().collect();
        let by_ticket = backup.events_by_ticket();
        if !write_tickets(&mut w, &all, &by_ticket, &backup.config, &snapshots, on).await?
            || !write_records(&mut w, EVENTS, &backup.events.iter().collect::<Vec<_>>(), on).await?
            || !write_records(&mut w, ARTICLES, &backup.articles.iter().collect::<Vec<_>>(), on).await?
            || !write_records(&mut w, REVISIONS, &backup.article_revisions.iter().collect::<Vec<_>>(), on).await?
        {
            return Ok(Outcome::Cancelled);
        }
        w.finish().await?;
        tx.commit().await?;
        Ok(Outcome::Written(()))
    }

    /// Merges into the desk inside one read-write transaction: reads the desk as it is now
    /// (nobody can change it meanwhile), lets `merge` compute the result from it (or refuse),
    /// and writes only the records that differ, with fresh SLA snapshots at `now`.
    pub async fn merge_desk(
        &self,
        now: Time,
        merge: &mut dyn FnMut(&Backup) -> std::result::Result<Backup, String>,
        on: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<Outcome<MergeWritten>> {
        let tx = self.raw().transaction(STORES).with_mode(TransactionMode::Readwrite).build()?;
        let t = sys(&tx);
        let Some(current) = collect(t, now, on).await? else {
            return Ok(Outcome::Cancelled);
        };
        let merged = match merge(&current) {
            Ok(m) => m,
            Err(reason) => return Ok(Outcome::Refused(reason)),
        };
        let d = diff(&current, &merged);
        let written = MergeWritten {
            tickets: d.tickets.len(),
            events: d.events.len(),
            articles: d.articles.len(),
            revisions: d.revisions.len(),
        };
        drop(current);
        let mut w = Writer::new(t, false, d.tickets.len() + d.events.len() + d.articles.len() + d.revisions.len());
        for id in &d.gone_tickets {
            t.object_store(TICKETS)?.delete(&JsValue::from_f64(*id as f64))?;
        }
        for id in &d.gone_events {
            t.object_store(EVENTS)?.delete(&JsValue::from_str(id))?;
        }
        if d.config {
            t.object_store(SETTINGS)?.put(&keyed("config", &merged.config)?)?;
        }
        put_meta(t, &merged, false)?;
        let by_ticket = merged.events_by_ticket();
        let snaps = Snapshots::At(now);
        if !write_tickets(&mut w, &d.tickets, &by_ticket, &merged.config, &snaps, on).await?
            || !write_records(&mut w, EVENTS, &d.events, on).await?
            || !write_records(&mut w, ARTICLES, &d.articles, on).await?
            || !write_records(&mut w, REVISIONS, &d.revisions, on).await?
        {
            return Ok(Outcome::Cancelled);
        }
        w.finish().await?;
        tx.commit().await?;
        Ok(Outcome::Written(written))
    }
}

fn sys<'a>(tx: &'a indexed_db_futures::transaction::Transaction<'_>) -> &'a IdbTransaction {
    tx.as_sys().unchecked_ref()
}

/// Waits for one request. Runs on in the success event's microtasks, so the transaction is
/// still active afterwards.
async fn wait(tx: &IdbTransaction, req: &IdbRequest) -> Result<JsValue> {
    let state = Reflect::get(req, &JsValue::from_str("readyState")).ok().and_then(|v| v.as_string());
    if state.as_deref() != Some("done") {
        // Success or error, either way the request is done: its state says which.
        let mut handlers: Vec<Closure<dyn FnMut()>> = vec![];
        let promise = Promise::new(&mut |resolve, _reject| {
            let again = resolve.clone();
            let ok: Closure<dyn FnMut()> = Closure::once(move || {
                let _ = resolve.call0(&JsValue::UNDEFINED);
            });
            let err: Closure<dyn FnMut()> = Closure::once(move || {
                let _ = again.call0(&JsValue::UNDEFINED);
            });
            req.set_onsuccess(Some(ok.as_ref().unchecked_ref()));
            req.set_onerror(Some(err.as_ref().unchecked_ref()));
            handlers.push(ok);
            handlers.push(err);
        });
        let _ = JsFuture::from(promise).await;
        req.set_onsuccess(None);
        req.set_onerror(None);
        drop(handlers);
    }
    match req.error() {
        Ok(None) => Ok(req.result()?),
        // The transaction's own error names the first cause (e.g. the quota), not "aborted".
        Ok(Some(e)) => Err(tx.error().map(JsValue::from).unwrap_or(e.into()).into()),
        Err(e) => Err(tx.error().map(JsValue::from).unwrap_or(e).into()),
    }
}

/// The events of tickets `from..until` (`None` = unbounded) through the [ticket, seq] index.
fn events_between(events: &IdbObjectStore, from: Option<f64>, until: Option<f64>) -> Result<IdbRequest> {
    let key = |id: f64, seq: f64| -> JsValue { Array::of2(&JsValue::from_f64(id), &JsValue::from_f64(seq)).into() };
    let lower = key(from.unwrap_or(f64::NEG_INFINITY), f64::NEG_INFINITY);
    let range = match until {
        Some(u) => IdbKeyRange::bound_with_lower_open_and_upper_open(&lower, &key(u, f64::NEG_INFINITY), false, true)?,
        None => IdbKeyRange::lower_bound(&lower)?,
    };
    Ok(events.index(ix::EVENT_TICKET)?.get_all_with_key(&range)?)
}

async fn read_in(
    t: &IdbTransaction,
    batch: usize,
    each: &mut dyn FnMut(&DeskHead, Batch, Progress) -> bool,
) -> Result<Option<DeskHead>> {
    let tickets = t.object_store(TICKETS)?;
    let events = t.object_store(EVENTS)?;
    let meta = t.object_store(META)?;
    // The small things, all asked for at once.
    let keys = tickets.get_all_keys()?;
    let n_events = events.count()?;
    let config = t.object_store(SETTINGS)?.get(&JsValue::from_str("config"))?;
    let next = meta.get(&JsValue::from_str(NEXT_TICKET_ID))?;
    let seed = meta.get(&JsValue::from_str(DEMO_SEED))?;
    let articles = t.object_store(ARTICLES)?.get_all()?;
    let revisions = t.object_store(REVISIONS)?.get_all()?;

    let keys: Array = wait(t, &keys).await?.unchecked_into();
    let ids = keys
        .iter()
        .map(|k| k.as_f64().ok_or_else(|| corrupt("a ticket key", "it is not a number")))
        .collect::<Result<Vec<f64>>>()?;
    let event_count = wait(t, &n_events).await?.as_f64().unwrap_or(0.0) as usize;
    let config = wait(t, &config).await?;
    if config.is_undefined() {
        return Err(StorageError::NotFound("the desk settings".into()));
    }
    let value = |rec: JsValue| -> JsValue { Reflect::get(&rec, &JsValue::from_str("value")).unwrap_or(JsValue::UNDEFINED) };
    let config: DeskConfig = from_js(&value(config), "the desk settings")?;
    let next = value(wait(t, &next).await?);
    let next_ticket_id: TicketId = if next.is_undefined() { 1 } else { from_js(&next, NEXT_TICKET_ID)? };
    let seed = value(wait(t, &seed).await?);
    let demo_seed: Option<u64> = if seed.is_undefined() { None } else { from_js(&seed, DEMO_SEED)? };
    let mut articles: Vec<Article> = vec_from_js(&wait(t, &articles).await?, "articles")?;
    sort_articles(&mut articles);
    let mut revisions: Vec<ArticleRevision> = vec_from_js(&wait(t, &revisions).await?, "article revisions")?;
    sort_revisions(&mut revisions);
    let head = DeskHead { config, next_ticket_id, demo_seed, articles, revisions, ticket_count: ids.len(), event_count };

    // Batch k holds tickets ids[k*batch..] and every event from its first id (or -inf) up to
    // the next batch's first id (or +inf): no event is left out, even one of a missing ticket.
    let batch = batch.max(1);
    let chunks: Vec<&[f64]> = if ids.is_empty() { vec![&[]] } else { ids.chunks(batch).collect() };
    let issue = |k: usize| -> Result<(Option<IdbRequest>, IdbRequest)> {
        let c = chunks[k];
        let from = if k == 0 { None } else { c.first().copied() };
        let until = chunks.get(k + 1).and_then(|n| n.first().copied());
        let treq = match (c.first(), c.last()) {
            (Some(a), Some(b)) => {
                let range = IdbKeyRange::bound(&JsValue::from_f64(*a), &JsValue::from_f64(*b))?;
                Some(tickets.get_all_with_key(&range)?)
            }
            _ => None,
        };
        Ok((treq, events_between(&events, from, until)?))
    };
    let mut pending = Some(issue(0)?);
    let (mut k, mut done, mut events_seen) = (0, 0, 0);
    while let Some((treq, ereq)) = pending.take() {
        let tjs = match treq {
            Some(r) => wait(t, &r).await?,
            None => Array::new().into(),
        };
        let ejs = wait(t, &ereq).await?;
        if k + 1 < chunks.len() {
            pending = Some(issue(k + 1)?);
        }
        let tickets: Vec<Ticket> = vec_from_js(&tjs, "tickets")?;
        let mut evs: Vec<Event> = vec_from_js(&ejs, "events")?;
        sort_events(&mut evs);
        done += tickets.len();
        events_seen += evs.len();
        let progress = Progress { stage: Stage::Reading, done, total: head.ticket_count };
        if !each(&head, Batch { tickets, events: evs }, progress) {
            return Ok(None);
        }
        k += 1;
    }
    if events_seen != head.event_count {
        return Err(corrupt(
            "the events",
            &format!("{} events are stored but {events_seen} were found through their tickets; nothing was exported", head.event_count),
        ));
    }
    Ok(Some(head))
}

/// The whole desk read into one normalized backup.
async fn collect(t: &IdbTransaction, exported_at: Time, on: &mut dyn FnMut(Progress) -> bool) -> Result<Option<Backup>> {
    let (mut tickets, mut events) = (vec![], vec![]);
    let mut each = |_: &DeskHead, b: Batch, p: Progress| {
        tickets.extend(b.tickets);
        events.extend(b.events);
        on(p)
    };
    let Some(head) = read_in(t, READ_BATCH, &mut each).await? else {
        return Ok(None);
    };
    let mut b = Backup::new(exported_at, head.config, tickets, events, head.articles, head.revisions, head.next_ticket_id);
    b.meta.demo_seed = head.demo_seed;
    Ok(Some(b))
}

/// `next_ticket_id`, and on a replace `demo_seed` too (a merge keeps the desk's).
fn put_meta(t: &IdbTransaction, b: &Backup, replace: bool) -> Result<()> {
    let meta = t.object_store(META)?;
    meta.put(&keyed(NEXT_TICKET_ID, &b.meta.next_ticket_id)?)?;
    match b.meta.demo_seed {
        Some(seed) if replace => {
            meta.put(&keyed(DEMO_SEED, &seed)?)?;
        }
        None if replace => {
            meta.delete(&JsValue::from_str(DEMO_SEED))?;
        }
        _ => {}
    }
    Ok(())
}

/// Puts records and keeps one batch in flight while the next is converted.
struct Writer<'a> {
    t: &'a IdbTransaction,
    add: bool,
    last: Option<IdbRequest>,
    in_flight: VecDeque<IdbRequest>,
    done: usize,
    total: usize,
}

impl<'a> Writer<'a> {
    fn new(t: &'a IdbTransaction, add: bool, total: usize) -> Self {
        Writer { t, add, last: None, in_flight: VecDeque::new(), done: 0, total }
    }

    fn put_array(&mut self, store: &str, values: &JsValue, n: usize) -> Result<()> {
        let s = self.t.object_store(store)?;
        let array: &Array = values.unchecked_ref();
        for v in array.iter() {
            // Into emptied stores `add`: a key given twice is an error that undoes everything.
            self.last = Some(if self.add { s.add(&v)? } else { s.put(&v)? });
        }
        self.done += n;
        Ok(())
    }

    /// Ends a batch: waits for the one before it, reports progress (false = stop).
    async fn flush(&mut self, on: &mut dyn FnMut(Progress) -> bool) -> Result<bool> {
        if let Some(r) = self.last.take() {
            self.in_flight.push_back(r);
        }
        while self.in_flight.len() > 1 {
            if let Some(r) = self.in_flight.pop_front() {
                wait(self.t, &r).await?;
            }
        }
        Ok(on(Progress { stage: Stage::Writing, done: self.done, total: self.total }))
    }

    async fn finish(&mut self) -> Result<()> {
        if let Some(r) = self.last.take() {
            self.in_flight.push_back(r);
        }
        while let Some(r) = self.in_flight.pop_front() {
            wait(self.t, &r).await?;
        }
        Ok(())
    }
}

/// A ticket as stored: the ticket plus the index fields `records::ticket_to_js` adds.
#[derive(Serialize)]
struct StoredTicket<'a> {
    #[serde(flatten)]
    ticket: &'a Ticket,
    #[serde(skip_serializing_if = "Option::is_none")]
    ix_sla: Option<&'a SlaSnapshot>,
    ix_updated: i64,
    ix_open: u8,
}

async fn write_tickets(
    w: &mut Writer<'_>,
    tickets: &[&Ticket],
    by_ticket: &BTreeMap<TicketId, &[Event]>,
    cfg: &DeskConfig,
    snapshots: &Snapshots<'_>,
    on: &mut dyn FnMut(Progress) -> bool,
) -> Result<bool> {
    for chunk in tickets.chunks(TICKET_WRITE_BATCH) {
        let computed;
        let snaps: &HashMap<TicketId, SlaSnapshot> = match snapshots {
            Snapshots::Given(s) => s,
            Snapshots::At(now) => {
                let owned: Vec<Ticket> = chunk.iter().map(|t| (*t).clone()).collect();
                let history: Vec<Event> =
                    chunk.iter().flat_map(|t| by_ticket.get(&t.id).copied().unwrap_or(&[]).iter().cloned()).collect();
                computed = snapshot_all(cfg, &owned, &history, *now);
                &computed
            }
        };
        let stored: Vec<StoredTicket> = chunk
            .iter()
            .map(|t| StoredTicket {
                ticket: t,
                ix_sla: snaps.get(&t.id),
                ix_updated: t.updated_at.timestamp_millis(),
                ix_open: u8::from(t.status.is_open()),
            })
            .collect();
        w.put_array(TICKETS, &to_js(&stored)?, chunk.len())?;
        if !w.flush(on).await? {
            return Ok(false);
        }
    }
    Ok(true)
}

async fn write_records<T: Serialize>(
    w: &mut Writer<'_>,
    store: &str,
    records: &[&T],
    on: &mut dyn FnMut(Progress) -> bool,
) -> Result<bool> {
    for chunk in records.chunks(WRITE_BATCH) {
        w.put_array(store, &to_js(&chunk)?, chunk.len())?;
        if !w.flush(on).await? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// What a merge changes: records that differ from the desk's (or are new), and any the
/// result no longer has.
struct Diff<'a> {
    tickets: Vec<&'a Ticket>,
    events: Vec<&'a Event>,
    articles: Vec<&'a Article>,
    revisions: Vec<&'a ArticleRevision>,
    config: bool,
    gone_tickets: Vec<TicketId>,
    gone_events: Vec<String>,
}

fn diff<'a>(current: &Backup, merged: &'a Backup) -> Diff<'a> {
    let cur_t: HashMap<TicketId, &Ticket> = current.tickets.iter().map(|t| (t.id, t)).collect();
    let cur_e: HashMap<&str, &Event> = current.events.iter().map(|e| (e.id.as_str(), e)).collect();
    let events: Vec<&Event> = merged.events.iter().filter(|e| cur_e.get(e.id.as_str()) != Some(e)).collect();
    // A ticket whose history changed gets a new snapshot even if the ticket itself did not.
    let touched: HashSet<TicketId> = events.iter().map(|e| e.ticket).collect();
    let tickets = merged
        .tickets
        .iter()
        .filter(|t| cur_t.get(&t.id) != Some(t) || touched.contains(&t.id))
        .collect();
    let cur_a: HashMap<&str, &Article> = current.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let cur_r: HashMap<(&str, u32), &ArticleRevision> =
        current.article_revisions.iter().map(|r| ((r.article.as_str(), r.rev), r)).collect();
    let m_t: HashSet<TicketId> = merged.tickets.iter().map(|t| t.id).collect();
    let m_e: HashSet<&str> = merged.events.iter().map(|e| e.id.as_str()).collect();
    Diff {
        tickets,
        events,
        articles: merged.articles.iter().filter(|a| cur_a.get(a.id.as_str()) != Some(a)).collect(),
        revisions: merged
            .article_revisions
            .iter()
            .filter(|r| cur_r.get(&(r.article.as_str(), r.rev)) != Some(r))
            .collect(),
        config: current.config != merged.config,
        gone_tickets: current.tickets.iter().map(|t| t.id).filter(|id| !m_t.contains(id)).collect(),
        gone_events: current.events.iter().filter(|e| !m_e.contains(e.id.as_str())).map(|e| e.id.clone()).collect(),
    }
}
