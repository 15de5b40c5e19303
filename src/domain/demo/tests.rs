//! The demo desk: valid, reproducible, and shaped like a real desk mid-week.

use std::collections::BTreeMap;

use super::*;
use crate::domain::backup::{parse, to_json, validate};
use crate::domain::defaults::default_config;
use crate::domain::desk::Metric;
use crate::domain::escalation::due_escalations;
use crate::domain::kpi::{compute, KpiInputs};
use crate::domain::sla::{SlaEngine, SlaState};
use chrono::{TimeZone, Utc};

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 3, 18, 14, 30, 0).unwrap()
}

#[test]
fn demo_data_is_valid_and_deterministic() {
    let b = generate(7, 300, now());
    assert_eq!(validate(&b), vec![]);
    let bytes = to_json(&b);
    assert!(parse(bytes.as_bytes()).is_ok());
    assert_eq!(to_json(&generate(7, 300, now())), bytes);
    assert_ne!(to_json(&generate(8, 300, now())), bytes);
    assert_eq!(b.tickets.len(), 300);
    assert_eq!(b.meta.demo_seed, Some(7));
}

#[test]
fn every_command_of_the_demo_script_is_accepted() {
    let cfg = {
        let mut c = default_config();
        people::add_staff(&mut c);
        c
    };
    let mut sim = Sim::new(&cfg, now(), 1);
    let people = people::requesters(&mut Rng::new(1), 40);
    let mut r = Rng::new(2);
    for (i, at) in creation_times(&mut Rng::new(3), 500, now())
        .into_iter()
        .enumerate()
    {
        sim.story(i as u64 + 1, at, &people, &mut r);
    }
    assert_eq!(sim.errors, Vec::<String>::new());
}

#[test]
fn demo_desk_looks_like_a_real_one() {
    let b = generate(42, 600, now());
    let count = |f: &dyn Fn(&Ticket) -> bool| b.tickets.iter().filter(|t| f(t)).count();
    // Everything happened in the six weeks before now.
    assert!(b
        .events
        .iter()
        .all(|e| e.at <= now() && e.at > now() - Duration::days(SPAN_DAYS + 30)));
    assert!(
        count(&|t| t.status.is_open()) > 10,
        "some tickets are still open"
    );
    assert!(count(&|t| t.status == Status::Closed) > 100);
    assert!(count(&|t| t.csat.is_some()) > 60);
    for tier in 1..=3 {
        assert!(
            count(&|t| t.tier == Tier(tier)) > 0,
            "tickets end in tier {tier}"
        );
    }
    let kinds = |name: &str| b.events.iter().filter(|e| e.kind.name() == name).count();
    for name in [
        "routed",
        "assigned",
        "tier_changed",
        "requester_reply",
        "time_logged",
        "article_linked",
        "rated",
    ] {
        assert!(kinds(name) > 0, "no {name} events");
    }
    assert!(b
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::TierChanged { to: Tier(4), .. })));
    assert!(b.events.iter().any(|e| matches!(
        e.kind,
        EventKind::StatusChanged {
            from: Status::Resolved,
            to: Status::Open
        }
    )));
    assert!((20..=40).contains(&b.articles.len()));
    for lang in ["de", "zh-CN"] {
        assert!(b.articles.iter().any(|a| a.language == lang));
    }
    assert!(b.articles.iter().any(|a| a.audience == Audience::Draft));
    assert!(b.articles.iter().any(|a| a.audience == Audience::Internal));
    assert!(!b.article_revisions.is_empty());
}

/// What a first look at the desk at `now` shows.
#[derive(Debug, Default)]
struct Shape {
    tickets: usize,
    open: usize,
    /// Open tickets by tier 0 to 4.
    open_by_tier: [usize; 5],
    by_status: BTreeMap<&'static str, usize>,
    /// New, nobody assigned yet.
    unassigned_new: usize,
    /// Open with a response or resolution target breached, or past its warning point.
    breached_open: usize,
    warning_open: usize,
    /// Open tickets the app's automation would move at once (a tier limit already used up).
    escalation_due: usize,
    /// Open tickets by age: under 1 hour, 1 to 24 hours, 1 to 7 days, 7 to 14 days, older.
    open_ages: [usize; 5],
    oldest_open_days: i64,
    /// All tickets by age, in the same buckets.
    all_ages: [usize; 5],
    fcr: f64,
    rated_of_resolved: f64,
    /// Ratings given, by score 1 to 5.
    scores: [usize; 5],
    reopen: f64,
    escalation: f64,
}

