use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::domain::defaults::default_config;
use crate::domain::model::{Actor, EscalationCause, Requester, Status};
use crate::domain::ticket::{apply, create, Command, Ctx, NewTicket, SeqIds};

/// Monday 11 May 2026, 09:00 UTC: inside the default calendars' working hours.
fn t0() -> Time {
    Utc.with_ymd_and_hms(2026, 5, 11, 9, 0, 0).single().unwrap_or_default()
}

fn mins(m: i64) -> Time {
    t0() + Duration::minutes(m)
}

struct Made {
    ticket: Ticket,
    events: Vec<Event>,
    ids: SeqIds,
}

impl Made {
    fn new(id: TicketId, at: Time, subject: &str) -> Made {
        let mut ids = SeqIds::new(&format!("t{id}-"));
        let new = NewTicket {
            subject: subject.into(),
            requester: Requester { name: "Robin".into(), ..Default::default() },
            tier: Tier(1),
            ..Default::default()
        };
        let (ticket, events) = create(id, new, &Ctx::new(at, Actor::Requester), &mut ids).unwrap_or_else(|e| panic!("{e}"));
        Made { ticket, events, ids }
    }

    fn run(&mut self, at: Time, cmd: Command) -> &mut Made {
        let ctx = Ctx::new(at, Actor::Agent("amelia".into()));
        let new = apply(&mut self.ticket, &self.events, cmd, &ctx, &mut self.ids).unwrap_or_else(|e| panic!("{e}"));
        self.events.extend(new);
        self
    }
}

fn escalate(to: u8) -> Command {
    Command::ChangeTier { to: Tier(to), cause: EscalationCause::Manual, reason: "needs the network team".into() }
}

#[test]
fn tier_spans_run_from_creation_to_the_last_close() {
    let mut m = Made::new(1, mins(0), "VPN down");
    m.run(mins(10), Command::Reply("Looking".into()))
        .run(mins(30), escalate(2))
        .run(mins(90), escalate(3))
        .run(mins(150), Command::SetStatus(Status::Resolved));
    let spans = tier_spans(&m.ticket, &m.events);
    assert_eq!(
        spans,
        vec![
            TierSpan { tier: Tier(1), from: mins(0), to: Some(mins(30)) },
            TierSpan { tier: Tier(2), from: mins(30), to: Some(mins(90)) },
            TierSpan { tier: Tier(3), from: mins(90), to: Some(mins(150)) },
        ]
    );
    let later = mins(10_000);
    assert_eq!(tier_totals(&spans, later), vec![(Tier(1), 30), (Tier(2), 60), (Tier(3), 60)]);

    // Reopened and still open: the last span runs until now.
    m.run(mins(200), Command::SetStatus(Status::Open));
    let spans = tier_spans(&m.ticket, &m.events);
    assert_eq!(spans.last(), Some(&TierSpan { tier: Tier(3), from: mins(90), to: None }));
    assert_eq!(tier_totals(&spans, mins(300)), vec![(Tier(1), 30), (Tier(2), 60), (Tier(3), 210)]);
}

#[test]
fn going_back_down_adds_to_the_tier_already_visited() {
    let mut m = Made::new(1, mins(0), "Printer");
    m.run(mins(20), escalate(2))
        .run(mins(50), Command::ChangeTier { to: Tier(1), cause: EscalationCause::Manual, reason: "back".into() });
    let spans = tier_spans(&m.ticket, &m.events);
    assert_eq!(tier_totals(&spans, mins(100)), vec![(Tier(1), 20 + 50), (Tier(2), 30)]);
}

