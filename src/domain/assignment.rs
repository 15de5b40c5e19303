//! Automatic assignment: who gets an unassigned ticket.
//!
//! The method comes from the ticket's group, or from its tier when it has no (known) group.
//! An agent is eligible when they work in the ticket's tier, belong to its group (if any), are
//! not marked away, are on shift now (their own calendar, else the tier's; an unknown calendar
//! id counts as always on shift) and hold fewer open tickets than their capacity.
//!
//! - Round robin: the eligible agent whose last assignment is longest ago; never-assigned
//!   agents first; ties by agent id.
//! - Least loaded: fewest open tickets (status new or open: the ones whose clocks run); ties as
//!   in round robin, so equal loads still take turns.
//! - Skill-based: only agents with every skill the ticket needs, then least loaded. A ticket
//!   needs the skills listed in its `skills` form field (comma-separated) plus those of its
//!   tags that are a skill of some agent. Skills and tags compare like tags do (lower case,
//!   spaces as dashes). When nobody has all the skills the ticket stays unassigned for a
//!   person to decide, rather than going to someone who cannot solve it.

use std::collections::BTreeMap;

use super::desk::{Agent, AssignmentMethod, DeskConfig};
use super::model::{Actor, AgentId, Event, EventKind, Status, Ticket, Tier, Time};
use super::ticket::{self, normalize_tags, Command, Ctx, DomainError, IdGen};

/// One agent's share of the work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgentLoad {
    /// Tickets assigned to the agent with status new or open.
    pub open: u32,
    pub last_assigned: Option<Time>,
}

/// Every agent's load, computed once from the stored tickets and kept up to date while a
/// bulk run assigns, so that 50 new tickets spread over the team.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Workload {
    pub agents: BTreeMap<AgentId, AgentLoad>,
}

/// Whether a ticket counts against its assignee's capacity.
fn counts(t: &Ticket) -> bool {
    t.merged_into.is_none() && matches!(t.status, Status::New | Status::Open)
}

impl Workload {
    /// Open counts from the tickets, last assignment times from the `Assigned` events (of
    /// any tickets; the order of `events` does not matter).
    pub fn from_tickets(tickets: &[Ticket], events: &[Event]) -> Workload {
        let mut w = Workload::default();
        for t in tickets.iter().filter(|t| counts(t)) {
            if let Some(a) = &t.assignee {
                w.agents.entry(a.clone()).or_default().open += 1;
            }
        }
        for e in events {
            if let EventKind::Assigned { to: Some(a), .. } = &e.kind {
                w.saw_assignment(a, e.at);
            }
        }
        w
    }

    pub fn get(&self, agent: &str) -> AgentLoad {
        self.agents.get(agent).copied().unwrap_or_default()
    }

    fn saw_assignment(&mut self, agent: &str, at: Time) {
        let load = self.agents.entry(agent.to_string()).or_default();
        load.last_assigned = Some(load.last_assigned.map_or(at, |l| l.max(at)));
    }

    /// Updates the loads after `before` became `after` through `new_events`: any change of
    /// assignee or status, by any command.
    pub fn note_change(&mut self, before: &Ticket, after: &Ticket, new_events: &[Event]) {
        if let (true, Some(a)) = (counts(before), &before.assignee) {
            let load = self.agents.entry(a.clone()).or_default();
            load.open = load.open.saturating_sub(1);
        }
        if let (true, Some(a)) = (counts(after), &after.assignee) {
            self.agents.entry(a.clone()).or_default().open += 1;
        }
        for e in new_events {
            if let EventKind::Assigned { to: Some(a), .. } = &e.kind {
                self.saw_assignment(a, e.at);
            }
        }
    }
}

/// The ticket's group when it belongs to the ticket's tier. After an escalation the ticket
/// keeps its old group; that group must not narrow who in the new tier can take it.
fn group_in_tier<'a>(ticket: &Ticket, cfg: &'a DeskConfig) -> Option<&'a crate::domain::desk::Group> {
    let id = ticket.group.as_deref()?;
    cfg.groups.iter().find(|g| g.id == id && g.tier == ticket.tier)
}

