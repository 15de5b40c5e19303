//! The configuration a new desk starts with, canned-response placeholders, and the checks a
//! configuration must pass before it is saved.
//!
//! All three default calendars are in UTC, so that demos and tests give the same business
//! hours on every machine; an admin sets the real time zone in settings.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::desk::*;
use super::model::{Priority, Ticket, Tier};

fn calendars() -> Vec<Calendar> {
    vec![
        Calendar::preset_24_7("24x7", "UTC"),
        Calendar::preset_12_5("12x5", "UTC"),
        Calendar::preset_8_5("8x5", "UTC"),
    ]
}

fn tier(
    n: u8,
    description: &str,
    calendar: &str,
    limit_minutes: Option<u32>,
    assignment: AssignmentMethod,
    cost_per_hour: f64,
) -> TierConfig {
    TierConfig {
        tier: Tier(n),
        name: Tier(n).default_name().into(),
        description: description.into(),
        calendar: calendar.into(),
        limit_minutes,
        assignment,
        cost_per_hour,
    }
}

fn tiers() -> Vec<TierConfig> {
    use AssignmentMethod::*;
    vec![
        tier(
            0,
            "Requesters help themselves: knowledge base and service catalog.",
            "24x7",
            None,
            Manual,
            0.0,
        ),
        tier(
            1,
            "First contact: logs every request, solves the common ones, hands on the rest.",
            "12x5",
            Some(15),
            RoundRobin,
            30.0,
        ),
        tier(
            2,
            "Technical support: deeper troubleshooting by specialists.",
            "8x5",
            Some(240),
            LeastLoaded,
            50.0,
        ),
        tier(
            3,
            "Experts: engineers and architects for the hardest problems.",
            "8x5",
            Some(1440),
            SkillBased,
            80.0,
        ),
        tier(
            4,
            "Outside vendors and suppliers; the desk waits on them.",
            "8x5",
            None,
            Manual,
            120.0,
        ),
    ]
}

fn target(p: Priority, first: u32, resolution: u32) -> SlaTarget {
    SlaTarget {
        priority: p,
        first_response: Some(first),
        next_response: Some(first),
        resolution: Some(resolution),
    }
}

fn policies() -> Vec<SlaPolicy> {
    vec![
        // Critical tickets run against the wall clock: an outage does not wait for Monday.
        SlaPolicy {
            id: "critical-24x7".into(),
            name: "Critical, around the clock".into(),
            conditions: PolicyConditions {
                priorities: vec![Priority::Critical],
                ..Default::default()
            },
            targets: vec![target(Priority::Critical, 15, 240)],
            business_hours: true,
            calendar: "24x7".into(),
        },
        SlaPolicy {
            id: "standard".into(),
            name: "Standard".into(),
            conditions: PolicyConditions::default(),
            targets: vec![
                target(Priority::Critical, 15, 240),
                target(Priority::High, 60, 480),
                target(Priority::Medium, 240, 1440),
                target(Priority::Low, 480, 2880),
            ],
            business_hours: true,
            calendar: "12x5".into(),
        },
    ]
}

fn rules() -> Vec<RoutingRule> {
    vec![
        RoutingRule {
            id: "accounts".into(),
            name: "Password and account requests".into(),
            enabled: true,
            trigger: RuleTrigger::OnCreate,
            mode: MatchMode::Any,
            conditions: vec![Condition::Keywords {
                any: vec!["password*".into(), "reset*".into(), "locked out".into()],
            }],
            actions: vec![
                RuleAction::SetCategory {
                    category: "Accounts".into(),
                },
                RuleAction::SetTier { tier: Tier(1) },
            ],
            stop: false,
        },
        RoutingRule {
            id: "outage".into(),
            name: "Outages are critical".into(),
            enabled: true,
            trigger: RuleTrigger::OnCreate,
            mode: MatchMode::Any,
            conditions: vec![Condition::Keywords {
                any: vec!["outage*".into(), "down".into()],
            }],
            actions: vec![
                RuleAction::SetPriority {
                    priority: Priority::Critical,
                },
                RuleAction::AddTags {
                    tags: vec!["outage".into()],
                },
            ],
            stop: false,
        },
    ]
}

