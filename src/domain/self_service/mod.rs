//! The requester's side of the desk (Tier 0): what the self-service portal and the kiosk
//! decide without a browser, so it can be tested natively.
//!
//! - [`lookup`]: finding a ticket by its reference and the requester's e-mail or name.
//! - [`messages`]: the public part of a ticket's history, and whether a reply is still possible.
//! - [`catalog_form`]: checking a service-catalog form and turning it into a new ticket.
//! - [`articles`]: public only, language order, categories, popular and related articles.
//! - [`deflection`]: when a suggested article counts as having solved the request.
//! - [`kiosk_pin`]: the stored form of the kiosk PIN and its constant-time check.

pub mod articles;
pub mod catalog_form;
pub mod deflection;
pub mod kiosk_pin;
pub mod lookup;
pub mod messages;
