//! How each history event reads in a ticket's timeline: one line of summary, an optional
//! body (replies and notes), and whether requesters may see it.

use super::desk::DeskConfig;
use super::model::{Actor, Event, EventKind, Time};
use super::sla::{SlaEvent, SlaState};

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Kind of entry, for styling: "reply", "note", "requester", "change", "tier", "system".
    pub class: &'static str,
    pub who: String,
    pub summary: String,
    pub body: Option<String>,
    /// Visible to the requester in the portal.
    pub public: bool,
}

pub fn actor_name(actor: &Actor, cfg: &DeskConfig, requester: &str) -> String {
    match actor {
        Actor::System => "Tierdesk".into(),
        Actor::Requester => requester.to_string(),
        Actor::Agent(id) => cfg.agent_name(id),
    }
}

pub fn describe(e: &Event, cfg: &DeskConfig, requester: &str) -> Entry {
    let who = actor_name(&e.actor, cfg, requester);
    let agent = |id: &Option<String>| id.as_deref().map(|a| cfg.agent_name(a)).unwrap_or_else(|| "nobody".into());
    let (class, summary, body, public) = match &e.kind {
        EventKind::Created { channel, .. } => ("system", format!("opened the ticket ({})", channel.as_str()), None, true),
        EventKind::FieldChanged { field, from, to } => {
            let field = field.replace('_', " ");
            let s = match (from.is_empty(), to.is_empty()) {
                (true, false) => format!("set {field} to \"{to}\""),
                (false, true) => format!("cleared {field} (was \"{from}\")"),
                _ => format!("changed {field} from \"{from}\" to \"{to}\""),
            };
            ("change", s, None, false)
        }
        EventKind::PriorityChanged { from, to, reason } => (
            "change",
            match reason {
                Some(r) => format!("changed priority from {} to {} because \"{r}\"", from.label(), to.label()),
                None => format!("changed priority from {} to {}", from.label(), to.label()),
            },
            None,
            false,
        ),
        EventKind::Assigned { to, reason, .. } => {
            let s = match (to, reason) {
                (Some(_), Some(r)) => format!("assigned to {} ({r})", agent(to)),
                (Some(_), None) => format!("assigned to {}", agent(to)),
                (None, Some(r)) => format!("unassigned ({r})"),
                (None, None) => "unassigned".to_string(),
            };
            ("change", s, None, false)
        }
        EventKind::TierChanged { from, to, cause, reason } => {
            let verb = if to > from { "escalated" } else { "moved" };
            (
                "tier",
                format!("{verb} from {} to {} — {}", cfg.tier_name(*from), cfg.tier_name(*to), cause.label()),
                (!reason.is_empty()).then(|| reason.clone()),
                false,
            )
        }
        EventKind::StatusChanged { from, to } => ("change", format!("changed status from {} to {}", from.label(), to.label()), None, true),
        EventKind::PublicReply { body } => ("reply", "replied".into(), Some(body.clone()), true),
        EventKind::InternalNote { body } => ("note", "added an internal note".into(), Some(body.clone()), false),
        EventKind::RequesterReply { body } => ("requester", "wrote".into(), Some(body.clone()), true),
        EventKind::Merged { into } => ("system", format!("merged this ticket into #{into}"), None, true),
        EventKind::MergedFrom { from } => ("system", format!("merged #{from} into this ticket"), None, false),
        EventKind::Linked { kind, other } => ("change", format!("linked as {} #{other}", kind.label()), None, false),
        EventKind::Unlinked { kind, other } => ("change", format!("removed the link {} #{other}", kind.label()), None, false),
        EventKind::HelperAdded { agent: a } => ("change", format!("added {} as a helper", cfg.agent_name(a)), None, false),
        EventKind::HelperRemoved { agent: a } => ("change", format!("removed helper {}", cfg.agent_name(a)), None, false),
        EventKind::TimeLogged { minutes } => ("change", format!("logged {}", super::humanize::minutes(i64::from(*minutes))), None, false),
        EventKind::ArticleLinked { article } => ("change", format!("linked article {article} as the answer"), None, false),
        EventKind::Rated { score, comment } => (
            "requester",
            format!("rated the resolution {score} of 5"),
            (!comment.is_empty()).then(|| comment.clone()),
            true,
        ),
        EventKind::Routed { rule } => ("system", format!("routing rule \"{rule}\" applied"), None, false),
    };
    Entry { class, who, summary, body, public }
}

