//! Priority: set directly, or from impact x urgency through the desk's priority matrix. A
//! direct choice that differs from the matrix's answer is an override and needs a reason,
//! which goes into the history.

use leptos::prelude::*;

use super::{focus_id, use_page};
use crate::domain::model::Priority;
use crate::domain::ticket::Command;
use crate::ui::components::dialog::Dialog;
use crate::ui::i18n::common;
use crate::ui::labels;

use super::texts::side::t;

/// "1 — High": what a level means on a matrix of `size` levels (1 is the highest).
fn level_name(size: usize, level: u8) -> String {
    let words: &[Priority] = if size >= 4 { &Priority::ALL } else { &[Priority::High, Priority::Medium, Priority::Low] };
    match words.get(usize::from(level).saturating_sub(1)) {
        Some(p) => format!("{level} — {}", labels::priority(*p)),
        None => level.to_string(),
    }
}

#[component]
pub fn PriorityField() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let error = RwSignal::new(None::<String>);
    let matrix_err = RwSignal::new(None::<String>);
    // A direct choice against the matrix, waiting for its reason.
    let pending = RwSignal::new(None::<Priority>);
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let reason_err = RwSignal::new(None::<String>);
    // The levels being chosen; `None` shows the ticket's own.
    let impact = RwSignal::new(None::<u8>);
    let urgency = RwSignal::new(None::<u8>);

    let size = move || desk.config.with(|c| c.matrix.size());
    let answer = move |i: u8, u: u8| desk.config.with(|c| c.matrix.priority(i, u));
    let stored = move || page.with(|d| d.ticket.impact.zip(d.ticket.urgency)).flatten();
    let priority = move || page.with(|d| d.ticket.priority).unwrap_or_default();
    let reason_now = move || page.with(|d| d.ticket.priority_reason.clone()).flatten();
    let chosen = move || {
        let (si, su) = stored().unzip();
        impact.get().or(si).zip(urgency.get().or(su))
    };
    let chosen_answer = move || chosen().and_then(|(i, u)| answer(i, u));

    let pick = move |p: Priority| {
        let by_matrix = stored().and_then(|(i, u)| answer(i, u));
        match by_matrix {
            Some(m) if m != p => {
                pending.set(Some(p));
                reason.set(String::new());
                reason_err.set(None);
                open.set(true);
                focus_id("prio-reason");
            }
            _ => page.fire(Command::SetPriority { to: p, reason: None }, (t().priority_set)(labels::priority(p)), Some(error)),
        }
    };
    let apply_matrix = move |_| {
        let Some(((i, u), p)) = chosen().zip(chosen_answer()) else {
            matrix_err.set(Some(t().both_levels.into()));
            return;
        };
        leptos::task::spawn_local(async move {
            let cmd = Command::SetImpactUrgency { impact: i, urgency: u, priority: p };
            if page.exec(cmd, (t().priority_from_matrix)(labels::priority(p), i, u), Some(matrix_err)).await {
                impact.set(None);
                urgency.set(None);
            }
        });
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(p) = pending.get_untracked() else { return };
        let r = reason.get_untracked();
        if r.trim().is_empty() {
            reason_err.set(Some(t().override_reason.into()));
            return;
        }
        leptos::task::spawn_local(async move {
            let cmd = Command::SetPriority { to: p, reason: Some(r) };
            if page.exec(cmd, (t().priority_set)(labels::priority(p)), Some(reason_err)).await {
                open.set(false);
                pending.set(None);
            }
        });
    };
    let level_select = move |id: &'static str, label: &'static str, sig: RwSignal<Option<u8>>, stored_of: fn((u8, u8)) -> u8| {
        view! {
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| sig.set(event_target_value(&ev).parse().ok())>
                {move || {
                    let cur = sig.get().or_else(|| stored().map(stored_of));
                    let n = size();
                    let none = view! { <option value="" prop:selected=cur.is_none()>"—"</option> };
                    let levels = (1..=n as u8).map(|l| view! { <option value=l.to_string() prop:selected=cur == Some(l)>{level_name(n, l)}</option> }).collect_view();
                    (none, levels)
                }}
            </select>
        }
    };
    // Open while the ticket has levels; a Memo, so a reload does not fold it while choosing.
    let has_levels = Memo::new(move |_| stored().is_some());
    let changed = move || match (chosen(), chosen_answer()) {
        (Some(c), Some(p)) => Some(c) != stored() || p != priority(),
        _ => false,
    };

    view! {
        <label for="f-priority">{t().priority}</label>
        <select id="f-priority"
            prop:value=move || { error.track(); open.track(); priority().as_str() }
            on:change=move |ev| if let Some(p) = Priority::parse(&event_target_value(&ev)) { pick(p) }>
            {Priority::ALL.into_iter().map(|p| view! { <option value=p.as_str() prop:selected=move || priority() == p>{labels::priority(p)}</option> }).collect_view()}
        </select>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        {move || reason_now().map(|r| view! { <p class="override-note"><span aria-hidden="true">"✎ "</span>{t().overrides}{r}</p> })}
        <details class="matrix" open=move || has_levels.get()>
            <summary>{t().matrix_summary}</summary>
            <div class="matrix-row">
                <div>{level_select("f-impact", t().impact, impact, |(i, _)| i)}</div>
                <div>{level_select("f-urgency", t().urgency, urgency, |(_, u)| u)}</div>
            </div>
            <p class="matrix-answer">
                {move || match chosen_answer() {
                    Some(p) => (t().matrix_says)(labels::priority(p)),
                    None => t().matrix_choose.to_string(),
                }}
            </p>
            <button type="button" disabled=move || !changed() on:click=apply_matrix>{t().set_from_matrix}</button>
            {move || matrix_err.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </details>
        <Dialog open=open title=t().override_title.to_string()>
            <form class="form" on:submit=confirm novalidate>
                <p>{move || {
                    let by_matrix = stored().and_then(|(i, u)| answer(i, u).map(|m| (t().gives)(i, u, labels::priority(m)))).unwrap_or_default();
                    let to = pending.get().map(labels::priority).unwrap_or_default();
                    (t().why)(&by_matrix, to)
                }}</p>
                <label for="prio-reason">{t().reason}</label>
                <textarea id="prio-reason" rows="2" maxlength="200" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                {move || reason_err.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="primary">{move || (t().set_to)(pending.get().map(labels::priority).unwrap_or_default())}</button>
                    <button type="button" on:click=move |_| open.set(false)>{common().cancel}</button>
                </div>
            </form>
        </Dialog>
    }
}

