//! One public article: its Markdown, "Was this helpful?", related articles, and the way on
//! (back to the request being written, or a new request).

use leptos::prelude::*;

use super::category::Crumbs;
use super::home::article_card;
use super::state::use_portal;
use super::texts::t;
use super::{PortalRoute, GENERAL};
use crate::domain::self_service::articles::related;
use crate::ui::components::markdown::Markdown;
use crate::ui::format;

const RELATED: usize = 4;

#[component]
pub fn ArticlePage(id: String) -> impl IntoView {
    let portal = use_portal();
    let key = id.clone();
    let article = Memo::new(move |_| portal.library.get(&key));
    // Counted once the article is known to be there (and public).
    let key = id.clone();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let here = article.with(Option::is_some);
        if here {
            portal.viewed(&key);
        }
        here
    });
    let key = id.clone();
    let related_list = Memo::new(move |_| {
        let Some(a) = article.get() else { return vec![] };
        portal.library.sorted(|all| related(&a, all, RELATED).into_iter().cloned().collect())
    });
    let back_to_request = move || {
        let item = portal.draft.with(|d| d.item.clone());
        (!item.is_empty() && portal.reading_suggestion()).then_some(item)
    };
    let request_href = move || PortalRoute::Request(back_to_request().unwrap_or_else(|| GENERAL.to_string())).href();
    move || {
        if !portal.library.loaded() {
            return view! { <p class="muted" role="status">{crate::ui::i18n::common().loading}</p> }.into_any();
        }
        let Some(a) = article.get() else {
            return view! {
                <section class="portal-page">
                    <h1>{t().article_missing}</h1>
                    <a class="button big" href=PortalRoute::Home.href()>{t().back_home}</a>
                </section>
            }
            .into_any();
        };
        let vote_key = key.clone();
        let voted = move || portal.voted.with(|v| v.iter().find(|(x, _)| *x == vote_key).map(|(_, y)| *y));
        let yes_key = key.clone();
        let no_key = key.clone();
        view! {
            <article class="portal-page portal-article" lang=a.language.clone()>
                <Crumbs path=a.category.clone()/>
                {back_to_request().map(|item| view! {
                    <p class="back-to-request"><a class="button" href=PortalRoute::Request(item).href()>"← "{t().back_to_request}</a></p>
                })}
                <h1>{a.title.clone()}</h1>
                {(!a.summary.is_empty()).then(|| view! { <p class="lead">{a.summary.clone()}</p> })}
                <p class="muted small">{(t().updated)(&format::date(a.updated_at))}</p>
                <div class="article-body"><Markdown source=a.body.clone()/></div>
            </article>
            <section class="portal-page helpful" aria-labelledby="helpful-q">
                <h2 id="helpful-q">{t().helpful_question}</h2>
                {move || match voted() {
                    Some(_) => view! { <p role="status" class="thanks"><span aria-hidden="true">"✓ "</span>{t().thanks_vote}</p> }.into_any(),
                    None => {
                        let (y, n) = (yes_key.clone(), no_key.clone());
                        view! {
                            <div class="vote">
                                <button type="button" class="big" on:click=move |_| portal.vote(&y, true)>{t().yes}</button>
                                <button type="button" class="big" on:click=move |_| portal.vote(&n, false)>{t().no}</button>
                            </div>
                        }
                        .into_any()
                    }
                }}
            </section>
            <Show when=move || related_list.with(|l| !l.is_empty())>
                <section class="portal-page">
                    <h2>{t().related}</h2>
                    <ul class="article-list">{move || related_list.get().iter().map(article_card).collect_view()}</ul>
                </section>
            </Show>
            <section class="portal-page portal-more">
                <h2>{t().still_need_help}</h2>
                <a class="button primary big" href=request_href>{t().send_request}</a>
            </section>
        }
        .into_any()
    }
}
