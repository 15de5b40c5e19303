//! The worked examples of `docs/sla.md` and `docs/routing.md`, step by step, through the
//! public domain API (and, for the SLA example, the `tierdesk sla` command). Every number the
//! documents state is asserted here: change a document's example and this file together.

use std::process::Command as Process;

use chrono::{NaiveDateTime, TimeZone, Utc};

use tierdesk::domain::assignment::{self, AgentLoad, Workload};
use tierdesk::domain::backup::{self, Backup};
use tierdesk::domain::calendar::BusinessClock;
use tierdesk::domain::defaults::default_config;
use tierdesk::domain::desk::*;
use tierdesk::domain::escalation::{self, Escalation};
use tierdesk::domain::model::*;
use tierdesk::domain::routing;
use tierdesk::domain::sla::{self, MetricState, SlaState};
use tierdesk::domain::ticket::{self, Command, Ctx, NewTicket, SeqIds};
use tierdesk::domain::timeline;

fn utc(s: &str) -> Time {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc()
}

/// Applies a command and appends its events to the history.
fn act(
    t: &mut Ticket,
    h: &mut Vec<Event>,
    cmd: Command,
    at: Time,
    who: Actor,
    ids: &mut SeqIds,
) -> Vec<Event> {
    let ev = ticket::apply(t, h, cmd, &Ctx::new(at, who), ids).unwrap();
    h.extend(ev.clone());
    ev
}

fn kinds(ev: &[Event]) -> Vec<&'static str> {
    ev.iter().map(|e| e.kind.name()).collect()
}

// ---------------------------------------------------------------------------------------
// docs/sla.md
// ---------------------------------------------------------------------------------------

/// The policy exactly as docs/sla.md shows it.
const OFFICE_POLICY: &str = r#"{
  "id": "office",
  "name": "Office hours",
  "conditions": {},
  "targets": [
    { "priority": "high", "first_response": 60, "next_response": 120, "resolution": 480 }
  ],
  "business_hours": true,
  "calendar": "berlin"
}"#;

fn sla_cfg() -> DeskConfig {
    let mut cfg = default_config();
    cfg.calendars
        .push(Calendar::preset_8_5("berlin", "Europe/Berlin"));
    cfg.general.default_calendar = "berlin".into();
    cfg.policies = vec![serde_json::from_str(OFFICE_POLICY).unwrap()];
    let t1 = cfg.tiers.iter_mut().find(|t| t.tier == Tier(1)).unwrap();
    t1.calendar = "berlin".into();
    t1.limit_minutes = None;
    cfg.agents.push(Agent {
        id: "ana".into(),
        name: "Ana".into(),
        email: String::new(),
        tiers: vec![Tier(1)],
        groups: vec![],
        skills: vec![],
        capacity: 10,
        away: false,
        calendar: None,
        admin: false,
    });
    cfg
}

fn metric(t: &Ticket, h: &[Event], cfg: &DeskConfig, now: Time, m: Metric) -> MetricState {
    sla::evaluate(t, h, cfg, now).metric(m).unwrap().clone()
}

