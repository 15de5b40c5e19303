//! Keyboard shortcuts: the global ones (c, /, ?) and helpers the pages share.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::route::{navigate, Route};

/// Whether the key goes to a text field (then it is typing, not a shortcut).
pub fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = ev.target() else { return false };
    let Some(el) = target.dyn_ref::<web_sys::HtmlElement>() else { return false };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.is_content_editable()
}

/// Moves keyboard focus to row `i` of the ticket list.
pub fn focus_row(i: usize) {
    // After the next render: the row may be on a page that is being drawn.
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        let doc = document();
        if let Ok(Some(el)) = doc.query_selector(&format!("table.tickets tr[data-row=\"{i}\"]")) {
            if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

fn focus_id(id: &str) -> bool {
    match document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        Some(el) => {
            let _ = el.focus();
            true
        }
        None => false,
    }
}

/// The keys the help dialog lists; what each does is in `app_texts::Texts::shortcuts`.
pub const SHORTCUT_KEYS: [&str; 10] = ["j / k", "Enter", "x", "c", "/", "r", "n", "e", "?", "Esc"];

/// Installs the global shortcuts; `help` opens the shortcut list.
pub fn install(help: RwSignal<bool>) {
    let handler = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
        // A locked kiosk offers no agent shortcuts.
        if super::kiosk::shortcuts_off() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() || typing(&ev) || ev.default_prevented() {
            return;
        }
        match ev.key().as_str() {
            "c" => {
                ev.prevent_default();
                navigate(&Route::NewTicket);
            }
            "/" => {
                ev.prevent_default();
                if !focus_id("queue-search") && !focus_id("kb-search") {
                    navigate(&Route::Queue("all".into()));
                    leptos::task::spawn_local(async {
                        gloo_timers::future::TimeoutFuture::new(50).await;
                        focus_id("queue-search");
                    });
                }
            }
            "?" => {
                ev.prevent_default();
                help.set(true);
            }
            _ => {}
        }
    });
    let _ = window().add_event_listener_with_callback("keydown", handler.as_ref().unchecked_ref());
    handler.forget();
}

#[component]
pub fn ShortcutHelp(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <super::components::dialog::Dialog open=open title=super::app_texts::t().shortcuts_title.to_string()>
            <table class="shortcuts">
                <tbody>
                    {SHORTCUT_KEYS.iter().zip(super::app_texts::t().shortcuts).map(|(k, what)| view! { <tr><th scope="row"><kbd>{*k}</kbd></th><td>{what}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <div class="actions"><button type="button" on:click=move |_| open.set(false)>{super::i18n::common().close}</button></div>
        </super::components::dialog::Dialog>
    }
}
