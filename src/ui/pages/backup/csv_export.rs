//! Tickets of a queue view as CSV (RFC 4180, UTF-8, optional byte order mark for Excel), one
//! row per ticket in the view's order, through `domain::csv::tickets_csv_with_events`.

use std::collections::{HashMap, HashSet};

use js_sys::Array;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use super::files::{self, Blob};
use super::job::{Job, Progress};
use super::texts::t;
use crate::domain::csv::{tickets_csv, tickets_csv_with_events, CsvOptions};
use crate::domain::model::{Event, TicketId};
use crate::storage::backup::READ_BATCH;
use crate::ui::state::{use_desk, Desk};

/// Up to this many tickets are read one by one; more are read in batches of the whole desk.
const FEW: usize = 500;

/// The CSV of `ids`, in that order; `Ok(None)` when cancelled.
pub async fn csv_of(desk: Desk, ids: &[TicketId], bom: bool, job: &Job) -> Result<Option<Blob>, String> {
    let cfg = desk.config.get_untracked();
    let pieces = Array::new();
    if ids.len() <= FEW {
        let loaded = desk.db().tickets_with_events(ids).await.map_err(|e| e.to_string())?;
        let tickets: Vec<_> = loaded.iter().map(|(t, _)| t.clone()).collect();
        let events: Vec<Event> = loaded.into_iter().flat_map(|(_, e)| e).collect();
        pieces.push(&JsValue::from_str(&tickets_csv_with_events(&tickets, &events, &cfg, CsvOptions { bom })));
        return Blob::of(&pieces, "text/csv;charset=utf-8").map(Some);
    }
    let header = tickets_csv(&[], &cfg, CsvOptions { bom });
    let plain_header = tickets_csv(&[], &cfg, CsvOptions { bom: false });
    let wanted: HashSet<TicketId> = ids.iter().copied().collect();
    let mut rows: HashMap<TicketId, String> = HashMap::with_capacity(ids.len());
    let mut each = |_: &crate::storage::backup::DeskHead, b: crate::storage::backup::Batch, p: crate::storage::backup::Progress| {
        // Events come sorted by ticket: one slice per ticket.
        let mut spans: HashMap<TicketId, (usize, usize)> = HashMap::new();
        for (i, e) in b.events.iter().enumerate() {
            spans.entry(e.ticket).and_modify(|s| s.1 = i + 1).or_insert((i, i + 1));
        }
        for tk in b.tickets.iter().filter(|tk| wanted.contains(&tk.id)) {
            let (a, z) = spans.get(&tk.id).copied().unwrap_or((0, 0));
            let one = tickets_csv_with_events(std::slice::from_ref(tk), &b.events[a..z], &cfg, CsvOptions { bom: false });
            rows.insert(tk.id, one.strip_prefix(&plain_header).unwrap_or(&one).to_string());
        }
        job.show((t().reading_tickets)(p.done, p.total), p.done, p.total);
        !job.cancelled()
    };
    if desk.db().read_desk(READ_BATCH, &mut each).await.map_err(|e| e.to_string())?.is_none() {
        return Ok(None);
    }
    pieces.push(&JsValue::from_str(&header));
    let mut chunk = String::new();
    for id in ids {
        if let Some(r) = rows.remove(id) {
            chunk.push_str(&r);
        }
        if chunk.len() > 1 << 20 {
            pieces.push(&JsValue::from_str(&std::mem::take(&mut chunk)));
        }
    }
    pieces.push(&JsValue::from_str(&chunk));
    Blob::of(&pieces, "text/csv;charset=utf-8").map(Some)
}

/// Exports `ids` as a CSV download named after `what`, telling the person how it went.
pub async fn download_csv(desk: Desk, ids: Vec<TicketId>, what: String, bom: bool, job: Job) -> Result<String, String> {
    job.cancel_note.set(t().cancel_export_note);
    job.start(t().reading_desk);
    let result = csv_of(desk, &ids, bom, &job).await;
    job.finish();
    match result? {
        None => Ok(t().export_cancelled.to_string()),
        Some(blob) => {
            let safe: String = what.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect();
            let name = format!("tierdesk-{safe}-{}.csv", files::stamp(desk.now.get_untracked()));
            files::download(&blob, &name)?;
            Ok((t().csv_exported)(ids.len(), &files::size(blob.size())))
        }
    }
}

