//! Storage errors, worded for the person at the screen.

use crate::domain::model::Ticket;
use crate::domain::ticket::DomainError;

#[derive(Debug, Clone)]
pub enum StorageError {
    /// The browser refused to open the database (private mode, corrupt store, no IndexedDB).
    Open(String),
    /// Another tab holds an older version open; it must be closed before the upgrade can run.
    Blocked,
    /// The ticket changed in another tab since it was read: nothing was written.
    Conflict { current: Box<Ticket> },
    /// The storage quota is used up: nothing of this action was written.
    Quota,
    /// A stored record no longer parses: names the record and the reason.
    Corrupt { what: String, message: String },
    /// The domain refused the change (bad input); nothing was written.
    Invalid(DomainError),
    NotFound(String),
    /// Anything else the browser reported, with its own message.
    Browser(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Open(m) => write!(f, "The local database could not be opened: {m}"),
            StorageError::Blocked => write!(
                f,
                "Tierdesk was updated. Close the other Tierdesk tabs so the database can be upgraded."
            ),
            StorageError::Conflict { current } => write!(
                f,
                "Ticket {} was changed in another tab or window (now revision {}). Your change was not saved; review the new version and redo it.",
                current.reference(),
                current.rev
            ),
            StorageError::Quota => write!(
                f,
                "The browser's storage for this site is full, so nothing was saved. Export a backup, then delete old tickets or articles to make room."
            ),
            StorageError::Corrupt { what, message } => {
                write!(f, "Stored record {what} is damaged: {message}")
            }
            StorageError::Invalid(e) => write!(f, "{e}"),
            StorageError::NotFound(what) => write!(f, "{what} was not found"),
            StorageError::Browser(m) => write!(f, "The browser's database reported: {m}"),
        }
    }
}

impl From<DomainError> for StorageError {
    fn from(e: DomainError) -> Self {
        StorageError::Invalid(e)
    }
}

fn from_dom_name(name: &str, message: String) -> StorageError {
    match name {
        "QuotaExceededError" => StorageError::Quota,
        _ => StorageError::Browser(format!("{name}: {message}")),
    }
}

impl From<indexed_db_futures::error::Error> for StorageError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        use indexed_db_futures::error::{DomException, Error};
        match e {
            Error::DomException(DomException::Other(d)) => from_dom_name(&d.name(), d.message()),
            other => StorageError::Browser(other.to_string()),
        }
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StorageError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        StorageError::Open(e.to_string())
    }
}

impl From<wasm_bindgen::JsValue> for StorageError {
    fn from(v: wasm_bindgen::JsValue) -> Self {
        use wasm_bindgen::JsCast;
        match v.dyn_ref::<web_sys::DomException>() {
            Some(d) => from_dom_name(&d.name(), d.message()),
            None => StorageError::Browser(
                v.as_string()
                    .or_else(|| js_sys::JSON::stringify(&v).ok().map(String::from))
                    .unwrap_or_else(|| "unknown error".into()),
            ),
        }
    }
}

pub type Result<T> = std::result::Result<T, StorageError>;