#[test]
fn sla_example_friday_evening_ticket_in_berlin() {
    let cfg = sla_cfg();
    assert_eq!(cfg.calendar("berlin").unwrap().validate(), Ok(()));
    let ana = || Actor::Agent("ana".into());
    let mut ids = SeqIds::new("e");

    // Step 1: Friday 27 March 2026, 17:40 CET (16:40 UTC), after closing.
    let created = utc("2026-03-27 16:40");
    let new = NewTicket {
        subject: "VPN drops every hour".into(),
        requester: Requester {
            name: "Dana Reyes".into(),
            ..Default::default()
        },
        priority: Priority::High,
        tier: Tier(1),
        channel: Channel::Portal,
        ..Default::default()
    };
    let (mut t, mut h) =
        ticket::create(1, new, &Ctx::new(created, Actor::Requester), &mut ids).unwrap();
    let berlin = cfg.calendar("berlin").unwrap();
    assert!(!berlin.is_open(created));
    // The clocks start at the next opening: Monday 30 March 09:00 CEST = 07:00 UTC (DST began Sunday).
    assert_eq!(berlin.next_open(created), Some(utc("2026-03-30 07:00")));
    let now = utc("2026-03-27 16:45");
    let fr = metric(&t, &h, &cfg, now, Metric::FirstResponse);
    assert_eq!(fr.state, SlaState::Running);
    assert_eq!(fr.started_at, Some(utc("2026-03-30 07:00")));
    assert_eq!(fr.due_at, Some(utc("2026-03-30 08:00")));
    assert_eq!(fr.warn_at, Some(utc("2026-03-30 07:45")));
    assert_eq!((fr.elapsed_minutes, fr.remaining_minutes), (0, Some(60)));
    let res = metric(&t, &h, &cfg, now, Metric::Resolution);
    assert_eq!(res.state, SlaState::Running);
    assert_eq!(res.due_at, Some(utc("2026-03-30 15:00")));
    assert_eq!(res.warn_at, Some(utc("2026-03-30 13:00")));
    assert_eq!(res.remaining_minutes, Some(480));
    let nr = metric(&t, &h, &cfg, now, Metric::NextResponse);
    assert_eq!((nr.state, nr.due_at), (SlaState::None, None));
    // The same 60 minutes on the calendar clock would have been due at 17:40 UTC on Friday.
    assert_eq!(
        BusinessClock::always().add_business_minutes(created, 60),
        Some(utc("2026-03-27 17:40"))
    );

    // Step 2: Monday 09:20 CEST, Ana answers: first response met after 20 minutes.
    let ev = act(
        &mut t,
        &mut h,
        Command::Reply("Could you send the VPN client log?".into()),
        utc("2026-03-30 07:20"),
        ana(),
        &mut ids,
    );
    assert_eq!(kinds(&ev), ["public_reply", "status_changed"]);
    assert_eq!(t.status, Status::Open);
    let fr = metric(&t, &h, &cfg, utc("2026-03-30 07:30"), Metric::FirstResponse);
    assert_eq!((fr.state, fr.elapsed_minutes), (SlaState::Met, 20));
    assert_eq!(fr.stopped_at, Some(utc("2026-03-30 07:20")));
    assert_eq!(fr.due_at, Some(utc("2026-03-30 08:00")));

    // Step 3: Monday 09:25 CEST, pending: the clocks pause with 25 minutes used.
    act(
        &mut t,
        &mut h,
        Command::SetStatus(Status::Pending),
        utc("2026-03-30 07:25"),
        ana(),
        &mut ids,
    );
    let res = metric(&t, &h, &cfg, utc("2026-03-30 10:00"), Metric::Resolution);
    assert_eq!(res.state, SlaState::Paused);
    assert_eq!(
        (res.elapsed_minutes, res.remaining_minutes, res.due_at),
        (25, Some(455), None)
    );

    // Step 4: Tuesday 31 March 11:00 CEST, the requester answers: open again, next response starts.
    let ev = act(
        &mut t,
        &mut h,
        Command::RequesterReply("Log attached.".into()),
        utc("2026-03-31 09:00"),
        Actor::Requester,
        &mut ids,
    );
    assert_eq!(kinds(&ev), ["requester_reply", "status_changed"]);
    assert_eq!(t.status, Status::Open);
    let now = utc("2026-03-31 09:00");
    let nr = metric(&t, &h, &cfg, now, Metric::NextResponse);
    assert_eq!(
        (nr.state, nr.due_at),
        (SlaState::Running, Some(utc("2026-03-31 11:00")))
    );
    // 455 minutes left: 360 on Tuesday (11:00-17:00), 95 on Wednesday: 10:35 CEST.
    let res = metric(&t, &h, &cfg, now, Metric::Resolution);
    assert_eq!(res.state, SlaState::Running);
    assert_eq!(res.due_at, Some(utc("2026-04-01 08:35")));

    // Step 5: Tuesday 12:10 CEST, Ana answers: next response met after 70 minutes.
    act(
        &mut t,
        &mut h,
        Command::Reply("Please update the client to 5.2.".into()),
        utc("2026-03-31 10:10"),
        ana(),
        &mut ids,
    );
    assert_eq!(t.status, Status::Open);

    // Tuesday 15:00 CEST (13:00 UTC): the state the CLI example shows.
    let now = utc("2026-03-31 13:00");
    let sla_now = sla::evaluate(&t, &h, &cfg, now);
    assert_eq!(sla_now.policy.as_deref(), Some("office"));
    let nr = sla_now.metric(Metric::NextResponse).unwrap();
    assert_eq!((nr.state, nr.elapsed_minutes), (SlaState::Met, 70));
    assert_eq!(nr.due_at, Some(utc("2026-03-31 11:00")));
    let res = sla_now.metric(Metric::Resolution).unwrap();
    assert_eq!(res.state, SlaState::Running);
    assert_eq!(
        (res.elapsed_minutes, res.remaining_minutes),
        (265, Some(215))
    );
    assert_eq!(res.due_at, Some(utc("2026-04-01 08:35")));
    // 75 % of 480 = 360 minutes: reached at 16:35 CEST.
    assert_eq!(res.warn_at, Some(utc("2026-03-31 14:35")));
    assert_eq!(sla_now.next_due, Some(utc("2026-04-01 08:35")));
    let tl = sla_now.metric(Metric::TierLimit).unwrap();
    assert_eq!(
        (tl.state, tl.elapsed_minutes, tl.due_at),
        (SlaState::None, 265, None)
    );
    assert_eq!(
        metric(&t, &h, &cfg, utc("2026-03-31 14:40"), Metric::Resolution).state,
        SlaState::Warning
    );
    // Left alone, it breaches the minute after 10:35 CEST on Wednesday.
    let late = metric(&t, &h, &cfg, utc("2026-04-01 08:36"), Metric::Resolution);
    assert_eq!(late.state, SlaState::Breached);
    assert_eq!(late.breached_at, Some(utc("2026-04-01 08:35")));
    assert_eq!(late.remaining_minutes, Some(-1));
    assert_eq!(
        metric(&t, &h, &cfg, utc("2026-04-01 08:35"), Metric::Resolution).state,
        SlaState::Warning,
        "exactly at the due time it is not breached yet"
    );

    // Step 6: Wednesday 1 April 10:20 CEST, resolved: met with 465 minutes used.
    act(
        &mut t,
        &mut h,
        Command::SetStatus(Status::Resolved),
        utc("2026-04-01 08:20"),
        ana(),
        &mut ids,
    );
    let res = metric(&t, &h, &cfg, utc("2026-04-01 09:00"), Metric::Resolution);
    assert_eq!((res.state, res.elapsed_minutes), (SlaState::Met, 465));
    assert_eq!(res.stopped_at, Some(utc("2026-04-01 08:20")));
    assert_eq!(res.due_at, Some(utc("2026-04-01 08:35")));

    // The CLI over a backup of this desk prints exactly the lines in docs/sla.md.
    let b = Backup::new(
        utc("2026-04-01 09:00"),
        cfg.clone(),
        vec![t],
        h,
        vec![],
        vec![],
        2,
    );
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("docs-sla-example.json");
    std::fs::write(&path, backup::to_json(&b)).unwrap();
    let run = |at: &str| {
        let out = Process::new(env!("CARGO_BIN_EXE_tierdesk"))
            .args(["sla", path.to_str().unwrap(), "--at", at])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        run("2026-03-31T13:00:00Z"),
        r#"{"ticket":1,"metric":"first_response","state":"met","due_at":"2026-03-30T08:00:00Z","elapsed_minutes":20,"remaining_minutes":null}
{"ticket":1,"metric":"next_response","state":"met","due_at":"2026-03-31T11:00:00Z","elapsed_minutes":70,"remaining_minutes":null}
{"ticket":1,"metric":"resolution","state":"running","due_at":"2026-04-01T08:35:00Z","elapsed_minutes":265,"remaining_minutes":215}
{"ticket":1,"metric":"tier_limit","state":"none","due_at":null,"elapsed_minutes":265,"remaining_minutes":null}
"#
    );
    let after = run("2026-04-01T09:00:00Z");
    assert_eq!(
        after.lines().nth(2),
        Some(
            r#"{"ticket":1,"metric":"resolution","state":"met","due_at":"2026-04-01T08:35:00Z","elapsed_minutes":465,"remaining_minutes":null}"#
        )
    );
}

