//! Report periods relative to the desk clock. Days are the desk's days: those of the default
//! calendar's time zone, the same zone the KPI engine's daily buckets use, so "today" on the
//! picker and the last bar of the chart are the same day.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::domain::desk::DeskConfig;
use crate::domain::model::Time;
use crate::domain::tz::Tz;

/// The choices of the period picker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    Today,
    Last7Days,
    Last30Days,
    ThisMonth,
    /// From one day to another, both included.
    Custom,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Today,
        Preset::Last7Days,
        Preset::Last30Days,
        Preset::ThisMonth,
        Preset::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Today => "today",
            Preset::Last7Days => "7d",
            Preset::Last30Days => "30d",
            Preset::ThisMonth => "month",
            Preset::Custom => "custom",
        }
    }

    pub fn parse(s: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Why a custom period cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodError {
    /// A custom period without both days.
    MissingDay,
    /// The first day is after the last.
    Reversed,
    /// Longer than [`MAX_CUSTOM_DAYS`].
    TooLong,
}

/// Longest custom period: ten years, like the KPI engine's daily series.
pub const MAX_CUSTOM_DAYS: i64 = 3660;

/// The desk's time zone: the default calendar's, UTC if it has none or an unknown one.
pub fn desk_tz(cfg: &DeskConfig) -> Tz {
    cfg.calendar(&cfg.general.default_calendar)
        .and_then(|c| c.tz.trim().parse::<Tz>().ok())
        .unwrap_or(Tz::UTC)
}

/// The desk's day that `t` falls on.
pub fn local_day(tz: Tz, t: Time) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

/// The first instant of a local day (the first existing one where midnight is skipped).
pub fn day_start(tz: Tz, d: NaiveDate) -> Time {
    let midnight = d.and_time(NaiveTime::MIN);
    for h in 0..4 {
        let local = midnight + chrono::Duration::hours(h);
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
    }
    midnight.and_utc()
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

/// `[from, to)` of a period. Periods that include today end at the end of today: the KPI
/// engine looks at `min(to, now)`, so the report shows today up to now. `custom` is the first
/// and last day, both included; it is read only for [`Preset::Custom`].
pub fn range(
    preset: Preset,
    now: Time,
    tz: Tz,
    custom: (Option<NaiveDate>, Option<NaiveDate>),
) -> Result<(Time, Time), PeriodError> {
    let today = local_day(tz, now);
    let back = |days: u64| today.checked_sub_days(Days::new(days)).unwrap_or(today);
    let (first, last) = match preset {
        Preset::Today => (today, today),
        Preset::Last7Days => (back(6), today),
        Preset::Last30Days => (back(29), today),
        Preset::ThisMonth => (today.with_day(1).unwrap_or(today), today),
        Preset::Custom => {
            let (Some(a), Some(b)) = custom else {
                return Err(PeriodError::MissingDay);
            };
            if a > b {
                return Err(PeriodError::Reversed);
            }
            if (b - a).num_days() >= MAX_CUSTOM_DAYS {
                return Err(PeriodError::TooLong);
            }
            (a, b)
        }
    };
    // "This month" runs to the end of the month, so a future day of it is empty, not missing.
    let end = match preset {
        Preset::ThisMonth => first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or_else(|| next_day(last)),
        _ => next_day(last),
    };
    Ok((day_start(tz, first), day_start(tz, end)))
}

/// Reads a date input's value ("2026-05-14"); an empty or malformed value is `None`.
pub fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(y: i32, m: u32, d: u32, h: u32, min: u32) -> Time {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap_or_default()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn presets_end_at_the_end_of_today_in_utc() {
        let now = t(2026, 5, 14, 15, 30);
        let none = (None, None);
        assert_eq!(range(Preset::Today, now, Tz::UTC, none), Ok((t(2026, 5, 14, 0, 0), t(2026, 5, 15, 0, 0))));
        assert_eq!(range(Preset::Last7Days, now, Tz::UTC, none), Ok((t(2026, 5, 8, 0, 0), t(2026, 5, 15, 0, 0))));
        assert_eq!(range(Preset::Last30Days, now, Tz::UTC, none), Ok((t(2026, 4, 15, 0, 0), t(2026, 5, 15, 0, 0))));
        assert_eq!(range(Preset::ThisMonth, now, Tz::UTC, none), Ok((t(2026, 5, 1, 0, 0), t(2026, 6, 1, 0, 0))));
    }

    #[test]
    fn days_are_the_desks_days() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap_or(Tz::UTC);
        assert_eq!(berlin.name(), "Europe/Berlin");
        // 23:30 UTC on 14 May is already 15 May in Berlin (UTC+2 in summer).
        let now = t(2026, 5, 14, 23, 30);
        assert_eq!(local_day(berlin, now), day(2026, 5, 15));
        assert_eq!(
            range(Preset::Today, now, berlin, (None, None)),
            Ok((t(2026, 5, 14, 22, 0), t(2026, 5, 15, 22, 0)))
        );
        // The day the clocks go forward (29 March 2026) has 23 hours.
        let (a, b) = range(Preset::Custom, now, berlin, (Some(day(2026, 3, 29)), Some(day(2026, 3, 29)))).unwrap_or_default();
        assert_eq!((a, b), (t(2026, 3, 28, 23, 0), t(2026, 3, 29, 22, 0)));
    }

    #[test]
    fn custom_periods_include_both_days_and_are_checked() {
        let now = t(2026, 5, 14, 9, 0);
        let r = range(Preset::Custom, now, Tz::UTC, (Some(day(2026, 5, 1)), Some(day(2026, 5, 3))));
        assert_eq!(r, Ok((t(2026, 5, 1, 0, 0), t(2026, 5, 4, 0, 0))));
        assert_eq!(range(Preset::Custom, now, Tz::UTC, (Some(day(2026, 5, 1)), None)), Err(PeriodError::MissingDay));
        assert_eq!(
            range(Preset::Custom, now, Tz::UTC, (Some(day(2026, 5, 3)), Some(day(2026, 5, 1)))),
            Err(PeriodError::Reversed)
        );
        assert_eq!(
            range(Preset::Custom, now, Tz::UTC, (Some(day(2010, 1, 1)), Some(day(2026, 1, 1)))),
            Err(PeriodError::TooLong)
        );
        // The other presets ignore the custom days.
        assert!(range(Preset::Today, now, Tz::UTC, (Some(day(2026, 5, 3)), Some(day(2026, 5, 1)))).is_ok());
    }

    #[test]
    fn date_inputs_and_presets_parse() {
        assert_eq!(parse_day(" 2026-05-14 "), Some(day(2026, 5, 14)));
        assert_eq!(parse_day(""), None);
        assert_eq!(parse_day("14.05.2026"), None);
        for p in Preset::ALL {
            assert_eq!(Preset::parse(p.as_str()), Some(p));
        }
        assert_eq!(Preset::parse("week"), None);
    }
}
