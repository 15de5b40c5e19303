//! A ticket's SLA clocks, captured when its history last changed, so that queues over
//! 100,000 tickets can show live badges without reading every history again.
//!
//! This is not a stored counter: it is `sla::evaluate` at the instant of the last event, and
//! between two events a clock's future is fixed (a running clock's due time does not move, a
//! paused one stays paused). So `snapshot.at(now)` equals `evaluate(now)` for any later `now`
//! until the next event, when the snapshot is taken again. A test checks exactly that.

use serde::{Deserialize, Serialize};

use super::desk::{DeskConfig, Metric};
use super::model::{Event, Ticket, Time};
use super::sla::{select_policy, SlaEngine, SlaState};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct MetricSnap {
    pub metric: Metric,
    /// State at `computed_at`.
    pub state: SlaState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_at: Option<Time>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breached_at: Option<Time>,
    /// Remaining minutes at `computed_at` (kept for paused clocks, whose due time moves).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<i64>,
    /// The calendar the clock counts on ("" = calendar minutes, 24/7).
    #[serde(default)]
    pub clock: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SlaSnapshot {
    pub computed_at: Time,
    #[serde(default)]
    pub metrics: Vec<MetricSnap>,
}

/// One metric as it stands at some `now`.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricNow {
    pub metric: Metric,
    pub state: SlaState,
    pub target: Option<u32>,
    pub due_at: Option<Time>,
    /// Business (or calendar) minutes left; negative once breached.
    pub remaining: Option<i64>,
}

impl SlaSnapshot {
    /// Evaluates the ticket's clocks at `now` (the instant of its latest change).
    pub fn take(engine: &SlaEngine, cfg: &DeskConfig, ticket: &Ticket, events: &[Event], now: Time) -> SlaSnapshot {
        let sla = engine.evaluate(ticket, events, now);
        let policy = select_policy(&cfg.policies, ticket);
        let policy_clock = match policy {
            Some(p) if !p.business_hours => String::new(),
            Some(p) if !p.calendar.trim().is_empty() => p.calendar.clone(),
            _ => cfg.general.default_calendar.clone(),
        };
        let tier_clock = cfg.tier(ticket.tier).map(|t| t.calendar.clone()).unwrap_or_default();
        let metrics = sla
            .metrics
            .into_iter()
            .filter(|m| m.state != SlaState::None)
            .map(|m| MetricSnap {
                metric: m.metric,
                state: m.state,
                target: m.target_minutes,
                due_at: m.due_at,
                warn_at: m.warn_at,
                breached_at: m.breached_at,
                remaining: m.remaining_minutes,
                clock: if m.metric == Metric::TierLimit { tier_clock.clone() } else { policy_clock.clone() },
            })
            .collect();
        SlaSnapshot { computed_at: now, metrics }
    }

    fn state_at(m: &MetricSnap, now: Time) -> SlaState {
        match m.state {
            SlaState::Running | SlaState::Warning => match (m.due_at, m.warn_at) {
                (Some(due), _) if now > due => SlaState::Breached,
                (_, Some(warn)) if now >= warn => SlaState::Warning,
                _ => SlaState::Running,
            },
            other => other,
        }
    }

    /// Every metric at `now` (>= `computed_at`), with remaining time on its calendar.
    pub fn at(&self, engine: &SlaEngine, now: Time) -> Vec<MetricNow> {
        self.metrics
            .iter()
            .map(|m| {
                let state = Self::state_at(m, now);
                let remaining = match (m.state, m.due_at) {
                    (SlaState::Running | SlaState::Warning, Some(due)) => {
                        let clock = engine.clock(&m.clock);
                        Some(if now <= due {
                            clock.business_minutes_between(now, due)
                        } else {
                            -clock.business_minutes_between(due, now)
                        })
                    }
                    _ => m.remaining,
                };
                MetricNow { metric: m.metric, state, target: m.target, due_at: m.due_at, remaining }
            })
            .collect()
    }

    /// The worst state at `now`: cheap (no calendar arithmetic), for queue filters and counts.
    pub fn worst_at(&self, now: Time) -> SlaState {
        self.metrics
            .iter()
            .map(|m| Self::state_at(m, now))
            .max_by_key(|s| s.severity())
            .unwrap_or(SlaState::None)
    }

    /// The most pressing metric for a badge: breached, then running with the earliest due
    /// time, then paused.
    pub fn headline(&self, engine: &SlaEngine, now: Time) -> Option<MetricNow> {
        let all = self.at(engine, now);
        all.into_iter()
            .filter(|m| matches!(m.state, SlaState::Breached | SlaState::Running | SlaState::Warning | SlaState::Paused))
            .min_by_key(|m| {
                let rank = match m.state {
                    SlaState::Breached => 0,
                    SlaState::Warning | SlaState::Running => 1,
                    _ => 2,
                };
                (rank, m.due_at.map(|d| d.timestamp()).unwrap_or(i64::MAX))
            })
    }

    /// Earliest due time among running clocks (breached or not): sorts "most urgent first".
    pub fn next_due(&self) -> Option<Time> {
        self.metrics
            .iter()
            .filter(|m| m.state.is_running())
            .filter_map(|m| m.due_at)
            .min()
    }

