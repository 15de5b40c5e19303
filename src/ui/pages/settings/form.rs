//! What every settings section shares: saving a changed configuration (checked first, nothing
//! saved on problems), showing problems beside fields and as a list, the admin check, and
//! small parsers for the text fields.

use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;

use super::paths::{belongs, describe, Problem};
use crate::domain::defaults::validate_config;
use crate::domain::desk::{AssignmentMethod, DeskConfig, TimeRange};
use crate::domain::desk::DayTime;
use crate::ui::labels;
use crate::ui::state::{use_desk, Desk};

use super::texts::shell::t;

/// The state of one section's form: the problems of the last attempt to save, and whether a
/// save is under way.
#[derive(Clone, Copy)]
pub struct Form {
    pub problems: RwSignal<Vec<Problem>>,
    pub busy: RwSignal<bool>,
}

impl Form {
    pub fn new() -> Form {
        Form { problems: RwSignal::new(vec![]), busy: RwSignal::new(false) }
    }

    pub fn clear(&self) {
        self.problems.set(vec![]);
    }
}

fn refuse(desk: Desk, form: Form, cfg: &DeskConfig, problems: Vec<(String, String)>) {
    let described = describe(cfg, problems);
    desk.fail((t().refused)(described.len()));
    form.problems.set(described);
}

/// Applies `change` to a copy of the configuration and saves it. `change` reports fields it
/// could not read (path, message); then, and when the whole configuration fails its checks,
/// every problem is shown and nothing is saved. `done` learns whether it was saved.
pub fn save(
    desk: Desk,
    form: Form,
    what: &str,
    change: impl FnOnce(&mut DeskConfig, &mut Vec<(String, String)>),
    done: impl FnOnce(bool) + 'static,
) {
    if form.busy.get_untracked() {
        return;
    }
    let mut cfg = desk.config.get_untracked();
    let mut local = vec![];
    change(&mut cfg, &mut local);
    if !local.is_empty() {
        // Report the rest of the configuration's problems in the same go.
        for problem in validate_config(&cfg) {
            if !local.contains(&problem) {
                local.push(problem);
            }
        }
        refuse(desk, form, &cfg, local);
        done(false);
        return;
    }
    form.busy.set(true);
    let what = what.to_string();
    leptos::task::spawn_local(async move {
        let result = desk.save_config(cfg.clone()).await;
        form.busy.set(false);
        match result {
            Ok(()) => {
                form.clear();
                desk.say((t().saved)(&what));
                done(true);
            }
            Err(problems) => {
                refuse(desk, form, &cfg, problems);
                done(false);
            }
        }
    });
}

/// Problems at `path` (or inside it, unless `exact`), shown right under the field.
#[component]
pub fn FieldError(form: Form, #[prop(into)] path: Signal<String>, #[prop(optional)] exact: bool) -> impl IntoView {
    move || {
        let at = path.get();
        let hit = |p: &Problem| if exact { p.path == at } else { belongs(&p.path, &at) };
        let mine: Vec<Problem> = form.problems.with(|ps| ps.iter().filter(|p| hit(p)).cloned().collect());
        mine.into_iter()
            .map(|p| view! { <p class="field-error"><span aria-hidden="true">"✖ "</span>{format!("{}: {}", p.place, p.message)}</p> })
            .collect_view()
    }
}

