//! A modal dialog on the native <dialog> element: it traps focus, closes on Escape and
//! returns focus to where it was, as the platform does for showModal().

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// `open` shows or hides the dialog; closing it by Escape sets `open` back to false.
#[component]
pub fn Dialog(open: RwSignal<bool>, title: String, children: Children) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(d) = node.get() else { return };
        let el: &web_sys::HtmlDialogElement = d.unchecked_ref();
        if open.get() {
            if !el.open() {
                let _ = el.show_modal();
            }
        } else if el.open() {
            el.close();
        }
    });
    let id = dialog_id(&title);
    let heading_id = id.clone();
    view! {
        <dialog node_ref=node class="dialog" aria-labelledby=id on:close=move |_| open.set(false)>
            <h2 id=heading_id>{title}</h2>
            {children()}
        </dialog>
    }
}

/// "dlg-keyboard-shortcuts" from the title; a title with no Latin letters or digits (Chinese)
/// gets a numbered id instead, so two dialogs never share one.
fn dialog_id(title: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(1);
    if title.chars().any(|c| c.is_ascii_alphanumeric()) {
        format!("dlg-{}", title.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"))
    } else {
        format!("dlg-{}", NEXT.fetch_add(1, Ordering::Relaxed))
    }
}
