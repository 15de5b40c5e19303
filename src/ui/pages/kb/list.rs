//! Search and browse: search-as-you-type over titles, summaries, tags and text (ranked, with
//! prefixes and typo tolerance, matches highlighted), filtered by a category tree, audience
//! and language. Without a query the list shows the filtered articles, newest first.

use std::collections::HashMap;

use leptos::prelude::*;

use super::state::{use_kb, ListState};
use super::texts::t;
use super::widgets::{helpful_text, language_name, AudienceBadge, KbNav, Tab, WhenLoaded};
use crate::domain::article::{Article, Audience};
use crate::domain::kb::{category_tree, passes, CategoryNode};
use crate::domain::search::{Hit, Query};
use crate::ui::components::highlight::Highlighted;
use crate::ui::route::{KbRoute, Route};

/// Most hits shown for a query; a page of the unsearched list.
const HITS: usize = 100;
const PAGE: usize = 50;

#[derive(Clone, PartialEq)]
enum Rows {
    Hits(Vec<Hit>),
    /// A page of the filtered articles and how many pass the filters in all.
    Articles(Vec<Article>, usize),
}

#[component]
pub fn KbList() -> impl IntoView {
    view! {
        <section class="page kb-page">
            <h1>{t().title}</h1>
            <KbNav tab=Tab::Articles/>
            <WhenLoaded><ListBody/></WhenLoaded>
        </section>
    }
}

#[component]
fn ListBody() -> impl IntoView {
    let kb = use_kb();
    let list = kb.list;
    let rows = Memo::new(move |_| {
        let st = list.get();
        if st.query.trim().is_empty() {
            kb.articles.with(|all| {
                let mut passing: Vec<&Article> = all.iter().filter(|a| passes(&st.filters, a)).collect();
                passing.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then_with(|| a.title.cmp(&b.title)));
                let total = passing.len();
                Rows::Articles(passing.into_iter().take(st.shown.max(PAGE)).cloned().collect(), total)
            })
        } else {
            Rows::Hits(kb.search(&Query { text: st.query.clone(), filters: st.filters.clone(), limit: HITS }))
        }
    });
    let by_id = Memo::new(move |_| kb.articles.with(|l| l.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect::<HashMap<String, usize>>()));
    let article = move |id: &str| by_id.with_untracked(|m| m.get(id).copied()).and_then(|i| kb.articles.with_untracked(|l| l.get(i).cloned()));

    let count = move || match rows.get() {
        Rows::Hits(h) => (t().n_results)(h.len()),
        Rows::Articles(_, total) => (t().n_articles)(total),
    };
    let body = move || match rows.get() {
        Rows::Hits(hits) if hits.is_empty() => view! { <p class="empty">{t().no_results}</p> }.into_any(),
        Rows::Articles(list, _) if list.is_empty() => view! { <p class="empty">{t().no_articles}</p> }.into_any(),
        Rows::Hits(hits) => view! {
            <ol class="kb-results">
                {hits.into_iter().filter_map(|h| article(&h.id).map(|a| view! {
                    <ResultRow article=a title=h.title ranges=h.title_highlights snippet=h.snippet snippet_ranges=h.snippet_highlights/>
                })).collect_view()}
            </ol>
        }
        .into_any(),
        Rows::Articles(list, total) => {
            let more = total > list.len();
            view! {
                <ol class="kb-results">
                    {list.into_iter().map(|a| {
                        let (title, summary) = (a.title.clone(), a.summary.clone());
                        view! { <ResultRow article=a title=title ranges=vec![] snippet=summary snippet_ranges=vec![]/> }
                    }).collect_view()}
                </ol>
                <Show when=move || more>
                    <div class="pager">
                        <button type="button" on:click=move |_| list_more(kb.list)>{t().show_more}</button>
                    </div>
                </Show>
            }
            .into_any()
        }
    };

    view! {
        <div class="kb-layout">
            <Filters/>
            <div class="kb-main">
                <div class="toolbar">
                    <label class="search">
                        <span class="sr-only">{t().search_label}</span>
                        <input id="kb-search" type="search" autocomplete="off" spellcheck="false"
                            placeholder=t().search_placeholder aria-label=t().search_label
                            prop:value=move || list.with(|l| l.query.clone())
                            on:input=move |ev| {
                                let q = event_target_value(&ev);
                                list.update(|l| {
                                    l.query = q;
                                    l.shown = PAGE;
                                });
                            }/>
                    </label>
                    <span class="count" role="status" aria-live="polite">{count}</span>
                </div>
                {body}
            </div>
        </div>
    }
}

fn list_more(s: RwSignal<ListState>) {
    s.update(|l| l.shown = l.shown.max(PAGE) + PAGE);
}

