//! The requester-facing self-service portal (Tier 0): search and read public articles, send
//! a request from the service catalog, check a ticket, answer and rate it. Its own simple
//! layout, without the agent navigation; in kiosk mode it is all this browser shows.

mod article;
mod category;
mod check;
mod home;
pub mod kiosk;
mod library;
mod request;
mod search;
mod state;
pub mod texts;
mod thanks;

use leptos::prelude::*;

use crate::domain::model::TicketId;
use crate::ui::i18n::{self, Lang};
use crate::ui::kiosk::{use_kiosk, KioskState};
use crate::ui::route::Route;
use crate::ui::state::use_desk;
pub use state::flush_pending;
use state::Portal;
use texts::t;

/// A page of the portal (`#/portal/...`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortalRoute {
    Home,
    /// A category path such as "Hardware/Printers".
    Category(String),
    Article(String),
    /// A catalog item by id, or [`GENERAL`] for a request without a catalog item.
    Request(String),
    /// The confirmation after sending a request.
    Thanks,
    /// The lookup form, or (with a number) that ticket once the requester proved who they are.
    Check(Option<TicketId>),
    /// Setting up kiosk mode (admins).
    Kiosk,
    /// The PIN prompt.
    Unlock,
}

/// The request type for anything the catalog does not list.
pub const GENERAL: &str = "general";

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s).map(String::from).unwrap_or_else(|_| s.to_string())
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

impl PortalRoute {
    /// `parts` are the path segments after "portal".
    pub fn parse(parts: &[&str]) -> PortalRoute {
        match parts {
            ["category", rest @ ..] if !rest.is_empty() => {
                PortalRoute::Category(rest.iter().map(|s| decode(s)).collect::<Vec<_>>().join("/"))
            }
            ["article", id] => PortalRoute::Article(decode(id)),
            ["request", id] => PortalRoute::Request(decode(id)),
            ["thanks"] => PortalRoute::Thanks,
            ["check"] => PortalRoute::Check(None),
            ["check", id] => PortalRoute::Check(id.parse().ok()),
            ["kiosk"] => PortalRoute::Kiosk,
            ["unlock"] => PortalRoute::Unlock,
            _ => PortalRoute::Home,
        }
    }

    pub fn href(&self) -> String {
        match self {
            PortalRoute::Home => "#/portal".into(),
            PortalRoute::Category(path) => {
                format!("#/portal/category/{}", path.split('/').map(encode).collect::<Vec<_>>().join("/"))
            }
            PortalRoute::Article(id) => format!("#/portal/article/{}", encode(id)),
            PortalRoute::Request(id) => format!("#/portal/request/{}", encode(id)),
            PortalRoute::Thanks => "#/portal/thanks".into(),
            PortalRoute::Check(None) => "#/portal/check".into(),
            PortalRoute::Check(Some(id)) => format!("#/portal/check/{id}"),
            PortalRoute::Kiosk => "#/portal/kiosk".into(),
            PortalRoute::Unlock => "#/portal/unlock".into(),
        }
    }
}

pub fn go(r: &PortalRoute) {
    crate::ui::route::navigate(&Route::Portal(r.clone()));
}

/// The portal's layout and current page. While the kiosk is locked, agent routes land here
/// too and show the PIN prompt.
#[component]
pub fn PortalApp(route: ReadSignal<Route>) -> impl IntoView {
    let desk = use_desk();
    let kiosk = use_kiosk();
    let portal = Portal::start(desk, kiosk);
    let page = Memo::new(move |_| match route.get() {
        Route::Portal(PortalRoute::Kiosk) if kiosk.locked() => PortalRoute::Unlock,
        Route::Portal(p) => p,
        _ => PortalRoute::Unlock,
    });
    // Going back to the home page ends what the requester was doing (see deflection).
    Effect::new(move |prev: Option<PortalRoute>| {
        let now = page.get();
        if now == PortalRoute::Home && prev.is_some_and(|p| p != PortalRoute::Home) {
            portal.home();
        }
        now
    });
    let content = move || match page.get() {
        PortalRoute::Home => view! { <home::Home/> }.into_any(),
        PortalRoute::Category(path) => view! { <category::CategoryPage path=path/> }.into_any(),
        PortalRoute::Article(id) => view! { <article::ArticlePage id=id/> }.into_any(),
        PortalRoute::Request(id) => view! { <request::RequestPage item=id/> }.into_any(),
        PortalRoute::Thanks => view! { <thanks::ThanksPage/> }.into_any(),
        PortalRoute::Check(id) => view! { <check::CheckPage id=id/> }.into_any(),
        PortalRoute::Kiosk => view! { <kiosk::KioskSetup/> }.into_any(),
        PortalRoute::Unlock => view! { <kiosk::UnlockPage/> }.into_any(),
    };
    view! {
        <div class="portal">
            <header class="portal-top">
                <a class="portal-brand" href=PortalRoute::Home.href()>
                    <span class="logo" aria-hidden="true">"◆"</span>
                    <span>{move || desk.config.with(|c| c.general.desk_name.clone())}</span>
                    <span class="portal-sub">{t().help_center}</span>
                </a>
                <nav aria-label=t().portal_nav class="portal-nav">
                    <a href=PortalRoute::Check(None).href() class="button">{t().check_ticket}</a>
                </nav>
                <LanguagePicker/>
            </header>
            <main id="main" class="portal-main">{content}</main>
            <StaffFooter/>
        </div>
    }
}

#[component]
fn LanguagePicker() -> impl IntoView {
    let current = i18n::lang();
    view! {
        <label class="portal-lang">
            <span class="sr-only">{t().language}</span>
            <select aria-label=t().language on:change=move |ev| {
                if let Some(l) = Lang::from_tag(&event_target_value(&ev)) {
                    if l != current {
                        i18n::switch(l);
                    }
                }
            }>
                {Lang::ALL.into_iter().map(|l| view! { <option value=l.tag() selected=l == current>{l.name()}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// Staff links at the bottom: unlocking at a locked kiosk; otherwise the way back to the
/// agent pages and the kiosk settings.
#[component]
fn StaffFooter() -> impl IntoView {
    let kiosk = use_kiosk();
    move || match kiosk.state.get() {
        KioskState::Locked(_) => view! {
            <footer class="portal-foot">
                <a href=PortalRoute::Unlock.href()>{t().staff_unlock}</a>
            </footer>
        }
        .into_any(),
        KioskState::Unlocked(_) => view! {
            <footer class="portal-foot staff">
                <span role="status">{t().kiosk_unlocked}</span>
                <button type="button" on:click=move |_| kiosk.relock()>{t().lock_again}</button>
                <a href=PortalRoute::Kiosk.href()>{t().kiosk_mode}</a>
                <a href="#/tickets">{t().agent_workspace}</a>
            </footer>
        }
        .into_any(),
        _ => view! {
            <footer class="portal-foot staff">
                <a href="#/tickets">{t().agent_workspace}</a>
                <a href=PortalRoute::Kiosk.href()>{t().kiosk_mode}</a>
            </footer>
        }
        .into_any(),
    }
}
