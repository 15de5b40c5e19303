//! Leptos pages and components. Talks to storage through `state::Desk` actions and to the
//! domain directly; never to IndexedDB.

pub mod app;
mod boot;
mod automation;
mod clock;
mod components;
mod format;
mod ids;
mod keys;
mod pages;
mod route;
mod state;

pub use app::App;