fn canned() -> Vec<CannedResponse> {
    let c = |id: &str, name: &str, body: &str| CannedResponse {
        id: id.into(),
        name: name.into(),
        body: body.into(),
    };
    vec![
        c(
            "acknowledge",
            "We are on it",
            "Hello {{requester}},\n\nthank you for your request {{ticket}} (\"{{subject}}\"). \
             I am looking into it and will get back to you shortly.\n\n{{agent}}",
        ),
        c(
            "need-info",
            "Need more information",
            "Hello {{requester}},\n\nto continue with {{ticket}} I need a little more \
             information: could you tell me when the problem started and send a screenshot?\n\n{{agent}}",
        ),
        c(
            "resolved",
            "Resolved, please confirm",
            "Hello {{requester}},\n\nI believe {{ticket}} is solved. If anything is still \
             wrong, just reply to this message and the ticket opens again.\n\n{{agent}}",
        ),
    ]
}

fn field(key: &str, label: &str, required: bool, options: &[&str]) -> CatalogField {
    CatalogField {
        key: key.into(),
        label: label.into(),
        required,
        options: options.iter().map(|o| o.to_string()).collect(),
    }
}

fn catalog() -> Vec<CatalogItem> {
    let item = |id: &str, name: &str, description: &str, category: &str, fields| CatalogItem {
        id: id.into(),
        name: name.into(),
        description: description.into(),
        fields,
        category: Some(category.into()),
        priority: Priority::Medium,
        tier: Tier(1),
    };
    vec![
        item(
            "password-reset",
            "Password reset",
            "Locked out or forgot your password.",
            "Accounts",
            vec![field(
                "system",
                "Which system?",
                true,
                &["Windows login", "E-mail", "VPN", "Other"],
            )],
        ),
        item(
            "new-hardware",
            "New hardware",
            "Laptop, monitor, phone or accessories.",
            "Hardware",
            vec![
                field(
                    "item",
                    "What do you need?",
                    true,
                    &["Laptop", "Monitor", "Phone", "Headset", "Other"],
                ),
                field("reason", "Why is it needed?", true, &[]),
            ],
        ),
        item(
            "software",
            "Software installation",
            "Install or license a program.",
            "Software",
            vec![
                field("software", "Program name", true, &[]),
                field(
                    "license",
                    "Do you already have a license?",
                    false,
                    &["Yes", "No", "Not sure"],
                ),
            ],
        ),
        item(
            "access",
            "Access request",
            "Access to a shared drive, application or mailbox.",
            "Accounts",
            vec![
                field("resource", "Drive, application or mailbox", true, &[]),
                field(
                    "level",
                    "Access level",
                    true,
                    &["Read", "Read and write", "Owner"],
                ),
                field("approver", "Approving manager", false, &[]),
            ],
        ),
        item(
            "onboarding",
            "New employee",
            "Accounts and equipment for someone joining.",
            "Onboarding",
            vec![
                field("name", "Full name", true, &[]),
                field("start", "Start date (YYYY-MM-DD)", true, &[]),
                field("department", "Department", true, &[]),
            ],
        ),
    ]
}

/// A small working desk: three calendars (UTC), tiers 0-4, a 24/7 policy for critical
/// tickets before the standard policy, two routing rules, the ITIL 3x3 matrix, canned
/// responses, a service catalog and one admin agent who works no tier (so automatic
/// assignment never picks them; the demo generator adds the real agents).
pub fn default_config() -> DeskConfig {
    DeskConfig {
        general: General {
            desk_name: "Tierdesk".into(),
            mode: WorkMode::Tiered,
            reopen_window_hours: 168,
            warning_percent: 75,
            // Tier time limits already move tickets up; breach escalation is opt-in.
            escalate_on_breach: false,
            default_calendar: "12x5".into(),
            cost_per_ticket: 2.0,
        },
        agents: vec![Agent {
            id: "admin".into(),
            name: "Admin".into(),
            email: String::new(),
            tiers: vec![],
            groups: vec![],
            skills: vec![],
            capacity: 10,
            away: false,
            calendar: None,
            admin: true,
        }],
        groups: vec![
            Group {
                id: "network".into(),
                name: "Network".into(),
                tier: Tier(2),
                assignment: AssignmentMethod::LeastLoaded,
            },
            Group {
                id: "applications".into(),
                name: "Applications".into(),
                tier: Tier(2),
                assignment: AssignmentMethod::LeastLoaded,
            },
        ],
        tiers: tiers(),
        calendars: calendars(),
        policies: policies(),
        rules: rules(),
        matrix: PriorityMatrix::itil_3x3(),
        canned: canned(),
        catalog: catalog(),
    }
}

