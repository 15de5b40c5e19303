//! The reply / internal note box, with canned responses and a preview of exactly what will be
//! sent. Its text lives in the page state, so it survives reloads and conflicts.

use leptos::prelude::*;

use super::{focus_composer, use_page, Mode};
use crate::domain::defaults::fill_canned;
use crate::domain::model::Status;
use crate::domain::ticket::Command;

use super::texts::page::t;

#[component]
pub fn Composer() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let text = page.text;
    let mode = page.mode;
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let requester = move || page.with(|d| d.ticket.requester.name.clone()).unwrap_or_default();
    let merged = move || page.with(|d| d.ticket.merged_into.is_some()).unwrap_or(true);
    let closed = move || page.with(|d| d.ticket.status == Status::Closed).unwrap_or(true);
    let empty = move || text.with(|t| t.trim().is_empty());

    let send = move |m: Mode| {
        let body = text.get_untracked();
        if body.trim().is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let (cmd, done) = match m {
                Mode::Reply => (Command::Reply(body.clone()), t().reply_sent),
                Mode::Note => (Command::Note(body.clone()), t().note_added),
            };
            if page.exec(cmd, done.into(), Some(error)).await {
                // Only what was sent goes: text typed meanwhile stays.
                if text.get_untracked() == body {
                    text.set(String::new());
                }
            }
            busy.set(false);
        });
    };
    let canned = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        // Back to the prompt: the list inserts, it does not hold a value.
        event_target::<web_sys::HtmlSelectElement>(&ev).set_value("");
        let Some(body) = desk.config.with_untracked(|c| c.canned.iter().find(|r| r.id == id).map(|r| r.body.clone())) else { return };
        let agent = desk.me_agent().map(|a| a.name).unwrap_or_else(|| t().service_desk.into());
        let Some(filled) = page.with_untracked(|d| fill_canned(&body, &d.ticket, &agent)) else { return };
        text.update(|t| {
            if t.trim().is_empty() {
                *t = filled;
            } else {
                t.push_str("\n\n");
                t.push_str(&filled);
            }
        });
        focus_composer();
    };
    let responses = move || desk.config.with(|c| c.canned.iter().map(|r| (r.id.clone(), r.name.clone())).collect::<Vec<_>>());
    let mode_radio = move |m: Mode, label: &'static str| {
        view! {
            <label class="mode" class:on=move || mode.get() == m>
                <input type="radio" name="composer-mode" prop:checked=move || mode.get() == m on:change=move |_| mode.set(m) />
                " "{label}
            </label>
        }
    };

    view! {
        <form class="composer" class:composer-note=move || mode.get() == Mode::Note aria-label=t().write_on
            on:submit=move |ev| { ev.prevent_default(); send(mode.get_untracked()); }>
            <div class="composer-top">
                <fieldset class="modes">
                    <legend class="sr-only">{t().write_a}</legend>
                    {mode_radio(Mode::Reply, t().public_reply)}
                    {mode_radio(Mode::Note, t().internal_note)}
                </fieldset>
                <label class="canned">
                    <select aria-label=t().insert_canned on:change=canned>
                        <option value="">{t().canned_prompt}</option>
                        {move || responses().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <label for="composer-text" class="sr-only">{t().reply_or_note}</label>
            <textarea id="composer-text" rows="5" aria-describedby="composer-hint"
                placeholder=move || match mode.get() {
                    Mode::Reply => t().reply_placeholder,
                    Mode::Note => t().note_placeholder,
                }
                prop:value=text
                on:input=move |ev| text.set(event_target_value(&ev))
                on:keydown=move |ev| {
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        send(mode.get_untracked());
                    }
                }></textarea>
            <p id="composer-hint" class="hint-text">
                {move || match mode.get() {
                    Mode::Reply => (t().reply_hint)(&requester()),
                    Mode::Note => t().note_hint.to_string(),
                }}
            </p>
            <Show when=move || !empty()>
                <section class="preview" aria-label=t().preview>
                    <h3>{move || match mode.get() {
                        Mode::Reply => (t().preview_reply)(&requester()),
                        Mode::Note => t().preview_note.to_string(),
                    }}</h3>
                    <p class="body">{move || text.get()}</p>
                </section>
            </Show>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <div class="actions">
                <button type="button" class:primary=move || mode.get() == Mode::Reply
                    disabled=move || busy.get() || empty() || closed() || merged()
                    on:click=move |_| { mode.set(Mode::Reply); send(Mode::Reply); }>{t().send_reply}</button>
                <button type="button" class:primary=move || mode.get() == Mode::Note
                    disabled=move || busy.get() || empty() || merged()
                    on:click=move |_| { mode.set(Mode::Note); send(Mode::Note); }>{t().add_note}</button>
                {move || merged().then(|| view! { <span class="muted">{t().merged_note}</span> })}
            </div>
        </form>
    }
}
