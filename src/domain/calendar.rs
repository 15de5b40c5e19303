//! Business time over a [`Calendar`]: whether it is open, when it opens next, how much open
//! time lies between two instants, and the instant at which a given amount of open time has
//! elapsed. All instants are UTC; the precision is one second (sub-second parts of inputs
//! are dropped).
//!
//! # How local opening hours map onto UTC
//! A calendar is open at an instant when the wall clock in its time zone shows a time inside
//! one of the ranges listed for that local date's weekday, and that date is not a holiday.
//! Ranges are half-open: a range 09:00-17:00 is open at 09:00:00 and closed at 17:00:00.
//! On the days the clocks change this means:
//! - spring forward: the skipped wall times never occur, so a range covering them is shorter
//!   (00:00-24:00 lasts 23 hours; in Berlin, 02:30-04:00 opens at 03:00 CEST);
//! - fall back: the repeated wall times occur twice and are open both times (00:00-24:00 lasts
//!   25 hours; in New York, 01:00-01:30 is open 01:00-01:30 EDT and again 01:00-01:30 EST).
//!
//! An unknown time zone name is treated as UTC; [`Calendar::validate`] reports it.
//! Searches are bounded: three years without any open time means "never opens" (`None`),
//! and no search looks further than 100 years ahead.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Offset, TimeZone};
use crate::domain::tz::Tz;

use super::desk::{Calendar, DayTime, DeskConfig, TimeRange};
use super::model::Time;

/// Weekday names, Monday first, as the calendar's `week` is indexed.
pub const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const DAY_SECS: i64 = 86_400;
/// Wider than any UTC offset ever used (local mean times reach about 15:56), so every instant
/// whose wall clock shows a given date lies within this margin of that date's naive midnight.
const OFFSET_MARGIN: i64 = 16 * 3600;
/// Offsets are sampled this often to find clock changes; no zone changes twice within it.
const SAMPLE_STEP: i64 = 6 * 3600;
/// Three years without open time: the calendar never opens.
const CLOSED_LIMIT_DAYS: u32 = 3 * 366;
/// No search goes further than this.
const SPAN_LIMIT_DAYS: u64 = 100 * 366;

impl Calendar {
    /// Open around the clock, every day.
    pub fn preset_24_7(id: &str, tz: &str) -> Calendar {
        Calendar {
            id: id.to_string(),
            name: "24/7".to_string(),
            tz: tz.to_string(),
            week: std::array::from_fn(|_| {
                vec![TimeRange {
                    start: DayTime::MIDNIGHT,
                    end: DayTime::END_OF_DAY,
                }]
            }),
            holidays: vec![],
        }
    }

    /// Monday to Friday, 08:00-20:00.
    pub fn preset_12_5(id: &str, tz: &str) -> Calendar {
        Self::weekdays(
            id,
            "12/5 (Mon-Fri 08:00-20:00)",
            tz,
            DayTime::hm(8, 0),
            DayTime::hm(20, 0),
        )
    }

    /// Monday to Friday, 09:00-17:00.
    pub fn preset_8_5(id: &str, tz: &str) -> Calendar {
        Self::weekdays(
            id,
            "8/5 (Mon-Fri 09:00-17:00)",
            tz,
            DayTime::hm(9, 0),
            DayTime::hm(17, 0),
        )
    }

    fn weekdays(id: &str, name: &str, tz: &str, start: DayTime, end: DayTime) -> Calendar {
        Calendar {
            id: id.to_string(),
            name: name.to_string(),
            tz: tz.to_string(),
            week: std::array::from_fn(|d| {
                if d < 5 {
                    vec![TimeRange { start, end }]
                } else {
                    vec![]
                }
            }),
            holidays: vec![],
        }
    }

