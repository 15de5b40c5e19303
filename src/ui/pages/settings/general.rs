//! General: the desk's name, how it works (tiered or swarm), SLA warning, reopen window,
//! breach escalation, cost per ticket, default calendar and the priority matrix.

use leptos::prelude::*;

use super::form::{calendar_choices, choice, is_admin, parse_count, parse_money, save, AdminNote, FieldError, Form, ProblemList, SaveBar};
use crate::domain::desk::{DeskConfig, PriorityMatrix, WorkMode};
use crate::domain::model::Priority;
use crate::ui::labels;
use crate::ui::state::use_desk;

use super::texts::setup::t;

type Grid = Vec<Vec<RwSignal<String>>>;

fn grid_of(m: &PriorityMatrix) -> Grid {
    m.cells.iter().map(|row| row.iter().map(|p| RwSignal::new(p.as_str().to_string())).collect()).collect()
}

#[derive(Clone, Copy)]
struct Fields {
    desk_name: RwSignal<String>,
    mode: RwSignal<String>,
    warning: RwSignal<String>,
    reopen: RwSignal<String>,
    escalate: RwSignal<bool>,
    cost: RwSignal<String>,
    calendar: RwSignal<String>,
    grid: RwSignal<Grid>,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            desk_name: RwSignal::new(String::new()),
            mode: RwSignal::new(String::new()),
            warning: RwSignal::new(String::new()),
            reopen: RwSignal::new(String::new()),
            escalate: RwSignal::new(false),
            cost: RwSignal::new(String::new()),
            calendar: RwSignal::new(String::new()),
            grid: RwSignal::new(vec![]),
        }
    }

    fn load(&self, c: &DeskConfig) {
        let g = &c.general;
        self.desk_name.set(g.desk_name.clone());
        self.mode.set(if g.mode == WorkMode::Swarm { "swarm" } else { "tiered" }.into());
        self.warning.set(g.warning_percent.to_string());
        self.reopen.set(g.reopen_window_hours.to_string());
        self.escalate.set(g.escalate_on_breach);
        self.cost.set(g.cost_per_ticket.to_string());
        self.calendar.set(g.default_calendar.clone());
        self.grid.set(grid_of(&c.matrix));
    }

    fn apply(&self, c: &mut DeskConfig, local: &mut Vec<(String, String)>) {
        let g = &mut c.general;
        g.desk_name = self.desk_name.get_untracked().trim().to_string();
        g.mode = if self.mode.get_untracked() == "swarm" { WorkMode::Swarm } else { WorkMode::Tiered };
        match self.warning.get_untracked().trim().parse::<u8>() {
            Ok(p) => g.warning_percent = p,
            Err(_) => local.push(("general.warning_percent".into(), t().bad_warning.into())),
        }
        match parse_count(&self.reopen.get_untracked()) {
            Ok(Some(h)) => g.reopen_window_hours = h,
            Ok(None) => g.reopen_window_hours = 0,
            Err(e) => local.push(("general.reopen_window_hours".into(), (super::texts::shell::t().not_hours)(&e))),
        }
        g.escalate_on_breach = self.escalate.get_untracked();
        match parse_money(&self.cost.get_untracked()) {
            Ok(v) => g.cost_per_ticket = v,
            Err(e) => local.push(("general.cost_per_ticket".into(), e)),
        }
        g.default_calendar = self.calendar.get_untracked();
        c.matrix = PriorityMatrix {
            cells: self.grid.get_untracked().iter().map(|row| row.iter().map(|s| Priority::parse(&s.get_untracked()).unwrap_or_default()).collect()).collect(),
        };
    }
}

fn level(i: usize, n: usize) -> &'static str {
    match (i, n) {
        (0, _) => t().highest,
        (i, n) if i + 1 == n => t().lowest,
        _ => "",
    }
}

