//! Demo-mode scenario simulator: tickets arrive, simulated agents and requesters work them
//! through the tiers, SLA clocks run, pause and breach, faster than real time.
//!
//! Design:
//! - [`Scenario::generate`] draws everything random up front (arrivals, each ticket's kind,
//!   the tier that can solve it, working times, the requester's later behaviour). The
//!   simulation itself is deterministic given the scenario, and the same scenario can be
//!   played in [`WorkMode::Tiered`] and [`WorkMode::Swarm`] with the same numbers.
//! - [`Sim`] keeps the tickets, their histories and a time-ordered queue of pending actions
//!   (arrivals, agents' and requesters' next steps, automation checks). `advance_to(t)` runs
//!   every action due up to `t` in (time, insertion) order and stamps each event with the
//!   instant of its action, never with `t`; so one jump to `t` and many small steps end in
//!   the same state. Nothing is rescanned per step: a step with nothing due costs one queue
//!   lookup.
//! - Everything goes through the real domain: `ticket::create`/`apply`, routing, automatic
//!   assignment, and `escalation::due_escalations`/`apply_escalation` for tier limits and
//!   SLA breaches. Each open ticket has one automation check queued, at its next SLA warning
//!   or due instant (plus a second, since a target is breached only once it is past), so the
//!   demo clock can also jump to the moment a clock turns.
//! - Hand changes: the app applies the user's command to its copy of the ticket as usual and
//!   hands the result to [`Sim::sync_ticket`]. The simulator takes the ticket and history as
//!   they are and re-plans that ticket from its state: its queued agent steps are dropped and
//!   the next step follows from the new state (a resolved ticket is not worked any more, an
//!   escalated one is picked up by the new tier, a reassigned one by its new owner); the
//!   requester still answers, reopens or rates as planned. This is cleaner than passing all
//!   tickets into every `advance_to`: the simulator owns its queue and would otherwise have to
//!   compare every ticket on every step to find the one the user touched.
//! - Tickets are numbered from `first_id` (1 unless set with [`Sim::with_first_id`]) in
//!   arrival order; tickets the user opens by hand during a run are adopted by `sync_ticket`
//!   with a plan of the "other" kind. Event ids are `sim-<seed>-<t|s>-<n>`.

mod agents;
mod automation;
mod flow;
mod kinds;
mod requesters;
mod scenario;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::Duration;

pub use scenario::{
    default_tier_work, Arrival, Plan, RatingPlan, RequesterPlan, Scenario, TierStep, TierWork,
};

use super::assignment::Workload;
use super::calendar::BusinessClock;
use super::desk::{DeskConfig, WorkMode};
pub use super::escalation::TicketUpdate;
use super::model::{Event, Ticket, TicketId, Tier, Time};
use super::rng::Rng;
use super::sla::SlaEngine;
use super::ticket::SeqIds;

/// A queue position: when, then insertion order.
type Key = (Time, u64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AgentStep {
    /// An agent of the tier opens the ticket (and takes it if nobody owns it).
    Pickup,
    FirstReply,
    /// Solves it, hands it on, asks the swarm, or gives up until the tier limit moves it.
    Work,
    /// The vendor delivers its fix.
    VendorReturn,
    /// Taken off hold after waiting on a third party (put on hold by hand).
    Resume,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FollowUp {
    /// The requester answers a question (the ticket is pending).
    Answer,
    Reopen,
    Rate,
    /// The system closes a resolved ticket after the reopen window.
    Close,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Arrive(usize),
    Agent(TicketId, AgentStep),
    Follow(TicketId, FollowUp),
    /// Automation: due escalations, then assignment.
    Check(TicketId),
}

/// One ticket in the simulation.
#[derive(Debug, Clone)]
struct Live {
    ticket: Ticket,
    /// The whole history, in the order it was written.
    events: Vec<Event>,
    plan: Plan,
    /// Queued agent steps (dropped when the ticket changes hands).
    agent_keys: Vec<Key>,
    /// Queued requester (and closing) steps.
    follow_keys: Vec<Key>,
    check_key: Option<Key>,
    /// An agent of the current tier has opened it.
    picked: bool,
    asked: bool,
    reopened: bool,
    /// Solved once already (reopened): the fix is known, the next round is short.
    solved_once: bool,
    /// The vendor delivered a fix: any tier can now close it.
    vendor_done: bool,
    /// Swarm mode: waiting on the vendor, who helps.
    vendor_case: bool,
    /// Swarm mode: helpers were called in.
    swarmed: bool,
}

/// Everything a simulation run produced up to `at`, for KPIs and comparisons.
#[derive(Debug, Clone, PartialEq)]
pub struct SimResult {
    pub mode: WorkMode,
    pub at: Time,
    /// Sorted by id.
    pub tickets: Vec<Ticket>,
    /// By ticket, then in history order.
    pub events: Vec<Event>,
}

/// Read-only inputs of a step: configuration, compiled calendars, the script.
struct World<'a> {
    cfg: &'a DeskConfig,
    engine: SlaEngine<'a>,
    /// Tiers 0 to 4.
    clocks: &'a [BusinessClock],
    scenario: &'a Scenario,
    mode: WorkMode,
}

impl<'a> World<'a> {
    fn new(
        cfg: &'a DeskConfig,
        clocks: &'a [BusinessClock],
        scenario: &'a Scenario,
        mode: WorkMode,
    ) -> World<'a> {
        World {
            cfg,
            engine: SlaEngine::new(cfg),
            clocks,
            scenario,
            mode,
        }
    }
}