/// Fills `{{requester}}`, `{{agent}}`, `{{ticket}}` and `{{subject}}` (spaces inside the braces
/// allowed). Unknown placeholders stay as written. One pass: text that comes from the ticket
/// is never expanded again, so a subject containing "{{agent}}" stays as typed.
pub fn fill_canned(body: &str, ticket: &Ticket, agent_name: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            out.push_str(&rest[open..]);
            return out;
        };
        let value = match after[..close].trim() {
            "requester" => Some(ticket.requester.name.clone()),
            "agent" => Some(agent_name.to_string()),
            "ticket" => Some(ticket.reference()),
            "subject" => Some(ticket.subject.clone()),
            _ => None,
        };
        match value {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[open..open + 2 + close + 2]),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

/// Collects problems as (path, message).
struct Problems(Vec<(String, String)>);

impl Problems {
    fn push(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.0.push((path.into(), msg.into()));
    }

    fn blank(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(path, "is empty; it is required");
        }
    }

    /// Reports every repeat of an id, pointing at the first use.
    fn duplicates<'a>(&mut self, list: &str, what: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(first) = seen.get(id) {
                self.push(
                    format!("{list}[{i}].id"),
                    format!("{what} \"{id}\" is used twice (first at {list}[{first}])"),
                );
            } else {
                seen.insert(id, i);
            }
        }
    }
}

struct Known<'a> {
    calendars: HashSet<&'a str>,
    groups: HashSet<&'a str>,
    agents: HashSet<&'a str>,
    tiers: HashSet<Tier>,
}

impl Known<'_> {
    fn calendar(&self, p: &mut Problems, path: &str, id: &str) {
        if !self.calendars.contains(id) {
            p.push(path, format!("calendar \"{id}\" does not exist"));
        }
    }

    fn group(&self, p: &mut Problems, path: &str, id: &str) {
        if !self.groups.contains(id) {
            p.push(path, format!("group \"{id}\" does not exist"));
        }
    }

    fn agent(&self, p: &mut Problems, path: &str, id: &str) {
        if !self.agents.contains(id) {
            p.push(path, format!("agent \"{id}\" does not exist"));
        }
    }

    /// A tier must be 0-4 and have its settings in `tiers`.
    fn tier(&self, p: &mut Problems, path: &str, t: Tier) {
        if !t.is_valid() {
            p.push(
                path,
                format!("tier {} does not exist; tiers go from 0 to 4", t.0),
            );
        } else if !self.tiers.contains(&t) {
            p.push(path, format!("{t} has no settings in tiers"));
        }
    }
}

/// Everything wrong with a configuration, as (path, message) pairs; paths look like
/// `agents[2].tiers[0]`. Empty when the configuration is sound.
pub fn validate_config(cfg: &DeskConfig) -> Vec<(String, String)> {
    let mut p = Problems(Vec::new());
    let known = Known {
        calendars: cfg.calendars.iter().map(|c| c.id.as_str()).collect(),
        groups: cfg.groups.iter().map(|g| g.id.as_str()).collect(),
        agents: cfg.agents.iter().map(|a| a.id.as_str()).collect(),
        tiers: cfg.tiers.iter().map(|t| t.tier).collect(),
    };
    general(cfg, &known, &mut p);
    agents_and_groups(cfg, &known, &mut p);
    tiers_and_calendars(cfg, &known, &mut p);
    policies_check(cfg, &mut p, &known);
    rules_check(cfg, &known, &mut p);
    if let Err(e) = cfg.matrix.validate() {
        p.push("matrix", e);
    }
    p.duplicates(
        "canned",
        "canned response",
        cfg.canned.iter().map(|c| c.id.as_str()),
    );
    for (i, c) in cfg.canned.iter().enumerate() {
        p.blank(&format!("canned[{i}].name"), &c.name);
    }
    catalog_check(cfg, &known, &mut p);
    p.0
}

