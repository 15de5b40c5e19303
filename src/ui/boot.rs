//! Starting the app: open the database (upgrading it if needed), load demo data into an empty
//! desk, and read what the first screen needs.

use std::rc::Rc;

use leptos::prelude::*;

use super::state::Desk;
use crate::domain::demo;
use crate::storage::{Db, StorageError, APP_DB, SCHEMA_VERSION};

/// What the page shows before (or instead of) the desk.
#[derive(Clone)]
pub enum Boot {
    Opening,
    /// Another tab holds an older schema open: the upgrade waits for it.
    Blocked,
    Ready(Desk),
    Failed(String),
    /// Another tab upgraded the schema: this tab's connection is closed.
    Outdated,
}

/// Tickets in the demo desk loaded on first run.
pub const DEMO_TICKETS: usize = 120;
pub const DEMO_SEED: u64 = 7;

/// The database name: `?db=name` in the URL selects another one (tests, a second desk).
pub fn db_name() -> String {
    let search = window().location().search().unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("db="))
        .filter(|n| !n.is_empty() && n.len() <= 64 && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map(|n| format!("{APP_DB}-{n}"))
        .unwrap_or_else(|| APP_DB.to_string())
}

pub async fn start(boot: RwSignal<Boot>) {
    let on_blocked: Rc<dyn Fn()> = Rc::new(move || boot.set(Boot::Blocked));
    let result = open(on_blocked).await;
    match result {
        Ok(desk) => {
            desk.db().on_version_change(move || boot.set(Boot::Outdated));
            boot.set(Boot::Ready(desk));
        }
        Err(e) => boot.set(Boot::Failed(e.to_string())),
    }
}

async fn open(on_blocked: Rc<dyn Fn()>) -> Result<Desk, StorageError> {
    let db = Db::open_with(&db_name(), SCHEMA_VERSION, on_blocked).await?;
    let now = chrono::Utc::now();
    if db.load_config().await?.is_none() {
        let backup = demo::generate(DEMO_SEED, DEMO_TICKETS, now);
        db.seed_if_empty(&backup).await?;
    }
    let config = db
        .load_config()
        .await?
        .ok_or_else(|| StorageError::NotFound("the desk settings".into()))?;
    let tickets = db.all_tickets().await?;
    let me: Option<String> = db.get_meta("me").await?;
    let me = me
        .filter(|id| config.agent(id).is_some())
        .or_else(|| config.agents.iter().find(|a| a.tiers.iter().any(|t| t.0 == 1)).map(|a| a.id.clone()))
        .or_else(|| config.agents.first().map(|a| a.id.clone()));
    Ok(Desk::new(db, config, tickets, me, now))
}
