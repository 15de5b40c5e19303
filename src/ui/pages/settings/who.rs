//! Who am I: the agent working at this browser, what they work on, whether they are on shift
//! now, and their own "away" switch (anyone may set it for themselves).

use leptos::prelude::*;

use super::form::{save, FieldError, Form, ProblemList};
use crate::domain::desk::{Agent, Calendar, DeskConfig};
use crate::ui::state::use_desk;

/// The calendar an agent's shift follows: their own, else their first tier's, else the
/// desk's default. The text says which of the three it is.
fn shift_calendar<'a>(cfg: &'a DeskConfig, a: &Agent) -> Option<(&'a Calendar, String)> {
    if let Some(c) = a.calendar.as_deref().and_then(|id| cfg.calendar(id)) {
        return Some((c, format!("{} (their own)", c.name)));
    }
    if let Some(t) = a.tiers.first() {
        if let Some(c) = cfg.tier(*t).and_then(|tc| cfg.calendar(&tc.calendar)) {
            return Some((c, format!("{} ({}'s calendar)", c.name, t)));
        }
    }
    cfg.calendar(&cfg.general.default_calendar).map(|c| (c, format!("{} (the desk's default)", c.name)))
}

fn list_or_none(items: Vec<String>) -> String {
    if items.is_empty() { "none".to_string() } else { items.join(", ") }
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
                    let tiers = if tiers.is_empty() { "no tier".to_string() } else { format!("tiers {tiers}") };
                    (a.id.clone(), format!("{} — {tiers}{}", a.name, if a.admin { ", admin" } else { "" }))
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
            if away { "you as away" } else { "you as available" },
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
        <h2>"Who am I"</h2>
        <p class="hint-text">"Tierdesk has no log-in: whoever works at this browser says who they are here. Replies, notes and the “Mine” queue use this agent."</p>
        <label for="me-select">"The agent working at this browser"</label>
        <select id="me-select" class="me-select" on:change=choose>
            <option value="" prop:selected=move || desk.me.get().is_none()>"Nobody (read only)"</option>
            {move || agents().into_iter().map(|(id, text)| {
                let sel_id = id.clone();
                view! { <option value=id prop:selected=move || desk.me.get().as_deref() == Some(sel_id.as_str())>{text}</option> }
            }).collect_view()}
        </select>
        <ProblemList form=form/>
        {move || {
            redraw.track();
            match me.get() {
                None => view! { <p class="muted">"Nobody is picked: this browser can read tickets but not work on them."</p> }.into_any(),
                Some(a) => {
                    let now = desk.now;
                    let id = a.id.clone();
                    let facts = desk.config.with(|c| {
                        let tiers = list_or_none(a.tiers.iter().map(|t| format!("{t} · {}", c.tier_name(*t))).collect());
                        let groups = list_or_none(a.groups.iter().map(|g| c.groups.iter().find(|x| x.id == *g).map_or(g.clone(), |x| x.name.clone())).collect());
                        (tiers, groups)
                    });
                    let open_tickets = move || desk.queue.with(|q| q.rows().iter().filter(|r| r.is_open() && r.assignee.as_deref() == Some(id.as_str())).count());
                    let agent = a.clone();
                    let shift = move || {
                        let t = now.get();
                        desk.config.with(|c| match shift_calendar(c, &agent) {
                            Some((cal, which)) => {
                                let open = cal.is_open(t);
                                (which, open)
                            }
                            None => ("none (always on shift)".to_string(), true),
                        })
                    };
                    let shift2 = shift.clone();
                    view! {
                        <div class="card me-card">
                            <h3>{a.name.clone()}{a.admin.then_some(" · Admin")}</h3>
                            <dl class="facts">
                                <dt>"E-mail"</dt><dd>{if a.email.is_empty() { "—".to_string() } else { a.email.clone() }}</dd>
                                <dt>"Tiers"</dt><dd>{facts.0}</dd>
                                <dt>"Groups"</dt><dd>{facts.1}</dd>
                                <dt>"Skills"</dt><dd>{list_or_none(a.skills.clone())}</dd>
                                <dt>"Capacity"</dt><dd>{move || format!("{} open tickets at once (holds {} now)", a.capacity, open_tickets())}</dd>
                                <dt>"Shift calendar"</dt><dd>{move || shift().0}</dd>
                                <dt>"On shift now?"</dt>
                                <dd class="on-shift">{move || if shift2().1 { "✔ Yes, the shift calendar is open now" } else { "✖ No, the shift calendar is closed now" }}</dd>
                            </dl>
                            <label class="check-line">
                                <input type="checkbox" prop:checked=a.away on:change=toggle_away />
                                " I am away: give me no new tickets"
                            </label>
                            <FieldError form=form path=Signal::derive(move || format!("agents[{}]", my_index()))/>
                            <p class="hint-text">{if a.away { "Marked away: automatic assignment skips you until you clear this." } else { "Available: automatic assignment may give you tickets while you are on shift." }}</p>
                        </div>
                    }
                    .into_any()
                }
            }
        }}
    }
}
