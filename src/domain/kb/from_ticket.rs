//! "Turn this ticket's resolution into an article": a draft prefilled from the ticket's
//! subject, description, root cause and last public reply. The agent edits it before saving.

use super::ArticleDraft;
use crate::domain::article::Audience;
use crate::domain::markdown::{collapse_whitespace, truncate_words};
use crate::domain::model::{Event, EventKind, Ticket};

/// Section headings for the draft, in the language the agent writes in.
#[derive(Clone, Copy, Debug)]
pub struct DraftHeadings<'a> {
    pub problem: &'a str,
    pub cause: &'a str,
    pub solution: &'a str,
}

/// Longest summary taken from the description, in characters.
const SUMMARY_CHARS: usize = 200;

/// A draft (audience Draft) with the ticket's category and tags. Sections without content
/// (no root cause, no public reply) are left out.
pub fn draft_from_ticket(t: &Ticket, events: &[Event], headings: DraftHeadings<'_>, language: &str) -> ArticleDraft {
    let mut sections: Vec<(&str, String)> = Vec::new();
    let description = t.description.trim();
    if !description.is_empty() {
        sections.push((headings.problem, description.to_string()));
    }
    if !t.root_cause.trim().is_empty() {
        sections.push((headings.cause, t.root_cause.trim().to_string()));
    }
    let last_reply = events
        .iter()
        .filter(|e| e.ticket == t.id)
        .filter_map(|e| match &e.kind {
            EventKind::PublicReply { body } if !body.trim().is_empty() => Some((e.at, e.seq, body.trim())),
            _ => None,
        })
        .max_by_key(|(at, seq, _)| (*at, *seq))
        .map(|(_, _, body)| body.to_string());
    if let Some(reply) = last_reply {
        sections.push((headings.solution, reply));
    }
    let body = sections
        .into_iter()
        .map(|(h, text)| format!("## {h}\n\n{text}"))
        .collect::<Vec<_>>()
        .join("\n\n");
    ArticleDraft {
        title: t.subject.trim().to_string(),
        summary: truncate_words(&collapse_whitespace(description), SUMMARY_CHARS),
        body,
        category: t.category.clone().unwrap_or_default(),
        tags: t.tags.clone(),
        audience: Audience::Draft,
        language: language.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;
    use crate::domain::model::{Actor, Requester, Status, Priority, Tier};

    const H: DraftHeadings<'static> = DraftHeadings { problem: "Problem", cause: "Cause", solution: "Solution" };

    fn ticket() -> Ticket {
        let t = Utc.with_ymd_and_hms(2026, 2, 3, 9, 0, 0).single().unwrap_or_default();
        let json = serde_json::json!({
            "id": 42, "subject": " VPN drops every hour ", "description": "Since Monday the VPN\ndrops every hour.",
            "requester": {"name": "Ana", "email": "ana@example.org"}, "status": "resolved", "priority": "high",
            "tier": 2, "category": "Network/VPN", "tags": ["vpn"], "root_cause": "Gateway lease of 60 minutes.",
            "created_at": t, "updated_at": t
        });
        serde_json::from_value(json).expect("test ticket JSON is valid")
    }

    fn reply(seq: u32, minutes: i64, body: &str) -> Event {
        Event {
            id: format!("e{seq}"),
            ticket: 42,
            seq,
            at: Utc.with_ymd_and_hms(2026, 2, 3, 9, 0, 0).single().unwrap_or_default() + Duration::minutes(minutes),
            actor: Actor::Agent("marco".into()),
            kind: EventKind::PublicReply { body: body.into() },
        }
    }

    #[test]
    fn draft_has_problem_cause_and_last_public_reply() {
        let t = ticket();
        assert_eq!((t.status, t.priority, t.tier), (Status::Resolved, Priority::High, Tier(2)));
        let note = Event { kind: EventKind::InternalNote { body: "internal only".into() }, ..reply(3, 50, "") };
        let events = [reply(1, 10, "Try a cable."), reply(2, 40, "We raised the lease to 24 h."), note];
        let d = draft_from_ticket(&t, &events, H, "en");
        assert_eq!(d.title, "VPN drops every hour");
        assert_eq!(d.summary, "Since Monday the VPN drops every hour.");
        assert_eq!(
            d.body,
            "## Problem\n\nSince Monday the VPN\ndrops every hour.\n\n## Cause\n\nGateway lease of 60 minutes.\n\n## Solution\n\nWe raised the lease to 24 h."
        );
        assert_eq!((d.category.as_str(), d.tags.as_slice(), d.audience, d.language.as_str()), ("Network/VPN", &["vpn".to_string()][..], Audience::Draft, "en"));
        assert!(d.normalized().problems().is_empty(), "the draft can be saved as it is");
    }

    #[test]
    fn empty_sections_are_left_out() {
        let mut t = ticket();
        t.root_cause.clear();
        let d = draft_from_ticket(&t, &[], H, "de");
        assert_eq!(d.body, "## Problem\n\nSince Monday the VPN\ndrops every hour.");
        t.description.clear();
        assert_eq!(draft_from_ticket(&t, &[], H, "de").body, "");
    }
}
