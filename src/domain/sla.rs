//! SLA clocks derived from a ticket's history, after Zammad's `lib/escalation.rb`: nothing is
//! stored, every state is recomputed from the events, the configuration and `now`.
//!
//! Rules:
//! - The policy is the first in `cfg.policies` whose conditions match the ticket; its target
//!   for the ticket's *current* priority applies to the whole history.
//! - Time counts only while the ticket is New or Open. Pending and On hold pause every clock;
//!   Resolved, Closed and being merged away stop them. A reopened ticket resumes its clocks
//!   where they stopped (elapsed time accumulates).
//! - First response: from creation to the first public reply by an agent.
//! - Next response: the first requester reply after an agent's public reply starts a cycle, the
//!   next agent public reply ends it; the current (or last) cycle is reported.
//! - Resolution: from creation until resolved.
//! - Tier limit: from the last move into the current tier (or creation), on that tier's
//!   calendar, against its `limit_minutes`.
//! - A clock outside business hours counts nothing: a ticket created on Friday evening on an
//!   8/5 calendar starts its clock on Monday at 09:00.
//! - Met: stopped at or before the due time. Breached: stopped after it, or still running
//!   after it, or paused after it had passed (a breach stays a breach).
//! - Events later than `now` are ignored, so `evaluate` at a past instant shows the state then.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::calendar::BusinessClock;
use super::desk::{DeskConfig, Metric, SlaPolicy, SlaTarget};
use super::model::{Actor, Event, EventKind, Priority, Status, Ticket, Tier, Time};

/// Where a clock stands.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    /// No target applies, or the clock has not started (next response before any cycle).
    None,
    Running,
    Paused,
    /// Running and past the warning percentage of its target.
    Warning,
    Met,
    Breached,
}

impl SlaState {
    pub fn as_str(self) -> &'static str {
        match self {
            SlaState::None => "none",
            SlaState::Running => "running",
            SlaState::Paused => "paused",
            SlaState::Warning => "warning",
            SlaState::Met => "met",
            SlaState::Breached => "breached",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SlaState::None => "No target",
            SlaState::Running => "Running",
            SlaState::Paused => "Paused",
            SlaState::Warning => "Due soon",
            SlaState::Met => "Met",
            SlaState::Breached => "Breached",
        }
    }

    /// Higher is worse: for the summary and for sorting queues.
    pub fn severity(self) -> u8 {
        match self {
            SlaState::None => 0,
            SlaState::Met => 1,
            SlaState::Paused => 2,
            SlaState::Running => 3,
            SlaState::Warning => 4,
            SlaState::Breached => 5,
        }
    }

    /// The clock is counting right now.
    pub fn is_running(self) -> bool {
        matches!(self, SlaState::Running | SlaState::Warning)
    }
}

/// One metric of one ticket.
///
/// `remaining_minutes` is the raw `target - elapsed`: it goes negative once the elapsed time
/// exceeds the target, and it is filled in for met and breached clocks too; a caller that
/// wants "no remaining time" for those checks `state`. While running,
/// `elapsed_minutes + remaining_minutes == target_minutes` always holds.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct MetricState {
    pub metric: Metric,
    pub state: SlaState,
    pub target_minutes: Option<u32>,
    /// First instant the clock counted (or will count, if it has not yet opened).
    pub started_at: Option<Time>,
    /// When the target is (or was) used up. Running: projected assuming no pause from now
    /// on. Met: projected from the stop. Paused and not breached: `None` (it moves while
    /// paused; see `remaining_minutes`).
    pub due_at: Option<Time>,
    /// Counted minutes (business or calendar minutes per the policy), rounded down.
    pub elapsed_minutes: i64,
    pub remaining_minutes: Option<i64>,
    /// When the warning percentage is (or was) reached; `None` if it was never reached by a
    /// clock that is no longer running.
    pub warn_at: Option<Time>,
    pub breached_at: Option<Time>,
    /// The reply, resolution or merge that stopped the clock.
    pub stopped_at: Option<Time>,
}

/// The SLA picture of one ticket.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct TicketSla {
    /// The applied policy's id, if one matched.
    pub policy: Option<String>,
    /// First response, next response, resolution, tier limit, in that order.
    pub metrics: Vec<MetricState>,
    /// Earliest due time among running metrics (not yet breached).
    pub next_due: Option<Time>,
    /// Highest [`SlaState::severity`] among the metrics.
    pub worst: SlaState,
}

impl TicketSla {
    pub fn metric(&self, m: Metric) -> Option<&MetricState> {
        self.metrics.iter().find(|s| s.metric == m)
    }
}

/// A warning or breach that happened (at or before `now`) or will happen if nothing changes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SlaEvent {
    pub at: Time,
    pub metric: Metric,
    /// `Warning` or `Breached`.
    pub state: SlaState,
}

/// Whether a policy's conditions hold for a ticket. Empty lists match everything; text is
/// compared without regard to case; tags match on any overlap.
pub fn policy_matches(p: &SlaPolicy, t: &Ticket) -> bool {
    let c = &p.conditions;
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let text_in = |list: &[String], v: Option<&str>| {
        list.is_empty() || v.is_some_and(|v| list.iter().any(|x| same(x, v)))
    };
    (c.priorities.is_empty() || c.priorities.contains(&t.priority))
        && (c.tiers.is_empty() || c.tiers.contains(&t.tier))
        && text_in(&c.categories, t.category.as_deref())
        && text_in(&c.orgs, t.requester.org.as_deref())
        && (c.tags.is_empty() || c.tags.iter().any(|x| t.tags.iter().any(|y| same(x, y))))
}

/// The first policy that matches, in order.
pub fn select_policy<'a>(policies: &'a [SlaPolicy], ticket: &Ticket) -> Option<&'a SlaPolicy> {
    policies.iter().find(|p| policy_matches(p, ticket))
}