/// How the ticket's group (or else its tier) hands out work.
pub fn method_for(ticket: &Ticket, cfg: &DeskConfig) -> AssignmentMethod {
    if let Some(g) = group_in_tier(ticket, cfg) {
        return g.assignment;
    }
    cfg.tier(ticket.tier)
        .map_or(AssignmentMethod::Manual, |t| t.assignment)
}

/// Whether the agent works at `now`: their own calendar, else the calendar of `tier`.
/// No calendar, or an id the desk does not have, means always on shift.
pub fn on_shift(agent: &Agent, tier: Tier, cfg: &DeskConfig, now: Time) -> bool {
    let id = agent
        .calendar
        .as_deref()
        .or_else(|| cfg.tier(tier).map(|t| t.calendar.as_str()));
    match id.and_then(|id| cfg.calendar(id)) {
        Some(cal) => cal.is_open(now),
        None => true,
    }
}

/// Whether the agent may receive this ticket now (see the module notes).
pub fn eligible(
    agent: &Agent,
    ticket: &Ticket,
    cfg: &DeskConfig,
    load: AgentLoad,
    now: Time,
) -> bool {
    agent.tiers.contains(&ticket.tier)
        && group_in_tier(ticket, cfg).is_none_or(|g| agent.groups.contains(&g.id))
        && !agent.away
        && load.open < agent.capacity
        && on_shift(agent, ticket.tier, cfg, now)
}

fn norm(list: &[String]) -> Vec<String> {
    normalize_tags(list)
}

/// The skills a ticket needs: its `skills` field plus its tags that some agent has as a skill.
pub fn needed_skills(ticket: &Ticket, cfg: &DeskConfig) -> Vec<String> {
    let mut need: Vec<String> = ticket
        .fields
        .get("skills")
        .map(|s| s.split(',').map(str::to_string).collect::<Vec<_>>())
        .unwrap_or_default();
    let known: Vec<String> = cfg.agents.iter().flat_map(|a| norm(&a.skills)).collect();
    need.extend(ticket.tags.iter().filter(|t| known.contains(t)).cloned());
    norm(&need)
}

/// Never-assigned first, then the longest ago; ties by id.
fn turn_key(id: &str, load: AgentLoad) -> (bool, Option<Time>, String) {
    (
        load.last_assigned.is_some(),
        load.last_assigned,
        id.to_string(),
    )
}

/// The chosen agent and the reason written in the history, or `None` (manual method, or no
/// eligible agent).
pub fn choose(
    ticket: &Ticket,
    cfg: &DeskConfig,
    workload: &Workload,
    now: Time,
) -> Option<(AgentId, String)> {
    let method = method_for(ticket, cfg);
    let mut pool = cfg
        .agents
        .iter()
        .filter(|a| eligible(a, ticket, cfg, workload.get(&a.id), now));
    let least_loaded = |pool: &mut dyn Iterator<Item = &Agent>| {
        pool.min_by_key(|a| {
            let l = workload.get(&a.id);
            (l.open, turn_key(&a.id, l))
        })
        .map(|a| a.id.clone())
    };
    match method {
        AssignmentMethod::Manual => None,
        AssignmentMethod::RoundRobin => pool
            .min_by_key(|a| turn_key(&a.id, workload.get(&a.id)))
            .map(|a| (a.id.clone(), "round robin".to_string())),
        AssignmentMethod::LeastLoaded => {
            least_loaded(&mut pool).map(|a| (a, "least loaded".to_string()))
        }
        AssignmentMethod::SkillBased => {
            let need = needed_skills(ticket, cfg);
            let mut skilled = pool.filter(|a| {
                let has = norm(&a.skills);
                need.iter().all(|s| has.contains(s))
            });
            let reason = if need.is_empty() {
                "skill-based (no skills needed), least loaded".to_string()
            } else {
                format!("skill-based ({}), least loaded", need.join(", "))
            };
            least_loaded(&mut skilled).map(|a| (a, reason))
        }
    }
}

