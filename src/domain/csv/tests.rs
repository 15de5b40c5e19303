//! Imports of hand-written exports of each help desk, our own export coming back in, bad
//! input named by row and column, and property tests: the reader and the importer never
//! panic, writing then reading gives back any table, and every import validates as a backup.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::domain::backup::{self, fixture, Backup};
use crate::domain::desk::DeskConfig;
use crate::domain::kpi::{self, KpiInputs};
use crate::domain::model::*;
use crate::domain::sla::{SlaEngine, SlaState};
use crate::domain::desk::Metric;
use crate::domain::ticket::SeqIds;

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 3, 18, 14, 30, 0).unwrap()
}

fn utc(s: &str) -> Time {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn run_with(csv: &str, opts: &ImportOptions) -> (Mapping, Result<ImportResult, Vec<backup::Problem>>) {
    let table = read_table(csv).unwrap();
    let layout = detect_layout(&table.headers).expect("the layout is recognised");
    let mapping = default_mapping(layout, &table.headers);
    let mut ids = SeqIds::new("imp-");
    let res = import(&table, &mapping, &fixture::config(), now(), 1, &mut ids, opts);
    (mapping, res)
}

fn run(csv: &str) -> ImportResult {
    run_with(csv, &ImportOptions::default()).1.unwrap()
}

/// The default desk plus the agents the import made, with the imported tickets.
fn as_backup(res: &ImportResult) -> Backup {
    let mut cfg: DeskConfig = fixture::config();
    cfg.agents.extend(res.agents_created.iter().cloned());
    Backup::new(
        now(),
        cfg,
        res.tickets.clone(),
        res.events.clone(),
        vec![],
        vec![],
        res.next_ticket_id,
    )
}

fn kinds(res: &ImportResult, id: TicketId) -> Vec<&'static str> {
    res.events
        .iter()
        .filter(|e| e.ticket == id)
        .map(|e| e.kind.name())
        .collect()
}

const ZENDESK: &str = "\
Summation column,Id,Requester,Requester email,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Solved at,Satisfaction Score,Description\r
,101,Dana Scully,dana@example.org,Alice,Network,\"VPN drops, every hour\",vpn remote,solved,High,Mail,Incident,2026-02-02 09:00:00 +0100,2026-02-03 10:00:00 +0100,2026-02-03 09:30:00 +0100,Good,\"It drops.\r
Every hour, \"\"on the hour\"\".\"\r
,102,Fox Mulder,fox@example.org,Carol Smith,Billing,Printer jams,printer,open,-,Web Form,Question,2026-02-04 11:00:00 +0100,2026-02-04 12:00:00 +0100,,Unoffered,\r
,103,Walter Skinner,,,,New laptop,,hold,urgent,Voice,Task,2026-02-05 08:00:00 +0100,2026-02-06 08:00:00 +0100,,,\r
";

