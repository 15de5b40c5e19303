//! Leptos pages and components. Talks to storage through `state::Desk` actions and to the
//! domain directly; never to IndexedDB.

pub mod app;
mod boot;
mod automation;
mod clock;
mod components;
pub mod crypto;
mod format;
pub mod i18n;
mod ids;
mod keys;
mod kiosk;
pub mod labels;
mod pages;
mod route;
mod scenario;
mod state;
mod sync;

pub use app::App;
