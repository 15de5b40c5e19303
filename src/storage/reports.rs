//! Reading for reports: tickets with their histories a chunk at a time, in ticket-number
//! order, so a report over 100,000 tickets can yield to the browser between chunks.
//!
//! One chunk is two requests in one read transaction: `getAll` on the tickets for the next id
//! range (with a limit), then `getAll` on the events' `[ticket, seq]` index for the same id
//! range. Tickets the caller does not need (`keep` says no) are still read, but their events
//! are dropped before decoding, which is most of the cost.

use std::collections::HashSet;

use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyRange;
use js_sys::{Array, Reflect};
use wasm_bindgen::JsValue;

use super::error::Result;
use super::records::vec_from_js;
use super::schema::{ix, EVENTS, TICKETS};
use super::Db;
use crate::domain::model::{Event, Ticket, TicketId};

/// One chunk of tickets in number order.
pub struct ReportChunk {
    /// The kept tickets, each with its whole history in history order.
    pub tickets: Vec<(Ticket, Vec<Event>)>,
    /// How many tickets were read (kept or not).
    pub read: usize,
    /// The last number read: the next chunk starts after it. `None` when nothing was left.
    pub last: Option<TicketId>,
}

fn num(x: TicketId) -> JsValue {
    JsValue::from_f64(x as f64)
}

impl Db {
    /// Up to `limit` tickets numbered above `after` (0 for the start), with the histories of
    /// those `keep` accepts.
    pub async fn report_chunk(&self, after: TicketId, limit: u32, keep: impl Fn(&Ticket) -> bool) -> Result<ReportChunk> {
        let tx = self.raw().transaction([TICKETS, EVENTS]).build()?;
        let store = tx.object_store(TICKETS)?;
        let list = store
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(KeyRange::LowerBound(num(after), true))
            .with_limit(limit.max(1))
            .primitive()?
            .await?;
        let array: Array = list.collect::<std::result::Result<Array, _>>()?;
        let tickets: Vec<Ticket> = vec_from_js(&array.into(), "tickets")?;
        let read = tickets.len();
        let (Some(first), Some(last)) = (tickets.first().map(|t| t.id), tickets.last().map(|t| t.id)) else {
            return Ok(ReportChunk { tickets: vec![], read: 0, last: None });
        };
        let kept: Vec<Ticket> = tickets.into_iter().filter(|t| keep(t)).collect();
        if kept.is_empty() {
            return Ok(ReportChunk { tickets: vec![], read, last: Some(last) });
        }
        let wanted: HashSet<TicketId> = kept.iter().map(|t| t.id).collect();

        let events_store = tx.object_store(EVENTS)?;
        let index = events_store.index(ix::EVENT_TICKET)?;
        let lower: JsValue = Array::of2(&num(first), &JsValue::from_f64(f64::NEG_INFINITY)).into();
        let upper: JsValue = Array::of2(&num(last), &JsValue::from_f64(f64::INFINITY)).into();
        let list = index
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(KeyRange::Bound(lower, false, upper, false))
            .primitive()?
            .await?;
        // Only the kept tickets' events are decoded.
        let key = JsValue::from_str("ticket");
        let filtered = Array::new();
        for value in list {
            let value = value?;
            let owner = Reflect::get(&value, &key)?.as_f64().map(|x| x as TicketId);
            if owner.is_some_and(|id| wanted.contains(&id)) {
                filtered.push(&value);
            }
        }
        let events: Vec<Event> = vec_from_js(&filtered.into(), "events")?;
        Ok(ReportChunk { tickets: group(kept, events), read, last: Some(last) })
    }

    /// Article titles by id, for the incident report (unknown ids are left out).
    pub async fn article_titles(&self, ids: &[String]) -> Result<Vec<(String, String)>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(a) = self.get_article(id).await? {
                out.push((a.id, a.title));
            }
        }
        Ok(out)
    }
}

/// Pairs each ticket with its events. The index returns them by `[ticket, seq]`; they are
/// sorted again (by seq, then time) so that any stored order works.
fn group(tickets: Vec<Ticket>, mut events: Vec<Event>) -> Vec<(Ticket, Vec<Event>)> {
    events.sort_by_key(|e| (e.ticket, e.seq, e.at));
    let mut rest = events.into_iter().peekable();
    let mut out = Vec::with_capacity(tickets.len());
    for t in tickets {
        // Events of tickets not kept were filtered out; none come before this one's.
        while rest.peek().is_some_and(|e| e.ticket < t.id) {
            rest.next();
        }
        let mut own = vec![];
        while let Some(e) = rest.next_if(|e| e.ticket == t.id) {
            own.push(e);
        }
        out.push((t, own));
    }
    out
}