/// One article in the list: highlighted title and snippet, then what it is about.
#[component]
fn ResultRow(article: Article, title: String, ranges: Vec<(usize, usize)>, snippet: String, snippet_ranges: Vec<(usize, usize)>) -> impl IntoView {
    let href = Route::Kb(KbRoute::Article(article.id.clone())).href();
    let category = if article.category.is_empty() { t().no_category.to_string() } else { article.category.replace('/', " › ") };
    view! {
        <li class="kb-row" data-id=article.id.clone()>
            <a class="kb-row-title" href=href><Highlighted text=title ranges=ranges/></a>
            <p class="kb-row-snippet"><Highlighted text=snippet ranges=snippet_ranges/></p>
            <p class="kb-row-meta">
                <AudienceBadge audience=article.audience/>
                <span>{category}</span>
                <span>{language_name(&article.language)}</span>
                <span>{(t().updated_on)(&crate::ui::format::date(article.updated_at))}</span>
                <span>{(t().n_views)(article.views)}</span>
                <span>{helpful_text(&article)}</span>
            </p>
        </li>
    }
}

/// The filter panel: category tree, audiences, language.
#[component]
fn Filters() -> impl IntoView {
    let kb = use_kb();
    let list = kb.list;
    let tree = Memo::new(move |_| kb.articles.with(|l| category_tree(l.iter().map(|a| a.category.as_str()))));
    let languages = Memo::new(move |_| {
        let mut langs: Vec<String> = kb.articles.with(|l| l.iter().map(|a| a.language.clone()).collect());
        langs.sort();
        langs.dedup();
        langs
    });
    let selected = move || list.with(|l| l.filters.category.clone());
    let set_category = move |c: Option<String>| list.update(|l| l.filters.category = c);
    let audience_on = move |a: Audience| list.with(|l| l.filters.audiences.contains(&a));
    let toggle = move |a: Audience, on: bool| {
        list.update(|l| {
            l.filters.audiences.retain(|x| *x != a);
            if on {
                l.filters.audiences.push(a);
            }
        })
    };
    view! {
        <aside class="kb-filters" aria-label=t().filters>
            <fieldset class="kb-audiences">
                <legend>{t().audience}</legend>
                {Audience::ALL.into_iter().map(|a| view! {
                    <label>
                        <input type="checkbox" prop:checked=move || audience_on(a)
                            on:change=move |ev| toggle(a, event_target_checked(&ev))/>
                        " "{crate::ui::labels::audience(a)}
                    </label>
                }).collect_view()}
            </fieldset>
            <label for="kb-language" class="side-heading">{t().language}</label>
            <select id="kb-language" on:change=move |ev| {
                let v = event_target_value(&ev);
                list.update(|l| l.filters.language = (!v.is_empty()).then_some(v));
            }>
                <option value="" prop:selected=move || list.with(|l| l.filters.language.is_none())>{t().all_languages}</option>
                {move || languages.get().into_iter().map(|tag| {
                    let value = tag.clone();
                    let is = tag.clone();
                    view! { <option value=value prop:selected=move || list.with(|l| l.filters.language.as_deref() == Some(is.as_str()))>{language_name(&tag)}</option> }
                }).collect_view()}
            </select>
            <button type="button" class="link kb-clear" on:click=move |_| list.update(|l| l.filters = Default::default())>{t().clear_filters}</button>
            <h2 class="side-heading">{t().categories}</h2>
            <ul class="kb-tree" role="list">
                <li>
                    <button type="button" class="tree-item" aria-pressed=move || selected().is_none().to_string()
                        on:click=move |_| set_category(None)>
                        {t().all_categories}" "<span class="count">{move || kb.articles.with(Vec::len)}</span>
                    </button>
                </li>
                {move || tree.get().into_iter().map(|n| tree_node(n, selected, set_category)).collect_view()}
            </ul>
        </aside>
    }
}

fn tree_node(n: CategoryNode, selected: impl Fn() -> Option<String> + Copy + Send + Sync + 'static, set: impl Fn(Option<String>) + Copy + Send + Sync + 'static) -> AnyView {
    let path = n.path.clone();
    let is = path.clone();
    let pressed = move || selected().is_some_and(|s| s.eq_ignore_ascii_case(&is));
    let kids = n.children.into_iter().map(|c| tree_node(c, selected, set)).collect::<Vec<_>>();
    let has_kids = !kids.is_empty();
    view! {
        <li>
            <button type="button" class="tree-item" aria-pressed=move || pressed().to_string()
                on:click=move |_| set(Some(path.clone()))>
                {n.name}" "<span class="count">{n.count}</span>
            </button>
            {has_kids.then(|| view! { <ul role="list">{kids}</ul> })}
        </li>
    }
    .into_any()
}
