//! Tierdesk: a tiered help desk that runs entirely in the browser.
//!
//! Layers, imports pointing down only: `ui` -> `storage` -> `domain`.

pub mod domain;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