/// Just the agent [`choose`] picks.
pub fn choose_assignee(
    ticket: &Ticket,
    cfg: &DeskConfig,
    workload: &Workload,
    now: Time,
) -> Option<AgentId> {
    choose(ticket, cfg, workload, now).map(|(a, _)| a)
}

/// Assigns an unassigned, open ticket by its method and updates `workload`. Does nothing for
/// assigned, resolved, closed or merged tickets, the manual method, or when nobody is
/// eligible. Events are recorded as `Actor::System` at `ctx.now`.
pub fn auto_assign(
    ticket: &mut Ticket,
    history: &[Event],
    cfg: &DeskConfig,
    workload: &mut Workload,
    ctx: &Ctx,
    ids: &mut dyn IdGen,
) -> Result<Vec<Event>, DomainError> {
    if ticket.assignee.is_some() || !ticket.status.is_open() || ticket.merged_into.is_some() {
        return Ok(vec![]);
    }
    let Some((agent, reason)) = choose(ticket, cfg, workload, ctx.now) else {
        return Ok(vec![]);
    };
    let ctx = Ctx {
        actor: Actor::System,
        ..ctx.clone()
    };
    let before = ticket.clone();
    let cmd = Command::Assign {
        to: Some(agent),
        reason: Some(reason),
    };
    let events = ticket::apply(ticket, history, cmd, &ctx, ids)?;
    workload.note_change(&before, ticket, &events);
    Ok(events)
}

