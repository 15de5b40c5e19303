use std::collections::BTreeMap;

use chrono::{TimeZone, Timelike, Utc};

use super::*;
use crate::domain::backup::{validate, Backup};
use crate::domain::demo;
use crate::domain::escalation;
use crate::domain::kpi::{self, KpiInputs};
use crate::domain::model::*;
use crate::domain::ticket::{self, Command, Ctx, NewTicket};

/// Monday 2 March 2026, UTC.
fn monday(h: u32, m: u32) -> Time {
    Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap()
}

fn hours(h: i64) -> Duration {
    Duration::hours(h)
}

/// The default configuration plus the demo desk's staff (four agents in Tier 1, three in
/// Tier 2, two in Tier 3, one vendor).
fn staffed() -> DeskConfig {
    demo::generate(1, 0, monday(0, 0)).config
}

fn sim(seed: u64, mode: WorkMode) -> Sim {
    let cfg = staffed();
    Sim::new(Scenario::generate(seed, monday(9, 0), 24, &cfg), &cfg, mode)
}

fn tier_moves(events: &[Event]) -> Vec<(TicketId, Tier, Tier, EscalationCause, Time)> {
    events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::TierChanged {
                from, to, cause, ..
            } => Some((e.ticket, from, to, cause, e.at)),
            _ => None,
        })
        .collect()
}

fn count(events: &[Event], name: &str) -> usize {
    events.iter().filter(|e| e.kind.name() == name).count()
}

#[test]
fn scenario_has_a_small_desks_day_and_is_fixed_by_its_seed() {
    let cfg = staffed();
    let sc = Scenario::generate(11, monday(0, 0), 24, &cfg);
    assert_eq!(sc, Scenario::generate(11, monday(0, 0), 24, &cfg));
    assert_ne!(
        sc.arrivals,
        Scenario::generate(12, monday(0, 0), 24, &cfg).arrivals
    );
    let at: Vec<Time> = sc.arrivals.iter().map(|a| a.at).collect();
    assert!(at.windows(2).all(|w| w[0] <= w[1]), "sorted");
    assert!(at
        .iter()
        .all(|t| *t >= monday(0, 0) && *t < monday(0, 0) + hours(24)));
    // Tier 1 works 08:00-20:00 (12 hours at 4 to 10 an hour); 12 night hours at 0.2 to 1.2.
    let day = at.iter().filter(|t| (8..20).contains(&t.hour())).count();
    let night = at.len() - day;
    assert!(
        (48..=120).contains(&day),
        "{day} arrivals in business hours"
    );
    assert!(night <= 20, "{night} arrivals at night");
    let kinds: std::collections::BTreeSet<&str> = sc.arrivals.iter().map(|a| a.plan.kind).collect();
    assert!(kinds.len() >= 6, "{kinds:?}");
    assert!(kinds.contains("password"));
    // Most requests are solved in Tier 1, a few need the vendor.
    let by_tier = |t: u8| {
        sc.arrivals
            .iter()
            .filter(|a| a.plan.solve_tier == Tier(t))
            .count()
    };
    assert!(by_tier(1) * 2 > sc.arrivals.len());
    assert!(by_tier(2) > 0);
    assert!(sc
        .arrivals
        .iter()
        .all(|a| ticket::validate_new(&a.ticket).is_ok()));
}

#[test]
fn same_seed_gives_the_same_events_and_another_seed_others() {
    let run = |seed, mode| {
        let mut s = sim(seed, mode);
        s.advance_to(monday(9, 0) + hours(30));
        s.result()
    };
    let a = run(5, WorkMode::Tiered);
    assert!(a.events.len() > 300, "{}", a.events.len());
    assert_eq!(a, run(5, WorkMode::Tiered));
    assert_ne!(a.events, run(6, WorkMode::Tiered).events);
    assert_eq!(run(5, WorkMode::Swarm), run(5, WorkMode::Swarm));
}

/// Applies updates the way the app stores them.
fn store(
    updates: Vec<TicketUpdate>,
    tickets: &mut BTreeMap<TicketId, Ticket>,
    events: &mut Vec<Event>,
) {
    for u in updates {
        events.extend(u.events);
        tickets.insert(u.ticket.id, u.ticket);
    }
}

