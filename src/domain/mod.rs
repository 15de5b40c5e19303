//! Plain Rust: no web-sys, no storage, no clock. `now` is always a parameter.

pub mod article;
pub mod assignment;
pub mod backup;
pub mod calendar;
pub mod defaults;
pub mod demo;
pub mod demo_clock;
pub mod desk;
pub mod escalation;
pub mod humanize;
pub mod kpi;
pub mod markdown;
pub mod merge;
pub mod model;
pub mod priority;
pub mod queue;
pub mod rng;
pub mod simulate;
pub mod routing;
pub mod search;
pub mod sla;
pub mod sla_snapshot;
pub mod ticket;
pub mod timeline;