    /// The next instant after `now` at which some clock warns or breaches, if nothing changes:
    /// when automation must look at this ticket again, and where the demo clock can jump.
    pub fn next_change_after(&self, now: Time) -> Option<Time> {
        self.metrics
            .iter()
            .filter(|m| m.state.is_running())
            .flat_map(|m| [m.warn_at, m.due_at.map(|d| d + chrono::Duration::seconds(1))])
            .flatten()
            .filter(|t| *t > now)
            .min()
    }

    /// When the tier time limit runs out (or ran out), while it runs.
    pub fn tier_limit_due(&self) -> Option<Time> {
        self.metrics
            .iter()
            .find(|m| m.metric == Metric::TierLimit && m.state.is_running())
            .and_then(|m| m.due_at)
    }
}

/// Snapshots for many tickets at once (imports, demo data): events grouped in one pass.
pub fn snapshot_all(
    cfg: &DeskConfig,
    tickets: &[Ticket],
    events: &[Event],
    now: Time,
) -> std::collections::HashMap<super::model::TicketId, SlaSnapshot> {
    let engine = SlaEngine::new(cfg);
    let mut by_ticket: std::collections::HashMap<u64, Vec<Event>> = std::collections::HashMap::new();
    for e in events {
        by_ticket.entry(e.ticket).or_default().push(e.clone());
    }
    tickets
        .iter()
        .map(|t| {
            let mut ev = by_ticket.remove(&t.id).unwrap_or_default();
            ev.sort_by_key(|e| (e.seq, e.at));
            let at = ev.last().map(|e| e.at.max(now)).unwrap_or(now);
            (t.id, SlaSnapshot::take(&engine, cfg, t, &ev, at))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::defaults::default_config;
    use crate::domain::model::*;
    use crate::domain::ticket::{self, Command, Ctx, NewTicket, SeqIds};
    use chrono::{Duration, TimeZone, Utc};
    use proptest::prelude::*;

    fn t0() -> Time {
        // A Monday morning: every default calendar is open.
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap()
    }

    fn ticket_with(priority: Priority, pending: bool) -> (Ticket, Vec<Event>) {
        let mut ids = SeqIds::new("s");
        let ctx = Ctx::new(t0(), Actor::Requester);
        let new = NewTicket {
            subject: "VPN down".into(),
            requester: Requester { name: "Sam".into(), ..Default::default() },
            priority,
            tier: Tier(1),
            ..Default::default()
        };
        let (mut t, mut ev) = ticket::create(1, new, &ctx, &mut ids).unwrap();
        if pending {
            let ctx = Ctx::new(t0() + Duration::minutes(5), Actor::Agent("a".into()));
            let more = ticket::apply(&mut t, &ev, Command::SetStatus(Status::Pending), &ctx, &mut ids).unwrap();
            ev.extend(more);
        }
        (t, ev)
    }

    #[test]
    fn running_clock_counts_down_and_breaches() {
        let cfg = default_config();
        let engine = SlaEngine::new(&cfg);
        let (t, ev) = ticket_with(Priority::High, false);
        let snap = SlaSnapshot::take(&engine, &cfg, &t, &ev, t0());
        let fr = |now| snap.at(&engine, now).into_iter().find(|m| m.metric == Metric::FirstResponse).unwrap();
        // High priority: first response within 60 business minutes.
        assert_eq!(fr(t0()).remaining, Some(60));
        assert_eq!(fr(t0() + Duration::minutes(50)).state, SlaState::Warning);
        assert_eq!(fr(t0() + Duration::minutes(61)).state, SlaState::Breached);
        assert_eq!(fr(t0() + Duration::minutes(61)).remaining, Some(-1));
        assert_eq!(snap.worst_at(t0() + Duration::minutes(61)), SlaState::Breached);
    }

    #[test]
    fn paused_clock_keeps_its_remaining_time() {
        let cfg = default_config();
        let engine = SlaEngine::new(&cfg);
        let (t, ev) = ticket_with(Priority::High, true);
        let at = t0() + Duration::minutes(5);
        let snap = SlaSnapshot::take(&engine, &cfg, &t, &ev, at);
        let later = snap.at(&engine, at + Duration::days(3));
        let fr = later.iter().find(|m| m.metric == Metric::FirstResponse).unwrap();
        assert_eq!(fr.state, SlaState::Paused);
        assert_eq!(fr.remaining, Some(55));
        assert_eq!(snap.next_change_after(at), None, "nothing happens while paused");
    }

    proptest! {
        // Between two events the snapshot answers exactly what evaluating the history would.
        #[test]
        fn snapshot_matches_evaluate_until_the_next_event(minutes in 0i64..(60 * 24 * 10), prio in 0usize..4) {
            let cfg = default_config();
            let engine = SlaEngine::new(&cfg);
            let (t, ev) = ticket_with(Priority::ALL[prio], false);
            let snap = SlaSnapshot::take(&engine, &cfg, &t, &ev, t0());
            let now = t0() + Duration::minutes(minutes);
            let full = engine.evaluate(&t, &ev, now);
            for m in snap.at(&engine, now) {
                let f = full.metric(m.metric).unwrap();
                prop_assert_eq!(m.state, f.state, "{:?} at +{}m", m.metric, minutes);
                prop_assert_eq!(m.due_at, f.due_at);
                if m.state.is_running() {
                    prop_assert_eq!(m.remaining, f.remaining_minutes);
                }
            }
            prop_assert_eq!(snap.worst_at(now), full.worst);
        }
    }
}
