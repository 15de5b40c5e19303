//! Turning a checked row into a ticket with a history the SLA engine and the KPIs can read:
//! created, group and assignee set, the status reached, and the rating.

use std::collections::BTreeMap;

use crate::domain::desk::{Agent, DeskConfig};
use crate::domain::model::*;
use crate::domain::ticket::{normalize_tags, IdGen};

use super::import::UnknownAgents;
use super::layouts::Layout;
use super::rows::Draft;

/// Finds agents by name, id or e-mail; makes new ones for unknown names when allowed.
pub(super) struct AgentBook<'a> {
    cfg: &'a DeskConfig,
    mode: UnknownAgents,
    pub created: Vec<Agent>,
    /// Unknown names (and how many tickets named them) when agents are not created.
    pub unknown: BTreeMap<String, usize>,
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// `Jane O'Neil` -> `jane-o-neil`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "agent".into()
    } else {
        out
    }
}

impl<'a> AgentBook<'a> {
    pub fn new(cfg: &'a DeskConfig, mode: UnknownAgents) -> Self {
        AgentBook {
            cfg,
            mode,
            created: vec![],
            unknown: BTreeMap::new(),
        }
    }

    fn all(&self) -> impl Iterator<Item = &Agent> {
        self.cfg.agents.iter().chain(self.created.iter())
    }

    /// The agent id for a name from the file; `None` for an empty name or when the agent is
    /// unknown and agents are not created.
    pub fn resolve(&mut self, name: &str) -> Option<AgentId> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let found = self.all().find(|a| {
            same(&a.name, name) || a.id == name || (!a.email.is_empty() && same(&a.email, name))
        });
        if let Some(a) = found {
            return Some(a.id.clone());
        }
        if self.mode == UnknownAgents::Unassign {
            *self.unknown.entry(name.to_string()).or_default() += 1;
            return None;
        }
        let base = slug(name);
        let mut id = base.clone();
        let mut n = 1;
        while self.all().any(|a| a.id == id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        let email = if name.contains('@') { name.to_string() } else { String::new() };
        // Away and in no tier: routing and automatic assignment never give them work, but
        // their tickets and KPIs keep a name.
        self.created.push(Agent {
            id: id.clone(),
            name: name.to_string(),
            email,
            tiers: vec![],
            groups: vec![],
            skills: vec![],
            capacity: 10,
            away: true,
            calendar: None,
            admin: false,
        });
        Some(id)
    }
}

/// Appends events in order: never earlier than the one before, `seq` counting up.
struct History<'i> {
    ticket: TicketId,
    ids: &'i mut dyn IdGen,
    events: Vec<Event>,
    last: Time,
}

impl History<'_> {
    fn push(&mut self, at: Time, actor: Actor, kind: EventKind) {
        let at = at.max(self.last);
        self.last = at;
        self.events.push(Event {
            id: self.ids.event_id(),
            ticket: self.ticket,
            seq: self.events.len() as u32,
            at,
            actor,
            kind,
        });
    }

    fn status(&mut self, at: Time, from: Status, to: Status) {
        self.push(at, Actor::System, EventKind::StatusChanged { from, to });
    }
}

/// What the build learned besides the ticket, for the import's summary warnings.
pub(super) struct Built {
    pub ticket: Ticket,
    pub events: Vec<Event>,
    /// The group name when it is not one of the desk's groups.
    pub unknown_group: Option<String>,
}