#[test]
fn one_jump_equals_many_small_steps_and_jumping_from_event_to_event() {
    for mode in [WorkMode::Tiered, WorkMode::Swarm] {
        let end = monday(9, 0) + hours(30);
        let mut jump = sim(3, mode);
        let mut stored_jump = (BTreeMap::new(), vec![]);
        store(jump.advance_to(end), &mut stored_jump.0, &mut stored_jump.1);

        let mut steps = sim(3, mode);
        let mut stored = (BTreeMap::new(), vec![]);
        let mut t = monday(9, 0);
        while t < end {
            t = (t + Duration::minutes(1)).min(end);
            store(steps.advance_to(t), &mut stored.0, &mut stored.1);
        }
        assert_eq!(steps.result(), jump.result(), "{mode:?}");
        assert_eq!(steps.now(), end);

        let mut hops = sim(3, mode);
        while let Some(next) = hops.next_event_at().filter(|n| *n <= end) {
            hops.advance_to(next);
        }
        hops.advance_to(end);
        assert_eq!(hops.result(), jump.result(), "{mode:?}");

        // What the updates said adds up to the simulation's state.
        let by_ticket = |evs: &[Event]| {
            let mut v = evs.to_vec();
            v.sort_by_key(|e| (e.ticket, e.seq));
            v
        };
        let result = jump.result();
        assert_eq!(stored.0.into_values().collect::<Vec<_>>(), result.tickets);
        assert_eq!(by_ticket(&stored.1), result.events);
        assert_eq!(by_ticket(&stored_jump.1), result.events);
    }
}

#[test]
fn events_are_stamped_when_they_happen_not_when_the_clock_stops() {
    let mut s = sim(4, WorkMode::Tiered);
    let mut prev = monday(9, 0);
    let mut inside = 0;
    for h in 1..=6 {
        let t = monday(9, 0) + hours(h);
        for u in s.advance_to(t) {
            for e in &u.events {
                // An escalation is stamped when it fell due, at most a second before the
                // check that found it.
                assert!(e.at <= t && e.at >= prev - Duration::seconds(1), "{e:?}");
                inside += usize::from(e.at < t);
            }
        }
        prev = t;
    }
    assert!(inside > 100, "{inside}");
}

#[test]
fn histories_are_valid_and_nothing_is_refused() {
    for mode in [WorkMode::Tiered, WorkMode::Swarm] {
        let mut s = sim(8, mode);
        let end = monday(9, 0) + hours(72);
        s.advance_to(end);
        assert_eq!(s.errors(), &[] as &[String], "{mode:?}");
        let r = s.result();
        for t in &r.tickets {
            let h: Vec<&Event> = r.events.iter().filter(|e| e.ticket == t.id).collect();
            let seqs: Vec<u32> = h.iter().map(|e| e.seq).collect();
            assert_eq!(seqs, (0..h.len() as u32).collect::<Vec<_>>(), "#{}", t.id);
            assert!(
                h.windows(2).all(|w| w[0].at <= w[1].at),
                "#{} in time order",
                t.id
            );
        }
        let next = r.tickets.iter().map(|t| t.id).max().unwrap_or(0) + 1;
        let b = Backup::new(
            end,
            s.config().clone(),
            r.tickets,
            r.events,
            vec![],
            vec![],
            next,
        );
        let problems = validate(&b);
        assert!(problems.is_empty(), "{mode:?}: {problems:?}");
    }
}

#[test]
fn default_desk_escalates_on_the_tier_limit_resolves_and_gets_ratings_within_hours() {
    let cfg = staffed();
    assert_eq!(cfg.tier(Tier(1)).and_then(|t| t.limit_minutes), Some(15));
    assert!(cfg.calendars.iter().all(|c| c.tz == "UTC"));
    let mut s = sim(1, WorkMode::Tiered);
    let end = monday(13, 0);
    s.advance_to(end);
    let r = s.result();
    let limits: Vec<_> = tier_moves(&r.events)
        .into_iter()
        .filter(|m| (m.1, m.2, m.3) == (Tier(1), Tier(2), EscalationCause::TierLimit))
        .collect();
    assert!(!limits.is_empty(), "{:?}", tier_moves(&r.events));
    // 09:00-13:00 is all business time on Tier 1's 08:00-20:00 calendar: a ticket that never
    // waited on its requester moves exactly 15 minutes after it was opened.
    let mut exact = 0;
    for (id, .., at) in &limits {
        let Some((t, h)) = s.ticket(*id) else {
            panic!("ticket #{id} is missing");
        };
        let paused = h.iter().any(|e| {
            e.at < *at
                && matches!(
                    e.kind,
                    EventKind::StatusChanged {
                        to: Status::Pending | Status::OnHold,
                        ..
                    }
                )
        });
        if !paused {
            assert_eq!(*at - t.created_at, Duration::minutes(15), "#{id}");
            exact += 1;
        }
    }
    assert!(exact > 0);
    let resolved = r
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::StatusChanged {
                    to: Status::Resolved,
                    ..
                }
            )
        })
        .count();
    assert!(resolved >= 10, "{resolved} resolved");
    assert!(count(&r.events, "rated") >= 1);
    assert!(count(&r.events, "requester_reply") >= 1);
}

