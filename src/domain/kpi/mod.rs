//! Help-desk KPIs over a period, derived from ticket histories: the same code serves the app's
//! reports page, the demo clock and `tierdesk kpi`.
//!
//! Decisions (the help texts in [`kpi_help`] say the same to users):
//! - The period is `[from, to)`. Only events at or before `as_of = min(to, now)` count, so a
//!   report on a past period does not change when later events arrive; the backlog, the
//!   grouping fields and the SLA clocks are taken at `as_of`.
//! - A duration is counted in the period in which its ending event happens (the first reply,
//!   the first resolution, ...); tickets without that event are skipped and `n` says how many
//!   were counted, so an empty period shows "—" (`None`), never 0 or NaN.
//! - Breakdowns group each ticket by its fields at `as_of`: for a ticket resolved in the
//!   period that is the tier, group, assignee, category and priority it had when it was
//!   resolved (unless someone edited it afterwards, still within the period); for an open
//!   ticket, its current ones.
//! - Moves made by routing rules (cause `routing`) sort a ticket into its tier; they are not
//!   escalations and do not spoil first-contact resolution.
//! - Work is O(events) per ticket (plus one SLA evaluation), so [`KpiAccumulator`] can be fed
//!   in chunks between animation frames.

mod acc;
mod daily;
mod facts;
mod help;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::desk::{DeskConfig, Metric};
use super::model::{Event, Priority, Ticket, TicketId, Tier, Time};
use super::sla::{SlaEngine, SlaState};

pub use help::kpi_help;

/// The key used in `by_group`, `by_agent` and `by_category` for tickets without one.
pub const NONE_KEY: &str = "(none)";

/// Mean and median of a duration, in minutes; `None` when `n` is 0.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Stat {
    pub n: u64,
    pub mean: Option<f64>,
    pub median: Option<f64>,
}

/// `count` out of `of`; `rate` (0 to 1) is `None` when `of` is 0.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Rate {
    pub count: u64,
    pub of: u64,
    pub rate: Option<f64>,
}

impl Rate {
    pub fn new(count: u64, of: u64) -> Rate {
        Rate {
            count,
            of,
            rate: (of > 0).then(|| count as f64 / of as f64),
        }
    }
}

/// Escalations out of one tier: `escalated` of the `entered` tickets moved up from it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StepRate {
    pub from: Tier,
    pub to: Tier,
    pub entered: u64,
    pub escalated: u64,
    pub rate: Option<f64>,
}

/// One SLA metric: `rate = met / (met + breached)`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SlaCompliance {
    pub metric: Metric,
    pub met: u64,
    pub breached: u64,
    pub rate: Option<f64>,
}

/// Open tickets by age (time since creation) at the end of the period.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub struct BacklogAge {
    pub under_1h: u64,
    pub h1_to_4: u64,
    pub h4_to_24: u64,
    pub d1_to_3: u64,
    pub d3_to_7: u64,
    pub over_7d: u64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct CsatKpi {
    pub ratings: u64,
    /// Mean score, 1 to 5.
    pub average: Option<f64>,
    /// Rated tickets out of resolved tickets.
    pub response: Rate,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct FunnelStep {
    pub tier: Tier,
    pub reached: u64,
}

/// Every KPI for one set of tickets (the whole desk, or one tier, group, agent, ...).
/// Field names are the keys of [`kpi_help`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Kpis {
    /// Tickets that had anything to do with the period (created, touched, or open at its end).
    pub tickets: u64,
    pub created: u64,
    pub resolved: u64,
    pub backlog: u64,
    pub backlog_age: BacklogAge,
    pub time_to_acknowledge: Stat,
    pub first_response: Stat,
    pub first_response_business: Stat,
    pub time_to_resolve: Stat,
    pub resolution_time: Stat,
    pub resolution_business: Stat,
    pub first_contact_resolution: Rate,
    pub reopen: Rate,
    pub escalation: Rate,
    pub escalation_steps: Vec<StepRate>,
    pub sla: Vec<SlaCompliance>,
    pub sla_breaches: u64,
    pub portal_created: u64,
    /// Only in `overall` (the deflection counts are desk-wide), and only when [`KpiInputs`]
    /// has a non-zero count.
    pub deflection: Option<Rate>,
    pub csat: CsatKpi,
    pub time_spent_minutes: u64,
    pub time_by_agent: BTreeMap<String, u64>,
    pub time_by_tier: BTreeMap<Tier, u64>,
    pub cost_total: Option<f64>,
    pub cost_per_ticket: Option<f64>,
    pub funnel: Vec<FunnelStep>,
}

