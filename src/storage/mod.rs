//! The only code that talks to IndexedDB. Every user action is one transaction, and inside a
//! transaction nothing is awaited but IndexedDB requests (anything else lets the browser
//! commit the transaction early): callers compute first, then hand the results here.

mod articles;
pub mod backup;
mod bulk;
mod config;
mod error;
mod portal;
mod records;
pub mod recovery;
mod reports;
pub mod schema;
mod tickets;

pub use articles::{ArticleChange, StoredIndex, ARTICLE_CONFLICT, ARTICLE_ID_TAKEN};
pub use reports::ReportChunk;
pub use tickets::TicketChange;

use std::rc::Rc;

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use error::{Result, StorageError};
pub use schema::SCHEMA_VERSION;

/// The database the app uses; tests use their own names.
pub const APP_DB: &str = "tierdesk";

/// An open connection to one Tierdesk database.
#[derive(Clone)]
pub struct Db {
    db: Database,
    name: String,
}

impl Db {
    /// Opens (creating or upgrading as needed) the database at the current schema version.
    pub async fn open(name: &str) -> Result<Db> {
        Self::open_with(name, SCHEMA_VERSION, Rc::new(|| {})).await
    }

    /// Opens at an explicit schema version. `on_blocked` runs when another tab holds an
    /// older version open and the upgrade has to wait for it.
    pub async fn open_with(name: &str, version: u32, on_blocked: Rc<dyn Fn()>) -> Result<Db> {
        schema::upgrade(name, version, on_blocked).await.map_err(|e| match e {
            StorageError::Open(m) if m.contains("VersionError") => StorageError::Open(
                "the data here was written by a newer version of Tierdesk; reload the page to get it".into(),
            ),
            other => other,
        })?;
        let db = Database::open(name).with_version(version).await?;
        Ok(Db {
            db,
            name: name.to_string(),
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    /// Runs `f` when another tab wants to upgrade the schema. The connection is closed first so
    /// the other tab can go on; this tab must then reload.
    pub fn on_version_change(&self, f: impl Fn() + 'static) {
        let raw: web_sys::IdbDatabase = self.db.as_sys().clone().unchecked_into();
        let closer = raw.clone();
        let cb = Closure::<dyn FnMut()>::new(move || {
            closer.close();
            f();
        });
        raw.set_onversionchange(Some(cb.as_ref().unchecked_ref()));
        // Lives as long as the page: one per connection.
        cb.forget();
    }

    pub fn close(self) {
        self.db.close();
    }

    /// Deletes a whole database (tests, "start fresh").
    pub async fn delete(name: &str) -> Result<()> {
        Database::delete_by_name(name)?.await?;
        Ok(())
    }

    pub(crate) fn raw(&self) -> &Database {
        &self.db
    }
}


