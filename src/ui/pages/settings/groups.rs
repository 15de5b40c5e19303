//! Groups: teams inside a tier (e.g. Network in Tier 2) and how each hands out its tickets.

use leptos::prelude::*;

use super::form::{choice, method_choices, method_key, method_parse, save, slug, uid, unique_id, AdminNote, FieldError, Form, ProblemList, SaveBar, METHODS};
use crate::domain::desk::{DeskConfig, Group};
use crate::domain::model::Tier;
use crate::ui::state::use_desk;

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
    (0..=Tier::MAX.0).map(|t| (t.to_string(), format!("Tier {t} · {}", Tier(t).default_name()))).collect()
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
            "the groups",
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
        <h2>"Groups"</h2>
        <p class="hint-text">"A group is a team inside one tier. A ticket in a group is only given to the group's members, by the group's assignment method."</p>
        <AdminNote/>
        <ProblemList form=form/>
        <fieldset class="plain" disabled=move || !super::form::is_admin(desk)>
            <legend class="sr-only">"Groups"</legend>
            <div class="table-wrap">
            <table class="settings-table">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Tier"</th>
                        <th scope="col">"Assignment method"</th>
                        <th scope="col">"Members"</th>
                        <th scope="col"><span class="sr-only">"Remove"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|r| r.key let:row>
                        {
                            let key = row.key;
                            let index = move || rows.with(|rs| rs.iter().position(|r| r.key == key).unwrap_or(0));
                            let label = move |what: &str| format!("{what} of group {}", index() + 1);
                            let id = row.id.clone();
                            view! {
                                <tr>
                                    <td>
                                        <input aria-label=move || label("Name") bind:value=row.name />
                                        <FieldError form=form path=Signal::derive(move || format!("groups[{}].name", index()))/>
                                        <FieldError form=form path=Signal::derive(move || format!("groups[{}].id", index()))/>
                                    </td>
                                    <td>
                                        {choice(None, Some(label("Tier")), row.tier, tier_choices)}
                                        <FieldError form=form path=Signal::derive(move || format!("groups[{}].tier", index()))/>
                                    </td>
                                    <td>{choice(None, Some(label("Assignment method")), row.method, method_choices)}</td>
                                    <td class="num">{move || if id.is_empty() { "new".to_string() } else { members(&id).to_string() }}</td>
                                    <td>
                                        <button type="button" aria-label=move || format!("Remove group {}", row.name.get())
                                            on:click=move |_| { form.clear(); rows.update(|rs| rs.retain(|r| r.key != key)); }>"Remove"</button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            </div>
            <div class="actions"><button type="button" on:click=add>"Add group"</button></div>
            <SaveBar form=form label="Save groups" on_save=on_save on_discard=on_discard/>
        </fieldset>
        <h3>"Assignment methods"</h3>
        <dl class="explain">
            {METHODS.iter().map(|m| view! { <dt>{m.2}</dt><dd>{m.3}</dd> }).collect_view()}
        </dl>
    }
}
