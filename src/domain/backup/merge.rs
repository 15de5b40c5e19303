//! Merging an imported backup into the desk's data (replace mode needs nothing: the imported
//! backup simply becomes the data).
//!
//! Rules: records match by id; per record the newer `updated_at` wins (a tie keeps the desk's);
//! ticket histories are unioned by event id. A ticket is recognised by its `created` event id,
//! so the same ticket under another number (from an earlier merge) is matched, and a different
//! ticket under a number already in use is renumbered to the next free id, its events following.
//! Importing the same file twice changes nothing the second time.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::domain::article::ArticleRevision;
use crate::domain::model::{Event, EventKind, Ticket, TicketId};

use super::Backup;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Ticket,
    Article,
    Agent,
    Group,
    Calendar,
}

/// A record as it is (or will be) on the desk: tickets by their id after renumbering.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordRef {
    pub kind: RecordKind,
    pub id: String,
}

impl RecordRef {
    fn ticket(id: TicketId) -> Self {
        RecordRef {
            kind: RecordKind::Ticket,
            id: id.to_string(),
        }
    }
}

/// Something the merge had to decide that the person importing should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// Where in the imported file, e.g. `$.tickets[3]`.
    pub path: String,
    pub record: RecordRef,
    /// What happened, in a plain sentence.
    pub what: String,
}

/// What a merge will do. `added` and `updated` are the records to write.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergePlan {
    pub added: Vec<RecordRef>,
    pub updated: Vec<RecordRef>,
    /// Records present on both sides with nothing new.
    pub unchanged: usize,
    /// Events the desk does not have yet.
    pub new_events: usize,
    /// Imported ticket id -> id on the desk, for every ticket that changes number.
    pub renumbered: BTreeMap<TicketId, TicketId>,
    /// Imported event id -> new id, for event ids already used by another ticket on the desk.
    pub renamed_events: BTreeMap<String, String>,
    pub conflicts: Vec<Conflict>,
}

fn created_ids(b: &Backup) -> HashMap<TicketId, &str> {
    b.created_event_ids().into_iter().collect()
}

/// Works out what merging `incoming` into `current` does, without doing it.
pub fn plan_merge(current: &Backup, incoming: &Backup) -> MergePlan {
    let mut plan = MergePlan::default();
    let cur_tickets: HashMap<TicketId, &Ticket> =
        current.tickets.iter().map(|t| (t.id, t)).collect();
    let cur_created = created_ids(current);
    let inc_created = created_ids(incoming);
    let cur_by_created: HashMap<&str, TicketId> =
        cur_created.iter().map(|(t, e)| (*e, *t)).collect();
    let max_id = |b: &Backup| b.tickets.iter().map(|t| t.id).max().unwrap_or(0);
    let mut next_free = [
        current.meta.next_ticket_id,
        incoming.meta.next_ticket_id,
        max_id(current).saturating_add(1),
        max_id(incoming).saturating_add(1),
    ]
    .into_iter()
    .max()
    .unwrap_or(1);

    // Which desk id each imported ticket ends up with.
    let mut target: HashMap<TicketId, TicketId> = HashMap::new();
    for (i, t) in incoming.tickets.iter().enumerate() {
        let created = inc_created.get(&t.id).copied();
        let to = match created.and_then(|c| cur_by_created.get(c)) {
            Some(&same) => same,
            None if cur_tickets.contains_key(&t.id) => {
                let to = next_free;
                next_free += 1;
                let here = cur_tickets.get(&t.id).map_or("", |c| c.subject.as_str());
                plan.conflicts.push(Conflict {
                    path: format!("$.tickets[{i}]"),
                    record: RecordRef::ticket(to),
                    what: format!(
                        "ticket #{} in the file (\"{}\") is a different ticket from #{} on this desk (\"{}\"); it is added as #{to}",
                        t.id, t.subject, t.id, here
                    ),
                });
                to
            }
            None => t.id,
        };
        if to != t.id {
            plan.renumbered.insert(t.id, to);
        }
        target.insert(t.id, to);
    }

    // Events: union by id per ticket; an id taken by another ticket gets a derived new id.
    let cur_events: HashMap<&str, TicketId> = current
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.ticket))
        .collect();
    let mut grows: HashSet<TicketId> = HashSet::new();
    for (i, e) in incoming.events.iter().enumerate() {
        let ticket = target.get(&e.ticket).copied().unwrap_or(e.ticket);
        let mut id = e.id.clone();
        loop {
            match cur_events.get(id.as_str()) {
                Some(&owner) if owner == ticket => break,
                Some(&owner) => {
                    let new_id = format!("{id}~{ticket}");
                    if id == e.id {
                        plan.conflicts.push(Conflict {
                            path: format!("$.events[{i}].id"),
                            record: RecordRef::ticket(ticket),
                            what: format!(
                                "event id \"{}\" is already used by ticket #{owner} on this desk; the file's event for ticket #{ticket} is kept as \"{new_id}\"",
                                e.id
                            ),
                        });
                    }
                    id = new_id;
                }
                None => {
                    plan.new_events += 1;
                    grows.insert(ticket);
                    break;
                }
            }
        }
        if id != e.id {
            plan.renamed_events.insert(e.id.clone(), id);
        }
    }

    for t in &incoming.tickets {
        let to = target.get(&t.id).copied().unwrap_or(t.id);
        match cur_tickets.get(&to) {
            None => plan.added.push(RecordRef::ticket(to)),
            Some(c) if t.updated_at > c.updated_at || grows.contains(&to) => {
                plan.updated.push(RecordRef::ticket(to))
            }
            Some(_) => plan.unchanged += 1,
        }
    }

    let cur_articles: HashMap<&str, _> = current
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    for a in &incoming.articles {
        let r = RecordRef {
            kind: RecordKind::Article,
            id: a.id.clone(),
        };
        match cur_articles.get(a.id.as_str()) {
            None => plan.added.push(r),
            Some(c) if a.updated_at > c.updated_at => plan.updated.push(r),
            Some(_) => plan.unchanged += 1,
        }
    }

    let cfg = (&current.config, &incoming.config);
    let new_ids = |kind, have: Vec<&str>, get: Vec<&str>| -> Vec<RecordRef> {
        get.into_iter()
            .filter(|id| !have.contains(id))
            .map(|id| RecordRef {
                kind,
                id: id.to_string(),
            })
            .collect()
    };
    plan.added.extend(new_ids(
        RecordKind::Agent,
        cfg.0.agents.iter().map(|a| a.id.as_str()).collect(),
        cfg.1.agents.iter().map(|a| a.id.as_str()).collect(),
    ));
    plan.added.extend(new_ids(
        RecordKind::Group,
        cfg.0.groups.iter().map(|g| g.id.as_str()).collect(),
        cfg.1.groups.iter().map(|g| g.id.as_str()).collect(),
    ));
    plan.added.extend(new_ids(
        RecordKind::Calendar,
        cfg.0.calendars.iter().map(|c| c.id.as_str()).collect(),
        cfg.1.calendars.iter().map(|c| c.id.as_str()).collect(),
    ));
    plan
}