/// The smaller claims of docs/sla.md's calendar section.
#[test]
fn sla_doc_calendar_claims() {
    let c = Calendar::preset_8_5("c", "Europe/Berlin");
    assert_eq!(
        Calendar::preset_12_5("c", "UTC").name,
        "12/5 (Mon-Fri 08:00-20:00)"
    );
    // Ranges are half-open: open at 09:00, closed at 17:00.
    assert!(c.is_open(utc("2026-03-30 07:00")));
    assert!(!c.is_open(utc("2026-03-30 15:00")));
    // A target used up exactly at closing is due at closing, not at the next opening.
    assert_eq!(
        c.add_business_minutes(utc("2026-03-30 07:00"), 480),
        Some(utc("2026-03-30 15:00"))
    );
    // A 24-hour Sunday lasts 23 hours when the clocks go forward (29 March 2026 in Berlin)
    // and 25 when they go back (25 October 2026).
    let mut sunday = Calendar::preset_24_7("s", "Europe/Berlin");
    sunday.week = std::array::from_fn(|d| {
        if d == 6 {
            sunday.week[6].clone()
        } else {
            vec![]
        }
    });
    assert_eq!(
        sunday.business_minutes_between(utc("2026-03-28 00:00"), utc("2026-03-30 00:00")),
        23 * 60
    );
    assert_eq!(
        sunday.business_minutes_between(utc("2026-10-24 00:00"), utc("2026-10-27 00:00")),
        25 * 60
    );
    // A yearly holiday: 1 May, whatever year it was entered for.
    let mut h = Calendar::preset_8_5("h", "Europe/Berlin");
    h.holidays.push(Holiday {
        date: chrono::NaiveDate::from_ymd_opt(2020, 5, 1).unwrap(),
        yearly: true,
        name: "Labour Day".into(),
    });
    // Thursday 30 April 2026 16:00 CEST + 120 business minutes: 1 h Thursday, Friday 1 May off,
    // 1 h on Monday 4 May: 10:00 CEST.
    assert_eq!(
        h.add_business_minutes(utc("2026-04-30 14:00"), 120),
        Some(utc("2026-05-04 08:00"))
    );
}