/// A policy's targets for one priority.
pub fn target_for(policy: &SlaPolicy, priority: Priority) -> Option<&SlaTarget> {
    policy.targets.iter().find(|t| t.priority == priority)
}

/// Full SLA state of one ticket. For many tickets, build one [`SlaEngine`] and reuse it.
pub fn evaluate(ticket: &Ticket, events: &[Event], cfg: &DeskConfig, now: Time) -> TicketSla {
    SlaEngine::new(cfg).evaluate(ticket, events, now)
}

/// Every warning and breach, past and projected, sorted by time.
pub fn sla_events(ticket: &Ticket, events: &[Event], cfg: &DeskConfig, now: Time) -> Vec<SlaEvent> {
    SlaEngine::new(cfg).sla_events(ticket, events, now)
}

/// The first warning or breach strictly after `now`, e.g. for the demo clock to jump to.
pub fn next_sla_event(
    ticket: &Ticket,
    events: &[Event],
    cfg: &DeskConfig,
    now: Time,
) -> Option<SlaEvent> {
    SlaEngine::new(cfg).next_sla_event(ticket, events, now)
}

/// The configuration with its calendars compiled once: use one for a whole queue.
pub struct SlaEngine<'a> {
    cfg: &'a DeskConfig,
    clocks: HashMap<&'a str, BusinessClock>,
    always: BusinessClock,
}

impl<'a> SlaEngine<'a> {
    pub fn new(cfg: &'a DeskConfig) -> SlaEngine<'a> {
        SlaEngine {
            cfg,
            clocks: cfg
                .calendars
                .iter()
                .map(|c| (c.id.as_str(), BusinessClock::new(c)))
                .collect(),
            always: BusinessClock::always(),
        }
    }

    /// The clock for a calendar id; an unknown id means 24/7 UTC.
    pub fn clock(&self, calendar_id: &str) -> &BusinessClock {
        self.clocks.get(calendar_id).unwrap_or(&self.always)
    }

    /// The clock a policy counts on: calendar minutes unless `business_hours`; an empty
    /// calendar id means the desk's default calendar.
    pub fn policy_clock(&self, policy: Option<&SlaPolicy>) -> &BusinessClock {
        match policy {
            Some(p) if !p.business_hours => &self.always,
            Some(p) if !p.calendar.trim().is_empty() => self.clock(&p.calendar),
            _ => self.clock(&self.cfg.general.default_calendar),
        }
    }

    pub fn evaluate(&self, ticket: &Ticket, events: &[Event], now: Time) -> TicketSla {
        let (policy, runs) = self.runs(ticket, events, now);
        let metrics: Vec<MetricState> = runs
            .into_iter()
            .map(|mut r| r.pop().unwrap_or_else(|| idle_nr(ticket, policy)))
            .collect();
        let next_due = metrics
            .iter()
            .filter(|m| m.state.is_running())
            .filter_map(|m| m.due_at)
            .min();
        let worst = metrics
            .iter()
            .map(|m| m.state)
            .max_by_key(|s| s.severity())
            .unwrap_or(SlaState::None);
        TicketSla {
            policy: policy.map(|p| p.id.clone()),
            metrics,
            next_due,
            worst,
        }
    }

    /// Earliest due time among running clocks, for sorting a queue.
    pub fn next_due(&self, ticket: &Ticket, events: &[Event], now: Time) -> Option<Time> {
        self.evaluate(ticket, events, now).next_due
    }

    pub fn sla_events(&self, ticket: &Ticket, events: &[Event], now: Time) -> Vec<SlaEvent> {
        let (_, runs) = self.runs(ticket, events, now);
        let mut out = vec![];
        for m in runs.iter().flatten() {
            if let Some(at) = m.warn_at {
                out.push(SlaEvent {
                    at,
                    metric: m.metric,
                    state: SlaState::Warning,
                });
            }
            let breach = match m.state {
                SlaState::Breached => m.breached_at,
                SlaState::Running | SlaState::Warning => m.due_at,
                _ => None,
            };
            if let Some(at) = breach {
                out.push(SlaEvent {
                    at,
                    metric: m.metric,
                    state: SlaState::Breached,
                });
            }
        }
        out.sort_by_key(|e| (e.at, e.metric, e.state.severity()));
        out
    }

    pub fn next_sla_event(&self, ticket: &Ticket, events: &[Event], now: Time) -> Option<SlaEvent> {
        self.sla_events(ticket, events, now)
            .into_iter()
            .find(|e| e.at > now)
    }

    /// Every cycle of every metric, per metric in `Metric::ALL` order (next response may have
    /// none or several).
    fn runs(
        &self,
        ticket: &Ticket,
        events: &[Event],
        now: Time,
    ) -> (Option<&'a SlaPolicy>, Vec<Vec<MetricState>>) {
        let h = History::build(ticket, events, now);
        let now = now.max(h.created);
        let cfg = self.cfg;
        let policy = select_policy(&cfg.policies, ticket);
        let target = policy.and_then(|p| target_for(p, ticket.priority));
        let clock = self.policy_clock(policy);
        let pct = i64::from(cfg.general.warning_percent);
        let run = |metric, start, end, target: Option<u32>, clock: &BusinessClock| {
            h.measure(Measure {
                metric,
                start,
                end,
                target,
                clock,
                warn_percent: pct,
                now,
            })
        };

        let fr = run(
            Metric::FirstResponse,
            h.created,
            h.first_agent_reply,
            target.and_then(|t| t.first_response),
            clock,
        );
        let nr: Vec<MetricState> = h
            .cycles
            .iter()
            .map(|&(s, e)| {
                run(
                    Metric::NextResponse,
                    s,
                    e,
                    target.and_then(|t| t.next_response),
                    clock,
                )
            })
            .collect();
        let res = run(
            Metric::Resolution,
            h.created,
            None,
            target.and_then(|t| t.resolution),
            clock,
        );
        let tier_cfg = cfg.tier(h.tier);
        let tier_clock = tier_cfg.map_or(&self.always, |t| self.clock(&t.calendar));
        let tier = run(
            Metric::TierLimit,
            h.tier_since,
            None,
            tier_cfg.and_then(|t| t.limit_minutes),
            tier_clock,
        );
        (policy, vec![vec![fr], nr, vec![res], vec![tier]])
    }
}

/// Next response before any cycle: nothing counts yet.
fn idle_nr(ticket: &Ticket, policy: Option<&SlaPolicy>) -> MetricState {
    MetricState {
        metric: Metric::NextResponse,
        state: SlaState::None,
        target_minutes: policy
            .and_then(|p| target_for(p, ticket.priority))
            .and_then(|t| t.next_response),
        started_at: None,
        due_at: None,
        elapsed_minutes: 0,
        remaining_minutes: None,
        warn_at: None,
        breached_at: None,
        stopped_at: None,
    }
}

/// Whether clocks count during a stretch of the ticket's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Active,
    Paused,
    Stopped,
}

