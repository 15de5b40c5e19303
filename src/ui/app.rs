//! The root component: boot screen, then the shell with navigation and the current page.

use leptos::prelude::*;

use super::boot::{self, Boot};
use super::clock;
use super::pages::{new_ticket::NewTicketPage, queue::QueuePage, settings::SettingsPage, ticket::TicketPage};
use super::route::{use_route, KbRoute, Route};
use super::state::{Desk, Notice};

#[component]
pub fn App() -> impl IntoView {
    let state = RwSignal::new(Boot::Opening);
    leptos::task::spawn_local(boot::start(state));
    move || match state.get() {
        Boot::Opening => view! { <div class="boot" role="status">"Opening Tierdesk…"</div> }.into_any(),
        Boot::Blocked => view! {
            <div class="boot" role="alert">
                <h1>"Waiting for other tabs"</h1>
                <p>"Tierdesk was updated and needs to upgrade its local database. Close the other Tierdesk tabs; this page continues by itself."</p>
            </div>
        }
        .into_any(),
        Boot::Failed(message) => view! {
            <div class="boot" role="alert">
                <h1>"Tierdesk could not start"</h1>
                <p class="error-text">{message}</p>
                <p>"Your data has not been changed. Private browsing windows and full disks are the usual causes."</p>
                <button on:click=|_| { let _ = window().location().reload(); }>"Try again"</button>
            </div>
        }
        .into_any(),
        Boot::Outdated => view! {
            <div class="boot" role="alert">
                <h1>"Tierdesk was updated in another tab"</h1>
                <p>"Reload this page to continue with the new version. Nothing you saved is lost."</p>
                <button on:click=|_| { let _ = window().location().reload(); }>"Reload"</button>
            </div>
        }
        .into_any(),
        Boot::Ready(desk) => view! { <Shell desk=desk/> }.into_any(),
    }
}

#[component]
fn Shell(desk: Desk) -> impl IntoView {
    provide_context(desk);
    super::pages::kb::Kb::provide(desk.db());
    clock::start(desk);
    super::sync::start(desk);
    if desk.demo.get_untracked().is_some() {
        leptos::task::spawn_local(async move {
            if let Err(e) = super::scenario::resume(desk).await {
                desk.fail(format!("The demo scenario could not be resumed: {e}"));
            }
        });
    }
    super::sync::as_leader(&desk, move || super::automation::start(desk));
    let help = RwSignal::new(false);
    super::keys::install(help);
    let route = use_route();
    // Kiosk mode and the requester portal: the agent shell is drawn only when neither applies.
    let kiosk = super::kiosk::start(desk);
    super::pages::portal::flush_pending(desk);
    let agent = Memo::new(move |_| super::kiosk::agent_screen(kiosk, &route.get()));
    let nav = move |target: Route, label: &'static str| {
        let href = target.href();
        let active = Memo::new(move |_| match (&route.get(), &target) {
            (Route::Queue(_) | Route::Ticket(_), Route::Queue(_)) => true,
            (Route::Kb(_), Route::Kb(_)) => true,
            (Route::Reports | Route::IncidentReport(_) | Route::CompareReport, Route::Reports) => true,
            (a, b) => a == b,
        });
        view! {
            <a href=href class:active=active aria-current=move || active.get().then_some("page")>{label}</a>
        }
    };
    view! {
        <Show when=move || agent.get() fallback=move || view! { <super::kiosk::Gate route=route/> }>
        <header class="topbar">
            <a class="brand" href="#/tickets">
                <span class="logo" aria-hidden="true">"◆"</span>
                {move || desk.config.with(|c| c.general.desk_name.clone())}
            </a>
            <nav aria-label="Main">
                {nav(Route::Queue("all".into()), "Tickets")}
                {nav(Route::NewTicket, "New ticket")}
                {nav(Route::Kb(KbRoute::List), super::pages::kb::nav_label())}
                {nav(Route::Reports, super::pages::reports::texts::t().nav)}
                {nav(Route::Settings, "Settings")}
                {nav(Route::Backup, super::pages::backup::nav_label())}
                {nav(Route::Portal(super::pages::portal::PortalRoute::Home), super::labels::channel(crate::domain::model::Channel::Portal))}
            </nav>
            <div class="topbar-right">
                <Show when=move || desk.demo.get().is_none() fallback=|| ()>
                    <span class="clock" title="Desk time">{move || desk.now.get().format("%a %d %b %H:%M").to_string()}</span>
                    <a class="button small" href="?demo#/tickets" title="Open the demo desk with its own clock; your data stays as it is">"Demo mode"</a>
                </Show>
                <MeBadge/>
            </div>
        </header>
        <Show when=move || desk.demo.get().is_some()>
            <super::components::demo_bar::DemoBar/>
        </Show>
        <NoticeBar/>
        <super::keys::ShortcutHelp open=help/>
        <main id="main">
            {move || match route.get() {
                Route::Queue(view) => view! { <QueuePage view=view/> }.into_any(),
                Route::NewTicket => view! { <NewTicketPage/> }.into_any(),
                Route::Ticket(id) => view! { <TicketPage id=id/> }.into_any(),
                Route::Settings => view! { <SettingsPage/> }.into_any(),
                Route::Backup => view! { <super::pages::backup::BackupPage/> }.into_any(),
                Route::Kb(r) => view! { <super::pages::kb::KbPage route=r/> }.into_any(),
                Route::Reports => view! { <super::pages::reports::DashboardPage/> }.into_any(),
                Route::IncidentReport(id) => view! { <super::pages::reports::IncidentPage id=id/> }.into_any(),
                Route::CompareReport => view! { <super::pages::reports::ComparePage/> }.into_any(),
                Route::NotFound(path) => view! {
                    <section class="page">
                        <h1>"Page not found"</h1>
                        <p>"There is no page at " <code>{path}</code> "."</p>
                        <a href="#/tickets">"Go to the tickets"</a>
                    </section>
                }
                .into_any(),
                Route::Portal(_) => ().into_any(),
            }}
        </main>
        </Show>
    }
}

#[component]
fn MeBadge() -> impl IntoView {
    let desk = super::state::use_desk();
    let name = move || {
        desk.me
            .get()
            .map(|id| desk.config.with(|c| c.agent_name(&id)))
            .unwrap_or_else(|| "nobody".into())
    };
    view! { <a class="me" href="#/settings" title="Who is working at this browser">{name}</a> }
}

#[component]
fn NoticeBar() -> impl IntoView {
    let desk = super::state::use_desk();
    move || {
        desk.notice.get().map(|Notice { text, error }| {
            view! {
                <div class=if error { "notice notice-error" } else { "notice" } role=if error { "alert" } else { "status" }>
                    <span>{text}</span>
                    <button class="link" aria-label="Dismiss" on:click=move |_| desk.notice.set(None)>"✕"</button>
                </div>
            }
        })
    }
}
