//! The plumbing of every step: applying commands, the queue per ticket, arrivals, and
//! choosing each ticket's next step from its state.
//!
//! Every change goes through `ticket::apply` (or the routing, assignment and escalation
//! functions built on it) at the action's instant; a refused command is recorded in
//! `errors` and ends that step.

use chrono::Duration;

use super::{Action, AgentStep, FollowUp, Key, Live, State, World};
use crate::domain::assignment::{auto_assign, on_shift};
use crate::domain::desk::{DeskConfig, RuleTrigger, WorkMode};
use crate::domain::model::*;
use crate::domain::routing;
use crate::domain::ticket::{self, Command, Ctx};

pub(super) fn ctx(cfg: &DeskConfig, now: Time, actor: Actor) -> Ctx {
    Ctx {
        now,
        actor,
        reopen_window: Duration::hours(i64::from(cfg.general.reopen_window_hours)),
    }
}

/// Agent time is logged in whole minutes between 1 and 24 hours.
pub(super) fn minutes(m: u32) -> u32 {
    m.clamp(1, 24 * 60)
}

/// Whether an agent answered publicly since the ticket entered its current tier.
pub(super) fn replied_in_tier(events: &[Event]) -> bool {
    for e in events.iter().rev() {
        match e.kind {
            EventKind::PublicReply { .. } if matches!(e.actor, Actor::Agent(_)) => return true,
            EventKind::TierChanged { .. } | EventKind::Created { .. } => return false,
            _ => {}
        }
    }
    false
}

/// The tier a ticket came from when it last went to the vendor.
pub(super) fn came_from(events: &[Event]) -> Option<Tier> {
    events.iter().rev().find_map(|e| match e.kind {
        EventKind::TierChanged { from, to, .. } if to == Tier::MAX && from < Tier::MAX => {
            Some(from)
        }
        _ => None,
    })
}

/// The group a ticket should have in `tier`: the kind's group if the desk has it there,
/// else (from Tier 3 up) the tier's first group; `None` for no group.
pub(super) fn group_for(cfg: &DeskConfig, wanted: &str, tier: Tier) -> Option<String> {
    let of_tier = |g: &&crate::domain::desk::Group| g.tier == tier;
    cfg.groups
        .iter()
        .filter(of_tier)
        .find(|g| g.id == wanted)
        .or_else(|| {
            (tier >= Tier(3))
                .then(|| cfg.groups.iter().find(of_tier))
                .flatten()
        })
        .map(|g| g.id.clone())
}

impl State {
    /// Applies one command as `actor` at `now`; false (and an error recorded) if refused.
    pub(super) fn apply(
        &mut self,
        w: &World,
        id: TicketId,
        now: Time,
        actor: Actor,
        cmd: Command,
    ) -> bool {
        let Some(l) = self.live.get_mut(&id) else {
            return false;
        };
        let before = l.ticket.clone();
        match ticket::apply(
            &mut l.ticket,
            &l.events,
            cmd,
            &ctx(w.cfg, now, actor),
            &mut self.ids,
        ) {
            Ok(ev) => {
                self.workload.note_change(&before, &l.ticket, &ev);
                l.events.extend(ev);
                true
            }
            Err(e) => {
                self.errors.push(format!("ticket #{id} at {now}: {e}"));
                false
            }
        }
    }

    /// Records events made by a domain function that changed `l.ticket` in place.
    pub(super) fn took(
        &mut self,
        id: TicketId,
        before: &Ticket,
        result: Result<Vec<Event>, ticket::DomainError>,
        now: Time,
    ) -> bool {
        let Some(l) = self.live.get_mut(&id) else {
            return false;
        };
        match result {
            Ok(ev) => {
                self.workload.note_change(before, &l.ticket, &ev);
                l.events.extend(ev);
                true
            }
            Err(e) => {
                self.errors.push(format!("ticket #{id} at {now}: {e}"));
                false
            }
        }
    }

