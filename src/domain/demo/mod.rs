//! Realistic demo data, the same for the same seed and `now`.
//!
//! Every ticket's history is made by the real commands (`ticket::create`/`apply`, routing and
//! automatic assignment) at simulated instants, so it is valid by construction. Each ticket's
//! story runs to its end (or to `now`) before the next one starts; agents act within their
//! tier's opening hours, requesters at any time.

mod articles;
mod people;
mod scenarios;

use chrono::{Datelike, Duration, NaiveTime, Weekday};

use super::article::{Article, ArticleRevision, Audience};
use super::assignment::{self, Workload};
use super::backup::Backup;
use super::calendar::BusinessClock;
use super::defaults::default_config;
use super::desk::{DeskConfig, RuleTrigger};
use super::escalation;
use super::model::*;
use super::rng::Rng;
use super::routing;
use super::ticket::{self, Command, Ctx, NewTicket, SeqIds};

use scenarios::{Scenario, SCENARIOS};

/// How far back the demo tickets go.
const SPAN_DAYS: i64 = 42;

/// A whole demo desk: default settings plus staff in every tier, the knowledge base, and
/// `tickets` tickets created over the six weeks before `now`.
pub fn generate(seed: u64, tickets: usize, now: Time) -> Backup {
    let mut cfg = default_config();
    people::add_staff(&mut cfg);
    let mut rng = Rng::new(seed);
    let (articles, revisions) = knowledge_base(&mut rng.fork(1), now);
    let requesters = people::requesters(&mut rng.fork(2), (tickets / 6).clamp(30, 5000));
    let created = creation_times(&mut rng.fork(3), tickets, now);
    let mut story_rng = rng.fork(4);

    let mut sim = Sim::new(&cfg, now, seed);
    let mut all = Vec::with_capacity(tickets);
    let mut events = Vec::with_capacity(tickets * 12);
    for (i, at) in created.into_iter().enumerate() {
        if let Some((t, h)) = sim.story(i as TicketId + 1, at, &requesters, &mut story_rng) {
            all.push(t);
            events.extend(h);
        }
    }
    let next = all.len() as TicketId + 1;
    let mut b = Backup::new(now, cfg, all, events, articles, revisions, next);
    b.meta.demo_seed = Some(seed);
    b
}

/// Ticket creation instants, oldest first: mostly on weekdays during office hours.
fn creation_times(rng: &mut Rng, n: usize, now: Time) -> Vec<Time> {
    // Relative likelihood of each hour of the day (UTC, like the default calendars).
    const HOURS: [u32; 24] = [
        1, 1, 1, 1, 1, 2, 4, 10, 18, 22, 20, 17, 12, 16, 18, 16, 13, 9, 5, 3, 2, 2, 1, 1,
    ];
    let today = now.date_naive();
    let mut out: Vec<Time> = (0..n)
        .map(|_| loop {
            let day = today - Duration::days(rng.range(0, SPAN_DAYS - 1));
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            if weekend && !rng.chance(0.12) {
                continue;
            }
            let hour = rng.weighted(&HOURS).unwrap_or(9) as u32;
            let minute = rng.below(60) as u32;
            let time =
                NaiveTime::from_hms_opt(hour, minute, rng.below(60) as u32).unwrap_or_default();
            let t = day.and_time(time).and_utc();
            if t < now {
                break t;
            }
        })
        .collect();
    out.sort();
    out
}

/// The demo's knowledge base: articles with a few earlier revisions each.
fn knowledge_base(rng: &mut Rng, now: Time) -> (Vec<Article>, Vec<ArticleRevision>) {
    const AUTHORS: [&str; 5] = ["amelia", "priya", "lena", "marco", "mei"];
    let mut articles = vec![];
    let mut revisions = vec![];
    for spec in articles::ARTICLES {
        let created =
            now - Duration::days(rng.range(60, 400)) - Duration::minutes(rng.range(0, 600));
        let updated = (created + Duration::days(rng.range(0, 50))).min(now - Duration::days(1));
        let rev = 1 + rng.below(3) as u32;
        let author = AUTHORS[rng.below(AUTHORS.len() as u64) as usize];
        let (views, yes, no) = match spec.audience {
            Audience::Public => {
                let v = rng.range(40, 3000) as u64;
                (
                    v,
                    v / rng.range(8, 20) as u64,
                    v / rng.range(40, 200) as u64,
                )
            }
            Audience::Internal => (
                rng.range(5, 400) as u64,
                rng.range(0, 30) as u64,
                rng.range(0, 3) as u64,
            ),
            Audience::Draft => (rng.range(0, 12) as u64, 0, 0),
        };
        // Earlier versions: shorter bodies, written between creation and the last update.
        let paragraphs: Vec<&str> = spec.body.split("\n\n").collect();
        for r in 1..rev {
            let keep = (paragraphs.len() * r as usize / rev as usize).max(1);
            let at = created + (updated - created) * r as i32 / rev as i32;
            revisions.push(ArticleRevision {
                article: spec.id.into(),
                rev: r,
                title: spec.title.into(),
                summary: spec.summary.into(),
                body: paragraphs[..keep].join("\n\n"),
                author: author.into(),
                at,
            });
        }
        articles.push(Article {
            id: spec.id.into(),
            rev,
            title: spec.title.into(),
            summary: spec.summary.into(),
            body: spec.body.into(),
            category: spec.category.into(),
            tags: spec.tags.iter().map(|t| t.to_string()).collect(),
            audience: spec.audience,
            language: spec.language.into(),
            author: author.into(),
            created_at: created,
            updated_at: updated.max(created),
            views,
            helpful_yes: yes,
            helpful_no: no,
        });
    }
    (articles, revisions)
}

