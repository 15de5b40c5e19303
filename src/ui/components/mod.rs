//! Small pieces used by several pages.

pub mod badges;
pub mod charts;
pub mod demo_bar;
pub mod dialog;
pub mod highlight;
pub mod markdown;
pub mod sla_badge;
mod texts;
