//! Plain Rust: no web-sys, no storage, no clock. `now` is always a parameter.

pub mod article;
pub mod assignment;
pub mod backup;
pub mod calendar;
pub mod defaults;
pub mod demo;
pub mod desk;
pub mod escalation;
pub mod humanize;
pub mod model;
pub mod priority;
pub mod rng;
pub mod routing;
pub mod sla;
pub mod ticket;
pub mod timeline;
