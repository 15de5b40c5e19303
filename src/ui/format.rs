//! Showing times in the browser's time zone.

use chrono::Local;

use crate::domain::model::Time;

pub fn datetime(t: Time) -> String {
    t.with_timezone(&Local).format("%d %b %Y %H:%M").to_string()
}

pub fn iso(t: Time) -> String {
    t.to_rfc3339()
}
