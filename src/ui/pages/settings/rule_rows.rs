//! A routing rule's conditions and actions as editable rows: a kind and one value, written
//! as text ("critical,high", "vpn, wifi", "2") and turned back into the domain types on save.

use leptos::prelude::*;

use super::form::{uid, FieldError, Form};
use crate::domain::desk::{Condition, RuleAction};
use crate::domain::model::{Channel, Priority, Tier};
use crate::ui::labels;
use crate::ui::state::{use_desk, Desk};

use super::texts::routing::t;
use super::widgets::tier_label;

#[derive(Clone, Copy)]
pub struct Row {
    pub key: u64,
    kind: RwSignal<String>,
    value: RwSignal<String>,
}

impl Row {
    fn new(kind: &str, value: String) -> Row {
        Row { key: uid(), kind: RwSignal::new(kind.to_string()), value: RwSignal::new(value) }
    }
}

/// Condition kinds; `texts::routing` names them in the same order.
pub const CONDITIONS: [&str; 6] = ["keywords", "category", "priority", "requester", "channel", "tag"];

/// Action kinds; `texts::routing` names them in the same order.
pub const ACTIONS: [&str; 6] = ["set_tier", "set_group", "set_priority", "set_category", "add_tags", "assign"];

fn words(v: &[String]) -> String {
    v.join(", ")
}

fn list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

pub fn condition_row(c: &Condition) -> Row {
    match c {
        Condition::Category { is } => Row::new("category", is.clone()),
        Condition::Keywords { any } => Row::new("keywords", words(any)),
        Condition::Priority { is } => Row::new("priority", is.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",")),
        Condition::Requester { contains } => Row::new("requester", contains.clone()),
        Condition::Channel { is } => Row::new("channel", is.as_str().to_string()),
        Condition::Tag { is } => Row::new("tag", is.clone()),
    }
}

pub fn condition_of(r: &Row) -> Condition {
    let v = r.value.get_untracked();
    match r.kind.get_untracked().as_str() {
        "category" => Condition::Category { is: v.trim().to_string() },
        "priority" => Condition::Priority { is: list(&v).iter().filter_map(|p| Priority::parse(p)).collect() },
        "requester" => Condition::Requester { contains: v.trim().to_string() },
        "channel" => Condition::Channel { is: Channel::parse(&v).unwrap_or_default() },
        "tag" => Condition::Tag { is: v.trim().to_string() },
        _ => Condition::Keywords { any: list(&v) },
    }
}

pub fn action_row(a: &RuleAction) -> Row {
    match a {
        RuleAction::SetTier { tier } => Row::new("set_tier", tier.0.to_string()),
        RuleAction::SetGroup { group } => Row::new("set_group", group.clone()),
        RuleAction::SetPriority { priority } => Row::new("set_priority", priority.as_str().to_string()),
        RuleAction::SetCategory { category } => Row::new("set_category", category.clone()),
        RuleAction::AddTags { tags } => Row::new("add_tags", words(tags)),
        RuleAction::Assign { agent } => Row::new("assign", agent.clone()),
    }
}

pub fn action_of(r: &Row) -> RuleAction {
    let v = r.value.get_untracked();
    match r.kind.get_untracked().as_str() {
        "set_group" => RuleAction::SetGroup { group: v },
        "set_priority" => RuleAction::SetPriority { priority: Priority::parse(&v).unwrap_or_default() },
        "set_category" => RuleAction::SetCategory { category: v.trim().to_string() },
        "add_tags" => RuleAction::AddTags { tags: list(&v) },
        "assign" => RuleAction::Assign { agent: v },
        _ => RuleAction::SetTier { tier: Tier(v.parse().unwrap_or(1)) },
    }
}

/// A sensible value for a row that just changed kind.
fn default_value(desk: Desk, kind: &str) -> String {
    match kind {
        "priority" | "set_priority" => "high".into(),
        "channel" => "email".into(),
        "set_tier" => "2".into(),
        "set_group" => desk.config.with_untracked(|c| c.groups.first().map(|g| g.id.clone()).unwrap_or_default()),
        "assign" => desk.config.with_untracked(|c| c.agents.first().map(|a| a.id.clone()).unwrap_or_default()),
        _ => String::new(),
    }
}

