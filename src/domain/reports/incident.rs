//! The incident report: one ticket, or a group of linked tickets (parent and children, a
//! problem and its incidents, duplicates, merged tickets), with the combined timeline, the
//! tiers each passed through and for how long, the SLA outcome per metric, root causes,
//! problems and articles. Built from stored data only; the page and the Markdown export
//! both draw this one structure.

use std::collections::{BTreeSet, VecDeque};

use crate::domain::desk::{DeskConfig, Metric};
use crate::domain::model::{Event, EventKind, LinkKind, Ticket, TicketId, Tier, Time};
use crate::domain::sla::{SlaEngine, SlaState};
use crate::domain::timeline::{self, Row};

/// Most tickets one report gathers: a link chain through a whole desk stays readable.
pub const MAX_GROUP: usize = 50;

/// The tickets a ticket points at: its links (any kind), what it was merged into, and what was
/// merged into it.
pub fn neighbours(t: &Ticket, events: &[Event]) -> Vec<TicketId> {
    let mut out: Vec<TicketId> = t.links.iter().map(|l| l.other).collect();
    out.extend(t.merged_into);
    out.extend(events.iter().filter_map(|e| match e.kind {
        EventKind::MergedFrom { from } => Some(from),
        _ => None,
    }));
    out.retain(|id| *id != t.id);
    out.sort_unstable();
    out.dedup();
    out
}

/// A breadth-first walk over links that the caller feeds from storage, batch by batch:
/// `next_batch` says which tickets to read, `found` hands each one back.
#[derive(Debug, Clone)]
pub struct Walk {
    seen: BTreeSet<TicketId>,
    queue: VecDeque<TicketId>,
    /// A ticket was left out because the group reached [`MAX_GROUP`].
    pub truncated: bool,
}

impl Walk {
    pub fn new(root: TicketId) -> Walk {
        Walk {
            seen: BTreeSet::from([root]),
            queue: VecDeque::from([root]),
            truncated: false,
        }
    }

    /// The tickets to read next (empty when the walk is over).
    pub fn next_batch(&mut self) -> Vec<TicketId> {
        self.queue.drain(..).collect()
    }

    /// A ticket that was read: its neighbours join the walk, up to [`MAX_GROUP`] in all.
    pub fn found(&mut self, t: &Ticket, events: &[Event]) {
        for id in neighbours(t, events) {
            if self.seen.contains(&id) {
                continue;
            }
            if self.seen.len() >= MAX_GROUP {
                self.truncated = true;
                continue;
            }
            self.seen.insert(id);
            self.queue.push_back(id);
        }
    }
}

/// A stretch a ticket spent in one tier; `to` is `None` while it is still there (open).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierSpan {
    pub tier: Tier,
    pub from: Time,
    pub to: Option<Time>,
}

impl TierSpan {
    /// Wall-clock minutes, up to `now` for a span still running.
    pub fn minutes(&self, now: Time) -> i64 {
        (self.to.unwrap_or(now) - self.from).num_minutes().max(0)
    }
}

/// Where the ticket was from creation until it was last closed (or until now if open).
pub fn tier_spans(t: &Ticket, events: &[Event]) -> Vec<TierSpan> {
    let mut evs: Vec<&Event> = events.iter().collect();
    evs.sort_by_key(|e| (e.at, e.seq));
    let created = evs
        .iter()
        .find_map(|e| match e.kind {
            EventKind::Created { tier, .. } => Some((e.at, tier)),
            _ => None,
        })
        .unwrap_or((t.created_at, first_tier(t, &evs)));
    let (mut start, mut tier) = created;
    let mut out = vec![];
    let mut closed_at = None;
    for e in &evs {
        match e.kind {
            EventKind::TierChanged { to, .. } if to != tier => {
                out.push(TierSpan { tier, from: start, to: Some(e.at) });
                (start, tier) = (e.at.max(start), to);
            }
            EventKind::StatusChanged { to, .. } => {
                closed_at = (!to.is_open()).then_some(e.at);
            }
            EventKind::Merged { .. } => closed_at = Some(e.at),
            _ => {}
        }
    }
    let closed = closed_at.filter(|_| !t.status.is_open() || t.merged_into.is_some());
    out.push(TierSpan { tier, from: start, to: closed.map(|c| c.max(start)) });
    out
}

fn first_tier(t: &Ticket, evs: &[&Event]) -> Tier {
    evs.iter()
        .find_map(|e| match e.kind {
            EventKind::TierChanged { from, .. } => Some(from),
            _ => None,
        })
        .unwrap_or(t.tier)
}

