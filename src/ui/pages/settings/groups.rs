//! Groups: teams inside a tier (e.g. Network in Tier 2) and how each hands out its tickets.

use leptos::prelude::*;

use super::form::{choice, method_choices, method_key, method_parse, save, slug, uid, unique_id, AdminNote, FieldError, Form, ProblemList, SaveBar, METHODS};
use crate::domain::desk::{DeskConfig, Group};
use crate::domain::model::Tier;
use crate::ui::labels;
use crate::ui::state::use_desk;

use super::texts::people::t;
use super::texts::shell::method_help;
use super::widgets::tier_label;

/// One group being edited. A new group has no id yet: it is made from the name on save.
#[derive(Clone)]
struct Row {
    key: u64,
    id: String,
    name: RwSignal<String>,
    tier: RwSignal<String>,
    method: RwSignal<String>,
}

impl Row {
    fn of(g: &Group) -> Row {
        Row {
            key: uid(),
            id: g.id.clone(),
            name: RwSignal::new(g.name.clone()),
            tier: RwSignal::new(g.tier.0.to_string()),
            method: RwSignal::new(method_key(g.assignment)),
        }
    }
}

fn rows_of(cfg: &DeskConfig) -> Vec<Row> {
    cfg.groups.iter().map(Row::of).collect()
}

fn tier_choices() -> Vec<(String, String)> {
    (0..=Tier::MAX.0).map(|n| (n.to_string(), tier_label(Tier(n)))).collect()
}

#[component]
pub fn Groups() -> impl IntoView {
    let desk = use_desk();
    let form = Form::new();
    let rows = RwSignal::new(desk.config.with_untracked(rows_of));

    let add = move |_| {
        form.clear();
        rows.update(|r| {
            r.push(Row {
                key: uid(),
                id: String::new(),
                name: RwSignal::new(String::new()),
                tier: RwSignal::new("2".into()),
                method: RwSignal::new("least_loaded".into()),
            })
        });
    };
    let on_save = move || {
        let drafts = rows.get_untracked();
        save(
            desk,
            form,
            t().saved_groups,
            |cfg, _| {
                let mut out: Vec<Group> = vec![];
                for r in &drafts {
                    let name = r.name.get_untracked().trim().to_string();
                    let id = if r.id.is_empty() {
                        unique_id(&slug(&name, "group"), |c| out.iter().any(|g| g.id == c) || drafts.iter().any(|d| d.id == c))
                    } else {
                        r.id.clone()
                    };
                    let tier = Tier(r.tier.get_untracked().parse().unwrap_or(1));
                    out.push(Group { id, name, tier, assignment: method_parse(&r.method.get_untracked()) });
                }
                cfg.groups = out;
            },
            move |ok| {
                if ok {
                    rows.set(desk.config.with_untracked(rows_of));
                }
            },
        );
    };
    let on_discard = move || rows.set(desk.config.with_untracked(rows_of));
    let members = move |id: &str| desk.config.with(|c| c.agents.iter().filter(|a| a.groups.iter().any(|g| g == id)).count());

    view! {
        <h2>{t().groups}</h2>
        <p class="hint-text">{t().groups_intro}</p>
        <AdminNote/>
        <ProblemList form=form/>
        <fieldset class="plain" disabled=move || !super::form::is_admin(desk)>
            <legend class="sr-only">{t().groups}</legend>
            <div class="table-wrap">
            <table class="settings-table">
                <thead>
                    <tr>
                        <th scope="col">{t().name}</th>
                        <th scope="col">{t().tier}</th>
                        <th scope="col">{t().method}</th>
                        <th scope="col">{t().members}</th>
                        <th scope="col"><span class="sr-only">{t().remove}</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.key let:row>
                        {
                            let key = row.key;
                            let index = move || rows.with(|rs| rs.iter().position(|r| r.key == key).unwrap_or(0));
                            let label = move |what: &str| (t().of_group)(what, index() + 1);
                            let id = row.id.clone();
                            view! {
                                <tr>
                                    <td>
                                        <input aria-label=move || label(t().name) bind:value=row.name />
                                        <FieldError form=form path=Signal::derive(move || format!("groups[{}].name", index()))/>
                                        <FieldError form=form path=Signal::derive(move || format!("groups[{}].id", index()))/>
                                    </td>
                                    <td>
                                        {choice(None, Some(label(t().tier)), row.tier, tier_choices)}
                                        <FieldError form=form path=Signal::derive(move || format!("groups[{}].tier", index()))/>
                                    </td>
                                    <td>{choice(None, Some(label(t().method)), row.method, method_choices)}</td>
                                    <td class="num">{move || if id.is_empty() { t().new_group.to_string() } else { members(&id).to_string() }}</td>
                                    <td>
                                        <button type="button" aria-label=move || (t().remove_group)(&row.name.get())
                                            on:click=move |_| { form.clear(); rows.update(|rs| rs.retain(|r| r.key != key)); }>{t().remove}</button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            </div>
            <div class="actions"><button type="button" on:click=add>{t().add_group}</button></div>
            <SaveBar form=form label=t().save_groups on_save=on_save on_discard=on_discard/>
        </fieldset>
        <h3>{t().methods_title}</h3>
        <dl class="explain">
            {METHODS.iter().map(|m| view! { <dt>{labels::assignment(m.0)}</dt><dd>{method_help(m.0)}</dd> }).collect_view()}
        </dl>
    }
}
