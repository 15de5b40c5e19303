//! Form controls the settings sections share: a tags input and a group of checkboxes.

use leptos::prelude::*;

use crate::domain::model::{Priority, Tier};
use crate::ui::labels;

use super::texts::shell::t;

/// A list of words edited as removable chips plus a text field: Enter or a comma adds what
/// was typed, Backspace in the empty field removes the last one, leaving the field adds too.
#[component]
pub fn TagsInput(
    id: String,
    tags: RwSignal<Vec<String>>,
    /// What one entry is called, in the page's language, for the remove buttons ("skill" ->
    /// "Remove skill vpn").
    noun: &'static str,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let pending = RwSignal::new(String::new());
    let commit = move || {
        let text = pending.get_untracked();
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            let known = tags.with_untracked(|v| v.iter().any(|x| x.eq_ignore_ascii_case(word)));
            if !known {
                tags.update(|v| v.push(word.to_string()));
            }
        }
        pending.set(String::new());
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" | "," => {
            ev.prevent_default();
            commit();
        }
        "Backspace" if pending.with_untracked(String::is_empty) => {
            tags.update(|v| {
                v.pop();
            });
        }
        _ => {}
    };
    view! {
        <div class="tags-input">
            <ul class="chips">
                {move || tags.get().into_iter().map(|value| {
                    let gone = value.clone();
                    view! {
                        <li class="chip">
                            <span>{value.clone()}</span>
                            <button type="button" class="link" aria-label=(t().remove_chip)(noun, &value)
                                on:click=move |_| tags.update(|v| v.retain(|x| *x != gone))>"✕"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <input id=id placeholder=placeholder autocomplete="off" bind:value=pending on:keydown=on_key on:blur=move |_| commit() />
        </div>
    }
}

/// Checkboxes for picking several of `items` (value, label); `picked` holds the values.
#[component]
pub fn CheckGroup(legend: String, items: Vec<(String, String)>, picked: RwSignal<Vec<String>>) -> impl IntoView {
    view! {
        <fieldset class="checks">
            <legend>{legend}</legend>
            {items.into_iter().map(|(value, label)| {
                let v1 = value.clone();
                let v2 = value.clone();
                view! {
                    <label>
                        <input type="checkbox" value=value prop:checked=move || picked.with(|p| p.contains(&v1))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                picked.update(|p| {
                                    p.retain(|x| *x != v2);
                                    if on {
                                        p.push(v2.clone());
                                    }
                                });
                            } />
                        " "{label}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// "Tier 1 · Service desk": a tier and what it is for.
pub fn tier_label(t: Tier) -> String {
    format!("{} · {}", labels::tier(t), labels::tier_default_name(t))
}

/// Tiers 0-4 as checkbox items ("1", "Tier 1 · Service desk").
pub fn tier_items() -> Vec<(String, String)> {
    (0..=Tier::MAX.0).map(|t| (t.to_string(), tier_label(Tier(t)))).collect()
}

pub fn tier_keys(tiers: &[Tier]) -> Vec<String> {
    tiers.iter().map(|t| t.0.to_string()).collect()
}

/// Tier keys back to tiers, in order 0-4 whatever order they were ticked in.
pub fn tiers_of(keys: &[String]) -> Vec<Tier> {
    (0..=Tier::MAX.0).filter(|t| keys.contains(&t.to_string())).map(Tier).collect()
}

pub fn priority_items() -> Vec<(String, String)> {
    Priority::ALL.iter().map(|p| (p.as_str().to_string(), labels::priority(*p).to_string())).collect()
}

/// Priority keys back to priorities, most urgent first.
pub fn priorities_of(keys: &[String]) -> Vec<Priority> {
    Priority::ALL.into_iter().filter(|p| keys.iter().any(|k| k == p.as_str())).collect()
}
