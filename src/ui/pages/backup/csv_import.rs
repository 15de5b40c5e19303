//! Tickets from another help desk's CSV export (Zendesk, Freshdesk, osTicket): the layout is
//! recognised from the header, each of our fields shows the column it reads and can be
//! changed, a preview shows the first rows as they will be read with each row's problems, and
//! the import is a merge into the desk in one transaction.

use std::sync::Arc;

use leptos::prelude::*;

use super::files::{self, Blob};
use super::import::finish_import;
use super::job::{Job, ProblemList, Progress};
use super::texts::{field_label, t};
use crate::domain::backup::{apply_merge, Backup, Problem};
use crate::domain::csv::{self, Field, ImportOptions, Layout, Mapping, Table, UnknownAgents};
use crate::domain::ticket::SeqIds;
use crate::domain::tz::Tz;
use crate::storage::backup::{Outcome, Stage};
use crate::ui::state::{use_desk, Desk};

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 8;
/// Largest CSV file read (about 200,000 tickets of a typical export).
const MAX_CSV_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

#[derive(Clone)]
struct Loaded {
    name: String,
    table: Arc<Table>,
    /// Event ids derive from the file's content, so importing the same file twice adds nothing.
    fingerprint: u64,
    note: Option<String>,
}

fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

async fn load(file: Blob) -> Result<Loaded, String> {
    if file.size() > MAX_CSV_BYTES {
        return Err((t().too_big)(&files::size(file.size()), &files::size(MAX_CSV_BYTES)));
    }
    let bytes = file.bytes().await.map_err(|e| (t().unreadable)(&e))?;
    let (table, note) = csv::read_bytes(&bytes).map_err(|e| (t().csv_unreadable)(&e.to_string()))?;
    Ok(Loaded { name: file.name(), table: Arc::new(table), fingerprint: fingerprint(&bytes), note })
}

fn options(unknown: UnknownAgents, tz: &str) -> ImportOptions {
    ImportOptions { unknown_agents: unknown, time_zone: tz.parse().unwrap_or(Tz::UTC), ..Default::default() }
}

/// Imports the rows as new tickets merged into the desk; numbered from the desk's next id
/// inside the write transaction. Returns the message to show.
async fn run(desk: Desk, file: Loaded, mapping: Mapping, opts: ImportOptions, job: Job) -> Result<Option<String>, String> {
    let now = desk.now.get_untracked();
    let mut outcome = None;
    let mut compute = |current: &Backup| -> Result<Backup, String> {
        let mut ids = SeqIds::new(&format!("csv-{:016x}-", file.fingerprint));
        let first = current.meta.next_ticket_id;
        let res = csv::import(&file.table, &mapping, &current.config, now, first, &mut ids, &opts)
            .map_err(|p| p.first().map(Problem::to_string).unwrap_or_default())?;
        let mut cfg = current.config.clone();
        cfg.agents.extend(res.agents_created.iter().cloned());
        let incoming = Backup::new(now, cfg, res.tickets, res.events, vec![], vec![], res.next_ticket_id);
        let (merged, plan) = apply_merge(current, &incoming);
        outcome = Some((plan.added.len(), res.skipped_rows));
        Ok(merged)
    };
    let mut on = |p: crate::storage::backup::Progress| {
        let label = match p.stage {
            Stage::Reading => (t().reading_tickets)(p.done, p.total),
            Stage::Writing => (t().writing_records)(p.done, p.total),
        };
        job.show(label, p.done, p.total);
        !job.cancelled()
    };
    match desk.db().merge_desk(now, &mut compute, &mut on).await.map_err(|e| e.to_string())? {
        Outcome::Written(w) => {
            let (_, skipped) = outcome.unwrap_or((0, 0));
            Ok(Some((t().csv_imported)(w.tickets, skipped, &file.name)))
        }
        Outcome::Cancelled => Ok(None),
        Outcome::Refused(reason) => Err(reason),
    }
}