/// The ticket and its history. `now` dates tickets whose file has no creation time.
pub(super) fn build(
    d: Draft,
    id: TicketId,
    layout: Layout,
    now: Time,
    book: &mut AgentBook,
    ids: &mut dyn IdGen,
) -> Built {
    let cfg = book.cfg;
    let created = d.created.unwrap_or(now);
    let updated = d.updated.unwrap_or(created).max(created);
    let group = (!d.group.is_empty())
        .then(|| {
            cfg.groups
                .iter()
                .find(|g| same(&g.id, &d.group) || same(&g.name, &d.group))
        })
        .flatten();
    let unknown_group = (group.is_none() && !d.group.is_empty()).then(|| d.group.clone());
    let tier = d
        .tier
        .or(group.map(|g| g.tier))
        .unwrap_or(Tier(1));
    let assignee = book.resolve(&d.assignee);

    let mut fields = BTreeMap::new();
    for (key, value) in [
        ("source_id", &d.source_id),
        ("source_group", unknown_group.as_ref().unwrap_or(&String::new())),
    ] {
        if !value.is_empty() {
            fields.insert(key.to_string(), value.clone());
        }
    }
    if assignee.is_none() && !d.assignee.is_empty() {
        fields.insert("source_assignee".into(), d.assignee.clone());
    }
    let mut tags = d.tags.clone();
    tags.push(layout.tag());

    let mut h = History {
        ticket: id,
        ids,
        events: vec![],
        last: created,
    };
    h.push(
        created,
        Actor::Requester,
        EventKind::Created {
            subject: d.subject.clone(),
            priority: d.priority,
            tier,
            channel: d.channel,
        },
    );
    if let Some(g) = group {
        let kind = EventKind::FieldChanged {
            field: "group".into(),
            from: String::new(),
            to: g.id.clone(),
        };
        h.push(created, Actor::System, kind);
    }
    if let Some(a) = &assignee {
        let kind = EventKind::Assigned {
            from: None,
            to: Some(a.clone()),
            reason: Some(format!("imported from {}", layout.label())),
        };
        h.push(created, Actor::System, kind);
    }
    // The file says where the ticket is, not when it got there: a waiting or open ticket is
    // taken to have reached its status at its last update, a solved one at its solved time.
    match d.status {
        Status::New => {}
        s @ (Status::Open | Status::Pending | Status::OnHold) => h.status(updated, Status::New, s),
        // osTicket writes the resolution time of resolved tickets as "Closed Date".
        Status::Resolved => {
            let at = d.resolved.or(d.closed).unwrap_or(updated);
            h.status(at, Status::New, Status::Resolved);
        }
        Status::Closed => {
            let resolved = d.resolved.or(d.closed).unwrap_or(updated);
            h.status(resolved, Status::New, Status::Resolved);
            h.status(d.closed.unwrap_or(updated), Status::Resolved, Status::Closed);
        }
    }
    let csat = d.csat.map(|score| {
        let at = updated.max(h.last);
        h.push(at, Actor::Requester, EventKind::Rated { score, comment: String::new() });
        Csat {
            score,
            comment: String::new(),
            at: h.last,
        }
    });
    let ticket = Ticket {
        id,
        rev: 1,
        subject: d.subject,
        description: d.description,
        requester: d.requester,
        status: d.status,
        priority: d.priority,
        impact: None,
        urgency: None,
        priority_reason: None,
        tier,
        group: group.map(|g| g.id.clone()),
        assignee,
        helpers: vec![],
        category: (!d.category.is_empty()).then_some(d.category),
        tags: normalize_tags(&tags),
        channel: d.channel,
        watchers: vec![],
        links: vec![],
        merged_into: None,
        root_cause: String::new(),
        articles: vec![],
        csat,
        fields,
        created_at: created,
        updated_at: updated.max(h.last),
    };
    Built {
        ticket,
        events: h.events,
        unknown_group,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_and_never_empty() {
        assert_eq!(slug("Jane O'Neil"), "jane-o-neil");
        assert_eq!(slug("  Åsa  Öberg "), "åsa-öberg");
        assert_eq!(slug("!!!"), "agent");
    }

    #[test]
    fn agents_are_matched_by_name_id_or_email_and_created_once() {
        let cfg = crate::domain::backup::fixture::config();
        let mut book = AgentBook::new(&cfg, UnknownAgents::Create);
        assert_eq!(book.resolve("alice"), Some("alice".into()));
        assert_eq!(book.resolve("ALICE"), Some("alice".into()));
        assert_eq!(book.resolve("bob@example.org"), Some("bob".into()));
        assert_eq!(book.resolve(""), None);
        assert_eq!(book.resolve("Carol  Smith"), Some("carol-smith".into()));
        assert_eq!(book.resolve("carol smith"), Some("carol-smith".into()));
        // A different person whose name gives the same id gets a numbered one.
        assert_eq!(book.resolve("Carol-Smith"), Some("carol-smith-2".into()));
        assert_eq!(book.created.len(), 2);
        assert!(book.created.iter().all(|a| a.away && a.tiers.is_empty() && !a.admin));

        let mut none = AgentBook::new(&cfg, UnknownAgents::Unassign);
        assert_eq!(none.resolve("Carol Smith"), None);
        assert_eq!(none.resolve("Carol Smith"), None);
        assert!(none.created.is_empty());
        assert_eq!(none.unknown.get("Carol Smith"), Some(&2));
    }
}
