//! The KPI dashboard: a period (relative to the desk clock) and a breakdown, every KPI with
//! its explanation, the charts, and a table per tier, group, agent, category or priority.
//!
//! When it recomputes: at once when the period changes (a run in progress is called off);
//! after writes, settings changes and every five minutes of desk time at most once per
//! cool-down after the previous run (longer after a slow run), so a busy demo desk at 600x
//! does not keep the page computing. The last report stays on screen while the next one is
//! computed; a progress bar appears when a run takes longer than a moment.

use std::sync::Arc;

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::breakdown::{Breakdown, Dim};
use super::cards::{Help, KpiCards};
use super::dash_charts::DashCharts;
use super::loader::{self, Job};
use super::texts::t;
use super::{long_day, ReportsNav};
use crate::domain::kpi::KpiReport;
use crate::domain::reports::period::{self, desk_tz, local_day, parse_day, PeriodError, Preset};
use crate::ui::route::Route;
use crate::ui::state::use_desk;

/// A run that takes longer than this shows its progress.
const SHOW_PROGRESS_MS: f64 = 300.0;

fn preset_label(p: Preset) -> &'static str {
    let x = t();
    match p {
        Preset::Today => x.today,
        Preset::Last7Days => x.last7,
        Preset::Last30Days => x.last30,
        Preset::ThisMonth => x.this_month,
        Preset::Custom => x.custom,
    }
}

fn period_error(e: PeriodError) -> &'static str {
    match e {
        PeriodError::MissingDay => t().missing_day,
        PeriodError::Reversed => t().reversed,
        PeriodError::TooLong => t().too_long,
    }
}

