//! The script each demo ticket follows, with dice at every turn: Tier 1 picks it up and solves
//! it in one answer, or answers and waits on an approval or on the requester, or hands it up;
//! specialists ask questions, call the vendor and solve it; requesters sometimes come back and
//! often rate; the desk closes it a week later. `now` cuts stories short, which is what leaves
//! a live backlog: tickets that just came in, wait on someone, or are still being worked on.

use chrono::Duration;

use super::scenarios::*;
use super::sim::{Run, Sim};
use crate::domain::desk::RuleTrigger;
use crate::domain::model::*;
use crate::domain::rng::Rng;
use crate::domain::routing;
use crate::domain::ticket::{self, Command, Ctx, NewTicket};

/// How long a requester takes to answer: sometimes within hours, often a few days (they
/// have their own work), up to ten.
fn requester_delay(r: &mut Rng) -> Duration {
    let minutes = match r.weighted(&[15, 35, 50]) {
        Some(0) => r.range(15, 240),
        Some(1) => r.range(240, 2 * 1440),
        _ => r.range(2 * 1440, 10 * 1440),
    };
    Duration::minutes(minutes)
}

impl Sim<'_> {
    pub(super) fn story(
        &mut self,
        id: TicketId,
        created: Time,
        requesters: &[Requester],
        r: &mut Rng,
    ) -> Option<(Ticket, Vec<Event>)> {
        let weights: Vec<u32> = SCENARIOS.iter().map(|s| s.weight).collect();
        let sc: &Scenario = &SCENARIOS[r.weighted(&weights)?];
        let requester = r.pick(requesters)?.clone();
        const CHANNELS: [(Channel, u32); 6] = [
            (Channel::Portal, 35),
            (Channel::Email, 30),
            (Channel::Phone, 12),
            (Channel::Chat, 10),
            (Channel::Kiosk, 5),
            (Channel::Agent, 8),
        ];
        let channel = CHANNELS[r.weighted(&CHANNELS.map(|c| c.1))?].0;
        // People tend to rate their own problem as more urgent than the typical case.
        let jitter = |r: &mut Rng, x: u8| {
            (x as i64 - 1 + r.weighted(&[30, 55, 15]).unwrap_or(1) as i64).clamp(1, 3) as u8
        };
        let (impact, urgency) = (jitter(r, sc.impact), jitter(r, sc.urgency));
        let priority = self
            .cfg
            .matrix
            .priority(impact, urgency)
            .unwrap_or_default();
        let new = NewTicket {
            subject: r.pick(sc.subjects)?.to_string(),
            description: r.pick(sc.descriptions)?.to_string(),
            requester,
            priority,
            impact: Some(impact),
            urgency: Some(urgency),
            tier: Tier(1),
            category: Some(sc.category.into()),
            tags: sc.tags.iter().map(|t| t.to_string()).collect(),
            channel,
            fields: Default::default(),
        };
        let creator = match channel {
            Channel::Phone | Channel::Agent => Actor::Agent(self.tier_agent(Tier(1), r)),
            _ => Actor::Requester,
        };
        let ctx = Ctx::new(created, creator);
        let (t, h) = match ticket::create(id, new, &ctx, self.ids()) {
            Ok(x) => x,
            Err(e) => {
                self.errors.push(format!("ticket #{id}: {e}"));
                return None;
            }
        };
        let mut run = Run {
            t,
            h,
            at: created,
            used: 0,
            stopped: false,
            group2: sc.group,
        };
        let cfg = self.cfg;
        match routing::apply_routing(
            &mut run.t,
            &run.h,
            cfg,
            RuleTrigger::OnCreate,
            &ctx,
            self.ids(),
        ) {
            Ok(ev) => run.h.extend(ev),
            Err(e) => self.errors.push(format!("ticket #{id}: {e}")),
        }
        if self.first_contact(&mut run, sc, r) || self.work_up(&mut run, sc, r) {
            self.aftercare(&mut run, r);
        }
        Some((run.t, run.h))
    }

    /// Tier 1 picks the ticket up within minutes (one that just came in may still be waiting
    /// for that) and either solves it with a single answer, or answers and then waits on an
    /// approval or on the requester. True when the ticket was solved.
    fn first_contact(&mut self, run: &mut Run, sc: &Scenario, r: &mut Rng) -> bool {
        let just_in = self.now - run.at < Duration::minutes(20);
        let first = if just_in {
            r.range(6, 20)
        } else if r.chance(0.1) {
            r.range(8, 40)
        } else {
            r.range(1, 7)
        };
        if first + 3 > self.budget(run) {
            self.limit_reached(run, r);
            return false;
        }
        self.assign(run, first, Actor::System);
        let agent = Sim::owner(run);
        if r.chance(sc.one_touch) {
            // Solved on first contact: one public answer that also resolves the ticket.
            let work = r.range(2, (self.budget(run) - 1).clamp(2, 9));
            let logged = (work + r.range(0, 5)) as u32;
            self.desk(run, work, agent.clone(), Command::LogTime(logged));
            self.solve(run, sc, agent, false, r);
            return !run.stopped;
        }
        self.desk(
            run,
            r.range(0, 2),
            agent.clone(),
            Command::Reply(sc.first_reply.into()),
        );
        if r.chance(0.6) {
            let minutes = r.range(5, 25) as u32;
            self.desk(run, 0, agent.clone(), Command::LogTime(minutes));
        }
        if sc.approval && r.chance(0.85) {
            self.wait_for_approval(run, agent, r);
        } else if sc.impact > 1 && r.chance(0.6) {
            // Nobody asks for a screenshot during an outage.
            self.ask_requester(run, agent, 1, r);
        }
        false
    }

    /// Access, licences and new starters need someone else's yes: the ticket waits on hold
    /// (clocks paused) until it comes, then the agent carries on.
    fn wait_for_approval(&mut self, run: &mut Run, agent: Actor, r: &mut Rng) {
        self.desk(run, 0, agent.clone(), Command::SetStatus(Status::OnHold));
        let hours = if r.chance(0.25) {
            r.range(1, 8)
        } else {
            r.range(8, 10 * 24)
        };
        let came = run.at + Duration::hours(hours) + Duration::minutes(r.range(0, 59));
        let seen = self.office_open(run, came);
        let note = r.pick(APPROVALS).copied().unwrap_or_default();
        self.step(run, seen, agent.clone(), Command::Note(note.into()));
        self.step(run, seen, agent, Command::SetStatus(Status::Open));
    }

    /// The agent asks the requester something `m` business minutes after the last step, and
    /// the ticket waits (clocks paused) for the answer; a long silence gets a reminder.
    fn ask_requester(&mut self, run: &mut Run, agent: Actor, m: i64, r: &mut Rng) {
        let ask = r.pick(ASK_FOR_DETAILS).copied().unwrap_or_default();
        self.desk(run, m, agent.clone(), Command::Reply(ask.into()));
        self.desk(run, 0, agent.clone(), Command::SetStatus(Status::Pending));
        let asked = run.at;
        let wait = requester_delay(r);
        if wait > Duration::days(3) {
            let later = asked + Duration::days(2) + Duration::minutes(r.range(0, 240));
            let nudge = self.office_open(run, later);
            self.step(run, nudge, agent, Command::Reply(REMINDER.into()));
        }
        let answer = r.pick(REQUESTER_ANSWERS).copied().unwrap_or_default();
        self.step(
            run,
            asked + wait,
            Actor::Requester,
            Command::RequesterReply(answer.into()),
        );
    }

    /// Tier by tier until someone solves it: hand it up (by hand, or when the tier's time
    /// limit runs out), call the vendor, ask the requester, or solve it. True when solved.
    fn work_up(&mut self, run: &mut Run, sc: &Scenario, r: &mut Rng) -> bool {
        let mut vendor_done = false;
        let mut held = false;
        // Tier 1 asked its questions on first contact.
        let mut asked_in = run.t.tier;
        loop {
            if run.stopped {
                return false;
            }
            let tier = run.t.tier;
            let up = match tier.0 {
                0 | 1 => sc.to_tier2,
                2 => sc.to_tier3,
                _ => 0.0,
            };
            if !vendor_done && tier >= Tier(2) && tier < Tier(4) && r.chance(sc.to_vendor) {
                vendor_done = true;
                self.vendor(run, r);
                continue;
            }
            if tier < Tier(3) && r.chance(up) {
                let to = Tier(tier.0 + 1);
                if r.chance(0.25) || self.budget(run) < 6 {
                    self.limit_reached(run, r);
                } else {
                    let m = r.range(1, (self.budget(run) - 4).min(60));
                    let (group, reason) = match to.0 {
                        2 => (sc.group, "Needs a specialist from Tier 2"),
                        _ => ("infrastructure", "Root cause needs an expert"),
                    };
                    let owner = Sim::owner(run);
                    self.escalate_by_hand(run, m, to, reason);
                    self.start_in_tier(run, group, owner, r);
                }
                continue;
            }
            let budget = self.budget(run) - 3;
            if budget < 2 && tier < Tier(3) {
                self.limit_reached(run, r);
                continue;
            }
            // Specialists often need the requester to try something first.
            if tier >= Tier(2) && asked_in != tier && r.chance(0.5) {
                asked_in = tier;
                let m = r.range(2, budget.clamp(2, 90));
                self.ask_requester(run, Sim::owner(run), m, r);
                continue;
            }
            if let Some(hold) = sc.hold.as_ref().filter(|_| !held) {
                held = true;
                if r.chance(hold.chance) {
                    self.hold(run, hold, r);
                    continue;
                }
            }
            // Business minutes of work: Tier 1 fixes take minutes, specialists take hours.
            let (least, most) = match tier.0 {
                0 | 1 => (2, 12),
                2 => (60, 230),
                _ => (120, 1400),
            };
            let most = most.min(budget).max(2);
            let m = r.range(least.min(most), most);
            self.resolve(run, m, sc, r);
            return !run.stopped;
        }
    }

    /// Work for `m` business minutes (a note on the way, time logged), then the answer that
    /// solves it.
    fn resolve(&mut self, run: &mut Run, m: i64, sc: &Scenario, r: &mut Rng) {
        let owner = Sim::owner(run);
        if r.chance(0.25) {
            let note = r.pick(NOTES).copied().unwrap_or_default();
            self.desk(run, m / 2, owner.clone(), Command::Note(note.into()));
        }
        let logged = r.range(10, 120) as u32;
        self.desk(run, m - m / 2, owner.clone(), Command::LogTime(logged));
        let confirm = r.chance(0.7);
        self.solve(run, sc, owner, confirm, r);
    }

    /// The public answer with the fix, then resolved at the same instant; or, when the agent
    /// wants the requester to `confirm` first, pending until they do (resolved anyway after
    /// a quiet week).
    fn solve(&mut self, run: &mut Run, sc: &Scenario, owner: Actor, confirm: bool, r: &mut Rng) {
        self.desk(run, 0, owner.clone(), Command::Reply(sc.resolution.into()));
        if run.t.tier >= Tier(2) && !sc.root_cause.is_empty() {
            let cause = Command::SetRootCause(sc.root_cause.into());
            self.desk(run, 0, owner.clone(), cause);
        }
        if let Some(a) = sc.article.filter(|_| r.chance(0.6)) {
            self.desk(run, 0, owner.clone(), Command::LinkArticle(a.into()));
        }
        if confirm {
            self.desk(run, 0, owner.clone(), Command::SetStatus(Status::Pending));
            let wait = requester_delay(r);
            if wait <= Duration::days(7) {
                let yes = r.pick(CONFIRMATIONS).copied().unwrap_or_default();
                let cmd = Command::RequesterReply(yes.into());
                self.step(run, run.at + wait, Actor::Requester, cmd);
                // Within what is left of the tier's time limit.
                let m = r.range(1, 30).min(self.budget(run) - 1).max(0);
                self.desk(run, m, owner, Command::SetStatus(Status::Resolved));
            } else {
                let later = run.at + Duration::days(7) + Duration::minutes(r.range(0, 300));
                let at = self.office_open(run, later);
                self.step(run, at, owner.clone(), Command::Reply(NO_ANSWER.into()));
                self.step(run, at, owner, Command::SetStatus(Status::Resolved));
            }
            return;
        }
        self.desk(run, 0, owner, Command::SetStatus(Status::Resolved));
    }

    /// Whoever has the ticket waits for a part, a visit or a change window, on hold (clocks
    /// paused) for days.
    fn hold(&mut self, run: &mut Run, hold: &Hold, r: &mut Rng) {
        let owner = Sim::owner(run);
        let m = r.range(1, (self.budget(run) - 3).clamp(1, 30));
        self.desk(run, m, owner.clone(), Command::Note(hold.waiting.into()));
        self.desk(run, 0, owner.clone(), Command::SetStatus(Status::OnHold));
        let over = run.at + Duration::hours(r.range(2 * 24, 14 * 24));
        let seen = self.office_open(run, over);
        self.step(run, seen, owner.clone(), Command::Note(hold.done.into()));
        self.step(run, seen, owner, Command::SetStatus(Status::Open));
    }

    /// The vendor (Tier 4) fixes something while the ticket waits on hold; then it comes back
    /// down to the tier that sent it.
    fn vendor(&mut self, run: &mut Run, r: &mut Rng) {
        let back_to = run.t.tier;
        let back_group = run.t.group.clone().unwrap_or_default();
        let m = r.range(1, (self.budget(run) - 3).clamp(1, 60));
        self.escalate_by_hand(run, m, Tier::MAX, "Vendor case opened");
        let by = Sim::owner(run);
        self.start_in_tier(run, "vendors", by, r);
        let at = run.at + Duration::hours(r.range(2 * 24, 18 * 24));
        let at = self.office_open(run, at);
        let case = 40000 + r.below(9999);
        let note = format!("Vendor case VC-{case}: fix delivered, please verify.");
        let vendor = Sim::owner(run);
        self.step(run, at, vendor, Command::Note(note));
        self.escalate_by_hand(
            run,
            0,
            back_to,
            "Fix delivered by the vendor; verify and close",
        );
        self.start_in_tier(run, &back_group, Actor::System, r);
    }

    /// After the fix: sometimes the problem comes back within days, most requesters
    /// rate the help (lower after a reopening or a long wait), and the desk closes the ticket
    /// once the reopen window has passed.
    fn aftercare(&mut self, run: &mut Run, r: &mut Rng) {
        let owner = Sim::owner(run);
        let reopened = r.chance(0.06);
        if reopened {
            let again = r.pick(STILL_BROKEN).copied().unwrap_or_default();
            let at = run.at + Duration::minutes(r.range(120, 4000));
            let cmd = Command::RequesterReply(again.into());
            self.step(run, at, Actor::Requester, cmd);
            let fix = "Sorry about that. I have fixed it properly this time; please let me know if it comes back.";
            // Within what is left of the tier's time limit, so the fix is not overdue.
            let m = r.range(1, 3).min(self.budget(run) - 1).max(0);
            self.desk(run, m, owner.clone(), Command::Reply(fix.into()));
            self.desk(run, 0, owner, Command::SetStatus(Status::Resolved));
        }
        if r.chance(0.6) {
            let slow = run.at - run.t.created_at > Duration::days(7);
            let weights: [u32; 5] = if reopened || slow {
                [4, 6, 15, 37, 38]
            } else {
                [1, 2, 7, 30, 60]
            };
            let score = r.weighted(&weights).unwrap_or(4) as u8 + 1;
            let comment = csat_comment(score, r);
            let at = run.at + Duration::minutes(r.range(10, 2880));
            let cmd = Command::Rate {
                score,
                comment: comment.into(),
            };
            self.step(run, at, Actor::Requester, cmd);
        }
        let resolved = ticket::last_resolved_at(&run.h).unwrap_or(run.at);
        let close = run.at.max(resolved + self.reopen_window) + Duration::minutes(r.range(60, 600));
        self.step(
            run,
            close,
            Actor::System,
            Command::SetStatus(Status::Closed),
        );
    }
}
