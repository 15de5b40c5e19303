//! SLA policies: an ordered list; the first policy whose conditions match a ticket sets its
//! targets. Each policy has conditions, targets per priority and the clock it counts on.

use leptos::prelude::*;

use super::form::{calendar_choices, choice, focus_later, is_admin, parse_count, save, shift, slug, uid, unique_id, AdminNote, FieldError, Form, ProblemList, SaveBar};
use super::widgets::{priorities_of, priority_items, tier_items, tier_keys, tiers_of, CheckGroup, TagsInput};
use crate::domain::desk::{DeskConfig, PolicyConditions, SlaPolicy, SlaTarget};
use crate::domain::model::Priority;
use crate::domain::desk::Metric;
use crate::ui::labels;
use crate::ui::state::use_desk;

use super::texts::routing::t;

const METRICS: [Metric; 3] = [Metric::FirstResponse, Metric::NextResponse, Metric::Resolution];

#[derive(Clone)]
struct Row {
    key: u64,
    id: String,
    name: RwSignal<String>,
    priorities: RwSignal<Vec<String>>,
    tiers: RwSignal<Vec<String>>,
    categories: RwSignal<Vec<String>>,
    orgs: RwSignal<Vec<String>>,
    tags: RwSignal<Vec<String>>,
    /// Minutes per priority (Priority::ALL order) and metric (METRICS order); empty = none.
    targets: [[RwSignal<String>; 3]; 4],
    business: RwSignal<String>,
    calendar: RwSignal<String>,
}

fn minutes(v: Option<u32>) -> String {
    v.map(|m| m.to_string()).unwrap_or_default()
}

impl Row {
    fn of(p: &SlaPolicy) -> Row {
        let target = |pr: Priority| p.targets.iter().find(|t| t.priority == pr);
        Row {
            key: uid(),
            id: p.id.clone(),
            name: RwSignal::new(p.name.clone()),
            priorities: RwSignal::new(p.conditions.priorities.iter().map(|x| x.as_str().to_string()).collect()),
            tiers: RwSignal::new(tier_keys(&p.conditions.tiers)),
            categories: RwSignal::new(p.conditions.categories.clone()),
            orgs: RwSignal::new(p.conditions.orgs.clone()),
            tags: RwSignal::new(p.conditions.tags.clone()),
            targets: std::array::from_fn(|i| {
                let t = target(Priority::ALL[i]);
                [
                    RwSignal::new(minutes(t.and_then(|t| t.first_response))),
                    RwSignal::new(minutes(t.and_then(|t| t.next_response))),
                    RwSignal::new(minutes(t.and_then(|t| t.resolution))),
                ]
            }),
            business: RwSignal::new(if p.business_hours { "business" } else { "calendar" }.into()),
            calendar: RwSignal::new(p.calendar.clone()),
        }
    }

    /// The policy the fields describe, at `policies[i]`.
    fn build(&self, i: usize, id: String, local: &mut Vec<(String, String)>) -> SlaPolicy {
        let mut targets = vec![];
        for (pi, p) in Priority::ALL.into_iter().enumerate() {
            let texts = self.targets[pi].map(|s| s.get_untracked());
            if texts.iter().all(|t| t.trim().is_empty()) {
                continue;
            }
            let j = targets.len();
            let mut vals = [None; 3];
            for (m, text) in texts.iter().enumerate() {
                match parse_count(text) {
                    Ok(v) => vals[m] = v,
                    Err(e) => {
                        let field = ["first_response", "next_response", "resolution"][m];
                        local.push((format!("policies[{i}].targets[{j}].{field}"), (super::texts::shell::t().not_minutes_target)(&e)));
                    }
                }
            }
            targets.push(SlaTarget { priority: p, first_response: vals[0], next_response: vals[1], resolution: vals[2] });
        }
        SlaPolicy {
            id,
            name: self.name.get_untracked().trim().to_string(),
            conditions: PolicyConditions {
                priorities: priorities_of(&self.priorities.get_untracked()),
                categories: self.categories.get_untracked(),
                tiers: tiers_of(&self.tiers.get_untracked()),
                orgs: self.orgs.get_untracked(),
                tags: self.tags.get_untracked(),
            },
            targets,
            business_hours: self.business.get_untracked() == "business",
            calendar: self.calendar.get_untracked(),
        }
    }
}

fn rows_of(cfg: &DeskConfig) -> Vec<Row> {
    cfg.policies.iter().map(Row::of).collect()
}

