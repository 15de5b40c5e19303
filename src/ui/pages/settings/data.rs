//! This browser's data: where Tierdesk keeps the desk in this browser, and how much of it.

use leptos::prelude::*;

use crate::storage::SCHEMA_VERSION;
use crate::ui::state::use_desk;

#[component]
pub fn BrowserData() -> impl IntoView {
    let desk = use_desk();
    let open = move || desk.queue.with(|q| q.rows().iter().filter(|r| r.is_open()).count());
    view! {
        <h2>"This browser's data"</h2>
        <p class="hint-text">"Tierdesk keeps everything in this browser's IndexedDB; nothing is sent anywhere. Another browser, or a private window, has a desk of its own."</p>
        <dl class="facts card">
            <dt>"Database"</dt><dd><code>{desk.db().name().to_string()}</code></dd>
            <dt>"Schema version"</dt><dd>{SCHEMA_VERSION}</dd>
            <dt>"Tickets"</dt><dd>{move || desk.queue.with(|q| q.len())}</dd>
            <dt>"Open tickets"</dt><dd>{open}</dd>
            <dt>"Agents"</dt><dd>{move || desk.config.with(|c| c.agents.len())}</dd>
            <dt>"Calendars"</dt><dd>{move || desk.config.with(|c| c.calendars.len())}</dd>
        </dl>
    }
}