/// Merges `incoming` into `current` and returns the result (normalized) with the plan it
/// followed. The desk's settings are kept; agents, groups and calendars only the file has are
/// added so that its tickets' references resolve.
pub fn apply_merge(current: &Backup, incoming: &Backup) -> (Backup, MergePlan) {
    let plan = plan_merge(current, incoming);
    let mut out = current.clone();
    let remap = |id: TicketId| plan.renumbered.get(&id).copied().unwrap_or(id);

    // Config: add what only the file has.
    for a in &incoming.config.agents {
        if out.config.agent(&a.id).is_none() {
            out.config.agents.push(a.clone());
        }
    }
    for g in &incoming.config.groups {
        if !out.config.groups.iter().any(|x| x.id == g.id) {
            out.config.groups.push(g.clone());
        }
    }
    for c in &incoming.config.calendars {
        if out.config.calendar(&c.id).is_none() {
            out.config.calendars.push(c.clone());
        }
    }

    // Events first: which tickets grew decides their snapshot revision below.
    let known: HashSet<String> = out.events.iter().map(|e| e.id.clone()).collect();
    let mut grown: HashSet<TicketId> = HashSet::new();
    for e in &incoming.events {
        let id = plan.renamed_events.get(&e.id).unwrap_or(&e.id);
        if known.contains(id) {
            continue;
        }
        let mut e = e.clone();
        e.id = id.clone();
        e.ticket = remap(e.ticket);
        remap_kind(&mut e.kind, &remap);
        grown.insert(e.ticket);
        out.events.push(e);
    }

    let index: HashMap<TicketId, usize> = out
        .tickets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    for t in &incoming.tickets {
        let mut t = t.clone();
        t.id = remap(t.id);
        if let Some(m) = t.merged_into.as_mut() {
            *m = remap(*m);
        }
        for l in &mut t.links {
            l.other = remap(l.other);
        }
        match index.get(&t.id) {
            None => out.tickets.push(t),
            Some(&i) => {
                let cur = &mut out.tickets[i];
                let rev = cur.rev.max(t.rev).wrapping_add(1);
                if t.updated_at > cur.updated_at {
                    *cur = t;
                    cur.rev = rev;
                } else if grown.contains(&cur.id) {
                    cur.rev = rev;
                }
            }
        }
    }

    // Articles: newer wins; the replaced text is kept as a revision so nothing is lost.
    let have: HashSet<(String, u32)> = out
        .article_revisions
        .iter()
        .map(|r| (r.article.clone(), r.rev))
        .collect();
    let mut revisions: Vec<ArticleRevision> = incoming
        .article_revisions
        .iter()
        .filter(|r| !have.contains(&(r.article.clone(), r.rev)))
        .cloned()
        .collect();
    for a in &incoming.articles {
        match out.articles.iter_mut().find(|x| x.id == a.id) {
            None => out.articles.push(a.clone()),
            Some(cur) if a.updated_at > cur.updated_at => {
                let key = (cur.id.clone(), cur.rev);
                if !have.contains(&key)
                    && !revisions.iter().any(|r| (r.article.clone(), r.rev) == key)
                {
                    revisions.push(ArticleRevision {
                        article: cur.id.clone(),
                        rev: cur.rev,
                        title: cur.title.clone(),
                        summary: cur.summary.clone(),
                        body: cur.body.clone(),
                        author: cur.author.clone(),
                        at: cur.updated_at,
                    });
                }
                *cur = a.clone();
            }
            Some(_) => {}
        }
    }
    out.article_revisions.extend(revisions);

    out.meta.next_ticket_id = out.meta.next_ticket_id.max(incoming.meta.next_ticket_id);
    out.normalize();
    renumber_seq(&mut out.events, &grown);
    (out, plan)
}

