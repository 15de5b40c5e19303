//! The demo clock: desk time that can pause, run faster than real time and jump ahead.
//! Plain arithmetic over two instants, so the page and the tests agree on it.

use serde::{Deserialize, Serialize};

use super::model::Time;

/// Desk time = `anchor_desk` + (real time since `anchor_real`) x `speed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoClock {
    pub anchor_real: Time,
    pub anchor_desk: Time,
    /// 0 = paused; 1, 60, 600 are the speeds the controls offer.
    pub speed: u32,
}

impl DemoClock {
    /// A paused clock showing `desk_time`.
    pub fn starting_at(desk_time: Time, real: Time) -> DemoClock {
        DemoClock { anchor_real: real, anchor_desk: desk_time, speed: 0 }
    }

    pub fn at(&self, real: Time) -> Time {
        let elapsed = (real - self.anchor_real).num_milliseconds().max(0);
        self.anchor_desk + chrono::Duration::milliseconds(elapsed.saturating_mul(i64::from(self.speed)))
    }

    /// Same desk time, new speed (re-anchored so desk time does not jump).
    pub fn with_speed(&self, speed: u32, real: Time) -> DemoClock {
        DemoClock { anchor_real: real, anchor_desk: self.at(real), speed }
    }

    /// Moves desk time to `to`, never backwards, keeping the speed.
    pub fn jump_to(&self, to: Time, real: Time) -> DemoClock {
        DemoClock { anchor_real: real, anchor_desk: to.max(self.at(real)), speed: self.speed }
    }
}

/// Where a demo starts: 09:00 UTC on the first weekday on or after `t`'s date, so the default
/// business-hours calendars are open and clocks visibly run.
pub fn business_morning(t: Time) -> Time {
    use chrono::{Datelike, Weekday};
    let mut day = t.date_naive();
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = day.succ_opt().unwrap_or(day);
    }
    let morning = day.and_hms_opt(9, 0, 0).map(|d| d.and_utc());
    morning.unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    fn real(s: i64) -> Time {
        Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap() + Duration::seconds(s)
    }

    fn desk() -> Time {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    #[test]
    fn paused_clock_stands_still_and_600x_runs_ten_minutes_a_second() {
        let c = DemoClock::starting_at(desk(), real(0));
        assert_eq!(c.at(real(100)), desk());
        let fast = c.with_speed(600, real(100));
        assert_eq!(fast.at(real(101)), desk() + Duration::minutes(10));
        assert_eq!(fast.at(real(103)), desk() + Duration::minutes(30));
    }

    #[test]
    fn changing_speed_keeps_desk_time_and_jumps_only_forward() {
        let c = DemoClock::starting_at(desk(), real(0)).with_speed(60, real(0));
        let slow = c.with_speed(1, real(10));
        assert_eq!(slow.at(real(10)), desk() + Duration::minutes(10));
        assert_eq!(slow.at(real(70)), desk() + Duration::minutes(11));
        let j = slow.jump_to(desk() + Duration::hours(2), real(70));
        assert_eq!(j.at(real(70)), desk() + Duration::hours(2));
        let back = j.jump_to(desk(), real(70));
        assert_eq!(back.at(real(70)), desk() + Duration::hours(2), "never backwards");
    }

    #[test]
    fn demos_start_on_a_weekday_morning() {
        // 2026-06-06 is a Saturday.
        let sat = Utc.with_ymd_and_hms(2026, 6, 6, 22, 15, 0).unwrap();
        assert_eq!(business_morning(sat), Utc.with_ymd_and_hms(2026, 6, 8, 9, 0, 0).unwrap());
        let wed = Utc.with_ymd_and_hms(2026, 6, 10, 17, 0, 0).unwrap();
        assert_eq!(business_morning(wed), Utc.with_ymd_and_hms(2026, 6, 10, 9, 0, 0).unwrap());
    }

    #[test]
    fn real_time_going_backwards_does_not_move_desk_time_back() {
        let c = DemoClock::starting_at(desk(), real(100)).with_speed(60, real(100));
        assert_eq!(c.at(real(50)), desk());
    }
}
