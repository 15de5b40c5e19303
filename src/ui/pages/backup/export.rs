//! "Export everything": the whole desk as one backup file, read in batches from one
//! read-only transaction (`Db::export_text`) into a Blob of pieces, optionally encrypted.

use js_sys::Array;
use leptos::prelude::*;

use super::files::{self, Blob};
use super::job::{Job, Progress};
use super::texts::t;
use crate::domain::backup::Counts;
use crate::domain::model::Time;
use crate::storage::Db;
use crate::ui::crypto::{self, CryptoError};
use crate::ui::state::use_desk;

/// What an export produced.
pub struct Exported {
    pub blob: Blob,
    pub counts: Counts,
}

#[derive(Debug)]
pub enum ExportError {
    Cancelled,
    Failed(String),
}

/// The desk as a backup Blob (same bytes as `backup::to_json`). `on(done, total)` follows
/// the reading; returning false stops.
pub async fn export_desk(db: &Db, exported_at: Time, on: &mut dyn FnMut(usize, usize) -> bool) -> Result<Exported, ExportError> {
    let mut progress = |p: crate::storage::backup::Progress| on(p.done, p.total);
    let text = match db.export_text(exported_at, &mut progress).await {
        Ok(Some(x)) => x,
        Ok(None) => return Err(ExportError::Cancelled),
        Err(e) => return Err(ExportError::Failed(e.to_string())),
    };
    let pieces: Array = text.pieces.into_iter().collect();
    let blob = Blob::of(&pieces, "application/json").map_err(ExportError::Failed)?;
    Ok(Exported { blob, counts: text.counts })
}

/// Encrypts a finished export into an envelope Blob.
pub async fn seal(blob: &Blob, passphrase: &str, on: &mut dyn FnMut(usize, usize) -> bool) -> Result<Blob, ExportError> {
    let plain = blob.buffer().await.map_err(ExportError::Failed)?;
    let pieces = crypto::encrypt(&plain, passphrase, on).await.map_err(|e| match e {
        CryptoError::Cancelled => ExportError::Cancelled,
        CryptoError::Unavailable => ExportError::Failed(t().crypto_unavailable.to_string()),
        other => ExportError::Failed(other.to_string()),
    })?;
    Blob::of(&pieces, "application/json").map_err(ExportError::Failed)
}

#[component]
pub fn ExportSection() -> impl IntoView {
    let desk = use_desk();
    let job = Job::new();
    let pass = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let mismatch = move || !pass.with(String::is_empty) && pass.get() != again.get();

    let run = move |_| {
        if job.running.get_untracked() || mismatch() {
            return;
        }
        error.set(None);
        done.set(None);
        job.cancel_note.set(t().cancel_export_note);
        job.start(t().reading_desk);
        let passphrase = pass.get_untracked();
        leptos::task::spawn_local(async move {
            let now = desk.now.get_untracked();
            let mut on = |d: usize, n: usize| {
                job.show((t().reading_tickets)(d, n), d, n);
                !job.cancelled()
            };
            let result = match export_desk(&desk.db(), now, &mut on).await {
                Ok(x) if passphrase.is_empty() => Ok((x.blob, x.counts, false)),
                Ok(x) => {
                    job.step(t().encrypting);
                    let mut on = |d: usize, n: usize| {
                        job.show(t().encrypting, d, n);
                        !job.cancelled()
                    };
                    seal(&x.blob, &passphrase, &mut on).await.map(|b| (b, x.counts, true))
                }
                Err(e) => Err(e),
            };
            job.finish();
            match result {
                Ok((blob, counts, sealed)) => {
                    let name = format!("tierdesk-backup-{}{}.json", files::stamp(now), if sealed { ".encrypted" } else { "" });
                    match files::download(&blob, &name) {
                        Ok(()) => done.set(Some((t().exported)(&counts, &files::size(blob.size()), sealed))),
                        Err(e) => error.set(Some(e)),
                    }
                }
                Err(ExportError::Cancelled) => done.set(Some(t().export_cancelled.to_string())),
                Err(ExportError::Failed(e)) => error.set(Some((t().export_failed)(&e))),
            }
        });
    };

    view! {
        <section class="bk-card backup-section" aria-labelledby="bk-export">
            <h2 id="bk-export">{t().export_title}</h2>
            <p class="muted">{t().export_intro}</p>
            <div class="form bk-narrow">
                <label for="bk-pass">{t().passphrase_optional}</label>
                <input id="bk-pass" type="password" autocomplete="new-password" prop:value=pass
                    on:input=move |ev| pass.set(event_target_value(&ev)) />
                <Show when=move || !pass.with(String::is_empty)>
                    <label for="bk-pass2">{t().passphrase_again}</label>
                    <input id="bk-pass2" type="password" autocomplete="new-password" prop:value=again
                        aria-invalid=move || mismatch().to_string()
                        on:input=move |ev| again.set(event_target_value(&ev)) />
                    <Show when=mismatch>
                        <p class="field-error" role="alert">{t().passphrases_differ}</p>
                    </Show>
                    <p class="bk-hint">{t().passphrase_hint}</p>
                </Show>
            </div>
            <div class="actions">
                <button type="button" class="primary" on:click=run disabled=move || job.running.get() || mismatch()>
                    {t().export_button}
                </button>
            </div>
            <Progress job=job name=t().export_progress/>
            {move || done.get().map(|m| view! { <p class="bk-ok" role="status">{m}</p> })}
            {move || error.get().map(|m| view! { <p class="error-text" role="alert">{m}</p> })}
        </section>
    }
}
