//! "Import a backup": pick or drop a file, passphrase if it is encrypted, every problem with
//! its path, a preview of what changes, then Merge or Replace everything in one transaction.

use std::sync::Arc;

use leptos::prelude::*;

use super::files::{self, Blob};
use super::importer::{self, LoadError, Loaded, Preview};
use super::job::{Job, ProblemList, Progress};
use super::texts::t;
use super::{DONE_KEY, DONE_MS_KEY};
use crate::domain::backup::{Problem, RecordKind};
use crate::storage::backup::Outcome;
use crate::ui::crypto::{self, CryptoError, Sealed};
use crate::ui::state::{use_desk, Desk};

#[derive(Clone)]
enum State {
    Idle,
    Passphrase { name: String, error: Option<String> },
    Problems { name: String, problems: Vec<Problem> },
    Preview { preview: Preview, note: Option<String> },
    Message { text: String, error: bool },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Merge,
    Replace,
}

#[derive(Clone, Copy)]
struct Ctx {
    desk: Desk,
    job: Job,
    state: RwSignal<State>,
    sealed: StoredValue<Option<Arc<Sealed>>>,
}

fn say(c: Ctx, text: impl Into<String>, error: bool) {
    c.job.finish();
    c.state.set(State::Message { text: text.into(), error });
}

async fn take_file(c: Ctx, file: Blob) {
    let name = file.name();
    c.job.cancel_note.set(t().cancel_read_note);
    c.job.start((t().reading_file)(&name));
    c.state.set(State::Idle);
    match importer::load(&file).await {
        Err(LoadError::TooBig { size, limit }) => say(c, (t().too_big)(&files::size(size), &files::size(limit)), true),
        Err(LoadError::Read(e)) => say(c, (t().unreadable)(&e), true),
        Err(LoadError::Problems(problems)) => {
            c.job.finish();
            c.state.set(State::Problems { name, problems });
        }
        Ok(Loaded::Sealed(s)) => {
            c.job.finish();
            c.sealed.set_value(Some(Arc::new(s)));
            c.state.set(State::Passphrase { name, error: None });
        }
        Ok(Loaded::Plain(bytes)) => check(c, name, bytes).await,
    }
}

async fn check(c: Ctx, name: String, bytes: Vec<u8>) {
    c.job.step(t().checking_file);
    let result = importer::read(&bytes, &c.job).await;
    drop(bytes);
    match result {
        None => say(c, t().import_cancelled, false),
        Some(Err(problems)) => {
            c.job.finish();
            c.state.set(State::Problems { name, problems });
        }
        Some(Ok(backup)) => show_preview(c, name, Arc::new(backup), None).await,
    }
}

async fn show_preview(c: Ctx, name: String, incoming: Arc<crate::domain::backup::Backup>, note: Option<String>) {
    c.job.cancel_note.set(t().cancel_read_note);
    let now = c.desk.now.get_untracked();
    match importer::preview(&c.desk.db(), now, name, incoming, &c.job).await {
        Ok(Some(preview)) => {
            c.job.finish();
            c.state.set(State::Preview { preview, note });
        }
        Ok(None) => say(c, t().import_cancelled, false),
        Err(e) => say(c, (t().import_failed)(&e), true),
    }
}

async fn unlock(c: Ctx, name: String, passphrase: String) {
    let Some(sealed) = c.sealed.get_value() else { return };
    c.job.cancel_note.set(t().cancel_read_note);
    c.job.start(t().decrypting);
    match crypto::decrypt(&sealed, &passphrase).await {
        Ok(bytes) => {
            c.sealed.set_value(None);
            check(c, name, bytes).await;
        }
        Err(CryptoError::WrongPassphraseOrChanged) => {
            c.job.finish();
            c.state.set(State::Passphrase { name, error: Some(t().wrong_passphrase.to_string()) });
        }
        Err(CryptoError::Unavailable) => say(c, t().crypto_unavailable, true),
        Err(e) => say(c, (t().import_failed)(&e.to_string()), true),
    }
}

