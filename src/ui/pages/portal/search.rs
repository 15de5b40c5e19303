//! Search as you type over the public articles, and the result list with highlighted
//! matches (drawn as <mark> elements from the hit's ranges, never as HTML).

use leptos::prelude::*;

use super::state::use_portal;
use super::texts::t;
use super::PortalRoute;
use crate::domain::search::Hit;
use crate::ui::components::highlight::Highlighted;

/// How long the query must rest before it is recorded as a search (not every keystroke).
const SETTLE_MS: u32 = 1200;
pub const MAX_HITS: usize = 10;

/// The big search box of the home page; results show below it while there is a query.
#[component]
pub fn SearchBox() -> impl IntoView {
    let portal = use_portal();
    let typed = StoredValue::new(0u32);
    let on_input = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        portal.query.set(q.clone());
        typed.update_value(|n| *n += 1);
        let mine = typed.get_value();
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(SETTLE_MS).await;
            if typed.try_get_value() == Some(mine) {
                portal.searched(&q);
            }
        });
    };
    let hits = Memo::new(move |_| portal.query.with(|q| portal.library.search(q, MAX_HITS)));
    view! {
        <form class="portal-search" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="portal-search" class="sr-only">{t().search_label}</label>
            <svg class="search-icon" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
                <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.4"/>
                <line x1="15" y1="15" x2="21" y2="21" stroke="currentColor" stroke-width="2.6" stroke-linecap="round"/>
            </svg>
            <input id="portal-search" type="search" autocomplete="off" enterkeyhint="search"
                aria-describedby="portal-search-count" placeholder=t().search_placeholder
                prop:value=move || portal.query.get() on:input=on_input />
        </form>
        <p id="portal-search-count" class="portal-count" role="status">
            {move || portal.query.with(|q| !q.trim().is_empty()).then(|| {
                let n = hits.with(Vec::len);
                if n == 0 { t().no_results.to_string() } else { (t().found)(n) }
            })}
        </p>
        <Show when=move || hits.with(|h| !h.is_empty())>
            <HitList hits=Signal::derive(move || hits.get()) on_open=Callback::new(|_: String| ())/>
        </Show>
    }
}

/// A list of search hits; `on_open` hears which article is opened before the link is followed.
#[component]
pub fn HitList(hits: Signal<Vec<Hit>>, on_open: Callback<String>) -> impl IntoView {
    view! {
        <ul class="portal-results">
            {move || hits.get().into_iter().map(|h| {
                let href = PortalRoute::Article(h.id.clone()).href();
                let id = h.id.clone();
                view! {
                    <li>
                        <a href=href class="result" on:click=move |_| on_open.run(id.clone())>
                            <span class="result-title"><Highlighted text=h.title ranges=h.title_highlights/></span>
                            <span class="result-snippet"><Highlighted text=h.snippet ranges=h.snippet_highlights/></span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