/// One day of the chart, in the desk's default calendar's time zone.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct DayPoint {
    pub date: NaiveDate,
    pub created: u64,
    pub resolved: u64,
    /// Open tickets at the end of the day (or at `as_of` for the last day).
    pub backlog: u64,
    pub sla_met: u64,
    pub sla_breached: u64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Time,
    pub to: Time,
    pub now: Time,
    /// `min(to, now)`: the instant the report describes.
    pub as_of: Time,
    /// Time zone of the daily buckets (the default calendar's).
    pub time_zone: String,
}

/// Counts the caller supplies because no ticket history records them.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct KpiInputs {
    /// Portal visits that ended with "this solved my problem" instead of a ticket.
    pub deflections: u64,
    /// Portal searches or article views in the period, shown for context.
    pub portal_searches_or_views: u64,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct KpiReport {
    pub period: Period,
    pub inputs: KpiInputs,
    /// Distinct tickets read (relevant to the period or not).
    pub tickets_read: u64,
    /// Tickets given to the accumulator more than once; only the first copy counted.
    pub duplicates_skipped: u64,
    pub overall: Kpis,
    pub by_tier: BTreeMap<Tier, Kpis>,
    pub by_group: BTreeMap<String, Kpis>,
    pub by_agent: BTreeMap<String, Kpis>,
    pub by_category: BTreeMap<String, Kpis>,
    pub by_priority: BTreeMap<Priority, Kpis>,
    /// Days from `from` up to `as_of` (at most [`MAX_DAYS`], the latest ones).
    pub daily: Vec<DayPoint>,
}

/// Longest daily series: about ten years.
pub const MAX_DAYS: usize = 3700;

/// The period and the instant the report looks from.
#[derive(Clone, Copy, Debug)]
struct Window {
    from: Time,
    to: Time,
    as_of: Time,
}

impl Window {
    fn contains(&self, t: Time) -> bool {
        self.from <= t && t < self.to && t <= self.as_of
    }
}

/// What the SLA engine says about one ticket for the period.
#[derive(Debug, Default)]
struct SlaOut {
    /// Metrics counted for compliance: which, met or not, and the instant for the daily chart
    /// (when it stopped, or when it breached if still running).
    counted: Vec<(Metric, bool, Time)>,
    /// SLA-clock minutes of the first response, if the first reply is in the period.
    first_response: Option<i64>,
    /// SLA-clock minutes to the final resolution, if that is in the period.
    resolution: Option<i64>,
}

/// Builds a [`KpiReport`] from tickets given one at a time (in any order and in chunks), so the
/// UI can spread 100,000 tickets over many animation frames.
pub struct KpiAccumulator<'a> {
    cfg: &'a DeskConfig,
    engine: SlaEngine<'a>,
    w: Window,
    now: Time,
    inputs: KpiInputs,
    seen: HashSet<TicketId>,
    duplicates: u64,
    overall: acc::Acc,
    by_tier: BTreeMap<Tier, acc::Acc>,
    by_group: BTreeMap<String, acc::Acc>,
    by_agent: BTreeMap<String, acc::Acc>,
    by_category: BTreeMap<String, acc::Acc>,
    by_priority: BTreeMap<Priority, acc::Acc>,
    daily: daily::Daily,
}