#[test]
fn the_walk_follows_links_and_merges_once_each() {
    let mut a = Made::new(1, mins(0), "Mail down for everyone");
    a.run(mins(5), Command::Link { kind: LinkKind::ProblemOf, other: 2 })
        .run(mins(6), Command::Link { kind: LinkKind::ParentOf, other: 3 });
    let mut b = Made::new(2, mins(1), "Cannot send mail");
    b.run(mins(5), Command::Link { kind: LinkKind::IncidentOf, other: 1 });
    let mut c = Made::new(3, mins(2), "Outlook offline");
    c.run(mins(6), Command::Link { kind: LinkKind::ChildOf, other: 1 })
        .run(mins(7), Command::Link { kind: LinkKind::DuplicateOf, other: 4 });
    assert_eq!(neighbours(&a.ticket, &a.events), vec![2, 3]);

    let mut walk = Walk::new(2);
    assert_eq!(walk.next_batch(), vec![2]);
    walk.found(&b.ticket, &b.events);
    assert_eq!(walk.next_batch(), vec![1]);
    walk.found(&a.ticket, &a.events);
    assert_eq!(walk.next_batch(), vec![3], "2 is not read twice");
    walk.found(&c.ticket, &c.events);
    assert_eq!(walk.next_batch(), vec![4]);
    assert!(walk.next_batch().is_empty());
    assert!(!walk.truncated);
}

#[test]
fn the_walk_stops_at_the_group_limit() {
    let mut hub = Made::new(1, mins(0), "Outage");
    for other in 2..(MAX_GROUP as TicketId + 10) {
        hub.run(mins(1), Command::Link { kind: LinkKind::ProblemOf, other });
    }
    let mut walk = Walk::new(1);
    walk.next_batch();
    walk.found(&hub.ticket, &hub.events);
    assert_eq!(walk.next_batch().len(), MAX_GROUP - 1);
    assert!(walk.truncated);
}

#[test]
fn the_report_puts_the_root_first_and_merges_the_timelines() {
    let cfg = default_config();
    let mut a = Made::new(7, mins(0), "Mail down for everyone");
    a.run(mins(5), Command::Link { kind: LinkKind::ProblemOf, other: 3 })
        .run(mins(8), Command::Note("Exchange queue stuck".into()))
        .run(mins(9), Command::SetRootCause("Certificate expired".into()))
        .run(mins(10), Command::LinkArticle("mail-cert".into()));
    let mut b = Made::new(3, mins(1), "Cannot send mail");
    b.run(mins(5), Command::Link { kind: LinkKind::IncidentOf, other: 7 })
        .run(mins(20), Command::Reply("Fixed, please try again".into()))
        .run(mins(21), Command::SetStatus(Status::Resolved));
    let now = mins(60);
    let r = build(3, vec![(a.ticket.clone(), a.events.clone()), (b.ticket.clone(), b.events.clone())], vec![9, 9], false, &cfg, now);
    let ids: Vec<TicketId> = r.tickets.iter().map(|t| t.ticket.id).collect();
    assert_eq!(ids, vec![3, 7], "the root first");
    assert_eq!(r.missing, vec![9]);
    assert!(r.tickets[1].is_problem() && !r.tickets[0].is_problem());
    assert_eq!(r.tickets[0].closed_at, Some(mins(21)));
    assert_eq!(r.tickets[1].closed_at, None);
    assert_eq!(r.articles(), vec!["mail-cert".to_string()]);

    // Oldest first across both tickets; ties keep the root first.
    let order: Vec<(i64, TicketId)> = r.timeline.iter().filter(|x| !x.row.derived).map(|x| ((x.row.at - t0()).num_minutes(), x.ticket)).collect();
    assert_eq!(order.first(), Some(&(0, 7)));
    assert_eq!(order.get(1), Some(&(1, 3)));
    let at5: Vec<TicketId> = order.iter().filter(|(m, _)| *m == 5).map(|(_, t)| *t).collect();
    assert_eq!(at5, vec![3, 7]);
    let note = r.timeline.iter().find(|x| x.row.kind == "internal_note");
    assert_eq!(note.map(|x| (x.ticket, x.row.entry.public, x.row.entry.who.as_str())), Some((7, false, "amelia")));

    // The resolved ticket's first response and resolution clocks stopped.
    let fr = r.tickets[0].sla.iter().find(|s| s.metric == Metric::FirstResponse);
    assert_eq!(fr.map(|s| (s.state, s.done_at)), Some((SlaState::Met, Some(mins(20)))));
    assert!(r.tickets[0].sla.iter().all(|s| s.state != SlaState::None));
}

