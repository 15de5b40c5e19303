//! What the simulated agents do: pick tickets up, answer, solve, hand on (tiered), call in
//! helpers (swarm), and wait on the vendor.

use chrono::Duration;

use super::flow::{came_from, ctx, group_for, minutes};
use super::kinds::{self, kind, pick};
use super::{AgentStep, State, World};
use crate::domain::assignment::{self, choose_helper, needed_skills, on_shift};
use crate::domain::desk::WorkMode;
use crate::domain::escalation;
use crate::domain::model::*;
use crate::domain::ticket::Command;

impl State {
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
    pub(super) fn hand_pick(&self, w: &World, t: &Ticket, now: Time) -> Option<AgentId> {
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

    pub(super) fn pickup(&mut self, w: &World, id: TicketId, now: Time) {
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

    pub(super) fn first_reply(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let k = kind(l.plan.kind);
        let tier = l.ticket.tier;
        if tier == Tier::MAX {
            // The vendor confirms the case; the desk waits on it (the clocks pause).
            let vendor = self.owner(id);
            let note = format!("Vendor case VC-{} opened.", 40000 + id % 9999);
            self.apply(w, id, now, vendor.clone(), Command::Note(note));
            if self.apply(w, id, now, vendor, Command::SetStatus(Status::OnHold)) {
                self.plan_next(w, id, now);
            }
            return;
        }
        let ask = l.plan.requester.asked && !l.asked && tier <= Tier(1);
        let owner = self.owner(id);
        let name = owner
            .agent_id()
            .map_or_else(|| "the desk".to_string(), |a| w.cfg.agent_name(a));
        let mut body = if tier <= Tier(1) {
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

    pub(super) fn work(&mut self, w: &World, id: TicketId, now: Time) {
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

    pub(super) fn resolve(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let k = kind(l.plan.kind);
        let body = if l.solved_once {
            "Sorry it came back. I have fixed it properly this time; reply if it returns."
                .to_string()
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
    pub(super) fn log_team(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
        let helpers = self
            .live
            .get(&id)
            .map(|l| l.ticket.helpers.clone())
            .unwrap_or_default();
        for h in helpers {
            if w.cfg
                .agent(&h)
                .is_some_and(|a| !a.tiers.contains(&Tier::MAX))
            {
                self.apply(
                    w,
                    id,
                    now,
                    Actor::Agent(h),
                    Command::LogTime(minutes(spent)),
                );
            }
        }
        let owner = self.owner(id);
        self.apply(w, id, now, owner, Command::LogTime(minutes(spent)));
    }

    /// Swarm: the swarm found the product itself at fault; the vendor joins and the desk waits.
    pub(super) fn open_vendor_case(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
        self.log_team(w, id, now, spent);
        let owner = self.owner(id);
        let cur = self.live.get(&id).map(|l| l.ticket.clone());
        if let Some(vendor) =
            cur.and_then(|c| choose_helper(&c, w.cfg, &self.workload, Tier::MAX, now))
        {
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
    pub(super) fn hand_on(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
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
            format!(
                "Needs {}: the {} scripts did not solve it",
                w.cfg.tier_name(to),
                w.cfg.tier_name(l.ticket.tier)
            )
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
    pub(super) fn moved_tier(&mut self, w: &World, id: TicketId, now: Time) {
        if let Some(l) = self.live.get_mut(&id) {
            l.picked = false;
        }
        self.assign_auto(w, id, now);
        self.plan_next(w, id, now);
    }

    /// Swarm: the owner keeps the ticket and pulls in a helper from each tier it needs.
    pub(super) fn call_swarm(&mut self, w: &World, id: TicketId, now: Time, spent: u32) {
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
            let Some(helper) =
                skilled.or_else(|| choose_helper(&cur, w.cfg, &self.workload, tier, now))
            else {
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
    pub(super) fn vendor_return(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(l) = self.live.get(&id) else {
            return;
        };
        let vendor = if l.ticket.tier == Tier::MAX {
            l.ticket.assignee.clone()
        } else {
            l.ticket
                .helpers
                .iter()
                .find(|h| w.cfg.agent(h).is_some_and(|a| a.tiers.contains(&Tier::MAX)))
                .cloned()
        };
        let actor = vendor.map_or(Actor::System, Actor::Agent);
        let note = format!(
            "Vendor case VC-{}: fix delivered, please verify.",
            40000 + id % 9999
        );
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
            let res =
                escalation::escalate(&mut l.ticket, &l.events, back, reason, &c, &mut self.ids);
            if self.took(id, &before, res, now) {
                self.moved_tier(w, id, now);
            }
        } else if self.apply(w, id, now, actor, Command::SetStatus(Status::Open)) {
            self.plan_next(w, id, now);
        }
    }
}
