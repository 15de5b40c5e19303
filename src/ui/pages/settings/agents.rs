//! Agents: the people who work tickets. Admins add, edit and remove them; everyone else
//! sees the list read only.

use leptos::prelude::*;

use super::agent_form::{AgentDialog, AgentFields};
use super::form::{is_admin, save, AdminNote, Form, ProblemList};
use crate::domain::desk::DeskConfig;
use crate::ui::components::dialog::Dialog;
use crate::ui::i18n::common;
use crate::ui::state::{use_desk, Desk};

use super::texts::people::t;

fn open_tickets(desk: Desk, id: &str) -> usize {
    desk.queue.with(|q| q.rows().iter().filter(|r| r.is_open() && r.assignee.as_deref() == Some(id)).count())
}

fn names(list: &[String], cfg: &DeskConfig) -> String {
    if list.is_empty() {
        return "—".into();
    }
    list.iter()
        .map(|g| cfg.groups.iter().find(|x| x.id == *g).map_or(g.clone(), |x| x.name.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// (id, name, open tickets) of the agent about to be removed.
type Removing = Option<(String, String, usize)>;

#[component]
pub fn Agents() -> impl IntoView {
    let desk = use_desk();
    let fields = AgentFields::new();
    let form = Form::new();
    let edit_open = RwSignal::new(false);
    let removing = RwSignal::new(None::<(String, String, usize)>);
    let remove_open = RwSignal::new(false);
    let remove_form = Form::new();

    let edit = move |id: Option<String>| {
        let (agent, index) = desk.config.with_untracked(|c| match id.as_ref().and_then(|id| c.agents.iter().position(|a| a.id == *id)) {
            Some(i) => (c.agents.get(i).cloned(), i),
            None => (None, c.agents.len()),
        });
        fields.load(agent.as_ref(), index);
        form.clear();
        edit_open.set(true);
    };
    let ask_remove = move |id: String, name: String| {
        if desk.me.get_untracked().as_deref() == Some(id.as_str()) {
            desk.fail((t().remove_self)(&name));
            return;
        }
        let n = desk.queue.with_untracked(|q| q.rows().iter().filter(|r| r.is_open() && r.assignee.as_deref() == Some(id.as_str())).count());
        removing.set(Some((id, name, n)));
        remove_form.clear();
        remove_open.set(true);
    };

    let rows = move || {
        desk.config.with(|c| {
            c.agents
                .iter()
                .map(|a| {
                    let tiers = if a.tiers.is_empty() { "—".to_string() } else { a.tiers.iter().map(|t| t.0.to_string()).collect::<Vec<_>>().join(", ") };
                    let shift = a.calendar.as_deref().map_or_else(|| t().tiers_calendar_short.to_string(), |id| c.calendar(id).map_or(id.to_string(), |k| k.name.clone()));
                    (a.clone(), tiers, names(&a.groups, c), shift)
                })
                .collect::<Vec<_>>()
        })
    };

    view! {
        <div class="section-head">
            <h2>{t().agents}</h2>
            <button type="button" class="primary" disabled=move || !is_admin(desk) on:click=move |_| edit(None)>{t().add_agent}</button>
        </div>
        <AdminNote/>
        <div class="table-wrap">
        <table class="settings-table agents-table">
            <thead>
                <tr>
                    <th scope="col">{t().name}</th>
                    <th scope="col">{t().tiers}</th>
                    <th scope="col">{t().groups}</th>
                    <th scope="col">{t().skills}</th>
                    <th scope="col">{t().capacity}</th>
                    <th scope="col">{t().shift}</th>
                    <th scope="col">{t().state}</th>
                    <th scope="col">{t().open_tickets}</th>
                    <th scope="col"><span class="sr-only">{t().actions}</span></th>
                </tr>
            </thead>
            <tbody>
                {move || rows().into_iter().map(|(a, tiers, groups, shift)| {
                    let id = a.id.clone();
                    let id2 = a.id.clone();
                    let name = a.name.clone();
                    let name2 = a.name.clone();
                    let count_id = a.id.clone();
                    view! {
                        <tr>
                            <th scope="row">
                                <span class="agent-name">{a.name.clone()}</span>
                                <span class="agent-sub muted small">{if a.email.is_empty() { a.id.clone() } else { a.email.clone() }}</span>
                            </th>
                            <td>{tiers}</td>
                            <td>{groups}</td>
                            <td>{if a.skills.is_empty() { "—".to_string() } else { a.skills.join(", ") }}</td>
                            <td class="num">{a.capacity}</td>
                            <td>{shift}</td>
                            <td>
                                <span class="nowrap">{if a.away { t().away } else { t().available }}</span>
                                {a.admin.then(|| view! { " " <span class="badge admin-badge">{t().admin}</span> })}
                            </td>
                            <td class="num">{move || open_tickets(desk, &count_id)}</td>
                            <td>
                                <div class="row-actions">
                                <Show when=move || is_admin(desk)>
                                    <button type="button" aria-label=(t().edit_who)(&name) on:click={
                                        let id = id.clone();
                                        move |_| edit(Some(id.clone()))
                                    }>{t().edit}</button>
                                    <button type="button" aria-label=(t().remove_who)(&name2) on:click={
                                        let (id, name) = (id2.clone(), name2.clone());
                                        move |_| ask_remove(id.clone(), name.clone())
                                    }>{t().remove}</button>
                                </Show>
                                </div>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
        <AgentDialog open=edit_open fields=fields form=form/>
        <RemoveDialog open=remove_open removing=removing form=remove_form/>
    }
}

#[component]
fn RemoveDialog(open: RwSignal<bool>, removing: RwSignal<Removing>, form: Form) -> impl IntoView {
    let desk = use_desk();
    let confirm = move |_| {
        let Some((id, name, _)) = removing.get_untracked() else { return };
        save(
            desk,
            form,
            &(t().saved_without)(&name),
            |cfg, _| cfg.agents.retain(|a| a.id != id),
            move |ok| {
                if ok {
                    open.set(false);
                }
            },
        );
    };
    let text = move || match removing.get() {
        Some((id, name, n)) if n > 0 => (t().still_owns)(&name, &id, n),
        Some((_, name, _)) => (t().owns_none)(&name),
        None => String::new(),
    };
    let who = move || removing.with(|r| r.as_ref().map(|r| r.1.clone()).unwrap_or_default());
    view! {
        <Dialog open=open title=t().remove_title.to_string()>
            <p><strong>{move || (t().remove_ask)(&who())}</strong></p>
            <p class="remove-warning">{text}</p>
            <ProblemList form=form/>
            <div class="actions">
                <button type="button" class="danger" disabled=move || form.busy.get() on:click=confirm>{move || (t().remove_who)(&who())}</button>
                <button type="button" on:click=move |_| open.set(false)>{common().cancel}</button>
            </div>
        </Dialog>
    }
}
