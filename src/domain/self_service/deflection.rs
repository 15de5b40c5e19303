//! Deflection: a requester who was writing a request, opened one of the suggested articles
//! and then left without sending the request was helped by the article (Tier 0 solved it).
//!
//! Leaving is going back to the portal's home, leaving the portal, closing the tab, or (at
//! a kiosk) ten minutes without anyone touching it. A visit records at most one deflection.

use chrono::Duration;

/// How long a kiosk may stand untouched before the visit ends.
pub fn kiosk_idle_limit() -> Duration {
    Duration::minutes(10)
}

/// The article that solved it and the subject the requester had typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deflection {
    pub article: String,
    pub subject: String,
}

/// One requester's visit to the portal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visit {
    pending: Option<Deflection>,
    recorded: bool,
}

impl Visit {
    pub fn new() -> Self {
        Self::default()
    }

    /// The requester opened a suggested article while writing `subject`.
    pub fn opened_suggestion(&mut self, article: &str, subject: &str) {
        if !self.recorded {
            self.pending = Some(Deflection { article: article.to_string(), subject: subject.trim().to_string() });
        }
    }

    /// The request was sent after all: the article did not solve it.
    pub fn submitted(&mut self) {
        self.pending = None;
    }

    /// The requester left; the deflection to record, once per visit.
    pub fn left(&mut self) -> Option<Deflection> {
        let d = self.pending.take()?;
        self.recorded = true;
        Some(d)
    }

    /// What leaving now would record (to keep it safe when the tab closes).
    pub fn pending(&self) -> Option<&Deflection> {
        self.pending.as_ref()
    }

    pub fn recorded(&self) -> bool {
        self.recorded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_a_suggestion_then_leaving_records_once() {
        let mut v = Visit::new();
        assert_eq!(v.left(), None);
        v.opened_suggestion("vpn-connect", " VPN drops ");
        v.opened_suggestion("vpn-slow", "VPN drops");
        assert_eq!(v.left(), Some(Deflection { article: "vpn-slow".into(), subject: "VPN drops".into() }));
        assert!(v.recorded());
        v.opened_suggestion("printer", "Printer");
        assert_eq!(v.left(), None, "a visit records one deflection at most");
    }

    #[test]
    fn submitting_after_reading_is_not_a_deflection() {
        let mut v = Visit::new();
        v.opened_suggestion("vpn-connect", "VPN");
        v.submitted();
        assert_eq!(v.pending(), None);
        assert_eq!(v.left(), None);
        assert!(!v.recorded());
        // A second request in the same visit can still be deflected.
        v.opened_suggestion("printer", "Printer jam");
        assert_eq!(v.left().map(|d| d.article), Some("printer".into()));
    }

    #[test]
    fn the_kiosk_limit_is_ten_minutes() {
        assert_eq!(kiosk_idle_limit().num_seconds(), 600);
    }
}