    /// The first problem with this calendar, in a plain sentence.
    pub fn validate(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            return Err("A calendar has no id.".to_string());
        }
        let who = format!("Calendar \"{}\"", self.id);
        if self.tz.trim().parse::<Tz>().is_err() {
            return Err(format!(
                "{who}: \"{}\" is not a known time zone; use an IANA name such as \"Europe/Berlin\".",
                self.tz
            ));
        }
        for (day, ranges) in DAY_NAMES.iter().zip(&self.week) {
            for r in ranges {
                if r.start > DayTime::END_OF_DAY || r.end > DayTime::END_OF_DAY {
                    return Err(format!(
                        "{who}: on {day}, a range goes past 24:00 ({}-{}).",
                        r.start, r.end
                    ));
                }
                if r.end <= r.start {
                    return Err(format!(
                        "{who}: on {day}, the range {}-{} does not end after it starts; \
                         a range cannot cross midnight (split it, and use 24:00 for the end of a day).",
                        r.start, r.end
                    ));
                }
            }
            let mut sorted = ranges.clone();
            sorted.sort_by_key(|r| r.start);
            for w in sorted.windows(2) {
                if w[1].start < w[0].end {
                    return Err(format!(
                        "{who}: on {day}, {}-{} overlaps {}-{}.",
                        w[0].start, w[0].end, w[1].start, w[1].end
                    ));
                }
            }
        }
        if self.week.iter().all(Vec::is_empty) {
            return Err(format!("{who}: has no opening hours on any day."));
        }
        Ok(())
    }

    /// This calendar prepared for repeated questions (parses the zone and holidays once).
    pub fn clock(&self) -> BusinessClock {
        BusinessClock::new(self)
    }

    pub fn is_open(&self, t: Time) -> bool {
        self.clock().is_open(t)
    }

    pub fn next_open(&self, t: Time) -> Option<Time> {
        self.clock().next_open(t)
    }

    pub fn business_seconds_between(&self, from: Time, to: Time) -> i64 {
        self.clock().business_seconds_between(from, to)
    }

    pub fn business_minutes_between(&self, from: Time, to: Time) -> i64 {
        self.clock().business_minutes_between(from, to)
    }

    pub fn add_business_seconds(&self, from: Time, seconds: i64) -> Option<Time> {
        self.clock().add_business_seconds(from, seconds)
    }

    pub fn add_business_minutes(&self, from: Time, minutes: i64) -> Option<Time> {
        self.clock().add_business_minutes(from, minutes)
    }
}

/// A calendar compiled for fast questions, or plain 24/7 UTC time ("calendar minutes").
#[derive(Clone, Debug)]
pub struct BusinessClock {
    /// `None`: always open.
    hours: Option<Hours>,
}

#[derive(Clone, Debug)]
struct Hours {
    tz: Tz,
    /// Per weekday, sorted and disjoint, in seconds after local midnight.
    week: [Vec<(i64, i64)>; 7],
    dates: HashSet<NaiveDate>,
    /// (month, day) of yearly holidays; 29 February only counts in leap years.
    yearly: HashSet<(u32, u32)>,
}

impl BusinessClock {
    /// Every second counts: calendar minutes, 24/7 in UTC.
    pub fn always() -> BusinessClock {
        BusinessClock { hours: None }
    }

    /// Invalid ranges are dropped and overlapping ones merged, so any calendar works;
    /// an unknown time zone counts as UTC.
    pub fn new(cal: &Calendar) -> BusinessClock {
        let tz = cal.tz.trim().parse::<Tz>().unwrap_or(Tz::UTC);
        let week: [Vec<(i64, i64)>; 7] = std::array::from_fn(|d| normalize(&cal.week[d]));
        let all_day = week.iter().all(|r| r.as_slice() == [(0, DAY_SECS)]);
        if all_day && cal.holidays.is_empty() {
            return BusinessClock::always();
        }
        let mut dates = HashSet::new();
        let mut yearly = HashSet::new();
        for h in &cal.holidays {
            if h.yearly {
                yearly.insert((h.date.month(), h.date.day()));
            } else {
                dates.insert(h.date);
            }
        }
        BusinessClock {
            hours: Some(Hours {
                tz,
                week,
                dates,
                yearly,
            }),
        }
    }

    /// The clock for a calendar id in the configuration; an unknown id means 24/7 UTC.
    pub fn for_calendar_id(cfg: &DeskConfig, id: &str) -> BusinessClock {
        cfg.calendar(id)
            .map(BusinessClock::new)
            .unwrap_or_else(BusinessClock::always)
    }

    pub fn is_always_open(&self) -> bool {
        self.hours.is_none()
    }

    pub fn is_open(&self, t: Time) -> bool {
        let s = t.timestamp();
        match &self.hours {
            None => true,
            Some(h) => h.intervals(s, None).next().is_some_and(|(a, _)| a == s),
        }
    }

    /// `t` itself when open, else the next opening; `None` if it never opens.
    pub fn next_open(&self, t: Time) -> Option<Time> {
        let s = t.timestamp();
        match &self.hours {
            None => Some(t),
            Some(h) => match h.intervals(s, None).next()? {
                (a, _) if a == s => Some(t),
                (a, _) => time(a),
            },
        }
    }

    /// When the open stretch containing `t` ends (`None` if closed at `t` or always open).
    pub fn closes_at(&self, t: Time) -> Option<Time> {
        let s = t.timestamp();
        let h = self.hours.as_ref()?;
        let mut it = h.intervals(s, None);
        let (a, mut end) = it.next()?;
        if a != s {
            return None;
        }
        // Ranges touching across midnight form one stretch.
        for (a, b) in it {
            if a != end {
                break;
            }
            end = b;
        }
        time(end)
    }

