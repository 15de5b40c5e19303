//! Running totals for one set of tickets, and turning them into [`Kpis`].
//!
//! Durations are kept as whole seconds so that sums do not depend on the order tickets come
//! in: the report is the same however the tickets are chunked.

use std::collections::BTreeMap;

use super::facts::{Facts, TIERS};
use super::{
    BacklogAge, CsatKpi, FunnelStep, KpiInputs, Kpis, Rate, SlaCompliance, SlaOut, Stat, StepRate,
    Window,
};
use crate::domain::desk::{DeskConfig, Metric};
use crate::domain::model::{Tier, Time};

/// What [`Acc::add`] reads for one ticket.
pub(super) struct View<'a> {
    pub f: &'a Facts,
    pub sla: &'a SlaOut,
    pub w: &'a Window,
}

/// Durations in seconds (kept for the median).
#[derive(Default, Debug)]
struct Durations(Vec<u32>);

impl Durations {
    fn push_secs(&mut self, secs: i64) {
        self.0.push(u32::try_from(secs.max(0)).unwrap_or(u32::MAX));
    }

    fn push_between(&mut self, start: Time, end: Time) {
        self.push_secs((end - start).num_seconds());
    }

    fn push_minutes(&mut self, minutes: i64) {
        self.push_secs(minutes.saturating_mul(60));
    }

    fn finish(mut self) -> Stat {
        let n = self.0.len();
        if n == 0 {
            return Stat::default();
        }
        self.0.sort_unstable();
        let sum: u64 = self.0.iter().map(|&s| u64::from(s)).sum();
        let mid = if n % 2 == 1 {
            f64::from(self.0[n / 2])
        } else {
            (f64::from(self.0[n / 2 - 1]) + f64::from(self.0[n / 2])) / 2.0
        };
        Stat {
            n: n as u64,
            mean: Some(sum as f64 / n as f64 / 60.0),
            median: Some(mid / 60.0),
        }
    }
}

#[derive(Default, Debug)]
pub(super) struct Acc {
    tickets: u64,
    created: u64,
    resolved: u64,
    portal_created: u64,
    backlog: u64,
    ages: [u64; 6],
    ack: Durations,
    first_response: Durations,
    first_response_business: Durations,
    resolve_first: Durations,
    resolve_final: Durations,
    resolve_business: Durations,
    fcr: u64,
    reopened: u64,
    rated: u64,
    score_sum: u64,
    entered: [u64; TIERS],
    escalated_from: [u64; TIERS],
    entered_any: u64,
    escalated_any: u64,
    /// Met and breached per metric, in `Metric::ALL` order.
    sla: [(u64, u64); 4],
    time_by_agent: BTreeMap<String, u64>,
    time_by_tier: BTreeMap<Tier, u64>,
}

/// Upper bounds of the backlog age buckets, in seconds.
const AGE_LIMITS: [i64; 5] = [3600, 4 * 3600, 24 * 3600, 3 * 86_400, 7 * 86_400];

fn metric_index(m: Metric) -> usize {
    Metric::ALL.iter().position(|x| *x == m).unwrap_or(0)
}

impl Acc {
    pub fn add(&mut self, v: &View) {
        let (f, w) = (v.f, v.w);
        let Some(created) = f.created else { return };
        let inside = |t: Option<Time>| t.filter(|&t| w.contains(t));
        self.tickets += 1;
        self.created += u64::from(f.created_in);
        self.portal_created += u64::from(f.via_portal);
        if f.open_at_end {
            self.backlog += 1;
            let age = (w.as_of - created).num_seconds();
            self.ages[AGE_LIMITS.partition_point(|&l| l <= age)] += 1;
        }
        if let Some(t) = inside(f.ack) {
            self.ack.push_between(created, t);
        }
        if let Some(t) = inside(f.first_reply) {
            self.first_response.push_between(created, t);
        }
        if let Some(m) = v.sla.first_response {
            self.first_response_business.push_minutes(m);
        }
        if let Some(t) = inside(f.first_resolve) {
            self.resolve_first.push_between(created, t);
        }
        if let Some(t) = inside(f.last_resolve).filter(|_| f.finally_resolved()) {
            self.resolve_final.push_between(created, t);
        }
        if let Some(m) = v.sla.resolution {
            self.resolve_business.push_minutes(m);
        }
        if f.resolved_in() {
            self.resolved += 1;
            self.reopened += u64::from(f.reopened);
            self.fcr += u64::from(f.agent_replies <= 1 && !f.tier_moved && !f.reopened);
            if let Some(r) = f.rating {
                self.rated += 1;
                self.score_sum += u64::from(r);
            }
        }
        // Tier 4 is the top: nobody escalates out of it.
        let steps = TIERS - 1;
        for i in 0..TIERS {
            self.entered[i] += u64::from(f.entered[i]);
            self.escalated_from[i] += u64::from(f.escalated_from[i]);
        }
        self.entered_any += u64::from(f.entered[..steps].iter().any(|&b| b));
        self.escalated_any += u64::from(f.escalated_from[..steps].iter().any(|&b| b));
        for &(m, met, _) in &v.sla.counted {
            let slot = &mut self.sla[metric_index(m)];
            if met {
                slot.0 += 1;
            } else {
                slot.1 += 1;
            }
        }
        for (who, tier, minutes) in &f.time {
            *self.time_by_agent.entry(who.clone()).or_default() += u64::from(*minutes);
            *self.time_by_tier.entry(*tier).or_default() += u64::from(*minutes);
        }
    }

