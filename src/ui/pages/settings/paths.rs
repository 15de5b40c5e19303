//! Turns the (path, message) pairs of `validate_config` into words a person can act on:
//! `tiers[1].limit_minutes` becomes "Tier 1 › Time limit".

use crate::domain::calendar::DAY_NAMES;
use crate::domain::desk::DeskConfig;

/// One problem with a configuration that was not saved.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The JSON path, e.g. `agents[2].tiers[0]`; fields match their errors by it.
    pub path: String,
    /// The path in words, e.g. `Agent "Lena Fischer" › Tiers`.
    pub place: String,
    pub message: String,
}

/// Splits `a[1].b.c[2]` into `[("a", Some(1)), ("b", None), ("c", Some(2))]`.
fn segments(path: &str) -> Vec<(&str, Option<usize>)> {
    path.split('.')
        .filter(|s| !s.is_empty())
        .map(|s| match s.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
            None => (s, None),
        })
        .collect()
}

fn field_label(name: &str) -> String {
    let known = match name {
        "name" => "Name",
        "id" => "Id",
        "email" => "E-mail",
        "tiers" => "Tiers",
        "groups" => "Groups",
        "skills" => "Skills",
        "capacity" => "Capacity",
        "admin" => "Admin",
        "calendar" => "Calendar",
        "tier" => "Tier",
        "assignment" => "Assignment method",
        "description" => "Description",
        "limit_minutes" => "Time limit",
        "cost_per_hour" => "Cost per agent hour",
        "tz" => "Time zone",
        "week" => "Weekly hours",
        "holidays" => "Holidays",
        "date" => "Date",
        "desk_name" => "Desk name",
        "mode" => "Work mode",
        "warning_percent" => "Warning percentage",
        "reopen_window_hours" => "Reopen window",
        "default_calendar" => "Default calendar",
        "cost_per_ticket" => "Cost per ticket",
        "targets" => "Targets",
        "first_response" => "First response",
        "next_response" => "Next response",
        "resolution" => "Resolution",
        "priority" => "Priority",
        "priorities" => "Priorities",
        "categories" => "Categories",
        "orgs" => "Organisations",
        "tags" => "Tags",
        "conditions" => "Conditions",
        "actions" => "Actions",
        "any" => "Keywords",
        "is" => "Value",
        "contains" => "Text",
        "agent" => "Agent",
        "group" => "Group",
        "category" => "Category",
        "key" => "Field key",
        "fields" => "Fields",
        other => return other.replace('_', " "),
    };
    known.to_string()
}

fn named(kind: &str, name: Option<&str>, i: usize) -> String {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("{kind} \"{n}\""),
        None => format!("{kind} {}", i + 1),
    }
}

/// The first segment of a path in words, using the configuration that was checked.
fn top(cfg: &DeskConfig, name: &str, i: Option<usize>) -> String {
    let Some(i) = i else {
        return match name {
            "general" => "General".into(),
            "matrix" => "Priority matrix".into(),
            other => field_label(other),
        };
    };
    match name {
        "agents" => named("Agent", cfg.agents.get(i).map(|a| a.name.as_str()), i),
        "groups" => named("Group", cfg.groups.get(i).map(|g| g.name.as_str()), i),
        "tiers" => match cfg.tiers.get(i) {
            Some(t) => t.tier.to_string(),
            None => format!("Tier settings {}", i + 1),
        },
        "calendars" => named("Calendar", cfg.calendars.get(i).map(|c| c.name.as_str()), i),
        "policies" => named("SLA policy", cfg.policies.get(i).map(|p| p.name.as_str()), i),
        "rules" => named("Routing rule", cfg.rules.get(i).map(|r| r.name.as_str()), i),
        "canned" => named("Canned response", cfg.canned.get(i).map(|c| c.name.as_str()), i),
        "catalog" => named("Catalog item", cfg.catalog.get(i).map(|c| c.name.as_str()), i),
        other => format!("{} {}", field_label(other), i + 1),
    }
}

/// `path` in words, e.g. `SLA policy "Standard" › High target › First response`.
pub fn place(cfg: &DeskConfig, path: &str) -> String {
    let segs = segments(path);
    let Some(&(first, first_i)) = segs.first() else {
        return "Settings".into();
    };
    let mut parts = vec![top(cfg, first, first_i)];
    for &(name, i) in segs.iter().skip(1) {
        let part = match (name, i) {
            ("targets", Some(j)) => {
                let policy = first_i.and_then(|p| cfg.policies.get(p));
                match policy.and_then(|p| p.targets.get(j)) {
                    Some(t) => format!("{} target", t.priority.label()),
                    None => format!("Target {}", j + 1),
                }
            }
            ("week", Some(d)) => DAY_NAMES.get(d).map_or_else(|| "Weekly hours".into(), |d| d.to_string()),
            ("conditions", Some(j)) => format!("Condition {}", j + 1),
            ("actions", Some(j)) => format!("Action {}", j + 1),
            ("holidays", Some(j)) => format!("Holiday {}", j + 1),
            (list, Some(j)) => format!("{} (entry {})", field_label(list), j + 1),
            (field, None) => field_label(field),
        };
        parts.push(part);
    }
    parts.join(" › ")
}

/// Calendar checks come back as one sentence for the whole calendar ("Calendar "x": on
/// Monday, …"); this points them at the field they concern so they show beside it.
fn refine_calendar(path: &str, message: &str) -> (String, String) {
    let is_calendar = path.starts_with("calendars[") && path.ends_with(']') && !path.contains('.');
    if !is_calendar {
        return (path.to_string(), message.to_string());
    }
    let rest = match message.strip_prefix("Calendar \"").and_then(|m| m.split_once("\": ")) {
        Some((_, rest)) => rest.to_string(),
        None => message.to_string(),
    };
    if rest.contains("time zone") {
        return (format!("{path}.tz"), rest);
    }
    for (d, day) in DAY_NAMES.iter().enumerate() {
        if let Some(tail) = rest.strip_prefix(&format!("on {day}, ")) {
            return (format!("{path}.week[{d}]"), tail.to_string());
        }
    }
    (path.to_string(), rest)
}

/// Problems in words, for the configuration `cfg` that was checked.
pub fn describe(cfg: &DeskConfig, problems: Vec<(String, String)>) -> Vec<Problem> {
    let mut out: Vec<Problem> = vec![];
    for (path, message) in problems {
        let (path, message) = refine_calendar(&path, &message);
        let p = Problem { place: place(cfg, &path), path, message };
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// Whether a problem at `path` belongs to the field at `field` (itself or inside it).
pub fn belongs(path: &str, field: &str) -> bool {
    match path.strip_prefix(field) {
        Some(rest) => rest.is_empty() || rest.starts_with('.') || rest.starts_with('['),
        None => false,
    }
}