#[test]
fn zendesk_export_imports_with_histories_agents_and_groups() {
    let res = run(ZENDESK);
    assert!(res.problems.is_empty(), "{:?}", res.problems);
    assert_eq!(res.tickets.len(), 3);
    assert_eq!(res.next_ticket_id, 4);

    let t = &res.tickets[0];
    assert_eq!(t.id, 1);
    assert_eq!(t.subject, "VPN drops, every hour");
    assert_eq!(t.description, "It drops.\nEvery hour, \"on the hour\".");
    assert_eq!((t.status, t.priority), (Status::Resolved, Priority::High));
    assert_eq!(t.group.as_deref(), Some("network"));
    assert_eq!(t.tier, Tier(2), "the Network group works in Tier 2");
    assert_eq!(t.assignee.as_deref(), Some("alice"));
    assert_eq!(t.tags, vec!["vpn", "remote", "imported-zendesk"]);
    assert_eq!(t.channel, Channel::Email);
    assert_eq!(t.category.as_deref(), Some("Incident"));
    assert_eq!(t.fields.get("source_id").map(String::as_str), Some("101"));
    assert_eq!(t.created_at, utc("2026-02-02T08:00:00Z"));
    assert_eq!(t.updated_at, utc("2026-02-03T09:00:00Z"));
    assert_eq!(t.csat.as_ref().map(|c| c.score), Some(5));
    assert_eq!(
        kinds(&res, 1),
        vec!["created", "field_changed", "assigned", "status_changed", "rated"]
    );
    let resolved = res.events.iter().find(|e| e.ticket == 1 && e.kind.name() == "status_changed").unwrap();
    assert_eq!(resolved.at, utc("2026-02-03T08:30:00Z"));
    assert_eq!(resolved.kind, EventKind::StatusChanged { from: Status::New, to: Status::Resolved });

    let t = &res.tickets[1];
    assert_eq!((t.status, t.priority), (Status::Open, Priority::Medium));
    assert_eq!(t.group, None);
    assert_eq!(t.fields.get("source_group").map(String::as_str), Some("Billing"));
    assert_eq!(t.assignee.as_deref(), Some("carol-smith"));
    assert_eq!(t.channel, Channel::Portal);
    assert_eq!(t.csat, None);
    assert_eq!(kinds(&res, 2), vec!["created", "assigned", "status_changed"]);

    let t = &res.tickets[2];
    assert_eq!((t.status, t.priority, t.channel), (Status::OnHold, Priority::Critical, Channel::Phone));
    assert_eq!(t.requester.email, "");
    assert_eq!(t.assignee, None);

    assert_eq!(res.agents_created.len(), 1);
    assert_eq!(res.agents_created[0].name, "Carol Smith");
    assert!(res.agents_created[0].away);
    assert_eq!(res.warnings.len(), 1, "{:?}", res.warnings);
    assert_eq!(res.warnings[0].path, "column \"Group\"");
    assert!(res.warnings[0].message.contains("\"Billing\" is not one of the desk's groups; 1 ticket keeps it in fields.source_group"));
    assert!(backup::validate(&as_backup(&res)).is_empty());
}

#[test]
fn imported_tickets_work_with_the_sla_engine_and_the_kpis() {
    let res = run(ZENDESK);
    let b = as_backup(&res);
    let engine = SlaEngine::new(&b.config);
    let by_ticket = b.events_by_ticket();
    let sla = engine.evaluate(&b.tickets[0], by_ticket[&1], now());
    let resolution = sla.metrics.iter().find(|m| m.metric == Metric::Resolution).unwrap();
    assert!(
        matches!(resolution.state, SlaState::Met | SlaState::Breached),
        "a solved ticket's resolution clock has stopped: {:?}",
        resolution.state
    );
    // The urgent ticket (24/7 policy) went on hold a day after it came in: its resolution
    // clock counted that day and has not counted since.
    let waiting = engine.evaluate(&b.tickets[2], by_ticket[&3], now());
    let resolution = waiting.metrics.iter().find(|m| m.metric == Metric::Resolution).unwrap();
    assert_eq!(waiting.policy.as_deref(), Some("critical-24x7"));
    assert_eq!(resolution.elapsed_minutes, 24 * 60);
    let from = utc("2026-02-01T00:00:00Z");
    let report = kpi::compute(&b.tickets, &b.events, &b.config, from, now(), now(), KpiInputs::default());
    assert_eq!(report.overall.created, 3);
    assert_eq!(report.overall.resolved, 1);
    assert_eq!(report.overall.backlog, 2);
    assert_eq!(report.overall.csat.average, Some(5.0));
}

const FRESHDESK: &str = "\
Ticket ID,Subject,Description,Status,Priority,Source,Type,Agent,Group,Created time,Resolved time,Closed time,Last update time,Full name,Email,Company Name,Tags,Survey results
1001,Password reset,\"Locked out after 3 tries,
please help\",Closed,Urgent,Portal,Question,bob,,2026-01-10 14:00:00,2026-01-10 15:00:00,2026-01-12 15:00:00,2026-01-12 15:00:00,Jane Doe,jane@acme.test,Acme,\"password, account\",Awesome
1002,Monitor flickers,,Waiting on Customer,Low,Email,Incident,,Applications,10/01/2026 09:15,,,13/01/2026 10:00,John Roe,john@acme.test,,,
";

