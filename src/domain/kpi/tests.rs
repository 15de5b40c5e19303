//! Hand-built histories with the expected numbers worked out by hand in each test.
//!
//! The desk: SLA policy on an 8/5 UTC office calendar (Mon-Fri 09:00-17:00), Medium targets
//! first response 60, next response 120, resolution 960 business minutes. Tier 1 costs 30 an
//! hour, tier 2 costs 60, every resolved ticket 2. 2026-03-09 is a Monday; the period is that
//! week, `[Mon 9 00:00, Mon 16 00:00)`, looked at from Fri 20.

use super::*;
use crate::domain::desk::*;
use crate::domain::model::*;
use crate::domain::ticket::{self, Command, Ctx, NewTicket, SeqIds};
use chrono::NaiveDateTime;

fn utc(s: &str) -> Time {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
}

/// Monday 9 March 2026 at `hm`.
fn mon(hm: &str) -> String {
    format!("2026-03-09 {hm}")
}

fn cfg() -> DeskConfig {
    let tier = |n: u8, cost: f64| TierConfig {
        tier: Tier(n),
        name: format!("T{n}"),
        description: String::new(),
        calendar: "always".into(),
        limit_minutes: None,
        assignment: AssignmentMethod::Manual,
        cost_per_hour: cost,
    };
    DeskConfig {
        general: General {
            desk_name: "Test".into(),
            mode: WorkMode::Tiered,
            reopen_window_hours: 168,
            warning_percent: 75,
            escalate_on_breach: false,
            default_calendar: "always".into(),
            cost_per_ticket: 2.0,
        },
        agents: vec![],
        groups: vec![],
        tiers: vec![
            tier(0, 0.0),
            tier(1, 30.0),
            tier(2, 60.0),
            tier(3, 0.0),
            tier(4, 0.0),
        ],
        calendars: vec![
            Calendar::preset_8_5("office", "UTC"),
            Calendar::preset_24_7("always", "UTC"),
        ],
        policies: vec![SlaPolicy {
            id: "std".into(),
            name: "Standard".into(),
            conditions: PolicyConditions::default(),
            targets: vec![SlaTarget {
                priority: Priority::Medium,
                first_response: Some(60),
                next_response: Some(120),
                resolution: Some(960),
            }],
            business_hours: true,
            calendar: "office".into(),
        }],
        rules: vec![],
        matrix: PriorityMatrix { cells: vec![] },
        canned: vec![],
        catalog: vec![],
    }
}

fn agent(id: &str) -> Actor {
    Actor::Agent(id.into())
}

/// One ticket built through the real commands.
struct T {
    t: Ticket,
    ev: Vec<Event>,
    ids: SeqIds,
}

impl T {
    fn new(id: TicketId, at: &str, tier: u8, channel: Channel) -> T {
        let mut ids = SeqIds::new(&format!("t{id}-"));
        let new = NewTicket {
            subject: format!("Ticket {id}"),
            requester: Requester {
                name: "Dana".into(),
                ..Default::default()
            },
            tier: Tier(tier),
            channel,
            ..Default::default()
        };
        let (t, ev) =
            ticket::create(id, new, &Ctx::new(utc(at), Actor::Requester), &mut ids).unwrap();
        T { t, ev, ids }
    }

    fn open(id: TicketId, at: &str) -> T {
        T::new(id, at, 1, Channel::Email)
    }

    fn run(&mut self, at: &str, who: Actor, cmd: Command) -> &mut Self {
        let ctx = Ctx::new(utc(at), who);
        let new = ticket::apply(&mut self.t, &self.ev, cmd, &ctx, &mut self.ids).unwrap();
        self.ev.extend(new);
        self
    }

    fn reply(&mut self, at: &str, who: &str) -> &mut Self {
        self.run(at, agent(who), Command::Reply("Hello".into()))
    }

    fn note(&mut self, at: &str, who: &str) -> &mut Self {
        self.run(at, agent(who), Command::Note("Looking".into()))
    }

    fn resolve(&mut self, at: &str, who: &str) -> &mut Self {
        self.run(at, agent(who), Command::SetStatus(Status::Resolved))
    }

    fn requester(&mut self, at: &str) -> &mut Self {
        self.run(
            at,
            Actor::Requester,
            Command::RequesterReply("Still broken".into()),
        )
    }