/// Milliseconds to wait after a run before the next one a change asks for.
fn cool_down(took_ms: f64) -> u32 {
    (took_ms * 2.0).clamp(1000.0, 20_000.0) as u32
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let desk = use_desk();
    let preset = RwSignal::new(Preset::Last7Days);
    let today = local_day(desk.config.with_untracked(desk_tz), desk.now.get_untracked());
    let week_ago = today.checked_sub_days(chrono::Days::new(6)).unwrap_or(today);
    let first = RwSignal::new(week_ago.format("%Y-%m-%d").to_string());
    let last = RwSignal::new(today.format("%Y-%m-%d").to_string());
    let dim = RwSignal::new(Dim::Overall);

    let report = RwSignal::new(None::<Arc<KpiReport>>);
    let failure = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<(u64, u64)>);
    let running = RwSignal::new(false);
    // The current run's number: older runs stop at their next chunk.
    let run_id = StoredValue::new(0u64);
    // From a run's start to the end of its cool-down: changes then only mark `dirty`.
    let busy = StoredValue::new(false);
    let dirty = StoredValue::new(false);
    let request = RwSignal::new(0u64);

    let range = Memo::new(move |_| {
        let tz = desk.config.with(desk_tz);
        period::range(preset.get(), desk.now.get(), tz, (parse_day(&first.get()), parse_day(&last.get())))
    });

    let launch = move |from, to| {
        run_id.update_value(|n| *n += 1);
        let mine = run_id.get_value();
        busy.set_value(true);
        dirty.set_value(false);
        running.set(true);
        let db = desk.db();
        let cfg = desk.config.get_untracked();
        let job = Job { from, to, now: desk.now.get_untracked() };
        leptos::task::spawn_local(async move {
            let started = js_sys::Date::now();
            let alive = move || run_id.get_value() == mine;
            let tell = move |read, total| {
                if js_sys::Date::now() - started > SHOW_PROGRESS_MS {
                    progress.set(Some((read, total)));
                }
            };
            let result = loader::compute(db, cfg, job, alive, tell).await;
            if !alive() {
                return;
            }
            match result {
                Ok(Some(r)) => {
                    report.set(Some(Arc::new(r)));
                    failure.set(None);
                }
                Ok(None) => {}
                Err(e) => failure.set(Some((t().failed)(&e.to_string()))),
            }
            running.set(false);
            progress.set(None);
            TimeoutFuture::new(cool_down(js_sys::Date::now() - started)).await;
            if alive() {
                busy.set_value(false);
                if dirty.get_value() {
                    request.update(|n| *n += 1);
                }
            }
        });
    };

    // The period (or a request after a change) starts a run at once.
    Effect::new(move |_| {
        request.track();
        if let Ok((from, to)) = range.get() {
            launch(from, to);
        }
    });
    // Data, settings and the clock: at most one run per cool-down.
    let bucket = Memo::new(move |_| desk.now.get().timestamp().div_euclid(300));
    Effect::new(move |seen: Option<()>| {
        bucket.track();
        desk.revision.track();
        desk.config.track();
        if seen.is_some() {
            if busy.get_value() {
                dirty.set_value(true);
            } else {
                request.update(|n| *n += 1);
            }
        }
    });

    let x = t();
    let period_line = move || {
        report.with(|r| {
            r.as_deref().map(|r| {
                let tz = desk.config.with(desk_tz);
                let a = long_day(local_day(tz, r.period.from));
                let b = long_day(local_day(tz, r.period.to - chrono::Duration::seconds(1)));
                let days = if a == b { a } else { (x.span)(&a, &b) };
                (x.period_line)(&days, &r.period.time_zone, r.period.as_of < r.period.to)
            })
        })
    };
    view! {
        <section class="page reports-page">
            <ReportsNav current=Route::Reports/>
            <h1>{x.nav}</h1>
            <form class="report-controls no-print" on:submit=|ev| ev.prevent_default()>
                <div class="control">
                    <label for="rp-period">{x.period}</label>
                    <select id="rp-period" on:change=move |ev| if let Some(p) = Preset::parse(&event_target_value(&ev)) { preset.set(p) }>
                        {Preset::ALL.into_iter().map(|p| view! {
                            <option value=p.as_str() prop:selected=move || preset.get() == p>{preset_label(p)}</option>
                        }).collect_view()}
                    </select>
                    <Help key="period"/>
                </div>
                <Show when=move || preset.get() == Preset::Custom>
                    <div class="control">
                        <label for="rp-first">{x.first_day}</label>
                        <input id="rp-first" type="date" prop:value=first on:change=move |ev| first.set(event_target_value(&ev))
                            aria-invalid=move || range.get().is_err().to_string() aria-describedby="rp-period-error"/>
                    </div>
                    <div class="control">
                        <label for="rp-last">{x.last_day}</label>
                        <input id="rp-last" type="date" prop:value=last on:change=move |ev| last.set(event_target_value(&ev))
                            aria-invalid=move || range.get().is_err().to_string() aria-describedby="rp-period-error"/>
                    </div>
                </Show>
                <div class="control">
                    <label for="rp-breakdown">{x.breakdown}</label>
                    <select id="rp-breakdown" on:change=move |ev| if let Some(d) = Dim::parse(&event_target_value(&ev)) { dim.set(d) }>
                        {Dim::ALL.into_iter().map(|d| view! {
                            <option value=d.as_str() prop:selected=move || dim.get() == d>{d.label()}</option>
                        }).collect_view()}
                    </select>
                    <Help key="breakdowns"/>
                </div>
            </form>
            <p id="rp-period-error" class="field-error" role="alert">{move || range.get().err().map(period_error)}</p>
            <p class="period-line muted">{period_line}</p>
            <div class="report-status" aria-live="polite">
                {move || progress.get().map(|(read, total)| view! {
                    <div class="progress" role="progressbar" aria-label=x.reading aria-valuemin="0"
                        aria-valuemax=total.to_string() aria-valuenow=read.to_string() aria-valuetext=(x.read_of)(read, total)>
                        <div class="progress-fill" style=format!("width: {:.1}%", read as f64 * 100.0 / total.max(1) as f64)></div>
                    </div>
                    <span class="muted">{(x.read_of)(read, total)}</span>
                })}
                {move || (running.get() && progress.get().is_none() && report.with(Option::is_some)).then(|| view! { <span class="muted updating">{x.updating}</span> })}
            </div>
            {move || failure.get().map(|f| view! { <p class="error-text" role="alert">{f}</p> })}
            <div class="report-body" aria-busy=move || running.get().to_string()>
                <KpiCards report=report/>
                <DashCharts report=report/>
                <Breakdown report=report dim=dim/>
            </div>
        </section>
    }
}
