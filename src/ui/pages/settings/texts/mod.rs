//! Texts of the settings sections in each language, one module per group of sections (a
//! missing text does not build).

pub mod calendars;
pub mod people;
pub mod routing;
pub mod setup;
pub mod shell;
pub mod who;