fn english() -> crate::domain::reports::incident_md::Words {
    crate::domain::reports::incident_md::Words {
        title: "Incident report",
        generated: "Generated",
        tickets: "Tickets",
        ticket: "Ticket",
        subject: "Subject",
        status: "Status",
        priority: "Priority",
        tier: "Tier",
        requester: "Requester",
        created: "Created",
        closed: "Resolved",
        open: "open",
        root_cause: "Root cause",
        none: "None",
        problems: "Linked problems",
        articles: "Articles",
        links: "Links",
        tiers_passed: "Tiers passed",
        from: "From",
        to: "To",
        time: "Time",
        until_now: "until now",
        total: "Time per tier",
        sla: "SLA",
        no_sla: "No SLA target applies.",
        metric: "Metric",
        target: "Target",
        due: "Due",
        actual: "Actual",
        outcome: "Outcome",
        timeline: "Timeline",
        internal: "internal",
        missing: "Not in this desk",
        truncated: "More tickets are linked.".into(),
        status_label: Status::label,
        priority_label: crate::domain::model::Priority::label,
        metric_label: Metric::label,
        state_label: SlaState::label,
        link_label: LinkKind::label,
        tier_label: |t| t.to_string(),
        datetime: |t| t.format("%Y-%m-%d %H:%M").to_string(),
        duration: crate::domain::humanize::minutes,
    }
}

#[test]
fn the_markdown_file_has_every_part_and_no_markup_from_the_data() {
    let cfg = default_config();
    let mut a = Made::new(4, mins(0), "Mail <script>alert(1)</script> down");
    a.run(mins(5), Command::Link { kind: LinkKind::ProblemOf, other: 5 })
        .run(mins(8), Command::Note("Queue stuck\n# not a heading\n<b>bold</b>".into()))
        .run(mins(9), Command::SetRootCause("Certificate *expired*".into()))
        .run(mins(10), Command::LinkArticle("mail-cert".into()))
        .run(mins(30), escalate(2));
    let b = Made::new(5, mins(1), "Cannot send mail");
    let r = build(4, vec![(a.ticket, a.events), (b.ticket, b.events)], vec![], true, &cfg, mins(60));
    let titles = std::collections::BTreeMap::from([("mail-cert".to_string(), "Renew the mail certificate".to_string())]);
    let md = crate::domain::reports::incident_md::to_markdown(&r, &titles, &english());
    assert!(md.starts_with("# Incident report: \\#4 Mail \\<script\\>alert(1)\\</script\\> down\n"), "{md}");
    assert!(!md.contains("<script>"));
    assert!(md.contains("| \\#5 | Cannot send mail | New | Medium | Tier 1 | 2026-05-11 09:01 | open |"), "{md}");
    assert!(md.contains("- \\#4: Certificate \\*expired\\*"));
    assert!(md.contains("- \\#4 Mail"), "the problem is listed");
    assert!(md.contains("- Renew the mail certificate (mail\\_cert)") || md.contains("- Renew the mail certificate (mail-cert)"), "{md}");
    assert!(md.contains("| Tier 1 | 2026-05-11 09:00 | 2026-05-11 09:30 | 30 min |"), "{md}");
    assert!(md.contains("| Tier 2 | 2026-05-11 09:30 | until now | 30 min |"), "{md}");
    assert!(md.contains("Time per tier: Tier 1 30 min, Tier 2 30 min"));
    assert!(md.contains("More tickets are linked."));
    assert!(md.contains("amelia** added an internal note (internal)"), "{md}");
    assert!(md.contains("  > \\# not a heading\n  > \\<b\\>bold\\</b\\>\n"), "{md}");
    assert!(md.contains("| First response |"), "{md}");
}
