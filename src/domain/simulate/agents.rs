//! What the simulated agents, requesters and the automation do at each step.
//!
//! Every change goes through `ticket::apply` (or the routing, assignment and escalation
//! functions built on it) at the action's instant; a refused command is recorded in
//! `errors` and ends that step.

use chrono::Duration;

use super::kinds::{self, kind, pick};
use super::{Action, AgentStep, FollowUp, Key, Live, State, World};
use crate::domain::assignment::{self, auto_assign, choose_helper, needed_skills, on_shift};
use crate::domain::desk::{DeskConfig, RuleTrigger, WorkMode};
use crate::domain::escalation::{self, apply_escalation, due_escalations};
use crate::domain::model::*;
use crate::domain::routing;
use crate::domain::ticket::{self, Command, Ctx};

/// Most escalations one check carries out (one tier step each).
const MAX_STEPS: usize = 6;

fn ctx(cfg: &DeskConfig, now: Time, actor: Actor) -> Ctx {
    Ctx {
        now,
        actor,
        reopen_window: Duration::hours(i64::from(cfg.general.reopen_window_hours)),
    }
}

/// Agent time is logged in whole minutes between 1 and 24 hours.
fn minutes(m: u32) -> u32 {
    m.clamp(1, 24 * 60)
}

/// Whether an agent answered publicly since the ticket entered its current tier.
fn replied_in_tier(events: &[Event]) -> bool {
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
fn came_from(events: &[Event]) -> Option<Tier> {
    events.iter().rev().find_map(|e| match e.kind {
        EventKind::TierChanged { from, to, .. } if to == Tier::MAX && from < Tier::MAX => {
            Some(from)
        }
        _ => None,
    })
}

/// The group a ticket should have in `tier`: the kind's group if the desk has it there,
/// else (from Tier 3 up) the tier's first group; `None` for no group.
fn group_for(cfg: &DeskConfig, wanted: &str, tier: Tier) -> Option<String> {
    let of_tier = |g: &&crate::domain::desk::Group| g.tier == tier;
    cfg.groups
        .iter()
        .filter(of_tier)
        .find(|g| g.id == wanted)
        .or_else(|| (tier >= Tier(3)).then(|| cfg.groups.iter().find(of_tier)).flatten())
        .map(|g| g.id.clone())
}

impl State {
    /// Applies one command as `actor` at `now`; false (and an error recorded) if refused.
    fn apply(&mut self, w: &World, id: TicketId, now: Time, actor: Actor, cmd: Command) -> bool {
        let Some(l) = self.live.get_mut(&id) else {
            return false;
        };
        let before = l.ticket.clone();
        match ticket::apply(&mut l.ticket, &l.events, cmd, &ctx(w.cfg, now, actor), &mut self.ids) {
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
    fn took(&mut self, id: TicketId, before: &Ticket, result: Result<Vec<Event>, ticket::DomainError>, now: Time) -> bool {
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

    fn owner(&self, id: TicketId) -> Actor {
        self.live
            .get(&id)
            .and_then(|l| l.ticket.assignee.clone())
            .map_or(Actor::System, Actor::Agent)
    }

    fn schedule_agent(&mut self, id: TicketId, at: Time, step: AgentStep) {
        let key = self.push(at, Action::Agent(id, step));
        if let Some(l) = self.live.get_mut(&id) {
            l.agent_keys.push(key);
        }
    }

    fn schedule_follow(&mut self, id: TicketId, at: Time, step: FollowUp) {
        let key = self.push(at, Action::Follow(id, step));
        if let Some(l) = self.live.get_mut(&id) {
            l.follow_keys.push(key);
        }
    }

    fn cancel(&mut self, keys: Vec<Key>) {
        for k in keys {
            self.queue.remove(&k);
        }
    }

    fn cancel_agent(&mut self, id: TicketId) {
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
    fn after(w: &World, tier: Tier, from: Time, m: u32) -> Time {
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
    fn assign_auto(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(l) = self.live.get_mut(&id) else {
            return;
        };
        let c = ctx(w.cfg, now, Actor::System);
        match auto_assign(&mut l.ticket, &l.events, w.cfg, &mut self.workload, &c, &mut self.ids) {
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
                (Self::after(w, Tier::MAX, now, vendor), AgentStep::VendorReturn)
            } else {
                (Self::after(w, tier, now, 60), AgentStep::Resume)
            }
        } else if !replied_in_tier(&l.events) && tier < Tier::MAX {
            (Self::after(w, tier, now, step.first_reply), AgentStep::FirstReply)
        } else {
            let (m, clock_tier) = self.work_minutes(w, l);
            (Self::after(w, clock_tier, now, m), AgentStep::Work)
        };
        self.schedule_agent(id, at, next);
    }

    /// How long the next piece of work takes, and on which tier's hours.
    fn work_minutes(&self, w: &World, l: &Live) -> (u32, Tier) {
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
            let slowest = need.clone().map(|t| l.plan.steps[usize::from(t)].work).max();
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
            Status::Pending => self.schedule_follow(id, now + mins(plan.answer_after), FollowUp::Answer),
            Status::Resolved => {
                match (plan.reopen_after, plan.rating) {
                    (Some(m), _) if !reopened => self.schedule_follow(id, now + mins(m), FollowUp::Reopen),
                    (_, Some(r)) if !rated => self.schedule_follow(id, now + mins(r.after), FollowUp::Rate),
                    _ => {}
                }
                let window = Duration::hours(i64::from(w.cfg.general.reopen_window_hours));
                let at = (resolved + window).max(now) + Duration::minutes(1);
                self.schedule_follow(id, at, FollowUp::Close);
            }
            _ => {}
        }
    }

    // ---------------------------------------------------------------- agents

    pub(super) fn agent_step(&mut self, w: &World, id: TicketId, step: AgentStep, now: Time) {
        let open = self
            .live
            .get(&id)
            .is_some_and(|l| l.ticket.status.is_open() && l.ticket.merged_into.is_none());
        if !open {
            return;
        }
        match step {
            AgentStep::Pickup => self.pickup(w, id, now),
            AgentStep::FirstReply => self.first_reply(w, id, now),
            AgentStep::Work => self.work(w, id, now),
            AgentStep::VendorReturn => self.vendor_return(w, id, now),
            AgentStep::Resume => {
                let owner = self.owner(id);
                if self.apply(w, id, now, owner, Command::SetStatus(Status::Open)) {
                    self.plan_next(w, id, now);
                }
            }
        }
    }

    /// An agent of the ticket's tier who could take it now: the desk's assignment method
    /// first, else the least loaded agent on shift (group members first).
    fn hand_pick(&self, w: &World, t: &Ticket, now: Time) -> Option<AgentId> {
        if let Some(a) = assignment::choose_assignee(t, w.cfg, &self.workload, now) {
            return Some(a);
        }
        w.cfg
            .agents
            .iter()
            .filter(|a| a.tiers.contains(&t.tier) && !a.away && on_shift(a, t.tier, w.cfg, now))
            .filter(|a| self.workload.get(&a.id).open < a.capacity)
            .min_by_key(|a| {
                let in_group = t.group.as_ref().is_some_and(|g| a.groups.contains(g));
                (!in_group, self.workload.get(&a.id).open, a.id.clone())
            })
            .map(|a| a.id.clone())
    }

    fn pickup(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(t) = self.live.get(&id).map(|l| l.ticket.clone()) else {
            return;
        };
        if t.assignee.is_none() {
            let staffed = w.cfg.agents.iter().any(|a| a.tiers.contains(&t.tier));
            match self.hand_pick(w, &t, now) {
                Some(agent) => {
                    let actor = Actor::Agent(agent.clone());
                    let cmd = Command::Assign {
                        to: Some(agent),
                        reason: Some("picked up from the queue".into()),
                    };
                    if !self.apply(w, id, now, actor.clone(), cmd) {
                        return;
                    }
                    // A group left over from another tier would keep the desk's own
                    // assignment from finding anyone here.
                    let kind_group = kind(self.live.get(&id).map_or("", |l| l.plan.kind)).group;
                    let stale = t.group.as_ref().is_some_and(|g| {
                        !w.cfg.groups.iter().any(|x| x.id == *g && x.tier == t.tier)
                    });
                    if stale || t.group.is_none() {
                        let g = group_for(w.cfg, kind_group, t.tier);
                        if g != t.group {
                            self.apply(w, id, now, actor, Command::SetGroup(g));
                        }
                    }
                }
                // The vendor is outside the desk: its work goes on without an account.
                None if !staffed && t.tier == Tier::MAX => {}
                None if staffed => {
                    // Nobody free: try again when the tier next opens, or in 15 minutes.
                    let clock = &w.clocks[usize::from(t.tier.0.min(4))];
                    let later = now + Duration::minutes(15);
                    let at = clock.next_open(later).unwrap_or(later).max(later);
                    self.schedule_agent(id, at, AgentStep::Pickup);
                    return;
                }
                // Nobody works this tier: the ticket waits for the tier limit or a person.
                None => return,
            }
        }
        if let Some(l) = self.live.get_mut(&id) {
            l.picked = true;
        }
        self.plan_next(w, id, now);
    }

    fn first_reply(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let k = kind(l.plan.kind);
        let tier = l.ticket.tier;
        let ask = l.plan.requester.asked && !l.asked && tier <= Tier(1);
        let owner = self.owner(id);
        let name = owner
            .agent_id()
            .map_or_else(|| "the desk".to_string(), |a| w.cfg.agent_name(a));
        let mut body = if tier <= Tier(1) || l.solved_once {
            k.first_reply.to_string()
        } else {
            format!(
                "Hello, this is {name} from {}. I have taken over your request and am looking into it.",
                w.cfg.tier_name(tier)
            )
        };
        if ask {
            body.push(' ');
            body.push_str(pick(kinds::ASK_FOR_DETAILS, id));
        }
        let spent = minutes(l.plan.steps[usize::from(tier.0.min(4))].first_reply.max(2));
        if !self.apply(w, id, now, owner.clone(), Command::Reply(body)) {
            return;
        }
        self.apply(w, id, now, owner.clone(), Command::LogTime(spent));
        if ask {
            if let Some(l) = self.live.get_mut(&id) {
                l.asked = true;
            }
            if self.apply(w, id, now, owner, Command::SetStatus(Status::Pending)) {
                self.after_status_change(w, id, now);
            }
        }
        self.plan_next(w, id, now);
    }

    fn work(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let tier = l.ticket.tier;
        let owner = self.owner(id);
        if tier == Tier::MAX {
            // The vendor works on its own schedule while the desk waits.
            if self.apply(w, id, now, owner, Command::SetStatus(Status::OnHold)) {
                self.plan_next(w, id, now);
            }
            return;
        }
        let swarm = w.mode == WorkMode::Swarm;
        // A swarm that has worked it solves anything short of a vendor fix.
        let by_swarm = swarm && l.swarmed && l.plan.solve_tier < Tier::MAX;
        let can_solve = tier >= l.plan.solve_tier || l.vendor_done || l.solved_once || by_swarm;
        let (spent, _) = self.work_minutes(w, l);
        if can_solve {
            self.resolve(w, id, now, spent);
        } else if swarm && !l.swarmed {
            self.call_swarm(w, id, now, spent);
        } else if swarm {
            self.open_vendor_case(w, id, now, spent);
        } else {
            let limited = w.cfg.tier(tier).and_then(|t| t.limit_minutes).is_some();
            let step = l.plan.steps[usize::from(tier.0)];
            if step.hands_on || !limited {
                self.hand_on(w, id, now, spent);
            } else {
                // Cannot solve it and does not hand it on: the tier limit will.
                let note = pick(kinds::STALL_NOTES, id + u64::from(tier.0));
                self.apply(w, id, now, owner.clone(), Command::LogTime(minutes(spent)));
                self.apply(w, id, now, owner, Command::Note(note.into()));
            }
        }
    }

    fn resolve(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let k = kind(l.plan.kind);
        let body = if l.solved_once {
            "Sorry it came back. I have fixed it properly this time; reply if it returns.".to_string()
        } else if l.vendor_done {
            format!("The vendor's fix is in place. {}", k.resolution)
        } else {
            k.resolution.to_string()
        };
        let owner = self.owner(id);
        self.log_team(w, id, now, spent);
        if !self.apply(w, id, now, owner.clone(), Command::Reply(body)) {
            return;
        }
        if self.apply(w, id, now, owner, Command::SetStatus(Status::Resolved)) {
            if let Some(l) = self.live.get_mut(&id) {
                l.solved_once = true;
            }
            self.after_status_change(w, id, now);
        }
    }

    /// The owner and every helper of the desk (not the vendor) log the time: in a swarm
    /// everyone spends it together, which costs more agent time but saves the waiting.
    fn log_team(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
        let helpers = self.live.get(&id).map(|l| l.ticket.helpers.clone()).unwrap_or_default();
        for h in helpers {
            if w.cfg.agent(&h).is_some_and(|a| !a.tiers.contains(&Tier::MAX)) {
                self.apply(w, id, now, Actor::Agent(h), Command::LogTime(minutes(spent)));
            }
        }
        let owner = self.owner(id);
        self.apply(w, id, now, owner, Command::LogTime(minutes(spent)));
    }

    /// Swarm: the swarm found the product itself at fault; the vendor joins and the desk waits.
    fn open_vendor_case(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
        self.log_team(w, id, now, spent);
        let owner = self.owner(id);
        let cur = self.live.get(&id).map(|l| l.ticket.clone());
        if let Some(vendor) = cur.and_then(|c| choose_helper(&c, w.cfg, &self.workload, Tier::MAX, now)) {
            self.apply(w, id, now, owner.clone(), Command::AddHelper(vendor));
        }
        let note = "Opened a vendor case; the vendor joins the swarm.".to_string();
        self.apply(w, id, now, owner.clone(), Command::Note(note));
        if self.apply(w, id, now, owner, Command::SetStatus(Status::OnHold)) {
            if let Some(l) = self.live.get_mut(&id) {
                l.vendor_case = true;
            }
        }
        self.plan_next(w, id, now);
    }

    /// Tiered: the agent hands the ticket to the next tier by hand, with a reason.
    fn hand_on(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let Some(to) = l.ticket.tier.next() else {
            return;
        };
        let kind_group = kind(l.plan.kind).group;
        let owner = self.owner(id);
        let reason = if to == Tier::MAX {
            "Needs the vendor: the product itself is at fault".to_string()
        } else {
            format!("Needs {}: the {} scripts did not solve it", w.cfg.tier_name(to), w.cfg.tier_name(l.ticket.tier))
        };
        self.apply(w, id, now, owner.clone(), Command::LogTime(minutes(spent)));
        let Some(l) = self.live.get_mut(&id) else {
            return;
        };
        let before = l.ticket.clone();
        let c = ctx(w.cfg, now, owner.clone());
        let res = escalation::escalate(&mut l.ticket, &l.events, to, &reason, &c, &mut self.ids);
        if !self.took(id, &before, res, now) {
            return;
        }
        let g = group_for(w.cfg, kind_group, to);
        if self.live.get(&id).is_some_and(|l| l.ticket.group != g) {
            self.apply(w, id, now, owner, Command::SetGroup(g));
        }
        self.moved_tier(w, id, now);
    }

    /// After any move between tiers: the new tier picks it up.
    fn moved_tier(&mut self, w: &World, id: TicketId, now: Time) {
        if let Some(l) = self.live.get_mut(&id) {
            l.picked = false;
        }
        self.assign_auto(w, id, now);
        self.plan_next(w, id, now);
    }

    /// Swarm: the owner keeps the ticket and pulls in a helper from each tier it needs.
    fn call_swarm(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let t = l.ticket.clone();
        let top = l.plan.solve_tier;
        let owner = self.owner(id);
        self.apply(w, id, now, owner.clone(), Command::LogTime(minutes(spent)));
        let skills = needed_skills(&t, w.cfg);
        for tier in (t.tier.0 + 1)..=top.0.min(3) {
            let tier = Tier(tier);
            let Some(cur) = self.live.get(&id).map(|l| l.ticket.clone()) else {
                return;
            };
            let has = cur
                .helpers
                .iter()
                .any(|h| w.cfg.agent(h).is_some_and(|a| a.tiers.contains(&tier)));
            if has {
                continue;
            }
            let skilled = w
                .cfg
                .agents
                .iter()
                .filter(|a| {
                    a.tiers.contains(&tier)
                        && !a.away
                        && cur.assignee.as_deref() != Some(a.id.as_str())
                        && !cur.helpers.contains(&a.id)
                        && on_shift(a, tier, w.cfg, now)
                        && a.skills.iter().any(|s| skills.contains(&s.to_lowercase()))
                })
                .min_by_key(|a| (self.workload.get(&a.id).open, a.id.clone()))
                .map(|a| a.id.clone());
            let Some(helper) = skilled.or_else(|| choose_helper(&cur, w.cfg, &self.workload, tier, now)) else {
                continue;
            };
            let note = format!(
                "Swarming: asked {} ({}) to help.",
                w.cfg.agent_name(&helper),
                w.cfg.tier_name(tier)
            );
            self.apply(w, id, now, owner.clone(), Command::Note(note));
            self.apply(w, id, now, owner.clone(), Command::AddHelper(helper));
        }
        if let Some(l) = self.live.get_mut(&id) {
            l.swarmed = true;
        }
        self.plan_next(w, id, now);
    }

    /// The vendor delivers a fix. Tiered: the ticket goes back down to the tier it came from;
    /// swarm: it comes off hold with its owner.
    fn vendor_return(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let vendor = if l.ticket.tier == Tier::MAX {
            l.ticket.assignee.clone()
        } else {
            l.ticket.helpers.iter().find(|h| {
                w.cfg.agent(h).is_some_and(|a| a.tiers.contains(&Tier::MAX))
            }).cloned()
        };
        let actor = vendor.map_or(Actor::System, Actor::Agent);
        let note = format!("Vendor case VC-{}: fix delivered, please verify.", 40000 + id % 9999);
        self.apply(w, id, now, actor.clone(), Command::Note(note));
        if let Some(l) = self.live.get_mut(&id) {
            l.vendor_done = true;
            l.vendor_case = false;
        }
        let Some(l) = self.live.get_mut(&id) else {
            return;
        };
        if l.ticket.tier == Tier::MAX {
            let back = came_from(&l.events).unwrap_or(Tier(3));
            let before = l.ticket.clone();
            let c = ctx(w.cfg, now, actor);
            let reason = "Fix delivered by the vendor; verify and close";
            let res = escalation::escalate(&mut l.ticket, &l.events, back, reason, &c, &mut self.ids);
            if self.took(id, &before, res, now) {
                self.moved_tier(w, id, now);
            }
        } else if self.apply(w, id, now, actor, Command::SetStatus(Status::Open)) {
            self.plan_next(w, id, now);
        }
    }

    // ---------------------------------------------------------------- requesters

    pub(super) fn follow_up(&mut self, w: &World, id: TicketId, step: FollowUp, now: Time) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let t = &l.ticket;
        if t.merged_into.is_some() {
            return;
        }
        match step {
            FollowUp::Answer if t.status == Status::Pending => {
                let body = pick(kinds::ANSWERS, id).to_string();
                if self.apply(w, id, now, Actor::Requester, Command::RequesterReply(body)) {
                    self.plan_next(w, id, now);
                }
            }
            FollowUp::Reopen if t.status == Status::Resolved && !l.reopened => {
                let body = pick(kinds::STILL_BROKEN, id).to_string();
                if let Some(l) = self.live.get_mut(&id) {
                    l.reopened = true;
                }
                self.cancel_follow_ups(id);
                if self.apply(w, id, now, Actor::Requester, Command::RequesterReply(body)) {
                    self.plan_next(w, id, now);
                }
            }
            FollowUp::Rate
                if matches!(t.status, Status::Resolved | Status::Closed) && t.csat.is_none() =>
            {
                let Some(r) = l.plan.requester.rating else {
                    return;
                };
                let took = now - t.created_at;
                let mut score = i16::from(r.mood);
                score -= i16::from(l.reopened);
                score -= i16::from(took > Duration::hours(8));
                score -= i16::from(took > Duration::hours(48));
                let score = score.clamp(1, 5) as u8;
                let comment = kinds::COMMENTS[usize::from(score - 1)].to_string();
                self.apply(w, id, now, Actor::Requester, Command::Rate { score, comment });
            }
            FollowUp::Close if t.status == Status::Resolved => {
                let window = Duration::hours(i64::from(w.cfg.general.reopen_window_hours));
                let due = ticket::last_resolved_at(&l.events).is_none_or(|r| r + window <= now);
                if due {
                    self.apply(w, id, now, Actor::System, Command::SetStatus(Status::Closed));
                }
            }
            _ => {}
        }
    }

    // ---------------------------------------------------------------- automation

    /// The app's automation pass for one ticket at `now`: escalations that fell due (each
    /// stamped when it fell due), then automatic assignment.
    pub(super) fn check(&mut self, w: &World, id: TicketId, now: Time) {
        let mut moved = false;
        for _ in 0..MAX_STEPS {
            let Some(l) = self.live.get_mut(&id) else {
                return;
            };
            let Some(esc) = due_escalations(&l.ticket, &l.events, w.cfg, now) else {
                break;
            };
            let before = l.ticket.clone();
            let res = apply_escalation(&mut l.ticket, &l.events, &esc, w.cfg, &self.workload, &mut self.ids);
            let changed = matches!(&res, Ok(ev) if !ev.is_empty());
            if !self.took(id, &before, res, now) || !changed {
                break;
            }
            moved |= self.live.get(&id).is_some_and(|l| l.ticket.tier != before.tier);
        }
        let Some(l) = self.live.get(&id) else {
            return;
        };
        if moved {
            // A group of the old tier would keep anyone in the new tier from getting it.
            let t = &l.ticket;
            let stale = t
                .group
                .as_ref()
                .is_some_and(|g| !w.cfg.groups.iter().any(|x| x.id == *g && x.tier == t.tier));
            if stale {
                let g = group_for(w.cfg, kind(l.plan.kind).group, t.tier);
                self.apply(w, id, now, Actor::System, Command::SetGroup(g));
            }
            self.moved_tier(w, id, now);
        } else if l.ticket.assignee.is_none() && l.ticket.status.is_open() {
            self.assign_auto(w, id, now);
            // Nobody was going to act (no one in the tier was free): the new owner starts.
            if self.live.get(&id).is_some_and(|l| l.ticket.assignee.is_some() && l.agent_keys.is_empty()) {
                self.plan_next(w, id, now);
            }
        }
    }
}
