//! The dialog that adds or edits one agent; saved at once when the admin presses Save.

use leptos::prelude::*;

use super::form::{calendar_choices, choice, save, slug, unique_id, FieldError, Form, ProblemList};
use super::widgets::{tier_items, tier_keys, tiers_of, CheckGroup, TagsInput};
use crate::domain::desk::Agent;
use crate::domain::ticket::looks_like_email;
use crate::ui::components::dialog::Dialog;
use crate::ui::i18n::common;
use crate::ui::labels;
use crate::ui::state::use_desk;

use super::texts::people::t;

/// The agent form's fields; `index` is where the agent sits (or will sit) in `agents`, so
/// problems at `agents[index].…` land beside the right field.
#[derive(Clone, Copy)]
pub struct AgentFields {
    pub editing: RwSignal<Option<String>>,
    pub index: RwSignal<usize>,
    name: RwSignal<String>,
    email: RwSignal<String>,
    tiers: RwSignal<Vec<String>>,
    groups: RwSignal<Vec<String>>,
    skills: RwSignal<Vec<String>>,
    capacity: RwSignal<String>,
    away: RwSignal<bool>,
    calendar: RwSignal<String>,
    admin: RwSignal<bool>,
}

impl AgentFields {
    pub fn new() -> AgentFields {
        AgentFields {
            editing: RwSignal::new(None),
            index: RwSignal::new(0),
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            tiers: RwSignal::new(vec![]),
            groups: RwSignal::new(vec![]),
            skills: RwSignal::new(vec![]),
            capacity: RwSignal::new("10".into()),
            away: RwSignal::new(false),
            calendar: RwSignal::new(String::new()),
            admin: RwSignal::new(false),
        }
    }

    /// Fills the form from `agent` (None: a blank new agent at `index`).
    pub fn load(&self, agent: Option<&Agent>, index: usize) {
        self.editing.set(agent.map(|a| a.id.clone()));
        self.index.set(index);
        self.name.set(agent.map(|a| a.name.clone()).unwrap_or_default());
        self.email.set(agent.map(|a| a.email.clone()).unwrap_or_default());
        self.tiers.set(agent.map(|a| tier_keys(&a.tiers)).unwrap_or_default());
        self.groups.set(agent.map(|a| a.groups.clone()).unwrap_or_default());
        self.skills.set(agent.map(|a| a.skills.clone()).unwrap_or_default());
        self.capacity.set(agent.map_or(10, |a| a.capacity).to_string());
        self.away.set(agent.is_some_and(|a| a.away));
        self.calendar.set(agent.and_then(|a| a.calendar.clone()).unwrap_or_default());
        self.admin.set(agent.is_some_and(|a| a.admin));
    }

    /// Writes the form into `a`; fields it cannot read are reported at `at.<field>`.
    fn apply(&self, a: &mut Agent, at: &str, local: &mut Vec<(String, String)>) {
        a.name = self.name.get_untracked().trim().to_string();
        let email = self.email.get_untracked().trim().to_string();
        if !email.is_empty() && !looks_like_email(&email) {
            local.push((format!("{at}.email"), (t().bad_email)(&email)));
        }
        a.email = email;
        a.tiers = tiers_of(&self.tiers.get_untracked());
        a.groups = self.groups.get_untracked();
        a.skills = self.skills.get_untracked();
        match self.capacity.get_untracked().trim().parse::<u32>() {
            Ok(n) if n > 0 => a.capacity = n,
            _ => local.push((format!("{at}.capacity"), t().bad_capacity.into())),
        }
        a.away = self.away.get_untracked();
        let cal = self.calendar.get_untracked();
        a.calendar = (!cal.is_empty()).then_some(cal);
        a.admin = self.admin.get_untracked();
    }
}

