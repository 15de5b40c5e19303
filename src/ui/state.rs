//! The app's shared state (provided as context) and the user actions that change it.
//! Each action computes with the domain first and then writes in one storage transaction.

use leptos::prelude::*;

use super::ids::RandomIds;
use crate::domain::assignment::{self, Workload};
use crate::domain::desk::{Agent, DeskConfig, RuleTrigger};
use crate::domain::model::{Actor, AgentId, Event, Ticket, TicketId, Time};
use crate::domain::queue::{QueueIndex, TicketRow};
use crate::domain::routing;
use crate::domain::sla::SlaEngine;
use crate::domain::sla_snapshot::SlaSnapshot;
use crate::domain::ticket::{self, Command, Ctx, DomainError, NewTicket};
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
    /// Every ticket as a queue row, with view counts kept up to date.
    pub queue: RwSignal<QueueIndex>,
    /// The agent working at this browser.
    pub me: RwSignal<Option<AgentId>>,
    /// The app clock (real time, or the demo clock).
    pub now: RwSignal<Time>,
    pub notice: RwSignal<Option<Notice>>,
    /// Bumped after every write so open pages reload what they show.
    pub revision: RwSignal<u64>,
    /// Open tickets and last assignment per agent, for automatic assignment.
    pub workload: StoredValue<Workload>,
    /// The demo clock, in demo mode (which also uses a database of its own).
    pub demo: RwSignal<Option<crate::domain::demo_clock::DemoClock>>,
    /// The demo scenario playing, if any.
    pub scenario: RwSignal<Option<super::scenario::Running>>,
}

/// What one ticket action produced.
pub struct Outcome {
    pub ticket: Ticket,
    pub events: Vec<Event>,
}

impl Desk {
    pub fn new(
        db: Db,
        config: DeskConfig,
        queue: QueueIndex,
        workload: Workload,
        me: Option<AgentId>,
        now: Time,
        demo: Option<crate::domain::demo_clock::DemoClock>,
    ) -> Desk {
        Desk {
            db: StoredValue::new_local(db),
            config: RwSignal::new(config),
            queue: RwSignal::new(queue),
            me: RwSignal::new(me),
            now: RwSignal::new(now),
            notice: RwSignal::new(None),
            revision: RwSignal::new(0),
            workload: StoredValue::new(workload),
            demo: RwSignal::new(demo),
            scenario: RwSignal::new(None),
        }
    }

    pub fn db(&self) -> Db {
        self.db.get_value()
    }