fn select(label: String, value: RwSignal<String>, choices: Vec<(String, String)>) -> AnyView {
    view! {
        <select aria-label=label on:change=move |ev| value.set(event_target_value(&ev))>
            {choices.into_iter().map(|(v, l)| {
                let mine = v.clone();
                view! { <option value=v prop:selected=move || value.with(|c| *c == mine)>{l}</option> }
            }).collect_view()}
        </select>
    }
    .into_any()
}

/// The value field that suits the row's kind.
fn value_field(desk: Desk, kind: &str, value: RwSignal<String>, label: String) -> AnyView {
    match kind {
        "priority" => view! {
            <span class="inline-checks" role="group" aria-label=label>
                {Priority::ALL.into_iter().map(|p| view! {
                    <label><input type="checkbox" prop:checked=move || list(&value.get()).iter().any(|x| x == p.as_str())
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let mut now: Vec<String> = list(&value.get_untracked()).into_iter().filter(|x| x != p.as_str()).collect();
                            if on {
                                now.push(p.as_str().to_string());
                            }
                            value.set(now.join(","));
                        } />" "{labels::priority(p)}</label>
                }).collect_view()}
            </span>
        }
        .into_any(),
        "set_priority" => select(label, value, Priority::ALL.iter().map(|p| (p.as_str().to_string(), labels::priority(*p).to_string())).collect()),
        "channel" => select(label, value, Channel::ALL.iter().map(|c| (c.as_str().to_string(), labels::channel(*c).to_string())).collect()),
        "set_tier" => select(label, value, (0..=Tier::MAX.0).map(|n| (n.to_string(), tier_label(Tier(n)))).collect()),
        "set_group" => select(label, value, desk.config.with_untracked(|c| c.groups.iter().map(|g| (g.id.clone(), format!("{} ({})", g.name, labels::tier(g.tier)))).collect())),
        "assign" => select(label, value, desk.config.with_untracked(|c| c.agents.iter().map(|a| (a.id.clone(), a.name.clone())).collect())),
        "keywords" | "add_tags" => view! { <input aria-label=label placeholder=t().words_placeholder bind:value=value /> }.into_any(),
        _ => view! { <input aria-label=label bind:value=value /> }.into_any(),
    }
}

/// The rows of one list (conditions or actions) with add and remove. `path` is the list's
/// path (`rules[0].conditions`), `names` names the `kinds` in the same order, `noun` names
/// one row as a title and inside a sentence ("Condition", "condition").
#[component]
pub fn RowsEditor(
    rows: RwSignal<Vec<Row>>,
    kinds: &'static [&'static str; 6],
    names: [&'static str; 6],
    noun: (&'static str, &'static str),
    #[prop(into)] path: Signal<String>,
    form: Form,
) -> impl IntoView {
    let desk = use_desk();
    let add = move |_| {
        let kind = kinds[0];
        rows.update(|r| r.push(Row::new(kind, default_value(desk, kind))));
    };
    view! {
        <ol class="rule-rows">
            <For each=move || rows.get() key=|r| r.key let:row>
                {
                    let key = row.key;
                    let j = move || rows.with(|rs| rs.iter().position(|x| x.key == key).unwrap_or(0));
                    let kind = row.kind;
                    let value = row.value;
                    view! {
                        <li class="rule-row">
                            <select aria-label=move || (t().row_kind)(noun.0, j() + 1) on:change=move |ev| {
                                let k = event_target_value(&ev);
                                value.set(default_value(desk, &k));
                                kind.set(k);
                            }>
                                {kinds.iter().zip(names).map(|(k, l)| view! { <option value=*k prop:selected=move || kind.get() == *k>{l}</option> }).collect_view()}
                            </select>
                            {move || value_field(desk, &kind.get(), value, (t().row_value)(noun.0, j() + 1))}
                            <button type="button" aria-label=move || (t().row_remove)(noun.1, j() + 1)
                                on:click=move |_| { form.clear(); rows.update(|rs| rs.retain(|x| x.key != key)); }>"✕"</button>
                            <FieldError form=form path=Signal::derive(move || format!("{}[{}]", path.get(), j()))/>
                        </li>
                    }
                }
            </For>
        </ol>
        <button type="button" class="small" on:click=add>{(t().row_add)(noun.1)}</button>
    }
}