fn general(cfg: &DeskConfig, known: &Known, p: &mut Problems) {
    let g = &cfg.general;
    p.blank("general.desk_name", &g.desk_name);
    if g.warning_percent > 100 {
        p.push(
            "general.warning_percent",
            format!("is {}; a percentage goes from 0 to 100", g.warning_percent),
        );
    }
    known.calendar(p, "general.default_calendar", &g.default_calendar);
    if !g.cost_per_ticket.is_finite() || g.cost_per_ticket < 0.0 {
        p.push("general.cost_per_ticket", "must be zero or more");
    }
}

fn agents_and_groups(cfg: &DeskConfig, known: &Known, p: &mut Problems) {
    p.duplicates(
        "agents",
        "agent id",
        cfg.agents.iter().map(|a| a.id.as_str()),
    );
    for (i, a) in cfg.agents.iter().enumerate() {
        let at = format!("agents[{i}]");
        p.blank(&format!("{at}.id"), &a.id);
        p.blank(&format!("{at}.name"), &a.name);
        for (j, t) in a.tiers.iter().enumerate() {
            known.tier(p, &format!("{at}.tiers[{j}]"), *t);
        }
        for (j, g) in a.groups.iter().enumerate() {
            known.group(p, &format!("{at}.groups[{j}]"), g);
        }
        if let Some(c) = &a.calendar {
            known.calendar(p, &format!("{at}.calendar"), c);
        }
    }
    p.duplicates(
        "groups",
        "group id",
        cfg.groups.iter().map(|g| g.id.as_str()),
    );
    for (i, g) in cfg.groups.iter().enumerate() {
        p.blank(&format!("groups[{i}].id"), &g.id);
        p.blank(&format!("groups[{i}].name"), &g.name);
        known.tier(p, &format!("groups[{i}].tier"), g.tier);
    }
}

fn tiers_and_calendars(cfg: &DeskConfig, known: &Known, p: &mut Problems) {
    let mut seen: BTreeMap<Tier, usize> = BTreeMap::new();
    for (i, t) in cfg.tiers.iter().enumerate() {
        let at = format!("tiers[{i}]");
        if !t.tier.is_valid() {
            p.push(
                format!("{at}.tier"),
                format!("tier {} does not exist; tiers go from 0 to 4", t.tier.0),
            );
        }
        if let Some(first) = seen.insert(t.tier, i) {
            p.push(
                format!("{at}.tier"),
                format!("{} is configured twice (first at tiers[{first}])", t.tier),
            );
        }
        p.blank(&format!("{at}.name"), &t.name);
        known.calendar(p, &format!("{at}.calendar"), &t.calendar);
        match t.limit_minutes {
            Some(0) => p.push(
                format!("{at}.limit_minutes"),
                "must be at least 1 minute; leave it empty for no limit",
            ),
            Some(_) if t.tier >= Tier::MAX => p.push(
                format!("{at}.limit_minutes"),
                "has no effect: there is no tier above Tier 4 to escalate to",
            ),
            _ => {}
        }
        if !t.cost_per_hour.is_finite() || t.cost_per_hour < 0.0 {
            p.push(format!("{at}.cost_per_hour"), "must be zero or more");
        }
    }
    p.duplicates(
        "calendars",
        "calendar id",
        cfg.calendars.iter().map(|c| c.id.as_str()),
    );
    for (i, c) in cfg.calendars.iter().enumerate() {
        if let Err(e) = c.validate() {
            p.push(format!("calendars[{i}]"), e);
        }
    }
}

fn policies_check(cfg: &DeskConfig, p: &mut Problems, known: &Known) {
    p.duplicates(
        "policies",
        "policy id",
        cfg.policies.iter().map(|x| x.id.as_str()),
    );
    for (i, pol) in cfg.policies.iter().enumerate() {
        let at = format!("policies[{i}]");
        p.blank(&format!("{at}.name"), &pol.name);
        known.calendar(p, &format!("{at}.calendar"), &pol.calendar);
        if pol.targets.is_empty() {
            p.push(
                format!("{at}.targets"),
                "is empty; give at least one priority a target",
            );
        }
        let mut seen: HashMap<Priority, usize> = HashMap::new();
        for (j, t) in pol.targets.iter().enumerate() {
            let tat = format!("{at}.targets[{j}]");
            if let Some(first) = seen.insert(t.priority, j) {
                p.push(
                    format!("{tat}.priority"),
                    format!(
                        "{} has a target twice (first at {at}.targets[{first}])",
                        t.priority.label()
                    ),
                );
            }
            for (name, v) in [
                ("first_response", t.first_response),
                ("next_response", t.next_response),
                ("resolution", t.resolution),
            ] {
                if v == Some(0) {
                    p.push(
                        format!("{tat}.{name}"),
                        "must be at least 1 minute; leave it empty for no target",
                    );
                }
            }
        }
        for (j, t) in pol.conditions.tiers.iter().enumerate() {
            known.tier(p, &format!("{at}.conditions.tiers[{j}]"), *t);
        }
    }
}