#[component]
pub fn CsvExportSection() -> impl IntoView {
    let desk = use_desk();
    let job = Job::new();
    let view_id = RwSignal::new("all".to_string());
    let bom = RwSignal::new(true);
    let message = RwSignal::new(None::<(String, bool)>);
    let views = move || {
        let now = desk.now.get();
        desk.queue.with(|q| {
            q.views().iter().enumerate().map(|(i, v)| (v.id.clone(), v.name.clone(), q.count(i, now))).collect::<Vec<_>>()
        })
    };
    let run = move |_| {
        if job.running.get_untracked() {
            return;
        }
        let now = desk.now.get_untracked();
        let id = view_id.get_untracked();
        let ids = desk.queue.with_untracked(|q| q.views().iter().find(|v| v.id == id).map(|v| q.ids(&v.filter, v.sort, now)));
        let Some(ids) = ids else { return };
        message.set(None);
        leptos::task::spawn_local(async move {
            let r = download_csv(desk, ids, id, bom.get_untracked(), job).await;
            message.set(Some(match r {
                Ok(m) => (m, false),
                Err(e) => ((t().export_failed)(&e), true),
            }));
        });
    };
    view! {
        <section class="bk-card backup-section" aria-labelledby="bk-csv-out">
            <h2 id="bk-csv-out">{t().csv_export_title}</h2>
            <p class="muted">{t().csv_export_intro}</p>
            <div class="toolbar">
                <label for="bk-view">{t().view}</label>
                <select id="bk-view" on:change=move |ev| view_id.set(event_target_value(&ev)) prop:value=view_id>
                    {move || views().into_iter().map(|(id, name, n)| {
                        let selected = id == view_id.get_untracked();
                        view! { <option value=id selected=selected>{format!("{name} ({n})")}</option> }
                    }).collect_view()}
                </select>
                <label class="bk-check">
                    <input type="checkbox" prop:checked=bom on:change=move |ev| bom.set(event_target_checked(&ev)) />
                    {t().bom}
                </label>
                <button type="button" class="primary" on:click=run disabled=move || job.running.get()>{t().csv_export_button}</button>
            </div>
            <Progress job=job name=t().export_progress/>
            {move || message.get().map(|(m, bad)| view! { <p class=if bad { "error-text" } else { "bk-ok" } role=if bad { "alert" } else { "status" }>{m}</p> })}
        </section>
    }
}

/// "Export CSV" for a queue's toolbar: the selected tickets, or else every ticket the queue
/// shows (`matching` gives the view's id and its tickets in order).
#[component]
pub fn ExportCsvButton(selected: RwSignal<Vec<TicketId>>, #[prop(into)] matching: Callback<(), (String, Vec<TicketId>)>) -> impl IntoView {
    let desk = use_desk();
    let job = Job::new();
    let click = move |_| {
        if job.running.get_untracked() {
            return;
        }
        let (what, all) = matching.run(());
        let chosen = selected.get_untracked();
        let (what, ids) = if chosen.is_empty() { (what, all) } else { ("selected".to_string(), chosen) };
        leptos::task::spawn_local(async move {
            match download_csv(desk, ids, what, true, job).await {
                Ok(m) => desk.say(m),
                Err(e) => desk.fail((t().export_failed)(&e)),
            }
        });
    };
    view! {
        <button type="button" class="export-csv" on:click=click disabled=move || job.running.get() aria-busy=move || job.running.get().to_string()>
            {move || match selected.with(Vec::len) {
                0 => t().csv_export_button.to_string(),
                n => (t().csv_selected)(n),
            }}
        </button>
    }
}
