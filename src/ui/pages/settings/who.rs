//! Who am I: the agent working at this browser, what they work on, whether they are on shift
//! now, and their own "away" switch (anyone may set it for themselves).

use leptos::prelude::*;

use super::form::{save, FieldError, Form, ProblemList};
use crate::domain::desk::{Agent, Calendar, DeskConfig};
use crate::ui::i18n::{self, Lang};
use crate::ui::labels;
use crate::ui::state::use_desk;

use super::texts::who::t;

/// The calendar an agent's shift follows: their own, else their first tier's, else the
/// desk's default. The text says which of the three it is.
fn shift_calendar<'a>(cfg: &'a DeskConfig, a: &Agent) -> Option<(&'a Calendar, String)> {
    if let Some(c) = a.calendar.as_deref().and_then(|id| cfg.calendar(id)) {
        return Some((c, (t().cal_own)(&c.name)));
    }
    if let Some(tier) = a.tiers.first() {
        if let Some(c) = cfg.tier(*tier).and_then(|tc| cfg.calendar(&tc.calendar)) {
            return Some((c, (t().cal_tier)(&c.name, &labels::tier(*tier))));
        }
    }
    cfg.calendar(&cfg.general.default_calendar).map(|c| (c, (t().cal_default)(&c.name)))
}

fn list_or_none(items: Vec<String>) -> String {
    if items.is_empty() { t().none.to_string() } else { items.join(", ") }
}

#[component]
pub fn WhoAmI() -> impl IntoView {
    let desk = use_desk();
    let form = Form::new();
    let agents = move || {
        desk.config.with(|c| {
            c.agents
                .iter()
                .map(|a| {
                    let tiers = a.tiers.iter().map(|t| t.0.to_string()).collect::<Vec<_>>().join(", ");
                    (a.id.clone(), (t().agent_option)(&a.name, &tiers, a.admin))
                })
                .collect::<Vec<_>>()
        })
    };
    let choose = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        form.clear();
        desk.set_me((!id.is_empty()).then_some(id));
    };
    let me = Memo::new(move |_| {
        let id = desk.me.get()?;
        desk.config.with(|c| c.agent(&id).cloned())
    });
    let redraw = RwSignal::new(0u32);
    let toggle_away = move |ev: leptos::ev::Event| {
        let away = event_target_checked(&ev);
        let Some(id) = desk.me.get_untracked() else { return };
        save(
            desk,
            form,
            if away { t().saved_away } else { t().saved_available },
            |cfg, _| {
                if let Some(a) = cfg.agents.iter_mut().find(|a| a.id == id) {
                    a.away = away;
                }
            },
            // If the save is refused, draw the card again so the box shows the stored state.
            move |ok| {
                if !ok {
                    redraw.update(|n| *n += 1);
                }
            },
        );
    };
    let my_index = move || desk.me.get().and_then(|id| desk.config.with(|c| c.agents.iter().position(|a| a.id == id))).unwrap_or(usize::MAX);

    view! {
        <h2>{t().title}</h2>
        <p class="hint-text">{t().intro}</p>
        <label for="me-select">{t().me_label}</label>
        <select id="me-select" class="me-select" on:change=choose>
            <option value="" prop:selected=move || desk.me.get().is_none()>{t().nobody_option}</option>
            {move || agents().into_iter().map(|(id, text)| {
                let sel_id = id.clone();
                view! { <option value=id prop:selected=move || desk.me.get().as_deref() == Some(sel_id.as_str())>{text}</option> }
            }).collect_view()}
        </select>
        <ProblemList form=form/>
        {move || {
            redraw.track();
            match me.get() {
                None => view! { <p class="muted">{t().nobody_picked}</p> }.into_any(),
                Some(a) => {
                    let now = desk.now;
                    let id = a.id.clone();
                    let facts = desk.config.with(|c| {
                        let tiers = list_or_none(a.tiers.iter().map(|tier| format!("{} · {}", labels::tier(*tier), labels::tier_name(c, *tier))).collect());
                        let groups = list_or_none(a.groups.iter().map(|g| c.groups.iter().find(|x| x.id == *g).map_or(g.clone(), |x| x.name.clone())).collect());
                        (tiers, groups)
                    });
                    let open_tickets = move || desk.queue.with(|q| q.rows().iter().filter(|r| r.is_open() && r.assignee.as_deref() == Some(id.as_str())).count());
                    let agent = a.clone();
                    let shift = move || {
                        let at = now.get();
                        desk.config.with(|c| match shift_calendar(c, &agent) {
                            Some((cal, which)) => {
                                let open = cal.is_open(at);
                                (which, open)
                            }
                            None => (t().no_calendar.to_string(), true),
                        })
                    };
                    let shift2 = shift.clone();
                    view! {
                        <div class="card me-card">
                            <h3>{a.name.clone()}{a.admin.then_some(t().admin_suffix)}</h3>
                            <dl class="facts">
                                <dt>{t().email}</dt><dd>{if a.email.is_empty() { "—".to_string() } else { a.email.clone() }}</dd>
                                <dt>{t().tiers}</dt><dd>{facts.0}</dd>
                                <dt>{t().groups}</dt><dd>{facts.1}</dd>
                                <dt>{t().skills}</dt><dd>{list_or_none(a.skills.clone())}</dd>
                                <dt>{t().capacity}</dt><dd>{move || (t().capacity_text)(a.capacity, open_tickets())}</dd>
                                <dt>{t().shift_calendar}</dt><dd>{move || shift().0}</dd>
                                <dt>{t().on_shift}</dt>
                                <dd class="on-shift">{move || if shift2().1 { t().on_shift_yes } else { t().on_shift_no }}</dd>
                            </dl>
                            <label class="check-line">
                                <input type="checkbox" prop:checked=a.away on:change=toggle_away />
                                {t().away_check}
                            </label>
                            <FieldError form=form path=Signal::derive(move || format!("agents[{}]", my_index()))/>
                            <p class="hint-text">{if a.away { t().away_hint } else { t().available_hint }}</p>
                        </div>
                    }
                    .into_any()
                }
            }
        }}
        <LanguagePicker/>
    }
}

/// The language of this browser's Tierdesk, each offered in its own name. Choosing one saves
/// it and reloads the page (`i18n::switch`).
#[component]
fn LanguagePicker() -> impl IntoView {
    let now = i18n::lang();
    let pick = move |ev: leptos::ev::Event| {
        let tag = event_target_value(&ev);
        if let Some(l) = Lang::ALL.into_iter().find(|l| l.tag() == tag) {
            if l != now {
                i18n::switch(l);
            }
        }
    };
    view! {
        <h3 id="lang-heading">{t().language}</h3>
        <label for="lang-select">{t().language_label}</label>
        <select id="lang-select" class="narrow-select" aria-describedby="lang-hint" on:change=pick>
            {Lang::ALL.into_iter().map(|l| view! {
                <option value=l.tag() lang=l.tag() prop:selected=l == now>{l.name()}</option>
            }).collect_view()}
        </select>
        <p class="hint-text" id="lang-hint">{t().language_hint}</p>
    }
}
