//! Time spent on the ticket: log minutes, see the total per agent (from the history).

use leptos::prelude::*;

use super::use_page;
use crate::domain::ticket::Command;
use crate::domain::timeline::{actor_name, time_logged};
use crate::ui::format;

use super::texts::side::t;

#[component]
pub fn TimeSpent() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let minutes = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let merged = move || page.with(|d| d.ticket.merged_into.is_some()).unwrap_or(false);
    let per_agent = move || {
        page.with(|d| {
            desk.config.with(|c| {
                time_logged(&d.events)
                    .into_iter()
                    .map(|(who, m)| (actor_name(&who, c, &d.ticket.requester.name), m))
                    .collect::<Vec<_>>()
            })
        })
        .unwrap_or_default()
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = minutes.get_untracked();
        let Ok(m) = typed.trim().parse::<u32>() else {
            error.set(Some(t().whole_minutes.into()));
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            if page.exec(Command::LogTime(m), (t().logged)(&format::duration(i64::from(m))), Some(error)).await {
                minutes.set(String::new());
            }
            busy.set(false);
        });
    };
    view! {
        <section class="time-spent" aria-labelledby="time-heading">
            <h2 class="side-heading" id="time-heading">{t().time_spent}</h2>
            {move || {
                let rows = per_agent();
                let total: u64 = rows.iter().map(|(_, m)| m).sum();
                if rows.is_empty() {
                    return view! { <p class="muted">{t().no_time}</p> }.into_any();
                }
                view! {
                    <table class="time-table">
                        <tbody>
                            {rows.into_iter().map(|(name, m)| view! {
                                <tr><th scope="row">{name}</th><td>{format::duration(i64::try_from(m).unwrap_or(i64::MAX))}</td></tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr><th scope="row">{t().total}</th><td>{format::duration(i64::try_from(total).unwrap_or(i64::MAX))}</td></tr></tfoot>
                    </table>
                }
                .into_any()
            }}
            <form class="time-add" on:submit=submit novalidate>
                <label for="time-minutes">{t().minutes}</label>
                <input id="time-minutes" type="number" min="1" max="1440" step="1" inputmode="numeric"
                    prop:value=minutes on:input=move |ev| minutes.set(event_target_value(&ev)) />
                <button type="submit" disabled=move || busy.get() || merged()>{t().log_time}</button>
            </form>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}