fn shape(b: &Backup, now: Time) -> Shape {
    let engine = SlaEngine::new(&b.config);
    let by_ticket = b.events_by_ticket();
    let mut s = Shape {
        tickets: b.tickets.len(),
        ..Default::default()
    };
    let limits = [1, 24, 7 * 24, 14 * 24].map(Duration::hours);
    let bucket = |t: &Ticket| limits.iter().filter(|&&l| now - t.created_at >= l).count();
    for t in &b.tickets {
        s.all_ages[bucket(t)] += 1;
        if let Some(c) = &t.csat {
            s.scores[usize::from(c.score.clamp(1, 5)) - 1] += 1;
        }
        *s.by_status.entry(t.status.as_str()).or_default() += 1;
        if !t.status.is_open() {
            continue;
        }
        let h = by_ticket.get(&t.id).copied().unwrap_or(&[]);
        s.open += 1;
        s.open_by_tier[usize::from(t.tier.0.min(4))] += 1;
        s.unassigned_new += usize::from(t.status == Status::New && t.assignee.is_none());
        let sla = engine.evaluate(t, h, now);
        let worst = |state| {
            sla.metrics
                .iter()
                .any(|m| m.metric != Metric::TierLimit && m.state == state)
        };
        s.breached_open += usize::from(worst(SlaState::Breached));
        s.warning_open += usize::from(worst(SlaState::Warning));
        s.escalation_due += usize::from(due_escalations(t, h, &b.config, now).is_some());
        s.open_ages[bucket(t)] += 1;
        let age = now - t.created_at;
        s.oldest_open_days = s.oldest_open_days.max(age.num_days());
    }
    let k = compute(
        &b.tickets,
        &b.events,
        &b.config,
        now - Duration::days(30),
        now,
        now,
        KpiInputs::default(),
    )
    .overall;
    s.fcr = k.first_contact_resolution.rate.unwrap_or(0.0);
    s.rated_of_resolved = k.csat.response.rate.unwrap_or(0.0);
    s.reopen = k.reopen.rate.unwrap_or(0.0);
    s.escalation = k.escalation.rate.unwrap_or(0.0);
    s
}

#[test]
fn the_default_demo_desk_has_a_live_backlog_mid_week() {
    // generate(7, 150) is what the app seeds; now is a Wednesday afternoon.
    let b = generate(7, 150, now());
    let s = shape(&b, now());
    let share = s.open as f64 / s.tickets as f64;
    assert!((0.25..=0.35).contains(&share), "open share {share}: {s:?}");
    for tier in 1..=4 {
        assert!(
            s.open_by_tier[tier] >= 1,
            "no open ticket in tier {tier}: {s:?}"
        );
    }
    assert!(s.open_by_tier[1] + s.open_by_tier[2] > s.open / 2, "{s:?}");
    assert!(s.breached_open >= 1, "{s:?}");
    // The app's automation has nothing to catch up on when the desk first opens.
    assert_eq!(s.escalation_due, 0, "{s:?}");
    assert!(s.unassigned_new >= 1, "{s:?}");
    assert!(
        s.by_status.get("pending").copied().unwrap_or(0) >= 2,
        "{s:?}"
    );
    assert!(s.open_ages[0] >= 1 && s.open_ages[3] >= 1, "ages: {s:?}");
    assert!(
        s.open_ages[4] * 10 <= s.open,
        "few open for over two weeks: {s:?}"
    );
    assert!(
        (0.25..=0.5).contains(&s.fcr),
        "first-contact resolution: {s:?}"
    );
    assert!((0.35..=0.65).contains(&s.rated_of_resolved), "{s:?}");
}

/// Other seeds, and the weekday mornings the app's demo clock starts at, look alike.
#[test]
fn other_seeds_and_mornings_have_a_backlog_too() {
    let monday_morning = Utc.with_ymd_and_hms(2026, 3, 16, 9, 0, 0).unwrap();
    for (seed, at) in [
        (1, now()),
        (2, now()),
        (7, monday_morning),
        (7, monday_morning + Duration::days(4)),
    ] {
        let s = shape(&generate(seed, 150, at), at);
        let share = s.open as f64 / s.tickets as f64;
        assert!((0.2..=0.4).contains(&share), "seed {seed} at {at}: {s:?}");
        assert_eq!(s.escalation_due, 0, "seed {seed} at {at}: {s:?}");
        assert!((0.25..=0.5).contains(&s.fcr), "seed {seed} at {at}: {s:?}");
        assert!(s.unassigned_new >= 1, "seed {seed} at {at}: {s:?}");
        // Mostly happy requesters, some unhappy ones.
        let [one, two, three, four, five] = s.scores;
        assert!(
            four + five > 2 * (one + two + three) && one + two > 0,
            "{s:?}"
        );
    }
}
