//! The top of the ticket: reference and subject (editable in place), badges, the main actions,
//! the "merged into" banner and the live SLA panel.

use leptos::prelude::*;

use super::{actions, focus_id, sla_panel, use_page};
use crate::domain::ticket::Command;
use crate::ui::components::badges::{PriorityBadge, StatusBadge, TierBadge};
use crate::ui::i18n::common;
use crate::ui::labels;

use super::texts::page::t;

#[component]
pub fn Header() -> impl IntoView {
    let page = use_page();
    let desk = page.desk;
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let subject = move || page.with(|d| d.ticket.subject.clone()).unwrap_or_default();
    let merged = move || page.with(|d| d.ticket.merged_into).flatten();

    let start = move |_| {
        draft.set(subject());
        error.set(None);
        editing.set(true);
        focus_id("subject-input");
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            if page.exec(Command::SetSubject(text), t().subject_changed.into(), Some(error)).await {
                editing.set(false);
                focus_id("subject-edit");
            }
            busy.set(false);
        });
    };
    let cancel = move || {
        editing.set(false);
        error.set(None);
        focus_id("subject-edit");
    };

    view! {
        <div class="ticket-head">
            <a class="back" href="#/tickets">{t().back_short}</a>
            {move || merged().map(|into| {
                let other = desk.queue.with(|q| q.row(into).map(|r| r.subject.clone()));
                view! {
                    <div class="merged-banner" role="note">
                        <strong>{t().merged_into}<a href=format!("#/tickets/{into}")>{format!("#{into}")}</a></strong>
                        {other.map(|s| view! { " " <span class="muted">{s}</span> })}
                        <span>{t().merged_rest.0}{format!("#{into}")}{t().merged_rest.1}</span>
                    </div>
                }
            })}
            <Show
                when=move || editing.get()
                fallback=move || view! {
                    <div class="title-row">
                        <h1>
                            <span class="ref">{move || format!("#{}", page.id)}</span>" "
                            <span class="subject-text">{subject}</span>
                        </h1>
                        <button type="button" id="subject-edit" class="link edit-subject" aria-label=t().edit_subject title=t().edit_subject
                            disabled=move || merged().is_some() on:click=start>
                            <span aria-hidden="true">"✎"</span>
                        </button>
                    </div>
                }
            >
                <form class="title-row subject-form" on:submit=save>
                    <h1><span class="ref">{move || format!("#{}", page.id)}</span></h1>
                    <input id="subject-input" aria-label=t().subject maxlength="200" prop:value=draft
                        on:input=move |ev| draft.set(event_target_value(&ev))
                        on:keydown=move |ev| if ev.key() == "Escape" { ev.prevent_default(); cancel(); } />
                    <button type="submit" class="primary" disabled=busy>{common().save}</button>
                    <button type="button" on:click=move |_| cancel()>{common().cancel}</button>
                </form>
                {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            </Show>
            <div class="head-row">
                {move || page.with(|d| {
                    let tk = &d.ticket;
                    let tier_name = desk.config.with(|c| labels::tier_name(c, tk.tier));
                    view! {
                        <div class="badges" aria-label=t().badges>
                            <StatusBadge status=tk.status/>
                            <PriorityBadge priority=tk.priority/>
                            <TierBadge tier=tk.tier/>
                            <span class="tier-name">{tier_name}</span>
                        </div>
                    }
                })}
                <actions::ActionBar/>
                <a class="button incident-report-link" href=crate::ui::route::Route::IncidentReport(page.id).href()>
                    {crate::ui::pages::reports::incident::t().link}
                </a>
            </div>
            // On paper the side panel's selects are hidden: their values are printed here.
            <p class="print-only">
                {move || page.with(|d| {
                    let tk = &d.ticket;
                    desk.config.with(|c| {
                        let texts = t();
                        let assignee = tk.assignee.as_deref().map(|a| c.agent_name(a)).unwrap_or_else(|| texts.nobody.into());
                        let group = tk.group.as_deref().and_then(|g| c.groups.iter().find(|x| x.id == g)).map(|g| g.name.clone()).unwrap_or_else(|| texts.none.into());
                        (texts.print_line)(&assignee, &group, tk.category.as_deref().unwrap_or(texts.none))
                    })
                })}
            </p>
            <sla_panel::SlaPanel/>
        </div>
    }
}
