//! Leptos pages and components. Talks to storage through `state::Desk` actions and to the
//! domain directly; never to IndexedDB.

pub mod app;
mod app_texts;
mod boot;
mod automation;
mod clock;
mod components;
pub mod crypto;
mod errors;
mod format;
pub mod i18n;
mod ids;
mod keys;
pub mod offline;
mod kiosk;
pub mod labels;
mod pages;
mod route;
mod scenario;
mod state;
mod sync;

pub use app::App;
