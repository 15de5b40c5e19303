//! Rules a backup must follow beyond its shape: unique ids, references that resolve, dates in a
//! sane range, text within the limits the app enforces, counts that match.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;

use crate::domain::article::{Article, ArticleRevision};
use crate::domain::defaults::validate_config;
use crate::domain::desk::DeskConfig;
use crate::domain::model::{Actor, Event, EventKind, Ticket, TicketId, Tier, Time};
use crate::domain::ticket::{MAX_BODY, MAX_SHORT, MAX_SUBJECT};

use super::paths::{index, key};
use super::{Counts, Meta, Problems};

/// Earliest and latest year a date in a backup may have.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2200;

/// The records of a backup with their positions in the file. Records that could not be read
/// are absent, but their ids are in the id sets so that references to them are not reported
/// twice.
#[derive(Default)]
pub(super) struct View<'a> {
    pub exported_at: Option<Time>,
    pub counts: Option<&'a Counts>,
    pub meta: Option<&'a Meta>,
    pub config: Option<&'a DeskConfig>,
    pub tickets: Vec<(usize, &'a Ticket)>,
    pub events: Vec<(usize, &'a Event)>,
    pub articles: Vec<(usize, &'a Article)>,
    pub revisions: Vec<(usize, &'a ArticleRevision)>,
    /// Lengths of the four lists as found in the file.
    pub lens: [usize; 4],
    pub ticket_ids: HashSet<TicketId>,
    pub article_ids: HashSet<String>,
    /// `None` when the configuration could not be read: agent references are then not checked.
    pub agent_ids: Option<HashSet<String>>,
}

pub(super) fn run(v: &View, p: &mut Problems) {
    if let Some(t) = v.exported_at {
        date(p, "$.exported_at", t);
    }
    counts(v, p);
    if let Some(c) = v.config {
        config(c, p);
    }
    tickets(v, p);
    events(v, p);
    articles(v, p);
}

fn date(p: &mut Problems, path: &str, t: Time) {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&t.year()) {
        p.push(
            path,
            format!(
                "{} is out of range: dates must be between {FIRST_YEAR} and {LAST_YEAR}",
                t.to_rfc3339()
            ),
        );
    }
}

fn len(p: &mut Problems, path: &str, s: &str, max: usize) {
    // Byte length is an upper bound of the character count: skip counting short text.
    if s.len() > max {
        let n = s.chars().count();
        if n > max {
            p.push(path, format!("is {n} characters long; the limit is {max}"));
        }
    }
}

fn required(p: &mut Problems, path: &str, s: &str, max: usize) {
    if s.trim().is_empty() {
        p.push(path, "is empty; it is required");
    }
    len(p, path, s, max);
}

fn tier(p: &mut Problems, path: &str, t: Tier) {
    if !t.is_valid() {
        p.push(
            path,
            format!("tier {} does not exist; tiers go from 0 to 4", t.0),
        );
    }
}

fn agent(v: &View, p: &mut Problems, path: &str, id: &str) {
    if let Some(agents) = &v.agent_ids {
        if !agents.contains(id) {
            p.push(
                path,
                format!("agent \"{id}\" is not one of the desk's agents ($.config.agents)"),
            );
        }
    }
}

fn counts(v: &View, p: &mut Problems) {
    if let Some(c) = v.counts {
        let pairs = [
            ("tickets", c.tickets, v.lens[0]),
            ("events", c.events, v.lens[1]),
            ("articles", c.articles, v.lens[2]),
            ("article_revisions", c.article_revisions, v.lens[3]),
        ];
        for (name, said, found) in pairs {
            if said != found as u64 {
                p.push(
                    key("$.counts", name),
                    format!("says {said} {name} but the file holds {found}; the file may be incomplete or edited by hand"),
                );
            }
        }
    }
    if let (Some(m), Some(max)) = (v.meta, v.ticket_ids.iter().max()) {
        if m.next_ticket_id <= *max {
            p.push(
                "$.meta.next_ticket_id",
                format!(
                    "is {} but ticket #{max} exists; it must be above every ticket id",
                    m.next_ticket_id
                ),
            );
        }
    }
}

/// Reports ids that occur twice in a list, naming the first place each was seen.
fn duplicates<K: std::hash::Hash + Eq + std::fmt::Display>(
    p: &mut Problems,
    list: &str,
    what: &str,
    items: impl Iterator<Item = (usize, K)>,
) {
    let mut seen: HashMap<K, usize> = HashMap::new();
    for (i, id) in items {
        if let Some(first) = seen.get(&id) {
            p.push(
                key(&index(list, i), "id"),
                format!(
                    "{what} {id} appears twice (first at {})",
                    index(list, *first)
                ),
            );
        } else {
            seen.insert(id, i);
        }
    }
}

/// The settings must pass the same checks as when an admin saves them, plus the calendar checks.
fn config(c: &DeskConfig, p: &mut Problems) {
    for (path, message) in validate_config(c) {
        p.push(format!("$.config.{path}"), message);
    }
    for (i, cal) in c.calendars.iter().enumerate() {
        let at = index("$.config.calendars", i);
        if let Err(message) = cal.validate() {
            p.push(at.clone(), message);
        }
        for (j, h) in cal.holidays.iter().enumerate() {
            if !(FIRST_YEAR..=LAST_YEAR).contains(&h.date.year()) {
                p.push(
                    key(&index(&key(&at, "holidays"), j), "date"),
                    format!(
                        "{} is out of range: dates must be between {FIRST_YEAR} and {LAST_YEAR}",
                        h.date
                    ),
                );
            }
        }
    }
}

fn tickets(v: &View, p: &mut Problems) {
    duplicates(
        p,
        "$.tickets",
        "ticket",
        v.tickets.iter().map(|(i, t)| (*i, t.id)),
    );
    for &(i, t) in &v.tickets {
        let at = index("$.tickets", i);
        let at = at.as_str();
        if t.id == 0 {
            p.push(key(at, "id"), "ticket ids start at 1");
        }
        required(p, &key(at, "subject"), &t.subject, MAX_SUBJECT);
        len(p, &key(at, "description"), &t.description, MAX_BODY);
        required(
            p,
            &format!("{at}.requester.name"),
            &t.requester.name,
            MAX_SHORT,
        );
        len(
            p,
            &format!("{at}.requester.email"),
            &t.requester.email,
            MAX_SHORT,
        );
        if let Some(org) = &t.requester.org {
            len(p, &format!("{at}.requester.org"), org, MAX_SHORT);
        }
        for (name, text) in [
            ("category", &t.category),
            ("priority_reason", &t.priority_reason),
            ("group", &t.group),
        ] {
            if let Some(text) = text {
                len(p, &key(at, name), text, MAX_SHORT);
            }
        }
        for (j, tag) in t.tags.iter().enumerate() {
            len(p, &index(&key(at, "tags"), j), tag, MAX_SHORT);
        }
        len(p, &key(at, "root_cause"), &t.root_cause, MAX_BODY);
        tier(p, &key(at, "tier"), t.tier);
        if let Some(a) = &t.assignee {
            agent(v, p, &key(at, "assignee"), a);
        }
        for (list, ids) in [("helpers", &t.helpers), ("watchers", &t.watchers)] {
            for (j, a) in ids.iter().enumerate() {
                agent(v, p, &index(&key(at, list), j), a);
            }
        }
        for (j, l) in t.links.iter().enumerate() {
            if !v.ticket_ids.contains(&l.other) {
                p.push(
                    format!("{at}.links[{j}].other"),
                    format!("links to ticket #{}, which is not in the file", l.other),
                );
            }
        }
        if let Some(m) = t.merged_into {
            if !v.ticket_ids.contains(&m) {
                p.push(
                    key(at, "merged_into"),
                    format!("ticket #{m} is not in the file"),
                );
            }
        }
        if let Some(c) = &t.csat {
            if !(1..=5).contains(&c.score) {
                p.push(
                    format!("{at}.csat.score"),
                    format!("is {}; ratings go from 1 to 5", c.score),
                );
            }
            len(p, &format!("{at}.csat.comment"), &c.comment, MAX_BODY);
            date(p, &format!("{at}.csat.at"), c.at);
        }
        date(p, &key(at, "created_at"), t.created_at);
        date(p, &key(at, "updated_at"), t.updated_at);
        if t.updated_at < t.created_at {
            p.push(key(at, "updated_at"), "is before created_at");
        }
    }
}

fn events(v: &View, p: &mut Problems) {
    duplicates(
        p,
        "$.events",
        "event id",
        v.events.iter().map(|(i, e)| (*i, e.id.as_str())),
    );
    let mut created: HashMap<TicketId, usize> = HashMap::new();
    for &(i, e) in &v.events {
        let at = index("$.events", i);
        let at = at.as_str();
        required(p, &key(at, "id"), &e.id, MAX_SHORT);
        if !v.ticket_ids.contains(&e.ticket) {
            p.push(
                key(at, "ticket"),
                format!("points to ticket #{}, which is not in the file", e.ticket),
            );
        }
        date(p, &key(at, "at"), e.at);
        if let Actor::Agent(a) = &e.actor {
            agent(v, p, &format!("{at}.actor.agent"), a);
        }
        let kind = format!("{at}.kind");
        match &e.kind {
            EventKind::Created {
                subject, tier: t, ..
            } => {
                let n = created.entry(e.ticket).or_insert(0);
                *n += 1;
                if *n > 1 {
                    p.push(
                        key(at, "kind"),
                        format!("is a second \"created\" event for ticket #{}", e.ticket),
                    );
                }
                len(p, &format!("{kind}.subject"), subject, MAX_SUBJECT);
                tier(p, &format!("{kind}.tier"), *t);
            }
            EventKind::PublicReply { body }
            | EventKind::InternalNote { body }
            | EventKind::RequesterReply { body } => len(p, &format!("{kind}.body"), body, MAX_BODY),
            EventKind::Assigned { to: Some(a), .. } => agent(v, p, &format!("{kind}.to"), a),
            EventKind::HelperAdded { agent: a } => agent(v, p, &format!("{kind}.agent"), a),
            EventKind::TierChanged {
                from, to, reason, ..
            } => {
                tier(p, &format!("{kind}.from"), *from);
                tier(p, &format!("{kind}.to"), *to);
                len(p, &format!("{kind}.reason"), reason, MAX_SHORT);
            }
            EventKind::Rated { score, comment } => {
                if !(1..=5).contains(score) {
                    p.push(
                        format!("{kind}.score"),
                        format!("is {score}; ratings go from 1 to 5"),
                    );
                }
                len(p, &format!("{kind}.comment"), comment, MAX_BODY);
            }
            _ => {}
        }
    }
    // Merging tells tickets apart by their `created` event, so every ticket needs one.
    for &(i, t) in &v.tickets {
        if !created.contains_key(&t.id) && !v.events.is_empty() {
            p.push(
                index("$.tickets", i),
                format!("ticket #{} has no \"created\" event in $.events", t.id),
            );
        }
    }
}

fn articles(v: &View, p: &mut Problems) {
    duplicates(
        p,
        "$.articles",
        "article id",
        v.articles.iter().map(|(i, a)| (*i, a.id.as_str())),
    );
    for &(i, a) in &v.articles {
        let at = index("$.articles", i);
        let at = at.as_str();
        required(p, &key(at, "id"), &a.id, MAX_SHORT);
        required(p, &key(at, "title"), &a.title, MAX_SUBJECT);
        len(p, &key(at, "summary"), &a.summary, MAX_BODY);
        len(p, &key(at, "body"), &a.body, MAX_BODY);
        for name in ["category", "language", "author"] {
            let text = match name {
                "category" => &a.category,
                "language" => &a.language,
                _ => &a.author,
            };
            len(p, &key(at, name), text, MAX_SHORT);
        }
        for (j, tag) in a.tags.iter().enumerate() {
            len(p, &index(&key(at, "tags"), j), tag, MAX_SHORT);
        }
        date(p, &key(at, "created_at"), a.created_at);
        date(p, &key(at, "updated_at"), a.updated_at);
        if a.updated_at < a.created_at {
            p.push(key(at, "updated_at"), "is before created_at");
        }
    }
    let mut seen: HashMap<(&str, u32), usize> = HashMap::new();
    for &(i, r) in &v.revisions {
        let at = index("$.article_revisions", i);
        if !v.article_ids.contains(&r.article) {
            p.push(
                key(&at, "article"),
                format!(
                    "belongs to article \"{}\", which is not in the file",
                    r.article
                ),
            );
        }
        let first = *seen.entry((r.article.as_str(), r.rev)).or_insert(i);
        if first != i {
            p.push(
                key(&at, "rev"),
                format!(
                    "revision {} of article \"{}\" appears twice (first at {})",
                    r.rev,
                    r.article,
                    index("$.article_revisions", first)
                ),
            );
        }
        len(p, &key(&at, "title"), &r.title, MAX_SUBJECT);
        len(p, &key(&at, "body"), &r.body, MAX_BODY);
        date(p, &key(&at, "at"), r.at);
    }
}
