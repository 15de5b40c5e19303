//! The ticket's main actions: take it, move it to another tier (with a required reason), and
//! merge it into another ticket.

use leptos::prelude::*;

use super::{focus_id, sentence, use_page};
use crate::domain::escalation;
use crate::domain::model::{Tier, TicketId};
use crate::domain::ticket::Command;
use crate::storage::StorageError;
use crate::ui::components::dialog::Dialog;

#[component]
pub fn ActionBar() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let merge_open = RwSignal::new(false);
    let merged = move || page.with(|d| d.ticket.merged_into.is_some()).unwrap_or(false);
    let mine = move || {
        let me = desk.me.get();
        me.is_some() && page.with(|d| d.ticket.assignee == me).unwrap_or(false)
    };
    let take = move |_| {
        let Some(me) = desk.me.get_untracked() else { return };
        page.fire(Command::Assign { to: Some(me), reason: None }, format!("You took #{}.", page.id), None);
    };
    view! {
        <div class="ticket-actions" role="group" aria-label="Ticket actions">
            <Show
                when=mine
                fallback=move || view! {
                    <button type="button" class="primary" on:click=take
                        disabled=move || merged() || desk.me.get().is_none()
                        title=move || if desk.me.get().is_none() { "Choose who you are in Settings to take tickets" } else { "Assign this ticket to me" }>
                        "Take"
                    </button>
                }
            >
                <span class="mine"><span aria-hidden="true">"✔ "</span>"Assigned to you"</span>
            </Show>
            <button type="button" aria-keyshortcuts="e" disabled=merged on:click=move |_| page.escalate_open.set(true)>
                "Escalate…" <kbd aria-hidden="true">"e"</kbd>
            </button>
            <button type="button" disabled=merged on:click=move |_| merge_open.set(true)>"Merge…"</button>
        </div>
        <MergeDialog open=merge_open/>
    }
}

/// Move to any tier 0-4 (the next one up by default) with a reason for the history. Uses
/// `escalation::escalate`, so a hand-off to Tier 4 (a vendor) puts the ticket on hold and
/// bringing it back opens it again.
#[component]
pub fn EscalateDialog() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let open = page.escalate_open;
    let to = RwSignal::new(1u8);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let current = move || page.with(|d| d.ticket.tier).unwrap_or_default();
    // Each time it opens: the next tier up (down from the top), and no old error.
    Effect::new(move |_| {
        if open.get() {
            let tier = page.with_untracked(|d| d.ticket.tier).unwrap_or_default();
            to.set(tier.next().or(tier.prev()).map(|t| t.0).unwrap_or(0));
            error.set(None);
            focus_id("esc-reason");
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let r = reason.get_untracked();
        if r.trim().is_empty() {
            error.set(Some("Give a reason: it goes into the ticket's history.".into()));
            focus_id("esc-reason");
            return;
        }
        let target = Tier(to.get_untracked());
        let name = desk.config.with_untracked(|c| c.tier_name(target));
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = page.apply_with(move |t, h, ctx, ids| escalation::escalate(t, h, target, &r, ctx, ids)).await;
            if page.settle(result, format!("Moved #{} to {target} ({name}).", page.id), Some(error)) {
                open.set(false);
                reason.set(String::new());
            }
            busy.set(false);
        });
    };
    let tiers = move || desk.config.with(|c| (0..=Tier::MAX.0).map(|n| (n, c.tier_name(Tier(n)))).collect::<Vec<_>>());
    view! {
        <Dialog open=open title="Move to another tier".to_string()>
            <form class="form" on:submit=submit novalidate>
                <label for="esc-tier">"Move to"</label>
                <select id="esc-tier" prop:value=move || to.get().to_string()
                    on:change=move |ev| if let Ok(n) = event_target_value(&ev).parse() { to.set(n) }>
                    {move || {
                        let now = current();
                        tiers().into_iter().map(|(n, name)| {
                            let here = now.0 == n;
                            let label = if here { format!("Tier {n} — {name} (current)") } else { format!("Tier {n} — {name}") };
                            view! { <option value=n.to_string() disabled=here prop:selected=move || to.get() == n>{label}</option> }
                        }).collect_view()
                    }}
                </select>
                <label for="esc-reason">"Reason (required)"</label>
                <textarea id="esc-reason" rows="3" maxlength="200" aria-describedby="esc-help"
                    prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                <p id="esc-help" class="hint-text">
                    "The reason goes into the history. The assignee is cleared so the new tier picks an owner. "
                    "Tier 4 is an outside vendor: the ticket goes on hold while they work, and opens again when it comes back."
                </p>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=busy>"Move ticket"</button>
                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                </div>
            </form>
        </Dialog>
    }
}

/// Merge this ticket into another, after confirming which one.
#[component]
fn MergeDialog(open: RwSignal<bool>) -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let number = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let target = move || number.with(|n| n.trim().trim_start_matches('#').parse::<TicketId>().ok());
    let found = move || target().and_then(|id| desk.queue.with(|q| q.row(id).map(|r| (id, r.subject.clone()))));
    Effect::new(move |_| {
        if open.get() {
            error.set(None);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(keep) = target() else {
            error.set(Some("Enter the number of the ticket to keep, e.g. 42.".into()));
            return;
        };
        if keep == page.id {
            error.set(Some("A ticket cannot be merged into itself; enter the other ticket's number.".into()));
            return;
        }
        if found().is_none() {
            error.set(Some(format!("There is no ticket #{keep} in this desk.")));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match desk.merge(keep, &[page.id]).await {
                Ok(_) => {
                    desk.say(format!("Merged #{} into #{keep}.", page.id));
                    open.set(false);
                    number.set(String::new());
                }
                Err(StorageError::Invalid(d)) => error.set(Some(format!("{} Nothing was merged.", sentence(&d)))),
                Err(e) => error.set(Some(format!("Nothing was merged. {e}"))),
            }
            busy.set(false);
        });
    };
    view! {
        <Dialog open=open title="Merge into another ticket".to_string()>
            <form class="form" on:submit=submit novalidate>
                <p>"This ticket will be closed and point to the one you keep, which takes over its tags and watchers. Both histories stay."</p>
                <label for="merge-into">"Number of the ticket to keep"</label>
                <input id="merge-into" inputmode="numeric" autocomplete="off" placeholder="e.g. 42"
                    prop:value=number on:input=move |ev| number.set(event_target_value(&ev)) />
                <p class="merge-target">
                    {move || match (target(), found()) {
                        (None, _) => String::new(),
                        (Some(id), _) if id == page.id => "That is this ticket.".to_string(),
                        (Some(_), Some((id, subject))) => format!("Keep #{id}: {subject}"),
                        (Some(id), None) => format!("No ticket #{id} in this desk."),
                    }}
                </p>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get() || found().is_none()>
                        {move || match found() { Some((id, _)) if id != page.id => format!("Merge into #{id}"), _ => "Merge".to_string() }}
                    </button>
                    <button type="button" on:click=move |_| open.set(false)>"Cancel"</button>
                </div>
            </form>
        </Dialog>
    }
}
