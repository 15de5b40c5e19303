//! The knowledge base for agents: search and browse, read, write, revise and restore articles,
//! and the "articles to fix" lists. Also the pieces other pages include: the article picker
//! and the ticket's "answer articles" panel (`picker`), and the shared state (`state`).

mod editor;
mod fix;
mod list;
pub mod picker;
mod revisions;
pub mod state;
mod texts;
mod view;
pub mod widgets;

pub use picker::TicketArticles;
pub use state::Kb;

use leptos::prelude::*;

use crate::ui::route::KbRoute;

/// The "Knowledge base" link text for the main navigation.
pub fn nav_label() -> &'static str {
    texts::t().title
}

#[component]
pub fn KbPage(route: KbRoute) -> impl IntoView {
    match route {
        KbRoute::List => view! { <list::KbList/> }.into_any(),
        KbRoute::Fix => view! { <fix::FixPage/> }.into_any(),
        KbRoute::New => view! { <editor::EditorPage/> }.into_any(),
        KbRoute::NewFromTicket(t) => view! { <editor::EditorPage from_ticket=t/> }.into_any(),
        KbRoute::Article(id) => view! { <view::ArticlePage id=id/> }.into_any(),
        KbRoute::Edit(id) => view! { <editor::EditorPage id=id/> }.into_any(),
        KbRoute::Revision(id, n) => view! { <revisions::RevisionPage id=id rev=n/> }.into_any(),
    }
}
