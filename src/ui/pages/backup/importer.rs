//! Importing a backup file, without the page: read it (checking the size first), open an
//! encrypted envelope, read the JSON in steps, compare with the desk, write in one transaction.

use std::sync::Arc;

use super::files::{self, Blob};
use super::job::Job;
use super::texts::t;
use crate::domain::backup::{plan_merge, apply_merge, Backup, MergePlan, Problem, MAX_BACKUP_BYTES};
use crate::domain::backup_stream::{Reader, Step};
use crate::storage::backup::{MergeWritten, Outcome, Progress, Snapshots, Stage};
use crate::storage::Db;
use crate::ui::crypto::{self, Sealed};
use crate::domain::model::Time;

/// An encrypted file is base64 (4 bytes per 3) in a small envelope.
pub const MAX_SEALED_BYTES: f64 = (MAX_BACKUP_BYTES as f64) * 4.0 / 3.0 + 65_536.0;
/// Bytes decoded per step of reading: a few tens of milliseconds of work.
const STEP_BYTES: usize = 2 * 1024 * 1024;

pub enum Loaded {
    Plain(Vec<u8>),
    Sealed(Sealed),
}

pub enum LoadError {
    TooBig { size: f64, limit: f64 },
    Read(String),
    Problems(Vec<Problem>),
}

/// Reads the file, refusing it before reading when it is too large.
pub async fn load(file: &Blob) -> Result<Loaded, LoadError> {
    let head = file.head(4096).await.map_err(LoadError::Read)?;
    let sealed = crypto::is_envelope(&head);
    let limit = if sealed { MAX_SEALED_BYTES } else { MAX_BACKUP_BYTES as f64 };
    if file.size() > limit {
        return Err(LoadError::TooBig { size: file.size(), limit });
    }
    let bytes = file.bytes().await.map_err(LoadError::Read)?;
    if sealed {
        crypto::open(&bytes).map(Loaded::Sealed).map_err(LoadError::Problems)
    } else {
        Ok(Loaded::Plain(bytes))
    }
}

/// Reads backup JSON a step at a time with progress; `None` when cancelled.
pub async fn read(bytes: &[u8], job: &Job) -> Option<Result<Backup, Vec<Problem>>> {
    let mut reader = Reader::new(bytes);
    loop {
        match reader.step(STEP_BYTES) {
            Step::Working { done, total } => {
                job.show(t().checking_file, done as usize, total as usize);
                files::yield_now().await;
                if job.cancelled() {
                    return None;
                }
            }
            Step::Done(result) => return Some(*result),
        }
    }
}

/// What the preview shows: the plan of a merge and the sizes of both sides.
#[derive(Clone)]
pub struct Preview {
    pub name: String,
    pub incoming: Arc<Backup>,
    pub plan: MergePlan,
    pub desk_tickets: usize,
    pub desk_events: usize,
    pub desk_articles: usize,
}

impl Preview {
    /// Desk tickets the file does not have: gone after "Replace everything".
    pub fn replace_removes(&self) -> usize {
        let added = self.plan.added.iter().filter(|r| r.kind == crate::domain::backup::RecordKind::Ticket).count();
        self.desk_tickets.saturating_sub(self.incoming.tickets.len().saturating_sub(added))
    }
}

/// Reads the desk and works out the merge plan; `Ok(None)` when cancelled.
pub async fn preview(db: &Db, now: Time, name: String, incoming: Arc<Backup>, job: &Job) -> Result<Option<Preview>, String> {
    let mut on = |p: Progress| {
        job.show((t().reading_tickets)(p.done, p.total), p.done, p.total);
        !job.cancelled()
    };
    let Some(current) = db.load_backup(now, &mut on).await.map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    job.step(t().comparing);
    files::yield_now().await;
    let plan = plan_merge(&current, &incoming);
    Ok(Some(Preview {
        name,
        desk_tickets: current.tickets.len(),
        desk_events: current.events.len(),
        desk_articles: current.articles.len(),
        incoming,
        plan,
    }))
}

fn progress(job: &Job) -> impl FnMut(Progress) -> bool + '_ {
    move |p: Progress| {
        match p.stage {
            Stage::Reading => job.show((t().reading_tickets)(p.done, p.total), p.done, p.total),
            Stage::Writing => job.show((t().writing_records)(p.done, p.total), p.done, p.total),
        }
        !job.cancelled()
    }
}

/// "Replace everything": one transaction; every ticket gets its SLA snapshot at `now`.
pub async fn replace(db: &Db, backup: &Backup, now: Time, job: &Job) -> Result<Outcome<()>, String> {
    let mut on = progress(job);
    db.replace_desk(backup, Snapshots::At(now), &mut on).await.map_err(|e| e.to_string())
}

/// "Merge": recomputed on the desk as it is inside the write transaction; refused if that
/// plan is not the one the person saw.
pub async fn merge(db: &Db, p: &Preview, now: Time, job: &Job) -> Result<Outcome<MergeWritten>, String> {
    let incoming = p.incoming.clone();
    let seen = p.plan.clone();
    let mut compute = move |current: &Backup| {
        let (merged, plan) = apply_merge(current, &incoming);
        if plan == seen {
            Ok(merged)
        } else {
            Err(t().desk_changed.to_string())
        }
    };
    let mut on = progress(job);
    db.merge_desk(now, &mut compute, &mut on).await.map_err(|e| e.to_string())
}