#[test]
fn freshdesk_export_imports_closed_and_waiting_tickets() {
    let res = run(FRESHDESK);
    assert!(res.problems.is_empty(), "{:?}", res.problems);
    let t = &res.tickets[0];
    assert_eq!((t.status, t.priority), (Status::Closed, Priority::Critical));
    assert_eq!(t.assignee.as_deref(), Some("bob"));
    assert_eq!(t.requester.org.as_deref(), Some("Acme"));
    assert_eq!(t.tags, vec!["password", "account", "imported-freshdesk"]);
    assert_eq!(t.description, "Locked out after 3 tries,\nplease help");
    assert_eq!(t.csat.as_ref().map(|c| c.score), Some(5));
    let status: Vec<(Time, Status)> = res
        .events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::StatusChanged { to, .. } if e.ticket == 1 => Some((e.at, to)),
            _ => None,
        })
        .collect();
    assert_eq!(
        status,
        vec![
            (utc("2026-01-10T15:00:00Z"), Status::Resolved),
            (utc("2026-01-12T15:00:00Z"), Status::Closed)
        ]
    );
    let t = &res.tickets[1];
    assert_eq!((t.status, t.priority), (Status::Pending, Priority::Low));
    assert_eq!((t.group.as_deref(), t.tier), (Some("applications"), Tier(2)));
    // 13/01 decides that this column is day first.
    assert_eq!(t.created_at, utc("2026-01-10T09:15:00Z"));
    assert_eq!(t.updated_at, utc("2026-01-13T10:00:00Z"));
    assert!(backup::validate(&as_backup(&res)).is_empty());
}

const OSTICKET: &str = "\
Ticket Number;Date Created;Subject;From;From Email;Priority;Department;Help Topic;Source;Current Status;Last Updated;Closed Date;Agent Assigned
482913;01/15/2026 9:05 am;Email not syncing;Ann Lee;ann@school.test;Emergency;Support;Email;Email;Resolved;01/15/2026 4:30 pm;01/15/2026 4:00 pm;
482914;01/20/2026 1:00 pm;\"Projector; room 12\";Ben Ng;ben@school.test;Normal;Support;Hardware;Phone;Open;01/21/2026 8:00 am;;Alice
";

#[test]
fn osticket_export_with_semicolons_and_us_dates() {
    let res = run(OSTICKET);
    assert!(res.problems.is_empty(), "{:?}", res.problems);
    let t = &res.tickets[0];
    assert_eq!(t.created_at, utc("2026-01-15T09:05:00Z"));
    assert_eq!((t.status, t.priority), (Status::Resolved, Priority::Critical));
    assert_eq!(t.category.as_deref(), Some("Email"));
    assert_eq!(t.fields.get("source_id").map(String::as_str), Some("482913"));
    assert_eq!(t.fields.get("source_group").map(String::as_str), Some("Support"));
    let resolved = res.events.iter().find(|e| e.ticket == 1 && e.kind.name() == "status_changed").unwrap();
    assert_eq!(resolved.at, utc("2026-01-15T16:00:00Z"), "the closed date is the resolution time");
    let t = &res.tickets[1];
    assert_eq!(t.subject, "Projector; room 12");
    assert_eq!(t.assignee.as_deref(), Some("alice"));
    assert_eq!(t.created_at, utc("2026-01-20T13:00:00Z"));
    assert_eq!(res.warnings.len(), 1, "one warning for the unknown department: {:?}", res.warnings);
    assert!(res.warnings[0].message.contains("; 2 tickets keep it in fields.source_group"));
    assert!(backup::validate(&as_backup(&res)).is_empty());
}

#[test]
fn time_zone_option_applies_to_local_times() {
    let opts = ImportOptions {
        time_zone: "America/New_York".parse().unwrap(),
        ..Default::default()
    };
    let res = run_with(OSTICKET, &opts).1.unwrap();
    assert_eq!(res.tickets[0].created_at, utc("2026-01-15T14:05:00Z"));
}

