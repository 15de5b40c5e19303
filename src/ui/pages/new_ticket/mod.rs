//! Opening a ticket by hand (an agent logging a call, or a requester at the desk).

use leptos::prelude::*;

use crate::domain::model::{Priority, Requester, Tier};
use crate::domain::ticket::NewTicket;
use crate::ui::route::{navigate, Route};
use crate::ui::state::use_desk;

mod texts;
use texts::t;

#[component]
pub fn NewTicketPage() -> impl IntoView {
    let desk = use_desk();
    let subject = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let priority = RwSignal::new(Priority::Medium);
    let error = RwSignal::new(None::<(String, String)>);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let new = NewTicket {
            subject: subject.get_untracked(),
            description: description.get_untracked(),
            requester: Requester { name: name.get_untracked(), email: email.get_untracked(), org: None },
            priority: priority.get_untracked(),
            tier: Tier(1),
            ..Default::default()
        };
        leptos::task::spawn_local(async move {
            match desk.create_ticket(new, desk.actor()).await {
                Ok(tk) => {
                    desk.say((t().created)(&tk.reference()));
                    navigate(&Route::Ticket(tk.id));
                }
                Err(crate::storage::StorageError::Invalid(e)) => error.set(Some((e.field.to_string(), crate::ui::errors::sentence(&e)))),
                Err(e) => error.set(Some((String::new(), crate::ui::errors::storage(&e)))),
            }
            busy.set(false);
        });
    };
    let field_error = move |field: &'static str| {
        move || error.get().filter(|(f, _)| f == field).map(|(_, m)| view! { <p class="field-error" role="alert">{m}</p> })
    };
    view! {
        <section class="page narrow">
            <h1>{t().title}</h1>
            <form class="form" on:submit=submit novalidate>
                <label for="nt-subject">{t().subject}</label>
                <input id="nt-subject" name="subject" required maxlength="200" autofocus
                    prop:value=subject on:input=move |ev| subject.set(event_target_value(&ev)) />
                {field_error("subject")}
                <label for="nt-description">{t().description}</label>
                <textarea id="nt-description" name="description" rows="6"
                    prop:value=description on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                {field_error("description")}
                <div class="row">
                    <div>
                        <label for="nt-name">{t().requester}</label>
                        <input id="nt-name" name="requester" required
                            prop:value=name on:input=move |ev| name.set(event_target_value(&ev)) />
                        {field_error("requester")}
                    </div>
                    <div>
                        <label for="nt-email">{t().email}</label>
                        <input id="nt-email" name="email" type="email"
                            prop:value=email on:input=move |ev| email.set(event_target_value(&ev)) />
                        {field_error("email")}
                    </div>
                </div>
                <label for="nt-priority">{t().priority}</label>
                <select id="nt-priority" name="priority"
                    on:change=move |ev| if let Some(p) = Priority::parse(&event_target_value(&ev)) { priority.set(p) }>
                    {Priority::ALL.into_iter().map(|p| view! {
                        <option value=p.as_str() selected=move || priority.get() == p>{crate::ui::labels::priority(p)}</option>
                    }).collect_view()}
                </select>
                {move || error.get().filter(|(f, _)| f.is_empty()).map(|(_, m)| view! { <p class="field-error" role="alert">{m}</p> })}
                <div class="actions">
                    <button type="submit" class="primary" disabled=busy>{t().create}</button>
                    <a class="button" href=Route::Queue("all".into()).href()>{crate::ui::i18n::common().cancel}</a>
                </div>
            </form>
        </section>
    }
}