#[component]
pub fn AgentDialog(open: RwSignal<bool>, fields: AgentFields, form: Form) -> impl IntoView {
    let desk = use_desk();
    let f = fields;
    let path = move |field: &'static str| Signal::derive(move || format!("agents[{}].{field}", f.index.get()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = f.editing.get_untracked();
        let name = f.name.get_untracked();
        save(
            desk,
            form,
            &(t().saved_agent)(name.trim()),
            |cfg, local| {
                let i = id.as_ref().and_then(|id| cfg.agents.iter().position(|a| a.id == *id));
                let at = format!("agents[{}]", i.unwrap_or(cfg.agents.len()));
                let mut a = match i.and_then(|i| cfg.agents.get(i)) {
                    Some(a) => a.clone(),
                    None => Agent {
                        id: unique_id(&slug(&name, "agent"), |c| cfg.agent(c).is_some()),
                        name: String::new(),
                        email: String::new(),
                        tiers: vec![],
                        groups: vec![],
                        skills: vec![],
                        capacity: 10,
                        away: false,
                        calendar: None,
                        admin: false,
                    },
                };
                f.apply(&mut a, &at, local);
                // Groups in the order of the desk's list, not the order they were ticked in.
                a.groups.sort_by_key(|g| cfg.groups.iter().position(|x| x.id == *g));
                match i.and_then(|i| cfg.agents.get_mut(i)) {
                    Some(slot) => *slot = a,
                    None => cfg.agents.push(a),
                }
                if !cfg.agents.iter().any(|a| a.admin) {
                    local.push((format!("{at}.admin"), t().keep_admin.into()));
                }
            },
            move |ok| {
                if ok {
                    open.set(false);
                }
            },
        );
    };
    let group_items = move || desk.config.with(|c| c.groups.iter().map(|g| (g.id.clone(), format!("{} ({})", g.name, labels::tier(g.tier)))).collect::<Vec<_>>());
    let calendars = move || {
        let mut v = vec![(String::new(), t().tiers_calendar.to_string())];
        v.extend(calendar_choices(desk));
        v
    };
    view! {
        <Dialog open=open title=t().agent_title.to_string()>
            <form class="form agent-form" on:submit=submit novalidate>
                <p class="muted">{move || match f.editing.get() {
                    Some(id) => (t().editing)(&id),
                    None => t().new_agent.to_string(),
                }}</p>
                <div class="row">
                    <div>
                        <label for="agent-name">{t().name}</label>
                        <input id="agent-name" bind:value=f.name required />
                        <FieldError form=form path=path("name")/>
                        <FieldError form=form path=path("id")/>
                    </div>
                    <div>
                        <label for="agent-email">{t().email}</label>
                        <input id="agent-email" type="email" bind:value=f.email />
                        <FieldError form=form path=path("email")/>
                    </div>
                </div>
                <CheckGroup legend=t().tiers.into() items=tier_items() picked=f.tiers/>
                <FieldError form=form path=path("tiers")/>
                {move || view! { <CheckGroup legend=t().groups.into() items=group_items() picked=f.groups/> }}
                <FieldError form=form path=path("groups")/>
                <label for="agent-skills">{t().skills}</label>
                <TagsInput id="agent-skills".into() tags=f.skills noun=t().skill_noun placeholder=t().skill_placeholder/>
                <p class="hint-text">{t().skill_hint}</p>
                <div class="row">
                    <div>
                        <label for="agent-capacity">{t().capacity_label}</label>
                        <input id="agent-capacity" type="number" min="1" step="1" bind:value=f.capacity />
                        <FieldError form=form path=path("capacity")/>
                    </div>
                    <div>
                        <label for="agent-calendar">{t().shift_calendar}</label>
                        {choice(Some("agent-calendar".into()), None, f.calendar, calendars)}
                        <FieldError form=form path=path("calendar")/>
                    </div>
                </div>
                <label class="check-line"><input type="checkbox" bind:checked=f.away />{t().away_check}</label>
                <label class="check-line"><input type="checkbox" bind:checked=f.admin />{t().admin_check}</label>
                <FieldError form=form path=path("admin")/>
                <ProblemList form=form/>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || form.busy.get()>{t().save_agent}</button>
                    <button type="button" on:click=move |_| { form.clear(); open.set(false); }>{common().cancel}</button>
                </div>
            </form>
        </Dialog>
    }
}
