//! Routing rules: an ordered list; every enabled rule whose conditions match a new (or
//! updated) ticket applies its actions, until a matching rule says stop.

use leptos::prelude::*;

use super::form::{choice, focus_later, is_admin, save, shift, slug, uid, unique_id, AdminNote, FieldError, Form, ProblemList, SaveBar};
use super::rule_rows::{action_of, action_row, condition_of, condition_row, Row as LineRow, RowsEditor, ACTIONS, CONDITIONS};
use crate::domain::desk::{DeskConfig, MatchMode, RoutingRule, RuleTrigger};
use crate::ui::state::use_desk;

use super::texts::routing::t;

#[derive(Clone)]
struct Row {
    key: u64,
    id: String,
    name: RwSignal<String>,
    enabled: RwSignal<bool>,
    trigger: RwSignal<String>,
    mode: RwSignal<String>,
    stop: RwSignal<bool>,
    conditions: RwSignal<Vec<LineRow>>,
    actions: RwSignal<Vec<LineRow>>,
}

fn trigger_key(t: RuleTrigger) -> String {
    match t {
        RuleTrigger::OnCreate => "on_create",
        RuleTrigger::OnUpdate => "on_update",
        RuleTrigger::Both => "both",
    }
    .into()
}

fn trigger_of(k: &str) -> RuleTrigger {
    match k {
        "on_update" => RuleTrigger::OnUpdate,
        "both" => RuleTrigger::Both,
        _ => RuleTrigger::OnCreate,
    }
}

impl Row {
    fn of(r: &RoutingRule) -> Row {
        Row {
            key: uid(),
            id: r.id.clone(),
            name: RwSignal::new(r.name.clone()),
            enabled: RwSignal::new(r.enabled),
            trigger: RwSignal::new(trigger_key(r.trigger)),
            mode: RwSignal::new(if r.mode == MatchMode::Any { "any" } else { "all" }.into()),
            stop: RwSignal::new(r.stop),
            conditions: RwSignal::new(r.conditions.iter().map(condition_row).collect()),
            actions: RwSignal::new(r.actions.iter().map(action_row).collect()),
        }
    }

    fn build(&self, id: String) -> RoutingRule {
        RoutingRule {
            id,
            name: self.name.get_untracked().trim().to_string(),
            enabled: self.enabled.get_untracked(),
            trigger: trigger_of(&self.trigger.get_untracked()),
            mode: if self.mode.get_untracked() == "any" { MatchMode::Any } else { MatchMode::All },
            conditions: self.conditions.get_untracked().iter().map(condition_of).collect(),
            actions: self.actions.get_untracked().iter().map(action_of).collect(),
            stop: self.stop.get_untracked(),
        }
    }
}

fn rows_of(cfg: &DeskConfig) -> Vec<Row> {
    cfg.rules.iter().map(Row::of).collect()
}

