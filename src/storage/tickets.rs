//! Tickets and their events.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use js_sys::Array;
use wasm_bindgen::JsValue;

use super::error::{Result, StorageError};
use super::records::{event_to_js, from_js, keyed, keyed_value, ticket_to_js, vec_from_js};
use super::schema::{ix, EVENTS, META, TICKETS};
use super::Db;
use crate::domain::model::{Event, Ticket, TicketId};
use crate::domain::ticket::DomainError;

const NEXT_TICKET_ID: &str = "next_ticket_id";

/// A ticket write: the new snapshot, the revision it was computed from, and the events to append.
pub struct TicketChange {
    pub ticket: Ticket,
    pub expected_rev: u32,
    pub events: Vec<Event>,
}

fn events_range(id: TicketId) -> KeyRange<JsValue> {
    let lower: JsValue = Array::of2(&JsValue::from_f64(id as f64), &JsValue::from_f64(0.0)).into();
    let upper: JsValue = Array::of2(&JsValue::from_f64(id as f64), &JsValue::from_f64(f64::INFINITY)).into();
    KeyRange::Bound(lower, false, upper, false)
}

fn sort_history(events: &mut [Event]) {
    events.sort_by(|a, b| a.seq.cmp(&b.seq).then(a.at.cmp(&b.at)).then(a.id.cmp(&b.id)));
}

impl Db {
    /// Creates a ticket in one transaction: allocates the next number, lets `make` build the
    /// ticket and its events for that number (synchronously), and writes them all.
    pub async fn create_ticket<F>(&self, make: F) -> Result<(Ticket, Vec<Event>)>
    where
        F: FnOnce(TicketId) -> std::result::Result<(Ticket, Vec<Event>), DomainError>,
    {
        let tx = self
            .raw()
            .transaction([META, TICKETS, EVENTS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        let counter: Option<JsValue> = meta.get(NEXT_TICKET_ID).primitive()?.await?;
        let id: TicketId = match counter {
            Some(rec) => keyed_value(&rec, NEXT_TICKET_ID)?,
            None => 1,
        };
        let (ticket, events) = make(id)?;
        let ticket_js = ticket_to_js(&ticket)?;
        let events_js = events.iter().map(event_to_js).collect::<Result<Vec<_>>>()?;
        let tickets = tx.object_store(TICKETS)?;
        let store = tx.object_store(EVENTS)?;
        // `add`, not `put`: an id that already exists aborts the whole transaction.
        tickets.add(ticket_js).primitive()?;
        for e in events_js {
            store.add(e).primitive()?;
        }
        meta.put(keyed(NEXT_TICKET_ID, &(id + 1))?).primitive()?;
        tx.commit().await?;
        Ok((ticket, events))
    }

    pub async fn get_ticket(&self, id: TicketId) -> Result<Option<Ticket>> {
        let tx = self.raw().transaction(TICKETS).build()?;
        let found: Option<JsValue> = tx.object_store(TICKETS)?.get(id as f64).primitive()?.await?;
        found.map(|v| from_js(&v, &format!("ticket #{id}"))).transpose()
    }

    /// The ticket and its whole history, read in one transaction so they match.
    pub async fn ticket_with_events(&self, id: TicketId) -> Result<Option<(Ticket, Vec<Event>)>> {
        let tx = self.raw().transaction([TICKETS, EVENTS]).build()?;
        let found: Option<JsValue> = tx.object_store(TICKETS)?.get(id as f64).primitive()?.await?;
        let Some(found) = found else { return Ok(None) };
        let events_store = tx.object_store(EVENTS)?;
        let index = events_store.index(ix::EVENT_TICKET)?;
        let list = index.get_all::<JsValue>().with_query::<JsValue, _>(events_range(id)).primitive()?.await?;
        let array: Array = list.collect::<std::result::Result<Array, _>>()?;
        let ticket: Ticket = from_js(&found, &format!("ticket #{id}"))?;
        let mut events: Vec<Event> = vec_from_js(&array.into(), &format!("history of ticket #{id}"))?;
        sort_history(&mut events);
        Ok(Some((ticket, events)))
    }

    /// Writes several ticket changes in one transaction. If any ticket's stored revision is not
    /// the one its change was computed from, nothing is written and the newer ticket is returned
    /// in `StorageError::Conflict`.
    pub async fn save_changes(&self, changes: &[TicketChange]) -> Result<()> {
        let prepared = changes
            .iter()
            .map(|c| {
                Ok((
                    ticket_to_js(&c.ticket)?,
                    c.events.iter().map(event_to_js).collect::<Result<Vec<_>>>()?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let tx = self
            .raw()
            .transaction([TICKETS, EVENTS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let tickets = tx.object_store(TICKETS)?;
        let events = tx.object_store(EVENTS)?;
        for (change, (ticket_js, events_js)) in changes.iter().zip(prepared) {
            let id = change.ticket.id;
            let current: Option<JsValue> = tickets.get(id as f64).primitive()?.await?;
            let Some(current) = current else {
                return Err(StorageError::NotFound(format!("ticket #{id}")));
            };
            let rev = js_sys::Reflect::get(&current, &JsValue::from_str("rev"))?
                .as_f64()
                .unwrap_or(0.0) as u32;
            if rev != change.expected_rev {
                let current: Ticket = from_js(&current, &format!("ticket #{id}"))?;
                return Err(StorageError::Conflict {
                    current: Box::new(current),
                });
            }
            tickets.put(ticket_js).primitive()?;
            for e in events_js {
                events.add(e).primitive()?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn save_change(&self, change: TicketChange) -> Result<()> {
        self.save_changes(std::slice::from_ref(&change)).await
    }

    /// Every ticket, decoded in one pass.
    pub async fn all_tickets(&self) -> Result<Vec<Ticket>> {
        let tx = self.raw().transaction(TICKETS).build()?;
        let list = tx.object_store(TICKETS)?.get_all::<JsValue>().primitive()?.await?;
        let array: Array = list.collect::<std::result::Result<Array, _>>()?;
        vec_from_js(&array.into(), "tickets")
    }

    /// Every event of every ticket (automation catch-up, KPIs, export).
    pub async fn all_events(&self) -> Result<Vec<Event>> {
        let tx = self.raw().transaction(EVENTS).build()?;
        let list = tx.object_store(EVENTS)?.get_all::<JsValue>().primitive()?.await?;
        let array: Array = list.collect::<std::result::Result<Array, _>>()?;
        vec_from_js(&array.into(), "events")
    }

    pub async fn count_tickets(&self) -> Result<u32> {
        let tx = self.raw().transaction(TICKETS).build()?;
        let n = tx.object_store(TICKETS)?.count().primitive()?.await?;
        Ok(n)
    }

    /// Tickets owned by `agent`, through the `assignee` index.
    pub async fn tickets_of(&self, agent: &str) -> Result<Vec<Ticket>> {
        let tx = self.raw().transaction(TICKETS).build()?;
        let store = tx.object_store(TICKETS)?;
        let index = store.index(ix::ASSIGNEE)?;
        let list = index
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(KeyRange::Only(JsValue::from_str(agent)))
            .primitive()?
            .await?;
        let array: Array = list.collect::<std::result::Result<Array, _>>()?;
        vec_from_js(&array.into(), "tickets")
    }
}
