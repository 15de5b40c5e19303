//! The root component: boot screen, then the shell with navigation and the current page.

use leptos::prelude::*;

use super::boot::{self, Boot};
use super::clock;
use super::pages::{new_ticket::NewTicketPage, queue::QueuePage, settings::SettingsPage, ticket::TicketPage};
use super::route::{use_route, KbRoute, Route};
use super::state::{Desk, Notice};
use super::app_texts::t;

#[component]
pub fn App() -> impl IntoView {
    let state = RwSignal::new(Boot::Opening);
    leptos::task::spawn_local(boot::start(state));
    move || match state.get() {
        Boot::Opening => view! { <div class="boot" role="status">{t().opening}</div> }.into_any(),
        Boot::Blocked => view! {
            <div class="boot" role="alert">
                <h1>{t().blocked_title}</h1>
                <p>{t().blocked_text}</p>
            </div>
        }
        .into_any(),
        Boot::Failed(message) => view! { <Recovery message=message/> }.into_any(),
        Boot::Outdated => view! {
            <div class="boot" role="alert">
                <h1>{t().outdated_title}</h1>
                <p>{t().outdated_text}</p>
                <button on:click=|_| { let _ = window().location().reload(); }>{t().reload}</button>
            </div>
        }
        .into_any(),
        Boot::Ready(desk) => view! { <Shell desk=desk/> }.into_any(),
    }
}

/// Shown when the database cannot be opened: what happened, a way to save whatever can still be
/// read, and a way to start fresh. Never a blank page.
#[component]
fn Recovery(message: String) -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let confirm = RwSignal::new(false);
    let export = move |_| {
        leptos::task::spawn_local(async move {
            let name = boot::db_name();
            match crate::storage::recovery::dump(&name).await {
                Ok((text, failed)) => {
                    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
                    let saved = super::pages::backup::files::Blob::of(&parts, "application/json")
                        .and_then(|b| super::pages::backup::files::download(&b, &format!("{name}-recovered.json")));
                    status.set(Some(match (saved, failed.is_empty()) {
                        (Err(e), _) => format!("The data could not be saved: {e}"),
                        (Ok(()), true) => "Everything that could be read was saved as a file.".into(),
                        (Ok(()), false) => format!("Saved. These parts could not be read: {}.", failed.join(", ")),
                    }));
                }
                Err(e) => status.set(Some(format!("Nothing could be read: {e}"))),
            }
        });
    };
    let fresh = move |_| {
        if !confirm.get_untracked() {
            confirm.set(true);
            return;
        }
        leptos::task::spawn_local(async move {
            match crate::storage::recovery::delete(&boot::db_name()).await {
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(e) => status.set(Some(format!("The old data could not be removed: {e}"))),
            }
        });
    };
    view! {
        <div class="boot" role="alert">
            <h1>"Tierdesk could not start"</h1>
            <p class="error-text">{message}</p>
            <p>"Your data has not been changed. Private browsing windows, a full disk, or a damaged browser profile are the usual causes."</p>
            <div class="actions center">
                <button on:click=|_| { let _ = window().location().reload(); }>"Try again"</button>
                <button on:click=export>"Save what can still be read"</button>
                <button class=move || if confirm.get() { "danger" } else { "" } on:click=fresh>
                    {move || if confirm.get() { "Yes, delete it and start fresh" } else { "Start fresh…" }}
                </button>
            </div>
            {move || status.get().map(|s| view! { <p role="status">{s}</p> })}
        </div>
    }
}

#[component]
fn Shell(desk: Desk) -> impl IntoView {
    provide_context(desk);
    super::pages::kb::Kb::provide(desk.db());
    clock::start(desk);
    super::sync::start(desk);
    let update_ready = RwSignal::new(false);
    super::offline::register(update_ready);
    leptos::task::spawn_local(async move {
        super::offline::ask_persist().await;
        if let Some(u) = super::offline::storage_use().await {
            if u.quota > 0.0 && u.usage / u.quota > super::offline::WARN_SHARE {
                desk.fail(format!(
                    "This browser's storage for Tierdesk is {:.0}% full. Export a backup, then delete old tickets or articles before it runs out.",
                    u.usage / u.quota * 100.0
                ));
            }
        }
    });
    if desk.demo.get_untracked().is_some() {
        leptos::task::spawn_local(async move {
            if let Err(e) = super::scenario::resume(desk).await {
                desk.fail((t().resume_failed)(&super::errors::storage(&e)));
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
            <nav aria-label=t().nav_label>
                {nav(Route::Queue("all".into()), t().nav_tickets)}
                {nav(Route::NewTicket, t().nav_new)}
                {nav(Route::Kb(KbRoute::List), super::pages::kb::nav_label())}
                {nav(Route::Reports, super::pages::reports::texts::t().nav)}
                {nav(Route::Settings, t().nav_settings)}
                {nav(Route::Backup, super::pages::backup::nav_label())}
                {nav(Route::Portal(super::pages::portal::PortalRoute::Home), super::labels::channel(crate::domain::model::Channel::Portal))}
            </nav>
            <div class="topbar-right">
                <Show when=move || desk.demo.get().is_none() fallback=|| ()>
                    <span class="clock" title=t().desk_time>{move || super::format::clock(desk.now.get())}</span>
                    <a class="button small" href="?demo#/tickets" title=t().demo_mode_title>{t().demo_mode}</a>
                </Show>
                <MeBadge/>
            </div>
        </header>
        <Show when=move || desk.demo.get().is_some()>
            <super::components::demo_bar::DemoBar/>
        </Show>
        <NoticeBar/>
        <Show when=move || update_ready.get()>
            <div class="notice update" role="status">
                <span>"A new version of Tierdesk is ready."</span>
                <button class="primary" on:click=move |_| super::offline::apply_update()>"Reload to update"</button>
            </div>
        </Show>
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
                        <h1>{t().not_found_title}</h1>
                        <p>{t().not_found_before}<code>{path}</code>{t().not_found_after}</p>
                        <a href="#/tickets">{t().go_tickets}</a>
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
            .unwrap_or_else(|| t().nobody.into())
    };
    view! { <a class="me" href="#/settings" title=t().me_title>{name}</a> }
}

#[component]
fn NoticeBar() -> impl IntoView {
    let desk = super::state::use_desk();
    move || {
        desk.notice.get().map(|Notice { text, error }| {
            view! {
                <div class=if error { "notice notice-error" } else { "notice" } role=if error { "alert" } else { "status" }>
                    <span>{text}</span>
                    <button class="link" aria-label=t().dismiss on:click=move |_| desk.notice.set(None)>"✕"</button>
                </div>
            }
        })
    }
}
