//! The confirmation after a request was sent: its reference and how to look it up later.

use leptos::prelude::*;

use super::state::{use_portal, Verified};
use super::texts::t;
use super::{go, PortalRoute};

#[component]
pub fn ThanksPage() -> impl IntoView {
    let portal = use_portal();
    move || match portal.sent.get() {
        Some(Verified { id, who }) => {
            let reference = format!("#{id}");
            let check = move |_| {
                portal.verified.set(Some(Verified { id, who: who.clone() }));
                go(&PortalRoute::Check(Some(id)));
            };
            view! {
                <section class="portal-page portal-thanks" aria-labelledby="thanks-title">
                    <p class="big-check" aria-hidden="true">"✓"</p>
                    <h1 id="thanks-title">{t().thanks_title}</h1>
                    <p class="reference-label">{t().your_reference}</p>
                    <p class="reference" data-ticket=id.to_string()>{reference.clone()}</p>
                    <p>{(t().how_to_check)(&reference)}</p>
                    <div class="actions center">
                        <button type="button" class="primary big" on:click=check>{t().check_now}</button>
                        <a class="button big" href=PortalRoute::Home.href()>{t().back_home}</a>
                    </div>
                </section>
            }
            .into_any()
        }
        None => view! {
            <section class="portal-page">
                <a class="button big" href=PortalRoute::Home.href()>{t().back_home}</a>
            </section>
        }
        .into_any(),
    }
}