/// Swarming: a helper from `tier` for the ticket. Same rules as for an owner except that the
/// ticket's group and the agent's capacity do not apply (helping is not owning); the least
/// loaded agent on shift in `tier` who is not already on the ticket, ties by turn.
pub fn choose_helper(
    ticket: &Ticket,
    cfg: &DeskConfig,
    workload: &Workload,
    tier: Tier,
    now: Time,
) -> Option<AgentId> {
    cfg.agents
        .iter()
        .filter(|a| {
            a.tiers.contains(&tier)
                && !a.away
                && ticket.assignee.as_deref() != Some(a.id.as_str())
                && !ticket.helpers.contains(&a.id)
                && on_shift(a, tier, cfg, now)
        })
        .min_by_key(|a| {
            let l = workload.get(&a.id);
            (l.open, turn_key(&a.id, l))
        })
        .map(|a| a.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::defaults::default_config;
    use crate::domain::model::Requester;
    use crate::domain::ticket::{create, NewTicket, SeqIds};
    use chrono::{Duration, TimeZone, Utc};

    /// Monday 2 March 2026, 10:00 UTC: the 12x5 and 8x5 calendars are open.
    fn mon(h: u32, m: u32) -> Time {
        Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap()
    }

    fn agent(id: &str, tiers: &[u8]) -> Agent {
        Agent {
            id: id.into(),
            name: id.to_uppercase(),
            email: String::new(),
            tiers: tiers.iter().map(|t| Tier(*t)).collect(),
            groups: vec![],
            skills: vec![],
            capacity: 10,
            away: false,
            calendar: None,
            admin: false,
        }
    }

    fn cfg(method: AssignmentMethod, agents: Vec<Agent>) -> DeskConfig {
        let mut c = default_config();
        c.agents = agents;
        for t in &mut c.tiers {
            t.assignment = method;
        }
        c
    }

    fn ticket(id: u64, tier: u8) -> (Ticket, Vec<Event>) {
        let new = NewTicket {
            subject: format!("Ticket {id}"),
            requester: Requester {
                name: "Dana".into(),
                ..Default::default()
            },
            tier: Tier(tier),
            ..Default::default()
        };
        create(
            id,
            new,
            &Ctx::new(mon(8, 0), Actor::Requester),
            &mut SeqIds::new(&format!("t{id}-")),
        )
        .unwrap()
    }

    fn assigned(id: u64, who: &str, status: Status) -> Ticket {
        let (mut t, _) = ticket(id, 1);
        t.assignee = Some(who.into());
        t.status = status;
        t
    }

    fn assigned_event(who: &str, at: Time) -> Event {
        Event {
            id: format!("a-{who}-{at}"),
            ticket: 99,
            seq: 1,
            at,
            actor: Actor::System,
            kind: EventKind::Assigned {
                from: None,
                to: Some(who.into()),
                reason: None,
            },
        }
    }

    #[test]
    fn workload_counts_new_and_open_only_and_latest_assignment() {
        let mut merged = assigned(4, "alice", Status::Open);
        merged.merged_into = Some(1);
        let tickets = vec![
            assigned(1, "alice", Status::Open),
            assigned(2, "alice", Status::New),
            assigned(3, "alice", Status::Pending),
            merged,
            assigned(5, "bob", Status::Resolved),
            ticket(6, 1).0,
        ];
        let events = vec![
            assigned_event("bob", mon(9, 0)),
            assigned_event("bob", mon(7, 0)),
        ];
        let w = Workload::from_tickets(&tickets, &events);
        assert_eq!(
            w.get("alice"),
            AgentLoad {
                open: 2,
                last_assigned: None
            }
        );
        assert_eq!(
            w.get("bob"),
            AgentLoad {
                open: 0,
                last_assigned: Some(mon(9, 0))
            }
        );
        assert_eq!(w.get("nobody"), AgentLoad::default());
    }

    #[test]
    fn round_robin_prefers_never_assigned_then_longest_ago_then_id() {
        let c = cfg(
            AssignmentMethod::RoundRobin,
            vec![
                agent("carol", &[1]),
                agent("bob", &[1]),
                agent("alice", &[1]),
            ],
        );
        let (t, _) = ticket(1, 1);
        let mut w = Workload::default();
        // Nobody assigned yet: ties by id.
        assert_eq!(
            choose(&t, &c, &w, mon(10, 0)),
            Some(("alice".into(), "round robin".into()))
        );
        w.saw_assignment("alice", mon(9, 0));
        w.saw_assignment("carol", mon(8, 0));
        // bob has never had one.
        assert_eq!(
            choose_assignee(&t, &c, &w, mon(10, 0)).as_deref(),
            Some("bob")
        );
        w.saw_assignment("bob", mon(9, 30));
        // carol's was longest ago, even though she holds more tickets.
        w.agents.entry("carol".into()).or_default().open = 5;
        assert_eq!(
            choose_assignee(&t, &c, &w, mon(10, 0)).as_deref(),
            Some("carol")
        );
    }

    #[test]
    fn least_loaded_takes_fewest_open_then_turn() {
        let c = cfg(
            AssignmentMethod::LeastLoaded,
            vec![
                agent("alice", &[1]),
                agent("bob", &[1]),
                agent("carol", &[1]),
            ],
        );
        let (t, _) = ticket(1, 1);
        let mut w = Workload::default();
        w.agents.insert(
            "alice".into(),
            AgentLoad {
                open: 3,
                last_assigned: Some(mon(7, 0)),
            },
        );
        w.agents.insert(
            "bob".into(),
            AgentLoad {
                open: 1,
                last_assigned: Some(mon(9, 0)),
            },
        );
        w.agents.insert(
            "carol".into(),
            AgentLoad {
                open: 1,
                last_assigned: Some(mon(8, 0)),
            },
        );
        assert_eq!(
            choose(&t, &c, &w, mon(10, 0)),
            Some(("carol".into(), "least loaded".into()))
        );
    }

    #[test]
    fn eligibility_tier_group_away_capacity() {
        let mut away = agent("away", &[1]);
        away.away = true;
        let mut full = agent("full", &[1]);
        full.capacity = 2;
        let mut net = agent("net", &[1, 2]);
        net.groups = vec!["network".into()];
        let c = cfg(
            AssignmentMethod::RoundRobin,
            vec![away, full, agent("t2", &[2]), net],
        );
        let (mut t, _) = ticket(1, 1);
        let mut w = Workload::default();
        w.agents.insert(
            "full".into(),
            AgentLoad {
                open: 2,
                last_assigned: None,
            },
        );
        w.agents.insert(
            "net".into(),
            AgentLoad {
                open: 9,
                last_assigned: Some(mon(9, 0)),
            },
        );
        assert_eq!(
            choose_assignee(&t, &c, &w, mon(10, 0)).as_deref(),
            Some("net")
        );
        // With one slot free, "full" is back and has never been assigned.
        w.agents.insert(
            "full".into(),
            AgentLoad {
                open: 1,
                last_assigned: None,
            },
        );
        assert_eq!(
            choose_assignee(&t, &c, &w, mon(10, 0)).as_deref(),
            Some("full")
        );
        // A group ticket only goes to group members; "applications" (Tier 2) has none.
        let (mut g, _) = ticket(3, 2);
        g.group = Some("applications".into());
        // The group's own method (least loaded) applies, but nobody is a member.
        assert_eq!(method_for(&g, &c), AssignmentMethod::LeastLoaded);
        assert_eq!(choose_assignee(&g, &c, &w, mon(10, 0)), None);
        g.group = Some("network".into());
        assert_eq!(
            choose_assignee(&g, &c, &w, mon(10, 0)).as_deref(),
            Some("net")
        );
        // Tier 2 ticket without a group: t2 has never been given one.
        let (t2, _) = ticket(2, 2);
        assert_eq!(
            choose_assignee(&t2, &c, &w, mon(10, 0)).as_deref(),
            Some("t2")
        );
        // A Tier 1 group narrows Tier 1 (nobody is in it) ...
        let mut c = c;
        c.groups.push(crate::domain::desk::Group {
            id: "front".into(),
            name: "Front desk".into(),
            tier: Tier(1),
            assignment: AssignmentMethod::RoundRobin,
        });
        t.group = Some("front".into());
        assert_eq!(choose_assignee(&t, &c, &w, mon(10, 0)), None);
        // ... but once escalated with it, the old group does not narrow Tier 2.
        t.tier = Tier(2);
        assert_eq!(
            choose_assignee(&t, &c, &w, mon(10, 0)).as_deref(),
            Some("t2")
        );
    }

    #[test]
    fn on_shift_uses_agent_calendar_then_tier_calendar() {
        // Tier 1 works 12x5 (08:00-20:00 UTC), Tier 2 works 8x5 (09:00-17:00 UTC).
        let mut early = agent("early", &[1]);
        early.calendar = Some("8x5".into());
        let mut ghost_cal = agent("ghost", &[1]);
        ghost_cal.calendar = Some("no-such-calendar".into());
        let c = cfg(
            AssignmentMethod::RoundRobin,
            vec![early.clone(), ghost_cal.clone(), agent("t1", &[1, 2])],
        );
        assert!(!on_shift(&early, Tier(1), &c, mon(8, 30)));
        assert!(on_shift(&early, Tier(1), &c, mon(9, 0)));
        assert!(on_shift(
            &ghost_cal,
            Tier(1),
            &c,
            Utc.with_ymd_and_hms(2026, 3, 1, 3, 0, 0).unwrap()
        ));
        let t1 = agent("t1", &[1, 2]);
        assert!(on_shift(&t1, Tier(1), &c, mon(8, 30)));
        assert!(!on_shift(&t1, Tier(2), &c, mon(8, 30)));
        assert!(!on_shift(&t1, Tier(1), &c, mon(20, 0)));
        // Saturday: only the agent with an unknown calendar works.
        let sat = Utc.with_ymd_and_hms(2026, 3, 7, 10, 0, 0).unwrap();
        let (t, _) = ticket(1, 1);
        assert_eq!(
            choose_assignee(&t, &c, &Workload::default(), sat).as_deref(),
            Some("ghost")
        );
        // A tier without settings has no calendar: always on shift.
        let mut c2 = c.clone();
        c2.tiers.retain(|t| t.tier != Tier(1));
        assert!(on_shift(&t1, Tier(1), &c2, sat));
    }

    #[test]
    fn skill_based_needs_every_skill_from_tags_and_field() {
        let mut alice = agent("alice", &[3]);
        alice.skills = vec!["Network".into()];
        let mut bob = agent("bob", &[3]);
        bob.skills = vec!["network".into(), "linux".into()];
        let c = cfg(
            AssignmentMethod::SkillBased,
            vec![alice, bob, agent("carol", &[3])],
        );
        let (mut t, _) = ticket(1, 3);
        let mut w = Workload::default();
        w.agents.insert(
            "carol".into(),
            AgentLoad {
                open: 0,
                last_assigned: None,
            },
        );
        w.agents.insert(
            "alice".into(),
            AgentLoad {
                open: 1,
                last_assigned: None,
            },
        );
        w.agents.insert(
            "bob".into(),
            AgentLoad {
                open: 2,
                last_assigned: None,
            },
        );
        // "printer" is nobody's skill, so it is not needed.
        t.tags = vec!["network".into(), "printer".into()];
        assert_eq!(needed_skills(&t, &c), vec!["network"]);
        assert_eq!(
            choose(&t, &c, &w, mon(10, 0)),
            Some(("alice".into(), "skill-based (network), least loaded".into()))
        );
        t.fields.insert("skills".into(), " Linux , ".into());
        assert_eq!(needed_skills(&t, &c), vec!["linux", "network"]);
        assert_eq!(
            choose_assignee(&t, &c, &w, mon(10, 0)).as_deref(),
            Some("bob")
        );
        t.fields.insert("skills".into(), "oracle".into());
        assert_eq!(choose_assignee(&t, &c, &w, mon(10, 0)), None);
        // No skills needed: anybody, least loaded.
        t.tags.clear();
        t.fields.clear();
        assert_eq!(
            choose_assignee(&t, &c, &w, mon(10, 0)).as_deref(),
            Some("carol")
        );
    }

    #[test]
    fn manual_method_assigns_nobody() {
        let c = cfg(AssignmentMethod::Manual, vec![agent("alice", &[1])]);
        let (mut t, h) = ticket(1, 1);
        let mut w = Workload::default();
        let ev = auto_assign(
            &mut t,
            &h,
            &c,
            &mut w,
            &Ctx::new(mon(10, 0), Actor::System),
            &mut SeqIds::new("x"),
        )
        .unwrap();
        assert!(ev.is_empty());
        assert_eq!(t.assignee, None);
    }

    #[test]
    fn auto_assign_records_reason_and_updates_workload() {
        let c = cfg(AssignmentMethod::RoundRobin, vec![agent("alice", &[1])]);
        let (mut t, h) = ticket(1, 1);
        let mut w = Workload::default();
        let ctx = Ctx::new(mon(10, 0), Actor::Agent("someone".into()));
        let ev = auto_assign(&mut t, &h, &c, &mut w, &ctx, &mut SeqIds::new("x")).unwrap();
        assert_eq!(
            ev[0].kind,
            EventKind::Assigned {
                from: None,
                to: Some("alice".into()),
                reason: Some("round robin".into())
            }
        );
        assert_eq!(ev[0].actor, Actor::System);
        assert_eq!(t.status, Status::Open);
        assert_eq!(
            w.get("alice"),
            AgentLoad {
                open: 1,
                last_assigned: Some(mon(10, 0))
            }
        );
        // Already assigned: nothing more.
        let again = auto_assign(&mut t, &h, &c, &mut w, &ctx, &mut SeqIds::new("y")).unwrap();
        assert!(again.is_empty());
    }

    #[test]
    fn bulk_run_spreads_work_and_respects_capacity() {
        let mut agents = vec![agent("a", &[1]), agent("b", &[1]), agent("c", &[1])];
        agents[2].capacity = 4;
        for method in [AssignmentMethod::RoundRobin, AssignmentMethod::LeastLoaded] {
            let c = cfg(method, agents.clone());
            let mut w = Workload::default();
            let mut ids = SeqIds::new("x");
            let mut per: BTreeMap<String, u32> = BTreeMap::new();
            let mut unassigned = 0;
            for i in 0..50 {
                let (mut t, h) = ticket(i, 1);
                let ctx = Ctx::new(mon(10, 0) + Duration::seconds(i as i64), Actor::System);
                auto_assign(&mut t, &h, &c, &mut w, &ctx, &mut ids).unwrap();
                match t.assignee {
                    Some(a) => *per.entry(a).or_default() += 1,
                    None => unassigned += 1,
                }
            }
            // Capacities 10 + 10 + 4: 24 assigned, the rest wait.
            assert_eq!(per.get("a"), Some(&10), "{method:?}");
            assert_eq!(per.get("b"), Some(&10), "{method:?}");
            assert_eq!(per.get("c"), Some(&4), "{method:?}");
            assert_eq!(unassigned, 26);
        }
    }

    #[test]
    fn round_robin_takes_turns_in_a_bulk_run() {
        let c = cfg(
            AssignmentMethod::RoundRobin,
            vec![agent("b", &[1]), agent("a", &[1])],
        );
        let mut w = Workload::default();
        let mut ids = SeqIds::new("x");
        let mut order = vec![];
        for i in 0..4 {
            let (mut t, h) = ticket(i, 1);
            let ctx = Ctx::new(mon(10, i as u32), Actor::System);
            auto_assign(&mut t, &h, &c, &mut w, &ctx, &mut ids).unwrap();
            order.push(t.assignee.unwrap_or_default());
        }
        assert_eq!(order, vec!["a", "b", "a", "b"]);
    }

    #[test]
    fn note_change_releases_load_on_resolve_and_reassign() {
        let mut w = Workload::default();
        let before = assigned(1, "alice", Status::Open);
        w.agents.insert(
            "alice".into(),
            AgentLoad {
                open: 1,
                last_assigned: None,
            },
        );
        let mut after = before.clone();
        after.assignee = Some("bob".into());
        w.note_change(&before, &after, &[assigned_event("bob", mon(11, 0))]);
        assert_eq!(w.get("alice").open, 0);
        assert_eq!(
            w.get("bob"),
            AgentLoad {
                open: 1,
                last_assigned: Some(mon(11, 0))
            }
        );
        let mut resolved = after.clone();
        resolved.status = Status::Resolved;
        w.note_change(&after, &resolved, &[]);
        assert_eq!(w.get("bob").open, 0);
    }

    #[test]
    fn helper_comes_from_the_higher_tier_and_is_not_already_on_the_ticket() {
        let c = cfg(
            AssignmentMethod::Manual,
            vec![
                agent("alice", &[1]),
                agent("bob", &[2]),
                agent("carol", &[2]),
            ],
        );
        let (mut t, _) = ticket(1, 1);
        t.assignee = Some("alice".into());
        let w = Workload::default();
        assert_eq!(
            choose_helper(&t, &c, &w, Tier(2), mon(10, 0)).as_deref(),
            Some("bob")
        );
        t.helpers.push("bob".into());
        assert_eq!(
            choose_helper(&t, &c, &w, Tier(2), mon(10, 0)).as_deref(),
            Some("carol")
        );
        // Tier 2 works 09:00-17:00.
        assert_eq!(choose_helper(&t, &c, &w, Tier(2), mon(8, 0)), None);
    }
}