fn remap_kind(kind: &mut EventKind, remap: &impl Fn(TicketId) -> TicketId) {
    match kind {
        EventKind::Merged { into } => *into = remap(*into),
        EventKind::MergedFrom { from } => *from = remap(*from),
        EventKind::Linked { other, .. } | EventKind::Unlinked { other, .. } => {
            *other = remap(*other)
        }
        _ => {}
    }
}

/// After a union, two sides' events can share a position number: renumber the histories that
/// grew so that `seq` is again 0, 1, 2, ... in history order. Expects normalized events.
fn renumber_seq(events: &mut [Event], grown: &HashSet<TicketId>) {
    let mut last: Option<TicketId> = None;
    let mut n = 0;
    for e in events.iter_mut() {
        if last != Some(e.ticket) {
            last = Some(e.ticket);
            n = 0;
        }
        if grown.contains(&e.ticket) {
            e.seq = n;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::super::fixture::{self, t0};
    use super::super::{to_json, validate};
    use super::*;
    use crate::domain::model::{Actor, LinkKind, Status, TicketLink};
    use crate::domain::ticket::{self, Command, Ctx, SeqIds};

    fn ticket_ref(id: u64) -> RecordRef {
        RecordRef::ticket(id)
    }

    #[test]
    fn merging_a_backup_into_itself_changes_nothing() {
        let b = fixture::backup("e");
        let (out, plan) = apply_merge(&b, &b);
        assert!(plan.added.is_empty() && plan.updated.is_empty() && plan.conflicts.is_empty());
        assert_eq!(plan.unchanged, 5); // 3 tickets + 2 articles
        assert_eq!(plan.new_events, 0);
        assert_eq!(to_json(&out), to_json(&b));
    }

    #[test]
    fn newer_ticket_wins_and_histories_are_unioned() {
        let current = fixture::backup("e");
        let mut incoming = current.clone();
        // On the other side, ticket 2 got resolved later.
        let hist: Vec<_> = incoming
            .events
            .iter()
            .filter(|e| e.ticket == 2)
            .cloned()
            .collect();
        let t = incoming.tickets.iter_mut().find(|t| t.id == 2).unwrap();
        let ctx = Ctx::new(t0() + Duration::days(2), Actor::Agent("alice".into()));
        let ev = ticket::apply(
            t,
            &hist,
            Command::SetStatus(Status::Resolved),
            &ctx,
            &mut SeqIds::new("x"),
        )
        .unwrap();
        incoming.events.extend(ev);
        incoming.normalize();

        let plan = plan_merge(&current, &incoming);
        assert_eq!(plan.updated, vec![ticket_ref(2)]);
        assert_eq!(plan.new_events, 1);
        assert_eq!(plan.unchanged, 4);
        let (out, _) = apply_merge(&current, &incoming);
        let t2 = out.tickets.iter().find(|t| t.id == 2).unwrap();
        assert_eq!(t2.status, Status::Resolved);
        assert_eq!(out.events.len(), current.events.len() + 1);
        assert!(validate(&out).is_empty(), "{:?}", validate(&out));

        // The other way round: the desk is newer; its snapshot stays, nothing new to add.
        let (back, plan) = apply_merge(&out, &current);
        assert!(plan.updated.is_empty() && plan.added.is_empty());
        assert_eq!(
            back.tickets.iter().find(|t| t.id == 2).unwrap().status,
            Status::Resolved
        );
    }

    #[test]
    fn a_different_ticket_with_a_used_id_is_renumbered_with_its_events() {
        let current = fixture::backup("e");
        let mut other = fixture::backup("kiosk-");
        // Ticket 2 on the kiosk links to ticket 3 on the kiosk: the link must follow the renumbering.
        other.tickets[1].links.push(TicketLink {
            kind: LinkKind::Related,
            other: 3,
        });
        let plan = plan_merge(&current, &other);
        assert_eq!(plan.renumbered, BTreeMap::from([(1, 4), (2, 5), (3, 6)]));
        assert_eq!(plan.conflicts.len(), 3);
        assert_eq!(
            plan.conflicts[0].what,
            "ticket #1 in the file (\"Printer jams\") is a different ticket from #1 on this desk (\"Printer jams\"); it is added as #4"
        );
        assert_eq!(plan.conflicts[0].path, "$.tickets[0]");
        assert_eq!(
            plan.added[..3],
            [ticket_ref(4), ticket_ref(5), ticket_ref(6)]
        );
        assert_eq!(plan.new_events, other.events.len());

        let (out, _) = apply_merge(&current, &other);
        assert_eq!(out.tickets.len(), 6);
        assert_eq!(out.meta.next_ticket_id, 7);
        let moved: Vec<_> = out
            .events
            .iter()
            .filter(|e| e.id.starts_with("kiosk-"))
            .collect();
        assert!(moved.iter().all(|e| (4..=6).contains(&e.ticket)));
        assert_eq!(
            out.tickets[4].links,
            vec![TicketLink {
                kind: LinkKind::Related,
                other: 6
            }]
        );
        assert!(validate(&out).is_empty(), "{:?}", validate(&out));

        // Importing the same file again recognises the renumbered tickets by their created event.
        let (again, plan) = apply_merge(&out, &other);
        assert!(
            plan.added.is_empty() && plan.conflicts.is_empty(),
            "{plan:?}"
        );
        assert_eq!(plan.renumbered, BTreeMap::from([(1, 4), (2, 5), (3, 6)]));
        assert_eq!(to_json(&again), to_json(&out));
    }

    #[test]
    fn event_ids_used_by_another_ticket_are_renamed() {
        let current = fixture::backup("e");
        // A second desk that also numbered its events e1, e2, ... but whose tickets start at 10.
        let mut other = fixture::backup("e");
        let created_ids: Vec<_> = other
            .created_event_ids()
            .values()
            .map(|s| s.to_string())
            .collect();
        for t in &mut other.tickets {
            t.id += 9;
        }
        for e in &mut other.events {
            e.ticket += 9;
            // Make the tickets different: their created events get new ids.
            if created_ids.contains(&e.id) {
                e.id = format!("c{}", e.ticket);
            }
        }
        other.meta.next_ticket_id = 13;
        let plan = plan_merge(&current, &other);
        assert!(plan.renumbered.is_empty());
        assert_eq!(
            plan.renamed_events.get("e2").map(String::as_str),
            Some("e2~10")
        );
        let (out, _) = apply_merge(&current, &other);
        assert!(validate(&out).is_empty(), "{:?}", validate(&out));
        assert_eq!(out.events.len(), current.events.len() * 2);
        // Positions in each history are 0, 1, 2, ... again.
        let seqs: Vec<u32> = out
            .events
            .iter()
            .filter(|e| e.ticket == 10)
            .map(|e| e.seq)
            .collect();
        assert_eq!(seqs, (0..seqs.len() as u32).collect::<Vec<_>>());
    }

    #[test]
    fn newer_article_wins_and_the_replaced_text_becomes_a_revision() {
        let current = fixture::backup("e");
        let mut incoming = current.clone();
        incoming.articles[1].rev = 3;
        incoming.articles[1].body = "New VPN steps".into();
        incoming.articles[1].updated_at = t0() + Duration::days(3);
        let (out, plan) = apply_merge(&current, &incoming);
        assert_eq!(
            plan.updated,
            vec![RecordRef {
                kind: RecordKind::Article,
                id: "vpn".into()
            }]
        );
        assert_eq!(out.articles[1].body, "New VPN steps");
        let kept = out
            .article_revisions
            .iter()
            .find(|r| r.article == "vpn")
            .unwrap();
        assert_eq!(
            (kept.rev, kept.body.as_str()),
            (2, "1. Do this\n2. Then that")
        );
    }

    #[test]
    fn agents_only_the_file_has_are_added() {
        let current = fixture::backup("e");
        let mut incoming = current.clone();
        let mut carol = incoming.config.agents[0].clone();
        carol.id = "carol".into();
        incoming.config.agents.push(carol);
        let (out, plan) = apply_merge(&current, &incoming);
        assert_eq!(
            plan.added,
            vec![RecordRef {
                kind: RecordKind::Agent,
                id: "carol".into()
            }]
        );
        assert_eq!(out.config.agents.len(), current.config.agents.len() + 1);
    }
}
