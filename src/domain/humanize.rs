//! Durations in words people read at a glance ("3 h 20 min"), for badges and reports.

/// A whole number of minutes, rounded to the two largest units.
pub fn minutes(total: i64) -> String {
    let sign = if total < 0 { "-" } else { "" };
    let m = total.unsigned_abs();
    let (d, h, min) = (m / 1440, (m % 1440) / 60, m % 60);
    let body = if d > 0 {
        if h > 0 { format!("{d} d {h} h") } else { format!("{d} d") }
    } else if h > 0 {
        if min > 0 { format!("{h} h {min} min") } else { format!("{h} h") }
    } else {
        format!("{min} min")
    };
    format!("{sign}{body}")
}

/// The largest unit only: table cells ("5m", "3h", "2d", "6w").
pub fn short_age(total_minutes: i64) -> String {
    let m = total_minutes.max(0);
    match m {
        0..=59 => format!("{m}m"),
        60..=1439 => format!("{}h", m / 60),
        1440..=20159 => format!("{}d", m / 1440),
        _ => format!("{}w", m / 10080),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_reads_naturally() {
        assert_eq!(minutes(0), "0 min");
        assert_eq!(minutes(45), "45 min");
        assert_eq!(minutes(60), "1 h");
        assert_eq!(minutes(200), "3 h 20 min");
        assert_eq!(minutes(1440 + 240 + 7), "1 d 4 h");
        assert_eq!(minutes(2880), "2 d");
        assert_eq!(minutes(-90), "-1 h 30 min");
    }

    #[test]
    fn short_age_uses_the_largest_unit() {
        assert_eq!(short_age(-3), "0m");
        assert_eq!(short_age(59), "59m");
        assert_eq!(short_age(61), "1h");
        assert_eq!(short_age(1440 * 3), "3d");
        assert_eq!(short_age(10080 * 5), "5w");
    }
}
