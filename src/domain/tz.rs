//! IANA time zones, small: each zone's current rule as a POSIX TZ string (`tzdata.rs`,
//! generated from the tz database) evaluated here. chrono-tz carries every historical
//! transition of every zone (~700 KB of wasm); SLA clocks only need the present and the
//! future, where the current rule is exact. Dates before a zone's last rule change may be off.
//!
//! `Tz` implements chrono's `TimeZone`, so calendars use it like any chrono zone, including
//! the gap and the repeated hour of daylight-saving changes (`LocalResult`).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};

use super::tzdata::ZONES;

/// The day a change happens on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Day {
    /// `Jn`: day 1-365, February 29 never counted.
    Julian1(u16),
    /// `n`: day 0-365, counting February 29.
    Julian0(u16),
    /// `Mm.w.d`: weekday d (0 = Sunday) of week w (5 = last) of month m.
    Mwd(u32, u32, u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Change {
    day: Day,
    /// Local time of day of the change, in seconds (may be negative or over 24 h).
    time: i32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Dst {
    /// Seconds east of UTC while daylight-saving time applies.
    offset: i32,
    start: Change,
    end: Change,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Rule {
    /// Seconds east of UTC in standard time.
    std: i32,
    dst: Option<Dst>,
}

/// A time zone: an IANA name and the rule it follows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Tz {
    /// Index into `ZONES`; `usize::MAX` for the built-in UTC.
    index: usize,
    rule: Rule,
}

impl Tz {
    #[allow(non_upper_case_globals)]
    pub const UTC: Tz = Tz { index: usize::MAX, rule: Rule { std: 0, dst: None } };

    pub fn name(&self) -> &'static str {
        ZONES.get(self.index).map_or("UTC", |z| z.0)
    }

    /// Every zone name, sorted: for pickers.
    pub fn names() -> impl Iterator<Item = &'static str> {
        ZONES.iter().map(|z| z.0)
    }

    /// Seconds east of UTC at the UTC instant `utc`.
    fn offset_at(&self, utc: &NaiveDateTime) -> i32 {
        let Some(dst) = self.rule.dst else { return self.rule.std };
        let year = utc.year();
        let start = instant(year, dst.start, self.rule.std);
        let end = instant(year, dst.end, dst.offset);
        let (Some(start), Some(end)) = (start, end) else { return self.rule.std };
        let in_dst = if start < end {
            *utc >= start && *utc < end
        } else {
            // Southern hemisphere (or Dublin's winter "daylight" time): spans the new year.
            !(*utc >= end && *utc < start)
        };
        if in_dst { dst.offset } else { self.rule.std }
    }

    fn fixed(&self, secs: i32) -> TzOffset {
        // Offsets come from parsed rules and stay within a day; UTC is the safe fallback.
        TzOffset { tz: *self, fixed: FixedOffset::east_opt(secs).unwrap_or_else(|| chrono::Utc.fix()) }
    }
}

/// The UTC instant of a change in `year`, given the offset in force just before it.
fn instant(year: i32, change: Change, offset_before: i32) -> Option<NaiveDateTime> {
    let date = match change.day {
        Day::Julian1(n) => {
            let jan1 = NaiveDate::from_ymd_opt(year, 1, 1)?;
            let mut d = jan1 + Duration::days(i64::from(n) - 1);
            if jan1.leap_year() && n >= 60 {
                d += Duration::days(1);
            }
            d
        }
        Day::Julian0(n) => NaiveDate::from_ymd_opt(year, 1, 1)? + Duration::days(i64::from(n)),
        Day::Mwd(m, w, d) => {
            let first = NaiveDate::from_ymd_opt(year, m, 1)?;
            let wd = first.weekday().num_days_from_sunday();
            let mut day = 1 + (d + 7 - wd) % 7 + (w.saturating_sub(1)) * 7;
            let days_in_month = if m == 12 {
                31
            } else {
                (NaiveDate::from_ymd_opt(year, m + 1, 1)? - first).num_days() as u32
            };
            while day > days_in_month {
                day -= 7;
            }
            NaiveDate::from_ymd_opt(year, m, day)?
        }
    };
    let local = date.and_hms_opt(0, 0, 0)? + Duration::seconds(i64::from(change.time));
    Some(local - Duration::seconds(i64::from(offset_before)))
}