#[component]
pub fn Rules() -> impl IntoView {
    let desk = use_desk();
    let form = Form::new();
    let rows = RwSignal::new(desk.config.with_untracked(rows_of));

    let add = move |_| {
        form.clear();
        let blank = RoutingRule {
            id: String::new(),
            name: String::new(),
            enabled: true,
            trigger: RuleTrigger::OnCreate,
            mode: MatchMode::All,
            conditions: vec![],
            actions: vec![],
            stop: false,
        };
        let row = Row::of(&blank);
        let key = row.key;
        rows.update(|r| r.push(row));
        focus_later(format!("rule{key}-name"));
    };
    let on_save = move || {
        let drafts = rows.get_untracked();
        save(
            desk,
            form,
            t().saved_rules,
            |cfg, _| {
                let mut out: Vec<RoutingRule> = vec![];
                for r in &drafts {
                    let id = if r.id.is_empty() {
                        unique_id(&slug(&r.name.get_untracked(), "rule"), |c| out.iter().any(|x| x.id == c) || drafts.iter().any(|d| d.id == c))
                    } else {
                        r.id.clone()
                    };
                    out.push(r.build(id));
                }
                cfg.rules = out;
            },
            move |ok| {
                if ok {
                    rows.set(desk.config.with_untracked(rows_of));
                }
            },
        );
    };
    let on_discard = move || rows.set(desk.config.with_untracked(rows_of));
    let triggers = || vec![
        ("on_create".to_string(), t().on_create.to_string()),
        ("on_update".to_string(), t().on_update.to_string()),
        ("both".to_string(), t().both.to_string()),
    ];
    let modes = || vec![("all".to_string(), t().all_hold.to_string()), ("any".to_string(), t().any_holds.to_string())];

    view! {
        <h2>{t().rules}</h2>
        <p class="hint-text">{t().rules_intro}</p>
        <AdminNote/>
        <ProblemList form=form/>
        <fieldset class="plain" disabled=move || !is_admin(desk)>
            <legend class="sr-only">{t().rules}</legend>
            <ol class="ordered-cards">
                <For each=move || rows.get() key=|r| r.key let:r>
                    {
                        let key = r.key;
                        let index = move || rows.with(|rs| rs.iter().position(|x| x.key == key).unwrap_or(0));
                        let count = move || rows.with(|rs| rs.len());
                        let at = move |f: &'static str| Signal::derive(move || format!("rules[{}].{f}", index()));
                        let id = move |f: &str| format!("rule{key}-{f}");
                        let (name, enabled, stop, trigger, mode) = (r.name, r.enabled, r.stop, r.trigger, r.mode);
                        let (conditions, actions) = (r.conditions, r.actions);
                        let title = move || {
                            let n = name.get();
                            if n.trim().is_empty() { t().new_rule.to_string() } else { n }
                        };
                        let moved = move |up: bool| {
                            form.clear();
                            rows.update(|rs| shift(rs, |x| x.key == key, up));
                            // At either end the button pressed is now disabled: focus its twin.
                            let (i, n) = (index(), count());
                            let up_ok = i > 0;
                            let down_ok = i + 1 < n;
                            let target = if (up && up_ok) || !down_ok { "up" } else { "down" };
                            focus_later(format!("rule{key}-{target}"));
                        };
                        view! {
                            <li class="card rule-card" class:disabled-rule=move || !enabled.get()>
                                <div class="section-head">
                                    <h3>{move || format!("{}. ", index() + 1)}{title}{move || (!enabled.get()).then_some(t().off)}</h3>
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
                                    <div class="check-col">
                                        <label class="check-line"><input type="checkbox" bind:checked=enabled />{t().enabled}</label>
                                        <label class="check-line"><input type="checkbox" bind:checked=stop />{t().stop}</label>
                                    </div>
                                </div>
                                <div class="row">
                                    <div>
                                        <label for=id("trigger")>{t().runs}</label>
                                        {choice(Some(id("trigger")), None, trigger, triggers)}
                                    </div>
                                    <div>
                                        <label for=id("mode")>{t().matches_when}</label>
                                        {choice(Some(id("mode")), None, mode, modes)}
                                    </div>
                                </div>
                                <h4>{t().conditions}</h4>
                                <RowsEditor rows=conditions kinds=&CONDITIONS names=t().condition_kinds noun=t().condition path=Signal::derive(move || format!("rules[{}].conditions", index())) form=form/>
                                <h4>{t().actions}</h4>
                                <RowsEditor rows=actions kinds=&ACTIONS names=t().action_kinds noun=t().action path=Signal::derive(move || format!("rules[{}].actions", index())) form=form/>
                                <FieldError form=form path=at("actions") exact=true/>
                            </li>
                        }
                    }
                </For>
            </ol>
            <div class="actions"><button type="button" on:click=add>{t().add_rule}</button></div>
            <SaveBar form=form label=t().save_rules on_save=on_save on_discard=on_discard/>
        </fieldset>
    }
}