// ---------------------------------------------------------------------------------------
// docs/routing.md
// ---------------------------------------------------------------------------------------

/// The rule exactly as docs/routing.md shows it.
const NETWORK_RULE: &str = r#"{
  "id": "network",
  "name": "Network problems",
  "trigger": "on_create",
  "mode": "any",
  "conditions": [
    { "when": "keywords", "any": ["vpn", "wi-fi", "network*"] }
  ],
  "actions": [
    { "then": "set_category", "category": "Network" },
    { "then": "add_tags", "tags": ["network"] }
  ]
}"#;

fn person(id: &str, tier: u8) -> Agent {
    Agent {
        id: id.into(),
        name: format!("{}{}", id[..1].to_uppercase(), &id[1..]),
        email: String::new(),
        tiers: vec![Tier(tier)],
        groups: vec![],
        skills: vec![],
        capacity: 10,
        away: false,
        calendar: None,
        admin: false,
    }
}

fn routing_cfg() -> DeskConfig {
    let mut cfg = default_config();
    cfg.rules.push(serde_json::from_str(NETWORK_RULE).unwrap());
    let mut carol = person("carol", 1);
    carol.away = true;
    let mut dave = person("dave", 1);
    dave.calendar = Some("8x5".into());
    let mut grace = person("grace", 2);
    grace.capacity = 1;
    cfg.agents.extend([
        person("alice", 1),
        person("bob", 1),
        carol,
        dave,
        person("erin", 2),
        person("frank", 2),
        grace,
    ]);
    cfg
}