    /// Open seconds in `[from, to)`; 0 when `to` is not after `from`.
    pub fn business_seconds_between(&self, from: Time, to: Time) -> i64 {
        let (a, b) = (from.timestamp(), to.timestamp());
        if b <= a {
            return 0;
        }
        match &self.hours {
            None => b - a,
            Some(h) => {
                let mut sum = 0;
                for (s, e) in h.intervals(a, Some(b)) {
                    if s >= b {
                        break;
                    }
                    sum += e.min(b) - s;
                }
                sum
            }
        }
    }

    /// Whole open minutes in `[from, to)` (seconds divided by 60, rounded down).
    pub fn business_minutes_between(&self, from: Time, to: Time) -> i64 {
        self.business_seconds_between(from, to) / 60
    }

    /// The instant at which `seconds` of open time after `from` have elapsed. It is always
    /// open or exactly a closing instant: a target used up at closing time is due at closing.
    /// Zero gives the next opening; negative counts as zero. `None` if that never happens.
    pub fn add_business_seconds(&self, from: Time, seconds: i64) -> Option<Time> {
        let a = from.timestamp();
        let mut left = seconds.max(0);
        match &self.hours {
            None => time(a.checked_add(left)?),
            Some(h) => {
                for (s, e) in h.intervals(a, None) {
                    if left <= e - s {
                        return time(s + left);
                    }
                    left -= e - s;
                }
                None
            }
        }
    }

    pub fn add_business_minutes(&self, from: Time, minutes: i64) -> Option<Time> {
        self.add_business_seconds(from, minutes.saturating_mul(60))
    }

    /// The open stretches within `[from, to)`, in order (a range per local day and range).
    pub fn open_intervals(&self, from: Time, to: Time) -> Vec<(Time, Time)> {
        let (a, b) = (from.timestamp(), to.timestamp());
        if b <= a {
            return vec![];
        }
        match &self.hours {
            None => time(a).zip(time(b)).into_iter().collect(),
            Some(h) => h
                .intervals(a, Some(b))
                .take_while(|&(s, _)| s < b)
                .filter_map(|(s, e)| time(s).zip(time(e.min(b))))
                .collect(),
        }
    }
}

fn time(s: i64) -> Option<Time> {
    DateTime::from_timestamp(s, 0)
}