    /// `inputs` only for the whole desk: deflection is not known per group.
    pub fn finish(self, cfg: &DeskConfig, inputs: Option<KpiInputs>) -> Kpis {
        let [a0, a1, a2, a3, a4, a5] = self.ages;
        let time_spent: u64 = self.time_by_tier.values().sum();
        let time_cost: f64 = self
            .time_by_tier
            .iter()
            .map(|(tier, &min)| {
                min as f64 / 60.0 * cfg.tier(*tier).map_or(0.0, |t| t.cost_per_hour)
            })
            .sum();
        let cost_total = time_cost + cfg.general.cost_per_ticket * self.resolved as f64;
        let finite = |x: f64| x.is_finite().then_some(x);
        Kpis {
            tickets: self.tickets,
            created: self.created,
            resolved: self.resolved,
            backlog: self.backlog,
            backlog_age: BacklogAge {
                under_1h: a0,
                h1_to_4: a1,
                h4_to_24: a2,
                d1_to_3: a3,
                d3_to_7: a4,
                over_7d: a5,
            },
            time_to_acknowledge: self.ack.finish(),
            first_response: self.first_response.finish(),
            first_response_business: self.first_response_business.finish(),
            time_to_resolve: self.resolve_first.finish(),
            resolution_time: self.resolve_final.finish(),
            resolution_business: self.resolve_business.finish(),
            first_contact_resolution: Rate::new(self.fcr, self.resolved),
            reopen: Rate::new(self.reopened, self.resolved),
            escalation: Rate::new(self.escalated_any, self.entered_any),
            escalation_steps: (0..TIERS - 1)
                .map(|i| {
                    let r = Rate::new(self.escalated_from[i], self.entered[i]);
                    StepRate {
                        from: Tier(i as u8),
                        to: Tier(i as u8 + 1),
                        entered: r.of,
                        escalated: r.count,
                        rate: r.rate,
                    }
                })
                .collect(),
            sla: Metric::ALL
                .iter()
                .zip(self.sla)
                .map(|(&metric, (met, breached))| SlaCompliance {
                    metric,
                    met,
                    breached,
                    rate: Rate::new(met, met + breached).rate,
                })
                .collect(),
            sla_breaches: self.sla.iter().map(|s| s.1).sum(),
            portal_created: self.portal_created,
            // Both counts zero: not supplied, so no rate rather than a made-up 0 %.
            deflection: inputs
                .filter(|i| i.deflections > 0 || i.portal_searches_or_views > 0)
                .map(|i| {
                    Rate::new(
                        i.deflections,
                        i.deflections.saturating_add(self.portal_created),
                    )
                }),
            csat: CsatKpi {
                ratings: self.rated,
                average: (self.rated > 0).then(|| self.score_sum as f64 / self.rated as f64),
                response: Rate::new(self.rated, self.resolved),
            },
            time_spent_minutes: time_spent,
            time_by_agent: self.time_by_agent,
            time_by_tier: self.time_by_tier,
            cost_total: finite(cost_total),
            cost_per_ticket: (self.resolved > 0)
                .then(|| cost_total / self.resolved as f64)
                .and_then(finite),
            funnel: (0..TIERS)
                .map(|i| FunnelStep {
                    tier: Tier(i as u8),
                    reached: self.entered[i],
                })
                .collect(),
        }
    }
}