    pub(super) fn owner(&self, id: TicketId) -> Actor {
        self.live
            .get(&id)
            .and_then(|l| l.ticket.assignee.clone())
            .map_or(Actor::System, Actor::Agent)
    }

    pub(super) fn schedule_agent(&mut self, id: TicketId, at: Time, step: AgentStep) {
        let key = self.push(at, Action::Agent(id, step));
        if let Some(l) = self.live.get_mut(&id) {
            l.agent_keys.push(key);
        }
    }

    pub(super) fn schedule_follow(&mut self, id: TicketId, at: Time, step: FollowUp) {
        let key = self.push(at, Action::Follow(id, step));
        if let Some(l) = self.live.get_mut(&id) {
            l.follow_keys.push(key);
        }
    }

    pub(super) fn cancel(&mut self, keys: Vec<Key>) {
        for k in keys {
            self.queue.remove(&k);
        }
    }

    pub(super) fn cancel_agent(&mut self, id: TicketId) {
        let keys = self
            .live
            .get_mut(&id)
            .map(|l| std::mem::take(&mut l.agent_keys))
            .unwrap_or_default();
        self.cancel(keys);
    }

    pub(super) fn cancel_follow_ups(&mut self, id: TicketId) {
        let keys = self
            .live
            .get_mut(&id)
            .map(|l| std::mem::take(&mut l.follow_keys))
            .unwrap_or_default();
        self.cancel(keys);
    }

    /// `m` business minutes of `tier` after `from` (the tier's agents work its hours).
    pub(super) fn after(w: &World, tier: Tier, from: Time, m: u32) -> Time {
        let clock = &w.clocks[usize::from(tier.0.min(4))];
        clock
            .add_business_minutes(from, i64::from(m))
            .unwrap_or(from + Duration::minutes(i64::from(m)))
            .max(from)
    }

    // ---------------------------------------------------------------- arrivals

    pub(super) fn arrive(&mut self, w: &World, i: usize, at: Time) {
        let Some(a) = w.scenario.arrivals.get(i) else {
            return;
        };
        let id = self.first_id + i as TicketId;
        if self.live.contains_key(&id) {
            self.errors.push(format!(
                "ticket #{id} already exists, so the simulated arrival \"{}\" was skipped; \
                 number hand-made tickets outside the simulation's ids",
                a.ticket.subject
            ));
            return;
        }
        // Phone calls are typed in by a Tier 1 agent on shift.
        let typist = (a.ticket.channel == Channel::Phone)
            .then(|| {
                w.cfg.agents.iter().find(|ag| {
                    ag.tiers.contains(&Tier(1)) && !ag.away && on_shift(ag, Tier(1), w.cfg, at)
                })
            })
            .flatten();
        let actor = typist.map_or(Actor::Requester, |ag| Actor::Agent(ag.id.clone()));
        let c = ctx(w.cfg, at, actor);
        let (mut t, mut h) = match ticket::create(id, a.ticket.clone(), &c, &mut self.ids) {
            Ok(x) => x,
            Err(e) => {
                self.errors.push(format!("ticket #{id}: {e}"));
                return;
            }
        };
        let created = t.clone();
        match routing::apply_routing(&mut t, &h, w.cfg, RuleTrigger::OnCreate, &c, &mut self.ids) {
            Ok(ev) => {
                self.workload.note_change(&created, &t, &ev);
                h.extend(ev);
            }
            Err(e) => self.errors.push(format!("ticket #{id}: {e}")),
        }
        self.live.insert(id, Live::new(t, h, a.plan.clone()));
        self.assign_auto(w, id, at);
        self.plan_next(w, id, at);
    }

    /// The desk's automatic assignment, as the app's automation pass would do it.
    pub(super) fn assign_auto(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(l) = self.live.get_mut(&id) else {
            return;
        };
        let c = ctx(w.cfg, now, Actor::System);
        match auto_assign(
            &mut l.ticket,
            &l.events,
            w.cfg,
            &mut self.workload,
            &c,
            &mut self.ids,
        ) {
            Ok(ev) => l.events.extend(ev),
            Err(e) => self.errors.push(format!("ticket #{id} at {now}: {e}")),
        }
    }

