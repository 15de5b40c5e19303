//! Tickets as a spreadsheet: one row per ticket, stable column names, and cells that a
//! spreadsheet cannot mistake for formulas.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};

use crate::domain::desk::DeskConfig;
use crate::domain::model::{Event, EventKind, Status, Ticket, TicketId, Time};

use super::rfc4180::{write_record, BOM};

/// How to write the file.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte order mark, so that Excel shows accents and emoji correctly.
    #[serde(default)]
    pub bom: bool,
}

/// The export's columns, in order. Renaming one breaks people's spreadsheets: add new
/// columns at the end instead.
pub const EXPORT_HEADERS: [&str; 18] = [
    "Number",
    "Subject",
    "Status",
    "Priority",
    "Tier",
    "Tier name",
    "Group",
    "Assignee",
    "Requester",
    "Requester email",
    "Organisation",
    "Category",
    "Tags",
    "Channel",
    "Created",
    "Updated",
    "Resolved",
    "CSAT",
];

/// Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn starts_formula(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// Puts an apostrophe before a cell that would start a formula, so that `=HYPERLINK(...)` in a
/// subject shows as text. Cells that already start with apostrophes before such a character
/// get one more, so that [`unguard_formula`] gives back exactly the original.
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    if starts_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The inverse of [`guard_formula`], used when our own export is imported again.
pub fn unguard_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => cell,
    }
}

fn time(t: Time) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The tickets as CSV, one row per ticket in the order given, headed by [`EXPORT_HEADERS`].
/// The "Resolved" column stays empty: it needs the history (see [`tickets_csv_with_events`]).
pub fn tickets_csv(tickets: &[Ticket], cfg: &DeskConfig, opts: CsvOptions) -> String {
    tickets_csv_with_events(tickets, &[], cfg, opts)
}

/// [`tickets_csv`] with "Resolved" filled in from the events (any order, any tickets): the
/// last time each resolved or closed ticket was resolved.
pub fn tickets_csv_with_events(
    tickets: &[Ticket],
    events: &[Event],
    cfg: &DeskConfig,
    opts: CsvOptions,
) -> String {
    let mut resolved: BTreeMap<TicketId, Time> = BTreeMap::new();
    for e in events {
        if let EventKind::StatusChanged {
            to: Status::Resolved,
            ..
        } = e.kind
        {
            let at = resolved.entry(e.ticket).or_insert(e.at);
            *at = (*at).max(e.at);
        }
    }
    let mut out = String::new();
    if opts.bom {
        out.push(BOM);
    }
    write_record(&mut out, &EXPORT_HEADERS);
    for t in tickets {
        let group = t.group.as_ref().map(|g| {
            cfg.groups
                .iter()
                .find(|x| &x.id == g)
                .map_or(g.clone(), |x| x.name.clone())
        });
        let done = matches!(t.status, Status::Resolved | Status::Closed);
        let row: [String; 18] = [
            t.id.to_string(),
            t.subject.clone(),
            t.status.label().to_string(),
            t.priority.label().to_string(),
            t.tier.0.to_string(),
            cfg.tier_name(t.tier),
            group.unwrap_or_default(),
            t.assignee.as_deref().map(|a| cfg.agent_name(a)).unwrap_or_default(),
            t.requester.name.clone(),
            t.requester.email.clone(),
            t.requester.org.clone().unwrap_or_default(),
            t.category.clone().unwrap_or_default(),
            t.tags.join("; "),
            t.channel.as_str().to_string(),
            time(t.created_at),
            time(t.updated_at),
            resolved.get(&t.id).filter(|_| done).map(|&at| time(at)).unwrap_or_default(),
            t.csat.as_ref().map(|c| c.score.to_string()).unwrap_or_default(),
        ];
        let cells: Vec<Cow<str>> = row.iter().map(|c| guard_formula(c)).collect();
        write_record(&mut out, &cells);
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::super::rfc4180::read_table;
    use super::*;
    use crate::domain::backup::fixture;
    use crate::domain::model::Csat;

    #[test]
    fn one_row_per_ticket_with_names_resolved_time_and_guarded_cells() {
        let b = fixture::backup("e");
        let mut tickets = b.tickets.clone();
        tickets[0].subject = "=HYPERLINK(\"http://evil\",\"click\")".into();
        tickets[0].tags = vec!["printer".into(), "floor-3".into()];
        tickets[0].group = Some("network".into());
        tickets[0].csat = Some(Csat {
            score: 4,
            comment: String::new(),
            at: fixture::t0(),
        });
        tickets[1].subject = "Lunch, \"free\"\nfor all".into();
        let csv = tickets_csv_with_events(&tickets, &b.events, &b.config, CsvOptions::default());
        let t = read_table(&csv).unwrap();
        assert_eq!(t.headers, EXPORT_HEADERS);
        assert_eq!(t.rows.len(), 3);
        let r0 = &t.rows[0].fields;
        assert_eq!(r0[0], "1");
        assert_eq!(r0[1], "'=HYPERLINK(\"http://evil\",\"click\")");
        assert_eq!(r0[2], "Resolved");
        assert_eq!(r0[3], "Medium");
        assert_eq!((r0[4].as_str(), r0[5].as_str()), ("1", "Service desk"));
        assert_eq!(r0[6], "Network");
        assert_eq!(r0[7], "ALICE");
        assert_eq!((r0[8].as_str(), r0[9].as_str()), ("Dana", "dana@example.org"));
        assert_eq!(r0[12], "printer; floor-3");
        assert_eq!(r0[13], "agent");
        // Ticket 1 is created at t0 + 1h and resolved 2 hours later (see the fixture).
        assert_eq!(r0[14], "2026-03-02T10:00:00Z");
        assert_eq!(r0[16], "2026-03-02T12:00:00Z");
        assert_eq!(r0[17], "4");
        assert_eq!(t.rows[1].fields[1], "Lunch, \"free\"\nfor all");
        assert_eq!(t.rows[1].fields[16], "", "open tickets have no resolved time");
        // Without events the column is there but empty.
        let plain = tickets_csv(&tickets, &b.config, CsvOptions { bom: true });
        assert!(plain.starts_with("\u{feff}Number,Subject,Status,"));
        assert_eq!(read_table(&plain).unwrap().rows[0].fields[16], "");
        assert!(plain.ends_with("\r\n"));
    }

    #[test]
    fn a_reopened_ticket_shows_no_resolved_time_and_reresolved_shows_the_last() {
        let b = fixture::backup("e");
        let mut events = b.events.clone();
        let mut later = events
            .iter()
            .find(|e| matches!(e.kind, EventKind::StatusChanged { to: Status::Resolved, .. }))
            .unwrap()
            .clone();
        later.at += Duration::days(1);
        later.id = "later".into();
        events.insert(0, later);
        let csv = tickets_csv_with_events(&b.tickets[..1], &events, &b.config, CsvOptions::default());
        assert_eq!(read_table(&csv).unwrap().rows[0].fields[16], "2026-03-03T12:00:00Z");
    }

    #[test]
    fn formula_guard_covers_owasp_characters_and_round_trips() {
        for (cell, guarded) in [
            ("=1+1", "'=1+1"),
            ("+1", "'+1"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=1", "''=1"),
            ("plain", "plain"),
            ("'quoted", "'quoted"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(guard_formula(cell), guarded, "{cell:?}");
            assert_eq!(unguard_formula(guarded), cell, "{cell:?}");
        }
    }
}