/// Mutable simulation state.
#[derive(Clone)]
struct State {
    live: BTreeMap<TicketId, Live>,
    queue: BTreeMap<Key, Action>,
    next_key: u64,
    ids: SeqIds,
    workload: Workload,
    /// The simulated instant reached so far.
    now: Time,
    first_id: TicketId,
    errors: Vec<String>,
}

/// A running simulation. See the module notes. Cloning gives an independent copy (to try a
/// "what if" without disturbing the original).
#[derive(Clone)]
pub struct Sim {
    cfg: DeskConfig,
    scenario: Scenario,
    clocks: Vec<BusinessClock>,
    mode: WorkMode,
    st: State,
}

impl Sim {
    /// A simulation of `scenario` on a copy of `cfg` (its work mode set to `mode`, which is
    /// what the escalation engine reads). The agents are `cfg`'s agents: a tier without any
    /// leaves its tickets waiting (the demo desk's configuration has staff in every tier).
    pub fn new(scenario: Scenario, cfg: &DeskConfig, mode: WorkMode) -> Sim {
        let mut cfg = cfg.clone();
        cfg.general.mode = mode;
        let clocks = (0..=4)
            .map(|t| match cfg.tier(Tier(t)) {
                Some(tc) => BusinessClock::for_calendar_id(&cfg, &tc.calendar),
                None => BusinessClock::always(),
            })
            .collect();
        let letter = match mode {
            WorkMode::Tiered => 't',
            WorkMode::Swarm => 's',
        };
        let mut st = State {
            live: BTreeMap::new(),
            queue: BTreeMap::new(),
            next_key: 0,
            ids: SeqIds::new(&format!("sim-{:x}-{letter}-", scenario.seed)),
            workload: Workload::default(),
            now: scenario.start,
            first_id: 1,
            errors: vec![],
        };
        for (i, a) in scenario.arrivals.iter().enumerate() {
            st.push(a.at, Action::Arrive(i));
        }
        Sim {
            cfg,
            scenario,
            clocks,
            mode,
            st,
        }
    }

    /// Numbers the simulated tickets from `first` (call before advancing), e.g. past the
    /// tickets a demo desk already holds.
    pub fn with_first_id(mut self, first: TicketId) -> Sim {
        self.st.first_id = first.max(1);
        self
    }

    /// Runs everything due up to `t` (inclusive) in time order and returns the tickets that
    /// changed, by id, each with its new events. A `t` before the current instant does nothing.
    pub fn advance_to(&mut self, t: Time) -> Vec<TicketUpdate> {
        let due = self
            .st
            .queue
            .first_key_value()
            .is_some_and(|(k, _)| k.0 <= t);
        if !due {
            self.st.now = self.st.now.max(t);
            return vec![];
        }
        let w = World::new(&self.cfg, &self.clocks, &self.scenario, self.mode);
        let mut touched: BTreeMap<TicketId, usize> = BTreeMap::new();
        while let Some(entry) = self.st.queue.first_entry() {
            if entry.key().0 > t {
                break;
            }
            let (key, action) = entry.remove_entry();
            self.st.run(&w, key, action, &mut touched);
        }
        self.st.now = self.st.now.max(t);
        touched
            .into_iter()
            .filter_map(|(id, from)| {
                let l = self.st.live.get(&id)?;
                let events = l.events.get(from..).unwrap_or_default().to_vec();
                (!events.is_empty()).then(|| TicketUpdate {
                    ticket: l.ticket.clone(),
                    events,
                })
            })
            .collect()
    }

