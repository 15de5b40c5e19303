//! The demo's hands: every step of a story goes through the real ticket commands, routing,
//! automatic assignment and escalation, at simulated instants. The script is in `story.rs`.

use chrono::Duration;

use crate::domain::assignment::{self, Workload};
use crate::domain::calendar::BusinessClock;
use crate::domain::desk::DeskConfig;
use crate::domain::escalation;
use crate::domain::model::*;
use crate::domain::rng::Rng;
use crate::domain::ticket::{self, Command, Ctx, SeqIds};

/// A ticket being written: its snapshot, history, and the time of the last step.
pub(super) struct Run {
    pub t: Ticket,
    pub h: Vec<Event>,
    pub at: Time,
    /// Business minutes counted against the current tier's time limit (while new or open).
    pub used: i64,
    /// The story reached `now` (or a step failed): later steps are skipped.
    pub stopped: bool,
    /// The Tier 2 group this kind of request goes to.
    pub group2: &'static str,
}

pub(super) struct Sim<'a> {
    pub cfg: &'a DeskConfig,
    pub now: Time,
    ids: SeqIds,
    workload: Workload,
    /// Opening hours of tiers 0 to 4.
    clocks: Vec<BusinessClock>,
    pub reopen_window: Duration,
    /// Turn counter for picking agents by hand when automatic assignment picks nobody.
    turn: usize,
    /// Commands the domain refused; always empty unless the demo script is wrong.
    pub errors: Vec<String>,
}

/// Whether the tier clock counts in this status (it pauses while waiting on others).
fn counts(s: Status) -> bool {
    matches!(s, Status::New | Status::Open)
}

impl<'a> Sim<'a> {
    pub fn new(cfg: &'a DeskConfig, now: Time, seed: u64) -> Self {
        let clocks = (0..=4)
            .map(|t| match cfg.tier(Tier(t)) {
                Some(tc) => BusinessClock::for_calendar_id(cfg, &tc.calendar),
                None => BusinessClock::always(),
            })
            .collect();
        Sim {
            cfg,
            now,
            ids: SeqIds::new(&format!("demo-{seed:x}-")),
            workload: Workload::default(),
            clocks,
            reopen_window: Duration::hours(cfg.general.reopen_window_hours as i64),
            turn: 0,
            errors: vec![],
        }
    }

    pub fn ids(&mut self) -> &mut SeqIds {
        &mut self.ids
    }

    pub fn clock(&self, tier: Tier) -> &BusinessClock {
        &self.clocks[tier.0.min(4) as usize]
    }

    /// The first instant at or after `t` when the ticket's tier is at work.
    pub fn office_open(&self, run: &Run, t: Time) -> Time {
        self.clock(run.t.tier).next_open(t).unwrap_or(t)
    }

    /// Business minutes the current tier may still spend before its limit moves the ticket on.
    pub fn budget(&self, run: &Run) -> i64 {
        let limit = self
            .cfg
            .tier(run.t.tier)
            .and_then(|t| t.limit_minutes)
            .map_or(i64::MAX / 4, i64::from);
        limit - run.used
    }

    /// The instant `m` business minutes of the current tier after the last step.
    fn after(&self, run: &Run, m: i64) -> Time {
        self.clock(run.t.tier)
            .add_business_minutes(run.at, m)
            .unwrap_or(run.at + Duration::minutes(m))
    }

    /// A step by the desk `m` business minutes after the last one.
    pub fn desk(&mut self, run: &mut Run, m: i64, actor: Actor, cmd: Command) {
        let at = self.after(run, m);
        if counts(run.t.status) {
            run.used += m;
        }
        self.step(run, at, actor, cmd);
    }

    /// A step at a wall-clock instant (requesters, the vendor, the system).
    pub fn step(&mut self, run: &mut Run, at: Time, actor: Actor, cmd: Command) {
        if run.stopped {
            return;
        }
        let at = at.max(run.at);
        if at > self.now {
            run.stopped = true;
            return;
        }
        let ctx = Ctx {
            now: at,
            actor,
            reopen_window: self.reopen_window,
        };
        let moves = matches!(cmd, Command::ChangeTier { .. });
        match ticket::apply(&mut run.t, &run.h, cmd, &ctx, &mut self.ids) {
            Ok(ev) => {
                run.at = at;
                run.h.extend(ev);
                if moves {
                    run.used = 0;
                }
            }
            Err(e) => {
                self.errors.push(format!("ticket #{}: {e}", run.t.id));
                run.stopped = true;
            }
        }
    }

