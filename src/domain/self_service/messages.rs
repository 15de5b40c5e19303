//! The part of a ticket's history a requester may see: their own messages and the desk's
//! public replies. Internal notes, assignments, tier moves and field changes never appear.

use chrono::Duration;

use crate::domain::desk::DeskConfig;
use crate::domain::model::{Actor, Event, EventKind, Status, Ticket, TicketId, Time};
use crate::domain::ticket::last_resolved_at;

/// Who wrote a public message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Author {
    Requester,
    /// An agent, by name; `None` for replies the desk sent by itself.
    Desk(Option<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicMessage {
    /// Unique within the ticket (the event id, or "description").
    pub key: String,
    pub at: Time,
    pub author: Author,
    pub body: String,
}

/// The description (as the first message, when there is one), requester replies and public
/// replies, oldest first.
pub fn public_messages(ticket: &Ticket, events: &[Event], cfg: &DeskConfig) -> Vec<PublicMessage> {
    let mut out = Vec::new();
    if !ticket.description.trim().is_empty() {
        out.push(PublicMessage {
            key: "description".into(),
            at: ticket.created_at,
            author: Author::Requester,
            body: ticket.description.clone(),
        });
    }
    let mut sorted: Vec<&Event> = events.iter().filter(|e| e.ticket == ticket.id).collect();
    sorted.sort_by_key(|e| (e.at, e.seq));
    for e in sorted {
        let (author, body) = match &e.kind {
            EventKind::RequesterReply { body } => (Author::Requester, body),
            EventKind::PublicReply { body } => {
                let name = match &e.actor {
                    Actor::Agent(id) => Some(cfg.agent_name(id)),
                    _ => None,
                };
                (Author::Desk(name), body)
            }
            _ => continue,
        };
        out.push(PublicMessage { key: e.id.clone(), at: e.at, author, body: body.clone() });
    }
    out
}

/// What happens if the requester writes now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyState {
    /// The reply goes to the open ticket.
    Open,
    /// The ticket is resolved and still inside the reopen window: a reply reopens it.
    Reopens,
    /// Resolved too long ago: a new request is needed.
    TooLate,
    Closed,
    /// Merged into another ticket; replies go there.
    Merged(TicketId),
}

pub fn reply_state(ticket: &Ticket, events: &[Event], now: Time, reopen_window: Duration) -> ReplyState {
    if let Some(into) = ticket.merged_into {
        return ReplyState::Merged(into);
    }
    match ticket.status {
        Status::Closed => ReplyState::Closed,
        Status::Resolved => match last_resolved_at(events) {
            Some(at) if now - at > reopen_window => ReplyState::TooLate,
            _ => ReplyState::Reopens,
        },
        _ => ReplyState::Open,
    }
}

/// Whether the requester may rate the ticket now (resolved or closed, not merged away).
pub fn can_rate(ticket: &Ticket) -> bool {
    ticket.merged_into.is_none() && matches!(ticket.status, Status::Resolved | Status::Closed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::defaults::default_config;
    use crate::domain::model::Requester;
    use crate::domain::ticket::{apply, create, Command, Ctx, NewTicket, SeqIds};

    fn at(h: i64) -> Time {
        chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z").unwrap().to_utc() + Duration::hours(h)
    }

    fn agent() -> Actor {
        Actor::Agent("admin".into())
    }

    /// A ticket with a description, a note, a reply, a requester answer, a priority change
    /// and a resolution at hour 3.
    fn story() -> (Ticket, Vec<Event>) {
        let mut ids = SeqIds::new("e");
        let new = NewTicket {
            subject: "VPN drops".into(),
            description: "It drops every 10 minutes.".into(),
            requester: Requester { name: "Kim".into(), email: "kim@example.org".into(), org: None },
            ..Default::default()
        };
        let (mut t, mut h) = create(5, new, &Ctx::new(at(0), Actor::Requester), &mut ids).unwrap();
        let steps = [
            (1, agent(), Command::Note("secret: check the firewall".into())),
            (1, agent(), Command::Reply("Which client version?".into())),
            (2, Actor::Requester, Command::RequesterReply("4.2".into())),
            (2, agent(), Command::SetPriority { to: crate::domain::model::Priority::High, reason: Some("VIP".into()) }),
            (3, agent(), Command::SetStatus(Status::Resolved)),
        ];
        for (hour, actor, cmd) in steps {
            let ev = apply(&mut t, &h, cmd, &Ctx::new(at(hour), actor), &mut ids).unwrap();
            h.extend(ev);
        }
        (t, h)
    }

    #[test]
    fn only_messages_reach_the_requester() {
        let (t, h) = story();
        let cfg = default_config();
        let m = public_messages(&t, &h, &cfg);
        let bodies: Vec<&str> = m.iter().map(|m| m.body.as_str()).collect();
        assert_eq!(bodies, ["It drops every 10 minutes.", "Which client version?", "4.2"]);
        assert_eq!(m[0].author, Author::Requester);
        assert_eq!(m[1].author, Author::Desk(Some(cfg.agent_name("admin"))));
        assert_eq!(m[2].author, Author::Requester);
        assert!(m.iter().all(|m| !m.body.contains("secret") && !m.body.contains("VIP")));
    }

    #[test]
    fn reply_reopens_inside_the_window_only() {
        let (t, h) = story();
        let week = Duration::hours(168);
        assert_eq!(reply_state(&t, &h, at(4), week), ReplyState::Reopens);
        assert_eq!(reply_state(&t, &h, at(3 + 168), week), ReplyState::Reopens);
        assert_eq!(reply_state(&t, &h, at(3 + 169), week), ReplyState::TooLate);
        assert!(can_rate(&t));
        let mut closed = t.clone();
        closed.status = Status::Closed;
        assert_eq!(reply_state(&closed, &h, at(4), week), ReplyState::Closed);
        let mut open = t.clone();
        open.status = Status::Open;
        assert_eq!(reply_state(&open, &h, at(400), week), ReplyState::Open);
        assert!(!can_rate(&open));
        let mut merged = t;
        merged.merged_into = Some(9);
        assert_eq!(reply_state(&merged, &h, at(4), week), ReplyState::Merged(9));
        assert!(!can_rate(&merged));
    }
}
