//! One topic: its subtopics and the public articles in it and below it.

use leptos::prelude::*;

use super::home::article_card;
use super::state::use_portal;
use super::texts::t;
use super::PortalRoute;
use crate::domain::kb::{category_tree, CategoryNode};
use crate::domain::self_service::articles::{in_category, segments};

/// The trail of links from the home page down to `path` (the last step is the page itself).
#[component]
pub fn Crumbs(path: String, #[prop(optional)] last_is_page: bool) -> impl IntoView {
    let segs: Vec<String> = segments(&path).into_iter().map(String::from).collect();
    let n = segs.len();
    view! {
        <nav class="crumbs" aria-label=t().breadcrumb>
            <a href=PortalRoute::Home.href()>{t().help_center}</a>
            {segs.iter().enumerate().map(|(i, s)| {
                let here = segs[..=i].join("/");
                let current = last_is_page && i + 1 == n;
                view! {
                    <span aria-hidden="true">" › "</span>
                    <a href=PortalRoute::Category(here).href() aria-current=current.then_some("page")>{s.clone()}</a>
                }
            }).collect_view()}
        </nav>
    }
}

fn find<'a>(nodes: &'a [CategoryNode], path: &str) -> Option<&'a CategoryNode> {
    for n in nodes {
        if in_category(path, &n.path) && in_category(&n.path, path) {
            return Some(n);
        }
        if in_category(path, &n.path) {
            return find(&n.children, path);
        }
    }
    None
}

#[component]
pub fn CategoryPage(path: String) -> impl IntoView {
    let portal = use_portal();
    let name = segments(&path).last().map(|s| s.to_string()).unwrap_or_default();
    let p = path.clone();
    let children = Memo::new(move |_| {
        portal.library.with_public(|all| {
            let tree = category_tree(all.iter().map(|a| a.category.as_str()));
            find(&tree, &p).map(|n| n.children.clone()).unwrap_or_default()
        })
    });
    let p = path.clone();
    let list = Memo::new(move |_| {
        portal.library.sorted(|all| {
            let mut v: Vec<_> = all.iter().filter(|a| in_category(&a.category, &p)).map(|a| (*a).clone()).collect();
            v.sort_by(|a, b| a.title.to_lowercase().cmp(&b.title.to_lowercase()));
            v
        })
    });
    view! {
        <section class="portal-page">
            <Crumbs path=path.clone() last_is_page=true/>
            <h1>{name}</h1>
            <Show when=move || children.with(|c| !c.is_empty())>
                <h2 class="sr-only">{t().subtopics}</h2>
                <ul class="chips">
                    {move || children.get().into_iter().map(|c| view! {
                        <li><a class="chip" href=PortalRoute::Category(c.path.clone()).href()>{c.name.clone()}" "<span class="muted">{format!("({})", c.count)}</span></a></li>
                    }).collect_view()}
                </ul>
            </Show>
            <p class="muted">{move || (t().articles)(list.with(Vec::len))}</p>
            <ul class="article-list">{move || list.get().iter().map(article_card).collect_view()}</ul>
        </section>
    }
}
