//! The satisfaction rating (1 to 5 with an optional comment), offered once the ticket is
//! resolved or closed and shown as given afterwards.

use leptos::prelude::*;

use super::status::flash_view;
use super::texts::t;
use crate::domain::model::{Actor, Ticket};
use crate::domain::self_service::messages::can_rate;
use crate::domain::ticket::Command;
use crate::ui::pages::portal::state::use_portal;

#[component]
pub fn Rating(ticket: Ticket, reload: RwSignal<u32>, message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let portal = use_portal();
    if !can_rate(&ticket) {
        return ().into_any();
    }
    if let Some(c) = &ticket.csat {
        return view! {
            <section class="portal-rating rated" aria-labelledby="rate-title">
                <h2 id="rate-title">{t().rate_title}</h2>
                <p class="stars" aria-hidden="true">{"★".repeat(usize::from(c.score))}{"☆".repeat(5usize.saturating_sub(usize::from(c.score)))}</p>
                <p role="status">{(t().rated)(c.score)}</p>
            </section>
        }
        .into_any();
    }
    let id = ticket.id;
    let score = RwSignal::new(0u8);
    let comment = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = score.get_untracked();
        if s == 0 {
            message.set(Some((false, t().pick_score.to_string())));
            return;
        }
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let cmd = Command::Rate { score: s, comment: comment.get_untracked().trim().to_string() };
        leptos::task::spawn_local(async move {
            match portal.desk.run(id, cmd, Actor::Requester).await {
                Ok(_) => message.set(Some((true, (t().rated)(s)))),
                Err(e) => message.set(Some((false, (t().failed)(&e.to_string())))),
            }
            busy.set(false);
            reload.update(|n| *n += 1);
        });
    };
    view! {
        <form class="portal-rating form" on:submit=send novalidate aria-labelledby="rate-title">
            <h2 id="rate-title">{t().rate_title}</h2>
            <fieldset class="score-picker">
                <legend>{t().rate_legend}</legend>
                {(1..=5u8).map(|n| {
                    let word = t().score_words[usize::from(n - 1)];
                    view! {
                        <label class="score" class:on=move || score.get() == n>
                            <input type="radio" name="score" value=n.to_string()
                                prop:checked=move || score.get() == n on:change=move |_| score.set(n) />
                            <span class="score-n" aria-hidden="true">{"★".repeat(usize::from(n))}</span>
                            <span class="score-word">{format!("{n} – {word}")}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label for="rate-comment">{t().comment}</label>
            <textarea id="rate-comment" rows="3" prop:value=comment on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            {flash_view(message)}
            <div class="actions">
                <button type="submit" class="primary big" disabled=busy>{t().send_rating}</button>
            </div>
        </form>
    }
    .into_any()
}
