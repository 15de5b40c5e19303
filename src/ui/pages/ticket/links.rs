//! Links between tickets (related, parent/child, duplicate, problem/incident). A link is
//! recorded on both tickets, each from its own side, in one transaction.

use leptos::prelude::*;

use super::{sentence, use_page};
use crate::domain::model::{LinkKind, TicketId};
use crate::domain::ticket::{self, Command, DomainError, ErrorKind};
use crate::storage::StorageError;
use crate::ui::labels;
use crate::ui::state::Desk;

use super::texts::side::t;

/// Links (or unlinks) `a` to `b` as `kind`, and `b` to `a` as the inverse, written together:
/// either both tickets show the link or neither does.
pub async fn link_both(desk: Desk, a: TicketId, kind: LinkKind, b: TicketId, unlink: bool) -> Result<(), StorageError> {
    if a == b {
        return Err(DomainError::of("link", ErrorKind::SelfLink, "a ticket cannot link to itself").into());
    }
    let loaded = desk.db().tickets_with_events(&[a, b]).await?;
    let find = |id: TicketId| {
        loaded
            .iter()
            .find(|(t, _)| t.id == id)
            .cloned()
            .ok_or_else(|| StorageError::from(DomainError::of("ticket number", ErrorKind::NoSuchTicket { id }, format!("#{id} does not exist in this desk"))))
    };
    let (ta, ha) = find(a)?;
    let (tb, hb) = find(b)?;
    if let (false, Some(into)) = (unlink, tb.merged_into) {
        return Err(DomainError::of("ticket number", ErrorKind::LinkToMerged { other: b, into }, format!("#{b} was merged into #{into}; link to that ticket instead")).into());
    }
    let (cmd_a, cmd_b) = if unlink {
        (Command::Unlink { kind, other: b }, Command::Unlink { kind: kind.inverse(), other: a })
    } else {
        (Command::Link { kind, other: b }, Command::Link { kind: kind.inverse(), other: a })
    };
    let actor = desk.actor();
    let ca = desk.compute(ta, &ha, |t, h, ctx, ids| ticket::apply(t, h, cmd_a, ctx, ids), actor.clone())?;
    let cb = desk.compute(tb, &hb, |t, h, ctx, ids| ticket::apply(t, h, cmd_b, ctx, ids), actor)?;
    let changes: Vec<_> = [ca, cb].into_iter().filter(|c| !c.events.is_empty()).collect();
    desk.write(changes, true).await?;
    Ok(())
}

#[component]
pub fn Links() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let kind = RwSignal::new(LinkKind::Related);
    let number = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let merged = move || page.with(|d| d.ticket.merged_into.is_some()).unwrap_or(false);
    let links = move || page.with(|d| d.ticket.links.clone()).unwrap_or_default();

    let run = move |kind: LinkKind, other: TicketId, unlink: bool| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match link_both(desk, page.id, kind, other, unlink).await {
                Ok(()) => {
                    error.set(None);
                    number.set(String::new());
                    desk.say(if unlink { (t().unlinked)(other) } else { (t().linked)(page.id, other) });
                }
                Err(StorageError::Invalid(d)) => error.set(Some(sentence(&d))),
                Err(e) => page.failed(e, Some(error)),
            }
            busy.set(false);
        });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match number.get_untracked().trim().trim_start_matches('#').parse::<TicketId>() {
            Ok(other) => run(kind.get_untracked(), other, false),
            Err(_) => error.set(Some(t().other_number.into())),
        }
    };

    view! {
        <section class="links" aria-labelledby="links-heading">
            <h2 class="side-heading" id="links-heading">{t().linked_tickets}</h2>
            <ul class="link-list">
                {move || {
                    let all = links();
                    if all.is_empty() {
                        return view! { <li class="muted">{t().no_links}</li> }.into_any();
                    }
                    all.into_iter().map(|l| {
                        let other = l.other;
                        let subject = desk.queue.with(|q| q.row(other).map(|r| r.subject.clone())).unwrap_or_else(|| t().not_here.into());
                        let label = (t().remove_link)(other);
                        view! {
                            <li class="link-item" data-other=other.to_string()>
                                <span class="link-kind">{labels::link_kind(l.kind)}</span>" "
                                <a href=format!("#/tickets/{other}")>{format!("#{other}")}</a>" "
                                <span class="link-subject">{subject}</span>
                                <button type="button" class="link chip-remove" aria-label=label.clone() title=label
                                    disabled=move || busy.get() || merged()
                                    on:click=move |_| run(l.kind, other, true)>"×"</button>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
            <form class="link-add" on:submit=add>
                <label for="link-kind" class="sr-only">{t().link_kind}</label>
                <select id="link-kind" on:change=move |ev| if let Some(k) = LinkKind::parse(&event_target_value(&ev)) { kind.set(k) }>
                    {LinkKind::ALL.into_iter().map(|k| view! { <option value=k.as_str() prop:selected=move || kind.get() == k>{labels::link_kind(k)}</option> }).collect_view()}
                </select>
                <label for="link-other" class="sr-only">{t().link_number}</label>
                <input id="link-other" inputmode="numeric" placeholder="#" autocomplete="off" prop:value=number
                    on:input=move |ev| number.set(event_target_value(&ev)) />
                <button type="submit" disabled=move || busy.get() || merged()>{t().link}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}
