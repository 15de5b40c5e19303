//! "Backup and move" (`#/backup`): export everything as one JSON file (optionally
//! encrypted), tickets as CSV, import a backup (merge or replace, all or nothing), and import
//! tickets from another help desk's CSV export.

use leptos::prelude::*;

mod csv_export;
mod csv_import;
mod export;
pub mod files;
mod import;
mod importer;
mod job;
mod texts;

pub use csv_export::ExportCsvButton;

use texts::t;

/// The message of a finished import, kept across the reload that follows it.
const DONE_KEY: &str = "tierdesk.backup.done";
/// How long its write took, in milliseconds (shown to the benchmark as `data-write-ms`).
const DONE_MS_KEY: &str = "tierdesk.backup.done-ms";

#[component]
pub fn BackupPage() -> impl IntoView {
    let done = files::take(DONE_KEY);
    let ms = files::take(DONE_MS_KEY);
    view! {
        <section class="page backup-page">
            <h1>{t().title}</h1>
            <p class="muted">{t().intro}</p>
            {done.map(|m| view! { <p class="notice backup-done" role="status" data-write-ms=ms>{m}</p> })}
            <div class="backup-grid">
                <export::ExportSection/>
                <csv_export::CsvExportSection/>
                <import::ImportSection/>
                <csv_import::CsvImportSection/>
            </div>
        </section>
    }
}

/// The page's name in the main navigation.
pub fn nav_label() -> &'static str {
    t().nav
}