/// Valid ranges in seconds, sorted, overlapping or touching ones merged.
fn normalize(ranges: &[TimeRange]) -> Vec<(i64, i64)> {
    let mut v: Vec<(i64, i64)> = ranges
        .iter()
        .map(|r| {
            let end = r.end.0.min(DayTime::END_OF_DAY.0);
            (i64::from(r.start.0) * 60, i64::from(end) * 60)
        })
        .filter(|(s, e)| s < e)
        .collect();
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// A date's midnight as if the wall clock were UTC ("wall seconds").
fn wall_midnight(d: NaiveDate) -> i64 {
    d.and_time(NaiveTime::MIN).and_utc().timestamp()
}

impl Hours {
    /// Seconds to add to UTC to get the wall clock.
    fn offset(&self, u: i64) -> i64 {
        match DateTime::from_timestamp(u, 0) {
            Some(dt) => i64::from(
                self.tz
                    .offset_from_utc_datetime(&dt.naive_utc())
                    .fix()
                    .local_minus_utc(),
            ),
            None => 0,
        }
    }

    fn local_date(&self, u: i64) -> Option<NaiveDate> {
        time(u.checked_add(self.offset(u))?).map(|d| d.date_naive())
    }

    fn is_holiday(&self, d: NaiveDate) -> bool {
        self.dates.contains(&d) || self.yearly.contains(&(d.month(), d.day()))
    }

    /// Splits `[lo, hi)` into pieces of constant UTC offset: `(start, end, offset)`.
    fn segments(&self, lo: i64, hi: i64, out: &mut Vec<(i64, i64, i64)>) {
        out.clear();
        let mut start = lo;
        let mut off = self.offset(lo);
        let mut t = lo;
        while t < hi {
            let next = (t + SAMPLE_STEP).min(hi);
            if self.offset(next) == off {
                t = next;
                continue;
            }
            // Find the first second with the new offset.
            let (mut a, mut b) = (t, next);
            while b - a > 1 {
                let m = a + (b - a) / 2;
                if self.offset(m) == off {
                    a = m;
                } else {
                    b = m;
                }
            }
            out.push((start, b, off));
            start = b;
            off = self.offset(b);
            t = b;
        }
        out.push((start, hi, off));
    }

    /// Appends the UTC intervals during which local date `d` is open, cut to start at `from`.
    fn day_intervals(
        &self,
        d: NaiveDate,
        from: i64,
        out: &mut Vec<(i64, i64)>,
        seg: &mut Vec<(i64, i64, i64)>,
    ) {
        let ranges = &self.week[d.weekday().num_days_from_monday() as usize];
        let (Some(first), Some(last)) = (ranges.first(), ranges.last()) else {
            return;
        };
        if self.is_holiday(d) {
            return;
        }
        let midnight = wall_midnight(d);
        if midnight + last.1 + OFFSET_MARGIN <= from {
            return;
        }
        self.segments(
            midnight + first.0 - OFFSET_MARGIN,
            midnight + last.1 + OFFSET_MARGIN,
            seg,
        );
        for &(s, e) in ranges {
            let (ws, we) = (midnight + s, midnight + e);
            for &(u0, u1, o) in seg.iter() {
                // Wall times this piece shows, intersected with the range, back to UTC.
                let a = (ws.max(u0 + o) - o).max(from);
                let b = we.min(u1 + o) - o;
                if a < b {
                    out.push((a, b));
                }
            }
        }
    }

    /// Open intervals from `from` on, in order. With `until`, stops once no later interval
    /// can start before it.
    fn intervals(&self, from: i64, until: Option<i64>) -> Intervals<'_> {
        // A day before the local date of `from`: a clock set back at midnight repeats the
        // end of the previous day after `from`.
        let day = self.local_date(from).and_then(|d| d.pred_opt());
        let never = self.week.iter().all(Vec::is_empty);
        Intervals {
            hours: self,
            from,
            until,
            day: day.unwrap_or(NaiveDate::MIN),
            last_day: day
                .and_then(|d| d.checked_add_days(chrono::Days::new(SPAN_LIMIT_DAYS)))
                .unwrap_or(NaiveDate::MAX),
            closed_days: 0,
            buf: Vec::new(),
            seg: Vec::new(),
            done: day.is_none() || never,
        }
    }
}

/// Walks local days in order and yields their open intervals sorted by start. Intervals of
/// different days can interleave around clock changes, so each is held back until no later
/// day can produce an earlier one.
struct Intervals<'a> {
    hours: &'a Hours,
    from: i64,
    until: Option<i64>,
    /// Next local date to load.
    day: NaiveDate,
    last_day: NaiveDate,
    closed_days: u32,
    /// Loaded, not yet yielded; sorted, disjoint.
    buf: Vec<(i64, i64)>,
    seg: Vec<(i64, i64, i64)>,
    done: bool,
}

impl Intervals<'_> {
    /// No interval of `self.day` or later starts before this.
    fn floor(&self) -> i64 {
        wall_midnight(self.day) - OFFSET_MARGIN
    }

    fn load_day(&mut self) {
        if self.until.is_some_and(|u| self.floor() >= u)
            || self.day > self.last_day
            || self.closed_days > CLOSED_LIMIT_DAYS
        {
            self.done = true;
            return;
        }
        let before = self.buf.len();
        self.hours
            .day_intervals(self.day, self.from, &mut self.buf, &mut self.seg);
        if self.buf.len() > before {
            self.buf.sort_unstable();
            self.closed_days = 0;
        } else {
            self.closed_days += 1;
        }
        match self.day.succ_opt() {
            Some(d) => self.day = d,
            None => self.done = true,
        }
    }
}

