//! Dates, times and numbers in the browser's time zone and the page's language.

use chrono::Local;

use super::i18n::{lang, Lang};
use crate::domain::model::Time;

/// Day and time, e.g. "25 Nov 2026 14:05" / "25.11.2026 14:05" / "2026年11月25日 14:05".
pub fn datetime(t: Time) -> String {
    let local = t.with_timezone(&Local);
    match lang() {
        Lang::En => local.format("%d %b %Y %H:%M").to_string(),
        Lang::De => local.format("%d.%m.%Y %H:%M").to_string(),
        Lang::Zh => local.format("%Y年%m月%d日 %H:%M").to_string(),
    }
}

/// Short day and time for the top bar: "Wed 25 Nov 14:05" / "Mi 25.11. 14:05" / "11月25日 周三 14:05".
pub fn clock(t: Time) -> String {
    clock_at(t.with_timezone(&Local), false)
}

/// `clock` with seconds, for the demo clock.
pub fn clock_seconds(t: Time) -> String {
    clock_at(t.with_timezone(&Local), true)
}

/// `clock` for a time already in some zone (a calendar's, say), with or without seconds.
pub fn clock_at<Z: chrono::TimeZone>(local: chrono::DateTime<Z>, seconds: bool) -> String
where
    Z::Offset: std::fmt::Display,
{
    use chrono::Datelike;
    let wd = local.weekday().num_days_from_monday() as usize;
    let hm = if seconds { "%H:%M:%S" } else { "%H:%M" };
    match lang() {
        Lang::En => local.format(&format!("%a %d %b {hm}")).to_string(),
        Lang::De => format!("{} {}", ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"][wd], local.format(&format!("%d.%m. {hm}"))),
        Lang::Zh => format!("{} {} {}", local.format("%m月%d日"), ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][wd], local.format(hm)),
    }
}

/// A duration in minutes, to the two largest units: "3 h 20 min" (English and German) /
/// "3小时20分钟".
pub fn duration(total: i64) -> String {
    let sign = if total < 0 { "-" } else { "" };
    let m = total.unsigned_abs();
    let (d, h, min) = (m / 1440, (m % 1440) / 60, m % 60);
    let l = lang();
    let (du, hu, mu, sep) = match l {
        Lang::En => (" d", " h", " min", " "),
        // German badges and tables are long already: the unit symbols keep them short.
        Lang::De => (" d", " h", " min", " "),
        Lang::Zh => ("天", "小时", "分钟", ""),
    };
    let body = if d > 0 {
        if h > 0 { format!("{d}{du}{sep}{h}{hu}") } else { format!("{d}{du}") }
    } else if h > 0 {
        if min > 0 { format!("{h}{hu}{sep}{min}{mu}") } else { format!("{h}{hu}") }
    } else {
        format!("{min}{mu}")
    };
    format!("{sign}{body}")
}

/// An age in the largest unit only, for table cells: "5m", "3h", "2d", "6w" and the like.
pub fn age(total_minutes: i64) -> String {
    let m = total_minutes.max(0);
    let (n, unit) = match m {
        0..=59 => (m, 0),
        60..=1439 => (m / 60, 1),
        1440..=20159 => (m / 1440, 2),
        _ => (m / 10080, 3),
    };
    let units = lang().pick(["m", "h", "d", "w"], [" min", " h", " d", " Wo."], ["分钟", "小时", "天", "周"]);
    format!("{n}{}", units[unit])
}

/// Just the date.
pub fn date(t: Time) -> String {
    let local = t.with_timezone(&Local);
    match lang() {
        Lang::En => local.format("%d %b %Y").to_string(),
        Lang::De => local.format("%d.%m.%Y").to_string(),
        Lang::Zh => local.format("%Y年%m月%d日").to_string(),
    }
}

pub fn iso(t: Time) -> String {
    t.to_rfc3339()
}

/// A number with `decimals` places and the language's decimal mark and digit grouping.
pub fn number(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let (group, mark) = match lang() {
        Lang::De => ('.', ','),
        _ => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{mark}{frac}")
    }
}

/// A share from 0 to 1 as a percentage: "42 %" in German, "42%" otherwise.
pub fn percent(share: f64) -> String {
    let n = number(share * 100.0, 0);
    match lang() {
        Lang::De => format!("{n} %"),
        _ => format!("{n}%"),
    }
}