    /// When the next queued action happens (an arrival, someone's next step, or an SLA clock
    /// reaching its warning or due time); `None` when nothing more will happen.
    pub fn next_event_at(&self) -> Option<Time> {
        self.st.queue.first_key_value().map(|(k, _)| k.0)
    }

    /// Takes a ticket the user changed by hand (its snapshot and whole history) and re-plans
    /// it from its new state; see the module notes. A ticket the simulation does not know
    /// (opened by hand) is adopted and worked like the others.
    pub fn sync_ticket(&mut self, ticket: Ticket, events: Vec<Event>) {
        let w = World::new(&self.cfg, &self.clocks, &self.scenario, self.mode);
        self.st.sync(&w, ticket, events);
    }

    pub fn mode(&self) -> WorkMode {
        self.mode
    }

    /// The simulated instant reached so far.
    pub fn now(&self) -> Time {
        self.st.now
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The configuration the simulation runs on (the given one, with the work mode set).
    pub fn config(&self) -> &DeskConfig {
        &self.cfg
    }

    /// The ids the scenario's tickets get (whether or not they have arrived yet).
    pub fn id_range(&self) -> std::ops::Range<TicketId> {
        let first = self.st.first_id;
        first..first + self.scenario.arrivals.len() as TicketId
    }

    /// One ticket and its history.
    pub fn ticket(&self, id: TicketId) -> Option<(&Ticket, &[Event])> {
        self.st
            .live
            .get(&id)
            .map(|l| (&l.ticket, l.events.as_slice()))
    }

    /// How a ticket is scripted to go (its kind, the tier that can solve it, the requester's
    /// behaviour), e.g. for a trainer's "why did this happen" panel.
    pub fn plan(&self, id: TicketId) -> Option<&Plan> {
        self.st.live.get(&id).map(|l| &l.plan)
    }

    /// The tickets that exist so far, by id.
    pub fn tickets(&self) -> Vec<Ticket> {
        self.st.live.values().map(|l| l.ticket.clone()).collect()
    }

    /// All events so far, by ticket, then in history order.
    pub fn events(&self) -> Vec<Event> {
        self.st
            .live
            .values()
            .flat_map(|l| l.events.iter().cloned())
            .collect()
    }

    pub fn result(&self) -> SimResult {
        SimResult {
            mode: self.mode,
            at: self.st.now,
            tickets: self.tickets(),
            events: self.events(),
        }
    }

    /// How many actions are queued.
    pub fn pending_actions(&self) -> usize {
        self.st.queue.len()
    }

    /// Commands the domain refused during the run, as sentences. Empty unless the simulated
    /// script and a hand change collide in a way the script did not foresee.
    pub fn errors(&self) -> &[String] {
        &self.st.errors
    }
}

/// Runs the same scenario in tiered and in swarm mode up to `at` and returns both outcomes
/// (tiered first), so that the UI can compute KPIs for each side.
pub fn compare(
    seed: u64,
    start: Time,
    hours: u32,
    cfg: &DeskConfig,
    at: Time,
) -> (SimResult, SimResult) {
    let scenario = Scenario::generate(seed, start, hours, cfg);
    let run = |mode| {
        let mut sim = Sim::new(scenario.clone(), cfg, mode);
        sim.advance_to(at);
        sim.result()
    };
    (run(WorkMode::Tiered), run(WorkMode::Swarm))
}

impl State {
    fn push(&mut self, at: Time, action: Action) -> Key {
        let key = (at, self.next_key);
        self.next_key += 1;
        self.queue.insert(key, action);
        key
    }

