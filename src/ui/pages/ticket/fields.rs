//! The side panel's fields, each saved in place when changed: status (only the allowed
//! transitions), priority, assignee, group, category, tags and watchers; the root cause; and
//! who asked.

use leptos::prelude::*;

use super::{chips, priority::PriorityField, use_page};
use crate::domain::model::Status;
use crate::domain::ticket::Command;
use crate::ui::format;
use crate::ui::labels;

use super::texts::side::t;

/// A select that shows the ticket's current value, and shows it again after a refused change.
#[component]
pub fn FieldSelect(
    id: &'static str,
    label: &'static str,
    options: Signal<Vec<(String, String)>>,
    current: Signal<String>,
    error: RwSignal<Option<String>>,
    on_pick: impl Fn(String) + 'static,
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <select id=id
            prop:value=move || { error.track(); current.get() }
            on:change=move |ev| on_pick(event_target_value(&ev))>
            {move || {
                let cur = current.get();
                options.get().into_iter().map(|(value, text)| {
                    let selected = value == cur;
                    view! { <option value=value prop:selected=selected>{text}</option> }
                }).collect_view()
            }}
        </select>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
}

#[component]
pub fn Fields() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let merged = move || page.with(|d| d.ticket.merged_into.is_some()).unwrap_or(false);
    let status_err = RwSignal::new(None::<String>);
    let assignee_err = RwSignal::new(None::<String>);
    let group_err = RwSignal::new(None::<String>);

    let status = Signal::derive(move || page.with(|d| d.ticket.status.as_str().to_string()).unwrap_or_default());
    let statuses = Signal::derive(move || {
        let Some(now) = page.with(|d| d.ticket.status) else { return vec![] };
        Status::ALL
            .into_iter()
            .filter(|s| *s == now || now.can_become(*s))
            .map(|s| (s.as_str().to_string(), labels::status(s).to_string()))
            .collect()
    });
    let assignee = Signal::derive(move || page.with(|d| d.ticket.assignee.clone().unwrap_or_default()).unwrap_or_default());
    let agents = Signal::derive(move || {
        let mut out = vec![(String::new(), t().unassigned.to_string())];
        desk.config.with(|c| {
            out.extend(c.agents.iter().map(|a| {
                let tiers = a.tiers.iter().map(|tier| labels::tier_short(*tier)).collect::<Vec<_>>().join(", ");
                let mut label = if tiers.is_empty() { a.name.clone() } else { format!("{} ({tiers})", a.name) };
                if a.away {
                    label.push_str(t().away);
                }
                (a.id.clone(), label)
            }))
        });
        out
    });
    let group = Signal::derive(move || page.with(|d| d.ticket.group.clone().unwrap_or_default()).unwrap_or_default());
    let groups = Signal::derive(move || {
        let mut out = vec![(String::new(), t().no_group.to_string())];
        desk.config.with(|c| out.extend(c.groups.iter().map(|g| (g.id.clone(), format!("{} ({})", g.name, labels::tier(g.tier))))));
        out
    });

    view! {
        <h2 class="side-heading">{t().fields}</h2>
        <fieldset class="fields" disabled=merged>
            <legend class="sr-only">{t().ticket_fields}</legend>
            <FieldSelect id="f-status" label=t().status options=statuses current=status error=status_err
                on_pick=move |v| if let Some(s) = Status::parse(&v) {
                    page.fire(Command::SetStatus(s), (t().status_set)(labels::status(s)), Some(status_err))
                }/>
            <PriorityField/>
            <FieldSelect id="f-assignee" label=t().assignee options=agents current=assignee error=assignee_err
                on_pick=move |v| page.fire(Command::Assign { to: (!v.is_empty()).then_some(v), reason: None }, t().assignee_changed, Some(assignee_err))/>
            <FieldSelect id="f-group" label=t().group options=groups current=group error=group_err
                on_pick=move |v| page.fire(Command::SetGroup((!v.is_empty()).then_some(v)), t().group_changed, Some(group_err))/>
            <Category/>
            <chips::Tags/>
            <chips::Watchers/>
        </fieldset>
    }
}