async fn write(c: Ctx, preview: Preview, mode: Mode) {
    c.job.cancel_note.set(t().cancel_write_note);
    c.job.start(t().writing);
    let db = c.desk.db();
    let now = c.desk.now.get_untracked();
    let started = js_sys::Date::now();
    let result = match mode {
        Mode::Replace => importer::replace(&db, &preview.incoming, now, &c.job)
            .await
            .map(|o| map_outcome(o, |_| (t().replaced)(preview.incoming.tickets.len(), preview.incoming.events.len()))),
        Mode::Merge => importer::merge(&db, &preview, now, &c.job)
            .await
            .map(|o| map_outcome(o, |w| (t().merged)(w.tickets, w.events, w.articles))),
    };
    match result {
        Ok(Outcome::Written(message)) => {
            files::remember(DONE_MS_KEY, &format!("{:.0}", js_sys::Date::now() - started));
            finish_import(&message)
        }
        Ok(Outcome::Cancelled) => say(c, t().import_cancelled, false),
        Ok(Outcome::Refused(reason)) => show_preview(c, preview.name.clone(), preview.incoming.clone(), Some(reason)).await,
        Err(e) => say(c, (t().import_failed)(&e), true),
    }
}

fn map_outcome<T>(o: Outcome<T>, f: impl FnOnce(T) -> String) -> Outcome<String> {
    match o {
        Outcome::Written(x) => Outcome::Written(f(x)),
        Outcome::Cancelled => Outcome::Cancelled,
        Outcome::Refused(r) => Outcome::Refused(r),
    }
}

/// The data changed under every open page: tell the other tabs, and reload this one so that
/// queues and settings are read afresh. The message is shown after the reload.
pub fn finish_import(message: &str) {
    files::remember(DONE_KEY, message);
    crate::ui::sync::announce(&crate::ui::sync::Change::Everything);
    crate::ui::sync::announce(&crate::ui::sync::Change::Config);
    let _ = window().location().reload();
}

#[component]
pub fn ImportSection() -> impl IntoView {
    let c = Ctx { desk: use_desk(), job: Job::new(), state: RwSignal::new(State::Idle), sealed: StoredValue::new(None) };
    let over = RwSignal::new(false);
    let pick = move |ev: leptos::ev::Event| {
        let file = files::first_file(&ev);
        files::reset_input(&ev);
        if let (Some(f), false) = (file, c.job.running.get_untracked()) {
            leptos::task::spawn_local(take_file(c, f));
        }
    };
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        over.set(false);
        if let (Some(f), false) = (files::first_file(&ev), c.job.running.get_untracked()) {
            leptos::task::spawn_local(take_file(c, f));
        }
    };
    view! {
        <section class="bk-card backup-section" aria-labelledby="bk-import">
            <h2 id="bk-import">{t().import_title}</h2>
            <p class="muted">{t().import_intro}</p>
            <div class="bk-drop" class:bk-over=over
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); over.set(true); }
                on:dragleave=move |_| over.set(false)
                on:drop=drop>
                <label for="bk-file">{t().choose_backup}</label>
                <input id="bk-file" type="file" accept=".json,application/json" on:change=pick
                    disabled=move || c.job.running.get() />
                <p class="muted bk-small">{(t().drop_hint)(&files::size(crate::domain::backup::MAX_BACKUP_BYTES as f64))}</p>
            </div>
            <Progress job=c.job name=t().import_progress/>
            {move || body(c)}
        </section>
    }
}

fn body(c: Ctx) -> impl IntoView {
    match c.state.get() {
        State::Idle => ().into_any(),
        State::Message { text, error } => {
            view! { <p class=if error { "error-text" } else { "bk-ok" } role=if error { "alert" } else { "status" }>{text}</p> }.into_any()
        }
        State::Problems { name, problems } => view! {
            <ProblemList problems=problems title=(t().file_has_problems)(&name)/>
            <p>{t().nothing_changed}</p>
        }
        .into_any(),
        State::Passphrase { name, error } => passphrase_form(c, name, error).into_any(),
        State::Preview { preview, note } => view! { <PreviewView c=c preview=preview note=note/> }.into_any(),
    }
}

fn passphrase_form(c: Ctx, name: String, error: Option<String>) -> impl IntoView {
    let pass = RwSignal::new(String::new());
    let label = (t().encrypted_file)(&name);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !c.job.running.get_untracked() {
            leptos::task::spawn_local(unlock(c, name.clone(), pass.get_untracked()));
        }
    };
    view! {
        <form class="form bk-narrow" on:submit=submit>
            <p>{label}</p>
            <label for="bk-unlock">{t().passphrase}</label>
            <input id="bk-unlock" type="password" autocomplete="current-password" autofocus
                aria-invalid=error.is_some().to_string() aria-describedby="bk-unlock-error"
                prop:value=pass on:input=move |ev| pass.set(event_target_value(&ev)) />
            <p id="bk-unlock-error" class="field-error" role="alert">{error}</p>
            <div class="actions">
                <button type="submit" class="primary" disabled=move || c.job.running.get()>{t().unlock}</button>
            </div>
        </form>
    }
}

