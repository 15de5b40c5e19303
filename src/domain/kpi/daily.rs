//! Per-day counts for the chart, in the desk's time zone. Each ticket adds in
//! O(events + log days): its open stretches go into a difference array over the day ends.

use chrono::{Days, NaiveDate, NaiveTime, TimeZone, Utc};
use crate::domain::tz::Tz;

use super::facts::Facts;
use super::{DayPoint, SlaOut, Window, MAX_DAYS};
use crate::domain::model::Time;

pub(super) struct Daily {
    tz: Tz,
    dates: Vec<NaiveDate>,
    /// Day `i` is `[bounds[i], bounds[i + 1])`; one more entry than `dates`.
    bounds: Vec<Time>,
    /// The instant whose backlog day `i` shows: its end, or `as_of` for the last day.
    marks: Vec<Time>,
    created: Vec<u64>,
    resolved: Vec<u64>,
    /// Difference array of the backlog: one more entry than `dates`.
    backlog: Vec<i64>,
    met: Vec<u64>,
    breached: Vec<u64>,
}

/// The first instant of a local date (the first existing one if midnight is skipped).
fn day_start(tz: Tz, d: NaiveDate) -> Time {
    let midnight = d.and_time(NaiveTime::MIN);
    for h in 0..4 {
        let local = midnight + chrono::Duration::hours(h);
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
    }
    midnight.and_utc()
}

impl Daily {
    pub fn new(tz_name: &str, w: &Window) -> Daily {
        let tz = tz_name.trim().parse::<Tz>().unwrap_or(Tz::UTC);
        let mut d = Daily {
            tz,
            dates: vec![],
            bounds: vec![],
            marks: vec![],
            created: vec![],
            resolved: vec![],
            backlog: vec![],
            met: vec![],
            breached: vec![],
        };
        if w.as_of <= w.from {
            return d;
        }
        let local = |t: Time| t.with_timezone(&tz).date_naive();
        let last = local(w.as_of - chrono::Duration::nanoseconds(1));
        let mut first = local(w.from);
        let span = (last - first).num_days();
        let capped = span >= MAX_DAYS as i64;
        if capped {
            first = last
                .checked_sub_days(Days::new(MAX_DAYS as u64 - 1))
                .unwrap_or(first);
        }
        let mut date = first;
        while date <= last && d.dates.len() < MAX_DAYS {
            d.dates.push(date);
            d.bounds.push(if d.bounds.is_empty() && !capped {
                w.from
            } else {
                day_start(tz, date)
            });
            match date.succ_opt() {
                Some(n) => date = n,
                None => break,
            }
        }
        let end = match last.succ_opt() {
            Some(n) => day_start(tz, n).min(w.to),
            None => w.to,
        };
        d.bounds.push(end);
        d.marks = d.bounds[1..].iter().map(|&b| b.min(w.as_of)).collect();
        let n = d.dates.len();
        d.created = vec![0; n];
        d.resolved = vec![0; n];
        d.backlog = vec![0; n + 1];
        d.met = vec![0; n];
        d.breached = vec![0; n];
        d
    }

    pub fn time_zone(&self) -> String {
        self.tz.name().to_string()
    }

    fn day_of(&self, t: Time) -> Option<usize> {
        let (first, last) = (self.bounds.first()?, self.bounds.last()?);
        if t < *first || t >= *last {
            return None;
        }
        Some(self.bounds.partition_point(|b| *b <= t).saturating_sub(1))
    }

    pub fn add(&mut self, f: &Facts, sla: &SlaOut) {
        if self.dates.is_empty() {
            return;
        }
        if let Some(i) = f
            .created
            .filter(|_| f.created_in)
            .and_then(|t| self.day_of(t))
        {
            self.created[i] += 1;
        }
        let mut last_day = None;
        for &t in &f.resolves_in {
            let day = self.day_of(t);
            if let Some(i) = day.filter(|_| day != last_day) {
                self.resolved[i] += 1;
            }
            last_day = day;
        }
        let n = self.marks.len();
        for &(a, b) in &f.open_spans {
            let lo = self.marks.partition_point(|m| *m < a);
            let hi = b.map_or(n, |b| self.marks.partition_point(|m| *m < b));
            if lo < hi {
                self.backlog[lo] += 1;
                self.backlog[hi] -= 1;
            }
        }
        for &(_, met, at) in &sla.counted {
            if let Some(i) = self.day_of(at) {
                if met {
                    self.met[i] += 1;
                } else {
                    self.breached[i] += 1;
                }
            }
        }
    }

    pub fn finish(self) -> Vec<DayPoint> {
        let mut open: i64 = 0;
        self.dates
            .iter()
            .enumerate()
            .map(|(i, &date)| {
                open += self.backlog[i];
                DayPoint {
                    date,
                    created: self.created[i],
                    resolved: self.resolved[i],
                    backlog: u64::try_from(open).unwrap_or(0),
                    sla_met: self.met[i],
                    sla_breached: self.breached[i],
                }
            })
            .collect()
    }
}