fn load(open: u32, last: Option<Time>) -> AgentLoad {
    AgentLoad {
        open,
        last_assigned: last,
    }
}

fn workload() -> Workload {
    let mut w = Workload::default();
    for (id, l) in [
        ("alice", load(2, Some(utc("2026-03-02 08:10")))),
        ("bob", load(4, Some(utc("2026-02-27 19:30")))),
        ("erin", load(3, Some(utc("2026-02-27 15:00")))),
        ("frank", load(1, Some(utc("2026-03-02 08:05")))),
        ("grace", load(1, None)),
    ] {
        w.agents.insert(id.into(), l);
    }
    w
}

#[test]
fn routing_example_vpn_drops_every_hour() {
    let cfg = routing_cfg();
    assert!(
        tierdesk::domain::defaults::validate_config(&cfg).is_empty(),
        "{:?}",
        tierdesk::domain::defaults::validate_config(&cfg)
    );
    let mut w = workload();
    let mut ids = SeqIds::new("e");

    // 1. Monday 2 March 2026, 08:30 UTC: the request arrives from the portal (Tier 1, Medium).
    let t0 = utc("2026-03-02 08:30");
    let new = NewTicket {
        subject: "VPN drops every hour".into(),
        description:
            "Since this morning my VPN connection drops every hour and I have to log in again."
                .into(),
        requester: Requester {
            name: "Dana Reyes".into(),
            email: "dana@acme.example".into(),
            org: None,
        },
        priority: Priority::Medium,
        tier: Tier(1),
        channel: Channel::Portal,
        ..Default::default()
    };
    let ctx = Ctx::new(t0, Actor::Requester);
    let (mut t, mut h) = ticket::create(42, new, &ctx, &mut ids).unwrap();

    // 2. Routing on create: only the third rule matches.
    let ids_of = |rules: &[RoutingRule]| rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids_of(&cfg.rules), ["accounts", "outage", "network"]);
    let matched: Vec<bool> = cfg
        .rules
        .iter()
        .map(|r| routing::rule_matches(&t, r))
        .collect();
    assert_eq!(matched, [false, false, true]);
    assert!(!routing::keyword_in(
        "Since this morning my VPN connection drops",
        "down"
    ));
    let m = routing::route(&t, &cfg.rules, RuleTrigger::OnCreate);
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].rule_id, "network");
    let ev =
        routing::apply_routing(&mut t, &h, &cfg, RuleTrigger::OnCreate, &ctx, &mut ids).unwrap();
    assert_eq!(kinds(&ev), ["routed", "field_changed", "field_changed"]);
    assert_eq!(
        ev[0].kind,
        EventKind::Routed {
            rule: "Network problems".into()
        }
    );
    assert!(ev.iter().all(|e| e.actor == Actor::System));
    h.extend(ev);
    assert_eq!(t.category.as_deref(), Some("Network"));
    assert_eq!(t.tags, ["network"]);
    assert_eq!(
        (t.tier, t.group.clone(), t.priority),
        (Tier(1), None, Priority::Medium)
    );

    // 3. Assignment: no group, so Tier 1's method (round robin) applies.
    assert_eq!(
        assignment::method_for(&t, &cfg),
        AssignmentMethod::RoundRobin
    );
    let eligible: Vec<&str> = cfg
        .agents
        .iter()
        .filter(|a| assignment::eligible(a, &t, &cfg, w.get(&a.id), t0))
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(eligible, ["alice", "bob"]);
    let dave = cfg.agent("dave").unwrap();
    assert!(
        !assignment::on_shift(dave, Tier(1), &cfg, t0),
        "dave's own 8x5 shift starts at 09:00"
    );
    assert_eq!(
        assignment::choose(&t, &cfg, &w, t0),
        Some(("bob".into(), "round robin".into()))
    );
    let ev = assignment::auto_assign(&mut t, &h, &cfg, &mut w, &ctx, &mut ids).unwrap();
    assert_eq!(kinds(&ev), ["assigned", "status_changed"]);
    assert_eq!(
        ev[0].kind,
        EventKind::Assigned {
            from: None,
            to: Some("bob".into()),
            reason: Some("round robin".into())
        }
    );
    h.extend(ev);
    assert_eq!(
        (t.assignee.as_deref(), t.status),
        (Some("bob"), Status::Open)
    );
    assert_eq!(w.get("bob"), load(5, Some(t0)));

    // 4. 08:35 Bob rates impact 2 (a team), urgency 1 (cannot work): the matrix says High.
    let p = cfg.matrix.priority(2, 1).unwrap();
    assert_eq!(p, Priority::High);
    let at = utc("2026-03-02 08:35");
    let ev = act(
        &mut t,
        &mut h,
        Command::SetImpactUrgency {
            impact: 2,
            urgency: 1,
            priority: p,
        },
        at,
        Actor::Agent("bob".into()),
        &mut ids,
    );
    assert_eq!(
        kinds(&ev),
        ["field_changed", "field_changed", "priority_changed"]
    );
    // Update-time routing runs after every change; no rule here triggers on update.
    assert!(routing::apply_routing(
        &mut t,
        &h,
        &cfg,
        RuleTrigger::OnUpdate,
        &Ctx::new(at, Actor::Agent("bob".into())),
        &mut ids
    )
    .unwrap()
    .is_empty());
    // SLA: the "standard" policy, High on 12x5: first response 09:30, resolution 16:30.
    let s = sla::evaluate(&t, &h, &cfg, at);
    assert_eq!(s.policy.as_deref(), Some("standard"));
    assert_eq!(
        s.metric(Metric::FirstResponse).unwrap().due_at,
        Some(utc("2026-03-02 09:30"))
    );
    assert_eq!(
        s.metric(Metric::Resolution).unwrap().due_at,
        Some(utc("2026-03-02 16:30"))
    );
    // The Tier 1 limit: 15 business minutes on 12x5, due 08:45.
    let tl = s.metric(Metric::TierLimit).unwrap();
    assert_eq!(
        (tl.target_minutes, tl.due_at),
        (Some(15), Some(utc("2026-03-02 08:45")))
    );

    // 5. The limit passes: due at 08:45, an escalation is due from the minute after.
    assert_eq!(
        escalation::due_escalations(&t, &h, &cfg, utc("2026-03-02 08:45")),
        None
    );
    assert_eq!(
        escalation::due_escalations(&t, &h, &cfg, utc("2026-03-02 08:46")),
        Some(Escalation {
            to: Tier(2),
            cause: EscalationCause::TierLimit,
            reason: "15 business minutes in Tier 1 (Service desk) used up".into(),
            at: utc("2026-03-02 08:45"),
        })
    );

    // 6. The automation pass at 08:50 moves it (stamped 08:45); Tier 2 is not at work yet.
    //    (In swarm mode it would stay with bob in Tier 1, with a note instead.)
    let mut swarm = cfg.clone();
    swarm.general.mode = WorkMode::Swarm;
    let run = escalation::automate(
        std::slice::from_ref(&t),
        &h,
        &swarm,
        utc("2026-03-02 08:50"),
        &mut w.clone(),
        &mut ids,
    );
    let u = &run.updated[0];
    assert_eq!(
        (u.ticket.tier, u.ticket.assignee.as_deref()),
        (Tier(1), Some("bob"))
    );
    assert_eq!(
        u.events[0].kind,
        EventKind::InternalNote {
            body: "Swarm escalation (tier time limit reached): 15 business minutes in Tier 1 (Service desk) used up; nobody from Tier 2 is on shift; add a helper by hand.".into()
        }
    );
    let run = escalation::automate(
        std::slice::from_ref(&t),
        &h,
        &cfg,
        utc("2026-03-02 08:50"),
        &mut w,
        &mut ids,
    );
    assert!(run.errors.is_empty());
    let u = &run.updated[0];
    assert_eq!(kinds(&u.events), ["tier_changed", "assigned"]);
    assert_eq!(
        u.events[0].kind,
        EventKind::TierChanged {
            from: Tier(1),
            to: Tier(2),
            cause: EscalationCause::TierLimit,
            reason: "15 business minutes in Tier 1 (Service desk) used up".into(),
        }
    );
    assert_eq!(
        u.events[1].kind,
        EventKind::Assigned {
            from: Some("bob".into()),
            to: None,
            reason: Some("moved to Tier 2".into())
        }
    );
    assert!(u
        .events
        .iter()
        .all(|e| e.at == utc("2026-03-02 08:45") && e.actor == Actor::System));
    assert_eq!(
        timeline::describe(&u.events[0], &cfg, "Dana Reyes").summary,
        "escalated from Service desk to Technical support — tier time limit reached"
    );
    t = u.ticket.clone();
    h.extend(u.events.clone());
    assert_eq!(
        (t.tier, t.assignee.clone(), t.group.clone()),
        (Tier(2), None, None)
    );
    assert_eq!(w.get("bob").open, 4);

    // 7. The pass at 09:00: Tier 2 (8x5) opens; least loaded among erin (3) and frank (1);
    //    grace (1 open, capacity 1) is full.
    let now = utc("2026-03-02 09:00");
    assert_eq!(
        assignment::method_for(&t, &cfg),
        AssignmentMethod::LeastLoaded
    );
    let run = escalation::automate(std::slice::from_ref(&t), &h, &cfg, now, &mut w, &mut ids);
    let u = &run.updated[0];
    assert_eq!(
        u.events[0].kind,
        EventKind::Assigned {
            from: None,
            to: Some("frank".into()),
            reason: Some("least loaded".into())
        }
    );
    assert_eq!(u.events[0].at, now);
    t = u.ticket.clone();
    h.extend(u.events.clone());
    assert_eq!(t.assignee.as_deref(), Some("frank"));
    // Tier 2's own limit (240 business minutes on 8x5) counts from 09:00: due 13:00.
    let tl = metric(&t, &h, &cfg, now, Metric::TierLimit);
    assert_eq!(
        (tl.target_minutes, tl.started_at, tl.due_at),
        (Some(240), Some(now), Some(utc("2026-03-02 13:00")))
    );
    // Nothing more is due until then.
    assert_eq!(
        escalation::due_escalations(&t, &h, &cfg, utc("2026-03-02 12:00")),
        None
    );
}