    fn tier(&mut self, at: &str, who: Actor, to: u8, cause: EscalationCause) -> &mut Self {
        self.run(
            at,
            who,
            Command::ChangeTier {
                to: Tier(to),
                cause,
                reason: "needs more skill".into(),
            },
        )
    }

    fn assign(&mut self, at: &str, who: Actor, to: &str) -> &mut Self {
        self.run(
            at,
            who,
            Command::Assign {
                to: Some(to.into()),
                reason: None,
            },
        )
    }

    fn log(&mut self, at: &str, who: &str, minutes: u32) -> &mut Self {
        self.run(at, agent(who), Command::LogTime(minutes))
    }

    fn rate(&mut self, at: &str, score: u8) -> &mut Self {
        self.run(
            at,
            Actor::Requester,
            Command::Rate {
                score,
                comment: String::new(),
            },
        )
    }
}

fn report_at(ts: &[&T], from: &str, to: &str, now: &str, inputs: KpiInputs) -> KpiReport {
    let tickets: Vec<Ticket> = ts.iter().map(|t| t.t.clone()).collect();
    let events: Vec<Event> = ts.iter().flat_map(|t| t.ev.clone()).collect();
    compute(
        &tickets,
        &events,
        &cfg(),
        utc(from),
        utc(to),
        utc(now),
        inputs,
    )
}

