//! The script of a simulation: who writes in when, about what, and how each ticket would go.
//!
//! Everything random is drawn here, once, so that the same scenario plays out in tiered and
//! in swarm mode with the same numbers, and the simulation itself needs no random numbers.

use chrono::Duration;

use super::kinds::{self, Kind, KINDS};
use crate::domain::calendar::BusinessClock;
use crate::domain::desk::DeskConfig;
use crate::domain::model::{Channel, Requester, Tier, Time};
use crate::domain::rng::Rng;
use crate::domain::ticket::NewTicket;

/// How the simulated agents of one tier work. Minutes are business minutes on the tier's
/// calendar; ranges are inclusive and drawn uniformly per ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct TierWork {
    /// From the ticket reaching the tier until an agent opens it.
    pub pickup: (u32, u32),
    /// From opening it to the first answer in this tier.
    pub first_reply: (u32, u32),
    /// Chance that a ticket of typical difficulty that reaches this tier is solved here by
    /// the tier's scripts; each kind of request bends it by its complexity.
    pub solve: f64,
    /// Chance that an agent who cannot solve it hands it on by hand, rather than leaving it
    /// until the tier's time limit moves it.
    pub escalate: f64,
    /// Work to solve it (below the solving tier, a share of it is spent before handing on).
    pub resolve: (u32, u32),
}

/// Tier 0 (self-service) has no agents; Tier 4 is the outside vendor, which takes days.
pub fn default_tier_work() -> [TierWork; 5] {
    let w = |pickup, first_reply, solve, escalate, resolve| TierWork {
        pickup,
        first_reply,
        solve,
        escalate,
        resolve,
    };
    [
        w((0, 0), (0, 0), 0.0, 1.0, (0, 0)),
        w((1, 5), (0, 2), 0.7, 0.7, (2, 10)),
        w((5, 45), (2, 15), 0.75, 0.65, (20, 150)),
        w((15, 120), (5, 30), 0.7, 0.8, (60, 480)),
        w((30, 240), (15, 120), 1.0, 0.0, (480, 1920)),
    ]
}

/// The numbers drawn for one ticket in one tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TierStep {
    pub pickup: u32,
    pub first_reply: u32,
    pub work: u32,
    /// Below the solving tier: the agent hands on by hand (otherwise the tier limit does).
    pub hands_on: bool,
}

/// A requester's rating: when (wall-clock minutes after resolution) and their mood (1 to 5),
/// from which the score is worked out once the outcome is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingPlan {
    pub after: u32,
    pub mood: u8,
}

/// What the requester will do. Minutes are wall-clock minutes: requesters answer at night too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequesterPlan {
    /// Tier 1 asks for details with its first reply and waits (pending) for the answer.
    pub asked: bool,
    pub answer_after: u32,
    /// Writes "still broken" this long after the first resolution, reopening the ticket.
    pub reopen_after: Option<u32>,
    pub rating: Option<RatingPlan>,
}

/// How one ticket would go.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The kind of request (a fixed id such as "vpn" or "password"; "other" for tickets
    /// opened by hand).
    pub kind: &'static str,
    /// The lowest tier whose scripts solve it; 4 means only the vendor can.
    pub solve_tier: Tier,
    /// Per tier 0 to 4.
    pub steps: [TierStep; 5],
    pub requester: RequesterPlan,
}

/// One incoming ticket.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    pub at: Time,
    pub ticket: NewTicket,
    pub plan: Plan,
}

/// A timeline of incoming tickets with every ticket's future, for one seed.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub seed: u64,
    pub start: Time,
    pub hours: u32,
    /// Sorted by time.
    pub arrivals: Vec<Arrival>,
    /// Per tier 0 to 4.
    pub work: [TierWork; 5],
}

impl Scenario {
    /// Arrivals over `hours` hours from `start`: 4 to 10 an hour while Tier 1 is open, a
    /// few outside. `cfg` gives Tier 1's calendar and the priority matrix.
    pub fn generate(seed: u64, start: Time, hours: u32, cfg: &DeskConfig) -> Scenario {
        let work = default_tier_work();
        let mut rng = Rng::new(seed);
        let mut times_rng = rng.fork(1);
        let mut people_rng = rng.fork(2);
        let mut plan_rng = rng.fork(3);
        let calendar = cfg
            .tier(Tier(1))
            .map_or(cfg.general.default_calendar.as_str(), |t| {
                t.calendar.as_str()
            });
        let clock = BusinessClock::for_calendar_id(cfg, calendar);
        let times = arrival_times(&mut times_rng, &clock, start, hours);
        let weights: Vec<u32> = KINDS.iter().map(|k| k.weight).collect();
        let arrivals = times
            .into_iter()
            .map(|at| {
                let kind = &KINDS[people_rng.weighted(&weights).unwrap_or(0)];
                Arrival {
                    at,
                    ticket: new_ticket(&mut people_rng, kind, cfg),
                    plan: plan(&mut plan_rng, kind, &work),
                }
            })
            .collect();
        Scenario {
            seed,
            start,
            hours,
            arrivals,
            work,
        }
    }
}

