//! Tags and watchers: lists of small chips, each removable, with a way to add one.

use leptos::prelude::*;

use super::use_page;
use crate::domain::ticket::Command;

use super::texts::side::t;

#[component]
pub fn Tags() -> impl IntoView {
    let page = use_page();
    let input = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let tags = move || page.with(|d| d.ticket.tags.clone()).unwrap_or_default();
    let set = move |next: Vec<String>, done: String| {
        leptos::task::spawn_local(async move {
            if page.exec(Command::SetTags(next), done, Some(error)).await {
                input.set(String::new());
            }
        });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = input.get_untracked();
        let new: Vec<String> = typed.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
        if new.is_empty() {
            return;
        }
        let mut next = tags();
        next.extend(new);
        set(next, t().tags_changed.into());
    };
    view! {
        <div class="chip-field">
            <span class="field-label" id="tags-label">{t().tags}</span>
            <ul class="chips" aria-labelledby="tags-label">
                {move || {
                    let all = tags();
                    if all.is_empty() {
                        return view! { <li class="muted">{t().no_tags}</li> }.into_any();
                    }
                    all.clone().into_iter().map(|tag| {
                        let rest: Vec<String> = all.iter().filter(|t| **t != tag).cloned().collect();
                        let label = (t().remove_tag)(&tag);
                        let done = (t().tag_removed)(&tag);
                        view! {
                            <li class="chip">
                                <span>{tag}</span>
                                <button type="button" class="link chip-remove" aria-label=label.clone() title=label
                                    on:click=move |_| set(rest.clone(), done.clone())>"×"</button>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
            <form class="chip-add" on:submit=add>
                <input aria-label=t().add_tag_label placeholder=t().add_tag prop:value=input
                    on:input=move |ev| input.set(event_target_value(&ev)) />
                <button type="submit">{t().add}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}

#[component]
pub fn Watchers() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let error = RwSignal::new(None::<String>);
    let watchers = move || page.with(|d| d.ticket.watchers.clone()).unwrap_or_default();
    let set = move |next: Vec<String>, done: String| page.fire(Command::SetWatchers(next), done, Some(error));
    let me_watching = move || desk.me.get().is_some_and(|me| watchers().contains(&me));
    let toggle_me = move |_| {
        let Some(me) = desk.me.get_untracked() else { return };
        let mut next = watchers();
        if next.contains(&me) {
            next.retain(|w| *w != me);
            set(next, t().stopped_watching.into());
        } else {
            next.push(me);
            set(next, t().watching.into());
        }
    };
    let others = move || {
        let w = watchers();
        desk.config.with(|c| c.agents.iter().filter(|a| !w.contains(&a.id)).map(|a| (a.id.clone(), a.name.clone())).collect::<Vec<_>>())
    };
    let add = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
        if id.is_empty() {
            return;
        }
        let name = desk.config.with_untracked(|c| c.agent_name(&id));
        let mut next = watchers();
        next.push(id);
        set(next, (t().now_watches)(&name));
    };
    view! {
        <div class="chip-field">
            <span class="field-label" id="watchers-label">{t().watchers}</span>
            <ul class="chips" aria-labelledby="watchers-label">
                {move || {
                    let all = watchers();
                    if all.is_empty() {
                        return view! { <li class="muted">{t().nobody}</li> }.into_any();
                    }
                    all.clone().into_iter().map(|id| {
                        let name = desk.config.with_untracked(|c| c.agent_name(&id));
                        let rest: Vec<String> = all.iter().filter(|w| **w != id).cloned().collect();
                        let label = (t().remove_watcher)(&name);
                        let done = (t().no_longer_watches)(&name);
                        view! {
                            <li class="chip">
                                <span>{name}</span>
                                <button type="button" class="link chip-remove" aria-label=label.clone() title=label
                                    on:click=move |_| set(rest.clone(), done.clone())>"×"</button>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
            <div class="chip-add">
                <select aria-label=t().add_watcher_label on:change=add>
                    <option value="">{t().add_watcher}</option>
                    {move || others().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                </select>
                <button type="button" disabled=move || desk.me.get().is_none() on:click=toggle_me>
                    {move || if me_watching() { t().stop_watching } else { t().watch }}
                </button>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </div>
    }
}
