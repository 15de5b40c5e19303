//! The portal's home: the search box, topics to browse, popular articles, the service
//! catalog and the way to check a ticket.

use leptos::prelude::*;

use super::search::SearchBox;
use super::state::use_portal;
use super::texts::t;
use super::{PortalRoute, GENERAL};
use crate::domain::article::Article;
use crate::domain::kb::category_tree;
use crate::domain::self_service::articles::popular;

const POPULAR: usize = 6;

/// A link to an article with its summary, as the portal lists them.
pub fn article_card(a: &Article) -> impl IntoView {
    let foreign = !crate::domain::self_service::articles::same_language(&a.language, crate::ui::i18n::lang().tag());
    let lang_name = crate::ui::i18n::Lang::from_tag(&a.language).map(|l| l.name().to_string()).unwrap_or_else(|| a.language.clone());
    view! {
        <li>
            <a class="article-link" href=PortalRoute::Article(a.id.clone()).href()>
                <span class="article-title">{a.title.clone()}</span>
                {foreign.then(|| view! { <span class="lang-tag" lang=a.language.clone()>{lang_name}</span> })}
                <span class="article-summary">{a.summary.clone()}</span>
            </a>
        </li>
    }
}

#[component]
pub fn Home() -> impl IntoView {
    let portal = use_portal();
    let searching = move || portal.query.with(|q| !q.trim().is_empty());
    view! {
        <section class="portal-hero" aria-labelledby="portal-hero-title">
            <h1 id="portal-hero-title">{t().hero}</h1>
            <SearchBox/>
        </section>
        <Show when=move || !searching()>
            <Topics/>
            <Popular/>
            <Catalog/>
            <section class="portal-section portal-check" aria-labelledby="portal-check-title">
                <h2 id="portal-check-title">{t().check_ticket}</h2>
                <p>{t().check_intro}</p>
                <a class="button big" href=PortalRoute::Check(None).href()>{t().check_ticket}</a>
            </section>
        </Show>
    }
}

#[component]
fn Topics() -> impl IntoView {
    let portal = use_portal();
    let tree = Memo::new(move |_| portal.library.with_public(|all| category_tree(all.iter().map(|a| a.category.as_str()))));
    view! {
        <section class="portal-section" aria-labelledby="portal-topics-title">
            <h2 id="portal-topics-title">{t().topics}</h2>
            {move || {
                let nodes = tree.get();
                if nodes.is_empty() {
                    return view! { <p class="muted">{t().no_articles}</p> }.into_any();
                }
                view! {
                    <ul class="topic-grid">
                        {nodes.into_iter().map(|n| view! {
                            <li class="topic">
                                <a class="topic-main" href=PortalRoute::Category(n.path.clone()).href()>
                                    <span class="topic-name">{n.name.clone()}</span>
                                    <span class="topic-count">{(t().articles)(n.count)}</span>
                                </a>
                                {(!n.children.is_empty()).then(|| view! {
                                    <ul class="topic-children">
                                        {n.children.iter().map(|c| view! {
                                            <li><a href=PortalRoute::Category(c.path.clone()).href()>{c.name.clone()}</a></li>
                                        }).collect_view()}
                                    </ul>
                                })}
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Popular() -> impl IntoView {
    let portal = use_portal();
    let list = Memo::new(move |_| portal.library.sorted(|all| popular(all, POPULAR).into_iter().cloned().collect()));
    view! {
        <Show when=move || list.with(|l| !l.is_empty())>
            <section class="portal-section" aria-labelledby="portal-popular-title">
                <h2 id="portal-popular-title">{t().popular}</h2>
                <ul class="article-list">{move || list.get().iter().map(article_card).collect_view()}</ul>
            </section>
        </Show>
    }
}

#[component]
fn Catalog() -> impl IntoView {
    let portal = use_portal();
    let items = move || portal.desk.config.with(|c| c.catalog.clone());
    view! {
        <section class="portal-section" aria-labelledby="portal-catalog-title">
            <h2 id="portal-catalog-title">{t().catalog}</h2>
            <p class="muted">{t().catalog_intro}</p>
            <ul class="catalog-grid">
                {move || items().into_iter().map(|i| view! {
                    <li>
                        <a class="catalog-item" href=PortalRoute::Request(i.id.clone()).href()>
                            <span class="catalog-name">{i.name}</span>
                            <span class="catalog-desc">{i.description}</span>
                        </a>
                    </li>
                }).collect_view()}
                <li>
                    <a class="catalog-item" href=PortalRoute::Request(GENERAL.into()).href()>
                        <span class="catalog-name">{t().general_request}</span>
                        <span class="catalog-desc">{t().general_request_desc}</span>
                    </a>
                </li>
            </ul>
        </section>
    }
}
