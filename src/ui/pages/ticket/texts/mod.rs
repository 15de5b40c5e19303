//! Texts of the ticket page in each language: the page and its main column (`page`), the
//! side panel (`side`) and the timeline's sentences (`summary`). A missing text does not build.

pub mod page;
pub mod side;
pub mod summary;
