//! Finding an article from elsewhere: `ArticlePicker` (a search box with a short list of
//! hits to pick from; generic, any page can use it) and `TicketArticles`, the ticket page's
//! panel of answer articles: the linked ones, the picker to link another, and "turn the
//! resolution into an article".

use leptos::prelude::*;

use super::state::use_kb;
use super::texts::t;
use crate::domain::article::Audience;
use crate::domain::model::TicketId;
use crate::domain::search::{Filters, Query};
use crate::domain::ticket::Command;
use crate::ui::components::highlight::Highlighted;
use crate::ui::route::{KbRoute, Route};
use crate::ui::state::use_desk;

/// A search box over the knowledge base; choosing a hit calls `on_pick` with its id and
/// clears the box. Hits are buttons: Tab reaches them, Enter or Space picks.
#[component]
pub fn ArticlePicker(
    /// Called with the chosen article's id.
    on_pick: Callback<String>,
    /// Element id of the search box (unique on the page).
    #[prop(into)]
    id: String,
    /// The search box's visible label.
    #[prop(into)]
    label: String,
    /// Audiences offered; empty offers all.
    #[prop(optional)]
    audiences: Vec<Audience>,
    /// Ids not to offer (e.g. already linked).
    #[prop(optional, into)]
    exclude: MaybeProp<Vec<String>>,
    /// Most hits shown.
    #[prop(default = 6)]
    limit: usize,
    /// Disables picking (e.g. while a write runs, or on a merged ticket).
    #[prop(optional, into)]
    disabled: MaybeProp<bool>,
) -> impl IntoView {
    let kb = use_kb();
    let query = RwSignal::new(String::new());
    let filters = Filters { audiences, ..Filters::default() };
    let hits = Memo::new(move |_| {
        let q = query.get();
        if q.trim().is_empty() {
            return vec![];
        }
        let skip = exclude.get().unwrap_or_default();
        let mut hits = kb.search(&Query { text: q, filters: filters.clone(), limit: limit + skip.len() });
        hits.retain(|h| !skip.contains(&h.id));
        hits.truncate(limit);
        hits
    });
    let off = move || disabled.get().unwrap_or(false);
    let list_id = format!("{id}-hits");
    view! {
        <div class="picker">
            <label for=id.clone()>{label}</label>
            <input id=id type="search" autocomplete="off" spellcheck="false" placeholder=t().pick_placeholder
                aria-controls=list_id.clone() prop:value=query on:input=move |ev| query.set(event_target_value(&ev))/>
            <Show when=move || !query.with(|q| q.trim().is_empty())>
                <ul class="picker-results" id=list_id.clone() role="list" aria-live="polite">
                    {move || {
                        let list = hits.get();
                        if list.is_empty() {
                            return view! { <li class="muted">{t().pick_none}</li> }.into_any();
                        }
                        list.into_iter().map(|h| {
                            let pick_id = h.id.clone();
                            let audience = kb.articles.with_untracked(|l| l.iter().find(|a| a.id == h.id).map(|a| a.audience));
                            view! {
                                <li>
                                    <button type="button" class="picker-item" data-id=h.id.clone() aria-label=(t().link_this)(&h.title) disabled=off
                                        on:click=move |_| {
                                            query.set(String::new());
                                            on_pick.run(pick_id.clone());
                                        }>
                                        <span class="picker-title"><Highlighted text=h.title.clone() ranges=h.title_highlights.clone()/></span>
                                        {audience.map(|a| view! { <span class="muted">" · "{crate::ui::labels::audience(a)}</span> })}
                                    </button>
                                </li>
                            }
                        }).collect_view().into_any()
                    }}
                </ul>
            </Show>
        </div>
    }
}

/// The ticket page's "answer articles" panel. `articles` is the ticket's `articles` field as
/// the page shows it (it follows the page's reloads).
#[component]
pub fn TicketArticles(id: TicketId, #[prop(into)] articles: Signal<Vec<String>>, #[prop(optional, into)] disabled: MaybeProp<bool>) -> impl IntoView {
    let desk = use_desk();
    let kb = use_kb();
    let busy = RwSignal::new(false);
    let link = Callback::new(move |article: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let title = kb.title_of(&article).unwrap_or_else(|| article.clone());
            match desk.run(id, Command::LinkArticle(article), desk.actor()).await {
                Ok(_) => desk.say((t().linked_msg)(&title, &format!("#{id}"))),
                Err(e) => desk.fail((t().failed)(&e.to_string())),
            }
            busy.set(false);
        });
    });
    let off = Signal::derive(move || busy.get() || disabled.get().unwrap_or(false));
    view! {
        <section class="kb-ticket-panel" aria-labelledby="kb-panel-heading">
            <h2 class="side-heading" id="kb-panel-heading">{t().panel_heading}</h2>
            <ul class="kb-ticket-articles">
                {move || {
                    let ids = articles.get();
                    if ids.is_empty() {
                        return view! { <li class="muted">{t().panel_none}</li> }.into_any();
                    }
                    ids.into_iter().map(|a| {
                        let title = kb.title_of(&a).unwrap_or_else(|| (t().deleted_article)(&a));
                        view! { <li data-id=a.clone()><a href=Route::Kb(KbRoute::Article(a.clone())).href()>{title}</a></li> }
                    }).collect_view().into_any()
                }}
            </ul>
            <ArticlePicker on_pick=link id="ticket-article-search" label=t().pick_label
                audiences=vec![Audience::Public, Audience::Internal] exclude=articles disabled=off/>
            <a class="button small kb-make-draft" href=Route::Kb(KbRoute::NewFromTicket(id)).href()>{t().make_draft}</a>
        </section>
    }
}
