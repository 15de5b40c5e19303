//! How each history event reads in a ticket's timeline: one line of summary, an optional
//! body (replies and notes), and whether requesters may see it.

use super::desk::DeskConfig;
use super::model::{Actor, Event, EventKind};

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

    #[test]
    fn notes_are_internal_and_replies_public() {
        let note = describe(&ev(Actor::Agent("a1".into()), EventKind::InternalNote { body: "x".into() }), &cfg(), "Robin");
        assert_eq!((note.who.as_str(), note.public), ("Alice", false));
        let reply = describe(&ev(Actor::Requester, EventKind::RequesterReply { body: "y".into() }), &cfg(), "Robin");
        assert_eq!((reply.who.as_str(), reply.public), ("Robin", true));
    }
}