/// A ticket being written: its snapshot, history, and the time of the last step.
struct Run {
    t: Ticket,
    h: Vec<Event>,
    at: Time,
    /// Business minutes counted against the current tier's time limit (while new or open).
    used: i64,
    /// The story reached `now` (or a step failed): later steps are skipped.
    stopped: bool,
    /// The Tier 2 group this kind of request goes to.
    group2: &'static str,
}

struct Sim<'a> {
    cfg: &'a DeskConfig,
    now: Time,
    ids: SeqIds,
    workload: Workload,
    /// Opening hours of tiers 0 to 4.
    clocks: Vec<BusinessClock>,
    reopen_window: Duration,
    /// Turn counter for picking agents by hand when automatic assignment picks nobody.
    turn: usize,
    /// Commands the domain refused; always empty unless the demo script is wrong.
    errors: Vec<String>,
}

/// Whether the tier clock counts in this status (it pauses while waiting on others).
fn counts(s: Status) -> bool {
    matches!(s, Status::New | Status::Open)
}

impl<'a> Sim<'a> {
    fn new(cfg: &'a DeskConfig, now: Time, seed: u64) -> Self {
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

    fn clock(&self, tier: Tier) -> &BusinessClock {
        &self.clocks[tier.0.min(4) as usize]
    }

    /// Business minutes the current tier may still spend before its limit moves the ticket on.
    fn budget(&self, run: &Run) -> i64 {
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
    fn desk(&mut self, run: &mut Run, m: i64, actor: Actor, cmd: Command) {
        let at = self.after(run, m);
        if counts(run.t.status) {
            run.used += m;
        }
        self.step(run, at, actor, cmd);
    }

    /// A step at a wall-clock instant (requesters, the vendor, the system).
    fn step(&mut self, run: &mut Run, at: Time, actor: Actor, cmd: Command) {
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
    fn assign(&mut self, run: &mut Run, m: i64, by: Actor) {
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
    fn owner(run: &Run) -> Actor {
        run.t.assignee.clone().map_or(Actor::System, Actor::Agent)
    }

    fn story(
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
        let (t, h) = match ticket::create(id, new, &ctx, &mut self.ids) {
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
        match routing::apply_routing(
            &mut run.t,
            &run.h,
            self.cfg,
            RuleTrigger::OnCreate,
            &ctx,
            &mut self.ids,
        ) {
            Ok(ev) => run.h.extend(ev),
            Err(e) => self.errors.push(format!("ticket #{id}: {e}")),
        }
        self.work_ticket(&mut run, sc, r);
        Some((run.t, run.h))
    }

    fn tier_agent(&self, tier: Tier, r: &mut Rng) -> AgentId {
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

    /// First response, questions, escalations, resolution, reopening, rating and closing.
    fn work_ticket(&mut self, run: &mut Run, sc: &Scenario, r: &mut Rng) {
        use scenarios::*;
        // A few tickets are never picked up: their clocks run out.
        if r.chance(0.01) {
            return;
        }
        // Tier 1 answers within minutes, or the tier limit hands the ticket on.
        let first = if r.chance(0.1) {
            r.range(8, 40)
        } else {
            r.range(1, 7)
        };
        if first + 3 > self.budget(run) {
            self.limit_reached(run, r);
        } else {
            self.assign(run, first, Actor::System);
            let agent = Self::owner(run);
            self.desk(
                run,
                r.range(0, 2),
                agent.clone(),
                Command::Reply(sc.first_reply.into()),
            );
            if r.chance(0.6) {
                self.desk(
                    run,
                    0,
                    agent.clone(),
                    Command::LogTime(r.range(5, 25) as u32),
                );
            }
            if r.chance(0.3) {
                let ask = r.pick(ASK_FOR_DETAILS).copied().unwrap_or_default();
                self.desk(run, 1, agent.clone(), Command::Reply(ask.into()));
                self.desk(run, 0, agent, Command::SetStatus(Status::Pending));
                let answer = r.pick(REQUESTER_ANSWERS).copied().unwrap_or_default();
                let at = run.at + Duration::minutes(r.range(20, 1800));
                self.step(
                    run,
                    at,
                    Actor::Requester,
                    Command::RequesterReply(answer.into()),
                );
            }
        }

        let mut vendor_done = false;
        loop {
            if run.stopped {
                return;
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
                    let owner = Self::owner(run);
                    self.escalate_by_hand(run, m, to, reason);
                    self.start_in_tier(run, group, owner, r);
                }
                continue;
            }
            // A few tickets stall while being worked on.
            if r.chance(0.02) {
                return;
            }
            let most = match tier.0 {
                0 | 1 => 12,
                2 => 230,
                _ => 1400,
            };
            let budget = self.budget(run) - 3;
            if budget < 2 && tier < Tier(3) {
                self.limit_reached(run, r);
                continue;
            }
            let m = r.range(2, most.min(budget).max(2));
            self.resolve(run, m, sc, r);
            break;
        }

        let owner = Self::owner(run);
        if r.chance(0.06) {
            let again = r.pick(STILL_BROKEN).copied().unwrap_or_default();
            let at = run.at + Duration::minutes(r.range(120, 4000));
            self.step(
                run,
                at,
                Actor::Requester,
                Command::RequesterReply(again.into()),
            );
            let fix = "Sorry about that. I have fixed it properly this time; please let me know if it comes back.";
            self.desk(
                run,
                r.range(1, 3),
                owner.clone(),
                Command::Reply(fix.into()),
            );
            self.desk(run, 0, owner, Command::SetStatus(Status::Resolved));
        }
        if r.chance(0.45) {
            const SCORES: [u32; 5] = [3, 4, 9, 30, 54];
            let score = r.weighted(&SCORES).unwrap_or(4) as u8 + 1;
            let comment = r.pick(CSAT_COMMENTS).copied().unwrap_or_default();
            let at = run.at + Duration::minutes(r.range(10, 2880));
            self.step(
                run,
                at,
                Actor::Requester,
                Command::Rate {
                    score,
                    comment: comment.into(),
                },
            );
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

    fn resolve(&mut self, run: &mut Run, m: i64, sc: &Scenario, r: &mut Rng) {
        let owner = Self::owner(run);
        if r.chance(0.25) {
            let note = r.pick(scenarios::NOTES).copied().unwrap_or_default();
            self.desk(run, m / 2, owner.clone(), Command::Note(note.into()));
        }
        self.desk(
            run,
            m - m / 2,
            owner.clone(),
            Command::LogTime(r.range(10, 120) as u32),
        );
        self.desk(run, 0, owner.clone(), Command::Reply(sc.resolution.into()));
        if run.t.tier >= Tier(2) && !sc.root_cause.is_empty() {
            self.desk(
                run,
                0,
                owner.clone(),
                Command::SetRootCause(sc.root_cause.into()),
            );
        }
        if let Some(a) = sc.article.filter(|_| r.chance(0.6)) {
            self.desk(run, 0, owner.clone(), Command::LinkArticle(a.into()));
        }
        self.desk(run, 0, owner, Command::SetStatus(Status::Resolved));
    }

    /// The tier's time limit ran out: the app's automation moves the ticket one tier up,
    /// stamped when the limit was used up. The real automation decides; the demo's own
    /// bookkeeping only says when to ask it.
    fn limit_reached(&mut self, run: &mut Run, r: &mut Rng) {
        if run.t.tier.next().is_none() || run.stopped {
            return;
        }
        let probe = self.after(run, self.budget(run).max(0)) + Duration::minutes(2);
        if probe > self.now {
            // Not due yet at `now`: the app's automation will do it when it runs.
            run.stopped = true;
            return;
        }
        let due = escalation::due_escalations(&run.t, &run.h, self.cfg, probe)
            .filter(|e| e.cause == EscalationCause::TierLimit);
        let Some(esc) = due else {
            self.errors.push(format!(
                "ticket #{}: no tier limit due at {probe}",
                run.t.id
            ));
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
    fn escalate_by_hand(&mut self, run: &mut Run, m: i64, to: Tier, reason: &str) {
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
    fn start_in_tier(&mut self, run: &mut Run, group: &str, by: Actor, r: &mut Rng) {
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
            let note = r.pick(scenarios::NOTES).copied().unwrap_or_default();
            self.desk(
                run,
                r.range(1, 10),
                owner.clone(),
                Command::Note(note.into()),
            );
        }
        self.desk(run, 0, owner, Command::LogTime(r.range(15, 180) as u32));
    }

    /// The vendor (Tier 4) fixes something while the ticket waits on hold; then it comes back
    /// down to the tier that sent it.
    fn vendor(&mut self, run: &mut Run, r: &mut Rng) {
        let back_to = run.t.tier;
        let back_group = run.t.group.clone().unwrap_or_default();
        let m = r.range(1, (self.budget(run) - 3).clamp(1, 60));
        self.escalate_by_hand(run, m, Tier::MAX, "Vendor case opened");
        let by = Self::owner(run);
        self.start_in_tier(run, "vendors", by, r);
        let at = run.at + Duration::hours(r.range(20, 140));
        let at = self.clock(Tier::MAX).next_open(at).unwrap_or(at);
        let case = 40000 + r.below(9999);
        let note = format!("Vendor case VC-{case}: fix delivered, please verify.");
        let vendor = Self::owner(run);
        self.step(run, at, vendor, Command::Note(note));
        self.escalate_by_hand(
            run,
            0,
            back_to,
            "Fix delivered by the vendor; verify and close",
        );
        self.start_in_tier(run, &back_group, Actor::System, r);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::backup::{parse, to_json, validate};
    use chrono::{TimeZone, Utc};

    fn now() -> Time {
        Utc.with_ymd_and_hms(2026, 3, 18, 14, 30, 0).unwrap()
    }

    #[test]
    fn demo_data_is_valid_and_deterministic() {
        let b = generate(7, 300, now());
        assert_eq!(validate(&b), vec![]);
        let bytes = to_json(&b);
        assert!(parse(bytes.as_bytes()).is_ok());
        assert_eq!(to_json(&generate(7, 300, now())), bytes);
        assert_ne!(to_json(&generate(8, 300, now())), bytes);
        assert_eq!(b.tickets.len(), 300);
        assert_eq!(b.meta.demo_seed, Some(7));
    }

    #[test]
    fn every_command_of_the_demo_script_is_accepted() {
        let cfg = {
            let mut c = default_config();
            people::add_staff(&mut c);
            c
        };
        let mut sim = Sim::new(&cfg, now(), 1);
        let people = people::requesters(&mut Rng::new(1), 40);
        let mut r = Rng::new(2);
        for (i, at) in creation_times(&mut Rng::new(3), 500, now())
            .into_iter()
            .enumerate()
        {
            sim.story(i as u64 + 1, at, &people, &mut r);
        }
        assert_eq!(sim.errors, Vec::<String>::new());
    }

    #[test]
    fn demo_desk_looks_like_a_real_one() {
        let b = generate(42, 600, now());
        let count = |f: &dyn Fn(&Ticket) -> bool| b.tickets.iter().filter(|t| f(t)).count();
        // Everything happened in the six weeks before now.
        assert!(b
            .events
            .iter()
            .all(|e| e.at <= now() && e.at > now() - Duration::days(SPAN_DAYS + 30)));
        assert!(
            count(&|t| t.status.is_open()) > 10,
            "some tickets are still open"
        );
        assert!(count(&|t| t.status == Status::Closed) > 100);
        assert!(count(&|t| t.csat.is_some()) > 60);
        for tier in 1..=3 {
            assert!(
                count(&|t| t.tier == Tier(tier)) > 0,
                "tickets end in tier {tier}"
            );
        }
        let kinds = |name: &str| b.events.iter().filter(|e| e.kind.name() == name).count();
        for name in [
            "routed",
            "assigned",
            "tier_changed",
            "requester_reply",
            "time_logged",
            "article_linked",
            "rated",
        ] {
            assert!(kinds(name) > 0, "no {name} events");
        }
        assert!(b
            .events
            .iter()
            .any(|e| matches!(e.kind, EventKind::TierChanged { to: Tier(4), .. })));
        assert!(b.events.iter().any(|e| matches!(
            e.kind,
            EventKind::StatusChanged {
                from: Status::Resolved,
                to: Status::Open
            }
        )));
        assert!((20..=40).contains(&b.articles.len()));
        for lang in ["de", "zh-CN"] {
            assert!(b.articles.iter().any(|a| a.language == lang));
        }
        assert!(b.articles.iter().any(|a| a.audience == Audience::Draft));
        assert!(b.articles.iter().any(|a| a.audience == Audience::Internal));
        assert!(!b.article_revisions.is_empty());
    }
}