#[test]
fn routing_doc_status_and_matrix_claims() {
    use Status::*;
    let allowed = |from: Status| -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|to| from.can_become(*to))
            .collect()
    };
    assert_eq!(allowed(New), [Open, Pending, OnHold, Resolved]);
    assert_eq!(allowed(Open), [Pending, OnHold, Resolved]);
    assert_eq!(allowed(Pending), [Open, OnHold, Resolved]);
    assert_eq!(allowed(OnHold), [Open, Pending, Resolved]);
    assert_eq!(allowed(Resolved), [Open, Closed]);
    assert!(allowed(Closed).is_empty());
    use Priority::*;
    assert_eq!(
        default_config().matrix.cells,
        vec![
            vec![Critical, High, Medium],
            vec![High, Medium, Low],
            vec![Medium, Low, Low]
        ]
    );
    // A manual move to Tier 4 puts the ticket on hold.
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let new = NewTicket {
        subject: "x".into(),
        requester: Requester {
            name: "R".into(),
            ..Default::default()
        },
        tier: Tier(3),
        ..Default::default()
    };
    let mut ids = SeqIds::new("m");
    let (mut t, h) = ticket::create(1, new, &Ctx::new(at, Actor::Requester), &mut ids).unwrap();
    let ctx = Ctx::new(at, Actor::Agent("admin".into()));
    assert!(escalation::escalate(&mut t, &h, Tier(3), "same", &ctx, &mut ids).is_err());
    let ev = escalation::escalate(
        &mut t,
        &h,
        Tier(4),
        "waiting on the VPN vendor",
        &ctx,
        &mut ids,
    )
    .unwrap();
    assert_eq!(kinds(&ev), ["tier_changed", "status_changed"]);
    assert_eq!(t.status, OnHold);
}