    /// Gives the ticket an owner in its tier `m` business minutes from now: automatic
    /// assignment if the tier or group has a method, else the next agent of the tier in turn.
    pub fn assign(&mut self, run: &mut Run, m: i64, by: Actor) {
        let at = self.after(run, m).max(run.at);
        if run.stopped || at > self.now {
            run.stopped = true;
            return;
        }
        if counts(run.t.status) {
            run.used += m;
        }
        let ctx = Ctx::new(at, Actor::System);
        if let Ok(ev) = assignment::auto_assign(
            &mut run.t,
            &run.h,
            self.cfg,
            &mut self.workload,
            &ctx,
            &mut self.ids,
        ) {
            run.h.extend(ev);
            run.at = at;
        }
        // Stories run one after another, so open counts would pile up: spread work by turns only.
        for load in self.workload.agents.values_mut() {
            load.open = 0;
        }
        if run.t.assignee.is_none() {
            let pool: Vec<&str> = self
                .cfg
                .agents
                .iter()
                .filter(|a| a.tiers.contains(&run.t.tier))
                .filter(|a| run.t.group.as_ref().is_none_or(|g| a.groups.contains(g)))
                .map(|a| a.id.as_str())
                .collect();
            if let Some(&who) = pool.get(self.turn % pool.len().max(1)) {
                self.turn += 1;
                let cmd = Command::Assign {
                    to: Some(who.to_string()),
                    reason: None,
                };
                self.step(run, at, by, cmd);
            }
        }
    }

    /// The ticket's owner as an actor, or the system when nobody owns it.
    pub fn owner(run: &Run) -> Actor {
        run.t.assignee.clone().map_or(Actor::System, Actor::Agent)
    }

    pub fn tier_agent(&self, tier: Tier, r: &mut Rng) -> AgentId {
        let pool: Vec<&str> = self
            .cfg
            .agents
            .iter()
            .filter(|a| a.tiers.contains(&tier))
            .map(|a| a.id.as_str())
            .collect();
        r.pick(&pool)
            .map_or_else(|| "admin".to_string(), |s| s.to_string())
    }

    /// The tier's time limit ran out: the app's automation moves the ticket one tier up,
    /// stamped when the limit was used up. The real automation decides; the demo's own
    /// bookkeeping only says when to ask it.
    pub fn limit_reached(&mut self, run: &mut Run, r: &mut Rng) {
        if run.t.tier.next().is_none() || run.stopped {
            return;
        }
        // A little after the limit by the demo's count, but never later than `now`.
        let expected = self.after(run, self.budget(run).max(0)) + Duration::minutes(2);
        let probe = expected.min(self.now);
        let due = escalation::due_escalations(&run.t, &run.h, self.cfg, probe)
            .filter(|e| e.cause == EscalationCause::TierLimit);
        let Some(esc) = due else {
            if expected <= self.now {
                self.errors.push(format!(
                    "ticket #{}: no tier limit due at {probe}",
                    run.t.id
                ));
            }
            // Otherwise not due yet at `now`: the app's automation will do it when it runs.
            run.stopped = true;
            return;
        };
        match escalation::apply_escalation(
            &mut run.t,
            &run.h,
            &esc,
            self.cfg,
            &self.workload,
            &mut self.ids,
        ) {
            Ok(ev) => {
                run.at = run.at.max(ev.last().map_or(esc.at, |e| e.at));
                run.h.extend(ev);
                run.used = 0;
            }
            Err(e) => {
                self.errors.push(format!("ticket #{}: {e}", run.t.id));
                run.stopped = true;
                return;
            }
        }
        let group = if run.t.tier == Tier(2) {
            run.group2
        } else {
            "infrastructure"
        };
        self.start_in_tier(run, group, Actor::System, r);
    }

    /// An agent moves the ticket to tier `to` after `m` business minutes (to Tier 4 it goes
    /// on hold; back from Tier 4 it opens again: see `escalation::escalate`).
    pub fn escalate_by_hand(&mut self, run: &mut Run, m: i64, to: Tier, reason: &str) {
        let at = self.after(run, m).max(run.at);
        if run.stopped || at > self.now {
            run.stopped = true;
            return;
        }
        let ctx = Ctx {
            now: at,
            actor: Self::owner(run),
            reopen_window: self.reopen_window,
        };
        match escalation::escalate(&mut run.t, &run.h, to, reason, &ctx, &mut self.ids) {
            Ok(ev) => {
                run.h.extend(ev);
                run.at = at;
                run.used = 0;
            }
            Err(e) => {
                self.errors.push(format!("ticket #{}: {e}", run.t.id));
                run.stopped = true;
            }
        }
    }

    /// After a move: the group in the new tier, an owner there, and their first work.
    pub fn start_in_tier(&mut self, run: &mut Run, group: &str, by: Actor, r: &mut Rng) {
        let tier = run.t.tier;
        let group = self
            .cfg
            .groups
            .iter()
            .find(|g| g.id == group && g.tier == tier)
            .map(|g| g.id.clone());
        self.step(run, run.at, by.clone(), Command::SetGroup(group));
        self.assign(run, r.range(2, 30), by);
        let owner = Self::owner(run);
        if r.chance(0.5) {
            let note = r.pick(super::scenarios::NOTES).copied().unwrap_or_default();
            self.desk(
                run,
                r.range(1, 10),
                owner.clone(),
                Command::Note(note.into()),
            );
        }
        self.desk(run, 0, owner, Command::LogTime(r.range(15, 180) as u32));
    }
}
