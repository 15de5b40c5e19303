//! The request form of one catalog item (or a general request): the item's own fields, then
//! subject, description, name and e-mail. While the subject is typed, matching articles are
//! suggested; opening one and leaving without sending counts as a deflection (state.rs).

use leptos::prelude::*;

use super::search::HitList;
use super::state::use_portal;
use super::texts::t;
use super::{go, PortalRoute, GENERAL};
use crate::domain::desk::{CatalogField, CatalogItem};
use crate::domain::model::{Actor, Channel};
use crate::domain::self_service::catalog_form::{build, FieldProblem, Problem, Target};
use crate::storage::StorageError;
use crate::ui::kiosk::use_kiosk;

const SUGGESTIONS: usize = 4;
/// Suggestions start once the subject has this many characters.
const SUGGEST_FROM: usize = 3;

fn problem_text(p: &Problem) -> String {
    match p {
        Problem::Missing => t().missing.to_string(),
        Problem::NotAChoice => t().not_a_choice.to_string(),
        Problem::NotAnEmail => t().not_an_email.to_string(),
        Problem::TooLong { limit } => (t().too_long)(*limit),
        Problem::Other(m) => m.clone(),
    }
}

#[component]
pub fn RequestPage(item: String) -> impl IntoView {
    let portal = use_portal();
    let found: Option<CatalogItem> = portal.desk.config.with_untracked(|c| c.catalog.iter().find(|i| i.id == item).cloned());
    if found.is_none() && item != GENERAL {
        return view! {
            <section class="portal-page">
                <h1>{t().unknown_item}</h1>
                <a class="button big" href=PortalRoute::Home.href()>{t().back_home}</a>
            </section>
        }
        .into_any();
    }
    // Answers belong to one item; the requester's own details carry over.
    if portal.draft.with_untracked(|d| d.item != item) {
        portal.draft.update(|d| {
            d.item = item.clone();
            d.req.values.clear();
        });
    }
    let (title, intro) = match &found {
        Some(i) => (i.name.clone(), i.description.clone()),
        None => (t().general_request.to_string(), t().general_request_desc.to_string()),
    };
    view! {
        <section class="portal-page portal-request">
            <nav class="crumbs" aria-label=t().breadcrumb>
                <a href=PortalRoute::Home.href()>{t().help_center}</a>
            </nav>
            <h1>{title}</h1>
            <p class="muted">{intro}</p>
            <RequestForm item=found/>
        </section>
    }
    .into_any()
}