/// Free text with the catalog's categories offered; saved when the field is left or Enter.
#[component]
fn Category() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let saved = move || page.with(|d| d.ticket.category.clone().unwrap_or_default()).unwrap_or_default();
    let known = move || {
        desk.config.with(|c| {
            let mut v: Vec<String> = c.catalog.iter().filter_map(|i| i.category.clone()).collect();
            v.sort();
            v.dedup();
            v
        })
    };
    let save = move |_| {
        let Some(v) = draft.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            let to = (!v.trim().is_empty()).then_some(v);
            if page.exec(Command::SetCategory(to), t().category_changed.into(), Some(error)).await {
                draft.set(None);
            }
        });
    };
    view! {
        <label for="f-category">{t().category}</label>
        <input id="f-category" list="f-category-list" autocomplete="off"
            prop:value=move || draft.get().unwrap_or_else(saved)
            on:input=move |ev| draft.set(Some(event_target_value(&ev)))
            on:change=save />
        <datalist id="f-category-list">
            {move || known().into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
        </datalist>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
    }
}

/// What caused the problem. Shown above the timeline for Tier 2 and up, where it matters most.
#[component]
pub fn RootCause(prominent: bool) -> impl IntoView {
    let page = use_page();
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let saved = move || page.with(|d| d.ticket.root_cause.clone()).unwrap_or_default();
    let merged = move || page.with(|d| d.ticket.merged_into.is_some()).unwrap_or(false);
    let dirty = move || draft.with(|d| d.as_ref().is_some_and(|d| d.trim() != saved()));
    let save = move |_| {
        let Some(v) = draft.get_untracked() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            if page.exec(Command::SetRootCause(v), t().root_cause_saved.into(), Some(error)).await {
                draft.set(None);
            }
            busy.set(false);
        });
    };
    view! {
        <section class=if prominent { "root-cause prominent" } else { "root-cause" }>
            <label for="root-cause">{t().root_cause}</label>
            {prominent.then(|| view! {
                <p class="hint-text" id="root-cause-hint">{t().root_cause_hint}</p>
            })}
            <textarea id="root-cause" rows=if prominent { "4" } else { "3" } disabled=merged
                aria-describedby=if prominent { Some("root-cause-hint") } else { None }
                prop:value=move || draft.get().unwrap_or_else(saved)
                on:input=move |ev| draft.set(Some(event_target_value(&ev)))></textarea>
            <div class="inline-actions">
                <button type="button" disabled=move || !dirty() || busy.get() on:click=save>{t().save_root_cause}</button>
                {move || dirty().then(|| view! { <span class="muted">{t().not_saved}</span> })}
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}

#[component]
pub fn RequesterInfo() -> impl IntoView {
    let page = use_page();
    move || {
        page.with(|d| {
            let tk = &d.ticket;
            let email = tk.requester.email.clone();
            view! {
                <h2 class="side-heading">{t().requester}</h2>
                <dl class="facts">
                    <dt>{t().name}</dt><dd>{tk.requester.name.clone()}</dd>
                    <dt>{t().email}</dt>
                    <dd>{if email.is_empty() {
                        view! { <span class="muted">{t().none}</span> }.into_any()
                    } else {
                        view! { <a href=format!("mailto:{email}")>{email.clone()}</a> }.into_any()
                    }}</dd>
                    {tk.requester.org.clone().map(|o| view! { <dt>{t().org}</dt><dd>{o}</dd> })}
                    <dt>{t().channel}</dt><dd>{labels::channel(tk.channel)}</dd>
                    <dt>{t().created}</dt><dd>{format::datetime(tk.created_at)}</dd>
                    <dt>{t().updated}</dt><dd>{format::datetime(tk.updated_at)}</dd>
                    <dt>{t().revision}</dt><dd>{tk.rev}</dd>
                </dl>
            }
        })
    }
}