fn phase_of(s: Status) -> Phase {
    if s.pauses_sla() {
        Phase::Paused
    } else if s.is_open() {
        Phase::Active
    } else {
        Phase::Stopped
    }
}

/// What the SLA rules need from the events up to `now`.
struct History {
    created: Time,
    /// Phase changes: each phase lasts until the next start; consecutive phases differ.
    phases: Vec<(Time, Phase)>,
    first_agent_reply: Option<Time>,
    /// Next-response cycles: requester reply, answering agent reply.
    cycles: Vec<(Time, Option<Time>)>,
    /// The tier at `now` and since when it has been there.
    tier: Tier,
    tier_since: Time,
}

struct Measure<'c> {
    metric: Metric,
    start: Time,
    /// The event that ends this metric (a reply), if it happened.
    end: Option<Time>,
    target: Option<u32>,
    clock: &'c BusinessClock,
    warn_percent: i64,
    now: Time,
}

/// How a clock stands at `now`.
enum Mode {
    Running,
    /// Paused since.
    Paused(Time),
    /// Stopped at.
    Stopped(Time),
}

impl History {
    fn build(ticket: &Ticket, events: &[Event], now: Time) -> History {
        let mut evs: Vec<&Event> = events.iter().filter(|e| e.at <= now).collect();
        evs.sort_by_key(|e| (e.at, e.seq));
        let created = evs
            .iter()
            .find(|e| matches!(e.kind, EventKind::Created { .. }))
            .map_or(ticket.created_at, |e| e.at);
        let mut changes = vec![(created, Phase::Active)];
        let mut status = Status::New;
        let mut merged_at = None;
        let mut first_agent_reply = None;
        let mut cycles = vec![];
        let mut waiting: Option<Time> = None;
        // The tier as the events tell it, so that a past `now` sees the tier of that time.
        let mut tier = evs
            .iter()
            .find_map(|e| match e.kind {
                EventKind::Created { tier, .. } => Some(tier),
                _ => None,
            })
            .unwrap_or(ticket.tier);
        let mut tier_since = created;
        for e in &evs {
            let at = e.at.max(created);
            match &e.kind {
                EventKind::StatusChanged { to, .. } => {
                    status = *to;
                    changes.push((at, phase_of(*to)));
                }
                EventKind::PublicReply { .. } if matches!(e.actor, Actor::Agent(_)) => {
                    if first_agent_reply.is_none() {
                        first_agent_reply = Some(at);
                    } else if let Some(start) = waiting.take() {
                        cycles.push((start, Some(at)));
                    }
                }
                EventKind::RequesterReply { .. }
                    if first_agent_reply.is_some() && waiting.is_none() =>
                {
                    waiting = Some(at);
                }
                EventKind::TierChanged { to, .. } => {
                    tier = *to;
                    tier_since = at;
                }
                EventKind::Merged { .. } => {
                    merged_at.get_or_insert(at);
                }
                _ => {}
            }
        }
        if let Some(start) = waiting {
            cycles.push((start, None));
        }
        let last_at = evs.last().map_or(created, |e| e.at.max(created));
        // Imported or hand-edited data: the snapshot wins from its last update on.
        let snapshot_at = ticket.updated_at.max(last_at);
        if status != ticket.status && snapshot_at <= now {
            changes.push((snapshot_at, phase_of(ticket.status)));
        }
        if tier != ticket.tier && snapshot_at <= now {
            tier = ticket.tier;
            tier_since = snapshot_at;
        }
        if merged_at.is_none() && ticket.merged_into.is_some() && snapshot_at <= now {
            merged_at = Some(snapshot_at);
        }
        if let Some(m) = merged_at {
            changes.push((m, Phase::Stopped));
            changes.sort_by_key(|c| c.0);
            for c in changes.iter_mut().filter(|c| c.0 >= m) {
                c.1 = Phase::Stopped;
            }
        }
        History {
            created,
            phases: normalize_phases(changes),
            first_agent_reply,
            cycles,
            tier,
            tier_since,
        }
    }

    /// The stretches of `[start, end)` during which clocks count.
    fn active_spans(&self, start: Time, end: Time) -> Vec<(Time, Time)> {
        let mut out = vec![];
        for (i, &(p, phase)) in self.phases.iter().enumerate() {
            let q = self.phases.get(i + 1).map_or(end, |n| n.0.min(end));
            let a = p.max(start);
            if phase == Phase::Active && a < q {
                out.push((a, q));
            }
        }
        out
    }

    /// The phase at `t` and since when.
    fn phase_at(&self, t: Time) -> (Phase, Time) {
        self.phases
            .iter()
            .rev()
            .find(|p| p.0 <= t)
            .or(self.phases.first())
            .map_or((Phase::Active, t), |&(at, ph)| (ph, at))
    }

