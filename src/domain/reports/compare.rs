//! Tiered against swarming on the same simulated day: the desk configuration the simulation
//! runs on, its time window, and the KPIs put side by side.

use chrono::Duration;

use crate::domain::demo;
use crate::domain::demo_clock::business_morning;
use crate::domain::desk::DeskConfig;
use crate::domain::kpi::{Kpis, Rate};
use crate::domain::model::{Tier, Time};

/// After the last arrival the simulated desk works on this long, so most tickets are finished
/// when the KPIs are taken (a vendor case takes days).
pub const SETTLE_HOURS: u32 = 72;

/// Whether Tiers 1 to 3 each have someone to work them: the simulation needs that.
pub fn staffed(cfg: &DeskConfig) -> bool {
    (1..=3).all(|t| cfg.agents.iter().any(|a| !a.away && a.tiers.contains(&Tier(t))))
}

/// The configuration to simulate on: the desk's own when it is staffed, else the demo desk's
/// (the second value says which).
pub fn sim_config(cfg: &DeskConfig, seed: u64, now: Time) -> (DeskConfig, bool) {
    if staffed(cfg) {
        (cfg.clone(), false)
    } else {
        (demo::generate(seed, 0, now).config, true)
    }
}

/// `(start, at)`: arrivals from a weekday morning (the desk's today, or the next weekday) for
/// `hours`, KPIs taken [`SETTLE_HOURS`] after the last arrival.
pub fn window(now: Time, hours: u32) -> (Time, Time) {
    let start = business_morning(now);
    (start, start + Duration::hours(i64::from(hours + SETTLE_HOURS)))
}

/// SLA compliance over all metrics together.
pub fn sla_overall(k: &Kpis) -> Rate {
    let met: u64 = k.sla.iter().map(|s| s.met).sum();
    let breached: u64 = k.sla.iter().map(|s| s.breached).sum();
    Rate::new(met, met + breached)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::defaults::default_config;
    use crate::domain::desk::WorkMode;
    use crate::domain::kpi::{compute, KpiInputs};
    use crate::domain::simulate::compare;

    #[test]
    fn an_unstaffed_desk_borrows_the_demo_staff() {
        let now = Utc.with_ymd_and_hms(2026, 5, 14, 15, 30, 0).single().unwrap_or_default();
        let bare = default_config();
        assert!(!staffed(&bare));
        let (cfg, borrowed) = sim_config(&bare, 1, now);
        assert!(borrowed && staffed(&cfg));
        let (same, borrowed) = sim_config(&cfg, 1, now);
        assert!(!borrowed);
        assert_eq!(same, cfg);
    }

    #[test]
    fn the_window_starts_on_a_weekday_morning() {
        // Saturday afternoon: the next Monday at 09:00.
        let sat = Utc.with_ymd_and_hms(2026, 5, 16, 15, 0, 0).single().unwrap_or_default();
        let (start, at) = window(sat, 8);
        assert_eq!(start, Utc.with_ymd_and_hms(2026, 5, 18, 9, 0, 0).single().unwrap_or_default());
        assert_eq!((at - start).num_hours(), 80);
    }

    #[test]
    fn both_sides_of_a_short_day_show_their_difference() {
        let now = Utc.with_ymd_and_hms(2026, 5, 14, 10, 0, 0).single().unwrap_or_default();
        let (cfg, _) = sim_config(&default_config(), 5, now);
        let (start, at) = window(now, 8);
        let (tiered, swarm) = compare(5, start, 8, &cfg, at);
        let k = |r: &crate::domain::simulate::SimResult| compute(&r.tickets, &r.events, &cfg, start, at, at, KpiInputs::default()).overall;
        let (a, b) = (k(&tiered), k(&swarm));
        assert_eq!((tiered.mode, swarm.mode), (WorkMode::Tiered, WorkMode::Swarm));
        assert_eq!(a.created, b.created);
        assert!(a.created > 10, "{}", a.created);
        assert!(a.escalation.count > b.escalation.count, "{:?} {:?}", a.escalation, b.escalation);
        let s = sla_overall(&a);
        assert_eq!(s.of, a.sla.iter().map(|x| x.met + x.breached).sum::<u64>());
    }
}
