//! The ticket list: newest activity first, filtered as you type, one page at a time so the
//! DOM stays small however many tickets there are.

use leptos::prelude::*;

use crate::domain::humanize;
use crate::domain::model::Ticket;
use crate::ui::components::badges::{PriorityBadge, StatusBadge, TierBadge};
use crate::ui::route::Route;
use crate::ui::state::use_desk;

const PAGE: usize = 50;

fn matches(t: &Ticket, needle: &str) -> bool {
    needle.is_empty()
        || t.subject.to_lowercase().contains(needle)
        || t.requester.name.to_lowercase().contains(needle)
        || t.reference() == needle
        || t.id.to_string() == needle
}

#[component]
pub fn QueuePage(view: String) -> impl IntoView {
    let desk = use_desk();
    let _ = view;
    let (text, set_text) = signal(String::new());
    let (page, set_page) = signal(0usize);
    let rows = Memo::new(move |_| {
        let needle = text.get().trim().to_lowercase();
        desk.tickets.with(|all| {
            let mut hits: Vec<&Ticket> = all.iter().filter(|t| t.merged_into.is_none() && matches(t, &needle)).collect();
            hits.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
            let total = hits.len();
            let start = (page.get() * PAGE).min(total);
            let shown: Vec<Ticket> = hits[start..(start + PAGE).min(total)].iter().map(|t| (*t).clone()).collect();
            (total, shown)
        })
    });
    let total = move || rows.with(|r| r.0);
    let pages = move || total().div_ceil(PAGE).max(1);
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Tickets"</h1>
                <a class="button primary" href=Route::NewTicket.href()>"New ticket"</a>
            </div>
            <div class="toolbar">
                <label class="search">
                    <span class="sr-only">"Filter tickets"</span>
                    <input type="search" placeholder="Filter by subject, requester or #number"
                        prop:value=text
                        on:input=move |ev| { set_text.set(event_target_value(&ev)); set_page.set(0); } />
                </label>
                <span class="count" aria-live="polite">{move || format!("{} tickets", total())}</span>
            </div>
            <table class="tickets">
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">"Subject"</th>
                        <th scope="col">"Requester"</th>
                        <th scope="col">"Priority"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Tier"</th>
                        <th scope="col">"Assignee"</th>
                        <th scope="col">"Age"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get().1 key=|t| (t.id, t.rev) let:t>
                        <TicketRow t=t/>
                    </For>
                </tbody>
            </table>
            <Show when=move || total() == 0>
                <p class="empty">"No tickets match. " <a href=Route::NewTicket.href()>"Open a new ticket"</a></p>
            </Show>
            <nav class="pager" aria-label="Pages">
                <button disabled=move || page.get() == 0 on:click=move |_| set_page.update(|p| *p = p.saturating_sub(1))>"‹ Newer"</button>
                <span>{move || format!("Page {} of {}", page.get() + 1, pages())}</span>
                <button disabled=move || { page.get() + 1 >= pages() } on:click=move |_| set_page.update(|p| *p += 1)>"Older ›"</button>
            </nav>
        </section>
    }
}

#[component]
fn TicketRow(t: Ticket) -> impl IntoView {
    let desk = use_desk();
    let href = Route::Ticket(t.id).href();
    let assignee = t
        .assignee
        .as_ref()
        .map(|a| desk.config.with_untracked(|c| c.agent_name(a)))
        .unwrap_or_else(|| "—".into());
    let created = t.created_at;
    let age = move || humanize::short_age((desk.now.get() - created).num_minutes());
    view! {
        <tr>
            <td class="ref"><a href=href.clone()>{t.reference()}</a></td>
            <td class="subject"><a href=href>{t.subject.clone()}</a></td>
            <td>{t.requester.name.clone()}</td>
            <td><PriorityBadge priority=t.priority/></td>
            <td><StatusBadge status=t.status/></td>
            <td><TierBadge tier=t.tier/></td>
            <td>{assignee}</td>
            <td class="age">{age}</td>
        </tr>
    }
}
