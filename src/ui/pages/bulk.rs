//! Bulk actions on the tickets selected in a queue: assign, status, priority, escalate, tag,
//! merge. Each is one transaction over all the tickets it changes.

use leptos::prelude::*;

use crate::domain::model::{Priority, Status, TicketId};
use crate::domain::ticket::Command;
use crate::domain::model::EscalationCause;
use crate::ui::components::dialog::Dialog;
use crate::ui::errors;
use crate::ui::i18n::common;
use crate::ui::labels;
use crate::ui::state::{use_desk, Desk};

mod texts;
use texts::t;

fn finish(desk: Desk, what: &str, result: Result<(Vec<crate::ui::state::Outcome>, Vec<(TicketId, crate::domain::ticket::DomainError)>), crate::storage::StorageError>, selected: RwSignal<Vec<TicketId>>) {
    match result {
        Ok((done, refused)) if refused.is_empty() => {
            desk.say((t().changed)(what, done.len()));
            selected.set(vec![]);
        }
        Ok((done, refused)) => {
            let first = refused.iter().take(3).map(|(id, e)| format!("#{id}: {}", errors::reason(e))).collect::<Vec<_>>().join("; ");
            desk.fail((t().partly)(what, done.len(), refused.len(), &first));
            selected.update(|s| s.retain(|id| refused.iter().any(|(r, _)| r == id)));
        }
        Err(e) => desk.fail((t().failed)(what, &errors::storage(&e))),
    }
}

#[component]
pub fn BulkBar(selected: RwSignal<Vec<TicketId>>) -> impl IntoView {
    let desk = use_desk();
    let count = move || selected.with(|s| s.len());
    let escalate_open = RwSignal::new(false);
    let merge_open = RwSignal::new(false);
    let tag = RwSignal::new(String::new());

    let run = move |what: &'static str, make: std::rc::Rc<dyn Fn(&crate::domain::model::Ticket) -> Command>| {
        let ids = selected.get_untracked();
        leptos::task::spawn_local(async move {
            let r = desk.run_many(&ids, |t| make(t), desk.actor()).await;
            finish(desk, what, r, selected);
        });
    };
    let agents = move || desk.config.with(|c| c.agents.iter().map(|a| (a.id.clone(), a.name.clone())).collect::<Vec<_>>());

    view! {
        <Show when=move || { count() > 0 }>
            <div class="bulk" role="region" aria-label=t().bar>
                <strong>{move || (t().selected)(count())}</strong>
                <label>
                    <span class="sr-only">{t().assign_label}</span>
                    <select aria-label=t().assign_label on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v.is_empty() { return; }
                        let to = (v != "-nobody").then_some(v);
                        run(t().w_assign, std::rc::Rc::new(move |_| Command::Assign { to: to.clone(), reason: Some(t().bulk_assignment.into()) }));
                    }>
                        <option value="">{t().assign_prompt}</option>
                        <option value="-nobody">{t().nobody}</option>
                        {move || agents().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="sr-only">{t().status_label}</span>
                    <select aria-label=t().status_label on:change=move |ev| {
                        if let Some(s) = Status::parse(&event_target_value(&ev)) {
                            run(t().w_status, std::rc::Rc::new(move |_| Command::SetStatus(s)));
                        }
                    }>
                        <option value="">{t().status_prompt}</option>
                        {Status::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{labels::status(s)}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    <span class="sr-only">{t().priority_label}</span>
                    <select aria-label=t().priority_label on:change=move |ev| {
                        if let Some(p) = Priority::parse(&event_target_value(&ev)) {
                            run(t().w_priority, std::rc::Rc::new(move |_| Command::SetPriority { to: p, reason: Some(t().bulk_change.into()) }));
                        }
                    }>
                        <option value="">{t().priority_prompt}</option>
                        {Priority::ALL.into_iter().map(|p| view! { <option value=p.as_str()>{labels::priority(p)}</option> }).collect_view()}
                    </select>
                </label>
                <form class="inline" on:submit=move |ev| {
                    ev.prevent_default();
                    let word = tag.get_untracked().trim().to_string();
                    if word.is_empty() { return; }
                    tag.set(String::new());
                    run(t().w_tag, std::rc::Rc::new(move |tk| { let mut tags = tk.tags.clone(); tags.push(word.clone()); Command::SetTags(tags) }));
                }>
                    <input aria-label=t().tag_label placeholder=t().add_tag prop:value=tag on:input=move |ev| tag.set(event_target_value(&ev)) />
                    <button type="submit">{t().tag}</button>
                </form>
                <button type="button" on:click=move |_| escalate_open.set(true)>{t().escalate_open}</button>
                <button type="button" disabled=move || { count() < 2 } on:click=move |_| merge_open.set(true)>{t().merge_open}</button>
                <button type="button" class="link" on:click=move |_| selected.set(vec![])>{t().clear}</button>
            </div>
            <EscalateDialog open=escalate_open selected=selected/>
            <MergeDialog open=merge_open selected=selected/>
        </Show>
    }
}