fn rules_check(cfg: &DeskConfig, known: &Known, p: &mut Problems) {
    p.duplicates("rules", "rule id", cfg.rules.iter().map(|r| r.id.as_str()));
    for (i, r) in cfg.rules.iter().enumerate() {
        let at = format!("rules[{i}]");
        p.blank(&format!("{at}.name"), &r.name);
        for (j, c) in r.conditions.iter().enumerate() {
            let cat = format!("{at}.conditions[{j}]");
            match c {
                Condition::Category { is } | Condition::Tag { is } => {
                    p.blank(&format!("{cat}.is"), is)
                }
                Condition::Requester { contains } => p.blank(&format!("{cat}.contains"), contains),
                Condition::Keywords { any } => {
                    if any
                        .iter()
                        .all(|k| k.trim().trim_end_matches('*').trim().is_empty())
                    {
                        p.push(
                            format!("{cat}.any"),
                            "has no keywords; the condition never holds",
                        );
                    }
                }
                Condition::Priority { is } => {
                    if is.is_empty() {
                        p.push(
                            format!("{cat}.is"),
                            "has no priorities; the condition never holds",
                        );
                    }
                }
                Condition::Channel { .. } => {}
            }
        }
        if r.actions.is_empty() {
            p.push(
                format!("{at}.actions"),
                "is empty; the rule changes nothing",
            );
        }
        for (j, a) in r.actions.iter().enumerate() {
            let aat = format!("{at}.actions[{j}]");
            match a {
                RuleAction::SetTier { tier } => known.tier(p, &format!("{aat}.tier"), *tier),
                RuleAction::SetGroup { group } => known.group(p, &format!("{aat}.group"), group),
                RuleAction::Assign { agent } => known.agent(p, &format!("{aat}.agent"), agent),
                RuleAction::SetCategory { category } => {
                    p.blank(&format!("{aat}.category"), category)
                }
                RuleAction::AddTags { tags } => {
                    if tags.iter().all(|t| t.trim().is_empty()) {
                        p.push(format!("{aat}.tags"), "has no tags");
                    }
                }
                RuleAction::SetPriority { .. } => {}
            }
        }
    }
}

