//! "Check a ticket": the requester proves the ticket is theirs with its reference and the
//! e-mail address or name they gave, then sees its public side. A wrong combination gets one
//! neutral sentence, the same whether or not the ticket exists.

mod rating;
mod status;
pub mod texts;

use leptos::prelude::*;

use super::state::{use_portal, Verified};
use super::{go, PortalRoute};
use crate::domain::model::TicketId;
use crate::domain::self_service::lookup::{identity_matches, parse_reference};
use texts::t;

#[component]
pub fn CheckPage(id: Option<TicketId>) -> impl IntoView {
    let portal = use_portal();
    move || {
        let shown = portal.verified.get().filter(|v| Some(v.id) == id);
        match shown {
            Some(v) => view! { <status::TicketStatus id=v.id who=v.who/> }.into_any(),
            None => view! { <Lookup prefill=id/> }.into_any(),
        }
    }
}

#[component]
fn Lookup(prefill: Option<TicketId>) -> impl IntoView {
    let portal = use_portal();
    let reference = RwSignal::new(prefill.map(|id| format!("#{id}")).unwrap_or_default());
    let who = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        message.set(None);
        let typed_who = who.get_untracked();
        let Some(id) = parse_reference(&reference.get_untracked()) else {
            message.set(Some(t().not_found.to_string()));
            return;
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match portal.desk.db().get_ticket(id).await {
                Ok(Some(tk)) if identity_matches(&tk, &typed_who) => {
                    portal.verified.set(Some(Verified { id, who: typed_who }));
                    go(&PortalRoute::Check(Some(id)));
                }
                Ok(_) => message.set(Some(t().not_found.to_string())),
                Err(e) => message.set(Some((t().failed)(&e.to_string()))),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="portal-page narrow">
            <h1>{t().title}</h1>
            <p>{t().intro}</p>
            <form class="form portal-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="lk-ref">{t().reference}</label>
                    <input id="lk-ref" inputmode="numeric" autocomplete="off" placeholder=t().reference_hint
                        prop:value=reference on:input=move |ev| reference.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="lk-who">{t().who}</label>
                    <input id="lk-who" autocomplete="off" placeholder=t().who_hint
                        prop:value=who on:input=move |ev| who.set(event_target_value(&ev)) />
                </div>
                {move || message.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <div class="actions">
                    <button type="submit" class="primary big" disabled=busy>
                        {move || if busy.get() { t().looking } else { t().show }}
                    </button>
                </div>
            </form>
        </section>
    }
}
