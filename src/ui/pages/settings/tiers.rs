//! Tiers 0-4: what each is for, when it works, how long a ticket may stay before it moves
//! up, how its tickets are assigned and what an agent hour costs.

use leptos::prelude::*;

use super::form::{calendar_choices, choice, method_choices, method_key, method_parse, parse_count, parse_money, save, AdminNote, FieldError, Form, ProblemList, SaveBar};
use crate::domain::desk::{DeskConfig, TierConfig};
use crate::domain::model::Tier;
use crate::ui::labels;
use crate::ui::state::use_desk;

use super::texts::setup::t;

/// What each tier is for, whatever an admin renames it to.
fn purpose(tier: Tier) -> &'static str {
    t().purposes[usize::from(tier.0.min(4))]
}

#[derive(Clone, Copy)]
struct Row {
    tier: Tier,
    name: RwSignal<String>,
    description: RwSignal<String>,
    calendar: RwSignal<String>,
    limit: RwSignal<String>,
    method: RwSignal<String>,
    cost: RwSignal<String>,
}

impl Row {
    fn of(t: &TierConfig) -> Row {
        Row {
            tier: t.tier,
            name: RwSignal::new(t.name.clone()),
            description: RwSignal::new(t.description.clone()),
            calendar: RwSignal::new(t.calendar.clone()),
            limit: RwSignal::new(t.limit_minutes.map(|m| m.to_string()).unwrap_or_default()),
            method: RwSignal::new(method_key(t.assignment)),
            cost: RwSignal::new(t.cost_per_hour.to_string()),
        }
    }

    fn load(&self, t: &TierConfig) {
        self.name.set(t.name.clone());
        self.description.set(t.description.clone());
        self.calendar.set(t.calendar.clone());
        self.limit.set(t.limit_minutes.map(|m| m.to_string()).unwrap_or_default());
        self.method.set(method_key(t.assignment));
        self.cost.set(t.cost_per_hour.to_string());
    }
}

/// The five tiers in order, from the configuration; a tier it lacks gets fresh settings.
fn tier_configs(cfg: &DeskConfig) -> Vec<TierConfig> {
    (0..=Tier::MAX.0)
        .map(Tier)
        .map(|t| {
            cfg.tier(t).cloned().unwrap_or_else(|| TierConfig {
                tier: t,
                name: labels::tier_default_name(t).into(),
                description: String::new(),
                calendar: cfg.general.default_calendar.clone(),
                limit_minutes: None,
                assignment: Default::default(),
                cost_per_hour: 0.0,
            })
        })
        .collect()
}

#[component]
pub fn Tiers() -> impl IntoView {
    let desk = use_desk();
    let form = Form::new();
    let rows: Vec<Row> = desk.config.with_untracked(tier_configs).iter().map(Row::of).collect();
    let rows = StoredValue::new(rows);
    let reload = move || {
        let fresh = desk.config.with_untracked(tier_configs);
        rows.with_value(|rs| rs.iter().zip(&fresh).for_each(|(r, t)| r.load(t)));
    };
    let on_save = move || {
        let drafts = rows.get_value();
        save(
            desk,
            form,
            t().saved_tiers,
            |cfg, local| {
                let mut out = tier_configs(cfg);
                for (i, (r, t)) in drafts.iter().zip(out.iter_mut()).enumerate() {
                    t.name = r.name.get_untracked().trim().to_string();
                    t.description = r.description.get_untracked().trim().to_string();
                    t.calendar = r.calendar.get_untracked();
                    t.assignment = method_parse(&r.method.get_untracked());
                    match parse_count(&r.limit.get_untracked()) {
                        Ok(m) => t.limit_minutes = m,
                        Err(e) => local.push((format!("tiers[{i}].limit_minutes"), (super::texts::shell::t().not_minutes_limit)(&e))),
                    }
                    match parse_money(&r.cost.get_untracked()) {
                        Ok(c) => t.cost_per_hour = c,
                        Err(e) => local.push((format!("tiers[{i}].cost_per_hour"), e)),
                    }
                }
                cfg.tiers = out;
            },
            |_| {},
        );
    };
    let calendars = move || calendar_choices(desk);

    view! {
        <h2>{t().tiers}</h2>
        <p class="hint-text">{t().tiers_intro}</p>
        <AdminNote/>
        <ProblemList form=form/>
        <fieldset class="plain" disabled=move || !super::form::is_admin(desk)>
            <legend class="sr-only">{t().tiers}</legend>
            <p id="tier-limit-help" class="hint-text">{t().limit_help}</p>
            <div class="tier-cards">
                {rows.get_value().into_iter().enumerate().map(|(i, r)| {
                    let n = r.tier.0;
                    let at = move |f: &str| format!("tiers[{i}].{f}");
                    let id = move |f: &str| format!("tier{n}-{f}");
                    let top = r.tier >= Tier::MAX;
                    view! {
                        <section class="card tier-card" aria-labelledby=id("title")>
                            <h3 id=id("title")><span class="badge tier">{labels::tier_short(r.tier)}</span>" "{labels::tier(r.tier)}</h3>
                            <p class="hint-text">{purpose(r.tier)}</p>
                            <div class="row">
                                <div>
                                    <label for=id("name")>{t().name}</label>
                                    <input id=id("name") bind:value=r.name />
                                    <FieldError form=form path=at("name")/>
                                </div>
                                <div>
                                    <label for=id("calendar")>{t().calendar}</label>
                                    {choice(Some(id("calendar")), None, r.calendar, calendars)}
                                    <FieldError form=form path=at("calendar")/>
                                </div>
                            </div>
                            <label for=id("description")>{t().description}</label>
                            <input id=id("description") bind:value=r.description />
                            <div class="row3">
                                <div>
                                    <label for=id("limit")>{t().limit}</label>
                                    <input id=id("limit") type="number" min="1" step="1" placeholder=t().none bind:value=r.limit disabled=top
                                        aria-describedby="tier-limit-help" />
                                    <FieldError form=form path=at("limit_minutes")/>
                                </div>
                                <div>
                                    <label for=id("method")>{t().method}</label>
                                    {choice(Some(id("method")), None, r.method, method_choices)}
                                </div>
                                <div>
                                    <label for=id("cost")>{t().cost_hour}</label>
                                    <input id=id("cost") type="number" min="0" step="0.01" bind:value=r.cost />
                                    <FieldError form=form path=at("cost_per_hour")/>
                                </div>
                            </div>
                            {top.then(|| view! { <p class="hint-text">{t().top_tier}</p> })}
                            <FieldError form=form path=at("tier")/>
                        </section>
                    }
                }).collect_view()}
            </div>
            <SaveBar form=form label=t().save_tiers on_save=on_save on_discard=reload/>
        </fieldset>
    }
}