/// One row of a ticket's timeline: a recorded event, or an SLA warning or breach worked out
/// from the history (`derived`), which is shown but never stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub at: Time,
    /// The event's id; for a derived row, made from its metric, state and instant.
    pub key: String,
    /// The event kind's machine name (`EventKind::name`), or "sla" for a derived row.
    pub kind: &'static str,
    pub entry: Entry,
    pub derived: bool,
}

/// How an SLA warning or breach reads: "First response breached", "Resolution due soon".
pub fn sla_entry(e: &SlaEvent) -> Entry {
    let what = match e.state {
        SlaState::Breached => "breached",
        SlaState::Warning => "due soon",
        other => other.as_str(),
    };
    Entry { class: "sla", who: "SLA".into(), summary: format!("{} {what}", e.metric.label()), body: None, public: false }
}

/// The key of a derived row: made from the SLA event's metric, state and instant.
pub fn sla_key(e: &SlaEvent) -> String {
    format!("sla-{}-{}-{}", e.metric.as_str(), e.state.as_str(), e.at.timestamp())
}

/// Whether an SLA event has happened by `now`. A breach counts from the first instant after
/// the due time, as the SLA clocks do; a warning from its instant.
pub fn sla_event_past(e: &SlaEvent, now: Time) -> bool {
    match e.state {
        SlaState::Breached => e.at < now,
        _ => e.at <= now,
    }
}

/// The whole timeline, oldest first: every event in history order, with the SLA warnings and
/// breaches that happened by `now` placed by time (after the events of the same instant).
pub fn rows(events: &[Event], sla: &[SlaEvent], now: Time, cfg: &DeskConfig, requester: &str) -> Vec<Row> {
    let mut recorded: Vec<&Event> = events.iter().collect();
    recorded.sort_by_key(|e| (e.at, e.seq));
    let mut out: Vec<Row> = recorded
        .into_iter()
        .map(|e| Row { at: e.at, key: e.id.clone(), kind: e.kind.name(), entry: describe(e, cfg, requester), derived: false })
        .collect();
    out.extend(sla.iter().filter(|e| sla_event_past(e, now)).map(|e| Row {
        at: e.at,
        key: sla_key(e),
        kind: "sla",
        entry: sla_entry(e),
        derived: true,
    }));
    // Stable: recorded events keep their order, derived rows follow those of their instant.
    out.sort_by_key(|r| (r.at, r.derived));
    out
}