    fn measure(&self, m: Measure) -> MetricState {
        let now = m.now;
        let start = m.start.min(now);
        let mode = match m.end {
            Some(e) => Mode::Stopped(e.max(start)),
            None => match self.phase_at(now) {
                (Phase::Active, _) => Mode::Running,
                (Phase::Paused, since) => Mode::Paused(since.max(start)),
                (Phase::Stopped, since) => Mode::Stopped(since.max(start)),
            },
        };
        let until = match mode {
            Mode::Stopped(at) => at,
            _ => now,
        };
        let spans = self.active_spans(start, until);
        let target = m.target.map(|t| i64::from(t) * 60);
        let warn = target
            .filter(|_| (1..100).contains(&m.warn_percent))
            .map(|t| t * m.warn_percent / 100);
        let w = walk(m.clock, &spans, target, warn);
        let started_at = w.started.or_else(|| match mode {
            Mode::Running => m.clock.next_open(now),
            _ => None,
        });
        let mut out = MetricState {
            metric: m.metric,
            state: SlaState::None,
            target_minutes: m.target,
            started_at,
            due_at: None,
            elapsed_minutes: w.elapsed / 60,
            remaining_minutes: m.target.map(|t| i64::from(t) - w.elapsed / 60),
            warn_at: None,
            breached_at: None,
            stopped_at: match mode {
                Mode::Stopped(at) => Some(at),
                _ => None,
            },
        };
        let Some(target) = target else {
            return out;
        };
        let left = target - w.elapsed;
        let (state, due, warn_at) = match mode {
            Mode::Running => {
                let due = w.due.or_else(|| m.clock.add_business_seconds(now, left));
                let warn_at = w.warn.or_else(|| {
                    warn.and_then(|ws| m.clock.add_business_seconds(now, ws - w.elapsed))
                });
                let state = if due.is_some_and(|d| now > d) {
                    SlaState::Breached
                } else if w.warn.is_some() {
                    SlaState::Warning
                } else {
                    SlaState::Running
                };
                (state, due, warn_at)
            }
            Mode::Paused(since) => match w.due {
                Some(d) if since > d => (SlaState::Breached, Some(d), w.warn),
                _ => (SlaState::Paused, None, w.warn),
            },
            Mode::Stopped(at) => match w.due {
                Some(d) if at > d => (SlaState::Breached, Some(d), w.warn),
                Some(d) => (SlaState::Met, Some(d), w.warn),
                None => (
                    SlaState::Met,
                    m.clock.add_business_seconds(at, left),
                    w.warn,
                ),
            },
        };
        out.state = state;
        out.due_at = due;
        out.warn_at = warn_at;
        out.breached_at = due.filter(|_| state == SlaState::Breached);
        out
    }
}

/// Sorted changes to phases where each lasts until the next; at equal instants the last wins.
fn normalize_phases(changes: Vec<(Time, Phase)>) -> Vec<(Time, Phase)> {
    let mut out: Vec<(Time, Phase)> = vec![];
    for (t, ph) in changes {
        if let Some(last) = out.last_mut() {
            if last.0 == t {
                last.1 = ph;
                let n = out.len();
                if n >= 2 && out[n - 2].1 == ph {
                    out.pop();
                }
                continue;
            }
            if last.1 == ph {
                continue;
            }
        }
        out.push((t, ph));
    }
    out
}

struct Walked {
    elapsed: i64,
    started: Option<Time>,
    due: Option<Time>,
    warn: Option<Time>,
}

