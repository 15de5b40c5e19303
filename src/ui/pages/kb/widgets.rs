//! Small pieces the KB pages share: the page header with its tabs, the loading gate, the
//! audience badge and a few formatted figures.

use leptos::prelude::*;

use super::state::{use_kb, KbStatus};
use super::texts::t;
use crate::domain::article::{Article, Audience};
use crate::domain::kb::helpful_share;
use crate::ui::i18n::Lang;
use crate::ui::route::{KbRoute, Route};

/// Which KB tab is current.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Articles,
    Fix,
}

/// The section's heading row: tabs and "New article".
#[component]
pub fn KbNav(tab: Tab) -> impl IntoView {
    let link = move |target: KbRoute, label: &'static str, me: Tab| {
        let current = tab == me;
        view! {
            <a href=Route::Kb(target).href() class:active=current aria-current=current.then_some("page")>{label}</a>
        }
    };
    view! {
        <nav class="kb-tabs" aria-label=t().title>
            {link(KbRoute::List, t().tab_articles, Tab::Articles)}
            {link(KbRoute::Fix, t().tab_fix, Tab::Fix)}
            <a class="button primary small kb-new" href=Route::Kb(KbRoute::New).href()>{t().new_article}</a>
        </nav>
    }
}

/// Shows `children` once the knowledge base is loaded (a loading line or the error before).
/// Also looks for other tabs' edits whenever this window gets the focus back.
#[component]
pub fn WhenLoaded(children: ChildrenFn) -> impl IntoView {
    let kb = use_kb();
    // A Memo notifies only on a real change: a reload (Ready -> Ready) keeps the page as it is.
    let status = Memo::new(move |_| kb.status.get());
    let focus = window_event_listener(leptos::ev::focus, move |_| leptos::task::spawn_local(kb.refresh_if_changed()));
    on_cleanup(move || focus.remove());
    move || match status.get() {
        KbStatus::Ready => children().into_any(),
        KbStatus::Failed(e) => view! { <p class="error-text" role="alert">{(t().load_failed)(&e)}</p> }.into_any(),
        _ => view! { <p role="status" class="muted">{crate::ui::i18n::common().loading}</p> }.into_any(),
    }
}

/// The audience as a word and a symbol (never colour alone).
#[component]
pub fn AudienceBadge(audience: Audience) -> impl IntoView {
    let symbol = match audience {
        Audience::Public => "◯",
        Audience::Internal => "◆",
        Audience::Draft => "✎",
    };
    view! {
        <span class=format!("badge audience audience-{}", audience.as_str())>
            <span aria-hidden="true">{symbol}" "</span>{crate::ui::labels::audience(audience)}
        </span>
    }
}

/// "Deutsch" for "de", "中文（简体）" for "zh-CN"; other tags as they are.
pub fn language_name(tag: &str) -> String {
    match Lang::from_tag(tag) {
        Some(l) if tag.len() <= 2 || l == Lang::Zh => l.name().to_string(),
        _ => tag.to_string(),
    }
}

/// "85% found it helpful" or "No votes yet".
pub fn helpful_text(a: &Article) -> String {
    match helpful_share(a) {
        Some(s) => (t().helpful_share)(&crate::ui::format::percent(s)),
        None => t().no_votes.to_string(),
    }
}

/// A name for an agent id (the desk's agent list), or the id itself.
pub fn agent_name(desk: crate::ui::state::Desk, id: &str) -> String {
    if id.is_empty() {
        return "—".into();
    }
    desk.config.with_untracked(|c| c.agent_name(id))
}