#[component]
fn RequestForm(item: Option<CatalogItem>) -> impl IntoView {
    let portal = use_portal();
    let kiosk = use_kiosk();
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let fields: Vec<CatalogField> = item.as_ref().map(|i| i.fields.clone()).unwrap_or_default();
    let item = StoredValue::new(item);

    let suggestions = Memo::new(move |_| {
        portal.draft.with(|d| {
            let s = d.req.subject.trim();
            if s.chars().count() < SUGGEST_FROM {
                vec![]
            } else {
                portal.library.search(s, SUGGESTIONS)
            }
        })
    });
    let problem_for = move |target: Target| {
        move || {
            problems.with(|ps| ps.iter().find(|p| p.target == target).map(|p| problem_text(&p.problem))).map(|m| view! { <p class="field-error">{m}</p> })
        }
    };
    let invalid = move |target: Target| move || problems.with(|ps| ps.iter().any(|p| p.target == target)).then_some("true");

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let channel = if kiosk.active_untracked() { Channel::Kiosk } else { Channel::Portal };
        let req = portal.draft.with_untracked(|d| d.req.clone());
        let new = match item.with_value(|i| build(i.as_ref(), &req, channel)) {
            Ok(n) => n,
            Err(ps) => {
                problems.set(ps);
                focus_first_problem();
                return;
            }
        };
        problems.set(vec![]);
        busy.set(true);
        let who = if new.requester.email.is_empty() { new.requester.name.clone() } else { new.requester.email.clone() };
        leptos::task::spawn_local(async move {
            match portal.desk.create_ticket(new, Actor::Requester).await {
                Ok(tk) => {
                    portal.submitted(tk.id, who);
                    go(&PortalRoute::Thanks);
                }
                Err(StorageError::Invalid(e)) => {
                    let target = Target::Standard(e.field);
                    problems.set(vec![FieldProblem { target, problem: Problem::Other(e.message) }]);
                }
                Err(e) => failure.set(Some((t().send_failed)(&e.to_string()))),
            }
            busy.set(false);
        });
    };

    let field_views = fields
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let id = format!("pf-{i}");
            let key = f.key.clone();
            let value = {
                let key = key.clone();
                move || portal.draft.with(|d| d.req.values.get(&key).cloned().unwrap_or_default())
            };
            let set = {
                let key = key.clone();
                move |ev: leptos::ev::Event| {
                    let v = event_target_value(&ev);
                    portal.draft.update(|d| {
                        d.req.values.insert(key.clone(), v);
                    });
                }
            };
            let target = Target::Field(key.clone());
            let control = if f.options.is_empty() {
                view! {
                    <input id=id.clone() required=f.required aria-invalid=invalid(target.clone())
                        prop:value=value on:input=set />
                }
                .into_any()
            } else {
                let current = value.clone();
                view! {
                    <select id=id.clone() required=f.required aria-invalid=invalid(target.clone()) on:change=set>
                        <option value="" selected=move || current().is_empty()>{t().choose}</option>
                        {f.options.iter().map(|o| {
                            let (o2, v) = (o.clone(), value.clone());
                            view! { <option value=o.clone() selected=move || v() == o2>{o.clone()}</option> }
                        }).collect_view()}
                    </select>
                }
                .into_any()
            };
            view! {
                <div class="field">
                    <label for=id>{f.label.clone()}{f.required.then(|| view! { " " <span class="req">"("{t().required}")"</span> })}</label>
                    {control}
                    {problem_for(target)}
                </div>
            }
        })
        .collect_view();

    let text_input = move |id: &'static str, label: &'static str, target: &'static str, get: fn(&super::state::Draft) -> String, put: fn(&mut super::state::Draft, String), required: bool| {
        view! {
            <div class="field">
                <label for=id>{label}{required.then(|| view! { " " <span class="req">"("{t().required}")"</span> })}</label>
                <input id=id required=required aria-invalid=invalid(Target::Standard(target))
                    prop:value=move || portal.draft.with(get)
                    on:input=move |ev| { let v = event_target_value(&ev); portal.draft.update(|d| put(d, v)); } />
                {problem_for(Target::Standard(target))}
            </div>
        }
    };

    view! {
        <form class="form portal-form" on:submit=submit novalidate>
            <fieldset>
                <legend>{t().details}</legend>
                <div class="field">
                    <label for="pr-subject">{t().subject}" "<span class="req">"("{t().required}")"</span></label>
                    <input id="pr-subject" required maxlength="200" autocomplete="off" aria-describedby="pr-subject-hint"
                        aria-invalid=invalid(Target::Standard("subject"))
                        prop:value=move || portal.draft.with(|d| d.req.subject.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); portal.draft.update(|d| d.req.subject = v); } />
                    <p id="pr-subject-hint" class="hint-text">{t().subject_hint}</p>
                    {problem_for(Target::Standard("subject"))}
                </div>
                <div class="suggestions" aria-live="polite">
                    <Show when=move || suggestions.with(|s| !s.is_empty())>
                        <h2 class="suggest-title">{t().suggestions}</h2>
                        <HitList hits=Signal::derive(move || suggestions.get())
                            on_open=Callback::new(move |id: String| portal.opened_suggestion(&id))/>
                    </Show>
                </div>
                {field_views}
                <div class="field">
                    <label for="pr-description">{t().description}</label>
                    <textarea id="pr-description" rows="5" aria-invalid=invalid(Target::Standard("description"))
                        prop:value=move || portal.draft.with(|d| d.req.description.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); portal.draft.update(|d| d.req.description = v); }></textarea>
                    {problem_for(Target::Standard("description"))}
                </div>
            </fieldset>
            <fieldset>
                <legend>{t().about_you}</legend>
                {text_input("pr-name", t().name, "requester", |d| d.req.name.clone(), |d, v| d.req.name = v, true)}
                <div class="field">
                    <label for="pr-email">{t().email}</label>
                    <input id="pr-email" type="email" inputmode="email" autocomplete="email" aria-describedby="pr-email-hint"
                        aria-invalid=invalid(Target::Standard("email"))
                        prop:value=move || portal.draft.with(|d| d.req.email.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); portal.draft.update(|d| d.req.email = v); } />
                    <p id="pr-email-hint" class="hint-text">{t().email_hint}</p>
                    {problem_for(Target::Standard("email"))}
                </div>
            </fieldset>
            {move || problems.with(|p| !p.is_empty()).then(|| view! { <p class="field-error" role="alert">{t().check_form}</p> })}
            {move || failure.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <div class="actions">
                <button type="submit" class="primary big" disabled=busy>
                    {move || if busy.get() { t().sending } else { t().submit }}
                </button>
            </div>
        </form>
    }
}

/// Moves focus to the first field marked invalid, after it is drawn.
fn focus_first_problem() {
    leptos::task::spawn_local(async {
        gloo_timers::future::TimeoutFuture::new(0).await;
        if let Ok(Some(el)) = document().query_selector("form.portal-form [aria-invalid=\"true\"]") {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}
