//! Plain Rust: no web-sys, no storage, no clock. `now` is always a parameter.

pub mod article;
pub mod desk;
pub mod model;
pub mod ticket;