/// Minutes logged per person, in the order they first logged time.
pub fn time_logged(events: &[Event]) -> Vec<(Actor, u64)> {
    let mut out: Vec<(Actor, u64)> = vec![];
    for e in events {
        if let EventKind::TimeLogged { minutes } = e.kind {
            match out.iter_mut().find(|(a, _)| *a == e.actor) {
                Some((_, total)) => *total += u64::from(minutes),
                None => out.push((e.actor.clone(), u64::from(minutes))),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{EscalationCause, Tier};
    use chrono::TimeZone;

    fn cfg() -> DeskConfig {
        serde_json::from_value(serde_json::json!({
            "general": {"desk_name": "T", "default_calendar": "24x7"},
            "agents": [{"id": "a1", "name": "Alice"}],
            "tiers": [{"tier": 1, "name": "Service desk", "calendar": "24x7"}, {"tier": 2, "name": "Network team", "calendar": "24x7"}],
            "matrix": {"cells": []}
        }))
        .unwrap()
    }

    fn ev(actor: Actor, kind: EventKind) -> Event {
        Event { id: "e".into(), ticket: 1, seq: 0, at: chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), actor, kind }
    }

    #[test]
    fn escalation_names_tiers_cause_and_reason() {
        let e = describe(
            &ev(Actor::System, EventKind::TierChanged { from: Tier(1), to: Tier(2), cause: EscalationCause::TierLimit, reason: "15 min in Tier 1".into() }),
            &cfg(),
            "Robin",
        );
        assert_eq!(e.who, "Tierdesk");
        assert_eq!(e.summary, "escalated from Service desk to Network team — tier time limit reached");
        assert_eq!(e.body.as_deref(), Some("15 min in Tier 1"));
        assert!(!e.public);
    }

    fn at(e: Event, minutes: i64, seq: u32, id: &str) -> Event {
        Event { at: e.at + chrono::Duration::minutes(minutes), seq, id: id.into(), ..e }
    }

    #[test]
    fn rows_put_past_sla_events_between_the_events_by_time() {
        use crate::domain::desk::Metric;
        let created = at(ev(Actor::Requester, EventKind::Created { subject: "s".into(), priority: crate::domain::model::Priority::High, tier: Tier(1), channel: Default::default() }), 0, 0, "e0");
        let note = at(ev(Actor::Agent("a1".into()), EventKind::InternalNote { body: "x".into() }), 90, 1, "e1");
        let reply = at(ev(Actor::Agent("a1".into()), EventKind::PublicReply { body: "y".into() }), 60, 2, "e2");
        let t0 = created.at;
        let sla = [
            SlaEvent { at: t0 + chrono::Duration::minutes(45), metric: Metric::FirstResponse, state: SlaState::Warning },
            // Due at +60 exactly, when the reply came: not yet a breach at that instant.
            SlaEvent { at: t0 + chrono::Duration::minutes(60), metric: Metric::Resolution, state: SlaState::Breached },
            SlaEvent { at: t0 + chrono::Duration::minutes(200), metric: Metric::Resolution, state: SlaState::Warning },
        ];
        let now = t0 + chrono::Duration::minutes(120);
        let rows = rows(&[note, created, reply], &sla, now, &cfg(), "Robin");
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        let warn_key = format!("sla-first_response-warning-{}", (t0 + chrono::Duration::minutes(45)).timestamp());
        let breach_key = format!("sla-resolution-breached-{}", (t0 + chrono::Duration::minutes(60)).timestamp());
        assert_eq!(keys, ["e0", warn_key.as_str(), "e2", breach_key.as_str(), "e1"], "the future warning is left out");
        assert_eq!(rows[1].entry.summary, "First response due soon");
        assert_eq!(rows[3].entry.summary, "Resolution breached");
        assert!(rows[1].derived && !rows[2].derived);
        assert_eq!(rows[2].kind, "public_reply");
        // At the due instant itself the breach has not happened yet.
        assert!(!sla_event_past(&sla[1], t0 + chrono::Duration::minutes(60)));
        assert!(sla_event_past(&sla[0], t0 + chrono::Duration::minutes(45)));
    }

    #[test]
    fn time_logged_adds_up_per_person() {
        let log = |who: &str, m: u32| ev(Actor::Agent(who.into()), EventKind::TimeLogged { minutes: m });
        let events = [log("a1", 20), log("b2", 5), ev(Actor::System, EventKind::Routed { rule: "r".into() }), log("a1", 25)];
        assert_eq!(time_logged(&events), vec![(Actor::Agent("a1".into()), 45), (Actor::Agent("b2".into()), 5)]);
        assert!(time_logged(&[]).is_empty());
    }

    #[test]
    fn notes_are_internal_and_replies_public() {
        let note = describe(&ev(Actor::Agent("a1".into()), EventKind::InternalNote { body: "x".into() }), &cfg(), "Robin");
        assert_eq!((note.who.as_str(), note.public), ("Alice", false));
        let reply = describe(&ev(Actor::Requester, EventKind::RequesterReply { body: "y".into() }), &cfg(), "Robin");
        assert_eq!((reply.who.as_str(), reply.public), ("Robin", true));
    }
}