    // ---------------------------------------------------------------- planning

    /// Drops the ticket's queued agent steps and queues the next one its state calls for.
    pub(super) fn plan_next(&mut self, w: &World, id: TicketId, now: Time) {
        self.cancel_agent(id);
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let t = &l.ticket;
        if !t.status.is_open() || t.merged_into.is_some() || t.status == Status::Pending {
            return;
        }
        let tier = t.tier;
        let step = l.plan.steps[usize::from(tier.0.min(4))];
        let (at, next) = if !l.picked {
            (Self::after(w, tier, now, step.pickup), AgentStep::Pickup)
        } else if t.status == Status::OnHold {
            if tier == Tier::MAX || l.vendor_case {
                let vendor = l.plan.steps[4].work;
                (
                    Self::after(w, Tier::MAX, now, vendor),
                    AgentStep::VendorReturn,
                )
            } else {
                (Self::after(w, tier, now, 60), AgentStep::Resume)
            }
        } else if tier == Tier::MAX || !replied_in_tier(&l.events) {
            (
                Self::after(w, tier, now, step.first_reply),
                AgentStep::FirstReply,
            )
        } else {
            let (m, clock_tier) = self.work_minutes(w, l);
            (Self::after(w, clock_tier, now, m), AgentStep::Work)
        };
        self.schedule_agent(id, at, next);
    }

    /// How long the next piece of work takes, and on which tier's hours.
    pub(super) fn work_minutes(&self, w: &World, l: &Live) -> (u32, Tier) {
        let tier = l.ticket.tier;
        let step = l.plan.steps[usize::from(tier.0.min(4))];
        if l.solved_once {
            return (step.work / 3 + 5, tier);
        }
        if l.vendor_done {
            return (step.work / 10 + 10, tier);
        }
        let top = l.plan.solve_tier;
        if tier >= top {
            return (step.work, tier);
        }
        if w.mode == WorkMode::Swarm && l.swarmed {
            // The swarm works in parallel: as long as the slowest needed tier, a little less
            // for not re-reading the case at every hand-off; on that tier's hours.
            let need = (tier.0 + 1)..=top.0.min(3);
            let slowest = need
                .clone()
                .map(|t| l.plan.steps[usize::from(t)].work)
                .max();
            let on = Tier(need.max().unwrap_or(tier.0));
            return (slowest.unwrap_or(step.work) * 4 / 5, on);
        }
        // Triage before handing on (or calling the swarm).
        (step.work * 3 / 5 + 1, tier)
    }

    /// Queues the requester's (and the closing) steps that follow a status.
    pub(super) fn after_status_change(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let plan = l.plan.requester;
        let (status, reopened, rated) = (l.ticket.status, l.reopened, l.ticket.csat.is_some());
        let resolved = ticket::last_resolved_at(&l.events).unwrap_or(now);
        let mins = |m: u32| Duration::minutes(i64::from(m));
        match status {
            Status::Pending => {
                self.schedule_follow(id, now + mins(plan.answer_after), FollowUp::Answer)
            }
            Status::Resolved => {
                match (plan.reopen_after, plan.rating) {
                    (Some(m), _) if !reopened => {
                        self.schedule_follow(id, now + mins(m), FollowUp::Reopen)
                    }
                    (_, Some(r)) if !rated => {
                        self.schedule_follow(id, now + mins(r.after), FollowUp::Rate)
                    }
                    _ => {}
                }
                let window = Duration::hours(i64::from(w.cfg.general.reopen_window_hours));
                let at = (resolved + window).max(now) + Duration::minutes(1);
                self.schedule_follow(id, at, FollowUp::Close);
            }
            Status::Closed => {
                if let (Some(r), false) = (plan.rating, rated) {
                    self.schedule_follow(id, now + mins(r.after), FollowUp::Rate);
                }
            }
            _ => {}
        }
    }
}