fn catalog_check(cfg: &DeskConfig, known: &Known, p: &mut Problems) {
    p.duplicates(
        "catalog",
        "catalog item",
        cfg.catalog.iter().map(|c| c.id.as_str()),
    );
    for (i, c) in cfg.catalog.iter().enumerate() {
        let at = format!("catalog[{i}]");
        p.blank(&format!("{at}.name"), &c.name);
        known.tier(p, &format!("{at}.tier"), c.tier);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (j, f) in c.fields.iter().enumerate() {
            p.blank(&format!("{at}.fields[{j}].key"), &f.key);
            if let Some(first) = seen.insert(f.key.as_str(), j) {
                p.push(
                    format!("{at}.fields[{j}].key"),
                    format!(
                        "field \"{}\" is used twice (first at {at}.fields[{first}])",
                        f.key
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Actor, Requester};
    use crate::domain::ticket::{create, Ctx, NewTicket, SeqIds};
    use chrono::{TimeZone, Utc};

    fn paths(cfg: &DeskConfig) -> Vec<String> {
        validate_config(cfg).into_iter().map(|(p, _)| p).collect()
    }

    #[test]
    fn default_config_is_valid_and_as_specified() {
        let c = default_config();
        assert_eq!(validate_config(&c), vec![]);
        assert_eq!(c.general.desk_name, "Tierdesk");
        assert_eq!(c.general.warning_percent, 75);
        assert_eq!(c.general.reopen_window_hours, 168);
        let limits: Vec<Option<u32>> = c.tiers.iter().map(|t| t.limit_minutes).collect();
        assert_eq!(limits, vec![None, Some(15), Some(240), Some(1440), None]);
        assert_eq!(c.tiers[2].name, "Technical support");
        let ids: Vec<&str> = c.calendars.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, vec!["24x7", "12x5", "8x5"]);
        assert!(c.calendars.iter().all(|c| c.tz == "UTC"));
        // The critical 24/7 policy comes first so that it wins for critical tickets.
        assert_eq!(c.policies[0].id, "critical-24x7");
        assert_eq!(
            c.policies[0].conditions.priorities,
            vec![Priority::Critical]
        );
        let std = &c.policies[1];
        let t = |p: Priority| {
            std.targets
                .iter()
                .find(|t| t.priority == p)
                .cloned()
                .unwrap()
        };
        assert_eq!(
            (
                t(Priority::Critical).first_response,
                t(Priority::Critical).resolution
            ),
            (Some(15), Some(240))
        );
        assert_eq!(
            (
                t(Priority::High).first_response,
                t(Priority::High).resolution
            ),
            (Some(60), Some(480))
        );
        assert_eq!(
            (
                t(Priority::Medium).first_response,
                t(Priority::Medium).resolution
            ),
            (Some(240), Some(1440))
        );
        assert_eq!(
            (t(Priority::Low).first_response, t(Priority::Low).resolution),
            (Some(480), Some(2880))
        );
        assert_eq!(t(Priority::Low).next_response, Some(480));
        assert_eq!(c.matrix, PriorityMatrix::itil_3x3());
        assert_eq!(c.canned.len(), 3);
        assert!((4..=5).contains(&c.catalog.len()));
        assert_eq!(c.agents.len(), 1);
        assert!(c.agents[0].admin && c.agents[0].tiers.is_empty());
    }

    #[test]
    fn default_config_round_trips_through_json() {
        let c = default_config();
        let json = serde_json::to_string(&c).unwrap();
        let back: DeskConfig = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn default_rules_route_password_and_outage_tickets() {
        use crate::domain::desk::RuleTrigger;
        use crate::domain::routing::apply_routing;
        let c = default_config();
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        let ctx = Ctx::new(now, Actor::Requester);
        let mut ids = SeqIds::new("e");
        let new = |s: &str| NewTicket {
            subject: s.into(),
            requester: Requester {
                name: "Dana".into(),
                ..Default::default()
            },
            tier: Tier(0),
            ..Default::default()
        };
        let (mut t, h) = create(1, new("Forgot my passwords"), &ctx, &mut ids).unwrap();
        apply_routing(&mut t, &h, &c, RuleTrigger::OnCreate, &ctx, &mut ids).unwrap();
        assert_eq!(t.category.as_deref(), Some("Accounts"));
        assert_eq!(t.tier, Tier(1));
        assert_eq!(t.priority, Priority::Medium);
        let (mut t, h) = create(2, new("Mail server down"), &ctx, &mut ids).unwrap();
        apply_routing(&mut t, &h, &c, RuleTrigger::OnCreate, &ctx, &mut ids).unwrap();
        assert_eq!(t.priority, Priority::Critical);
        assert_eq!(t.tags, vec!["outage"]);
        let (mut t, h) = create(3, new("Download is slow"), &ctx, &mut ids).unwrap();
        let ev = apply_routing(&mut t, &h, &c, RuleTrigger::OnCreate, &ctx, &mut ids).unwrap();
        assert!(ev.is_empty(), "\"down\" must not match \"Download\"");
    }

    fn sample_ticket() -> Ticket {
        let new = NewTicket {
            subject: "VPN {{agent}} fails".into(),
            requester: Requester {
                name: "Dana".into(),
                ..Default::default()
            },
            tier: Tier(1),
            ..Default::default()
        };
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        create(
            42,
            new,
            &Ctx::new(now, Actor::Requester),
            &mut SeqIds::new("e"),
        )
        .unwrap()
        .0
    }

    #[test]
    fn fill_canned_replaces_known_placeholders_once() {
        let t = sample_ticket();
        assert_eq!(
            fill_canned(
                "Hi {{requester}}, {{ agent }} here about {{ticket}}: {{subject}}.",
                &t,
                "Sam"
            ),
            "Hi Dana, Sam here about #42: VPN {{agent}} fails."
        );
        assert_eq!(
            fill_canned("{{unknown}} and {{requester", &t, "Sam"),
            "{{unknown}} and {{requester"
        );
        assert_eq!(
            fill_canned("{{{{requester}}}}", &t, "Sam"),
            "{{{{requester}}}}"
        );
        assert_eq!(fill_canned("no placeholders", &t, "Sam"), "no placeholders");
        assert_eq!(fill_canned("ä{{agent}}ö", &t, "Zoë"), "äZoëö");
    }

    #[test]
    fn fill_canned_on_default_responses_leaves_no_placeholder() {
        let t = sample_ticket();
        for c in default_config().canned {
            let s = fill_canned(&c.body, &t, "Sam");
            assert!(
                !s.contains("{{requester}}") && s.contains("Dana") && s.contains("#42"),
                "{s}"
            );
        }
    }

    #[test]
    fn validate_reports_duplicates_and_missing_references() {
        let mut c = default_config();
        let mut a = c.agents[0].clone();
        a.tiers = vec![Tier(1), Tier(5)];
        a.groups = vec!["network".into(), "ghosts".into()];
        a.calendar = Some("nope".into());
        c.agents.push(a);
        let ps = validate_config(&c);
        let has = |path: &str, word: &str| ps.iter().any(|(p, m)| p == path && m.contains(word));
        assert!(
            has("agents[1].id", "used twice (first at agents[0])"),
            "{ps:?}"
        );
        assert!(has("agents[1].tiers[1]", "tier 5 does not exist"), "{ps:?}");
        assert!(has("agents[1].groups[1]", "group \"ghosts\""), "{ps:?}");
        assert!(has("agents[1].calendar", "calendar \"nope\""), "{ps:?}");
        assert_eq!(ps.len(), 4, "{ps:?}");
    }

    #[test]
    fn validate_checks_tiers_rules_matrix_and_general() {
        let mut c = default_config();
        c.general.warning_percent = 120;
        c.general.default_calendar = "missing".into();
        c.tiers[4].limit_minutes = Some(60);
        c.tiers[1].limit_minutes = Some(0);
        c.tiers.remove(3); // Tier 3 no longer configured; groups and catalog do not use it.
        c.rules[0].actions.push(RuleAction::Assign {
            agent: "ghost".into(),
        });
        c.rules[1]
            .actions
            .push(RuleAction::SetTier { tier: Tier(3) });
        c.rules[1].conditions.push(Condition::Keywords {
            any: vec![" * ".into()],
        });
        c.matrix.cells.pop();
        c.policies[1].targets[1].priority = Priority::Critical;
        assert_eq!(
            paths(&c),
            vec![
                "general.warning_percent",
                "general.default_calendar",
                "tiers[1].limit_minutes",
                "tiers[3].limit_minutes",
                "policies[1].targets[1].priority",
                "rules[0].actions[2].agent",
                "rules[1].conditions[1].any",
                "rules[1].actions[2].tier",
                "matrix",
            ]
        );
    }

    #[test]
    fn validate_uses_calendar_checks_and_rule_references() {
        let mut c = default_config();
        c.calendars[1].tz = "Mars/Olympus".into();
        c.calendars[2].week = Default::default();
        c.calendars.push(c.calendars[0].clone());
        c.rules[0].actions.push(RuleAction::SetGroup {
            group: "ghosts".into(),
        });
        c.rules[1]
            .conditions
            .push(Condition::Tag { is: " ".into() });
        c.groups[0].tier = Tier(3);
        c.tiers.retain(|t| t.tier != Tier(3));
        let ps = validate_config(&c);
        let paths: Vec<&str> = ps.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "groups[0].tier",
                "calendars[3].id",
                "calendars[1]",
                "calendars[2]",
                "rules[0].actions[2].group",
                "rules[1].conditions[1].is",
            ]
        );
        assert!(ps[0].1.contains("Tier 3 has no settings"), "{}", ps[0].1);
        assert!(ps[2].1.contains("Mars/Olympus"), "{}", ps[2].1);
    }

    #[test]
    fn validate_checks_catalog_and_duplicate_tiers() {
        let mut c = default_config();
        c.tiers.push(c.tiers[0].clone());
        c.catalog[1].fields[1].key = "item".into();
        c.catalog[0].tier = Tier(7);
        c.canned.push(c.canned[0].clone());
        assert_eq!(
            paths(&c),
            vec![
                "tiers[5].tier",
                "canned[3].id",
                "catalog[0].tier",
                "catalog[1].fields[1].key"
            ]
        );
    }
}
