use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::demo;
use crate::domain::model::*;

/// Monday 2 March 2026, 09:00 UTC.
fn monday(h: u32, m: u32) -> Time {
    Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap()
}

/// The default configuration with the demo desk's staff in every tier.
fn staffed() -> DeskConfig {
    demo::generate(1, 0, monday(0, 0)).config
}

#[test]
fn smoke() {
    let cfg = staffed();
    let sc = Scenario::generate(7, monday(9, 0), 24, &cfg);
    let mut sim = Sim::new(sc, &cfg, WorkMode::Tiered);
    sim.advance_to(monday(9, 0) + Duration::hours(30));
    let r = sim.result();
    eprintln!("tickets {} events {} errors {:?}", r.tickets.len(), r.events.len(), sim.errors());
}

fn stats(r: &SimResult) -> String {
    use std::collections::BTreeMap;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut causes: BTreeMap<String, usize> = BTreeMap::new();
    for e in &r.events {
        *kinds.entry(e.kind.name()).or_default() += 1;
        if let EventKind::TierChanged { from, to, cause, .. } = &e.kind {
            *causes.entry(format!("{}->{} {:?}", from.0, to.0, cause)).or_default() += 1;
        }
    }
    let mut status: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &r.tickets {
        *status.entry(t.status.as_str()).or_default() += 1;
    }
    let logged: u32 = r.events.iter().map(|e| match e.kind { EventKind::TimeLogged { minutes } => minutes, _ => 0 }).sum();
    format!("{:?}\n{kinds:?}\n{causes:?}\n{status:?} logged {logged}", r.mode)
}

#[test]
fn probe() {
    let cfg = staffed();
    let (a, b) = compare(7, monday(9, 0), 24, &cfg, monday(9, 0) + Duration::hours(48));
    eprintln!("{}\n{}", stats(&a), stats(&b));
}

fn resolution_minutes(r: &SimResult, sc: &Scenario, complex: bool) -> Vec<i64> {
    let mut out = vec![];
    for t in &r.tickets {
        let plan = &sc.arrivals[(t.id - 1) as usize].plan;
        if (plan.solve_tier >= Tier(2)) != complex {
            continue;
        }
        let hist: Vec<&Event> = r.events.iter().filter(|e| e.ticket == t.id).collect();
        if let Some(e) = hist.iter().find(|e| matches!(e.kind, EventKind::StatusChanged { to: Status::Resolved, .. })) {
            out.push((e.at - t.created_at).num_minutes());
        }
    }
    out.sort();
    out
}

#[test]
fn probe2() {
    let cfg = staffed();
    for seed in [1u64, 2, 3] {
        let sc = Scenario::generate(seed, monday(9, 0), 24, &cfg);
        let (a, b) = compare(seed, monday(9, 0), 24, &cfg, monday(9, 0) + Duration::hours(96));
        for r in [&a, &b] {
            let c = resolution_minutes(r, &sc, true);
            let s = resolution_minutes(r, &sc, false);
            let logged: u32 = r.events.iter().map(|e| match e.kind { EventKind::TimeLogged { minutes } => minutes, _ => 0 }).sum();
            let tl = r.events.iter().filter(|e| matches!(e.kind, EventKind::TierChanged { cause: EscalationCause::TierLimit, .. })).count();
            eprintln!("{seed} {:?} complex n={} median={} simple n={} median={} logged={logged} tierlimit={tl}", r.mode, c.len(), c.get(c.len()/2).copied().unwrap_or(0), s.len(), s.get(s.len()/2).copied().unwrap_or(0));
        }
    }
}

#[test]
fn probe3() {
    let cfg = staffed();
    let seed = 3;
    let sc = Scenario::generate(seed, monday(9, 0), 24, &cfg);
    let (a, b) = compare(seed, monday(9, 0), 24, &cfg, monday(9, 0) + Duration::hours(96));
    let logged = |r: &SimResult, id: u64| -> u32 { r.events.iter().filter(|e| e.ticket == id).map(|e| match e.kind { EventKind::TimeLogged { minutes } => minutes, _ => 0 }).sum() };
    for t in &a.tickets {
        let (x, y) = (logged(&a, t.id), logged(&b, t.id));
        let p = &sc.arrivals[(t.id - 1) as usize].plan;
        if x > y + 20 {
            eprintln!("#{} S={} tiered={x} swarm={y} steps={:?}", t.id, p.solve_tier.0, p.steps.iter().map(|s| (s.work, s.hands_on)).collect::<Vec<_>>());
            for e in a.events.iter().filter(|e| e.ticket == t.id) { eprintln!("   T {} {:?} {:?}", e.at.format("%a %H:%M"), e.actor, e.kind); }
            for e in b.events.iter().filter(|e| e.ticket == t.id) { eprintln!("   S {} {:?} {:?}", e.at.format("%a %H:%M"), e.actor, e.kind); }
            break;
        }
    }
}