#[component]
fn PreviewView(c: Ctx, preview: Preview, note: Option<String>) -> impl IntoView {
    let mode = RwSignal::new(Mode::Merge);
    let sure = RwSignal::new(false);
    let plan = &preview.plan;
    let count = |list: &[crate::domain::backup::RecordRef], kind: RecordKind| list.iter().filter(|r| r.kind == kind).count();
    let added_t = count(&plan.added, RecordKind::Ticket);
    let added_a = count(&plan.added, RecordKind::Article);
    let added_cfg = plan.added.len() - added_t - added_a;
    let updated_t = count(&plan.updated, RecordKind::Ticket);
    let updated_a = count(&plan.updated, RecordKind::Article);
    let b = &preview.incoming;
    let file_line = (t().in_file)(b.tickets.len(), b.events.len(), b.articles.len(), b.config.agents.len());
    let desk_line = (t().on_desk)(preview.desk_tickets, preview.desk_events, preview.desk_articles);
    let exported = (t().exported_at)(&crate::ui::format::datetime(b.exported_at));
    let removes = preview.replace_removes();
    let conflicts = plan.conflicts.clone();
    let renumbered: Vec<(u64, u64)> = plan.renumbered.iter().map(|(a, b)| (*a, *b)).collect();
    let summary = [
        (t().will_add, (t().tickets_articles_settings)(added_t, added_a, added_cfg)),
        (t().will_update, (t().tickets_articles)(updated_t, updated_a)),
        (t().unchanged, crate::ui::format::number(plan.unchanged as f64, 0)),
        (t().new_events, crate::ui::format::number(plan.new_events as f64, 0)),
    ];
    let go = {
        let preview = preview.clone();
        move |_| {
            let m = mode.get_untracked();
            if c.job.running.get_untracked() || (m == Mode::Replace && !sure.get_untracked()) {
                return;
            }
            leptos::task::spawn_local(write(c, preview.clone(), m));
        }
    };
    view! {
        <div class="bk-preview" aria-labelledby="bk-preview">
            <h3 id="bk-preview">{(t().preview_title)(&preview.name)}</h3>
            {note.map(|n| view! { <p class="error-text" role="alert">{n}</p> })}
            <p class="muted">{exported}</p>
            <ul class="bk-plain">
                <li>{file_line}</li>
                <li>{desk_line}</li>
            </ul>
            <h4>{t().if_merged}</h4>
            <dl class="facts bk-plan">
                {summary.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            </dl>
            {(!conflicts.is_empty()).then(|| view! {
                <h4>{(t().conflicts)(conflicts.len())}</h4>
                <ol class="bk-problem-list" tabindex="0" aria-label=t().conflicts_label>
                    {conflicts.iter().map(|k| view! { <li><code class="bk-path">{k.path.clone()}</code>" "<span>{k.what.clone()}</span></li> }).collect_view()}
                </ol>
            })}
            {(!renumbered.is_empty()).then(|| view! {
                <h4>{t().renumbered}</h4>
                <ul class="bk-renumbered">
                    {renumbered.iter().map(|(a, b)| view! { <li>{format!("#{a} → #{b}")}</li> }).collect_view()}
                </ul>
            })}
            <fieldset class="bk-modes">
                <legend>{t().how_to_import}</legend>
                <label class="bk-mode">
                    <input type="radio" name="bk-mode" value="merge" prop:checked=move || mode.get() == Mode::Merge
                        on:change=move |_| mode.set(Mode::Merge) />
                    <span><strong>{t().merge}</strong><br/><span class="muted">{t().merge_hint}</span></span>
                </label>
                <label class="bk-mode">
                    <input type="radio" name="bk-mode" value="replace" prop:checked=move || mode.get() == Mode::Replace
                        on:change=move |_| mode.set(Mode::Replace) />
                    <span><strong>{t().replace}</strong><br/><span class="muted">{(t().replace_hint)(removes)}</span></span>
                </label>
            </fieldset>
            <Show when=move || mode.get() == Mode::Replace>
                <label class="bk-check">
                    <input type="checkbox" prop:checked=sure on:change=move |ev| sure.set(event_target_checked(&ev)) />
                    {t().replace_confirm}
                </label>
            </Show>
            <div class="actions">
                <button type="button" class="primary" on:click=go
                    disabled=move || c.job.running.get() || (mode.get() == Mode::Replace && !sure.get())>
                    {move || if mode.get() == Mode::Replace { t().replace_button } else { t().merge_button }}
                </button>
                <button type="button" on:click=move |_| c.state.set(State::Idle) disabled=move || c.job.running.get()>
                    {t().discard}
                </button>
            </div>
        </div>
    }
}