#[component]
pub fn CsvImportSection() -> impl IntoView {
    let desk = use_desk();
    let job = Job::new();
    let file = RwSignal::new(None::<Loaded>);
    let mapping = RwSignal::new(Mapping::new(Layout::Zendesk));
    let detected = RwSignal::new(None::<Layout>);
    let unknown = RwSignal::new(UnknownAgents::Create);
    let tz = RwSignal::new("UTC".to_string());
    let message = RwSignal::new(None::<(String, bool)>);

    let take = move |f: Blob| {
        message.set(None);
        file.set(None);
        leptos::task::spawn_local(async move {
            match load(f).await {
                Ok(l) => {
                    let layout = csv::detect_layout(&l.table.headers);
                    detected.set(layout);
                    mapping.set(csv::default_mapping(layout.unwrap_or(Layout::Zendesk), &l.table.headers));
                    file.set(Some(l));
                }
                Err(e) => message.set(Some((e, true))),
            }
        });
    };
    let pick = move |ev: leptos::ev::Event| {
        let f = files::first_file(&ev);
        files::reset_input(&ev);
        if let Some(f) = f {
            take(f);
        }
    };
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(f) = files::first_file(&ev) {
            take(f);
        }
    };
    let opts = move || options(unknown.get(), &tz.get());
    // A dry run with the current mapping: how many rows import, and every problem.
    let dry = Memo::new(move |_| {
        let f = file.get()?;
        let cfg = desk.config.get_untracked();
        let now = desk.now.get_untracked();
        let r = csv::import(&f.table, &mapping.get(), &cfg, now, 1, &mut SeqIds::new("dry-"), &opts());
        Some(r.map(|r| (r.tickets.len(), r.problems, r.warnings)))
    });
    let start = move |_| {
        let (Some(f), false) = (file.get_untracked(), job.running.get_untracked()) else { return };
        job.cancel_note.set(t().cancel_write_note);
        job.start(t().writing);
        let m = mapping.get_untracked();
        let o = opts();
        leptos::task::spawn_local(async move {
            let r = run(desk, f, m, o, job).await;
            job.finish();
            match r {
                Ok(Some(msg)) => finish_import(&msg),
                Ok(None) => message.set(Some((t().import_cancelled.to_string(), false))),
                Err(e) => message.set(Some(((t().import_failed)(&e), true))),
            }
        });
    };

    view! {
        <section class="bk-card backup-section" aria-labelledby="bk-csv-in">
            <h2 id="bk-csv-in">{t().csv_import_title}</h2>
            <p class="muted">{t().csv_import_intro}</p>
            <div class="bk-drop" on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=drop>
                <label for="bk-csv-file">{t().choose_csv}</label>
                <input id="bk-csv-file" type="file" accept=".csv,text/csv" on:change=pick disabled=move || job.running.get() />
            </div>
            {move || message.get().map(|(m, bad)| view! { <p class=if bad { "error-text" } else { "bk-ok" } role=if bad { "alert" } else { "status" }>{m}</p> })}
            {move || file.get().map(|f| {
                let headers = f.table.headers.clone();
                view! {
                    <p>{(t().csv_loaded)(&f.name, f.table.rows.len())}</p>
                    {f.note.clone().map(|n| view! { <p class="muted">{n}</p> })}
                    <div class="toolbar">
                        <label for="bk-layout">{t().layout}</label>
                        <select id="bk-layout" on:change=move |ev| {
                            let l = Layout::parse(&event_target_value(&ev)).unwrap_or(Layout::Zendesk);
                            let h = file.with_untracked(|f| f.as_ref().map(|f| f.table.headers.clone())).unwrap_or_default();
                            mapping.set(csv::default_mapping(l, &h));
                        }>
                            {Layout::ALL.into_iter().map(|l| view! {
                                <option value=l.as_str() selected=move || mapping.with(|m| m.layout == l)>{l.label()}</option>
                            }).collect_view()}
                        </select>
                        <span class="muted">{move || match detected.get() {
                            Some(l) => (t().detected)(l.label()),
                            None => t().not_detected.to_string(),
                        }}</span>
                    </div>
                    <MappingTable headers=headers mapping=mapping/>
                    <div class="toolbar">
                        <label for="bk-tz">{t().time_zone}</label>
                        <select id="bk-tz" on:change=move |ev| tz.set(event_target_value(&ev))>
                            {std::iter::once("UTC").chain(Tz::names().filter(|n| *n != "UTC")).map(|n| view! {
                                <option value=n selected=move || tz.with(|z| z == n)>{n}</option>
                            }).collect_view()}
                        </select>
                        <label for="bk-unknown">{t().unknown_agents}</label>
                        <select id="bk-unknown" on:change=move |ev| unknown.set(if event_target_value(&ev) == "unassign" { UnknownAgents::Unassign } else { UnknownAgents::Create })>
                            <option value="create">{t().unknown_create}</option>
                            <option value="unassign">{t().unknown_unassign}</option>
                        </select>
                    </div>
                    <PreviewTable file=file mapping=mapping opts=Signal::derive(opts)/>
                }
            })}
            {move || dry.get().map(|r| match r {
                Ok((n, problems, _)) => view! {
                    {(!problems.is_empty()).then(|| view! { <ProblemList problems=problems.clone() title=(t().rows_skipped)(problems.len())/> })}
                    <div class="actions">
                        <button type="button" class="primary" on:click=start disabled=move || job.running.get() || n == 0>
                            {(t().import_n_tickets)(n)}
                        </button>
                    </div>
                }.into_any(),
                Err(problems) => view! { <ProblemList problems=problems title=t().mapping_unusable.to_string()/> }.into_any(),
            })}
            <Progress job=job name=t().import_progress/>
        </section>
    }
}

