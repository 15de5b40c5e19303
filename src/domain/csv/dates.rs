//! Reading the dates other help desks write: RFC 3339, `2026-03-02 09:00:00 +0100`,
//! `2026-03-02 09:00`, `02/03/2026 09:00`, `3/2/2026 9:00 AM`, `2 Mar 2026 09:00`,
//! `Mon, 2 Mar, 2026 at 9:00 AM`, `02.03.26`...
//!
//! A date without a time is midnight; a time without an offset is in the time zone the user
//! chose for the import. Whether `02/03/2026` is the 2nd of March or the 3rd of February is
//! decided once per column by [`detect_order`].

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use crate::domain::tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::model::Time;

/// How to read a numeric date whose year comes last.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 02/03/2026 is 2 March (Europe, most of the world).
    DayFirst,
    /// 02/03/2026 is February 3 (United States; osTicket's default format).
    MonthFirst,
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Reads one date-time. The error is a sentence about the value.
pub fn parse_time(s: &str, order: DateOrder, tz: Tz) -> Result<Time, String> {
    let s = s.trim();
    let bad = || {
        format!("\"{s}\" is not a date and time Tierdesk can read (for example 2026-03-02 09:00)")
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    let (rest, offset) = split_zone(s);
    let (date_s, time_s) = split_date_time(rest);
    let date = parse_date(date_s, order).ok_or_else(bad)?;
    let time = match time_s.trim() {
        "" => NaiveTime::MIN,
        t => parse_clock(t).ok_or_else(bad)?,
    };
    let local = date.and_time(time);
    let at = match offset {
        Some(o) => o.from_local_datetime(&local).single().map(|t| t.with_timezone(&Utc)),
        None => tz.from_local_datetime(&local).earliest().map(|t| t.with_timezone(&Utc)),
    };
    at.ok_or_else(|| {
        format!("\"{s}\" does not exist in the time zone {tz} (the clocks skipped it)")
    })
}

/// Splits off a trailing offset: `Z`, `UTC`, `GMT`, `+01:00`, `+0100`, `-05`. An offset is
/// only looked for after a time, so the `-02` of `2026-03-02` is not one.
fn split_zone(s: &str) -> (&str, Option<FixedOffset>) {
    let lower = s.to_ascii_lowercase();
    for suffix in [" utc", " gmt", "z"] {
        if lower.ends_with(suffix) && s.contains(':') {
            let rest = &s[..s.len() - suffix.len()];
            if suffix != "z" || rest.ends_with(|c: char| c.is_ascii_digit()) {
                return (rest.trim_end(), FixedOffset::east_opt(0));
            }
        }
    }
    let Some(pos) = s.rfind(['+', '-']) else {
        return (s, None);
    };
    let (rest, zone) = s.split_at(pos);
    if !rest.contains(':') {
        return (s, None);
    }
    let digits: String = zone[1..].chars().filter(|&c| c != ':').collect();
    let ok_shape = matches!(zone.len(), 3 | 5 | 6)
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(digits.len(), 2 | 4);
    if !ok_shape {
        return (s, None);
    }
    let h: i32 = digits[..2].parse().unwrap_or(99);
    let m: i32 = digits.get(2..).map_or(Ok(0), str::parse).unwrap_or(99);
    let secs = (h * 3600 + m * 60) * if zone.starts_with('-') { -1 } else { 1 };
    match FixedOffset::east_opt(secs).filter(|_| h < 24 && m < 60) {
        Some(o) => (rest.trim_end(), Some(o)),
        None => (s, None),
    }
}

/// The date part and the time part: the time starts at the number before the first `:`.
fn split_date_time(s: &str) -> (&str, &str) {
    let Some(colon) = s.find(':') else {
        return (s, "");
    };
    let start = s[..colon]
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .len();
    let date = s[..start].trim_end_matches(['T', 't']).trim();
    let date = date.strip_suffix(" at").unwrap_or(date);
    (date.trim_end_matches([',', ' ']), &s[start..])
}

fn year(n: &str) -> Option<i32> {
    let y: i32 = n.parse().ok()?;
    match n.len() {
        2 => Some(2000 + y),
        4 => Some(y),
        _ => None,
    }
}

fn parse_date(s: &str, order: DateOrder) -> Option<NaiveDate> {
    let parts: Vec<&str> = s
        .split(['-', '/', '.', ',', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.iter().any(|p| p.chars().any(char::is_alphabetic)) {
        return named_month_date(&parts);
    }
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let n = |x: &str| x.parse::<u32>().ok();
    let (y, m, d) = if a.len() == 4 {
        (year(a)?, n(b)?, n(c)?)
    } else {
        match order {
            DateOrder::DayFirst => (year(c)?, n(b)?, n(a)?),
            DateOrder::MonthFirst => (year(c)?, n(a)?, n(b)?),
        }
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// `2 Mar 2026`, `Mar 2, 2026`, `Monday 2 March 26`, `2-Mar-2026`.
fn named_month_date(parts: &[&str]) -> Option<NaiveDate> {
    let mut month = None;
    let mut numbers = vec![];
    for p in parts {
        if p.chars().all(|c| c.is_ascii_digit()) {
            numbers.push(*p);
            continue;
        }
        let w = p.to_lowercase();
        let w3: String = w.chars().take(3).collect();
        if let Some(i) = MONTHS.iter().position(|m| *m == w3) {
            if month.replace(i as u32 + 1).is_some() {
                return None;
            }
        } else if !WEEKDAYS.contains(&w3.as_str()) {
            return None;
        }
    }
    let (d, y) = match numbers.as_slice() {
        [a, b] if a.len() == 4 => (b, a),
        [a, b] => (a, b),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year(y)?, month?, d.parse().ok()?)
}

/// `9:05`, `09:05:30`, `09:05:30.123`, `9:05 pm`, `9:05PM`, `9:05 a.m.`.
fn parse_clock(s: &str) -> Option<NaiveTime> {
    let lower = s.trim().to_lowercase();
    let mut clock = lower.as_str();
    let mut meridiem = None;
    for (suffix, pm) in [("a.m.", false), ("am", false), ("p.m.", true), ("pm", true)] {
        if let Some(rest) = lower.strip_suffix(suffix) {
            clock = rest.trim_end();
            meridiem = Some(pm);
            break;
        }
    }
    let clock = clock.split('.').next().unwrap_or(clock);
    let mut parts = clock.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let sec: u32 = match parts.next() {
        Some(x) => x.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let h = match meridiem {
        None => h,
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(false) => h % 12,
        Some(true) => h % 12 + 12,
    };
    NaiveTime::from_hms_opt(h, m, sec)
}

/// The day/month order of a column of dates: decided by any value whose first number is above
/// 12 (day first) or whose second is (month first). When nothing decides, or the column
/// disagrees with itself, times with AM/PM suggest the United States (month first); otherwise
/// day first.
pub fn detect_order<'a>(values: impl Iterator<Item = &'a str>) -> DateOrder {
    let (mut day, mut month, mut meridiem) = (false, false, false);
    for v in values {
        let v = v.trim();
        let lower = v.to_lowercase();
        meridiem |= lower.ends_with("am") || lower.ends_with("pm") || lower.ends_with("a.m.") || lower.ends_with("p.m.");
        let (date, _) = split_date_time(split_zone(v).0);
        let nums: Vec<&str> = date
            .split(['-', '/', '.'])
            .collect();
        if let [a, b, _] = nums.as_slice() {
            if a.len() <= 2 {
                let (a, b) = (a.parse::<u32>().unwrap_or(0), b.parse::<u32>().unwrap_or(0));
                day |= a > 12;
                month |= b > 12;
            }
        }
    }
    match (day, month) {
        (true, false) => DateOrder::DayFirst,
        (false, true) => DateOrder::MonthFirst,
        _ if meridiem => DateOrder::MonthFirst,
        _ => DateOrder::DayFirst,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> Time {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn read(s: &str, order: DateOrder) -> Result<Time, String> {
        parse_time(s, order, Tz::UTC)
    }

    #[test]
    fn reads_the_common_formats() {
        use DateOrder::*;
        let want = utc("2026-03-02T09:05:00Z");
        for s in [
            "2026-03-02T09:05:00Z",
            "2026-03-02T10:05:00+01:00",
            "2026-03-02 09:05:00",
            "2026-03-02 09:05",
            "2026-03-02T09:05",
            "2026-03-02 09:05:00.000",
            "2026-03-02 04:05:00 -0500",
            "2026-03-02 10:05:00 +01:00",
            "2026-03-02 09:05:00 UTC",
            "2026/03/02 09:05",
            "02/03/2026 09:05",
            "2.3.2026 9:05",
            "02-03-26 09:05",
            "2 Mar 2026 09:05",
            "Mon, 2 Mar, 2026 at 9:05 AM",
            "March 2, 2026 9:05 am",
        ] {
            assert_eq!(read(s, DayFirst), Ok(want), "{s}");
        }
        for s in ["03/02/2026 9:05 AM", "3/2/2026 9:05:00 a.m.", "03/02/2026 09:05"] {
            assert_eq!(read(s, MonthFirst), Ok(want), "{s}");
        }
        assert_eq!(read("3/2/2026 12:30 PM", MonthFirst), Ok(utc("2026-03-02T12:30:00Z")));
        assert_eq!(read("3/2/2026 12:30 AM", MonthFirst), Ok(utc("2026-03-02T00:30:00Z")));
        assert_eq!(read("2026-03-02", DayFirst), Ok(utc("2026-03-02T00:00:00Z")));
    }

    #[test]
    fn local_times_use_the_chosen_zone() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(
            parse_time("2026-03-02 10:00", DateOrder::DayFirst, berlin),
            Ok(utc("2026-03-02T09:00:00Z"))
        );
        // An explicit offset wins over the zone.
        assert_eq!(
            parse_time("2026-03-02 10:00 +00:00", DateOrder::DayFirst, berlin),
            Ok(utc("2026-03-02T10:00:00Z"))
        );
        // 02:30 on the spring-forward night does not exist in Berlin.
        let err = parse_time("2026-03-29 02:30", DateOrder::DayFirst, berlin).unwrap_err();
        assert!(err.contains("Europe/Berlin"), "{err}");
    }

    #[test]
    fn rejects_nonsense_with_the_value_in_the_message() {
        for s in ["yesterday", "31/02/2026", "2026-13-01", "13/13/2026 10:00", "10:00", "2026-03-02 25:00", "3/2/2026 13:00 PM", "2 Foo 2026", "", "1/2/3/4"] {
            let err = read(s, DateOrder::DayFirst).unwrap_err();
            assert!(err.contains(&format!("\"{}\"", s.trim())), "{s}: {err}");
        }
    }

    #[test]
    fn column_order_is_decided_by_unambiguous_values() {
        use DateOrder::*;
        assert_eq!(detect_order(["01/02/2026", "25/02/2026 10:00"].into_iter()), DayFirst);
        assert_eq!(detect_order(["01/02/2026", "02/25/2026"].into_iter()), MonthFirst);
        assert_eq!(detect_order(["01/02/2026 9:00 AM"].into_iter()), MonthFirst);
        assert_eq!(detect_order(["01/02/2026 09:00"].into_iter()), DayFirst);
        assert_eq!(detect_order(["2026-02-25 09:00"].into_iter()), DayFirst);
        assert_eq!(detect_order(std::iter::empty()), DayFirst);
    }
}