/// Advances minute by minute from 10:00 until an open, assigned Tier 1 ticket that the
/// scripted requester will rate but not reopen exists; returns it and the instant.
fn busy_ticket(s: &mut Sim) -> (Ticket, Vec<Event>, Time) {
    let mut t = monday(10, 0);
    s.advance_to(t);
    loop {
        let found = s.tickets().into_iter().find(|x| {
            let plan = &s.scenario().arrivals[(x.id - 1) as usize].plan;
            x.status == Status::Open
                && x.tier == Tier(1)
                && x.assignee.is_some()
                && plan.requester.reopen_after.is_none()
                && plan.requester.rating.is_some()
        });
        if let Some(x) = found {
            let h = s.ticket(x.id).map(|(_, h)| h.to_vec()).unwrap_or_default();
            return (x, h, t);
        }
        assert!(t < monday(16, 0), "no busy Tier 1 ticket by {t}");
        t += Duration::minutes(1);
        s.advance_to(t);
    }
}

fn by_hand(t: &mut Ticket, h: &mut Vec<Event>, cmd: Command, at: Time) {
    let ctx = Ctx::new(at, Actor::Agent("admin".into()));
    let ev = ticket::apply(t, h, cmd, &ctx, &mut ticket::SeqIds::new("hand-")).unwrap();
    h.extend(ev);
}

#[test]
fn a_ticket_resolved_by_hand_is_left_alone_except_by_its_requester() {
    let mut s = sim(2, WorkMode::Tiered);
    let (mut t, mut h, t1) = busy_ticket(&mut s);
    // Left alone, the agents would have gone on working it.
    let mut untouched = s.clone();
    untouched.advance_to(t1 + hours(24));
    let agents_later = untouched.ticket(t.id).map_or(0, |(_, hist)| {
        hist[h.len()..]
            .iter()
            .filter(|e| matches!(e.actor, Actor::Agent(_)))
            .count()
    });
    assert!(agents_later > 0);
    by_hand(&mut t, &mut h, Command::SetStatus(Status::Resolved), t1);
    let known = h.len();
    s.sync_ticket(t.clone(), h);
    s.advance_to(t1 + hours(24));
    let (after, hist) = s.ticket(t.id).unwrap();
    let later = &hist[known..];
    assert!(
        later.iter().all(|e| e.actor == Actor::Requester),
        "#{}: {later:?}",
        t.id
    );
    assert_eq!(count(later, "rated"), 1, "the requester still rates");
    assert_eq!(after.status, Status::Resolved);
    assert_eq!(s.errors(), &[] as &[String]);
}

#[test]
fn a_ticket_escalated_by_hand_is_picked_up_by_the_next_tier() {
    let mut s = sim(2, WorkMode::Tiered);
    let (mut t, mut h, t1) = busy_ticket(&mut s);
    let old_owner = t.assignee.clone();
    let ctx = Ctx::new(t1, Actor::Agent("admin".into()));
    let ev = escalation::escalate(
        &mut t,
        &h,
        Tier(2),
        "a specialist should look",
        &ctx,
        &mut ticket::SeqIds::new("hand-"),
    )
    .unwrap();
    h.extend(ev);
    let known = h.len();
    s.sync_ticket(t.clone(), h);
    s.advance_to(t1 + hours(8));
    let (after, hist) = s.ticket(t.id).unwrap();
    let later = &hist[known..];
    let tier2 = |a: &str| {
        s.config()
            .agent(a)
            .is_some_and(|x| x.tiers.contains(&Tier(2)))
    };
    let owner = later.iter().find_map(|e| match &e.kind {
        EventKind::Assigned { to: Some(a), .. } => Some(a.clone()),
        _ => None,
    });
    assert!(owner.as_deref().is_some_and(tier2), "{later:?}");
    assert!(later
        .iter()
        .any(|e| e.kind.name() == "public_reply" && e.actor.agent_id() == owner.as_deref()));
    assert!(later
        .iter()
        .all(|e| e.actor.agent_id() != old_owner.as_deref()));
    assert!(after.tier >= Tier(2));
    assert_eq!(s.errors(), &[] as &[String]);
}

