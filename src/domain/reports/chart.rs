//! The arithmetic behind the report charts: round axis ends and ticks, and grouping a long
//! daily series into fewer bars so a chart stays readable at any period length.

use chrono::NaiveDate;

use crate::domain::kpi::DayPoint;

/// The smallest "round" number (1, 2 or 5 times a power of ten) at or above `max`; at least 1.
pub fn nice_max(max: f64) -> f64 {
    if !max.is_finite() || max <= 1.0 {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 5.0, 10.0] {
        let v = step * power;
        // A little slack: 3.0000000001 must not jump to 5.
        if v >= max * (1.0 - 1e-9) {
            return v;
        }
    }
    10.0 * power
}

/// Axis ticks from 0 to `nice_max(max)`: four or five steps of a round size.
pub fn ticks(max: f64) -> Vec<f64> {
    let top = nice_max(max);
    let power = 10f64.powf(top.log10().floor());
    let lead = (top / power).round();
    // 1 -> 0.2 steps (5), 2 -> 0.5 (4), 5 -> 1 (5), 10 -> 2 (5).
    let step = match lead as u32 {
        1 => 0.2 * power,
        2 => 0.5 * power,
        5 => power,
        _ => 2.0 * power,
    };
    // Counts are whole numbers: no ticks between 0 and 1.
    let step = if top <= 1.0 { top } else { step.max(1.0) };
    let n = (top / step).round() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// Several days of the daily series added up (one bar of a chart).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub created: u64,
    pub resolved: u64,
    /// Backlog at the end of the bucket's last day.
    pub backlog: u64,
    pub sla_met: u64,
    pub sla_breached: u64,
}

impl Bucket {
    /// SLA compliance of the clocks that stopped (or breached) in the bucket, 0 to 1.
    pub fn sla_rate(&self) -> Option<f64> {
        let all = self.sla_met + self.sla_breached;
        (all > 0).then(|| self.sla_met as f64 / all as f64)
    }
}

/// Groups consecutive days so that there are at most `max_bars` buckets of equal length
/// (the first may be shorter). Days are never split.
pub fn bucket_days(days: &[DayPoint], max_bars: usize) -> Vec<Bucket> {
    let max_bars = max_bars.max(1);
    let size = days.len().div_ceil(max_bars).max(1);
    // Full buckets end on the last day: the latest bar always shows whole, recent days.
    let first_len = match days.len() % size {
        0 => size,
        r => r,
    };
    let mut out = vec![];
    let mut start = 0;
    let mut len = first_len;
    while start < days.len() {
        let part = &days[start..(start + len).min(days.len())];
        if let (Some(a), Some(b)) = (part.first(), part.last()) {
            out.push(Bucket {
                first: a.date,
                last: b.date,
                created: part.iter().map(|d| d.created).sum(),
                resolved: part.iter().map(|d| d.resolved).sum(),
                backlog: b.backlog,
                sla_met: part.iter().map(|d| d.sla_met).sum(),
                sla_breached: part.iter().map(|d| d.sla_breached).sum(),
            });
        }
        start += len;
        len = size;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_ends_are_round() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(f64::NAN), 1.0);
        assert_eq!(nice_max(3.0), 5.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(10.0), 10.0);
        assert_eq!(nice_max(11.0), 20.0);
        assert_eq!(nice_max(140.0), 200.0);
        assert_eq!(nice_max(100.0), 100.0);
    }

    #[test]
    fn ticks_are_whole_steps_up_to_the_top() {
        assert_eq!(ticks(0.0), vec![0.0, 1.0]);
        assert_eq!(ticks(3.0), vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
        assert_eq!(ticks(7.0), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(11.0), vec![0.0, 5.0, 10.0, 15.0, 20.0]);
        assert_eq!(ticks(100.0), vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
    }

    fn day(n: u32, created: u64) -> DayPoint {
        DayPoint {
            date: NaiveDate::from_ymd_opt(2026, 5, n).unwrap_or_default(),
            created,
            resolved: 1,
            backlog: u64::from(n),
            sla_met: 1,
            sla_breached: u64::from(n % 2),
        }
    }

    #[test]
    fn short_series_keep_one_bar_per_day() {
        let days: Vec<DayPoint> = (1..=7).map(|n| day(n, 2)).collect();
        let b = bucket_days(&days, 31);
        assert_eq!(b.len(), 7);
        assert_eq!((b[0].first, b[0].last, b[0].created), (days[0].date, days[0].date, 2));
        assert_eq!(b[1].sla_rate(), Some(1.0));
        assert_eq!(b[0].sla_rate(), Some(0.5));
    }

    #[test]
    fn long_series_are_grouped_with_the_short_bucket_first() {
        // 10 days into at most 4 bars: size 3, so 1 + 3 + 3 + 3.
        let days: Vec<DayPoint> = (1..=10).map(|n| day(n, u64::from(n))).collect();
        let b = bucket_days(&days, 4);
        assert_eq!(b.len(), 4);
        assert_eq!((b[0].first, b[0].last), (days[0].date, days[0].date));
        assert_eq!((b[3].first, b[3].last), (days[7].date, days[9].date));
        assert_eq!(b[3].created, 8 + 9 + 10);
        assert_eq!(b[3].resolved, 3);
        assert_eq!(b[3].backlog, 10, "backlog at the end of the last day");
        assert_eq!((b[3].sla_met, b[3].sla_breached), (3, 1));
        assert!(bucket_days(&[], 5).is_empty());
    }
}