/// The week of Monday 9 March, looked at from Friday 20.
fn week(ts: &[&T]) -> KpiReport {
    report_at(
        ts,
        "2026-03-09 00:00",
        "2026-03-16 00:00",
        "2026-03-20 00:00",
        KpiInputs::default(),
    )
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[track_caller]
fn stat(s: &Stat, n: u64, mean: f64, median: f64) {
    assert_eq!(s.n, n, "{s:?}");
    assert!(close(s.mean, mean), "mean {:?} != {mean}", s.mean);
    assert!(close(s.median, median), "median {:?} != {median}", s.median);
}

/// A: created 09:00, note 09:10, reply 09:30, resolved 10:00, reopened by the requester Tue
///    09:00, resolved again Tue 11:00.
/// B: created 10:00, assigned by the system at 10:00 (not an acknowledgement), reply 11:30,
///    resolved 12:00.
/// C: created 12:00, nobody touched it: still open.
/// D: created 13:00, reply 13:10, resolved 14:00.
fn four() -> Vec<T> {
    let mut a = T::open(1, &mon("09:00"));
    a.note(&mon("09:10"), "al")
        .reply(&mon("09:30"), "al")
        .resolve(&mon("10:00"), "al")
        .requester("2026-03-10 09:00")
        .resolve("2026-03-10 11:00", "al");
    let mut b = T::open(2, &mon("10:00"));
    b.assign(&mon("10:00"), Actor::System, "al")
        .reply(&mon("11:30"), "al")
        .resolve(&mon("12:00"), "al");
    let c = T::open(3, &mon("12:00"));
    let mut d = T::open(4, &mon("13:00"));
    d.reply(&mon("13:10"), "bo").resolve(&mon("14:00"), "bo");
    vec![a, b, c, d]
}

#[test]
fn durations_volume_and_backlog() {
    let ts = four();
    let r = week(&ts.iter().collect::<Vec<_>>());
    let k = &r.overall;
    assert_eq!(
        (k.created, k.resolved),
        (4, 3),
        "A resolved twice counts once"
    );
    // Acknowledged after 10 (A's note), 90 (B's reply; the system assignment does not count)
    // and 10 (D) minutes: mean 110/3, median 10.
    stat(&k.time_to_acknowledge, 3, 110.0 / 3.0, 10.0);
    // First replies after 30, 90 and 10 minutes: mean 130/3, median 30.
    stat(&k.first_response, 3, 130.0 / 3.0, 30.0);
    // All inside office hours: the SLA clock agrees.
    stat(&k.first_response_business, 3, 130.0 / 3.0, 30.0);
    // First resolution after 60 (A), 120 (B), 60 (D): mean 80, median 60.
    stat(&k.time_to_resolve, 3, 80.0, 60.0);
    // Final resolution: A Mon 09:00 -> Tue 11:00 = 1560, B 120, D 60: mean 580, median 120.
    stat(&k.resolution_time, 3, 580.0, 120.0);
    // SLA clock: A 60 + 120 after the reopen = 180 (the night resolved does not count),
    // B 120, D 60: mean 120, median 120.
    stat(&k.resolution_business, 3, 120.0, 120.0);
    // C is open at the end, created 6 days 12 hours before.
    assert_eq!(k.backlog, 1);
    assert_eq!(
        k.backlog_age,
        BacklogAge {
            d3_to_7: 1,
            ..Default::default()
        }
    );
    // Reopen counted once, over 3 resolved tickets.
    assert_eq!((k.reopen.count, k.reopen.of), (1, 3));
    assert!(close(k.reopen.rate, 1.0 / 3.0));
    // Daily: Monday 4 created, 3 resolved (A, B, D), backlog at midnight C only; Tuesday A
    // resolved again; then nothing but C.
    assert_eq!(r.daily.len(), 7);
    let day = |i: usize| {
        let d = &r.daily[i];
        (d.created, d.resolved, d.backlog)
    };
    assert_eq!(day(0), (4, 3, 1));
    assert_eq!(day(1), (0, 1, 1));
    assert_eq!(day(6), (0, 0, 1));
    assert_eq!(
        r.daily[0].date,
        NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()
    );
}

#[test]
fn a_ticket_open_overnight_shows_in_that_days_backlog() {
    // E is opened Tuesday 12:00 and resolved Wednesday 08:00: Tuesday ends with C and E open.
    // A's reopen (Tuesday 09:00-11:00) falls between two midnights and shows nowhere.
    let ts = four();
    let mut e = T::open(5, "2026-03-10 12:00");
    e.resolve("2026-03-11 08:00", "al");
    let mut all: Vec<&T> = ts.iter().collect();
    all.push(&e);
    let r = week(&all);
    let backlog: Vec<u64> = r.daily.iter().map(|d| d.backlog).collect();
    assert_eq!(backlog, vec![1, 2, 1, 1, 1, 1, 1]);
}

#[test]
fn business_minutes_differ_from_calendar_minutes() {
    // Created Monday 16:30, answered Tuesday 09:30: 17 hours = 1020 calendar minutes, but
    // the office was open 16:30-17:00 and 09:00-09:30: 60 business minutes.
    let mut a = T::open(1, &mon("16:30"));
    a.reply("2026-03-10 09:30", "al");
    let r = week(&[&a]);
    stat(&r.overall.first_response, 1, 1020.0, 1020.0);
    stat(&r.overall.first_response_business, 1, 60.0, 60.0);
}

#[test]
fn fcr_and_escalation_rates() {
    // P: tier 1, one reply, resolved: first-contact.
    let mut p = T::open(1, &mon("09:00"));
    p.reply(&mon("09:10"), "al").resolve(&mon("09:20"), "al");
    // Q: tier 1 -> 2 by hand -> 3 by the tier limit, one reply, resolved: not first-contact.
    let mut q = T::open(2, &mon("09:00"));
    q.tier(&mon("09:30"), agent("al"), 2, EscalationCause::Manual)
        .tier(&mon("11:00"), Actor::System, 3, EscalationCause::TierLimit)
        .reply(&mon("11:30"), "cy")
        .resolve(&mon("12:00"), "cy");
    // R: created in tier 2, two replies: not first-contact.
    let mut r2 = T::new(3, &mon("09:00"), 2, Channel::Email);
    r2.reply(&mon("09:10"), "bo")
        .reply(&mon("09:20"), "bo")
        .resolve(&mon("09:30"), "bo");
    // S: created in tier 2, sorted into tier 3 by a routing rule, one reply: first-contact.
    let mut s = T::new(4, &mon("09:00"), 2, Channel::Email);
    s.tier(&mon("09:00"), Actor::System, 3, EscalationCause::Routing)
        .reply(&mon("09:10"), "cy")
        .resolve(&mon("09:20"), "cy");
    let r = week(&[&p, &q, &r2, &s]);
    let k = &r.overall;
    // P and S of 4.
    assert_eq!(
        (
            k.first_contact_resolution.count,
            k.first_contact_resolution.of
        ),
        (2, 4)
    );
    assert!(close(k.first_contact_resolution.rate, 0.5));
    let step = |from: u8| {
        let s = &k.escalation_steps[usize::from(from)];
        assert_eq!((s.from, s.to), (Tier(from), Tier(from + 1)));
        (s.escalated, s.entered, s.rate)
    };
    // Tier 1: P and Q entered, Q escalated: 1/2.
    assert_eq!(step(1), (1, 2, Some(0.5)));
    // Tier 2: Q, R, S entered; only Q moved up (S's move was routing): 1/3.
    let (e, n, rate) = step(2);
    assert_eq!((e, n), (1, 3));
    assert!(close(rate, 1.0 / 3.0));
    // Tier 3: Q and S entered, nobody moved up: 0 of 2, a real zero.
    assert_eq!(step(3), (0, 2, Some(0.0)));
    // Nobody entered tier 0: no rate at all.
    assert_eq!(step(0), (0, 0, None));
    // Overall: Q of the 4 tickets.
    assert_eq!((k.escalation.count, k.escalation.of), (1, 4));
    let funnel: Vec<u64> = k.funnel.iter().map(|f| f.reached).collect();
    assert_eq!(funnel, vec![0, 2, 3, 2, 0]);
    // By tier at resolution: Q and S ended in tier 3, R in 2, P in 1.
    assert_eq!(r.by_tier[&Tier(3)].resolved, 2);
    assert_eq!(r.by_tier[&Tier(2)].resolved, 1);
    assert_eq!(r.by_tier[&Tier(1)].resolved, 1);
}

#[test]
fn sla_compliance_met_breached_and_running_breach() {
    // X: reply after 30 minutes (met), resolved 10:00 (met).
    let mut x = T::open(1, &mon("09:00"));
    x.reply(&mon("09:30"), "al").resolve(&mon("10:00"), "al");
    // Y: reply after 90 minutes (breached at 10:00), resolved 11:00 (met).
    let mut y = T::open(2, &mon("09:00"));
    y.reply(&mon("10:30"), "al").resolve(&mon("11:00"), "al");
    let r = week(&[&x, &y]);
    let fr = &r.overall.sla[0];
    assert_eq!(fr.metric, Metric::FirstResponse);
    assert_eq!((fr.met, fr.breached), (1, 1));
    assert!(close(fr.rate, 0.5));
    let res = &r.overall.sla[2];
    assert_eq!(
        (res.metric, res.met, res.breached, res.rate),
        (Metric::Resolution, 2, 0, Some(1.0))
    );
    // No next response cycle, no tier limit: nothing counted, no rate.
    assert_eq!(
        (
            r.overall.sla[1].met + r.overall.sla[1].breached,
            r.overall.sla[1].rate
        ),
        (0, None)
    );
    assert_eq!(r.overall.sla_breaches, 1);
    // Monday: 3 met (X's reply and resolution, Y's resolution), 1 breached (Y's reply).
    assert_eq!((r.daily[0].sla_met, r.daily[0].sla_breached), (3, 1));

    // Z: created Friday 09:00, never answered: first response breached Friday 10:00 and still
    // running at the end of the period. Its resolution (due Monday 16 at 17:00) is not late yet.
    let z = T::open(3, "2026-03-13 09:00");
    let r = week(&[&x, &y, &z]);
    let fr = &r.overall.sla[0];
    assert_eq!((fr.met, fr.breached), (1, 2));
    assert!(close(fr.rate, 1.0 / 3.0));
    assert_eq!(r.overall.sla[2].breached, 0);
    assert_eq!(r.overall.sla_breaches, 2);
    assert_eq!(
        r.daily[4].date,
        NaiveDate::from_ymd_opt(2026, 3, 13).unwrap()
    );
    assert_eq!(r.daily[4].sla_breached, 1);
}

#[test]
fn csat_average_and_response_rate() {
    // Three resolved tickets, rated 4 and 5; the third is not rated: 4.5 from 2 of 3.
    let mut a = T::open(1, &mon("09:00"));
    a.reply(&mon("09:10"), "al")
        .resolve(&mon("09:20"), "al")
        .rate(&mon("10:00"), 4);
    let mut b = T::open(2, &mon("09:00"));
    b.resolve(&mon("09:30"), "al").rate(&mon("10:00"), 5);
    let mut c = T::open(3, &mon("09:00"));
    c.resolve(&mon("09:40"), "al");
    let r = week(&[&a, &b, &c]);
    let cs = &r.overall.csat;
    assert_eq!(cs.ratings, 2);
    assert!(close(cs.average, 4.5));
    assert_eq!((cs.response.count, cs.response.of), (2, 3));
    assert!(close(cs.response.rate, 2.0 / 3.0));
}

#[test]
fn time_spent_and_cost_per_ticket() {
    // K: al logs 30 in tier 1, moves it to tier 2, bo logs 60 there; resolved.
    let mut k = T::open(1, &mon("09:00"));
    k.log(&mon("09:30"), "al", 30)
        .tier(&mon("09:40"), agent("al"), 2, EscalationCause::Manual)
        .log(&mon("11:00"), "bo", 60)
        .resolve(&mon("11:10"), "bo");
    // L: al logs 20 in tier 1; resolved.
    let mut l = T::open(2, &mon("09:00"));
    l.log(&mon("09:20"), "al", 20).resolve(&mon("09:30"), "al");
    // M: bo logs 10 in tier 1; still open.
    let mut m = T::open(3, &mon("09:00"));
    m.log(&mon("09:50"), "bo", 10);
    let r = week(&[&k, &l, &m]);
    let o = &r.overall;
    // 30 + 60 + 20 + 10.
    assert_eq!(o.time_spent_minutes, 120);
    assert_eq!(o.time_by_agent["al"], 50);
    assert_eq!(o.time_by_agent["bo"], 70);
    assert_eq!(o.time_by_tier[&Tier(1)], 60);
    assert_eq!(o.time_by_tier[&Tier(2)], 60);
    // Tier 1: 60 min at 30/h = 30; tier 2: 60 min at 60/h = 60; 2 resolved x 2 = 4.
    // Total 94 over 2 resolved tickets: 47 each.
    assert!(close(o.cost_total, 94.0));
    assert!(close(o.cost_per_ticket, 47.0));
    // M alone (tier 1, open): 10 minutes = 5, but nothing resolved: no cost per ticket.
    let r = week(&[&m]);
    assert!(close(r.overall.cost_total, 5.0));
    assert_eq!(r.overall.cost_per_ticket, None);
}

#[test]
fn deflection_counts_portal_and_kiosk_tickets_only_overall() {
    let a = T::new(1, &mon("09:00"), 1, Channel::Portal);
    let b = T::new(2, &mon("09:00"), 1, Channel::Kiosk);
    let c = T::new(3, &mon("09:00"), 1, Channel::Email);
    let inputs = KpiInputs {
        deflections: 6,
        portal_searches_or_views: 40,
    };
    let r = report_at(
        &[&a, &b, &c],
        "2026-03-09 00:00",
        "2026-03-16 00:00",
        "2026-03-20 00:00",
        inputs,
    );
    // 6 / (6 + 2) = 0.75.
    let d = r.overall.deflection.clone().unwrap();
    assert_eq!((d.count, d.of), (6, 8));
    assert!(close(d.rate, 0.75));
    assert_eq!(r.overall.portal_created, 2);
    assert_eq!(r.inputs, inputs);
    assert!(r.by_tier.values().all(|k| k.deflection.is_none()));
    // No counts supplied: no rate, rather than 0 %.
    let r = week(&[&a, &b, &c]);
    assert_eq!(r.overall.deflection, None);
}

#[test]
fn empty_period_has_n_zero_and_no_nan() {
    let ts = four();
    let refs: Vec<&T> = ts.iter().collect();
    // A week before anything happened.
    let r = report_at(
        &refs,
        "2026-03-01 00:00",
        "2026-03-08 00:00",
        "2026-03-20 00:00",
        KpiInputs::default(),
    );
    let k = &r.overall;
    assert_eq!((k.tickets, k.created, k.resolved, k.backlog), (0, 0, 0, 0));
    for s in [
        &k.time_to_acknowledge,
        &k.first_response,
        &k.first_response_business,
        &k.time_to_resolve,
        &k.resolution_time,
        &k.resolution_business,
    ] {
        assert_eq!(
            *s,
            Stat {
                n: 0,
                mean: None,
                median: None
            }
        );
    }
    for rate in [
        &k.first_contact_resolution,
        &k.reopen,
        &k.escalation,
        &k.csat.response,
    ] {
        assert_eq!(rate.rate, None);
    }
    assert_eq!(k.deflection, None);
    assert!(k.sla.iter().all(|s| s.rate.is_none()));
    assert_eq!((k.csat.average, k.cost_per_ticket), (None, None));
    assert_eq!(k.cost_total, Some(0.0));
    assert!(r.by_agent.is_empty());
    assert_eq!(r.daily.len(), 7);
    let json = report_json(&r).to_string();
    assert!(!json.contains("NaN"), "{json}");
    assert_eq!(
        report_json(&r)["overall"]["first_response"]["mean"],
        serde_json::Value::Null
    );

    // A reversed period: zeros, no days, no panic.
    let r = report_at(
        &refs,
        "2026-03-16 00:00",
        "2026-03-09 00:00",
        "2026-03-20 00:00",
        KpiInputs::default(),
    );
    assert_eq!((r.overall.created, r.overall.resolved), (0, 0));
    assert!(r.daily.is_empty());
}

#[test]
fn later_events_do_not_change_a_past_period() {
    // D resolved Monday by bo; after the period it is reassigned to cy, recategorised and
    // reopened. The week's report still sees it resolved, by bo, in "Printers".
    let mut d = T::open(1, &mon("09:00"));
    d.run(
        &mon("09:00"),
        agent("bo"),
        Command::SetCategory(Some("Printers".into())),
    )
    .assign(&mon("09:05"), agent("bo"), "bo")
    .reply(&mon("09:10"), "bo")
    .resolve(&mon("10:00"), "bo");
    let before = week(&[&d]);
    d.requester("2026-03-16 09:00")
        .assign("2026-03-16 09:30", agent("cy"), "cy")
        .run(
            "2026-03-16 09:40",
            agent("cy"),
            Command::SetCategory(Some("Network".into())),
        );
    let after = week(&[&d]);
    assert_eq!(before, after);
    assert_eq!(after.by_agent["bo"].resolved, 1);
    assert!(!after.by_agent.contains_key("cy"));
    assert_eq!(after.by_category["Printers"].resolved, 1);
    assert_eq!(after.overall.reopen.count, 0);
    stat(&after.overall.resolution_time, 1, 60.0, 60.0);
    // The next week sees the reopen and the new fields, and the ticket open.
    let next = report_at(
        &[&d],
        "2026-03-16 00:00",
        "2026-03-23 00:00",
        "2026-03-20 00:00",
        KpiInputs::default(),
    );
    assert_eq!(next.overall.backlog, 1);
    assert!(next.by_agent.contains_key("cy"));
    assert!(next.by_category.contains_key("Network"));
    // The period runs past now: days up to Friday 20 only (16, 17, 18, 19).
    assert_eq!(next.daily.len(), 4);
    assert_eq!(next.period.as_of, utc("2026-03-20 00:00"));
}

#[test]
fn merged_tickets_leave_the_backlog_and_unassigned_go_under_none() {
    let a = T::open(1, &mon("09:00"));
    let mut b = T::open(2, &mon("09:00"));
    b.ev.push(Event {
        id: "t2-merge".into(),
        ticket: 2,
        seq: 1,
        at: utc(&mon("09:30")),
        actor: agent("al"),
        kind: EventKind::Merged { into: 1 },
    });
    b.t.merged_into = Some(1);
    b.t.updated_at = utc(&mon("09:30"));
    let r = week(&[&a, &b]);
    assert_eq!((r.overall.created, r.overall.backlog), (2, 1));
    assert_eq!(r.by_agent[NONE_KEY].tickets, 2);
    assert_eq!(r.by_group[NONE_KEY].backlog, 1);
    assert_eq!(r.by_priority[&Priority::Medium].created, 2);
}

#[test]
fn chunked_accumulator_equals_compute() {
    let now = utc("2026-03-20 12:00");
    let b = crate::domain::demo::generate(7, 400, now);
    let (from, to) = (utc("2026-02-01 00:00"), utc("2026-03-20 00:00"));
    let inputs = KpiInputs {
        deflections: 12,
        portal_searches_or_views: 99,
    };
    let whole = compute(&b.tickets, &b.events, &b.config, from, to, now, inputs);
    assert!(whole.overall.resolved > 20, "{:?}", whole.overall.resolved);
    assert!(whole.overall.first_response.n > 20);

    // Chunks of 37 tickets, last chunk first, each ticket with its own events.
    let by_ticket = b.events_by_ticket();
    let mut acc = KpiAccumulator::new(&b.config, from, to, now).with_inputs(inputs);
    for chunk in b.tickets.chunks(37).rev() {
        for t in chunk {
            acc.add(t, by_ticket.get(&t.id).copied().unwrap_or(&[]));
        }
    }
    // A ticket given twice is counted once.
    if let Some(t) = b.tickets.first() {
        acc.add(t, by_ticket.get(&t.id).copied().unwrap_or(&[]));
    }
    let chunked = acc.finish();
    assert_eq!(chunked.duplicates_skipped, 1);
    assert_eq!(
        KpiReport {
            duplicates_skipped: 0,
            ..chunked
        },
        whole
    );

    // Events in scrambled order give the same report too.
    let mut scrambled = b.events.clone();
    scrambled.reverse();
    let again = compute(&b.tickets, &scrambled, &b.config, from, to, now, inputs);
    assert_eq!(again, whole);
}

#[test]
fn daily_totals_match_overall_counts() {
    let now = utc("2026-03-20 12:00");
    let b = crate::domain::demo::generate(3, 300, now);
    let (from, to) = (utc("2026-03-01 00:00"), utc("2026-03-15 00:00"));
    let r = compute(
        &b.tickets,
        &b.events,
        &b.config,
        from,
        to,
        now,
        KpiInputs::default(),
    );
    let created: u64 = r.daily.iter().map(|d| d.created).sum();
    assert_eq!(created, r.overall.created);
    assert_eq!(r.daily.last().map(|d| d.backlog), Some(r.overall.backlog));
    let resolved: u64 = r.daily.iter().map(|d| d.resolved).sum();
    assert!(resolved >= r.overall.resolved);
    let met: u64 = r.daily.iter().map(|d| d.sla_met).sum();
    assert_eq!(met, r.overall.sla.iter().map(|s| s.met).sum::<u64>());
    // Every breakdown adds up to the whole.
    let sum = |m: &dyn Fn(&Kpis) -> u64, parts: Vec<&Kpis>| parts.into_iter().map(m).sum::<u64>();
    for parts in [
        r.by_tier.values().collect::<Vec<_>>(),
        r.by_group.values().collect(),
        r.by_agent.values().collect(),
        r.by_category.values().collect(),
        r.by_priority.values().collect(),
    ] {
        assert_eq!(sum(&|k| k.created, parts.clone()), r.overall.created);
        assert_eq!(sum(&|k| k.resolved, parts.clone()), r.overall.resolved);
        assert_eq!(sum(&|k| k.backlog, parts.clone()), r.overall.backlog);
        assert_eq!(sum(&|k| k.sla_breaches, parts), r.overall.sla_breaches);
    }
}

#[test]
fn help_covers_every_kpi_and_json_has_its_keys() {
    let keys: Vec<&str> = kpi_help().iter().map(|h| h.0).collect();
    let mut uniq = keys.clone();
    uniq.sort_unstable();
    uniq.dedup();
    assert_eq!(uniq.len(), keys.len(), "duplicate help keys");
    let r = week(&[&T::open(1, &mon("09:00"))]);
    let json = report_json(&r);
    for k in &keys {
        let known = json["overall"].get(k).is_some() || json.get(k).is_some() || *k == "breakdowns";
        assert!(known, "help key {k} is not in the report");
    }
    for field in [
        "created",
        "resolved",
        "backlog",
        "time_to_acknowledge",
        "first_response",
        "time_to_resolve",
        "resolution_time",
        "first_contact_resolution",
        "reopen",
        "escalation",
        "sla",
        "deflection",
        "csat",
        "cost_per_ticket",
        "funnel",
    ] {
        assert!(keys.contains(&field), "no help for {field}");
    }
    assert!(kpi_help().iter().all(|h| !h.1.is_empty() && h.2.len() > 20));
    // JSON shape the CLI prints.
    assert_eq!(json["by_tier"]["1"]["created"], 1);
    assert_eq!(json["by_priority"]["medium"]["created"], 1);
    assert_eq!(json["overall"]["sla"][0]["metric"], "first_response");
    assert_eq!(json["daily"][0]["date"], "2026-03-09");
}