/// One select per field, showing which column it reads.
#[component]
fn MappingTable(headers: Vec<String>, mapping: RwSignal<Mapping>) -> impl IntoView {
    view! {
        <table class="bk-mapping">
            <caption>{t().mapping_caption}</caption>
            <thead><tr><th scope="col">{t().field}</th><th scope="col">{t().column}</th></tr></thead>
            <tbody>
                {Field::ALL.into_iter().map(|field| {
                    let id = format!("bk-map-{}", field_key(field));
                    let headers = headers.clone();
                    view! {
                        <tr>
                            <th scope="row"><label for=id.clone()>{field_label(field)}</label></th>
                            <td>
                                <select id=id on:change=move |ev| {
                                    let col = event_target_value(&ev).parse::<usize>().ok();
                                    mapping.update(|m| m.set(field, col));
                                }>
                                    <option value="" selected=move || mapping.with(|m| m.get(field).is_none())>{t().not_imported}</option>
                                    {headers.iter().enumerate().map(|(i, h)| view! {
                                        <option value=i.to_string() selected=move || mapping.with(|m| m.get(field) == Some(i))>{h.clone()}</option>
                                    }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn field_key(f: Field) -> String {
    serde_json::to_value(f).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The first rows as they will be read, with each row's problems.
#[component]
fn PreviewTable(file: RwSignal<Option<Loaded>>, mapping: RwSignal<Mapping>, opts: Signal<ImportOptions>) -> impl IntoView {
    let desk = use_desk();
    let rows = move || {
        let f = file.get()?;
        let m = mapping.get();
        Some((m.columns.keys().copied().collect::<Vec<_>>(), csv::preview(&f.table, &m, &opts.get(), desk.now.get_untracked(), PREVIEW_ROWS)))
    };
    move || rows().map(|(fields, rows)| view! {
        <div class="bk-scroll">
            <table class="bk-csv-preview">
                <caption>{t().preview_caption}</caption>
                <thead><tr>
                    <th scope="col">{t().row}</th>
                    {fields.iter().map(|f| view! { <th scope="col">{field_label(*f)}</th> }).collect_view()}
                    <th scope="col">{t().problems}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let bad = !r.problems.is_empty();
                        view! {
                            <tr class:bk-bad-row=bad>
                                <th scope="row">{r.row}</th>
                                {r.cells.into_iter().map(|c| view! { <td title=c.raw.clone()>{c.value}</td> }).collect_view()}
                                <td>
                                    {if bad { "✗ " } else { "✓ " }}
                                    {r.problems.iter().chain(r.warnings.iter()).map(|p| p.message.clone()).collect::<Vec<_>>().join(" · ")}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    })
}
