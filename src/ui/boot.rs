//! Starting the app: open the database (upgrading it if needed), load demo data into an empty
//! desk, and read what the first screen needs.

use std::rc::Rc;

use leptos::prelude::*;

use super::state::Desk;
use crate::domain::assignment::Workload;
use crate::domain::demo;
use crate::domain::demo_clock::{business_morning, DemoClock};
use crate::domain::queue::{builtin_views, QueueIndex, View};
use crate::domain::sla_snapshot::snapshot_all;
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
pub const DEMO_TICKETS: usize = 150;
pub const DEMO_SEED: u64 = 7;

fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().unwrap_or_default();
    search.trim_start_matches('?').split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        (k == name).then(|| v.to_string())
    })
}

/// Demo mode (`?demo` in the URL): a database of its own and the demo clock. Leaving it
/// leaves the real desk exactly as it was.
pub fn demo_mode() -> bool {
    query_param("demo").is_some()
}

/// The database name: `?db=name` in the URL selects another one (tests, a second desk).
pub fn db_name() -> String {
    let base = query_param("db")
        .filter(|n| !n.is_empty() && n.len() <= 64 && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .map(|n| format!("{APP_DB}-{n}"))
        .unwrap_or_else(|| APP_DB.to_string());
    if demo_mode() {
        format!("{base}-demo")
    } else {
        base
    }
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
    let real = chrono::Utc::now();
    let demo = if demo_mode() {
        let saved: Option<DemoClock> = db.get_meta("demo_clock").await?;
        Some(saved.unwrap_or_else(|| DemoClock::starting_at(business_morning(real), real)))
    } else {
        None
    };
    let now = demo.map(|c| c.at(real)).unwrap_or(real);
    if db.load_config().await?.is_none() {
        let backup = demo::generate(DEMO_SEED, DEMO_TICKETS, now);
        let sla = snapshot_all(&backup.config, &backup.tickets, &backup.events, now);
        db.seed_if_empty(&backup, &sla).await?;
    }
    let config = db
        .load_config()
        .await?
        .ok_or_else(|| StorageError::NotFound("the desk settings".into()))?;
    let rows = db.all_rows().await?;
    let me: Option<String> = db.get_meta::<Option<String>>("me").await?.flatten();
    let me = me
        .filter(|id| config.agent(id).is_some())
        .or_else(|| config.agents.iter().find(|a| a.tiers.iter().any(|t| t.0 == 1)).map(|a| a.id.clone()))
        .or_else(|| config.agents.first().map(|a| a.id.clone()));
    let saved: Vec<View> = db.get_meta("views").await?.unwrap_or_default();
    let mut views = builtin_views();
    views.extend(saved);
    let me_agent = me.as_deref().and_then(|id| config.agent(id).cloned());

    let mut workload = Workload::default();
    for r in rows.iter().filter(|r| r.is_open() && matches!(r.status, crate::domain::model::Status::New | crate::domain::model::Status::Open)) {
        if let Some(a) = &r.assignee {
            workload.agents.entry(a.clone()).or_default().open += 1;
        }
    }
    let agent_ids: Vec<String> = config.agents.iter().map(|a| a.id.clone()).collect();
    for (agent, last) in db.last_assignments(&agent_ids).await? {
        workload.agents.entry(agent).or_default().last_assigned = last;
    }
    let queue = QueueIndex::new(rows, views, me_agent);
    if let Some(clock) = demo {
        db.set_meta("demo_clock", &clock).await?;
    }
    Ok(Desk::new(db, config, queue, workload, me, now, demo))
}
