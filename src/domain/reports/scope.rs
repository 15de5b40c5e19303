//! Which stored tickets a KPI report needs to read in full. With 100,000 tickets most are long
//! closed; telling them apart from the ticket record alone spares reading and decoding their
//! histories, which is most of the work of a report on a recent period.

use crate::domain::model::{Ticket, Time};

/// Whether `t` can count in a report on `[from, to)` seen at `now`. `false` only when the
/// ticket is certain to be left out by the KPI engine: created after the report's instant
/// (`min(to, now)`), or closed now with its last change before the period (every command
/// moves `updated_at`, so such a ticket has no history in the period and was closed at its
/// end).
pub fn may_count(t: &Ticket, from: Time, to: Time, now: Time) -> bool {
    let as_of = to.min(now);
    if t.created_at > as_of {
        return false;
    }
    let closed_before = (!t.status.is_open() || t.merged_into.is_some()) && t.updated_at < from;
    !closed_before
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;
    use crate::domain::demo;
    use crate::domain::kpi::{self, KpiInputs};
    use crate::domain::model::Event;

    #[test]
    fn leaving_out_what_cannot_count_changes_no_number() {
        let now = Utc.with_ymd_and_hms(2026, 5, 14, 15, 30, 0).single().unwrap_or_default();
        let b = demo::generate(7, 400, now);
        let days = |d: i64| now - Duration::days(d);
        let periods = [(days(1), now + Duration::hours(9)), (days(7), now), (days(30), days(10)), (days(60), days(40))];
        for (from, to) in periods {
            let full = kpi::compute(&b.tickets, &b.events, &b.config, from, to, now, KpiInputs::default());
            let kept: Vec<Ticket> = b.tickets.iter().filter(|t| may_count(t, from, to, now)).cloned().collect();
            let ids: std::collections::HashSet<u64> = kept.iter().map(|t| t.id).collect();
            let events: Vec<Event> = b.events.iter().filter(|e| ids.contains(&e.ticket)).cloned().collect();
            let part = kpi::compute(&kept, &events, &b.config, from, to, now, KpiInputs::default());
            assert_eq!(part.overall, full.overall, "period {from} - {to}");
            assert_eq!(part.by_agent, full.by_agent);
            assert_eq!(part.daily, full.daily);
            if to < now - Duration::days(5) {
                assert!(kept.len() * 2 < b.tickets.len(), "an old period reads few tickets: {} of {}", kept.len(), b.tickets.len());
            }
        }
    }

    #[test]
    fn tickets_after_the_report_instant_are_left_out() {
        let now = Utc.with_ymd_and_hms(2026, 5, 14, 15, 30, 0).single().unwrap_or_default();
        let b = demo::generate(3, 60, now);
        let Some(t) = b.tickets.iter().find(|t| t.status.is_open()) else { return };
        assert!(may_count(t, t.created_at, t.created_at + Duration::hours(1), now));
        assert!(!may_count(t, t.created_at - Duration::days(2), t.created_at - Duration::days(1), now));
        let mut closed = t.clone();
        closed.status = crate::domain::model::Status::Closed;
        assert!(!may_count(&closed, closed.updated_at + Duration::seconds(1), now, now));
        assert!(may_count(&closed, closed.updated_at, now, now));
    }
}
