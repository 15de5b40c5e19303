//! This browser's data: where Tierdesk keeps the desk in this browser, and how much of it.

use leptos::prelude::*;

use crate::storage::SCHEMA_VERSION;
use crate::ui::state::use_desk;

use super::texts::who::t;

#[component]
pub fn BrowserData() -> impl IntoView {
    let desk = use_desk();
    let open = move || desk.queue.with(|q| q.rows().iter().filter(|r| r.is_open()).count());
    view! {
        <h2>{super::texts::shell::t().sections[8]}</h2>
        <p class="hint-text">{t().data_intro}</p>
        <dl class="facts card">
            <dt>{t().database}</dt><dd><code>{desk.db().name().to_string()}</code></dd>
            <dt>{t().schema}</dt><dd>{SCHEMA_VERSION}</dd>
            <dt>{t().tickets}</dt><dd>{move || desk.queue.with(|q| q.len())}</dd>
            <dt>{t().open_tickets}</dt><dd>{open}</dd>
            <dt>{t().agents}</dt><dd>{move || desk.config.with(|c| c.agents.len())}</dd>
            <dt>{t().calendars}</dt><dd>{move || desk.config.with(|c| c.calendars.len())}</dd>
        </dl>
    }
}