/// Counts open seconds over the spans and notes where the target and the warning threshold
/// were reached.
fn walk(
    clock: &BusinessClock,
    spans: &[(Time, Time)],
    target: Option<i64>,
    warn: Option<i64>,
) -> Walked {
    let mut w = Walked {
        elapsed: 0,
        started: None,
        due: None,
        warn: None,
    };
    for &(a, b) in spans {
        let secs = clock.business_seconds_between(a, b);
        if secs == 0 {
            continue;
        }
        if w.started.is_none() {
            w.started = clock.next_open(a);
        }
        for (goal, slot) in [(target, &mut w.due), (warn, &mut w.warn)] {
            if let Some(g) = goal {
                if slot.is_none() && w.elapsed + secs >= g {
                    *slot = clock.add_business_seconds(a, g - w.elapsed);
                }
            }
        }
        w.elapsed += secs;
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::desk::*;
    use crate::domain::model::*;
    use chrono::{DateTime, Duration, NaiveDateTime};
    use proptest::prelude::*;

    fn utc(s: &str) -> Time {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    fn target(p: Priority, fr: u32, nr: u32, res: u32) -> SlaTarget {
        SlaTarget {
            priority: p,
            first_response: Some(fr),
            next_response: Some(nr),
            resolution: Some(res),
        }
    }

    /// 8/5 UTC office; Medium: FR 60, NR 120, resolution 960 business minutes; warn at 75 %.
    /// Tier 1 on 24/7 with a 30-minute limit, tier 2 on the office calendar without a limit.
    fn cfg() -> DeskConfig {
        DeskConfig {
            general: General {
                desk_name: "Test".into(),
                mode: WorkMode::Tiered,
                reopen_window_hours: 168,
                warning_percent: 75,
                escalate_on_breach: false,
                default_calendar: "office".into(),
                cost_per_ticket: 0.0,
            },
            agents: vec![],
            groups: vec![],
            tiers: vec![
                TierConfig {
                    tier: Tier(1),
                    name: "T1".into(),
                    description: String::new(),
                    calendar: "always".into(),
                    limit_minutes: Some(30),
                    assignment: AssignmentMethod::Manual,
                    cost_per_hour: 0.0,
                },
                TierConfig {
                    tier: Tier(2),
                    name: "T2".into(),
                    description: String::new(),
                    calendar: "office".into(),
                    limit_minutes: None,
                    assignment: AssignmentMethod::Manual,
                    cost_per_hour: 0.0,
                },
            ],
            calendars: vec![
                Calendar::preset_8_5("office", "UTC"),
                Calendar::preset_24_7("always", "UTC"),
            ],
            policies: vec![
                SlaPolicy {
                    id: "vip".into(),
                    name: "VIP".into(),
                    conditions: PolicyConditions {
                        tags: vec!["VIP".into(), "board".into()],
                        ..Default::default()
                    },
                    targets: vec![target(Priority::Medium, 10, 10, 100)],
                    business_hours: false,
                    calendar: "office".into(),
                },
                SlaPolicy {
                    id: "std".into(),
                    name: "Standard".into(),
                    conditions: PolicyConditions::default(),
                    targets: vec![
                        target(Priority::Medium, 60, 120, 960),
                        target(Priority::High, 30, 30, 240),
                    ],
                    business_hours: true,
                    calendar: String::new(),
                },
            ],
            rules: vec![],
            matrix: PriorityMatrix { cells: vec![] },
            canned: vec![],
            catalog: vec![],
        }
    }

    fn ticket(created: Time) -> Ticket {
        Ticket {
            id: 1,
            rev: 1,
            subject: "VPN down".into(),
            description: String::new(),
            requester: Requester {
                name: "Dana".into(),
                email: String::new(),
                org: Some("Acme".into()),
            },
            status: Status::New,
            priority: Priority::Medium,
            impact: None,
            urgency: None,
            priority_reason: None,
            tier: Tier(2),
            group: None,
            assignee: None,
            helpers: vec![],
            category: Some("Network".into()),
            tags: vec![],
            channel: Channel::Portal,
            watchers: vec![],
            links: vec![],
            merged_into: None,
            root_cause: String::new(),
            articles: vec![],
            csat: None,
            fields: Default::default(),
            created_at: created,
            updated_at: created,
        }
    }

    /// A ticket and its history, kept consistent as events are added.
    struct Story {
        t: Ticket,
        ev: Vec<Event>,
    }

    impl Story {
        fn new(created: &str) -> Story {
            let at = utc(created);
            let t = ticket(at);
            let mut s = Story { t, ev: vec![] };
            s.push(
                at,
                Actor::Requester,
                EventKind::Created {
                    subject: "VPN down".into(),
                    priority: Priority::Medium,
                    tier: Tier(2),
                    channel: Channel::Portal,
                },
            );
            s
        }
        fn push(&mut self, at: Time, actor: Actor, kind: EventKind) {
            let seq = self.ev.len() as u32;
            self.ev.push(Event {
                id: format!("e{seq}"),
                ticket: 1,
                seq,
                at,
                actor,
                kind,
            });
            self.t.updated_at = at;
        }
        fn status(&mut self, at: &str, to: Status) -> &mut Self {
            let from = self.t.status;
            self.t.status = to;
            self.push(
                utc(at),
                Actor::Agent("al".into()),
                EventKind::StatusChanged { from, to },
            );
            self
        }
        fn reply(&mut self, at: &str) -> &mut Self {
            self.push(
                utc(at),
                Actor::Agent("al".into()),
                EventKind::PublicReply { body: "hi".into() },
            );
            if self.t.status == Status::New {
                self.status(at, Status::Open);
            }
            self
        }
        fn requester(&mut self, at: &str) -> &mut Self {
            self.push(
                utc(at),
                Actor::Requester,
                EventKind::RequesterReply {
                    body: "again".into(),
                },
            );
            if matches!(self.t.status, Status::Pending | Status::Resolved) {
                self.status(at, Status::Open);
            }
            self
        }
        fn tier(&mut self, at: &str, to: u8) -> &mut Self {
            let from = self.t.tier;
            self.t.tier = Tier(to);
            self.push(
                utc(at),
                Actor::Agent("al".into()),
                EventKind::TierChanged {
                    from,
                    to: Tier(to),
                    cause: EscalationCause::Manual,
                    reason: "x".into(),
                },
            );
            self
        }
        fn eval(&self, now: &str) -> TicketSla {
            evaluate(&self.t, &self.ev, &cfg(), utc(now))
        }
        fn metric(&self, now: &str, m: Metric) -> MetricState {
            self.eval(now).metric(m).cloned().unwrap()
        }
    }

    #[test]
    fn policy_selection_first_match_and_tag_overlap() {
        let c = cfg();
        let mut t = ticket(utc("2026-03-02 09:00"));
        assert_eq!(
            select_policy(&c.policies, &t).map(|p| p.id.as_str()),
            Some("std")
        );
        t.tags = vec!["printer".into(), "vip".into()];
        assert_eq!(
            select_policy(&c.policies, &t).map(|p| p.id.as_str()),
            Some("vip")
        );
        let mut p = c.policies[1].clone();
        p.conditions.categories = vec!["network".into()];
        p.conditions.orgs = vec!["ACME".into()];
        p.conditions.tiers = vec![Tier(2)];
        p.conditions.priorities = vec![Priority::Medium];
        assert!(policy_matches(&p, &t));
        t.requester.org = None;
        assert!(!policy_matches(&p, &t), "an org condition needs an org");
        assert_eq!(select_policy(&[], &t), None);
    }

    #[test]
    fn first_response_starts_at_next_opening() {
        // Friday 2026-03-06 18:00 on 8/5: clock starts Monday 09:00; FR target 60 min.
        let s = Story::new("2026-03-06 18:00");
        let fr = s.metric("2026-03-07 12:00", Metric::FirstResponse);
        assert_eq!(fr.started_at, Some(utc("2026-03-09 09:00")));
        assert_eq!(fr.due_at, Some(utc("2026-03-09 10:00")));
        assert_eq!(fr.elapsed_minutes, 0);
        assert_eq!(fr.state, SlaState::Running);
        let fr = s.metric("2026-03-09 09:50", Metric::FirstResponse);
        assert_eq!(
            (fr.state, fr.elapsed_minutes, fr.remaining_minutes),
            (SlaState::Warning, 50, Some(10))
        );
        assert_eq!(fr.warn_at, Some(utc("2026-03-09 09:45")));
        let fr = s.metric("2026-03-09 10:01", Metric::FirstResponse);
        assert_eq!(fr.state, SlaState::Breached);
        assert_eq!(fr.breached_at, Some(utc("2026-03-09 10:00")));
        assert_eq!(fr.remaining_minutes, Some(-1));
    }

    #[test]
    fn first_agent_reply_stops_first_response() {
        let mut s = Story::new("2026-03-09 09:00");
        s.push(
            utc("2026-03-09 09:20"),
            Actor::System,
            EventKind::PublicReply {
                body: "auto".into(),
            },
        );
        s.reply("2026-03-09 09:40");
        let fr = s.metric("2026-03-09 12:00", Metric::FirstResponse);
        assert_eq!((fr.state, fr.elapsed_minutes), (SlaState::Met, 40));
        assert_eq!(fr.stopped_at, Some(utc("2026-03-09 09:40")));
        assert_eq!(fr.due_at, Some(utc("2026-03-09 10:00")));
        let mut s = Story::new("2026-03-09 09:00");
        s.reply("2026-03-09 10:30");
        let fr = s.metric("2026-03-09 12:00", Metric::FirstResponse);
        assert_eq!(
            (fr.state, fr.breached_at),
            (SlaState::Breached, Some(utc("2026-03-09 10:00")))
        );
        // Exactly at the due time is met.
        let mut s = Story::new("2026-03-09 09:00");
        s.reply("2026-03-09 10:00");
        assert_eq!(
            s.metric("2026-03-09 12:00", Metric::FirstResponse).state,
            SlaState::Met
        );
    }

    #[test]
    fn target_ending_at_closing_is_due_at_closing_and_late_reply_breaches() {
        // Created 16:00, FR 60: due 17:00 the same day, not 09:00 the next.
        let mut s = Story::new("2026-03-09 16:00");
        assert_eq!(
            s.metric("2026-03-09 16:10", Metric::FirstResponse).due_at,
            Some(utc("2026-03-09 17:00"))
        );
        // Replying at 17:30 (after closing): elapsed is 60 = target, but after the due time.
        s.reply("2026-03-09 17:30");
        let fr = s.metric("2026-03-10 08:00", Metric::FirstResponse);
        assert_eq!((fr.state, fr.elapsed_minutes), (SlaState::Breached, 60));
    }

    #[test]
    fn pending_for_two_business_hours_pushes_resolution_by_two_hours() {
        // Created Monday 09:00, resolution 960 min = two 8-hour days: due Tuesday 17:00.
        let base = Story::new("2026-03-09 09:00");
        assert_eq!(
            base.metric("2026-03-09 09:30", Metric::Resolution).due_at,
            Some(utc("2026-03-10 17:00"))
        );
        let mut s = Story::new("2026-03-09 09:00");
        s.status("2026-03-09 10:00", Status::Open)
            .status("2026-03-09 11:00", Status::Pending);
        let r = s.metric("2026-03-09 12:00", Metric::Resolution);
        assert_eq!(
            (r.state, r.elapsed_minutes, r.due_at),
            (SlaState::Paused, 120, None)
        );
        assert_eq!(r.remaining_minutes, Some(840));
        s.status("2026-03-09 13:00", Status::Open);
        let r = s.metric("2026-03-09 14:00", Metric::Resolution);
        assert_eq!(r.due_at, Some(utc("2026-03-11 11:00")));
        assert_eq!(r.elapsed_minutes, 180);
        // Pending across the night counts only its business hours: 16:00 Mon - 10:00 Tue = 2 h.
        let mut s = Story::new("2026-03-09 09:00");
        s.status("2026-03-09 16:00", Status::OnHold)
            .status("2026-03-10 10:00", Status::Open);
        assert_eq!(
            s.metric("2026-03-10 10:30", Metric::Resolution).due_at,
            Some(utc("2026-03-11 11:00"))
        );
        // Pausing also stops first response and the tier clock.
        let fr = s.metric("2026-03-10 10:30", Metric::FirstResponse);
        assert_eq!(fr.elapsed_minutes, 60 * 7 + 30);
    }

    #[test]
    fn breached_stays_breached_while_paused() {
        let mut s = Story::new("2026-03-09 09:00");
        s.status("2026-03-09 11:00", Status::Pending);
        let fr = s.metric("2026-03-09 12:00", Metric::FirstResponse);
        assert_eq!(
            (fr.state, fr.breached_at),
            (SlaState::Breached, Some(utc("2026-03-09 10:00")))
        );
        assert_eq!(fr.due_at, Some(utc("2026-03-09 10:00")));
    }

    #[test]
    fn requester_reply_starts_next_response() {
        let mut s = Story::new("2026-03-09 09:00");
        s.reply("2026-03-09 09:10");
        let nr = s.metric("2026-03-09 09:30", Metric::NextResponse);
        assert_eq!(
            (nr.state, nr.target_minutes, nr.due_at),
            (SlaState::None, Some(120), None)
        );
        s.requester("2026-03-09 10:00")
            .requester("2026-03-09 10:30");
        let nr = s.metric("2026-03-09 11:00", Metric::NextResponse);
        // The first unanswered requester reply starts the cycle: due 12:00.
        assert_eq!(
            (nr.state, nr.elapsed_minutes, nr.due_at),
            (SlaState::Running, 60, Some(utc("2026-03-09 12:00")))
        );
        s.reply("2026-03-09 11:15");
        let nr = s.metric("2026-03-09 11:30", Metric::NextResponse);
        assert_eq!(
            (nr.state, nr.elapsed_minutes, nr.stopped_at),
            (SlaState::Met, 75, Some(utc("2026-03-09 11:15")))
        );
        // A second cycle that breaches; the report shows the latest cycle.
        s.requester("2026-03-09 16:00");
        let nr = s.metric("2026-03-10 10:30", Metric::NextResponse);
        assert_eq!(
            (nr.state, nr.breached_at),
            (SlaState::Breached, Some(utc("2026-03-10 10:00")))
        );
        // Requester replies before the first agent reply are part of first response.
        let mut s = Story::new("2026-03-09 09:00");
        s.requester("2026-03-09 09:05");
        assert_eq!(
            s.metric("2026-03-09 09:30", Metric::NextResponse).state,
            SlaState::None
        );
    }

    #[test]
    fn resolve_then_reopen_resumes_resolution() {
        let mut s = Story::new("2026-03-09 09:00");
        s.reply("2026-03-09 09:30")
            .status("2026-03-09 13:00", Status::Resolved);
        let r = s.metric("2026-03-10 12:00", Metric::Resolution);
        assert_eq!(
            (r.state, r.elapsed_minutes, r.stopped_at),
            (SlaState::Met, 240, Some(utc("2026-03-09 13:00")))
        );
        // Reopened by the requester Tuesday 09:00: 720 left -> Tuesday 17:00 + 240 -> Wednesday 13:00.
        s.requester("2026-03-10 09:00");
        let r = s.metric("2026-03-10 10:00", Metric::Resolution);
        assert_eq!((r.state, r.elapsed_minutes), (SlaState::Running, 300));
        assert_eq!(r.due_at, Some(utc("2026-03-11 13:00")));
        s.status("2026-03-10 11:00", Status::Resolved);
        let r = s.metric("2026-03-12 09:00", Metric::Resolution);
        assert_eq!(
            (r.state, r.elapsed_minutes, r.stopped_at),
            (SlaState::Met, 360, Some(utc("2026-03-10 11:00")))
        );
        // Closed: nothing runs.
        s.status("2026-03-12 10:00", Status::Closed);
        let sla = s.eval("2026-03-20 10:00");
        assert!(sla.metrics.iter().all(|m| !m.state.is_running()), "{sla:?}");
        assert_eq!(sla.next_due, None);
    }

    #[test]
    fn tier_limit_counts_in_the_current_tier_on_its_calendar() {
        // Tier 2 has no limit.
        let mut s = Story::new("2026-03-09 09:00");
        let tl = s.metric("2026-03-09 10:00", Metric::TierLimit);
        assert_eq!((tl.state, tl.elapsed_minutes), (SlaState::None, 60));
        // Moved to tier 1 (24/7, 30 min) at 18:00: counts through the evening.
        s.tier("2026-03-09 18:00", 1);
        let tl = s.metric("2026-03-09 18:20", Metric::TierLimit);
        assert_eq!(
            (tl.state, tl.elapsed_minutes, tl.due_at),
            (SlaState::Running, 20, Some(utc("2026-03-09 18:30")))
        );
        assert_eq!(
            s.metric("2026-03-09 18:25", Metric::TierLimit).state,
            SlaState::Warning
        );
        assert_eq!(
            s.metric("2026-03-09 18:31", Metric::TierLimit).state,
            SlaState::Breached
        );
        // Before the move the ticket was in tier 2, which has no limit.
        assert_eq!(
            s.metric("2026-03-09 17:00", Metric::TierLimit).state,
            SlaState::None
        );
        s.status("2026-03-09 18:10", Status::Pending);
        assert_eq!(
            s.metric("2026-03-09 19:00", Metric::TierLimit).state,
            SlaState::Paused
        );
        s.status("2026-03-09 18:40", Status::Resolved);
        let tl = s.metric("2026-03-09 19:00", Metric::TierLimit);
        assert_eq!((tl.state, tl.elapsed_minutes), (SlaState::Met, 10));
    }

    #[test]
    fn calendar_minutes_policy_and_unknown_calendar() {
        // VIP policy counts calendar minutes: created Friday 18:00, FR 10 -> 18:10.
        let mut s = Story::new("2026-03-06 18:00");
        s.t.tags = vec!["vip".into()];
        let sla = s.eval("2026-03-06 18:05");
        assert_eq!(sla.policy.as_deref(), Some("vip"));
        assert_eq!(
            sla.metric(Metric::FirstResponse).unwrap().due_at,
            Some(utc("2026-03-06 18:10"))
        );
        // A policy on a calendar that does not exist counts 24/7 in UTC.
        let mut c = cfg();
        c.policies[1].calendar = "gone".into();
        let s = Story::new("2026-03-06 18:00");
        let sla = evaluate(&s.t, &s.ev, &c, utc("2026-03-06 18:05"));
        assert_eq!(
            sla.metric(Metric::FirstResponse).unwrap().due_at,
            Some(utc("2026-03-06 19:00"))
        );
        // No policy at all: no targets, nothing breaches.
        c.policies.clear();
        let sla = evaluate(&s.t, &s.ev, &c, utc("2026-03-20 18:05"));
        assert_eq!(sla.policy, None);
        assert_eq!(
            sla.metric(Metric::Resolution).unwrap().state,
            SlaState::None
        );
        assert_eq!(sla.worst, SlaState::None);
    }

    #[test]
    fn priority_picks_the_target_and_summary_is_computed() {
        let mut s = Story::new("2026-03-09 09:00");
        s.t.priority = Priority::High;
        let sla = s.eval("2026-03-09 09:25");
        let fr = sla.metric(Metric::FirstResponse).unwrap();
        assert_eq!((fr.target_minutes, fr.state), (Some(30), SlaState::Warning));
        assert_eq!(sla.worst, SlaState::Warning);
        assert_eq!(sla.next_due, Some(utc("2026-03-09 09:30")));
        assert_eq!(
            sla.metrics.iter().map(|m| m.metric).collect::<Vec<_>>(),
            Metric::ALL.to_vec()
        );
    }

    #[test]
    fn merged_ticket_has_no_running_clock_and_events_after_now_are_ignored() {
        let mut s = Story::new("2026-03-09 09:00");
        s.push(
            utc("2026-03-09 09:20"),
            Actor::Agent("al".into()),
            EventKind::Merged { into: 7 },
        );
        s.t.merged_into = Some(7);
        let sla = s.eval("2026-03-12 09:00");
        assert!(sla.metrics.iter().all(|m| !m.state.is_running()));
        let fr = sla.metric(Metric::FirstResponse).unwrap();
        assert_eq!((fr.state, fr.elapsed_minutes), (SlaState::Met, 20));
        // Looking at 09:10, the merge has not happened yet.
        assert_eq!(
            s.metric("2026-03-09 09:10", Metric::FirstResponse).state,
            SlaState::Running
        );
    }

    #[test]
    fn unsorted_events_give_the_same_result() {
        let mut s = Story::new("2026-03-09 09:00");
        s.reply("2026-03-09 09:30")
            .status("2026-03-09 10:00", Status::Pending)
            .requester("2026-03-09 14:00");
        let a = s.eval("2026-03-09 15:00");
        s.ev.reverse();
        assert_eq!(s.eval("2026-03-09 15:00"), a);
    }

    #[test]
    fn sla_events_list_past_and_coming_warnings_and_breaches() {
        let mut s = Story::new("2026-03-09 09:00");
        s.reply("2026-03-09 10:30");
        let ev = sla_events(&s.t, &s.ev, &cfg(), utc("2026-03-09 11:00"));
        let fr: Vec<_> = ev
            .iter()
            .filter(|e| e.metric == Metric::FirstResponse)
            .collect();
        assert_eq!(fr.len(), 2);
        assert_eq!(
            (fr[0].at, fr[0].state),
            (utc("2026-03-09 09:45"), SlaState::Warning)
        );
        assert_eq!(
            (fr[1].at, fr[1].state),
            (utc("2026-03-09 10:00"), SlaState::Breached)
        );
        // Resolution (960) warns at 720 min = Tuesday 13:00 and breaches Tuesday 17:00.
        let next = next_sla_event(&s.t, &s.ev, &cfg(), utc("2026-03-09 11:00")).unwrap();
        assert_eq!(
            (next.at, next.metric, next.state),
            (
                utc("2026-03-10 13:00"),
                Metric::Resolution,
                SlaState::Warning
            )
        );
        assert!(ev.contains(&SlaEvent {
            at: utc("2026-03-10 17:00"),
            metric: Metric::Resolution,
            state: SlaState::Breached
        }));
        assert!(ev.windows(2).all(|w| w[0].at <= w[1].at));
    }

    #[test]
    fn dst_and_kolkata_calendars_work_through_the_engine() {
        let mut c = cfg();
        c.calendars[0] = Calendar::preset_8_5("office", "Asia/Kolkata");
        // Created Monday 12:00 UTC = 17:30 IST (closed): FR 60 starts Tuesday 09:00 IST = 03:30 UTC.
        let s = Story::new("2026-03-09 12:00");
        let fr = evaluate(&s.t, &s.ev, &c, utc("2026-03-09 13:00")).metrics[0].clone();
        assert_eq!(fr.started_at, Some(utc("2026-03-10 03:30")));
        assert_eq!(fr.due_at, Some(utc("2026-03-10 04:30")));
        // Berlin: Friday 27 March 16:30 CET (15:30 UTC) + FR 60 -> Monday 09:30 CEST (07:30 UTC).
        c.calendars[0] = Calendar::preset_8_5("office", "Europe/Berlin");
        let s = Story::new("2026-03-27 15:30");
        let fr = evaluate(&s.t, &s.ev, &c, utc("2026-03-27 15:31")).metrics[0].clone();
        assert_eq!(fr.due_at, Some(utc("2026-03-30 07:30")));
    }

    fn at(base: Time, min: i64) -> Time {
        base + Duration::minutes(min)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// A pause inserted into a history never moves the resolution due time earlier, and
        /// elapsed + remaining = target whenever the clock runs.
        #[test]
        fn pauses_never_bring_due_earlier(
            created in 1_772_000_000i64..1_775_000_000,
            p_start in 0i64..6_000,
            p_len in 1i64..6_000,
            look in 0i64..12_000,
        ) {
            let base = DateTime::from_timestamp(created, 0).unwrap();
            let c = cfg();
            let plain = Story::new(&base.format("%Y-%m-%d %H:%M").to_string());
            let mut paused = Story::new(&base.format("%Y-%m-%d %H:%M").to_string());
            let b0 = paused.t.created_at;
            paused.push(at(b0, p_start), Actor::Agent("al".into()), EventKind::StatusChanged { from: Status::New, to: Status::Pending });
            paused.t.status = Status::Pending;
            paused.push(at(b0, p_start + p_len), Actor::Agent("al".into()), EventKind::StatusChanged { from: Status::Pending, to: Status::Open });
            paused.t.status = Status::Open;
            // Compare once the pause is over, when both clocks run.
            let now = at(b0, p_start + p_len + look);
            let a = evaluate(&plain.t, &plain.ev, &c, now);
            let b = evaluate(&paused.t, &paused.ev, &c, now);
            for m in [Metric::FirstResponse, Metric::Resolution] {
                let (x, y) = (a.metric(m).unwrap(), b.metric(m).unwrap());
                prop_assert!(y.due_at >= x.due_at, "{m:?}: {:?} < {:?}", y.due_at, x.due_at);
                prop_assert!(y.elapsed_minutes <= x.elapsed_minutes);
                for s in [x, y] {
                    if s.state.is_running() {
                        prop_assert_eq!(s.elapsed_minutes + s.remaining_minutes.unwrap(), i64::from(s.target_minutes.unwrap()));
                        let due = s.due_at.unwrap();
                        prop_assert!(due >= now);
                    }
                }
            }
        }
    }
}
