//! Tiered support against swarming: the same simulated tickets worked by each model, KPIs side
//! by side. The simulation advances an hour at a time with a turn of the browser's event loop
//! every few hours, so the page stays responsive and shows its progress.

use std::sync::Arc;

use chrono::Duration;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use super::texts::t;
use super::{count, kpi_words, mean, minutes, money, rate, ReportsNav};
use crate::domain::desk::WorkMode;
use crate::domain::kpi::{compute, KpiInputs, Kpis};
use crate::domain::reports::compare::{sim_config, sla_overall, window};
use crate::domain::simulate::{Scenario, Sim};
use crate::ui::format;
use crate::ui::labels;
use crate::ui::route::Route;
use crate::ui::state::use_desk;

const DEFAULT_SEED: u64 = 7;
/// Simulated hours between two yields to the browser.
const HOURS_PER_YIELD: i64 = 6;
const SHOW_PROGRESS_MS: f64 = 100.0;

struct Outcome {
    tiered: Kpis,
    swarm: Kpis,
    start: crate::domain::model::Time,
    arrivals_end: crate::domain::model::Time,
    at: crate::domain::model::Time,
    demo_staff: bool,
    refused: usize,
}

type Row = (&'static str, fn(&Kpis) -> String);

const ROWS: &[Row] = &[
    ("created", |k| count(k.created)),
    ("resolved", |k| count(k.resolved)),
    ("escalation", |k| rate(&k.escalation)),
    ("time_to_resolve", |k| mean(&k.time_to_resolve)),
    ("first_response", |k| mean(&k.first_response)),
    ("sla", |k| rate(&sla_overall(k))),
    ("time_spent_minutes", |k| minutes(Some(k.time_spent_minutes as f64))),
    ("cost_per_ticket", |k| money(k.cost_per_ticket)),
    ("first_contact_resolution", |k| rate(&k.first_contact_resolution)),
];

#[component]
pub fn ComparePage() -> impl IntoView {
    let desk = use_desk();
    let seed = RwSignal::new(DEFAULT_SEED.to_string());
    let hours = RwSignal::new(8u32);
    let outcome = RwSignal::new(None::<Arc<Outcome>>);
    let progress = RwSignal::new(None::<u32>);
    let running = RwSignal::new(false);
    let seed_error = RwSignal::new(false);
    let run_id = StoredValue::new(0u64);

    let run = move || {
        let Ok(seed_value) = seed.get_untracked().trim().parse::<u64>() else {
            seed_error.set(true);
            return;
        };
        seed_error.set(false);
        run_id.update_value(|n| *n += 1);
        let mine = run_id.get_value();
        let h = hours.get_untracked();
        let now = desk.now.get_untracked();
        let desk_cfg = desk.config.get_untracked();
        running.set(true);
        leptos::task::spawn_local(async move {
            let began = js_sys::Date::now();
            // Let the button's state paint first.
            TimeoutFuture::new(0).await;
            let (cfg, demo_staff) = sim_config(&desk_cfg, seed_value, now);
            let (start, at) = window(now, h);
            let scenario = Scenario::generate(seed_value, start, h, &cfg);
            let total = 2 * (at - start).num_hours().max(1);
            let mut done = 0i64;
            let mut results = vec![];
            let mut refused = 0;
            for mode in [WorkMode::Tiered, WorkMode::Swarm] {
                let mut sim = Sim::new(scenario.clone(), &cfg, mode);
                let mut t = start;
                while t < at {
                    t = (t + Duration::hours(HOURS_PER_YIELD)).min(at);
                    sim.advance_to(t);
                    done += HOURS_PER_YIELD;
                    if js_sys::Date::now() - began > SHOW_PROGRESS_MS {
                        progress.set(Some((done.min(total) * 100 / total) as u32));
                    }
                    TimeoutFuture::new(0).await;
                    if run_id.get_value() != mine {
                        return;
                    }
                }
                refused += sim.errors().len();
                results.push(sim.result());
            }
            let kpis = |i: usize| {
                results.get(i).map(|r| compute(&r.tickets, &r.events, &cfg, start, at, at, KpiInputs::default()).overall)
            };
            if let (Some(tiered), Some(swarm)) = (kpis(0), kpis(1)) {
                let arrivals_end = start + Duration::hours(i64::from(h));
                outcome.set(Some(Arc::new(Outcome { tiered, swarm, start, arrivals_end, at, demo_staff, refused })));
            }
            running.set(false);
            progress.set(None);
        });
    };
    run();

    let x = t();
    let table = move || {
        outcome.get().map(|o| {
            let tiered = labels::work_mode(WorkMode::Tiered);
            let swarm = labels::work_mode(WorkMode::Swarm);
            view! {
                <p class="muted">{(x.window)(&format::datetime(o.start), &format::datetime(o.arrivals_end), &format::datetime(o.at))}</p>
                {o.demo_staff.then(|| view! { <p class="note" role="note">{x.demo_staff}</p> })}
                {(o.refused > 0).then(|| view! { <p class="note" role="note">{(x.sim_errors)(o.refused)}</p> })}
                <div class="table-scroll">
                    <table class="data-table compare-table">
                        <caption class="sr-only">{x.compare_title}</caption>
                        <thead>
                            <tr><th scope="col">{x.kpi}</th><th scope="col" data-mode="tiered">{tiered}</th><th scope="col" data-mode="swarm">{swarm}</th></tr>
                        </thead>
                        <tbody>
                            {ROWS.iter().map(|(key, f)| {
                                let (label, help) = kpi_words::kpi(key);
                                let label = if *key == "sla" { x.sla_all } else { label };
                                view! {
                                    <tr data-kpi=*key>
                                        <th scope="row" title=help>{label}</th>
                                        <td>{f(&o.tiered)}</td>
                                        <td>{f(&o.swarm)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        })
    };
    view! {
        <section class="page reports-page compare-page">
            <ReportsNav current=Route::CompareReport/>
            <h1>{x.compare_title}</h1>
            <p>{x.compare_intro}</p>
            <ul class="models">
                <li>{x.tiered_explain}</li>
                <li>{x.swarm_explain}</li>
            </ul>
            <form class="report-controls no-print" on:submit=move |ev| { ev.prevent_default(); run(); }>
                <div class="control">
                    <label for="cmp-seed">{x.seed}</label>
                    <input id="cmp-seed" inputmode="numeric" prop:value=seed on:input=move |ev| seed.set(event_target_value(&ev))
                        aria-invalid=move || seed_error.get().to_string() aria-describedby="cmp-seed-error"/>
                </div>
                <div class="control">
                    <label for="cmp-hours">{x.length}</label>
                    <select id="cmp-hours" on:change=move |ev| if let Ok(h) = event_target_value(&ev).parse() { hours.set(h) }>
                        {[8u32, 24].into_iter().map(|h| view! { <option value=h.to_string() prop:selected=move || hours.get() == h>{(x.hours)(h)}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="primary" disabled=move || running.get()>{x.run}</button>
            </form>
            {move || seed_error.get().then(|| view! { <p id="cmp-seed-error" class="field-error" role="alert">{x.seed_invalid}</p> })}
            <div class="report-status" aria-live="polite">
                {move || progress.get().map(|p| view! {
                    <div class="progress" role="progressbar" aria-label=x.simulating aria-valuemin="0" aria-valuemax="100"
                        aria-valuenow=p.to_string() aria-valuetext=(x.sim_progress)(p)>
                        <div class="progress-fill" style=format!("width: {p}%")></div>
                    </div>
                    <span class="muted">{(x.sim_progress)(p)}</span>
                })}
            </div>
            <div aria-busy=move || running.get().to_string()>{table}</div>
        </section>
    }
}
