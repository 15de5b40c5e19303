//! Ticket lookup in the portal: a reference plus something only the requester knows well
//! enough (the e-mail address or the name given when the ticket was opened). Whatever goes
//! wrong, the portal answers the same neutral sentence, so nobody learns which tickets exist.

use crate::domain::model::{Ticket, TicketId};

/// Reads "#42", "42" or " # 42 " as 42; anything else (0, letters, signs) is `None`.
pub fn parse_reference(input: &str) -> Option<TicketId> {
    let s = input.trim();
    let s = s.strip_prefix('#').unwrap_or(s).trim();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse::<TicketId>().ok().filter(|id| *id > 0)
}

/// Lower case, trimmed, inner runs of whitespace as one space.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether `who` is the ticket's requester e-mail or name, ignoring case and surrounding
/// (and repeated inner) whitespace. An empty answer never matches, even a ticket without an
/// e-mail address.
pub fn identity_matches(ticket: &Ticket, who: &str) -> bool {
    let who = normalize(who);
    if who.is_empty() {
        return false;
    }
    let email = normalize(&ticket.requester.email);
    let name = normalize(&ticket.requester.name);
    (!email.is_empty() && email == who) || (!name.is_empty() && name == who)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Requester;
    use crate::domain::ticket::{create, Ctx, NewTicket, SeqIds};

    fn ticket(name: &str, email: &str) -> Ticket {
        let now = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z").unwrap().to_utc();
        let new = NewTicket {
            subject: "Printer".into(),
            requester: Requester { name: name.into(), email: email.into(), org: None },
            ..Default::default()
        };
        create(7, new, &Ctx::new(now, crate::domain::model::Actor::Requester), &mut SeqIds::new("e")).unwrap().0
    }

    #[test]
    fn references_with_and_without_hash() {
        assert_eq!(parse_reference("#42"), Some(42));
        assert_eq!(parse_reference(" 42 "), Some(42));
        assert_eq!(parse_reference("# 42"), Some(42));
        assert_eq!(parse_reference("0"), None);
        assert_eq!(parse_reference("-3"), None);
        assert_eq!(parse_reference("+3"), None);
        assert_eq!(parse_reference("42a"), None);
        assert_eq!(parse_reference(""), None);
        assert_eq!(parse_reference("#"), None);
        assert_eq!(parse_reference("99999999999999999999999"), None);
    }

    #[test]
    fn email_or_name_case_insensitive_and_trimmed() {
        let t = ticket("Rosa  Díaz", "Rosa.Diaz@Example.org");
        assert!(identity_matches(&t, "rosa.diaz@example.org"));
        assert!(identity_matches(&t, "  ROSA.DIAZ@EXAMPLE.ORG "));
        assert!(identity_matches(&t, "rosa díaz"));
        assert!(identity_matches(&t, "RÓSA DÍAZ".replace('Ó', "O").as_str()));
        assert!(!identity_matches(&t, "rosa"));
        assert!(!identity_matches(&t, "someone@example.org"));
        assert!(!identity_matches(&t, "   "));
    }

    #[test]
    fn a_ticket_without_email_does_not_match_an_empty_answer() {
        let t = ticket("Kim Lee", "");
        assert!(!identity_matches(&t, ""));
        assert!(identity_matches(&t, "kim lee"));
    }
}
