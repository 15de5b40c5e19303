//! Tickets and their events.

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use js_sys::Array;
use wasm_bindgen::JsValue;

use super::error::{Result, StorageError};
use super::records::{event_to_js, from_js, keyed, keyed_value, rows_from_js, ticket_to_js, vec_from_js};
use super::schema::{ix, EVENTS, META, TICKETS};
use super::Db;
use crate::domain::model::{Event, Ticket, TicketId, Time};
use crate::domain::queue::TicketRow;
use crate::domain::sla_snapshot::SlaSnapshot;
use crate::domain::ticket::DomainError;

const NEXT_TICKET_ID: &str = "next_ticket_id";

/// A ticket write: the new ticket, the revision it was computed from (0 for a ticket that is
/// new to the store), the events to append, and its SLA snapshot taken from the whole new history.
pub struct TicketChange {
    pub ticket: Ticket,
    pub expected_rev: u32,
    pub events: Vec<Event>,
    pub sla: Option<SlaSnapshot>,
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
    /// ticket, its events and its SLA snapshot for that number (synchronously, inside the
    /// transaction: it must not await), and writes them all.
    pub async fn create_ticket<F>(&self, make: F) -> Result<(Ticket, Vec<Event>, Option<SlaSnapshot>)>
    where
        F: FnOnce(TicketId) -> std::result::Result<(Ticket, Vec<Event>, Option<SlaSnapshot>), DomainError>,
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
        let (ticket, events, sla) = make(id)?;
        let ticket_js = ticket_to_js(&ticket, sla.as_ref())?;
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
        Ok((ticket, events, sla))
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
                    ticket_to_js(&c.ticket, c.sla.as_ref())?,
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
            match current {
                // A ticket that does not exist yet is created, if the change says so.
                None if change.expected_rev == 0 => {}
                None => return Err(StorageError::NotFound(format!("ticket #{id}"))),
                Some(current) => {
                    let rev = js_sys::Reflect::get(&current, &JsValue::from_str("rev"))?
                        .as_f64()
                        .unwrap_or(0.0) as u32;
                    if rev != change.expected_rev {
                        let current: Ticket = from_js(&current, &format!("ticket #{id}"))?;
                        return Err(StorageError::Conflict {
                            current: Box::new(current),
                        });
                    }
                }
            }
            tickets.put(ticket_js).primitive()?;
            for e in events_js {
                events.add(e).primitive()?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Replaces the SLA snapshots stored beside tickets (after a calendar or policy change),
    /// leaving the tickets themselves untouched.
    pub async fn save_snapshots(&self, snaps: &[(TicketId, SlaSnapshot)]) -> Result<()> {
        let values = snaps
            .iter()
            .map(|(id, s)| Ok((*id, super::records::to_js(s)?)))
            .collect::<Result<Vec<_>>>()?;
        let tx = self.raw().transaction(TICKETS).with_mode(TransactionMode::Readwrite).build()?;
        let tickets = tx.object_store(TICKETS)?;
        for (id, snap) in values {
            let current: Option<JsValue> = tickets.get(id as f64).primitive()?.await?;
            let Some(current) = current else { continue };
            js_sys::Reflect::set(&current, &JsValue::from_str("ix_sla"), &snap)?;
            tickets.put(current).primitive()?;
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

    /// Every ticket as a queue row (with its SLA snapshot), decoded in one pass.
    pub async fn all_rows(&self) -> Result<Vec<TicketRow>> {
        let tx = self.raw().transaction(TICKETS).build()?;
        let list = tx.object_store(TICKETS)?.get_all::<JsValue>().primitive()?.await?;
        let array: Array = list.collect::<std::result::Result<Array, _>>()?;
        rows_from_js(&array.into())
    }

    /// Queue rows of the given tickets (after another tab changed them).
    pub async fn rows_by_ids(&self, ids: &[TicketId]) -> Result<Vec<TicketRow>> {
        let tx = self.raw().transaction(TICKETS).build()?;
        let store = tx.object_store(TICKETS)?;
        let array = Array::new();
        for id in ids {
            let found: Option<JsValue> = store.get(*id as f64).primitive()?.await?;
            if let Some(v) = found {
                array.push(&v);
            }
        }
        rows_from_js(&array.into())
    }

    /// Several tickets with their histories, read in one transaction (automation, bulk actions).
    pub async fn tickets_with_events(&self, ids: &[TicketId]) -> Result<Vec<(Ticket, Vec<Event>)>> {
        let tx = self.raw().transaction([TICKETS, EVENTS]).build()?;
        let tickets = tx.object_store(TICKETS)?;
        let events_store = tx.object_store(EVENTS)?;
        let index = events_store.index(ix::EVENT_TICKET)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let found: Option<JsValue> = tickets.get(*id as f64).primitive()?.await?;
            let Some(found) = found else { continue };
            let list = index.get_all::<JsValue>().with_query::<JsValue, _>(events_range(*id)).primitive()?.await?;
            let array: Array = list.collect::<std::result::Result<Array, _>>()?;
            let ticket: Ticket = from_js(&found, &format!("ticket #{id}"))?;
            let mut events: Vec<Event> = vec_from_js(&array.into(), &format!("history of ticket #{id}"))?;
            sort_history(&mut events);
            out.push((ticket, events));
        }
        Ok(out)
    }

    /// When each agent was last given a ticket, from the `assigned` index (one cursor step
    /// per agent): what round-robin assignment needs without reading every history.
    pub async fn last_assignments(&self, agents: &[String]) -> Result<Vec<(String, Option<Time>)>> {
        use indexed_db_futures::cursor::CursorDirection;
        let tx = self.raw().transaction(EVENTS).build()?;
        let store = tx.object_store(EVENTS)?;
        let index = store.index(ix::ASSIGNED)?;
        let mut out = Vec::with_capacity(agents.len());
        for agent in agents {
            let key = |at: &str| -> JsValue {
                Array::of3(&JsValue::from_str("assigned"), &JsValue::from_str(agent), &JsValue::from_str(at)).into()
            };
            let range = KeyRange::Bound(key(""), false, key("\u{ffff}"), false);
            let cursor = index
                .open_cursor()
                .with_query::<JsValue, _>(range)
                .with_direction(CursorDirection::Prev)
                .primitive()?
                .await?;
            let mut last = None;
            if let Some(mut c) = cursor {
                let rec: Option<JsValue> = c.next_record().await?;
                if let Some(rec) = rec {
                    let e: Event = from_js(&rec, "an assignment event")?;
                    last = Some(e.at);
                }
            }
            out.push((agent.clone(), last));
        }
        Ok(out)
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
