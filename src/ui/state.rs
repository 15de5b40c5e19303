//! The app's shared state (provided as context) and the user actions that change it.
//! Each action computes with the domain first and then writes in one storage transaction.

use leptos::prelude::*;

use super::ids::RandomIds;
use crate::domain::desk::DeskConfig;
use crate::domain::model::{Actor, AgentId, Event, Ticket, TicketId, Time};
use crate::domain::ticket::{self, Command, Ctx, NewTicket};
use crate::storage::{Db, StorageError, TicketChange};

/// A message shown at the top of the page until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Clone, Copy)]
pub struct Desk {
    db: StoredValue<Db, LocalStorage>,
    pub config: RwSignal<DeskConfig>,
    /// Every ticket's current snapshot, kept in memory for fast queues.
    pub tickets: RwSignal<Vec<Ticket>>,
    /// The agent working at this browser.
    pub me: RwSignal<Option<AgentId>>,
    /// The app clock (real time, or the demo clock).
    pub now: RwSignal<Time>,
    pub notice: RwSignal<Option<Notice>>,
    /// Bumped after every write so open pages reload what they show.
    pub revision: RwSignal<u64>,
}

impl Desk {
    pub fn new(db: Db, config: DeskConfig, tickets: Vec<Ticket>, me: Option<AgentId>, now: Time) -> Desk {
        Desk {
            db: StoredValue::new_local(db),
            config: RwSignal::new(config),
            tickets: RwSignal::new(tickets),
            me: RwSignal::new(me),
            now: RwSignal::new(now),
            notice: RwSignal::new(None),
            revision: RwSignal::new(0),
        }
    }

    pub fn db(&self) -> Db {
        self.db.get_value()
    }

    pub fn actor(&self) -> Actor {
        match self.me.get_untracked() {
            Some(id) => Actor::Agent(id),
            None => Actor::System,
        }
    }

    pub fn ctx(&self, actor: Actor) -> Ctx {
        let mut ctx = Ctx::new(self.now.get_untracked(), actor);
        let hours = self.config.with_untracked(|c| c.general.reopen_window_hours);
        ctx.reopen_window = chrono::Duration::hours(i64::from(hours));
        ctx
    }

    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { text: text.into(), error: false }));
    }

    pub fn fail(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { text: text.into(), error: true }));
    }

    fn remember(&self, t: &Ticket) {
        self.tickets.update(|list| match list.iter_mut().find(|x| x.id == t.id) {
            Some(slot) => *slot = t.clone(),
            None => list.push(t.clone()),
        });
        self.revision.update(|r| *r += 1);
    }

    /// Opens a ticket as `actor`.
    pub async fn create_ticket(&self, new: NewTicket, actor: Actor) -> Result<Ticket, StorageError> {
        let ctx = self.ctx(actor);
        let (t, _) = self
            .db()
            .create_ticket(|id| ticket::create(id, new, &ctx, &mut RandomIds))
            .await?;
        self.remember(&t);
        Ok(t)
    }

    /// Runs one command on one ticket as `actor` and stores the result.
    pub async fn run(&self, id: TicketId, cmd: Command, actor: Actor) -> Result<Vec<Event>, StorageError> {
        let db = self.db();
        let (mut t, history) = db
            .ticket_with_events(id)
            .await?
            .ok_or_else(|| StorageError::NotFound(format!("ticket #{id}")))?;
        let rev = t.rev;
        let events = ticket::apply(&mut t, &history, cmd, &self.ctx(actor), &mut RandomIds)?;
        if events.is_empty() {
            return Ok(events);
        }
        let result = db
            .save_change(TicketChange { ticket: t.clone(), expected_rev: rev, events: events.clone() })
            .await;
        match result {
            Ok(()) => {
                self.remember(&t);
                Ok(events)
            }
            Err(StorageError::Conflict { current }) => {
                // Show the other tab's version; the user redoes the change on top of it.
                self.remember(&current);
                Err(StorageError::Conflict { current })
            }
            Err(e) => Err(e),
        }
    }
}

pub fn use_desk() -> Desk {
    expect_context::<Desk>()
}
