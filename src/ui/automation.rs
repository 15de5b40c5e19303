//! The engine's automatic work, run in the page: escalation by tier limit (and by SLA breach
//! when the desk wants it) and automatic assignment. It runs once a second of real time and
//! catches up on whatever fell due while the page was closed, in chunks so the page stays
//! responsive.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use gloo_timers::callback::Interval;
use leptos::prelude::*;

use super::ids::RandomIds;
use super::state::Desk;
use crate::domain::desk::{AssignmentMethod, DeskConfig};
use crate::domain::escalation;
use crate::domain::model::{Event, TicketId, Time};
use crate::domain::queue::TicketRow;
use crate::domain::sla::SlaState;
use crate::storage::TicketChange;

/// Tickets looked at per pass.
const CHUNK: usize = 100;
/// How long (desk time) to wait before looking again at a ticket that needed nothing.
const RETRY_SECONDS: i64 = 300;

fn auto_assigns(row: &TicketRow, cfg: &DeskConfig) -> bool {
    let by_group = row
        .group
        .as_deref()
        .and_then(|g| cfg.groups.iter().find(|x| x.id == g))
        .map(|g| g.assignment);
    let method = by_group.or_else(|| cfg.tier(row.tier).map(|t| t.assignment));
    matches!(method, Some(m) if m != AssignmentMethod::Manual)
}

fn needs_work(row: &TicketRow, cfg: &DeskConfig, now: Time) -> bool {
    if !row.is_open() {
        return false;
    }
    let Some(sla) = &row.sla else { return false };
    let tier_due = sla.tier_limit_due().is_some_and(|d| d < now);
    let breach = cfg.general.escalate_on_breach && row.sla_at(now) == SlaState::Breached;
    let unassigned = row.assignee.is_none() && auto_assigns(row, cfg);
    tier_due || breach || unassigned
}

/// Starts the loop. Returns nothing: it lives as long as the page.
pub fn start(desk: Desk) {
    let busy = Rc::new(Cell::new(false));
    // ticket -> (revision, desk time) of the last look that changed nothing.
    let looked: Rc<RefCell<HashMap<TicketId, (u32, Time)>>> = Rc::new(RefCell::new(HashMap::new()));
    let tick = move || {
        if busy.get() {
            return;
        }
        busy.set(true);
        let busy = busy.clone();
        let looked = looked.clone();
        leptos::task::spawn_local(async move {
            // Keep going while there is work, one chunk per loop, yielding in between.
            for _ in 0..50 {
                match pass(desk, &looked).await {
                    Ok(true) => gloo_timers::future::TimeoutFuture::new(0).await,
                    Ok(false) => break,
                    Err(e) => {
                        desk.fail((crate::ui::app_texts::t().automation_stopped)(&crate::ui::errors::storage(&e)));
                        break;
                    }
                }
            }
            busy.set(false);
        });
    };
    tick();
    Interval::new(1_000, tick).forget();
}

/// One chunk. Returns whether it found work (so the caller loops).
async fn pass(desk: Desk, looked: &RefCell<HashMap<TicketId, (u32, Time)>>) -> Result<bool, crate::storage::StorageError> {
    let now = desk.now.get_untracked();
    let cfg = desk.config.get_untracked();
    let candidates: Vec<(TicketId, u32)> = desk.queue.with_untracked(|q| {
        let seen = looked.borrow();
        q.rows()
            .iter()
            .filter(|r| needs_work(r, &cfg, now))
            // A demo scenario's simulation runs the engine for its own tickets.
            .filter(|r| !super::scenario::owns(r.id))
            .filter(|r| match seen.get(&r.id) {
                Some((rev, at)) => *rev != r.rev || (now - *at).num_seconds() >= RETRY_SECONDS,
                None => true,
            })
            .take(CHUNK)
            .map(|r| (r.id, r.rev))
            .collect()
    });
    if candidates.is_empty() {
        return Ok(false);
    }
    let ids: Vec<TicketId> = candidates.iter().map(|(id, _)| *id).collect();
    let loaded = desk.db().tickets_with_events(&ids).await?;
    let revs: HashMap<TicketId, u32> = loaded.iter().map(|(t, _)| (t.id, t.rev)).collect();
    let mut histories: HashMap<TicketId, Vec<Event>> = HashMap::new();
    let mut tickets = Vec::with_capacity(loaded.len());
    let mut events = Vec::new();
    for (t, ev) in loaded {
        events.extend(ev.iter().cloned());
        histories.insert(t.id, ev);
        tickets.push(t);
    }
    let run = desk
        .workload
        .try_update_value(|w| escalation::automate(&tickets, &events, &cfg, now, w, &mut RandomIds))
        .unwrap_or_default();
    {
        let mut seen = looked.borrow_mut();
        for (id, rev) in &candidates {
            seen.insert(*id, (*rev, now));
        }
    }
    let changes: Vec<TicketChange> = run
        .updated
        .into_iter()
        .map(|u| {
            let mut all = histories.remove(&u.ticket.id).unwrap_or_default();
            all.extend(u.events.iter().cloned());
            let sla = desk.snapshot(&u.ticket, &all, now);
            TicketChange {
                expected_rev: revs.get(&u.ticket.id).copied().unwrap_or(0),
                ticket: u.ticket,
                events: u.events,
                sla: Some(sla),
            }
        })
        .collect();
    if changes.is_empty() {
        return Ok(false);
    }
    match desk.write(changes, false).await {
        Ok(_) => Ok(true),
        // Someone changed one of these tickets meanwhile: the next pass looks again.
        Err(crate::storage::StorageError::Conflict { .. }) => Ok(true),
        Err(e) => Err(e),
    }
}