/// Escalate (or move down) every selected ticket by one tier; a reason is required.
#[component]
fn EscalateDialog(open: RwSignal<bool>, selected: RwSignal<Vec<TicketId>>) -> impl IntoView {
    let desk = use_desk();
    let reason = RwSignal::new(String::new());
    let up = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = reason.get_untracked().trim().to_string();
        if r.is_empty() {
            error.set(Some(t().reason_needed.into()));
            return;
        }
        error.set(None);
        let ids = selected.get_untracked();
        let going_up = up.get_untracked();
        open.set(false);
        leptos::task::spawn_local(async move {
            let result = desk
                .run_many(
                    &ids,
                    |t| {
                        let to = if going_up { t.tier.next().unwrap_or(t.tier) } else { t.tier.prev().unwrap_or(t.tier) };
                        Command::ChangeTier { to, cause: EscalationCause::Manual, reason: r.clone() }
                    },
                    desk.actor(),
                )
                .await;
            reason.set(String::new());
            finish(desk, if going_up { t().w_escalate } else { t().w_deescalate }, result, selected);
        });
    };
    view! {
        <Dialog open=open title=t().escalate_title.to_string()>
            <form class="form" on:submit=submit>
                <fieldset>
                    <legend>{t().direction}</legend>
                    <label><input type="radio" name="dir" prop:checked=move || up.get() on:change=move |_| up.set(true) />{t().up}</label>
                    <label><input type="radio" name="dir" prop:checked=move || !up.get() on:change=move |_| up.set(false) />{t().down}</label>
                </fieldset>
                <label for="bulk-reason">{t().reason}</label>
                <textarea id="bulk-reason" rows="3" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="primary">{t().escalate}</button>
                    <button type="button" on:click=move |_| open.set(false)>{common().cancel}</button>
                </div>
            </form>
        </Dialog>
    }
}

/// Merge the selected tickets into one of them.
#[component]
fn MergeDialog(open: RwSignal<bool>, selected: RwSignal<Vec<TicketId>>) -> impl IntoView {
    let desk = use_desk();
    let survivor = RwSignal::new(None::<TicketId>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ids = selected.get_untracked();
        let Some(keep) = survivor.get_untracked().or_else(|| ids.iter().min().copied()) else { return };
        let others: Vec<TicketId> = ids.into_iter().filter(|i| *i != keep).collect();
        open.set(false);
        leptos::task::spawn_local(async move {
            match desk.merge(keep, &others).await {
                Ok(n) => {
                    desk.say((t().merged)(n, keep));
                    selected.set(vec![]);
                }
                Err(e) => desk.fail((t().merge_failed)(&errors::storage(&e))),
            }
        });
    };
    let choices = move || {
        let ids = selected.get();
        desk.queue.with(|q| ids.iter().filter_map(|id| q.row(*id).map(|r| (r.id, r.subject.clone()))).collect::<Vec<_>>())
    };
    view! {
        <Dialog open=open title=t().merge_title.to_string()>
            <form class="form" on:submit=submit>
                <p>{t().merge_explain}</p>
                <label for="merge-keep">{t().keep}</label>
                <select id="merge-keep" on:change=move |ev| survivor.set(event_target_value(&ev).parse().ok())>
                    {move || choices().into_iter().map(|(id, subject)| view! { <option value=id.to_string()>{format!("#{id} {subject}")}</option> }).collect_view()}
                </select>
                <div class="actions">
                    <button type="submit" class="primary">{t().merge}</button>
                    <button type="button" on:click=move |_| open.set(false)>{common().cancel}</button>
                </div>
            </form>
        </Dialog>
    }
}
