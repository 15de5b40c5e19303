//! What requesters do in the self-service portal (Tier 0), recorded for reports: searches,
//! articles read and rated, tickets submitted, and problems solved by an article instead of
//! a ticket (deflections).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::model::{TicketId, Time};

/// One thing a requester did in the portal. `session` groups one visit (a random id the
/// portal makes per visit), so a deflection can be told apart from a later ticket.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct PortalEvent {
    pub at: Time,
    pub session: String,
    pub kind: PortalEventKind,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PortalEventKind {
    Search { query: String },
    ArticleViewed { article: String },
    /// "Was this helpful?" answered.
    Helpful { article: String, yes: bool },
    TicketSubmitted { ticket: TicketId },
    /// The requester said the article solved the problem (and left without a ticket).
    Deflected { article: String },
}

/// (deflected, portal tickets) among `events`: a `Deflected` counts unless the same session
/// submitted a ticket at or after it (then the article did not solve the problem after all);
/// every `TicketSubmitted` counts as a portal ticket. Events may come in any order.
pub fn deflection(events: &[PortalEvent]) -> (usize, usize) {
    let mut last_ticket: HashMap<&str, Time> = HashMap::new();
    let mut tickets = 0;
    for e in events {
        if let PortalEventKind::TicketSubmitted { .. } = e.kind {
            tickets += 1;
            let at = last_ticket.entry(e.session.as_str()).or_insert(e.at);
            *at = (*at).max(e.at);
        }
    }
    let deflected = events
        .iter()
        .filter(|e| matches!(e.kind, PortalEventKind::Deflected { .. }))
        .filter(|e| last_ticket.get(e.session.as_str()).is_none_or(|t| *t < e.at))
        .count();
    (deflected, tickets)
}

/// Share of portal visits with a problem that ended without a ticket: deflected /
/// (deflected + tickets); `None` when there was neither.
pub fn deflection_rate(deflected: usize, tickets: usize) -> Option<f64> {
    let total = deflected + tickets;
    (total > 0).then(|| deflected as f64 / total as f64)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};

    use super::*;

    fn ev(session: &str, minute: i64, kind: PortalEventKind) -> PortalEvent {
        let t0 = Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).single().unwrap_or_default();
        PortalEvent { at: t0 + Duration::minutes(minute), session: session.into(), kind }
    }

    fn deflected(a: &str) -> PortalEventKind {
        PortalEventKind::Deflected { article: a.into() }
    }

    #[test]
    fn a_ticket_after_a_deflection_cancels_it() {
        let events = [
            ev("s1", 0, PortalEventKind::Search { query: "vpn".into() }),
            ev("s1", 1, PortalEventKind::ArticleViewed { article: "vpn-drops".into() }),
            ev("s1", 2, deflected("vpn-drops")),
            // s2 said "solved" but opened a ticket two minutes later.
            ev("s2", 3, deflected("printer-jam")),
            ev("s2", 5, PortalEventKind::TicketSubmitted { ticket: 7 }),
            // s3 opened a ticket first, then solved a second problem with an article.
            ev("s3", 1, PortalEventKind::TicketSubmitted { ticket: 8 }),
            ev("s3", 9, deflected("reset-password")),
            ev("s4", 2, PortalEventKind::TicketSubmitted { ticket: 9 }),
        ];
        assert_eq!(deflection(&events), (2, 3));
        let mut shuffled = events.to_vec();
        shuffled.reverse();
        assert_eq!(deflection(&shuffled), (2, 3), "order does not matter");
        assert_eq!(deflection(&[]), (0, 0));
    }

    #[test]
    fn rate_is_deflected_over_all() {
        assert_eq!(deflection_rate(2, 3), Some(0.4));
        assert_eq!(deflection_rate(0, 0), None);
    }

    #[test]
    fn events_round_trip_as_tagged_json() {
        let e = ev("s1", 0, PortalEventKind::Helpful { article: "vpn".into(), yes: true });
        let json = serde_json::to_value(&e).expect("serialises");
        assert_eq!(json["kind"]["type"], "helpful");
        assert_eq!(json["kind"]["yes"], true);
        let back: PortalEvent = serde_json::from_value(json).expect("parses");
        assert_eq!(back, e);
    }
}
