//! Queues: the views with their live counts, filters and sort, one page of tickets at a time
//! (the DOM stays small at 100,000 tickets), keyboard triage and bulk actions.

use leptos::html;
use leptos::prelude::*;

use crate::domain::model::{Priority, Status, TicketId, Tier};
use crate::domain::queue::{Filter, OwnerFilter, Sort, TicketRow, View};
use crate::ui::components::badges::{PriorityBadge, StatusBadge, TierBadge};
use crate::ui::components::sla_badge::SlaBadge;
use crate::ui::pages::bulk::BulkBar;
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_desk;
use crate::ui::{format, labels};

mod texts;
use texts::{t, view_name};

pub const PER_PAGE: usize = 50;

/// The ad-hoc filter the agent sets on top of the view.
#[derive(Clone, Default, PartialEq)]
struct Refine {
    text: String,
    status: Option<Status>,
    tier: Option<Tier>,
    priority: Option<Priority>,
    owner: Option<OwnerFilter>,
    sort: Option<Sort>,
}

fn combined(view: &View, r: &Refine) -> (Filter, Sort) {
    let mut f = view.filter.clone();
    if !r.text.trim().is_empty() {
        f.text = format!("{} {}", f.text, r.text).trim().to_string();
    }
    if let Some(s) = r.status {
        f.statuses = vec![s];
    }
    if let Some(t) = r.tier {
        f.tiers = vec![t];
    }
    if let Some(p) = r.priority {
        f.priorities = vec![p];
    }
    if let Some(o) = &r.owner {
        f.owner = o.clone();
    }
    (f, r.sort.unwrap_or(view.sort))
}