/// Every problem of the last attempt, naming the field of each.
#[component]
pub fn ProblemList(form: Form) -> impl IntoView {
    move || {
        let ps = form.problems.get();
        (!ps.is_empty()).then(|| {
            view! {
                <div class="problems" role="alert">
                    <p><strong>{t().nothing_saved}</strong>{t().fix_these}</p>
                    <ul>
                        {ps.into_iter().map(|p| view! { <li><strong>{p.place}</strong>": "{p.message}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// Save and Discard buttons for a section that edits a draft.
#[component]
pub fn SaveBar(form: Form, label: &'static str, on_save: impl Fn() + Send + Sync + 'static + Copy, on_discard: impl Fn() + Send + Sync + 'static + Copy) -> impl IntoView {
    let desk = use_desk();
    view! {
        <div class="actions save-bar">
            <button type="button" class="primary" disabled=move || form.busy.get() || !is_admin(desk) on:click=move |_| on_save()>{label}</button>
            <button type="button" disabled=move || !is_admin(desk) on:click=move |_| { form.clear(); on_discard(); }>{t().discard}</button>
        </div>
    }
}

/// Whether the agent at this browser may change the desk's settings (reactive).
pub fn is_admin(desk: Desk) -> bool {
    match desk.me.get() {
        Some(id) => desk.config.with(|c| c.agent(&id).is_some_and(|a| a.admin)),
        None => false,
    }
}

/// Says why a section is read only, when it is.
#[component]
pub fn AdminNote() -> impl IntoView {
    let desk = use_desk();
    move || {
        if is_admin(desk) {
            return None;
        }
        let who = desk.me.get().map(|id| desk.config.with(|c| c.agent_name(&id)));
        let text = match who {
            Some(name) => (t().read_only)(&name),
            None => t().read_only_nobody.to_string(),
        };
        Some(view! { <p class="note" role="note"><span aria-hidden="true">"🔒 "</span>{text}</p> })
    }
}

/// Moves the keyboard focus to the element `id` once the page has been redrawn (a moved row
/// is taken out of the page and put back, which drops the focus).
pub fn focus_later(id: String) {
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        if let Some(el) = document().get_element_by_id(&id) {
            if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
                let _ = el.focus();
            }
        }
    });
}

/// Moves the entry with `key` one place up (`up`) or down in an ordered list.
pub fn shift<T>(list: &mut [T], key: impl Fn(&T) -> bool, up: bool) {
    let Some(i) = list.iter().position(key) else { return };
    if up && i > 0 {
        list.swap(i, i - 1);
    } else if !up && i + 1 < list.len() {
        list.swap(i, i + 1);
    }
}

/// A fresh key for draft rows, so lists can grow, shrink and reorder without redrawing
/// (and losing the focus of) the rows that stay.
pub fn uid() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// An id made from a name: lower case, words joined by "-".
pub fn slug(name: &str, fallback: &str) -> String {
    let mut s = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-');
    if s.is_empty() { fallback.to_string() } else { s.to_string() }
}

/// `base`, or `base-2`, `base-3`… whichever is not taken yet.
pub fn unique_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|c| !taken(c)).unwrap_or_else(|| base.to_string())
}

/// Empty means none; otherwise a whole number of minutes (or hours, or any count). The
/// error holds what was typed, for the caller to say what it should have been.
pub fn parse_count(text: &str) -> Result<Option<u32>, String> {
    let v = text.trim();
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<u32>().map(Some).map_err(|_| v.to_string())
}

/// A sum of money, zero or more; empty means 0.
pub fn parse_money(text: &str) -> Result<f64, String> {
    let v = text.trim().replace(',', ".");
    if v.is_empty() {
        return Ok(0.0);
    }
    match v.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err((t().not_amount)(text.trim())),
    }
}

/// "09:00-12:00, 13:00-17:00" -> two ranges; empty (or "closed") means closed all day. Only
/// the form is checked here; the calendar's own check reports ranges that end too early.
pub fn parse_ranges(text: &str) -> Result<Vec<TimeRange>, String> {
    let v = text.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("closed") || v.to_lowercase() == t().closed {
        return Ok(vec![]);
    }
    v.split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (a, b) = part.split_once(['-', '–']).ok_or_else(|| (t().not_range)(part))?;
            match (DayTime::parse(a), DayTime::parse(b)) {
                (Some(start), Some(end)) => Ok(TimeRange { start, end }),
                _ => Err((t().not_range_times)(part)),
            }
        })
        .collect()
}

pub fn format_ranges(ranges: &[TimeRange]) -> String {
    ranges.iter().map(|r| format!("{}-{}", r.start, r.end)).collect::<Vec<_>>().join(", ")
}

/// Assignment methods and their keys; `labels::assignment` names them and
/// `texts::shell::method_help` says what each does.
pub const METHODS: [(AssignmentMethod, &str); 4] = [
    (AssignmentMethod::Manual, "manual"),
    (AssignmentMethod::RoundRobin, "round_robin"),
    (AssignmentMethod::LeastLoaded, "least_loaded"),
    (AssignmentMethod::SkillBased, "skill_based"),
];

pub fn method_key(m: AssignmentMethod) -> String {
    METHODS.iter().find(|x| x.0 == m).map_or("manual", |x| x.1).to_string()
}

pub fn method_parse(key: &str) -> AssignmentMethod {
    METHODS.iter().find(|x| x.1 == key).map_or(AssignmentMethod::Manual, |x| x.0)
}

pub fn method_choices() -> Vec<(String, String)> {
    METHODS.iter().map(|m| (m.1.to_string(), labels::assignment(m.0).to_string())).collect()
}

/// A select over (value, label) pairs for a string signal. `id` pairs it with a <label>;
/// `label` names it when there is no visible label.
pub fn choice(
    id: Option<String>,
    label: Option<String>,
    value: RwSignal<String>,
    choices: impl Fn() -> Vec<(String, String)> + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <select id=id aria-label=label on:change=move |ev| value.set(event_target_value(&ev))>
            {move || choices().into_iter().map(|(v, l)| {
                let mine = v.clone();
                view! { <option value=v prop:selected=move || value.with(|c| *c == mine)>{l}</option> }
            }).collect_view()}
        </select>
    }
}

/// The calendars as select choices (id, name).
pub fn calendar_choices(desk: Desk) -> Vec<(String, String)> {
    desk.config.with(|c| c.calendars.iter().map(|k| (k.id.clone(), k.name.clone())).collect())
}