/// Arrival instants, sorted: a Poisson number per hour, uniform within the hour.
fn arrival_times(rng: &mut Rng, clock: &BusinessClock, start: Time, hours: u32) -> Vec<Time> {
    let mut out = vec![];
    for h in 0..i64::from(hours) {
        let from = start + Duration::hours(h);
        let open = clock.is_open(from + Duration::minutes(30));
        let rate = if open {
            4.0 + 6.0 * rng.unit()
        } else {
            0.2 + rng.unit()
        };
        let n = poisson(rng, rate);
        let mut hour: Vec<Time> = (0..n)
            .map(|_| from + Duration::seconds(rng.range(0, 3599)))
            .collect();
        hour.sort();
        out.extend(hour);
    }
    out
}

/// Knuth's method; fine for the small rates used here.
fn poisson(rng: &mut Rng, rate: f64) -> u32 {
    let limit = (-rate).exp();
    let mut p = 1.0;
    let mut k = 0;
    loop {
        p *= rng.unit();
        if p <= limit || k >= 100 {
            return k;
        }
        k += 1;
    }
}

fn new_ticket(rng: &mut Rng, kind: &Kind, cfg: &DeskConfig) -> NewTicket {
    let first = rng.pick(kinds::FIRST_NAMES).copied().unwrap_or("Alex");
    let last = rng.pick(kinds::LAST_NAMES).copied().unwrap_or("Doe");
    let org = rng.pick(kinds::ORGS).map(|o| o.to_string());
    // People rate their own problem a little more urgent than the typical case.
    let shift = |rng: &mut Rng, x: u8| {
        let d = rng.weighted(&[20, 65, 15]).unwrap_or(1) as i16 - 1;
        (i16::from(x) + d).clamp(1, 3) as u8
    };
    let (impact, urgency) = (shift(rng, kind.impact), shift(rng, kind.urgency));
    const CHANNELS: [(Channel, u32); 5] = [
        (Channel::Portal, 40),
        (Channel::Email, 30),
        (Channel::Phone, 15),
        (Channel::Chat, 10),
        (Channel::Kiosk, 5),
    ];
    let channel = CHANNELS[rng.weighted(&CHANNELS.map(|c| c.1)).unwrap_or(0)].0;
    NewTicket {
        subject: rng
            .pick(kind.subjects)
            .copied()
            .unwrap_or("Request")
            .to_string(),
        description: rng
            .pick(kind.descriptions)
            .copied()
            .unwrap_or("")
            .to_string(),
        requester: Requester {
            name: format!("{first} {last}"),
            email: format!(
                "{}.{}@example.org",
                first.to_lowercase(),
                last.to_lowercase()
            ),
            org,
        },
        priority: cfg.matrix.priority(impact, urgency).unwrap_or_default(),
        impact: Some(impact),
        urgency: Some(urgency),
        tier: Tier(1),
        category: Some(kind.category.to_string()),
        tags: kind.tags.iter().map(|t| t.to_string()).collect(),
        channel,
        fields: Default::default(),
    }
}

fn draw(rng: &mut Rng, (lo, hi): (u32, u32)) -> u32 {
    rng.range(i64::from(lo), i64::from(hi)) as u32
}

/// Draws one ticket's future. The number of draws is fixed, so one ticket's choices never
/// shift the next ticket's.
pub(super) fn plan(rng: &mut Rng, kind: &Kind, work: &[TierWork; 5]) -> Plan {
    let mut solve_tier = Tier(4);
    for t in 1..=3u8 {
        let p = work[usize::from(t)].solve.powf(kind.complexity);
        if rng.chance(p) && solve_tier == Tier(4) {
            solve_tier = Tier(t);
        }
    }
    let steps = std::array::from_fn(|t| TierStep {
        pickup: draw(rng, work[t].pickup),
        first_reply: draw(rng, work[t].first_reply),
        work: draw(rng, work[t].resolve),
        hands_on: rng.chance(work[t].escalate),
    });
    let asked = rng.chance(0.25);
    let answer_after = match rng.weighted(&[70, 25, 5]).unwrap_or(0) {
        0 => rng.range(5, 60),
        1 => rng.range(60, 240),
        _ => rng.range(240, 1440),
    } as u32;
    let reopen = rng.chance(0.06);
    let reopen_after = rng.range(30, 600) as u32;
    let rates = rng.chance(0.5);
    let rating = RatingPlan {
        after: rng.range(5, 240) as u32,
        mood: rng.weighted(&[3, 4, 9, 30, 54]).unwrap_or(3) as u8 + 1,
    };
    Plan {
        kind: kind.id,
        solve_tier,
        steps,
        requester: RequesterPlan {
            asked,
            answer_after,
            reopen_after: reopen.then_some(reopen_after),
            rating: rates.then_some(rating),
        },
    }
}
