//! The ticket's main actions: take it, move it to another tier (with a required reason), and
//! merge it into another ticket.

use leptos::prelude::*;

use super::{focus_id, sentence, use_page};
use crate::domain::escalation;
use crate::domain::model::{Tier, TicketId};
use crate::domain::ticket::Command;
use crate::storage::StorageError;
use crate::ui::components::dialog::Dialog;
use crate::ui::errors;
use crate::ui::i18n::common;
use crate::ui::labels;

use super::texts::page::t;

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
        page.fire(Command::Assign { to: Some(me), reason: None }, (t().took)(page.id), None);
    };
    view! {
        <div class="ticket-actions" role="group" aria-label=t().actions>
            <Show
                when=mine
                fallback=move || view! {
                    <button type="button" class="primary" on:click=take
                        disabled=move || merged() || desk.me.get().is_none()
                        title=move || if desk.me.get().is_none() { t().take_need_me } else { t().take_title }>
                        {t().take}
                    </button>
                }
            >
                <span class="mine"><span aria-hidden="true">"✔ "</span>{t().yours}</span>
            </Show>
            <button type="button" aria-keyshortcuts="e" disabled=merged on:click=move |_| page.escalate_open.set(true)>
                {t().escalate_open}<kbd aria-hidden="true">"e"</kbd>
            </button>
            <button type="button" disabled=merged on:click=move |_| merge_open.set(true)>{t().merge_open}</button>
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
            error.set(Some(t().reason_needed.into()));
            focus_id("esc-reason");
            return;
        }
        let target = Tier(to.get_untracked());
        let name = desk.config.with_untracked(|c| labels::tier_name(c, target));
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = page.apply_with(move |t, h, ctx, ids| escalation::escalate(t, h, target, &r, ctx, ids)).await;
            if page.settle(result, (t().moved)(page.id, &labels::tier(target), &name), Some(error)) {
                open.set(false);
                reason.set(String::new());
            }
            busy.set(false);
        });
    };
    let tiers = move || desk.config.with(|c| (0..=Tier::MAX.0).map(|n| (n, labels::tier_name(c, Tier(n)))).collect::<Vec<_>>());
    view! {
        <Dialog open=open title=t().move_title.to_string()>
            <form class="form" on:submit=submit novalidate>
                <label for="esc-tier">{t().move_to}</label>
                <select id="esc-tier" prop:value=move || to.get().to_string()
                    on:change=move |ev| if let Ok(n) = event_target_value(&ev).parse() { to.set(n) }>
                    {move || {
                        let now = current();
                        tiers().into_iter().map(|(n, name)| {
                            let here = now.0 == n;
                            let label = (t().tier_option)(&labels::tier(Tier(n)), &name, here);
                            view! { <option value=n.to_string() disabled=here prop:selected=move || to.get() == n>{label}</option> }
                        }).collect_view()
                    }}
                </select>
                <label for="esc-reason">{t().reason}</label>
                <textarea id="esc-reason" rows="3" maxlength="200" aria-describedby="esc-help"
                    prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                <p id="esc-help" class="hint-text">
                    {t().move_help}
                    {t().vendor_help}
                </p>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=busy>{t().move_ticket}</button>
                    <button type="button" on:click=move |_| open.set(false)>{common().cancel}</button>
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
            error.set(Some(t().keep_number.into()));
            return;
        };
        if keep == page.id {
            error.set(Some(t().not_itself.into()));
            return;
        }
        if found().is_none() {
            error.set(Some((t().no_ticket)(keep)));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match desk.merge(keep, &[page.id]).await {
                Ok(_) => {
                    desk.say((t().merged)(page.id, keep));
                    open.set(false);
                    number.set(String::new());
                }
                Err(StorageError::Invalid(d)) => error.set(Some(format!("{} {}", sentence(&d), t().nothing_merged))),
                Err(e) => error.set(Some(format!("{} {}", t().nothing_merged, errors::storage(&e)))),
            }
            busy.set(false);
        });
    };
    view! {
        <Dialog open=open title=t().merge_title.to_string()>
            <form class="form" on:submit=submit novalidate>
                <p>{t().merge_explain}</p>
                <label for="merge-into">{t().keep_label}</label>
                <input id="merge-into" inputmode="numeric" autocomplete="off" placeholder=t().keep_placeholder
                    prop:value=number on:input=move |ev| number.set(event_target_value(&ev)) />
                <p class="merge-target">
                    {move || match (target(), found()) {
                        (None, _) => String::new(),
                        (Some(id), _) if id == page.id => t().that_is_this.to_string(),
                        (Some(_), Some((id, subject))) => (t().keep_this)(id, &subject),
                        (Some(id), None) => (t().no_ticket_short)(id),
                    }}
                </p>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || busy.get() || found().is_none()>
                        {move || match found() { Some((id, _)) if id != page.id => (t().merge_into)(id), _ => t().merge.to_string() }}
                    </button>
                    <button type="button" on:click=move |_| open.set(false)>{common().cancel}</button>
                </div>
            </form>
        </Dialog>
    }
}