#[component]
pub fn Policies() -> impl IntoView {
    let desk = use_desk();
    let form = Form::new();
    let rows = RwSignal::new(desk.config.with_untracked(rows_of));

    let add = move |_| {
        form.clear();
        let cal = desk.config.with_untracked(|c| c.general.default_calendar.clone());
        let blank = SlaPolicy { id: String::new(), name: String::new(), conditions: Default::default(), targets: vec![], business_hours: true, calendar: cal };
        let row = Row::of(&blank);
        let key = row.key;
        rows.update(|r| r.push(row));
        focus_later(format!("pol{key}-name"));
    };
    let on_save = move || {
        let drafts = rows.get_untracked();
        save(
            desk,
            form,
            t().saved_policies,
            |cfg, local| {
                let mut out: Vec<SlaPolicy> = vec![];
                for (i, r) in drafts.iter().enumerate() {
                    let id = if r.id.is_empty() {
                        unique_id(&slug(&r.name.get_untracked(), "policy"), |c| out.iter().any(|p| p.id == c) || drafts.iter().any(|d| d.id == c))
                    } else {
                        r.id.clone()
                    };
                    out.push(r.build(i, id, local));
                }
                cfg.policies = out;
            },
            move |ok| {
                if ok {
                    rows.set(desk.config.with_untracked(rows_of));
                }
            },
        );
    };
    let on_discard = move || rows.set(desk.config.with_untracked(rows_of));
    let calendars = move || calendar_choices(desk);
    let clock_choices = || vec![
        ("business".to_string(), t().business.to_string()),
        ("calendar".to_string(), t().calendar_minutes.to_string()),
    ];

    view! {
        <h2>{t().policies}</h2>
        <p class="hint-text">{t().policies_intro}</p>
        <AdminNote/>
        <ProblemList form=form/>
        <fieldset class="plain" disabled=move || !is_admin(desk)>
            <legend class="sr-only">{t().policies}</legend>
            <ol class="ordered-cards">
                <For each=move || rows.get() key=|r| r.key let:r>
                    {
                        let key = r.key;
                        let index = move || rows.with(|rs| rs.iter().position(|x| x.key == key).unwrap_or(0));
                        let count = move || rows.with(|rs| rs.len());
                        let at = move |f: &'static str| Signal::derive(move || format!("policies[{}].{f}", index()));
                        let id = move |f: &str| format!("pol{key}-{f}");
                        let name = r.name;
                        let title = move || {
                            let n = name.get();
                            if n.trim().is_empty() { t().new_policy.to_string() } else { n }
                        };
                        let moved = move |up: bool| {
                            form.clear();
                            rows.update(|rs| shift(rs, |x| x.key == key, up));
                            // At either end the button pressed is now disabled: focus its twin.
                            let (i, n) = (index(), count());
                            let up_ok = i > 0;
                            let down_ok = i + 1 < n;
                            let target = if (up && up_ok) || !down_ok { "up" } else { "down" };
                            focus_later(format!("pol{key}-{target}"));
                        };
                        let targets = r.targets;
                        view! {
                            <li class="card policy-card">
                                <div class="section-head">
                                    <h3>{move || format!("{}. ", index() + 1)}{title}</h3>
                                    <div class="row-actions">
                                        <button type="button" id=id("up") aria-label=move || (t().move_up)(&title()) disabled=move || index() == 0 on:click=move |_| moved(true)>{t().up}</button>
                                        <button type="button" id=id("down") aria-label=move || (t().move_down)(&title()) disabled=move || { index() + 1 >= count() } on:click=move |_| moved(false)>{t().down}</button>
                                        <button type="button" aria-label=move || (t().remove_named)(&title()) on:click=move |_| { form.clear(); rows.update(|rs| rs.retain(|x| x.key != key)); }>{t().remove}</button>
                                    </div>
                                </div>
                                <div class="row">
                                    <div>
                                        <label for=id("name")>{t().name}</label>
                                        <input id=id("name") bind:value=name />
                                        <FieldError form=form path=at("name")/>
                                        <FieldError form=form path=at("id")/>
                                    </div>
                                    <div>
                                        <label for=id("clock")>{t().counts}</label>
                                        {choice(Some(id("clock")), None, r.business, clock_choices)}
                                    </div>
                                </div>
                                <label for=id("calendar")>{t().calendar}</label>
                                {choice(Some(id("calendar")), None, r.calendar, calendars)}
                                <FieldError form=form path=at("calendar")/>
                                <details class="conditions" open=true>
                                    <summary>{t().conditions_summary}</summary>
                                    <div class="row">
                                        <CheckGroup legend=t().priorities.into() items=priority_items() picked=r.priorities/>
                                        <CheckGroup legend=t().tiers.into() items=tier_items() picked=r.tiers/>
                                    </div>
                                    <FieldError form=form path=at("conditions")/>
                                    <div class="row3">
                                        <div>
                                            <label for=id("cats")>{t().categories}</label>
                                            <TagsInput id=id("cats") tags=r.categories noun=t().category_noun/>
                                        </div>
                                        <div>
                                            <label for=id("orgs")>{t().orgs}</label>
                                            <TagsInput id=id("orgs") tags=r.orgs noun=t().org_noun/>
                                        </div>
                                        <div>
                                            <label for=id("tags")>{t().tags_any}</label>
                                            <TagsInput id=id("tags") tags=r.tags noun=t().tag_noun/>
                                        </div>
                                    </div>
                                </details>
                                <table class="targets">
                                    <caption>{t().targets_caption}</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{t().priority}</th>
                                            {METRICS.iter().map(|m| view! { <th scope="col">{labels::metric(*m)}</th> }).collect_view()}
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {Priority::ALL.into_iter().enumerate().map(|(pi, p)| view! {
                                            <tr>
                                                <th scope="row">{labels::priority(p)}</th>
                                                {METRICS.iter().enumerate().map(|(m, metric)| {
                                                    let cell = targets[pi][m];
                                                    view! {
                                                        <td><input type="number" min="1" step="1" placeholder="—"
                                                            aria-label=(t().target_cell)(labels::priority(p), labels::metric(*metric)) bind:value=cell /></td>
                                                    }
                                                }).collect_view()}
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <FieldError form=form path=at("targets")/>
                            </li>
                        }
                    }
                </For>
            </ol>
            <div class="actions"><button type="button" on:click=add>{t().add_policy}</button></div>
            <SaveBar form=form label=t().save_policies on_save=on_save on_discard=on_discard/>
        </fieldset>
    }
}