#[test]
fn our_own_export_comes_back_in() {
    let b = fixture::backup("e");
    let mut tickets = b.tickets.clone();
    tickets[0].subject = "=cmd|' /C calc'!A0".into();
    tickets[0].tags = vec!["printer".into(), "floor-3".into()];
    tickets[1].group = Some("network".into());
    tickets[1].tier = Tier(2);
    tickets[0].csat = Some(Csat { score: 2, comment: String::new(), at: b.tickets[0].updated_at });
    let csv = tickets_csv_with_events(&tickets, &b.events, &b.config, CsvOptions { bom: true });
    let table = read_table(&csv).unwrap();
    assert_eq!(detect_layout(&table.headers), Some(Layout::Tierdesk));
    let mapping = default_mapping(Layout::Tierdesk, &table.headers);
    let res = import(&table, &mapping, &b.config, now(), 10, &mut SeqIds::new("x"), &ImportOptions::default()).unwrap();
    assert!(res.problems.is_empty() && res.agents_created.is_empty(), "{res:?}");
    assert_eq!(res.tickets.len(), 3);
    for (old, new) in tickets.iter().zip(&res.tickets) {
        assert_eq!(new.subject, old.subject);
        assert_eq!((new.status, new.priority, new.tier), (old.status, old.priority, old.tier));
        assert_eq!((&new.group, &new.assignee), (&old.group, &old.assignee));
        assert_eq!(new.requester, old.requester);
        assert_eq!(new.channel, old.channel);
        assert_eq!(new.created_at, old.created_at);
        assert_eq!(new.csat.as_ref().map(|c| c.score), old.csat.as_ref().map(|c| c.score));
        assert_eq!(new.fields.get("source_id"), Some(&old.id.to_string()));
        let mut tags = old.tags.clone();
        tags.push("imported-tierdesk".into());
        assert_eq!(new.tags, tags);
    }
    assert_eq!(res.tickets[0].id, 10);
    let resolved_at = |evs: &[Event], id| {
        evs.iter()
            .filter(|e| e.ticket == id && matches!(e.kind, EventKind::StatusChanged { to: Status::Resolved, .. }))
            .map(|e| e.at)
            .next_back()
    };
    assert_eq!(resolved_at(&res.events, 10), resolved_at(&b.events, 1));
}

const BAD: &str = "\
Id,Requester,Requester email,Subject,Status,Priority,Created at,Solved at
1,Ann,ann@example.org,Fine,open,low,2026-02-01 10:00,
2,Ben,ben@example.org,Odd status,escalated,low,2026-02-01 10:00,
3,Cy,cy@example.org,Short row
4,,,No requester,open,low,2026-02-01 10:00,
5,Di,di@example.org,Bad date,solved,whenever,yesterday,2026-02-30 10:00
1,Ed,ed@example.org,Duplicate,open,low,2026-02-01 10:00,
6,Flo,flo@example.org,Future,open,low,2027-01-01 10:00,
7,Gus,not-an-email,Odd email,open,low,1999-12-31 10:00,
,,,,,,,
";

#[test]
fn every_bad_row_is_named_by_row_and_column_and_skipped() {
    let res = run(BAD);
    let shown: Vec<String> = res.problems.iter().map(|p| p.to_string()).collect();
    let expected = [
        "row 3, column \"Status\": unknown status \"escalated\"; Zendesk statuses are new, open, pending, hold, solved, closed",
        "row 4: has 4 fields; the header row has 8",
        "row 5: has no requester: \"Requester\" and \"Requester email\" are both empty",
        "row 6, column \"Priority\": unknown priority \"whenever\"; Zendesk priorities are low, normal, high, urgent",
        "row 6, column \"Created at\": \"yesterday\" is not a date and time Tierdesk can read (for example 2026-03-02 09:00)",
        "row 6, column \"Solved at\": \"2026-02-30 10:00\" is not a date and time Tierdesk can read (for example 2026-03-02 09:00)",
        "row 7, column \"Id\": ticket 1 appears twice (first at row 2)",
        "row 8, column \"Created at\": \"2027-01-01 10:00\" is later than the time of the import; check the time zone",
        "row 9, column \"Created at\": \"1999-12-31 10:00\" is out of range: dates must be between 2000 and 2200",
    ];
    assert_eq!(shown, expected);
    assert_eq!(res.tickets.len(), 1, "only row 2 is good; the blank last row is ignored");
    assert_eq!(res.skipped_rows, 7, "row 6 has three problems");
    assert_eq!(res.tickets[0].subject, "Fine");

    let (_, refused) = run_with(BAD, &ImportOptions { on_problem: OnProblem::Refuse, ..Default::default() });
    assert_eq!(refused.unwrap_err().len(), expected.len());
}