    /// The agent record of whoever works at this browser.
    pub fn me_agent(&self) -> Option<Agent> {
        let id = self.me.get_untracked()?;
        self.config.with_untracked(|c| c.agent(&id).cloned())
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

    /// Changes who works at this browser and remembers it.
    pub fn set_me(&self, me: Option<AgentId>) {
        self.me.set(me.clone());
        let agent = me.as_deref().and_then(|id| self.config.with_untracked(|c| c.agent(id).cloned()));
        self.queue.update(|q| q.set_me(agent));
        let db = self.db();
        leptos::task::spawn_local(async move {
            let _ = db.set_meta("me", &me).await;
        });
    }

    /// The SLA snapshot of a ticket with its whole history, at `now`.
    pub fn snapshot(&self, t: &Ticket, history: &[Event], now: Time) -> SlaSnapshot {
        self.config.with_untracked(|c| SlaSnapshot::take(&SlaEngine::new(c), c, t, history, now))
    }

    /// Shows written tickets in the queues, tells open pages to reload, and tells other tabs.
    pub fn remember(&self, changed: &[(Ticket, Option<SlaSnapshot>)]) {
        self.queue.update(|q| {
            for (t, sla) in changed {
                q.upsert(TicketRow::new(t, sla.clone()));
            }
        });
        self.revision.update(|r| *r += 1);
        let ids = changed.iter().map(|(t, _)| t.id).collect();
        super::sync::announce(&super::sync::Change::Tickets { ids });
    }

    /// Opens a ticket as `actor`: routing rules and automatic assignment run before it is
    /// written, all in the one transaction that allocates its number.
    pub async fn create_ticket(&self, new: NewTicket, actor: Actor) -> Result<Ticket, StorageError> {
        let ctx = self.ctx(actor);
        let cfg = self.config.get_untracked();
        let workload = self.workload;
        let snapshot = |t: &Ticket, ev: &[Event]| SlaSnapshot::take(&SlaEngine::new(&cfg), &cfg, t, ev, ctx.now);
        let (t, _, sla) = self
            .db()
            .create_ticket(|id| {
                let mut ids = RandomIds;
                let (mut t, mut events) = ticket::create(id, new, &ctx, &mut ids)?;
                let routed = routing::apply_routing(&mut t, &events, &cfg, RuleTrigger::OnCreate, &ctx, &mut ids)?;
                events.extend(routed);
                // auto_assign notes the assignment in the workload itself.
                let assigned = workload
                    .try_update_value(|w| assignment::auto_assign(&mut t, &events, &cfg, w, &ctx, &mut ids))
                    .unwrap_or(Ok(vec![]))?;
                events.extend(assigned);
                let sla = snapshot(&t, &events);
                Ok((t, events, Some(sla)))
            })
            .await?;
        self.remember(&[(t.clone(), sla)]);
        super::scenario::user_changed(*self, vec![t.id]);
        Ok(t)
    }

    /// Runs one command on one ticket as `actor`; update-time routing rules follow.
    pub async fn run(&self, id: TicketId, cmd: Command, actor: Actor) -> Result<Outcome, StorageError> {
        self.run_seen(id, cmd, actor, None).await
    }

    /// Like `run`, but when `seen` is the revision the user was looking at and the command
    /// overwrites something (not a reply, note or time entry), a newer stored revision refuses
    /// it: the user sees the other change and redoes theirs instead of losing it silently.
    pub async fn run_seen(&self, id: TicketId, cmd: Command, actor: Actor, seen: Option<u32>) -> Result<Outcome, StorageError> {
        let db = self.db();
        let (t, history) = db
            .ticket_with_events(id)
            .await?
            .ok_or_else(|| StorageError::NotFound(format!("ticket #{id}")))?;
        let appends = matches!(
            cmd,
            Command::Reply(_) | Command::Note(_) | Command::RequesterReply(_) | Command::LogTime(_) | Command::LinkArticle(_) | Command::Rate { .. }
        );
        if let Some(seen) = seen.filter(|_| !appends) {
            if t.rev != seen {
                let sla = self.queue.with_untracked(|q| q.row(t.id).and_then(|r| r.sla.clone()));
                self.remember(&[(t.clone(), sla)]);
                return Err(StorageError::Conflict { current: Box::new(t) });
            }
        }
        let change = self.compute(t, &history, |t, h, ctx, ids| ticket::apply(t, h, cmd, ctx, ids), actor)?;
        let mut done = self.write(vec![change], true).await?;
        done.pop().ok_or_else(|| StorageError::NotFound(format!("ticket #{id}")))
    }

    /// Runs a command built per ticket on many tickets, written in one transaction. Tickets
    /// the domain refuses are reported and left out; the others are written.
    pub async fn run_many(
        &self,
        ids: &[TicketId],
        make: impl Fn(&Ticket) -> Command,
        actor: Actor,
    ) -> Result<(Vec<Outcome>, Vec<(TicketId, DomainError)>), StorageError> {
        let loaded = self.db().tickets_with_events(ids).await?;
        let mut changes = vec![];
        let mut refused = vec![];
        for (t, history) in loaded {
            let id = t.id;
            let cmd = make(&t);
            match self.compute(t, &history, |t, h, ctx, ids| ticket::apply(t, h, cmd, ctx, ids), actor.clone()) {
                Ok(c) if c.events.is_empty() => {}
                Ok(c) => changes.push(c),
                Err(StorageError::Invalid(e)) => refused.push((id, e)),
                Err(e) => return Err(e),
            }
        }
        Ok((self.write(changes, true).await?, refused))
    }

    /// Applies `f` to a copy of the ticket, then update-time routing, and takes the snapshot.
    pub fn compute(
        &self,
        mut t: Ticket,
        history: &[Event],
        f: impl FnOnce(&mut Ticket, &[Event], &Ctx, &mut RandomIds) -> Result<Vec<Event>, DomainError>,
        actor: Actor,
    ) -> Result<TicketChange, StorageError> {
        let ctx = self.ctx(actor);
        let rev = t.rev;
        let mut ids = RandomIds;
        let mut events = f(&mut t, history, &ctx, &mut ids)?;
        if !events.is_empty() {
            let mut all: Vec<Event> = history.to_vec();
            all.extend(events.iter().cloned());
            let routed = self
                .config
                .with_untracked(|c| routing::apply_routing(&mut t, &all, c, RuleTrigger::OnUpdate, &ctx, &mut ids))?;
            all.extend(routed.iter().cloned());
            events.extend(routed);
            let sla = self.snapshot(&t, &all, ctx.now);
            return Ok(TicketChange { ticket: t, expected_rev: rev, events, sla: Some(sla) });
        }
        Ok(TicketChange { ticket: t, expected_rev: rev, events, sla: None })
    }

    /// Writes computed changes in one transaction and shows them. On a conflict nothing is
    /// written; the newer ticket is shown and the error says what happened. `note_workload`
    /// is false when the domain already counted the changes (automatic assignment).
    pub async fn write(&self, changes: Vec<TicketChange>, note_workload: bool) -> Result<Vec<Outcome>, StorageError> {
        if changes.is_empty() {
            return Ok(vec![]);
        }
        match self.db().save_changes(&changes).await {
            Ok(()) => {
                let shown: Vec<(Ticket, Option<SlaSnapshot>)> = changes.iter().map(|c| (c.ticket.clone(), c.sla.clone())).collect();
                self.workload.update_value(|w| {
                    if !note_workload {
                        return;
                    }
                    for c in &changes {
                        let mut old = c.ticket.clone();
                        // Only status and assignee matter to the workload.
                        if let Some(row) = self.queue.with_untracked(|q| q.row(c.ticket.id).cloned()) {
                            old.status = row.status;
                            old.assignee = row.assignee;
                        }
                        w.note_change(&old, &c.ticket, &c.events);
                    }
                });
                self.remember(&shown);
                if note_workload {
                    super::scenario::user_changed(*self, changes.iter().map(|c| c.ticket.id).collect());
                }
                Ok(changes.into_iter().map(|c| Outcome { ticket: c.ticket, events: c.events }).collect())
            }
            Err(StorageError::Conflict { current }) => {
                // Show the other tab's version; the user redoes the change on top of it.
                let row_sla = self.queue.with_untracked(|q| q.row(current.id).and_then(|r| r.sla.clone()));
                self.remember(&[((*current).clone(), row_sla)]);
                Err(StorageError::Conflict { current })
            }
            Err(e) => Err(e),
        }
    }
}

impl Desk {
    /// Merges `others` into `keep`, all in one transaction. Returns how many were merged.
    pub async fn merge(&self, keep: TicketId, others: &[TicketId]) -> Result<usize, StorageError> {
        let mut ids = vec![keep];
        ids.extend_from_slice(others);
        let loaded = self.db().tickets_with_events(&ids).await?;
        let Some((survivor, s_hist)) = loaded.iter().find(|(t, _)| t.id == keep).cloned() else {
            return Err(StorageError::NotFound(format!("ticket #{keep}")));
        };
        let ctx = self.ctx(self.actor());
        let mut s = survivor.clone();
        let mut s_all = s_hist.clone();
        let mut s_new = vec![];
        let mut changes = vec![];
        for (m, m_hist) in loaded.into_iter().filter(|(t, _)| t.id != keep) {
            let mut m2 = m.clone();
            let (se, me) = crate::domain::merge::merge(&mut s, &s_all, &mut m2, &m_hist, &ctx, &mut RandomIds)?;
            s_all.extend(se.iter().cloned());
            s_new.extend(se);
            let mut m_all = m_hist.clone();
            m_all.extend(me.iter().cloned());
            let sla = self.snapshot(&m2, &m_all, ctx.now);
            changes.push(TicketChange { ticket: m2, expected_rev: m.rev, events: me, sla: Some(sla) });
        }
        let n = changes.len();
        // The survivor's revision went up once per merge; the store holds the original.
        let sla = self.snapshot(&s, &s_all, ctx.now);
        changes.insert(0, TicketChange { ticket: s, expected_rev: survivor.rev, events: s_new, sla: Some(sla) });
        self.write(changes, true).await?;
        Ok(n)
    }
}

impl Desk {
    /// Checks and saves a new configuration. Problems come back as (path, message) and
    /// nothing is saved. If calendars, tiers or SLA policies changed, every ticket's SLA
    /// snapshot is recomputed from its history afterwards.
    pub async fn save_config(&self, cfg: DeskConfig) -> Result<(), Vec<(String, String)>> {
        let problems = crate::domain::defaults::validate_config(&cfg);
        if !problems.is_empty() {
            return Err(problems);
        }
        let old = self.config.get_untracked();
        if let Err(e) = self.db().save_config(&cfg).await {
            return Err(vec![(String::new(), e.to_string())]);
        }
        let sla_changed = old.calendars != cfg.calendars || old.tiers != cfg.tiers || old.policies != cfg.policies || old.general != cfg.general;
        self.config.set(cfg);
        super::sync::announce(&super::sync::Change::Config);
        if let Some(id) = self.me.get_untracked() {
            let agent = self.config.with_untracked(|c| c.agent(&id).cloned());
            self.queue.update(|q| q.set_me(agent));
        }
        if sla_changed {
            let desk = *self;
            leptos::task::spawn_local(async move {
                if let Err(e) = desk.refresh_snapshots().await {
                    desk.fail((super::app_texts::t().sla_failed)(&super::errors::storage(&e)));
                }
            });
        }
        Ok(())
    }

    /// Recomputes every open ticket's SLA snapshot (after a calendar or policy change), in
    /// chunks so the page stays responsive.
    pub async fn refresh_snapshots(&self) -> Result<(), StorageError> {
        let ids: Vec<TicketId> = self.queue.with_untracked(|q| q.rows().iter().filter(|r| r.is_open()).map(|r| r.id).collect());
        for chunk in ids.chunks(200) {
            let now = self.now.get_untracked();
            let loaded = self.db().tickets_with_events(chunk).await?;
            let snaps: Vec<(TicketId, SlaSnapshot)> = loaded.iter().map(|(t, ev)| (t.id, self.snapshot(t, ev, now))).collect();
            self.db().save_snapshots(&snaps).await?;
            let shown: Vec<(Ticket, Option<SlaSnapshot>)> = loaded
                .into_iter()
                .zip(snaps)
                .map(|((t, _), (_, s))| (t, Some(s)))
                .collect();
            self.remember(&shown);
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
        Ok(())
    }
}

pub fn use_desk() -> Desk {
    expect_context::<Desk>()
}