impl Iterator for Intervals<'_> {
    type Item = (i64, i64);

    fn next(&mut self) -> Option<(i64, i64)> {
        loop {
            if let Some(&first) = self.buf.first() {
                if self.done || first.0 < self.floor() {
                    self.buf.remove(0);
                    return Some(first);
                }
            }
            if self.done {
                return None;
            }
            self.load_day();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::desk::Holiday;
    use chrono::{NaiveDateTime, Utc};
    use crate::domain::tz::Tz;
    use proptest::prelude::*;

    fn utc(s: &str) -> Time {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    /// Local wall time in `tz` (the earliest one if repeated).
    fn local(tz: &str, s: &str) -> Time {
        let tz: Tz = tz.parse().unwrap();
        let n = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        tz.from_local_datetime(&n)
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn day(cal: &mut Calendar, weekday: usize, ranges: &[(&str, &str)]) {
        cal.week[weekday] = ranges
            .iter()
            .map(|(s, e)| TimeRange {
                start: DayTime::parse(s).unwrap(),
                end: DayTime::parse(e).unwrap(),
            })
            .collect();
    }

    fn empty(tz: &str) -> Calendar {
        let mut c = Calendar::preset_8_5("c", tz);
        c.week = Default::default();
        c
    }

    #[test]
    fn presets_validate_and_have_their_hours() {
        let c = Calendar::preset_8_5("office", "UTC");
        assert_eq!(c.validate(), Ok(()));
        // Monday 2026-03-02.
        assert!(!c.is_open(utc("2026-03-02 08:59")));
        assert!(c.is_open(utc("2026-03-02 09:00")));
        assert!(c.is_open(utc("2026-03-02 16:59")));
        assert!(!c.is_open(utc("2026-03-02 17:00")));
        assert!(!c.is_open(utc("2026-03-07 12:00")), "Saturday");
        let c = Calendar::preset_12_5("long", "UTC");
        assert_eq!(c.validate(), Ok(()));
        assert_eq!(
            c.business_minutes_between(utc("2026-03-02 00:00"), utc("2026-03-09 00:00")),
            5 * 12 * 60
        );
        let c = Calendar::preset_24_7("all", "Europe/Berlin");
        assert_eq!(c.validate(), Ok(()));
        assert!(c.clock().is_always_open());
        assert_eq!(
            c.add_business_minutes(utc("2026-03-07 23:30"), 90),
            Some(utc("2026-03-08 01:00"))
        );
    }

    #[test]
    fn validate_names_the_problem() {
        let mut c = Calendar::preset_8_5("office", "Mars/Olympus");
        assert!(c
            .validate()
            .unwrap_err()
            .contains("\"Mars/Olympus\" is not a known time zone"));
        c.tz = "Europe/Berlin".into();
        day(&mut c, 1, &[("17:00", "09:00")]);
        let e = c.validate().unwrap_err();
        assert!(e.contains("Tuesday") && e.contains("17:00-09:00"), "{e}");
        day(&mut c, 1, &[("09:00", "12:00"), ("11:00", "14:00")]);
        let e = c.validate().unwrap_err();
        assert!(
            e.contains("Tuesday, 09:00-12:00 overlaps 11:00-14:00"),
            "{e}"
        );
        day(&mut c, 1, &[("13:00", "24:00"), ("09:00", "13:00")]);
        assert_eq!(c.validate(), Ok(()), "touching ranges are fine");
        c.week[2] = vec![TimeRange {
            start: DayTime(600),
            end: DayTime(1500),
        }];
        assert!(c.validate().unwrap_err().contains("past 24:00"));
        let e = empty("UTC").validate().unwrap_err();
        assert!(e.contains("no opening hours"), "{e}");
    }

    #[test]
    fn never_open_calendar_gives_none_without_looping() {
        let c = empty("UTC").clock();
        let t = utc("2026-03-02 10:00");
        assert!(!c.is_open(t));
        assert_eq!(c.next_open(t), None);
        assert_eq!(c.add_business_minutes(t, 1), None);
        assert_eq!(c.business_minutes_between(t, utc("2030-01-01 00:00")), 0);
        // Open only on one date, which is a holiday every year.
        let mut c = empty("UTC");
        day(&mut c, 0, &[("09:00", "10:00")]);
        for y in 2026..2032 {
            for w in 0..53 {
                if let Some(d) = NaiveDate::from_isoywd_opt(y, w + 1, chrono::Weekday::Mon) {
                    c.holidays.push(Holiday {
                        date: d,
                        yearly: false,
                        name: String::new(),
                    });
                }
            }
        }
        assert_eq!(c.next_open(t), None);
    }

    #[test]
    fn next_open_and_closes_at() {
        let c = Calendar::preset_8_5("c", "UTC").clock();
        let fri = utc("2026-03-06 18:00");
        assert_eq!(c.next_open(fri), Some(utc("2026-03-09 09:00")));
        let open = utc("2026-03-09 10:15");
        assert_eq!(c.next_open(open), Some(open));
        assert_eq!(c.closes_at(open), Some(utc("2026-03-09 17:00")));
        assert_eq!(c.closes_at(fri), None);
        // At the closing instant it is closed: next opening is tomorrow.
        assert_eq!(
            c.next_open(utc("2026-03-09 17:00")),
            Some(utc("2026-03-10 09:00"))
        );
        // Ranges ending at 24:00 and starting at 00:00 make one stretch.
        let mut n = empty("UTC");
        day(&mut n, 0, &[("20:00", "24:00")]);
        day(&mut n, 1, &[("00:00", "06:00")]);
        assert_eq!(
            n.clock().closes_at(utc("2026-03-02 21:00")),
            Some(utc("2026-03-03 06:00"))
        );
    }

    #[test]
    fn several_ranges_per_day_and_midnight() {
        let mut c = empty("UTC");
        day(&mut c, 0, &[("13:00", "17:00"), ("08:00", "12:00")]);
        day(&mut c, 1, &[("22:00", "24:00")]);
        day(&mut c, 2, &[("00:00", "02:00")]);
        let mon = utc("2026-03-02 07:00");
        assert_eq!(
            c.add_business_minutes(mon, 240),
            Some(utc("2026-03-02 12:00"))
        );
        assert_eq!(
            c.add_business_minutes(mon, 241),
            Some(utc("2026-03-02 13:01"))
        );
        assert!(!c.is_open(utc("2026-03-02 12:30")));
        // Tuesday 22:00 to Wednesday 02:00 across midnight.
        assert_eq!(
            c.add_business_minutes(mon, 8 * 60 + 180),
            Some(utc("2026-03-04 01:00"))
        );
        assert_eq!(
            c.business_minutes_between(utc("2026-03-03 23:00"), utc("2026-03-04 01:30")),
            150
        );
        assert!(c.is_open(utc("2026-03-04 00:00")));
    }

    #[test]
    fn target_ending_at_closing_is_due_at_closing() {
        let c = Calendar::preset_8_5("c", "UTC");
        let mon = utc("2026-03-02 09:00");
        assert_eq!(
            c.add_business_minutes(mon, 480),
            Some(utc("2026-03-02 17:00"))
        );
        assert_eq!(
            c.add_business_minutes(mon, 481),
            Some(utc("2026-03-03 09:01"))
        );
        // From after hours, the clock starts at the next opening.
        assert_eq!(
            c.add_business_minutes(utc("2026-03-06 18:00"), 60),
            Some(utc("2026-03-09 10:00"))
        );
        assert_eq!(
            c.add_business_minutes(utc("2026-03-06 18:00"), 0),
            Some(utc("2026-03-09 09:00"))
        );
    }

    #[test]
    fn holidays_one_off_yearly_and_on_weekends() {
        let mut c = Calendar::preset_8_5("c", "UTC");
        // Wed 2026-03-04 one-off; 1 May yearly (Friday in 2026); Saturday 2026-03-07 (no effect).
        c.holidays = vec![
            Holiday {
                date: NaiveDate::from_ymd_opt(2026, 3, 4).unwrap(),
                yearly: false,
                name: "Strike".into(),
            },
            Holiday {
                date: NaiveDate::from_ymd_opt(2020, 5, 1).unwrap(),
                yearly: true,
                name: "May Day".into(),
            },
            Holiday {
                date: NaiveDate::from_ymd_opt(2026, 3, 7).unwrap(),
                yearly: false,
                name: "Sat".into(),
            },
        ];
        assert!(!c.is_open(utc("2026-03-04 10:00")));
        // Mon-Fri of that week minus Wednesday: 4 days; the Saturday holiday changes nothing.
        assert_eq!(
            c.business_minutes_between(utc("2026-03-02 00:00"), utc("2026-03-09 00:00")),
            4 * 480
        );
        // Tue 16:00 + 2 h: Tue 1 h, Wed off, Thu 1 h -> Thu 10:00.
        assert_eq!(
            c.add_business_minutes(utc("2026-03-03 16:00"), 120),
            Some(utc("2026-03-05 10:00"))
        );
        // Yearly: 1 May 2026 (Fri) and 1 May 2028 (Mon) are closed, 2 May 2028 is open.
        assert!(!c.is_open(utc("2026-05-01 10:00")));
        assert!(!c.is_open(utc("2028-05-01 10:00")));
        assert!(c.is_open(utc("2028-05-02 10:00")));
        assert_eq!(
            c.next_open(utc("2026-04-30 17:00")),
            Some(utc("2026-05-04 09:00"))
        );
    }

    #[test]
    fn europe_berlin_dst_days() {
        let c = Calendar::preset_24_7("c", "Europe/Berlin");
        let mut all = c.clone();
        // A holiday keeps the 24/7 fast path away, so the local-day logic runs.
        all.holidays.push(Holiday {
            date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            yearly: false,
            name: String::new(),
        });
        // Sunday 2026-03-29: 02:00 CET -> 03:00 CEST, a 23-hour day.
        let (a, b) = (
            local("Europe/Berlin", "2026-03-29 00:00"),
            local("Europe/Berlin", "2026-03-30 00:00"),
        );
        assert_eq!(a, utc("2026-03-28 23:00"));
        assert_eq!(all.business_minutes_between(a, b), 23 * 60);
        // Sunday 2026-10-25: 03:00 CEST -> 02:00 CET, a 25-hour day.
        let (a, b) = (
            local("Europe/Berlin", "2026-10-25 00:00"),
            local("Europe/Berlin", "2026-10-26 00:00"),
        );
        assert_eq!(all.business_minutes_between(a, b), 25 * 60);
        // 8/5 across the spring weekend: Fri 16:00 CET (15:00 UTC) + 2 h = Mon 10:00 CEST (08:00 UTC).
        let o = Calendar::preset_8_5("o", "Europe/Berlin");
        assert_eq!(
            o.add_business_minutes(utc("2026-03-27 15:00"), 120),
            Some(utc("2026-03-30 08:00"))
        );
        // Range 02:30-04:00 on the spring-forward day opens at 03:00 CEST (01:00 UTC).
        let mut n = empty("Europe/Berlin");
        day(&mut n, 6, &[("02:30", "04:00")]);
        assert_eq!(
            n.next_open(utc("2026-03-28 12:00")),
            Some(utc("2026-03-29 01:00"))
        );
        assert_eq!(
            n.add_business_minutes(utc("2026-03-28 12:00"), 60),
            Some(utc("2026-03-29 02:00"))
        );
        // Range 02:00-03:00 on the fall-back day is open through both 02:xx hours (00:00-02:00 UTC).
        day(&mut n, 6, &[("02:00", "03:00")]);
        assert_eq!(
            n.business_minutes_between(utc("2026-10-24 12:00"), utc("2026-10-26 00:00")),
            120
        );
        assert_eq!(
            n.next_open(utc("2026-10-24 12:00")),
            Some(utc("2026-10-25 00:00"))
        );
    }

    #[test]
    fn america_new_york_dst_days() {
        // 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST (Sundays).
        let mut n = empty("America/New_York");
        day(&mut n, 6, &[("02:00", "04:00")]);
        // Spring: only 03:00-04:00 EDT exists = 07:00-08:00 UTC.
        assert!(!n.is_open(utc("2026-03-08 06:59")));
        assert!(n.is_open(utc("2026-03-08 07:00")));
        assert_eq!(
            n.business_minutes_between(utc("2026-03-07 00:00"), utc("2026-03-09 00:00")),
            60
        );
        // Fall: 01:00-01:30 occurs twice: 05:00-05:30 UTC (EDT) and 06:00-06:30 UTC (EST).
        day(&mut n, 6, &[("01:00", "01:30")]);
        let clock = n.clock();
        let from = utc("2026-10-31 12:00");
        assert_eq!(
            clock.open_intervals(from, utc("2026-11-02 00:00")),
            vec![
                (utc("2026-11-01 05:00"), utc("2026-11-01 05:30")),
                (utc("2026-11-01 06:00"), utc("2026-11-01 06:30"))
            ]
        );
        assert!(!clock.is_open(utc("2026-11-01 05:45")));
        assert_eq!(
            clock.add_business_minutes(from, 45),
            Some(utc("2026-11-01 06:15"))
        );
        // 8/5 across the fall weekend: Fri 16:00 EDT (20:00 UTC) + 2 h = Mon 10:00 EST (15:00 UTC).
        let o = Calendar::preset_8_5("o", "America/New_York");
        assert_eq!(
            o.add_business_minutes(utc("2026-10-30 20:00"), 120),
            Some(utc("2026-11-02 15:00"))
        );
        // A 24-hour Sunday lasts 25 hours on the fall-back day.
        day(&mut n, 6, &[("00:00", "24:00")]);
        assert_eq!(
            n.business_minutes_between(utc("2026-10-31 12:00"), utc("2026-11-03 00:00")),
            25 * 60
        );
    }

    #[test]
    fn asia_kolkata_half_hour_offset() {
        // 09:00 IST = 03:30 UTC; 17:00 IST = 11:30 UTC. Monday 2026-03-02.
        let c = Calendar::preset_8_5("c", "Asia/Kolkata");
        assert!(!c.is_open(utc("2026-03-02 03:29")));
        assert!(c.is_open(utc("2026-03-02 03:30")));
        assert_eq!(
            c.add_business_minutes(utc("2026-03-02 03:30"), 480),
            Some(utc("2026-03-02 11:30"))
        );
        assert_eq!(
            c.add_business_minutes(utc("2026-03-02 00:00"), 481),
            Some(utc("2026-03-03 03:31"))
        );
        // Friday 11:00 UTC (16:30 IST) + 60 min -> Monday 09:30 IST = 04:00 UTC.
        assert_eq!(
            c.add_business_minutes(utc("2026-03-06 11:00"), 60),
            Some(utc("2026-03-09 04:00"))
        );
    }

    #[test]
    fn unknown_zone_counts_as_utc_and_always_is_plain_time() {
        let c = Calendar::preset_8_5("c", "Nowhere/Special");
        assert!(c.is_open(utc("2026-03-02 09:00")));
        let a = BusinessClock::always();
        assert_eq!(
            a.business_minutes_between(utc("2026-03-06 18:00"), utc("2026-03-09 09:00")),
            63 * 60
        );
        assert_eq!(
            a.add_business_minutes(utc("2026-03-06 18:00"), 90),
            Some(utc("2026-03-06 19:30"))
        );
        assert_eq!(
            a.business_minutes_between(utc("2026-03-09 09:00"), utc("2026-03-06 18:00")),
            0
        );
    }

    #[test]
    fn adding_ten_thousand_minutes_is_fast() {
        let c = Calendar::preset_8_5("c", "Europe/Berlin").clock();
        let start = utc("2026-03-02 07:00");
        let due = c.add_business_minutes(start, 10_000);
        // 10,000 min = 20 days of 480 min + 400 min: Monday 4 weeks on, 09:00 + 6h40 local.
        assert_eq!(due, Some(local("Europe/Berlin", "2026-03-30 15:40")));
        let t = std::time::Instant::now();
        for _ in 0..100 {
            std::hint::black_box(c.add_business_minutes(start, 10_000));
        }
        // Generous for an unoptimised test build on a busy machine; release is far below 1 ms.
        assert!(
            t.elapsed().as_millis() < 500,
            "{:?} for 100 runs",
            t.elapsed()
        );
    }

    fn arb_calendar() -> impl Strategy<Value = Calendar> {
        let tz = prop::sample::select(vec![
            "UTC",
            "Europe/Berlin",
            "America/New_York",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
        ]);
        // Per day up to 3 ranges on a half-hour grid; overlaps are merged by the clock.
        let range = (0u16..48, 1u16..=16).prop_map(|(s, len)| TimeRange {
            start: DayTime(s * 30),
            end: DayTime(((s + len) * 30).min(1440)),
        });
        let week = prop::array::uniform7(prop::collection::vec(range, 0..3));
        (tz, week, any::<bool>()).prop_map(|(tz, week, hol)| {
            let mut c = Calendar::preset_8_5("p", tz);
            c.week = week;
            if c.week.iter().all(Vec::is_empty) {
                c.week[2] = vec![TimeRange {
                    start: DayTime(600),
                    end: DayTime(660),
                }];
            }
            if hol {
                c.holidays.push(Holiday {
                    date: NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(),
                    yearly: true,
                    name: String::new(),
                });
            }
            c
        })
    }

    fn arb_time() -> impl Strategy<Value = Time> {
        // 2026-01-01 .. 2027-01-01, whole seconds (covers both DST changes).
        (1_767_225_600i64..1_798_761_600).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
    }

    /// Open at `t`, or `t` is the end of an open stretch.
    fn open_or_closing(c: &BusinessClock, t: Time) -> bool {
        c.is_open(t) || c.is_open(t - chrono::Duration::seconds(1))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn due_is_never_strictly_outside_hours(cal in arb_calendar(), from in arb_time(), m in 1i64..20_000) {
            let c = cal.clock();
            let due = c.add_business_minutes(from, m).unwrap();
            prop_assert!(due > from);
            prop_assert!(open_or_closing(&c, due), "due {due} for {m} min from {from}");
        }

        #[test]
        fn minutes_between_undoes_add(cal in arb_calendar(), from in arb_time(), m in 0i64..20_000) {
            let c = cal.clock();
            let due = c.add_business_minutes(from, m).unwrap();
            prop_assert_eq!(c.business_minutes_between(from, due), m);
            prop_assert_eq!(c.business_seconds_between(from, due), m * 60);
        }

        #[test]
        fn between_is_additive_and_next_open_is_open(cal in arb_calendar(), a in arb_time(), d1 in 0i64..2_000_000, d2 in 0i64..2_000_000) {
            let c = cal.clock();
            let b = a + chrono::Duration::seconds(d1);
            let e = b + chrono::Duration::seconds(d2);
            prop_assert_eq!(
                c.business_seconds_between(a, e),
                c.business_seconds_between(a, b) + c.business_seconds_between(b, e)
            );
            let n = c.next_open(a).unwrap();
            prop_assert!(c.is_open(n));
            prop_assert_eq!(c.business_seconds_between(a, n), 0);
        }
    }
}
