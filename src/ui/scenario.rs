//! Demo scenarios: a seeded stream of tickets worked by simulated agents and requesters
//! (domain::simulate), played on the demo clock. What the simulation does is written to the
//! demo database like any other change, so queues, tickets and KPIs show it; what the user
//! does by hand is handed back to the simulation, which carries on from there.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::state::Desk;
use crate::domain::desk::WorkMode;
use crate::domain::model::{Event, TicketId, Time};
use crate::domain::simulate::{Scenario, Sim};
use crate::storage::{StorageError, TicketChange};

/// What is needed to rebuild a running scenario after a reload.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub struct Running {
    pub seed: u64,
    pub hours: u32,
    pub start: Time,
    pub first_id: TicketId,
    pub swarm: bool,
}

thread_local! {
    static SIM: RefCell<Option<Sim>> = const { RefCell::new(None) };
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the simulation works this ticket (then the page's own automation leaves it alone).
pub fn owns(id: TicketId) -> bool {
    SIM.with(|s| s.borrow().as_ref().is_some_and(|sim| sim.id_range().contains(&id) || sim.ticket(id).is_some()))
}

pub fn next_event_at() -> Option<Time> {
    SIM.with(|s| s.borrow().as_ref().and_then(|sim| sim.next_event_at()))
}

fn build(desk: &Desk, r: &Running) -> Sim {
    let cfg = desk.config.get_untracked();
    let scenario = Scenario::generate(r.seed, r.start, r.hours, &cfg);
    let mode = if r.swarm { WorkMode::Swarm } else { WorkMode::Tiered };
    Sim::new(scenario, &cfg, mode).with_first_id(r.first_id)
}

/// Starts a scenario at the current demo time.
pub async fn start(desk: Desk, seed: u64, hours: u32, swarm: bool) -> Result<usize, StorageError> {
    let first_id = desk.queue.with_untracked(|q| q.rows().iter().map(|r| r.id).max().unwrap_or(0)) + 1;
    let r = Running { seed, hours, start: desk.now.get_untracked(), first_id, swarm };
    let sim = build(&desk, &r);
    let range = sim.id_range();
    let arrivals = (range.end - range.start) as usize;
    let db = desk.db();
    // Tickets opened by hand are numbered after the scenario's.
    db.set_meta("next_ticket_id", &range.end).await?;
    db.set_meta("scenario", &Some(r)).await?;
    SIM.with(|s| *s.borrow_mut() = Some(sim));
    desk.scenario.set(Some(r));
    Ok(arrivals)
}

pub async fn stop(desk: Desk) -> Result<(), StorageError> {
    SIM.with(|s| *s.borrow_mut() = None);
    desk.scenario.set(None);
    desk.db().set_meta("scenario", &None::<Running>).await
}

/// After a reload: rebuilds the simulation, brings it to the demo clock and hands it what is
/// stored (the database is the truth: it holds the user's changes too).
pub async fn resume(desk: Desk) -> Result<(), StorageError> {
    let Some(r) = desk.db().get_meta::<Option<Running>>("scenario").await?.flatten() else { return Ok(()) };
    let mut sim = build(&desk, &r);
    let now = desk.now.get_untracked();
    let _ = sim.advance_to(now);
    let ids: Vec<TicketId> = sim.id_range().collect();
    for (t, events) in desk.db().tickets_with_events(&ids).await? {
        sim.sync_ticket(t, events);
    }
    SIM.with(|s| *s.borrow_mut() = Some(sim));
    desk.scenario.set(Some(r));
    Ok(())
}

/// Plays the simulation up to the demo clock and writes what happened. Called on every tick.
pub fn tick(desk: Desk) {
    if BUSY.with(|b| b.get()) || SIM.with(|s| s.borrow().is_none()) {
        return;
    }
    BUSY.with(|b| b.set(true));
    leptos::task::spawn_local(async move {
        if let Err(e) = play(desk).await {
            desk.fail((super::app_texts::t().scenario_stopped)(&super::errors::storage(&e)));
            let _ = stop(desk).await;
        }
        BUSY.with(|b| b.set(false));
    });
}

async fn play(desk: Desk) -> Result<(), StorageError> {
    let now = desk.now.get_untracked();
    let updates = SIM.with(|s| s.borrow_mut().as_mut().map(|sim| sim.advance_to(now))).unwrap_or_default();
    if updates.is_empty() {
        return Ok(());
    }
    let revs: HashMap<TicketId, u32> = desk.queue.with_untracked(|q| updates.iter().filter_map(|u| q.row(u.ticket.id).map(|r| (r.id, r.rev))).collect());
    let ids: Vec<TicketId> = updates.iter().map(|u| u.ticket.id).collect();
    let histories: HashMap<TicketId, Vec<Event>> = SIM.with(|s| {
        let s = s.borrow();
        let Some(sim) = s.as_ref() else { return HashMap::new() };
        ids.iter().filter_map(|id| sim.ticket(*id).map(|(_, ev)| (*id, ev.to_vec()))).collect()
    });
    let changes: Vec<TicketChange> = updates
        .into_iter()
        .map(|u| {
            let history = histories.get(&u.ticket.id).cloned().unwrap_or_default();
            let sla = desk.snapshot(&u.ticket, &history, now);
            // The stored revision: the simulation's own copy counts its revisions differently.
            let expected_rev = revs.get(&u.ticket.id).copied().unwrap_or(0);
            let mut ticket = u.ticket;
            ticket.rev = expected_rev + 1;
            TicketChange { ticket, expected_rev, events: u.events, sla: Some(sla) }
        })
        .collect();
    match desk.write(changes, false).await {
        Ok(_) => Ok(()),
        Err(StorageError::Conflict { current }) => {
            // The user changed it meanwhile: the simulation takes the stored version.
            if let Ok(Some((t, ev))) = desk.db().ticket_with_events(current.id).await {
                SIM.with(|s| {
                    if let Some(sim) = s.borrow_mut().as_mut() {
                        sim.sync_ticket(t, ev);
                    }
                });
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Hands tickets the user just changed to the simulation.
pub fn user_changed(desk: Desk, ids: Vec<TicketId>) {
    if SIM.with(|s| s.borrow().is_none()) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Ok(loaded) = desk.db().tickets_with_events(&ids).await {
            SIM.with(|s| {
                if let Some(sim) = s.borrow_mut().as_mut() {
                    for (t, ev) in loaded {
                        sim.sync_ticket(t, ev);
                    }
                }
            });
        }
    });
}
