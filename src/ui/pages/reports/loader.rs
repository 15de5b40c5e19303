//! Computing a KPI report without freezing the page: tickets and their histories are read a
//! chunk at a time in number order and fed to the accumulator, with a turn of the browser's
//! event loop between chunks. The chunk grows or shrinks so each one takes a few tens of
//! milliseconds. A run stops as soon as `alive` says it is no longer wanted (the period
//! changed, or a newer run started).

use gloo_timers::future::TimeoutFuture;

use crate::domain::desk::DeskConfig;
use crate::domain::kpi::{KpiAccumulator, KpiInputs, KpiReport};
use crate::domain::model::Time;
use crate::domain::portal::{deflection, PortalEventKind};
use crate::domain::reports::scope::may_count;
use crate::storage::{Db, StorageError};

/// What one report is about.
#[derive(Clone, Debug, PartialEq)]
pub struct Job {
    pub from: Time,
    pub to: Time,
    pub now: Time,
}

const FIRST_CHUNK: u32 = 200;
const MIN_CHUNK: u32 = 50;
const MAX_CHUNK: u32 = 4000;
/// Work per chunk, in milliseconds, that keeps the page responsive.
const TARGET_MS: f64 = 40.0;

fn clock_ms() -> f64 {
    js_sys::Date::now()
}

/// The deflection counts from the portal's activity log. A log that cannot be read means "no
/// portal data", not a failed report.
async fn portal_inputs(db: &Db, job: &Job) -> KpiInputs {
    let Ok(events) = db.portal_events_between(job.from, job.to.min(job.now)).await else {
        return KpiInputs::default();
    };
    let (deflected, _) = deflection(&events);
    let looked = events
        .iter()
        .filter(|e| matches!(e.kind, PortalEventKind::Search { .. } | PortalEventKind::ArticleViewed { .. }))
        .count();
    KpiInputs { deflections: deflected as u64, portal_searches_or_views: looked as u64 }
}

/// The report, or `None` when the run was called off. `progress(read, total)` is told after
/// every chunk.
pub async fn compute(
    db: Db,
    cfg: DeskConfig,
    job: Job,
    alive: impl Fn() -> bool,
    progress: impl Fn(u64, u64),
) -> Result<Option<KpiReport>, StorageError> {
    let total = u64::from(db.count_tickets().await?);
    let inputs = portal_inputs(&db, &job).await;
    let mut acc = KpiAccumulator::new(&cfg, job.from, job.to, job.now).with_inputs(inputs);
    let (mut after, mut read, mut chunk) = (0, 0u64, FIRST_CHUNK);
    loop {
        let started = clock_ms();
        let part = db.report_chunk(after, chunk, |t| may_count(t, job.from, job.to, job.now)).await?;
        if !alive() {
            return Ok(None);
        }
        let Some(last) = part.last else { break };
        for (t, events) in &part.tickets {
            acc.add(t, events);
        }
        after = last;
        read += part.read as u64;
        progress(read, total.max(read));
        let took = clock_ms() - started;
        chunk = if took < TARGET_MS / 2.0 {
            (chunk * 2).min(MAX_CHUNK)
        } else if took > TARGET_MS * 2.0 {
            (chunk / 2).max(MIN_CHUNK)
        } else {
            chunk
        };
        // Let the browser paint and handle input before the next chunk.
        TimeoutFuture::new(0).await;
        if !alive() {
            return Ok(None);
        }
    }
    Ok(Some(acc.finish()))
}