#[test]
fn adjusted_values_are_warnings_and_the_row_is_kept() {
    let csv = "\
Id,Requester,Requester email,Subject,Description,Status,Created at,Updated at,Satisfaction Score
1,,gus@example.org,,\"\nFirst line\nsecond\",open,2026-02-01 10:00,2026-01-01 10:00,Good
2,Hal,not-an-email,Hi,,solved,2026-02-01 10:00,,meh
";
    let res = run(csv);
    assert!(res.problems.is_empty(), "{:?}", res.problems);
    let t = &res.tickets[0];
    assert_eq!(t.subject, "First line");
    assert_eq!(t.requester.name, "gus@example.org");
    assert_eq!(t.updated_at, t.created_at);
    assert_eq!(t.csat, None);
    assert_eq!(res.tickets[1].requester.email, "");
    let shown: Vec<String> = res.warnings.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        shown,
        [
            "row 2, column \"Subject\": is empty; \"First line\" is used",
            "row 2, column \"Updated at\": is before the creation time; the creation time is used",
            "row 2, column \"Satisfaction Score\": a rating on an open ticket is left out",
            "row 3, column \"Requester email\": \"not-an-email\" is not an e-mail address and is left out",
            "row 3, column \"Satisfaction Score\": \"meh\" is not a rating; expected 1 to 5, good or bad; the rating is left out",
        ]
    );
}

#[test]
fn unusable_mappings_are_refused_as_a_whole() {
    let table = read_table("Id,Created at,Subject\n1,2026-02-01,Hi\n").unwrap();
    let mut mapping = default_mapping(Layout::Zendesk, &table.headers);
    mapping.set(Field::Status, Some(7));
    let err = import(&table, &mapping, &fixture::config(), now(), 1, &mut SeqIds::new("x"), &ImportOptions::default()).unwrap_err();
    let shown: Vec<String> = err.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        shown,
        [
            "mapping: Status is mapped to column 8, but the file has 3 columns",
            "mapping: no column is mapped to Requester name or Requester e-mail; a ticket needs a requester",
        ]
    );
}

#[test]
fn without_a_created_column_tickets_are_dated_now_and_unknown_agents_can_stay_unassigned() {
    let table = read_table("Subject,Requester,Assignee\nHi,Ann,Zed\nHo,Bo,Zed\n").unwrap();
    let mut mapping = Mapping::new(Layout::Zendesk);
    mapping.set(Field::Subject, Some(0));
    mapping.set(Field::RequesterName, Some(1));
    mapping.set(Field::Assignee, Some(2));
    let opts = ImportOptions { unknown_agents: UnknownAgents::Unassign, ..Default::default() };
    let res = import(&table, &mapping, &fixture::config(), now(), 1, &mut SeqIds::new("x"), &opts).unwrap();
    assert_eq!(res.tickets[0].created_at, now());
    assert_eq!(res.tickets[0].assignee, None);
    assert_eq!(res.tickets[0].fields.get("source_assignee").map(String::as_str), Some("Zed"));
    assert!(res.agents_created.is_empty());
    let shown: Vec<String> = res.warnings.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        shown,
        [
            "mapping: no column is mapped to Created: every ticket is dated at the time of the import",
            "column \"Assignee\": \"Zed\" is not one of the desk's agents; 2 tickets left unassigned (the name is in fields.source_assignee)",
        ]
    );
}

#[test]
fn preview_shows_raw_and_read_values_and_row_problems() {
    let table = read_table(BAD).unwrap();
    let mapping = default_mapping(Layout::Zendesk, &table.headers);
    let rows = preview(&table, &mapping, &ImportOptions::default(), now(), 3);
    assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), vec![2, 3, 4]);
    let status = rows[0].cells.iter().find(|c| c.field == Field::Status).unwrap();
    assert_eq!((status.column.as_str(), status.raw.as_str(), status.value.as_str()), ("Status", "open", "Open"));
    let created = rows[0].cells.iter().find(|c| c.field == Field::CreatedAt).unwrap();
    assert_eq!(created.value, "2026-02-01T10:00:00Z");
    assert!(rows[0].problems.is_empty());
    assert_eq!(rows[1].problems.len(), 1);
    assert!(rows[2].problems[0].message.contains("header row has 8"));
    assert_eq!(rows[0].cells.len(), mapping.columns.len());
}

#[test]
fn read_bytes_reports_csv_syntax_errors_with_lines() {
    let err = read_bytes(b"Id,Subject\n1,\"never closed\n2,x\n").unwrap_err();
    assert_eq!(err.to_string(), "line 2: a quoted field starts here and is never closed (a \" is missing)");
    let (t, note) = read_bytes(b"Id,Subject\n1,Caf\xe9\n").unwrap();
    assert_eq!(t.rows[0].fields[1], "Café");
    assert!(note.is_some());
}