impl<'a> KpiAccumulator<'a> {
    /// An empty or reversed period (`from >= to`) gives a report of zeros.
    pub fn new(cfg: &'a DeskConfig, from: Time, to: Time, now: Time) -> KpiAccumulator<'a> {
        let w = Window {
            from,
            to,
            as_of: to.min(now),
        };
        let tz = cfg
            .calendar(&cfg.general.default_calendar)
            .map_or("UTC", |c| c.tz.as_str());
        KpiAccumulator {
            cfg,
            engine: SlaEngine::new(cfg),
            w,
            now,
            inputs: KpiInputs::default(),
            seen: HashSet::new(),
            duplicates: 0,
            overall: acc::Acc::default(),
            by_tier: BTreeMap::new(),
            by_group: BTreeMap::new(),
            by_agent: BTreeMap::new(),
            by_category: BTreeMap::new(),
            by_priority: BTreeMap::new(),
            daily: daily::Daily::new(tz, &w),
        }
    }

    /// The deflection counts (see [`KpiInputs`]); zero unless set.
    pub fn with_inputs(mut self, inputs: KpiInputs) -> Self {
        self.inputs = inputs;
        self
    }

    /// Distinct tickets added so far: for a progress bar.
    pub fn tickets_read(&self) -> u64 {
        self.seen.len() as u64
    }

    /// Adds one ticket with its whole history (events in any order). A ticket id given a
    /// second time is skipped.
    pub fn add(&mut self, ticket: &Ticket, events: &[Event]) {
        if !self.seen.insert(ticket.id) {
            self.duplicates += 1;
            return;
        }
        let (f, dims) = facts::read(ticket, events, &self.w);
        if !f.relevant() {
            return;
        }
        let sla = self.sla(ticket, events, &f);
        let v = acc::View {
            f: &f,
            sla: &sla,
            w: &self.w,
        };
        self.overall.add(&v);
        self.by_tier.entry(dims.tier).or_default().add(&v);
        let key = |k: Option<String>| k.unwrap_or_else(|| NONE_KEY.to_string());
        self.by_group.entry(key(dims.group)).or_default().add(&v);
        self.by_agent.entry(key(dims.agent)).or_default().add(&v);
        self.by_category
            .entry(key(dims.category))
            .or_default()
            .add(&v);
        self.by_priority.entry(dims.priority).or_default().add(&v);
        self.daily.add(&f, &sla);
    }

    fn sla(&self, ticket: &Ticket, events: &[Event], f: &facts::Facts) -> SlaOut {
        let w = &self.w;
        let s = self.engine.evaluate(ticket, events, w.as_of);
        let mut out = SlaOut::default();
        for m in &s.metrics {
            match (m.state, m.stopped_at) {
                (SlaState::Met, Some(at)) if w.contains(at) => {
                    out.counted.push((m.metric, true, at))
                }
                (SlaState::Breached, Some(at)) if w.contains(at) => {
                    out.counted.push((m.metric, false, at))
                }
                // Still running (or paused) after its due time.
                (SlaState::Breached, None) => {
                    out.counted
                        .push((m.metric, false, m.breached_at.unwrap_or(w.as_of)))
                }
                _ => {}
            }
        }
        let stopped = |metric| {
            s.metric(metric)
                .filter(|m| m.stopped_at.is_some())
                .map(|m| m.elapsed_minutes)
        };
        if f.first_reply.is_some_and(|t| w.contains(t)) {
            out.first_response = stopped(Metric::FirstResponse);
        }
        if f.finally_resolved() && f.last_resolve.is_some_and(|t| w.contains(t)) {
            out.resolution = stopped(Metric::Resolution);
        }
        out
    }

    pub fn finish(self) -> KpiReport {
        let (cfg, inputs) = (self.cfg, self.inputs);
        fn part<K: Ord>(m: BTreeMap<K, acc::Acc>, cfg: &DeskConfig) -> BTreeMap<K, Kpis> {
            m.into_iter()
                .map(|(k, a)| (k, a.finish(cfg, None)))
                .collect()
        }
        let tz = self.daily.time_zone();
        KpiReport {
            period: Period {
                from: self.w.from,
                to: self.w.to,
                now: self.now,
                as_of: self.w.as_of,
                time_zone: tz,
            },
            inputs,
            tickets_read: self.seen.len() as u64,
            duplicates_skipped: self.duplicates,
            overall: self.overall.finish(cfg, Some(inputs)),
            by_tier: part(self.by_tier, cfg),
            by_group: part(self.by_group, cfg),
            by_agent: part(self.by_agent, cfg),
            by_category: part(self.by_category, cfg),
            by_priority: part(self.by_priority, cfg),
            daily: self.daily.finish(),
        }
    }
}

/// The whole report in one call. Events may come in any order; they are grouped by ticket in
/// one pass (borrowed when each ticket's events are stored together, as in a backup).
pub fn compute(
    tickets: &[Ticket],
    events: &[Event],
    cfg: &DeskConfig,
    from: Time,
    to: Time,
    now: Time,
    inputs: KpiInputs,
) -> KpiReport {
    let mut acc = KpiAccumulator::new(cfg, from, to, now).with_inputs(inputs);
    let mut ranges: HashMap<TicketId, (usize, usize)> = HashMap::new();
    let mut together = true;
    for (i, e) in events.iter().enumerate() {
        match ranges.get_mut(&e.ticket) {
            Some(r) if r.1 == i => r.1 = i + 1,
            Some(_) => together = false,
            None => {
                ranges.insert(e.ticket, (i, i + 1));
            }
        }
    }
    if together {
        for t in tickets {
            let evs = ranges.get(&t.id).map_or(&[][..], |&(a, b)| &events[a..b]);
            acc.add(t, evs);
        }
    } else {
        let mut groups: HashMap<TicketId, Vec<Event>> = HashMap::new();
        for e in events {
            groups.entry(e.ticket).or_default().push(e.clone());
        }
        for t in tickets {
            acc.add(t, groups.get(&t.id).map_or(&[][..], Vec::as_slice));
        }
    }
    acc.finish()
}

/// The report as JSON, for `tierdesk kpi` and for export.
pub fn report_json(report: &KpiReport) -> serde_json::Value {
    serde_json::to_value(report).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("the KPI report could not be written as JSON: {e}") })
    })
}
