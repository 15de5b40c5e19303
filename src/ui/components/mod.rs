//! Small pieces used by several pages.

pub mod badges;