#[component]
pub fn QueuePage(view: String) -> impl IntoView {
    let desk = use_desk();
    let view_id = view.clone();
    let current = Memo::new(move |_| {
        desk.queue.with(|q| q.views().iter().find(|v| v.id == view_id).cloned())
    });
    let refine = RwSignal::new(Refine::default());
    let page = RwSignal::new(0usize);
    let cursor = RwSignal::new(0usize);
    let selected = RwSignal::new(Vec::<TicketId>::new());
    let save_open = RwSignal::new(false);

    // Re-query when the view, the filter, the page, the data or (for SLA views) the clock changes.
    let result = Memo::new(move |_| {
        let Some(view) = current.get() else { return None };
        let (filter, sort) = combined(&view, &refine.get());
        let now = if filter.depends_on_time() || sort == Sort::Due { desk.now.get() } else { desk.now.get_untracked() };
        let p = page.get();
        Some(desk.queue.with(|q| q.page(&filter, sort, now, p, PER_PAGE)))
    });
    let total = move || result.with(|r| r.as_ref().map(|p| p.total).unwrap_or(0));
    let pages = move || total().div_ceil(PER_PAGE).max(1);
    let rows = move || result.with(|r| r.as_ref().map(|p| p.rows.clone()).unwrap_or_default());

    let search_ref = NodeRef::<html::Input>::new();
    let set = move |f: &dyn Fn(&mut Refine)| {
        refine.update(|r| f(r));
        page.set(0);
        cursor.set(0);
    };

    // Keyboard triage on the list: j/k move, Enter opens, x selects.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || crate::ui::keys::typing(&ev) {
            return;
        }
        let n = result.with_untracked(|r| r.as_ref().map(|p| p.rows.len()).unwrap_or(0));
        match ev.key().as_str() {
            "j" | "ArrowDown" => {
                ev.prevent_default();
                if cursor.get_untracked() + 1 < n {
                    cursor.update(|c| *c += 1);
                } else if page.get_untracked() + 1 < pages() {
                    page.update(|p| *p += 1);
                    cursor.set(0);
                }
                crate::ui::keys::focus_row(cursor.get_untracked());
            }
            "k" | "ArrowUp" => {
                ev.prevent_default();
                if cursor.get_untracked() > 0 {
                    cursor.update(|c| *c -= 1);
                } else if page.get_untracked() > 0 {
                    page.update(|p| *p -= 1);
                    cursor.set(PER_PAGE - 1);
                }
                crate::ui::keys::focus_row(cursor.get_untracked());
            }
            "Enter" => {
                if let Some(r) = result.with_untracked(|r| r.as_ref().and_then(|p| p.rows.get(cursor.get_untracked()).cloned())) {
                    ev.prevent_default();
                    navigate(&Route::Ticket(r.id));
                }
            }
            "x" => {
                if let Some(r) = result.with_untracked(|r| r.as_ref().and_then(|p| p.rows.get(cursor.get_untracked()).cloned())) {
                    ev.prevent_default();
                    selected.update(|s| toggle(s, r.id));
                }
            }
            _ => {}
        }
    };

    let select_page = move |on: bool| {
        let ids: Vec<TicketId> = rows().iter().map(|r| r.id).collect();
        selected.update(|s| {
            for id in ids {
                let has = s.contains(&id);
                if on && !has {
                    s.push(id);
                } else if !on && has {
                    s.retain(|x| *x != id);
                }
            }
        });
    };
    let select_all_matching = move |_| {
        let Some(view) = current.get_untracked() else { return };
        let (filter, sort) = combined(&view, &refine.get_untracked());
        let now = desk.now.get_untracked();
        selected.set(desk.queue.with_untracked(|q| q.ids(&filter, sort, now)));
    };
    // "Export CSV": the selection, or every ticket this queue shows.
    let matching = move |_: ()| {
        let Some(view) = current.get_untracked() else { return (String::new(), vec![]) };
        let (filter, sort) = combined(&view, &refine.get_untracked());
        let now = desk.now.get_untracked();
        (view.id.clone(), desk.queue.with_untracked(|q| q.ids(&filter, sort, now)))
    };
    let page_all_selected = move || {
        let ids: Vec<TicketId> = rows().iter().map(|r| r.id).collect();
        !ids.is_empty() && selected.with(|s| ids.iter().all(|id| s.contains(id)))
    };

    let agents = move || desk.config.with(|c| c.agents.iter().map(|a| (a.id.clone(), a.name.clone())).collect::<Vec<_>>());

    view! {
        <div class="queue-layout">
            <ViewList current=view.clone()/>
            <section class="page queue" aria-labelledby="queue-title" on:keydown=on_key>
                <div class="page-head">
                    <h1 id="queue-title">{move || current.get().map(|v| view_name(&v)).unwrap_or_else(|| t().unknown_view.into())}</h1>
                    <a class="button primary" href=Route::NewTicket.href() aria-keyshortcuts="c">{t().new_ticket}</a>
                </div>
                <Show when=move || current.get().is_some() fallback=|| view! {
                    <p>{t().no_view}<a href="#/tickets">{t().show_all}</a></p>
                }>
                <div class="toolbar filters" role="search">
                    <label class="search">
                        <span class="sr-only">{t().filter_label}</span>
                        <input type="search" id="queue-search" node_ref=search_ref aria-keyshortcuts="/"
                            placeholder=t().filter_placeholder
                            prop:value=move || refine.with(|r| r.text.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); set(&|r| r.text = v.clone()); }
                            on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "ArrowDown" {
                                ev.prevent_default();
                                cursor.set(0);
                                crate::ui::keys::focus_row(0);
                            } />
                    </label>
                    <label>
                        <span class="sr-only">{t().status}</span>
                        <select aria-label=t().status on:change=move |ev| { let v = Status::parse(&event_target_value(&ev)); set(&|r| r.status = v); }>
                            <option value="">{t().any_status}</option>
                            {Status::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{labels::status(s)}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span class="sr-only">{t().tier}</span>
                        <select aria-label=t().tier on:change=move |ev| { let v = event_target_value(&ev).parse::<u8>().ok().map(Tier); set(&|r| r.tier = v); }>
                            <option value="">{t().any_tier}</option>
                            {(0..=4u8).map(|n| view! { <option value=n.to_string()>{labels::tier(Tier(n))}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span class="sr-only">{t().priority}</span>
                        <select aria-label=t().priority on:change=move |ev| { let v = Priority::parse(&event_target_value(&ev)); set(&|r| r.priority = v); }>
                            <option value="">{t().any_priority}</option>
                            {Priority::ALL.into_iter().map(|p| view! { <option value=p.as_str()>{labels::priority(p)}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span class="sr-only">{t().assignee}</span>
                        <select aria-label=t().assignee on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let o = match v.as_str() { "" => None, "-me" => Some(OwnerFilter::Me), "-nobody" => Some(OwnerFilter::Nobody), a => Some(OwnerFilter::Agent(a.to_string())) };
                            set(&|r| r.owner = o.clone());
                        }>
                            <option value="">{t().anyone}</option>
                            <option value="-me">{t().me}</option>
                            <option value="-nobody">{t().unassigned}</option>
                            {move || agents().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>
                        <span class="sr-only">{t().sort}</span>
                        <select aria-label=t().sort on:change=move |ev| { let v = Sort::parse(&event_target_value(&ev)); set(&|r| r.sort = v); }>
                            <option value="">{t().views_sort}</option>
                            {Sort::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{labels::sort(s)}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" on:click=move |_| save_open.set(true)>{t().save_view}</button>
                    <crate::ui::pages::backup::ExportCsvButton selected=selected matching=matching/>
                    <span class="count" aria-live="polite">{move || (t().count)(total())}</span>
                </div>
                <BulkBar selected=selected/>
                <table class="tickets" aria-describedby="queue-keys">
                    <thead>
                        <tr>
                            <th scope="col" class="check">
                                <input type="checkbox" aria-label=t().select_page
                                    prop:checked=page_all_selected
                                    on:change=move |ev| select_page(event_target_checked(&ev)) />
                            </th>
                            <th scope="col">"#"</th>
                            <th scope="col">{t().subject}</th>
                            <th scope="col">{t().requester}</th>
                            <th scope="col">{t().priority}</th>
                            <th scope="col">{t().status}</th>
                            <th scope="col">{t().tier}</th>
                            <th scope="col">{t().assignee}</th>
                            <th scope="col">"SLA"</th>
                            <th scope="col">{t().age}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows().into_iter().enumerate() key=|(i, r)| (*i, r.id, r.rev) let:item>
                            <QueueRow index=item.0 row=item.1 cursor=cursor selected=selected/>
                        </For>
                    </tbody>
                </table>
                <Show when=move || total() == 0>
                    <p class="empty">{t().empty}<a href=Route::NewTicket.href()>{t().open_new}</a></p>
                </Show>
                <nav class="pager" aria-label=t().pages>
                    <button disabled=move || page.get() == 0 on:click=move |_| { page.update(|p| *p = p.saturating_sub(1)); cursor.set(0); }>{t().previous}</button>
                    <span>{move || (t().page_of)(page.get() + 1, pages())}</span>
                    <button disabled=move || { page.get() + 1 >= pages() } on:click=move |_| { page.update(|p| *p += 1); cursor.set(0); }>{t().next}</button>
                    <Show when=move || { total() > 0 && selected.with(|s| s.len()) < total() }>
                        <button class="link" on:click=select_all_matching>{move || (t().select_all)(total())}</button>
                    </Show>
                </nav>
                <p id="queue-keys" class="hint">{t().keys_hint}</p>
                </Show>
                <SaveViewDialog open=save_open current=current refine=refine/>
            </section>
        </div>
    }
}

fn toggle(list: &mut Vec<TicketId>, id: TicketId) {
    if let Some(i) = list.iter().position(|x| *x == id) {
        list.remove(i);
    } else {
        list.push(id);
    }
}

#[component]
fn QueueRow(index: usize, row: TicketRow, cursor: RwSignal<usize>, selected: RwSignal<Vec<TicketId>>) -> impl IntoView {
    let desk = use_desk();
    let id = row.id;
    let href = Route::Ticket(id).href();
    let assignee = row
        .assignee
        .as_ref()
        .map(|a| desk.config.with_untracked(|c| c.agent_name(a)))
        .unwrap_or_else(|| "—".into());
    let created = row.created_at;
    let age = move || format::age((desk.now.get() - created).num_minutes());
    let is_cursor = move || cursor.get() == index;
    let is_selected = move || selected.with(|s| s.contains(&id));
    let open = row.is_open();
    view! {
        <tr class:cursor=is_cursor class:selected=is_selected aria-selected=move || is_selected().to_string()
            tabindex=move || if is_cursor() { "0" } else { "-1" } data-row=index
            on:focus=move |_| cursor.set(index)
            on:click=move |_| cursor.set(index)>
            <td class="check">
                <input type="checkbox" aria-label=(t().select_one)(id) tabindex="-1"
                    prop:checked=is_selected on:change=move |_| selected.update(|s| toggle(s, id)) />
            </td>
            <td class="ref"><a href=href.clone() tabindex="-1">{row.reference()}</a></td>
            <td class="subject"><a href=href>{row.subject.clone()}</a></td>
            <td>{row.requester.clone()}</td>
            <td><PriorityBadge priority=row.priority/></td>
            <td><StatusBadge status=row.status/></td>
            <td><TierBadge tier=row.tier/></td>
            <td>{assignee}</td>
            <td><SlaBadge sla=row.sla.clone() open=open/></td>
            <td class="age">{age}</td>
        </tr>
    }
}

/// The views with their counts. Counts come from the queue index (kept up to date change by
/// change); the SLA views follow the clock.
#[component]
fn ViewList(current: String) -> impl IntoView {
    let desk = use_desk();
    let items = move || {
        let now = desk.now.get();
        desk.queue.with(|q| {
            q.views()
                .iter()
                .enumerate()
                .map(|(i, v)| (v.id.clone(), view_name(v), q.count(i, now), v.builtin))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <nav class="views" aria-label=t().queues>
            <h2 class="sr-only">{t().queues}</h2>
            <ul>
                {move || items().into_iter().map(|(id, name, count, builtin)| {
                    let active = id == current;
                    let href = if id == "all" { "#/tickets".to_string() } else { format!("#/queue/{id}") };
                    view! {
                        <li class:saved=!builtin>
                            <a href=href class:active=active aria-current=active.then_some("page")>
                                <span>{name}</span>
                                <span class="view-count">{count}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// Saves the current view plus the refinements as a named view of this browser.
#[component]
fn SaveViewDialog(open: RwSignal<bool>, current: Memo<Option<View>>, refine: RwSignal<Refine>) -> impl IntoView {
    let desk = use_desk();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            error.set(Some(t().name_view.into()));
            return;
        }
        let Some(base) = current.get_untracked() else { return };
        let (filter, sort) = combined(&base, &refine.get_untracked());
        let id = format!("v-{}", n.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect::<String>());
        if desk.queue.with_untracked(|q| q.views().iter().any(|v| v.id == id)) {
            error.set(Some((t().view_exists)(&n)));
            return;
        }
        let view = View { id: id.clone(), name: n, filter, sort, builtin: false };
        let mut views = desk.queue.with_untracked(|q| q.views().to_vec());
        views.push(view);
        let saved: Vec<View> = views.iter().filter(|v| !v.builtin).cloned().collect();
        desk.queue.update(|q| q.set_views(views));
        let db = desk.db();
        leptos::task::spawn_local(async move {
            match db.set_meta("views", &saved).await {
                Ok(()) => {
                    open.set(false);
                    name.set(String::new());
                    navigate(&Route::Queue(id));
                }
                Err(e) => error.set(Some(crate::ui::errors::storage(&e))),
            }
        });
    };
    view! {
        <crate::ui::components::dialog::Dialog open=open title=t().save_view_title.to_string()>
            <form class="form" on:submit=save>
                <label for="view-name">{t().name}</label>
                <input id="view-name" prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="primary">{crate::ui::i18n::common().save}</button>
                    <button type="button" on:click=move |_| open.set(false)>{crate::ui::i18n::common().cancel}</button>
                </div>
            </form>
        </crate::ui::components::dialog::Dialog>
    }
}