/// Minutes per tier, in the order the tiers were first reached.
pub fn tier_totals(spans: &[TierSpan], now: Time) -> Vec<(Tier, i64)> {
    let mut out: Vec<(Tier, i64)> = vec![];
    for s in spans {
        let m = s.minutes(now);
        match out.iter_mut().find(|(t, _)| *t == s.tier) {
            Some((_, total)) => *total += m,
            None => out.push((s.tier, m)),
        }
    }
    out
}

/// One SLA clock of one ticket: its target, when it was due and when it stopped.
#[derive(Clone, Debug, PartialEq)]
pub struct SlaOutcome {
    pub metric: Metric,
    pub state: SlaState,
    pub target_minutes: Option<u32>,
    pub due_at: Option<Time>,
    /// The reply, resolution or merge that stopped it; `None` while it runs.
    pub done_at: Option<Time>,
    pub breached_at: Option<Time>,
    /// Counted minutes (business or calendar, per the policy).
    pub elapsed_minutes: i64,
}

/// One ticket of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct IncidentTicket {
    pub ticket: Ticket,
    pub spans: Vec<TierSpan>,
    /// Only the metrics with a target.
    pub sla: Vec<SlaOutcome>,
    pub policy: Option<String>,
    /// When it was last resolved or closed, if it is not open now.
    pub closed_at: Option<Time>,
}

impl IncidentTicket {
    /// This ticket is the problem behind another one in the desk.
    pub fn is_problem(&self) -> bool {
        self.ticket.links.iter().any(|l| l.kind == LinkKind::ProblemOf)
    }
}

/// One line of the combined timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    pub ticket: TicketId,
    pub row: Row,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IncidentReport {
    pub root: TicketId,
    pub now: Time,
    /// The root first, then by number.
    pub tickets: Vec<IncidentTicket>,
    /// Linked numbers that are not in this desk (deleted, or from another desk).
    pub missing: Vec<TicketId>,
    /// More tickets were linked than [`MAX_GROUP`].
    pub truncated: bool,
    /// Every ticket's history and past SLA warnings and breaches, oldest first.
    pub timeline: Vec<TimelineRow>,
}

impl IncidentReport {
    pub fn root_ticket(&self) -> Option<&IncidentTicket> {
        self.tickets.iter().find(|t| t.ticket.id == self.root)
    }

    /// Knowledge articles linked on any ticket of the group, each once, in first-seen order.
    pub fn articles(&self) -> Vec<String> {
        let mut out: Vec<String> = vec![];
        for t in &self.tickets {
            for a in &t.ticket.articles {
                if !out.contains(a) {
                    out.push(a.clone());
                }
            }
        }
        out
    }
}

/// Builds the report from the tickets the walk read (in any order) at `now`.
pub fn build(
    root: TicketId,
    loaded: Vec<(Ticket, Vec<Event>)>,
    missing: Vec<TicketId>,
    truncated: bool,
    cfg: &DeskConfig,
    now: Time,
) -> IncidentReport {
    let engine = SlaEngine::new(cfg);
    let mut tickets = vec![];
    let mut timeline = vec![];
    for (t, mut events) in loaded {
        events.sort_by_key(|e| (e.at, e.seq));
        let sla = engine.evaluate(&t, &events, now);
        let past = engine.sla_events(&t, &events, now);
        timeline.extend(
            timeline::rows(&events, &past, now, cfg, &t.requester.name)
                .into_iter()
                .map(|row| TimelineRow { ticket: t.id, row }),
        );
        let spans = tier_spans(&t, &events);
        let closed_at = spans.last().and_then(|s| s.to);
        tickets.push(IncidentTicket {
            spans,
            sla: sla
                .metrics
                .iter()
                .filter(|m| m.state != SlaState::None)
                .map(|m| SlaOutcome {
                    metric: m.metric,
                    state: m.state,
                    target_minutes: m.target_minutes,
                    due_at: m.due_at.or(m.breached_at),
                    done_at: m.stopped_at,
                    breached_at: m.breached_at,
                    elapsed_minutes: m.elapsed_minutes,
                })
                .collect(),
            policy: sla.policy,
            closed_at,
            ticket: t,
        });
    }
    tickets.sort_by_key(|t| (t.ticket.id != root, t.ticket.id));
    // Stable: each ticket's own order (events, then derived SLA rows) is kept.
    timeline.sort_by_key(|r| (r.row.at, r.ticket != root, r.ticket));
    let mut missing = missing;
    missing.sort_unstable();
    missing.dedup();
    IncidentReport { root, now, tickets, missing, truncated, timeline }
}

#[cfg(test)]
#[path = "incident_tests.rs"]
mod tests;
