//! Settings: who works at this browser, and facts about the local database.

use leptos::prelude::*;

use crate::storage::SCHEMA_VERSION;
use crate::ui::state::use_desk;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let desk = use_desk();
    let agents = move || desk.config.with(|c| c.agents.iter().map(|a| (a.id.clone(), a.name.clone(), a.tiers.iter().map(|t| t.0.to_string()).collect::<Vec<_>>().join(", "))).collect::<Vec<_>>());
    let choose = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        desk.set_me((!id.is_empty()).then_some(id));
    };
    view! {
        <section class="page narrow">
            <h1>"Settings"</h1>
            <h2>"Who am I"</h2>
            <label for="me-select">"The agent working at this browser"</label>
            <select id="me-select" on:change=choose>
                <option value="" selected=move || desk.me.get().is_none()>"Nobody (read only)"</option>
                {move || agents().into_iter().map(|(id, name, tiers)| {
                    let sel_id = id.clone();
                    view! { <option value=id selected=move || desk.me.get().as_deref() == Some(sel_id.as_str())>{format!("{name} — tiers {tiers}")}</option> }
                }).collect_view()}
            </select>
            <h2>"This browser's data"</h2>
            <dl class="facts">
                <dt>"Database"</dt><dd>{desk.db().name().to_string()}</dd>
                <dt>"Schema version"</dt><dd>{SCHEMA_VERSION}</dd>
                <dt>"Tickets"</dt><dd>{move || desk.queue.with(|q| q.len())}</dd>
            </dl>
        </section>
    }
}