#[test]
fn a_ticket_opened_by_hand_is_worked_too() {
    let mut s = sim(2, WorkMode::Tiered);
    let t1 = monday(11, 0);
    s.advance_to(t1);
    let id = s.id_range().end + 100;
    let new = NewTicket {
        subject: "Typed in by the trainer".into(),
        requester: Requester {
            name: "Dana".into(),
            ..Default::default()
        },
        tier: Tier(1),
        ..Default::default()
    };
    let (t, h) = ticket::create(
        id,
        new,
        &Ctx::new(t1, Actor::Requester),
        &mut ticket::SeqIds::new("hand-"),
    )
    .unwrap();
    s.sync_ticket(t, h);
    s.advance_to(t1 + hours(6));
    let (t, hist) = s.ticket(id).unwrap();
    assert!(t.assignee.is_some());
    assert!(hist.iter().any(|e| e.kind.name() == "public_reply"));
}

#[test]
fn swarm_keeps_tickets_in_their_tier_and_brings_in_helpers() {
    let mut s = sim(1, WorkMode::Swarm);
    s.advance_to(monday(9, 0) + hours(72));
    let r = s.result();
    let moves = tier_moves(&r.events);
    assert!(
        moves.iter().all(|m| m.3 == EscalationCause::Routing),
        "{moves:?}"
    );
    assert!(count(&r.events, "helper_added") >= 10);
    let resolved = r
        .tickets
        .iter()
        .filter(|t| t.status == Status::Resolved)
        .count();
    assert!(
        resolved * 10 >= r.tickets.len() * 9,
        "{resolved} of {}",
        r.tickets.len()
    );
    // The same scenario, tiered, hands tickets on.
    let mut t = sim(1, WorkMode::Tiered);
    t.advance_to(monday(9, 0) + hours(72));
    let tiered = tier_moves(&t.result().events);
    assert!(tiered.iter().any(|m| m.3 == EscalationCause::Manual));
    assert!(tiered.iter().any(|m| m.3 == EscalationCause::TierLimit));
}

#[test]
fn swarm_solves_complex_tickets_faster_with_more_agent_time() {
    let cfg = staffed();
    let start = monday(9, 0);
    let at = start + hours(96);
    let (tiered, swarm) = compare(9, start, 24, &cfg, at);
    assert_eq!(
        (tiered.mode, swarm.mode),
        (WorkMode::Tiered, WorkMode::Swarm)
    );
    assert_eq!(tiered.tickets.len(), swarm.tickets.len());
    let report = |r: &SimResult| {
        kpi::compute(
            &r.tickets,
            &r.events,
            &cfg,
            start,
            at,
            at,
            KpiInputs::default(),
        )
        .overall
    };
    let (a, b) = (report(&tiered), report(&swarm));
    assert!(
        a.escalation.count > 0 && b.escalation.count == 0,
        "{:?} {:?}",
        a.escalation,
        b.escalation
    );
    assert!(
        b.time_spent_minutes > a.time_spent_minutes,
        "{} {}",
        a.time_spent_minutes,
        b.time_spent_minutes
    );
    let (ma, mb) = (
        a.time_to_resolve.mean.unwrap_or(0.0),
        b.time_to_resolve.mean.unwrap_or(0.0),
    );
    assert!(
        mb < ma,
        "mean time to resolve: tiered {ma:.0}, swarm {mb:.0}"
    );
}

#[test]
#[ignore = "timing; run with --ignored --nocapture (best with --release)"]
fn performance_of_minute_steps() {
    let cfg = staffed();
    // Two business days: about 150 tickets.
    let sc = Scenario::generate(1, monday(8, 0), 40, &cfg);
    let n = sc.arrivals.len();
    for mode in [WorkMode::Tiered, WorkMode::Swarm] {
        let mut s = Sim::new(sc.clone(), &cfg, mode);
        let started = std::time::Instant::now();
        let mut t = monday(8, 0);
        let mut steps = 0u32;
        while t < monday(8, 0) + hours(40) {
            t += Duration::minutes(1);
            s.advance_to(t);
            steps += 1;
        }
        let took = started.elapsed();
        let per = took / steps;
        let r = s.result();
        println!(
            "{mode:?}: {n} tickets, {} events, {steps} steps in {took:?}: {per:?} per step",
            r.events.len()
        );
        assert!(per < std::time::Duration::from_millis(1));
    }
}