/// The offset of a `Tz` at some instant; carries the zone so chrono can get back to it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TzOffset {
    tz: Tz,
    fixed: FixedOffset,
}

impl Offset for TzOffset {
    fn fix(&self) -> FixedOffset {
        self.fixed
    }
}

impl fmt::Debug for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{:?}", self.tz.name(), self.fixed)
    }
}

impl fmt::Display for TzOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.fixed)
    }
}

impl fmt::Debug for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Tz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl TimeZone for Tz {
    type Offset = TzOffset;

    fn from_offset(offset: &TzOffset) -> Tz {
        offset.tz
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<TzOffset> {
        match local.and_hms_opt(0, 0, 0) {
            Some(dt) => self.offset_from_local_datetime(&dt),
            None => LocalResult::None,
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<TzOffset> {
        let std = self.rule.std;
        let Some(dst) = self.rule.dst else { return LocalResult::Single(self.fixed(std)) };
        // A local time is valid under an offset if the zone really has that offset then.
        let valid = |off: i32| self.offset_at(&(*local - Duration::seconds(i64::from(off)))) == off;
        match (valid(std), valid(dst.offset)) {
            (true, true) => {
                // The repeated hour: the larger offset is the earlier instant.
                let (a, b) = if dst.offset > std { (dst.offset, std) } else { (std, dst.offset) };
                LocalResult::Ambiguous(self.fixed(a), self.fixed(b))
            }
            (true, false) => LocalResult::Single(self.fixed(std)),
            (false, true) => LocalResult::Single(self.fixed(dst.offset)),
            (false, false) => LocalResult::None,
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> TzOffset {
        match utc.and_hms_opt(0, 0, 0) {
            Some(dt) => self.offset_from_utc_datetime(&dt),
            None => self.fixed(self.rule.std),
        }
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> TzOffset {
        self.fixed(self.offset_at(utc))
    }
}

impl FromStr for Tz {
    type Err = String;

    fn from_str(s: &str) -> Result<Tz, String> {
        let name = s.trim();
        let index = ZONES
            .binary_search_by(|z| z.0.cmp(name))
            .ok()
            .or_else(|| ZONES.iter().position(|z| z.0.eq_ignore_ascii_case(name)))
            .ok_or_else(|| format!("\"{name}\" is not a known IANA time zone such as Europe/Berlin"))?;
        let rule = parse_rule(ZONES[index].1).ok_or_else(|| format!("the rule of time zone {name} cannot be read"))?;
        Ok(Tz { index, rule })
    }
}

/// Parses a POSIX TZ string such as "CET-1CEST,M3.5.0,M10.5.0/3".
fn parse_rule(s: &str) -> Option<Rule> {
    let mut p = Parser { s: s.as_bytes(), i: 0 };
    p.name()?;
    // POSIX offsets count west of Greenwich; chrono counts east.
    let std = -p.offset()?;
    if p.done() {
        return Some(Rule { std, dst: None });
    }
    p.name()?;
    let dst_off = if p.peek() == Some(b',') { std + 3600 } else { -p.offset()? };
    if !p.eat(b',') {
        // DST named without rules: use the US default rules, as POSIX says.
        return None;
    }
    let start = p.change()?;
    if !p.eat(b',') {
        return None;
    }
    let end = p.change()?;
    p.done().then_some(Rule { std, dst: Some(Dst { offset: dst_off, start, end }) })
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn done(&self) -> bool {
        self.i >= self.s.len()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// "CET" or "<+0530>".
    fn name(&mut self) -> Option<()> {
        if self.eat(b'<') {
            while self.peek()? != b'>' {
                self.i += 1;
            }
            self.i += 1;
            return Some(());
        }
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        (self.i - start >= 3).then_some(())
    }

    fn number(&mut self) -> Option<i32> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        std::str::from_utf8(&self.s[start..self.i]).ok()?.parse().ok()
    }

    /// [+-]hh[:mm[:ss]] in seconds.
    fn offset(&mut self) -> Option<i32> {
        let sign = if self.eat(b'-') {
            -1
        } else {
            self.eat(b'+');
            1
        };
        let h = self.number()?;
        let m = if self.eat(b':') { self.number()? } else { 0 };
        let sec = if self.eat(b':') { self.number()? } else { 0 };
        Some(sign * (h * 3600 + m * 60 + sec))
    }

    fn change(&mut self) -> Option<Change> {
        let day = if self.eat(b'M') {
            let m = self.number()? as u32;
            self.eat(b'.').then_some(())?;
            let w = self.number()? as u32;
            self.eat(b'.').then_some(())?;
            let d = self.number()? as u32;
            ((1..=12).contains(&m) && (1..=5).contains(&w) && d <= 6).then_some(Day::Mwd(m, w, d))?
        } else if self.eat(b'J') {
            Day::Julian1(self.number()? as u16)
        } else {
            Day::Julian0(self.number()? as u16)
        };
        let time = if self.eat(b'/') { self.offset()? } else { 7200 };
        Some(Change { day, time })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone as _, Timelike, Utc};

    fn tz(name: &str) -> Tz {
        name.parse().unwrap()
    }

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    fn offset_hours(z: Tz, t: chrono::DateTime<Utc>) -> f64 {
        f64::from(t.with_timezone(&z).offset().fix().local_minus_utc()) / 3600.0
    }

    #[test]
    fn every_generated_zone_parses() {
        for (name, rule) in ZONES {
            assert!(parse_rule(rule).is_some(), "{name}: {rule}");
            assert_eq!(name.parse::<Tz>().unwrap().name(), *name);
        }
        assert!("Mars/Base".parse::<Tz>().unwrap_err().contains("Mars/Base"));
        assert_eq!(tz("europe/berlin").name(), "Europe/Berlin");
    }

    #[test]
    fn berlin_changes_on_the_last_sundays_of_march_and_october() {
        let b = tz("Europe/Berlin");
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(offset_hours(b, utc(2026, 3, 29, 0, 59)), 1.0);
        assert_eq!(offset_hours(b, utc(2026, 3, 29, 1, 0)), 2.0);
        assert_eq!(offset_hours(b, utc(2026, 10, 25, 0, 59)), 2.0);
        assert_eq!(offset_hours(b, utc(2026, 10, 25, 1, 0)), 1.0);
        // The skipped hour does not exist; the repeated hour exists twice.
        let gap = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap().and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(b.from_local_datetime(&gap), LocalResult::None);
        let twice = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap().and_hms_opt(2, 30, 0).unwrap();
        match b.from_local_datetime(&twice) {
            LocalResult::Ambiguous(a, c) => {
                assert_eq!(a.with_timezone(&Utc), utc(2026, 10, 25, 0, 30));
                assert_eq!(c.with_timezone(&Utc), utc(2026, 10, 25, 1, 30));
            }
            other => panic!("expected two instants, got {other:?}"),
        }
    }

    #[test]
    fn new_york_kolkata_lord_howe_dublin_and_sao_paulo() {
        let ny = tz("America/New_York");
        assert_eq!(offset_hours(ny, utc(2026, 3, 8, 6, 59)), -5.0);
        assert_eq!(offset_hours(ny, utc(2026, 3, 8, 7, 0)), -4.0);
        assert_eq!(offset_hours(ny, utc(2026, 11, 1, 5, 59)), -4.0);
        assert_eq!(offset_hours(ny, utc(2026, 11, 1, 6, 0)), -5.0);
        assert_eq!(offset_hours(tz("Asia/Kolkata"), utc(2026, 7, 1, 0, 0)), 5.5);
        let lh = tz("Australia/Lord_Howe");
        assert_eq!(offset_hours(lh, utc(2026, 7, 1, 0, 0)), 10.5);
        assert_eq!(offset_hours(lh, utc(2026, 12, 1, 0, 0)), 11.0);
        let dublin = tz("Europe/Dublin");
        assert_eq!(offset_hours(dublin, utc(2026, 7, 1, 12, 0)), 1.0);
        assert_eq!(offset_hours(dublin, utc(2026, 1, 15, 12, 0)), 0.0);
        assert_eq!(offset_hours(tz("America/Sao_Paulo"), utc(2026, 1, 15, 12, 0)), -3.0);
        let local = utc(2026, 7, 1, 12, 0).with_timezone(&tz("Asia/Kolkata"));
        assert_eq!((local.hour(), local.minute()), (17, 30));
    }

    #[test]
    fn utc_is_fixed() {
        assert_eq!(offset_hours(Tz::UTC, utc(2026, 6, 1, 0, 0)), 0.0);
        assert_eq!(tz("UTC").rule, tz("Etc/UTC").rule);
        assert_eq!(tz("UTC").rule, Tz::UTC.rule);
    }
}