// ---------------------------------------------------------------------------------------------
// Properties

/// Text made mostly of the characters that matter to CSV and to dates.
fn csvish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just(",".to_string()),
            Just("\"".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just(";".to_string()),
            Just("2026-02-01 10:00".to_string()),
            Just("01/15/2026 9:05 pm".to_string()),
            Just("solved".to_string()),
            Just("urgent".to_string()),
            Just("Alice".to_string()),
            Just("a@b.co".to_string()),
            Just("-".to_string()),
            Just("=".to_string()),
            "[a-z0-9 :/.+]{0,6}",
            any::<String>(),
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

fn header_for(layout: Layout) -> String {
    Field::ALL
        .iter()
        .filter_map(|&f| headers(layout, f).first())
        .copied()
        .collect::<Vec<_>>()
        .join(",")
}

/// Any cell: sometimes a value some column accepts, sometimes anything.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("-".to_string()),
        prop::sample::select(vec!["Hello, world", "x\ny", "=1+1", "'=1", "101", "Alice", "solved"])
            .prop_map(str::to_string),
        any::<String>(),
    ]
}

/// Values a column for `field` holds in real files, good and bad.
fn plausible(field: Field) -> Vec<&'static str> {
    match field {
        Field::Status => vec!["new", "open", "pending", "hold", "solved", "closed", "Resolved", "Waiting on Customer", "Archived", "On hold", "", "escalated"],
        Field::Priority => vec!["low", "normal", "high", "urgent", "Emergency", "Critical", "Medium", "2", "", "-", "whenever"],
        Field::Tier => vec!["0", "1", "Tier 3", "4", "", "9"],
        // Good values several times over: a row needs every date column right.
        Field::CreatedAt | Field::UpdatedAt | Field::ResolvedAt | Field::ClosedAt => [
            ["2026-02-01 10:00", "2026-02-02T08:00:00Z", "2 Mar 2026", "2026-02-03 10:00:00 +0100", ""]
                .repeat(4),
            vec!["01/15/2026 9:05 pm", "15/01/2026 21:05", "2026-03-29 02:30", "1999-01-01", "2027-01-01 00:00", "yesterday"],
        ]
        .concat(),
        Field::Assignee => vec!["Alice", "bob", "bob@example.org", "Zed Zulu", "zed zulu", "", "-"],
        Field::Group => vec!["Network", "applications", "Billing", ""],
        Field::RequesterName => vec!["Ann", "Ben Ng", "", "  "],
        Field::RequesterEmail => vec!["ann@example.org", "not-an-email", ""],
        Field::Csat => vec!["Good", "Bad", "Offered", "4", "9", ""],
        Field::Tags => vec!["vpn printer", "a, b; c", "", "Floor 3"],
        Field::Channel => vec!["Mail", "Web Form", "Phone", "Chat", "API", "kiosk"],
        _ => vec!["Printer jams", "VPN, again", "two\nlines", "=HYPERLINK(1)", ""],
    }
}

fn fields_of(layout: Layout) -> Vec<Field> {
    Field::ALL.into_iter().filter(|&f| !headers(layout, f).is_empty()).collect()
}