    fn run(
        &mut self,
        w: &World,
        key: Key,
        action: Action,
        touched: &mut BTreeMap<TicketId, usize>,
    ) {
        let at = key.0;
        let id = match action {
            Action::Arrive(i) => self.first_id + i as TicketId,
            Action::Agent(id, _) | Action::Follow(id, _) | Action::Check(id) => id,
        };
        let before = self.live.get(&id).map_or(0, |l| l.events.len());
        touched.entry(id).or_insert(before);
        if let Some(l) = self.live.get_mut(&id) {
            l.agent_keys.retain(|k| *k != key);
            l.follow_keys.retain(|k| *k != key);
            if l.check_key == Some(key) {
                l.check_key = None;
            }
        }
        match action {
            Action::Arrive(i) => self.arrive(w, i, at),
            Action::Agent(id, step) => self.agent_step(w, id, step, at),
            Action::Follow(id, step) => self.follow_up(w, id, step, at),
            Action::Check(id) => self.check(w, id, at),
        }
        let after = self.live.get(&id).map_or(0, |l| l.events.len());
        if after > before || matches!(action, Action::Check(_)) {
            self.reschedule_check(w, id, at);
        }
    }

    /// Queues the ticket's automation check at its next SLA warning or due instant.
    fn reschedule_check(&mut self, w: &World, id: TicketId, now: Time) {
        let Some(l) = self.live.get_mut(&id) else {
            return;
        };
        if let Some(k) = l.check_key.take() {
            self.queue.remove(&k);
        }
        if !l.ticket.status.is_open() || l.ticket.merged_into.is_some() {
            return;
        }
        let sla = w.engine.evaluate(&l.ticket, &l.events, now);
        let next = sla
            .metrics
            .iter()
            .filter(|m| m.state.is_running())
            .flat_map(|m| [m.warn_at, m.due_at])
            .flatten()
            .map(|x| x + Duration::seconds(1))
            .filter(|x| *x > now)
            .min();
        if let Some(at) = next {
            let key = self.push(at, Action::Check(id));
            if let Some(l) = self.live.get_mut(&id) {
                l.check_key = Some(key);
            }
        }
    }

    fn sync(&mut self, w: &World, ticket: Ticket, mut events: Vec<Event>) {
        events.sort_by_key(|e| (e.seq, e.at));
        let id = ticket.id;
        let last = events.iter().map(|e| e.at).max();
        let now = last.map_or(self.now, |l| l.max(self.now));
        let Some(l) = self.live.get_mut(&id) else {
            self.adopt(w, ticket, events, now);
            return;
        };
        let old = std::mem::replace(&mut l.ticket, ticket);
        let known = l.events.len();
        let same_prefix =
            events.len() >= known && events.iter().zip(&l.events).all(|(a, b)| a.id == b.id);
        let added: &[Event] = if same_prefix { &events[known..] } else { &[] };
        self.workload.note_change(&old, &l.ticket, added);
        l.events = events;
        let t = &l.ticket;
        if t.tier != old.tier || t.assignee != old.assignee {
            l.picked = false;
        }
        if t.status != old.status {
            if t.status == super::model::Status::Resolved {
                l.solved_once = l.solved_once || old.status.is_open();
            }
            self.cancel_follow_ups(id);
            self.after_status_change(w, id, now);
        }
        self.plan_next(w, id, now);
        // Whatever the user changed may have made an escalation due: look right away.
        if let Some(l) = self.live.get_mut(&id) {
            if let Some(k) = l.check_key.take() {
                self.queue.remove(&k);
            }
        }
        let key = self.push(now + Duration::seconds(1), Action::Check(id));
        if let Some(l) = self.live.get_mut(&id) {
            l.check_key = Some(key);
        }
    }

    /// A ticket opened by hand: worked like the others with a plan of the "other" kind.
    fn adopt(&mut self, w: &World, ticket: Ticket, events: Vec<Event>, now: Time) {
        let mut rng = Rng::new(w.scenario.seed ^ ticket.id.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let plan = scenario::plan(&mut rng, &kinds::OTHER, &w.scenario.work);
        let id = ticket.id;
        self.workload.note_change(
            &Ticket {
                assignee: None,
                ..ticket.clone()
            },
            &ticket,
            &events,
        );
        self.live.insert(id, Live::new(ticket, events, plan));
        self.after_status_change(w, id, now);
        self.plan_next(w, id, now);
        let key = self.push(now + Duration::seconds(1), Action::Check(id));
        if let Some(l) = self.live.get_mut(&id) {
            l.check_key = Some(key);
        }
    }
}

impl Live {
    fn new(ticket: Ticket, events: Vec<Event>, plan: Plan) -> Live {
        Live {
            ticket,
            events,
            plan,
            agent_keys: vec![],
            follow_keys: vec![],
            check_key: None,
            picked: false,
            asked: false,
            reopened: false,
            solved_once: false,
            vendor_done: false,
            vendor_case: false,
            swarmed: false,
        }
    }
}
