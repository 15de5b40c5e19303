//! Small pieces used by several pages.

pub mod badges;
pub mod demo_bar;
pub mod dialog;
pub mod sla_badge;