/// A layout and rows whose cells are mostly plausible for their columns.
fn layout_and_rows() -> impl Strategy<Value = (Layout, Vec<Vec<String>>)> {
    prop::sample::select(Layout::ALL.to_vec()).prop_flat_map(|layout| {
        let row: Vec<BoxedStrategy<String>> = fields_of(layout)
            .into_iter()
            .map(|f| match f {
                // Mostly distinct numbers: a repeated number is a problem of its own.
                Field::SourceId => prop_oneof![20 => "[1-9][0-9]{0,7}", 1 => cell()].boxed(),
                _ => prop_oneof![
                    20 => prop::sample::select(plausible(f)).prop_map(str::to_string),
                    1 => cell(),
                ]
                .boxed(),
            })
            .collect();
        (Just(layout), proptest::collection::vec(row, 0..8))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn plausible_rows_import_and_always_validate(
        (layout, rows) in layout_and_rows(),
        unassign in any::<bool>(),
        order in prop::sample::select(vec![None, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst)]),
    ) {
        let header: Vec<String> = header_for(layout).split(',').map(str::to_string).collect();
        let mut records = vec![header.clone()];
        records.extend(rows);
        let text = write_records(&records, false);
        let (table, _) = read_bytes(text.as_bytes()).unwrap();
        prop_assert_eq!(table.rows.len() + 1, records.len());
        let mapping = default_mapping(layout, &table.headers);
        let opts = ImportOptions {
            unknown_agents: if unassign { UnknownAgents::Unassign } else { UnknownAgents::Create },
            date_order: order,
            ..Default::default()
        };
        let mut ids = SeqIds::new("p-");
        let res = import(&table, &mapping, &fixture::config(), now(), 1, &mut ids, &opts).unwrap();
        prop_assert_eq!(res.tickets.len() as u64 + 1, res.next_ticket_id);
        prop_assert!(res.skipped_rows <= table.rows.len());
        let problems = backup::validate(&as_backup(&res));
        prop_assert!(problems.is_empty(), "{:?}\n{}", problems, text);
        for t in &res.tickets {
            prop_assert!(t.tags.contains(&layout.tag()));
            prop_assert!(res.events.iter().any(|e| e.ticket == t.id && e.seq == 0 && e.kind.name() == "created"));
        }
    }

    #[test]
    fn write_then_read_gives_back_any_table(
        records in proptest::collection::vec(
            proptest::collection::vec(any::<String>(), 1..5), 0..6),
        bom in any::<bool>(),
    ) {
        let text = write_records(&records, bom);
        let read: Vec<Vec<String>> = read_records(&text, ',').unwrap().into_iter().map(|r| r.fields).collect();
        prop_assert_eq!(&read, &records);
        // Guessing the separator gives the same: our files never look like semicolon files.
        let sniffed: Vec<Vec<String>> = read_records(&text, sniff_delimiter(&text)).unwrap().into_iter().map(|r| r.fields).collect();
        prop_assert_eq!(&sniffed, &records);
    }

    #[test]
    fn reader_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = read_bytes(&bytes);
        if let Ok((t, _)) = read_bytes(&bytes) {
            let _ = t.ragged();
            let _ = detect_layout(&t.headers);
        }
    }

    #[test]
    fn formula_guard_always_round_trips(cell in any::<String>()) {
        let guarded = guard_formula(&cell);
        prop_assert_eq!(unguard_formula(&guarded), cell.as_str());
        prop_assert!(!guarded.starts_with(['=', '+', '-', '@', '\t', '\r']));
    }

    #[test]
    fn dates_never_panic(s in "[0-9 :/.+APMapmTZ,-]{0,24}|\\PC{0,20}") {
        for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
            let _ = parse_time(&s, order, "Europe/Berlin".parse::<crate::domain::tz::Tz>().unwrap());
        }
    }

    #[test]
    fn importer_never_panics_and_what_it_imports_validates(
        layout in prop::sample::select(Layout::ALL.to_vec()),
        body in csvish(),
        refuse in any::<bool>(),
    ) {
        let text = format!("{}\n{body}", header_for(layout));
        let Ok((table, _)) = read_bytes(text.as_bytes()) else { return Ok(()) };
        let mapping = default_mapping(layout, &table.headers);
        let opts = ImportOptions {
            on_problem: if refuse { OnProblem::Refuse } else { OnProblem::SkipRow },
            ..Default::default()
        };
        let _ = preview(&table, &mapping, &opts, now(), 5);
        let mut ids = SeqIds::new("p-");
        if let Ok(res) = import(&table, &mapping, &fixture::config(), now(), 1, &mut ids, &opts) {
            let problems = backup::validate(&as_backup(&res));
            prop_assert!(problems.is_empty(), "{:?}\n{}", problems, text);
        }
    }

    #[test]
    fn importer_never_panics_on_raw_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok((table, _)) = read_bytes(&bytes) {
            for layout in Layout::ALL {
                let mut mapping = default_mapping(layout, &table.headers);
                // Map everything somewhere, in range or not.
                for (i, f) in Field::ALL.into_iter().enumerate() {
                    mapping.set(f, Some(i % (table.headers.len() + 2)));
                }
                let _ = preview(&table, &mapping, &ImportOptions::default(), now(), 3);
                let _ = import(&table, &mapping, &fixture::config(), now(), 1, &mut SeqIds::new("p-"), &ImportOptions::default());
            }
        }
    }
}
