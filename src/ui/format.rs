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
    use chrono::Datelike;
    let local = t.with_timezone(&Local);
    let wd = local.weekday().num_days_from_monday() as usize;
    match lang() {
        Lang::En => local.format("%a %d %b %H:%M").to_string(),
        Lang::De => format!("{} {}", ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"][wd], local.format("%d.%m. %H:%M")),
        Lang::Zh => format!("{} {} {}", local.format("%m月%d日"), ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][wd], local.format("%H:%M")),
    }
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
