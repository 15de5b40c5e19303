//! Settings: who works at this browser and, for admins, the desk's configuration, one
//! section per tab. Each section edits a draft and saves it with `Desk::save_config`, which
//! checks the whole configuration first; problems show beside their fields and in a list,
//! and nothing is saved until they are fixed.
//!
//! The open section is kept in the address (`#/settings?s=tiers`) with `replaceState`, so a
//! reload or a link comes back to it without a new history entry per tab.

mod agent_form;
mod agents;
mod calendar_editor;
mod calendars;
mod data;
mod form;
mod general;
mod groups;
mod paths;
mod policies;
mod rule_rows;
mod rules;
mod texts;
mod tiers;
mod who;
mod widgets;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Section {
    Who,
    Agents,
    Groups,
    Tiers,
    Calendars,
    Sla,
    Rules,
    General,
    Data,
}

impl Section {
    const ALL: [Section; 9] = [
        Section::Who,
        Section::Agents,
        Section::Groups,
        Section::Tiers,
        Section::Calendars,
        Section::Sla,
        Section::Rules,
        Section::General,
        Section::Data,
    ];

    fn key(self) -> &'static str {
        match self {
            Section::Who => "who",
            Section::Agents => "agents",
            Section::Groups => "groups",
            Section::Tiers => "tiers",
            Section::Calendars => "calendars",
            Section::Sla => "sla",
            Section::Rules => "rules",
            Section::General => "general",
            Section::Data => "data",
        }
    }

    fn label(self) -> &'static str {
        let i = Section::ALL.iter().position(|s| *s == self).unwrap_or(0);
        texts::shell::t().sections[i]
    }

    fn from_hash() -> Section {
        let hash = window().location().hash().unwrap_or_default();
        let query = hash.split_once('?').map(|(_, q)| q).unwrap_or("");
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix("s="))
            .and_then(|k| Section::ALL.into_iter().find(|s| s.key() == k))
            .unwrap_or(Section::Who)
    }

    fn panel(self) -> AnyView {
        match self {
            Section::Who => view! { <who::WhoAmI/> }.into_any(),
            Section::Agents => view! { <agents::Agents/> }.into_any(),
            Section::Groups => view! { <groups::Groups/> }.into_any(),
            Section::Tiers => view! { <tiers::Tiers/> }.into_any(),
            Section::Calendars => view! { <calendars::Calendars/> }.into_any(),
            Section::Sla => view! { <policies::Policies/> }.into_any(),
            Section::Rules => view! { <rules::Rules/> }.into_any(),
            Section::General => view! { <general::GeneralSettings/> }.into_any(),
            Section::Data => view! { <data::BrowserData/> }.into_any(),
        }
    }
}

fn remember(s: Section) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#/settings?s={}", s.key())));
    }
}

fn focus_tab(s: Section) {
    if let Some(el) = document().get_element_by_id(&format!("tab-{}", s.key())).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let current = RwSignal::new(Section::from_hash());
    // Panels are drawn on first visit and then kept, so a draft survives a look at another tab.
    let visited = RwSignal::new(vec![current.get_untracked()]);
    let select = move |s: Section| {
        current.set(s);
        remember(s);
        visited.update(|v| {
            if !v.contains(&s) {
                v.push(s);
            }
        });
    };
    // The tab list follows the ARIA tabs pattern: arrows move between tabs, Home/End jump.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = Section::ALL.iter().position(|s| *s == current.get_untracked()).unwrap_or(0);
        let n = Section::ALL.len();
        let to = match ev.key().as_str() {
            "ArrowDown" | "ArrowRight" => (i + 1) % n,
            "ArrowUp" | "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        select(Section::ALL[to]);
        focus_tab(Section::ALL[to]);
    };
    view! {
        <div class="settings-layout">
            <nav class="settings-nav" aria-label=texts::shell::t().sections_label>
                <h1 id="settings-title">{texts::shell::t().title}</h1>
                <div role="tablist" aria-orientation="vertical" aria-labelledby="settings-title" on:keydown=on_key>
                    {Section::ALL.into_iter().map(|s| view! {
                        <button type="button" role="tab" id=format!("tab-{}", s.key())
                            aria-controls=format!("panel-{}", s.key())
                            aria-selected=move || (current.get() == s).to_string()
                            tabindex=move || if current.get() == s { "0" } else { "-1" }
                            on:click=move |_| select(s)>
                            {s.label()}
                        </button>
                    }).collect_view()}
                </div>
            </nav>
            <div class="settings-panels">
                {Section::ALL.into_iter().map(|s| {
                    let shown = Memo::new(move |_| visited.with(|v| v.contains(&s)));
                    view! {
                        <section role="tabpanel" class="settings-panel" id=format!("panel-{}", s.key())
                            aria-labelledby=format!("tab-{}", s.key()) hidden=move || current.get() != s>
                            {move || shown.get().then(|| s.panel())}
                        </section>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}