#[component]
pub fn GeneralSettings() -> impl IntoView {
    let desk = use_desk();
    let form = Form::new();
    let f = Fields::new();
    desk.config.with_untracked(|c| f.load(c));
    let on_save = move || save(desk, form, t().saved_general, |cfg, local| f.apply(cfg, local), |_| {});
    let on_discard = move || desk.config.with_untracked(|c| f.load(c));
    let resize = move |ev: leptos::ev::Event| {
        let m = if event_target_value(&ev) == "4" { PriorityMatrix::itil_4x4() } else { PriorityMatrix::itil_3x3() };
        f.grid.set(grid_of(&m));
    };
    let size = move || f.grid.with(|g| g.len());
    let prios = || Priority::ALL.iter().map(|p| (p.as_str().to_string(), labels::priority(*p).to_string())).collect::<Vec<_>>();

    view! {
        <h2>{t().general}</h2>
        <AdminNote/>
        <ProblemList form=form/>
        <fieldset class="plain" disabled=move || !is_admin(desk)>
            <legend class="sr-only">{t().general_settings}</legend>
            <div class="card">
                <label for="gen-name">{t().desk_name}</label>
                <input id="gen-name" bind:value=f.desk_name />
                <FieldError form=form path="general.desk_name"/>
                <fieldset class="modes">
                    <legend>{t().work_mode}</legend>
                    <label><input type="radio" name="work-mode" value="tiered" bind:group=f.mode />{t().tiered}</label>
                    <label><input type="radio" name="work-mode" value="swarm" bind:group=f.mode />{t().swarm}</label>
                </fieldset>
                <div class="row3">
                    <div>
                        <label for="gen-warning">{t().warning}</label>
                        <input id="gen-warning" type="number" min="0" max="100" bind:value=f.warning aria-describedby="gen-warning-help" />
                        <p class="hint-text" id="gen-warning-help">{t().warning_help}</p>
                        <FieldError form=form path="general.warning_percent"/>
                    </div>
                    <div>
                        <label for="gen-reopen">{t().reopen}</label>
                        <input id="gen-reopen" type="number" min="0" bind:value=f.reopen aria-describedby="gen-reopen-help" />
                        <p class="hint-text" id="gen-reopen-help">{t().reopen_help}</p>
                        <FieldError form=form path="general.reopen_window_hours"/>
                    </div>
                    <div>
                        <label for="gen-cost">{t().cost_ticket}</label>
                        <input id="gen-cost" type="number" min="0" step="0.01" bind:value=f.cost aria-describedby="gen-cost-help" />
                        <p class="hint-text" id="gen-cost-help">{t().cost_ticket_help}</p>
                        <FieldError form=form path="general.cost_per_ticket"/>
                    </div>
                </div>
                <label class="check-line"><input type="checkbox" bind:checked=f.escalate />{t().escalate_breach}</label>
                <label for="gen-calendar">{t().default_calendar}</label>
                {choice(Some("gen-calendar".into()), None, f.calendar, move || calendar_choices(desk))}
                <FieldError form=form path="general.default_calendar"/>
            </div>
            <h3>{t().matrix}</h3>
            <p class="hint-text">{t().matrix_help}</p>
            <label for="gen-matrix-size">{t().size}</label>
            <select id="gen-matrix-size" class="narrow-select" on:change=resize>
                <option value="3" prop:selected=move || size() == 3>"3 × 3 (ITIL)"</option>
                <option value="4" prop:selected=move || size() == 4>"4 × 4"</option>
            </select>
            <p class="hint-text">{t().size_help}</p>
            <table class="matrix">
                <thead>
                    <tr>
                        <td></td>
                        {move || (0..size()).map(|u| view! { <th scope="col">{(t().urgency)(u + 1)}<span class="muted small">{format!(" {}", level(u, size()))}</span></th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || f.grid.get().into_iter().enumerate().map(|(i, row)| {
                        let n = row.len();
                        view! {
                            <tr>
                                <th scope="row">{(t().impact)(i + 1)}<span class="muted small">{format!(" {}", level(i, n))}</span></th>
                                {row.into_iter().enumerate().map(|(u, cell)| view! {
                                    <td class=move || format!("cell prio-{}", cell.get())>
                                        {choice(None, Some((t().cell)(i + 1, u + 1)), cell, prios)}
                                    </td>
                                }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <FieldError form=form path="matrix"/>
            <SaveBar form=form label=t().save_general on_save=on_save on_discard=on_discard/>
        </fieldset>
    }
}
