//! Moving tickets between tiers: by hand, and automatically when a tier's time limit runs out
//! or an SLA target is breached; plus the catch-up pass the app runs on a timer.
//!
//! Decisions:
//! - Tier 4 is an outside vendor. Moving a ticket to Tier 4 *by hand* puts it on hold (the
//!   desk now waits on the vendor, so SLA clocks pause); moving it back down by hand while it
//!   is on hold opens it again. Automatic moves to Tier 4 leave the status alone: nobody has
//!   contacted the vendor yet, and pausing the clocks then would hide the delay.
//! - Whether an automatic escalation already happened is read from the history, never from a
//!   flag: a cause escalates at most once per stay in a tier. A tier limit counts from the
//!   last move into the tier, so it can fire again only after the ticket left and came back.
//!   An SLA breach escalates only if it happened during the current stay in the tier and no
//!   breach escalation was recorded at or after it, so one breach moves a ticket one step.
//! - SLA warnings do not escalate (only `SlaBreach` and `TierLimit` are automatic causes).
//! - Swarm mode keeps the ticket in its tier: an escalation adds a helper from the next tier
//!   up instead, announced by a system note "Swarm escalation (<cause>): ..." that also serves
//!   as the record that this cause was handled in this tier. If nobody in that tier is on
//!   shift, the note says so and no helper is added (it is not retried).
//! - The catch-up pass stamps each escalation with the instant it became due (or the last
//!   history entry's time, if that is later, so the history stays in order); it does not run
//!   routing rules again (they run when tickets are created or edited), only assignment.

use std::collections::HashMap;

use chrono::Duration;

use super::assignment::{auto_assign, choose_helper, Workload};
use super::desk::{DeskConfig, Metric, WorkMode};
use super::model::{
    Actor, EscalationCause, Event, EventKind, Status, Ticket, TicketId, Tier, Time,
};
use super::sla::{SlaEngine, SlaState};
use super::ticket::{self, Command, Ctx, DomainError, IdGen};

/// An escalation that is due: where to, why, and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Escalation {
    /// The next tier (in swarm mode: the tier the helper comes from).
    pub to: Tier,
    pub cause: EscalationCause,
    pub reason: String,
    /// The instant it became due.
    pub at: Time,
}

/// Moves a ticket to another tier by hand (up or down, one or more steps). A reason is
/// required. See the module notes for what Tier 4 does to the status.
pub fn escalate(
    ticket: &mut Ticket,
    history: &[Event],
    to: Tier,
    reason: &str,
    ctx: &Ctx,
    ids: &mut dyn IdGen,
) -> Result<Vec<Event>, DomainError> {
    if to == ticket.tier {
        return Err(DomainError::new(
            "tier",
            format!("the ticket is already in {to}"),
        ));
    }
    let from = ticket.tier;
    let mut next = ticket.clone();
    let mut all = history.to_vec();
    let cmd = Command::ChangeTier {
        to,
        cause: EscalationCause::Manual,
        reason: reason.to_string(),
    };
    all.extend(ticket::apply(&mut next, &all, cmd, ctx, ids)?);
    let status = if to == Tier::MAX && next.status != Status::OnHold {
        Some(Status::OnHold)
    } else if from == Tier::MAX && next.status == Status::OnHold {
        Some(Status::Open)
    } else {
        None
    };
    if let Some(s) = status {
        all.extend(ticket::apply(
            &mut next,
            &all,
            Command::SetStatus(s),
            ctx,
            ids,
        )?);
    }
    *ticket = next;
    Ok(all.split_off(history.len()))
}

/// The text that starts a swarm-escalation note; also how such notes are recognised.
fn swarm_prefix(cause: EscalationCause) -> String {
    format!("Swarm escalation ({}):", cause.label())
}

/// An automatic escalation (or swarm call) found in the history.
struct Past {
    at: Time,
    from: Tier,
    cause: EscalationCause,
}

/// When the ticket entered its current tier, and the escalations so far (events after `now`
/// are ignored, like the SLA clocks do).
fn read_history(ticket: &Ticket, events: &[Event], now: Time) -> (Time, Vec<Past>) {
    let mut evs: Vec<&Event> = events.iter().filter(|e| e.at <= now).collect();
    evs.sort_by_key(|e| (e.at, e.seq));
    let mut entered = ticket.created_at;
    let mut tier = ticket.tier;
    let mut past = Vec::new();
    const CAUSES: [EscalationCause; 2] = [EscalationCause::TierLimit, EscalationCause::SlaBreach];
    for e in evs {
        match &e.kind {
            EventKind::Created { tier: t, .. } => {
                entered = e.at;
                tier = *t;
            }
            EventKind::TierChanged {
                from, to, cause, ..
            } => {
                past.push(Past {
                    at: e.at,
                    from: *from,
                    cause: *cause,
                });
                tier = *to;
                if *to == ticket.tier {
                    entered = e.at;
                }
            }
            EventKind::InternalNote { body } if e.actor == Actor::System => {
                if let Some(c) = CAUSES
                    .into_iter()
                    .find(|c| body.starts_with(&swarm_prefix(*c)))
                {
                    past.push(Past {
                        at: e.at,
                        from: tier,
                        cause: c,
                    });
                }
            }
            _ => {}
        }
    }
    (entered, past)
}

/// The escalation due for a ticket at `now`, if any; the earliest-due one when several are.
/// See the module notes for the rules.
pub fn due_escalations(
    ticket: &Ticket,
    events: &[Event],
    cfg: &DeskConfig,
    now: Time,
) -> Option<Escalation> {
    due_with(&SlaEngine::new(cfg), ticket, events, cfg, now)
}

fn due_with(
    engine: &SlaEngine,
    ticket: &Ticket,
    events: &[Event],
    cfg: &DeskConfig,
    now: Time,
) -> Option<Escalation> {
    if !ticket.status.is_open() || ticket.merged_into.is_some() {
        return None;
    }
    let to = ticket.tier.next()?;
    let (entered, past) = read_history(ticket, events, now);
    let done_here = |cause: EscalationCause| {
        past.iter()
            .any(|p| p.cause == cause && p.from == ticket.tier && p.at >= entered)
    };
    let sla = engine.evaluate(ticket, events, now);
    let breached = |m: Metric| {
        sla.metric(m)
            .filter(|s| s.state == SlaState::Breached)
            .and_then(|s| s.breached_at)
    };
    let mut due: Vec<Escalation> = Vec::new();
    if !done_here(EscalationCause::TierLimit) {
        if let Some(at) = breached(Metric::TierLimit) {
            let limit = cfg
                .tier(ticket.tier)
                .and_then(|t| t.limit_minutes)
                .unwrap_or(0);
            due.push(Escalation {
                to,
                cause: EscalationCause::TierLimit,
                reason: format!(
                    "{limit} business minutes in {} ({}) used up",
                    ticket.tier,
                    cfg.tier_name(ticket.tier)
                ),
                at,
            });
        }
    }
    if cfg.general.escalate_on_breach && !done_here(EscalationCause::SlaBreach) {
        for m in [
            Metric::FirstResponse,
            Metric::NextResponse,
            Metric::Resolution,
        ] {
            let Some(at) = breached(m) else { continue };
            let handled = past
                .iter()
                .any(|p| p.cause == EscalationCause::SlaBreach && p.at >= at);
            if at >= entered && !handled {
                due.push(Escalation {
                    to,
                    cause: EscalationCause::SlaBreach,
                    reason: format!("{} target missed", m.label()),
                    at,
                });
            }
        }
    }
    // The first of equals wins, so a tier limit goes before a breach due at the same instant.
    due.into_iter().min_by_key(|e| e.at)
}

fn system_ctx(cfg: &DeskConfig, at: Time) -> Ctx {
    Ctx {
        now: at,
        actor: Actor::System,
        reopen_window: Duration::hours(i64::from(cfg.general.reopen_window_hours)),
    }
}

/// Carries out an automatic escalation as `Actor::System`, stamped at `esc.at` (or at the
/// last history entry, if later). In swarm mode: a note and a helper instead of a tier move.
pub fn apply_escalation(
    ticket: &mut Ticket,
    history: &[Event],
    esc: &Escalation,
    cfg: &DeskConfig,
    workload: &Workload,
    ids: &mut dyn IdGen,
) -> Result<Vec<Event>, DomainError> {
    let last = history.iter().map(|e| e.at).max();
    let at = last.map_or(esc.at, |l| l.max(esc.at));
    let ctx = system_ctx(cfg, at);
    if cfg.general.mode == WorkMode::Tiered {
        let cmd = Command::ChangeTier {
            to: esc.to,
            cause: esc.cause,
            reason: esc.reason.clone(),
        };
        return ticket::apply(ticket, history, cmd, &ctx, ids);
    }
    let helper = choose_helper(ticket, cfg, workload, esc.to, at);
    let tail = match &helper {
        Some(h) => format!("{} from {} joins as a helper.", cfg.agent_name(h), esc.to),
        None => format!("nobody from {} is on shift; add a helper by hand.", esc.to),
    };
    let note = format!("{} {}; {tail}", swarm_prefix(esc.cause), esc.reason);
    let mut next = ticket.clone();
    let mut all = history.to_vec();
    all.extend(ticket::apply(
        &mut next,
        &all,
        Command::Note(note),
        &ctx,
        ids,
    )?);
    if let Some(h) = helper {
        all.extend(ticket::apply(
            &mut next,
            &all,
            Command::AddHelper(h),
            &ctx,
            ids,
        )?);
    }
    *ticket = next;
    Ok(all.split_off(history.len()))
}

/// A ticket the automation changed, with the events to append.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketUpdate {
    pub ticket: Ticket,
    pub events: Vec<Event>,
}

/// What one automation pass did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AutomationRun {
    pub updated: Vec<TicketUpdate>,
    /// Tickets where a step was refused; their earlier steps are still in `updated`.
    pub errors: Vec<(TicketId, DomainError)>,
}

/// Safety net: no ticket needs more steps than this in one pass (4 tier moves, or 2 swarm
/// calls per tier).
const MAX_STEPS: usize = 12;

/// The catch-up pass: for each open ticket (in id order), every escalation that fell due up
/// to `now`, one tier step at a time and each stamped when it became due; then automatic
/// assignment at `now` if the ticket has no owner. `tickets` and `events` are the whole desk
/// (the events of all tickets, in any order). Pure: the caller stores the result.
pub fn run_automation(
    tickets: &[Ticket],
    events: &[Event],
    cfg: &DeskConfig,
    now: Time,
    ids: &mut dyn IdGen,
) -> AutomationRun {
    let mut workload = Workload::from_tickets(tickets, events);
    automate(tickets, events, cfg, now, &mut workload, ids)
}

/// The same pass over a subset of the desk (the tickets that may need work, with their
/// events), with the whole desk's `workload` supplied by the caller and kept up to date.
pub fn automate(
    tickets: &[Ticket],
    events: &[Event],
    cfg: &DeskConfig,
    now: Time,
    workload: &mut Workload,
    ids: &mut dyn IdGen,
) -> AutomationRun {
    let engine = SlaEngine::new(cfg);
    let active = |t: &Ticket| t.status.is_open() && t.merged_into.is_none();
    let mut by_ticket: HashMap<TicketId, Vec<Event>> = HashMap::new();
    let wanted: std::collections::HashSet<TicketId> =
        tickets.iter().filter(|t| active(t)).map(|t| t.id).collect();
    for e in events.iter().filter(|e| wanted.contains(&e.ticket)) {
        by_ticket.entry(e.ticket).or_default().push(e.clone());
    }
    let mut order: Vec<&Ticket> = tickets.iter().filter(|t| active(t)).collect();
    order.sort_by_key(|t| t.id);
    let mut run = AutomationRun::default();
    for original in order {
        let mut t = original.clone();
        let mut hist = by_ticket.remove(&t.id).unwrap_or_default();
        hist.sort_by_key(|e| (e.seq, e.at));
        let start = hist.len();
        let mut failed = None;
        for _ in 0..MAX_STEPS {
            let Some(esc) = due_with(&engine, &t, &hist, cfg, now) else {
                break;
            };
            let before = t.clone();
            match apply_escalation(&mut t, &hist, &esc, cfg, workload, ids) {
                Ok(ev) if ev.is_empty() => break,
                Ok(ev) => {
                    workload.note_change(&before, &t, &ev);
                    hist.extend(ev);
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        if failed.is_none() && t.assignee.is_none() {
            match auto_assign(
                &mut t,
                &hist,
                cfg,
                workload,
                &system_ctx(cfg, now),
                ids,
            ) {
                Ok(ev) => hist.extend(ev),
                Err(e) => failed = Some(e),
            }
        }
        if let Some(e) = failed {
            run.errors.push((t.id, e));
        }
        if hist.len() > start {
            run.updated.push(TicketUpdate {
                events: hist.split_off(start),
                ticket: t,
            });
        }
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::defaults::default_config;
    use crate::domain::desk::Agent;
    use crate::domain::model::Requester;
    use crate::domain::ticket::{create, NewTicket, SeqIds};
    use chrono::{TimeZone, Utc};

    /// March 2026: the 2nd is a Monday. All default calendars are UTC; Tier 1 works 12x5
    /// (08:00-20:00), Tiers 2 and 3 work 8x5 (09:00-17:00).
    fn at(day: u32, h: u32, m: u32) -> Time {
        Utc.with_ymd_and_hms(2026, 3, day, h, m, 0).unwrap()
    }

    fn agent(id: &str, tier: u8) -> Agent {
        Agent {
            id: id.into(),
            name: id.to_uppercase(),
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

    fn ticket(id: u64, tier: u8, created: Time) -> (Ticket, Vec<Event>) {
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
            &Ctx::new(created, Actor::Requester),
            &mut SeqIds::new(&format!("t{id}-")),
        )
        .unwrap()
    }

    fn step(t: &mut Ticket, h: &mut Vec<Event>, cmd: Command, when: Time) {
        let ev = ticket::apply(
            t,
            h,
            cmd,
            &Ctx::new(when, Actor::Agent("alice".into())),
            &mut SeqIds::new("s"),
        )
        .unwrap();
        h.extend(ev);
    }

    fn tier_moves(events: &[Event]) -> Vec<(Tier, Tier, EscalationCause, Time)> {
        events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::TierChanged {
                    from, to, cause, ..
                } => Some((*from, *to, *cause, e.at)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn manual_escalation_needs_a_reason_and_a_different_tier() {
        let (mut t, h) = ticket(1, 1, at(2, 10, 0));
        let ctx = Ctx::new(at(2, 10, 5), Actor::Agent("alice".into()));
        let mut ids = SeqIds::new("e");
        assert_eq!(
            escalate(&mut t, &h, Tier(2), "  ", &ctx, &mut ids)
                .unwrap_err()
                .field,
            "reason"
        );
        assert!(escalate(&mut t, &h, Tier(1), "why", &ctx, &mut ids)
            .unwrap_err()
            .message
            .contains("already in Tier 1"));
        assert_eq!(
            escalate(&mut t, &h, Tier(5), "why", &ctx, &mut ids)
                .unwrap_err()
                .field,
            "tier"
        );
        let ev = escalate(&mut t, &h, Tier(3), "needs the DBA", &ctx, &mut ids).unwrap();
        assert_eq!(
            ev[0].kind,
            EventKind::TierChanged {
                from: Tier(1),
                to: Tier(3),
                cause: EscalationCause::Manual,
                reason: "needs the DBA".into()
            }
        );
        assert_eq!(ev.len(), 1);
        assert_eq!(t.tier, Tier(3));
        // And back down.
        let mut h2 = h.clone();
        h2.extend(ev);
        escalate(&mut t, &h2, Tier(1), "wrong team", &ctx, &mut ids).unwrap();
        assert_eq!(t.tier, Tier(1));
    }

    #[test]
    fn manual_escalation_of_a_closed_ticket_is_refused() {
        let (mut t, mut h) = ticket(1, 1, at(2, 10, 0));
        step(
            &mut t,
            &mut h,
            Command::SetStatus(Status::Resolved),
            at(2, 10, 1),
        );
        let before = t.clone();
        let err = escalate(
            &mut t,
            &h,
            Tier(2),
            "late",
            &Ctx::new(at(2, 11, 0), Actor::System),
            &mut SeqIds::new("e"),
        )
        .unwrap_err();
        assert_eq!(err.field, "tier");
        assert_eq!(t, before);
    }

    #[test]
    fn tier_4_by_hand_puts_on_hold_and_coming_back_reopens() {
        let (mut t, mut h) = ticket(1, 2, at(2, 10, 0));
        step(
            &mut t,
            &mut h,
            Command::Assign {
                to: Some("alice".into()),
                reason: None,
            },
            at(2, 10, 1),
        );
        assert_eq!(t.status, Status::Open);
        let ctx = Ctx::new(at(2, 11, 0), Actor::Agent("alice".into()));
        let ev = escalate(
            &mut t,
            &h,
            Tier(4),
            "sent to the printer vendor",
            &ctx,
            &mut SeqIds::new("e"),
        )
        .unwrap();
        let kinds: Vec<&str> = ev.iter().map(|e| e.kind.name()).collect();
        assert_eq!(kinds, vec!["tier_changed", "assigned", "status_changed"]);
        assert_eq!(t.status, Status::OnHold);
        let seqs: Vec<u32> = ev.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![3, 4, 5]);
        h.extend(ev);
        let ev = escalate(
            &mut t,
            &h,
            Tier(2),
            "vendor sent a fix",
            &ctx,
            &mut SeqIds::new("f"),
        )
        .unwrap();
        assert_eq!(
            ev.last().map(|e| &e.kind),
            Some(&EventKind::StatusChanged {
                from: Status::OnHold,
                to: Status::Open
            })
        );
        assert_eq!(t.status, Status::Open);
    }

    #[test]
    fn tier_limit_is_due_after_its_business_minutes() {
        let cfg = default_config();
        // Tier 1: 15 business minutes on 08:00-20:00.
        let (t, h) = ticket(1, 1, at(2, 10, 0));
        assert_eq!(
            due_escalations(&t, &h, &cfg, at(2, 10, 15)),
            None,
            "due, not yet past due"
        );
        let e = due_escalations(&t, &h, &cfg, at(2, 10, 16)).unwrap();
        assert_eq!(
            (e.to, e.cause, e.at),
            (Tier(2), EscalationCause::TierLimit, at(2, 10, 15))
        );
        assert_eq!(
            e.reason,
            "15 business minutes in Tier 1 (Service desk) used up"
        );
        // Created Monday 19:50: 10 minutes on Monday, 5 on Tuesday from 08:00.
        let (t, h) = ticket(2, 1, at(2, 19, 50));
        assert_eq!(due_escalations(&t, &h, &cfg, at(3, 8, 4)), None);
        assert_eq!(
            due_escalations(&t, &h, &cfg, at(3, 8, 6)).map(|e| e.at),
            Some(at(3, 8, 5))
        );
    }

    #[test]
    fn pending_time_does_not_count_toward_the_tier_limit() {
        let cfg = default_config();
        let (mut t, mut h) = ticket(1, 1, at(2, 10, 0));
        step(
            &mut t,
            &mut h,
            Command::SetStatus(Status::Pending),
            at(2, 10, 5),
        );
        step(
            &mut t,
            &mut h,
            Command::SetStatus(Status::Open),
            at(2, 11, 0),
        );
        // 5 minutes used before the pause, 10 more from 11:00.
        assert_eq!(due_escalations(&t, &h, &cfg, at(2, 11, 10)), None);
        assert_eq!(
            due_escalations(&t, &h, &cfg, at(2, 11, 11)).map(|e| e.at),
            Some(at(2, 11, 10))
        );
    }

    #[test]
    fn never_past_tier_4_nor_for_finished_tickets() {
        let mut cfg = default_config();
        cfg.tiers[4].limit_minutes = Some(1);
        let (t, h) = ticket(1, 4, at(2, 10, 0));
        assert_eq!(due_escalations(&t, &h, &cfg, at(9, 10, 0)), None);
        for status in [Status::Resolved, Status::Closed] {
            let (mut t, h) = ticket(2, 1, at(2, 10, 0));
            t.status = status;
            assert_eq!(
                due_escalations(&t, &h, &cfg, at(9, 10, 0)),
                None,
                "{status:?}"
            );
        }
        let (mut t, h) = ticket(3, 1, at(2, 10, 0));
        t.merged_into = Some(1);
        assert_eq!(due_escalations(&t, &h, &cfg, at(9, 10, 0)), None);
        // Tier 0 has no limit.
        let (t, h) = ticket(4, 0, at(2, 10, 0));
        assert_eq!(due_escalations(&t, &h, &cfg, at(9, 10, 0)), None);
    }

    #[test]
    fn automatic_move_to_tier_4_keeps_the_status() {
        let cfg = default_config();
        let (mut t, h) = ticket(1, 3, at(2, 9, 0));
        // 1440 business minutes on 09:00-17:00 = three full days: Mon, Tue, Wed.
        let e = due_escalations(&t, &h, &cfg, at(5, 9, 0)).unwrap();
        assert_eq!((e.to, e.at), (Tier(4), at(4, 17, 0)));
        apply_escalation(
            &mut t,
            &h,
            &e,
            &cfg,
            &Workload::default(),
            &mut SeqIds::new("x"),
        )
        .unwrap();
        assert_eq!((t.tier, t.status), (Tier(4), Status::New));
    }

    fn breach_cfg() -> DeskConfig {
        let mut cfg = default_config();
        cfg.general.escalate_on_breach = true;
        for t in &mut cfg.tiers {
            t.limit_minutes = None;
        }
        cfg
    }

    #[test]
    fn sla_breach_escalates_once_per_breach() {
        let cfg = breach_cfg();
        // Medium on the standard policy (12x5): first response 240, resolution 1440.
        let (mut t, mut h) = ticket(1, 1, at(2, 10, 0));
        assert_eq!(due_escalations(&t, &h, &cfg, at(2, 14, 0)), None);
        let e = due_escalations(&t, &h, &cfg, at(2, 14, 1)).unwrap();
        assert_eq!(
            (e.to, e.cause, e.at),
            (Tier(2), EscalationCause::SlaBreach, at(2, 14, 0))
        );
        assert_eq!(e.reason, "First response target missed");
        h.extend(
            apply_escalation(
                &mut t,
                &h,
                &e,
                &cfg,
                &Workload::default(),
                &mut SeqIds::new("x"),
            )
            .unwrap(),
        );
        assert_eq!(t.tier, Tier(2));
        // The same breach does not move it again.
        assert_eq!(due_escalations(&t, &h, &cfg, at(3, 9, 0)), None);
        // Resolution: 1440 minutes of 12-hour days = Wednesday 10:00; that breach is new.
        let e = due_escalations(&t, &h, &cfg, at(4, 10, 1)).unwrap();
        assert_eq!(
            (e.to, e.at, e.reason.as_str()),
            (Tier(3), at(4, 10, 0), "Resolution target missed")
        );
    }

    #[test]
    fn breach_from_before_the_current_tier_does_not_escalate() {
        let mut cfg = breach_cfg();
        cfg.general.escalate_on_breach = false;
        let (mut t, mut h) = ticket(1, 1, at(2, 10, 0));
        step(
            &mut t,
            &mut h,
            Command::ChangeTier {
                to: Tier(2),
                cause: EscalationCause::Manual,
                reason: "x".into(),
            },
            at(2, 15, 0),
        );
        cfg.general.escalate_on_breach = true;
        // First response breached at 14:00, in Tier 1; the ticket entered Tier 2 at 15:00.
        assert_eq!(due_escalations(&t, &h, &cfg, at(2, 16, 0)), None);
    }

    #[test]
    fn breach_escalation_is_off_unless_configured() {
        let mut cfg = breach_cfg();
        cfg.general.escalate_on_breach = false;
        let (t, h) = ticket(1, 1, at(2, 10, 0));
        assert_eq!(due_escalations(&t, &h, &cfg, at(6, 10, 0)), None);
    }

    #[test]
    fn catch_up_after_days_escalates_once_per_tier_at_the_due_instants() {
        let cfg = default_config();
        let (t, h) = ticket(1, 1, at(2, 10, 0));
        let mut ids = SeqIds::new("auto");
        let run = run_automation(std::slice::from_ref(&t), &h, &cfg, at(12, 10, 0), &mut ids);
        assert!(run.errors.is_empty(), "{:?}", run.errors);
        assert_eq!(run.updated.len(), 1);
        let u = &run.updated[0];
        // Tier 1: 10:00 + 15 = 10:15. Tier 2: 240 minutes from 10:15 on 09-17 = 14:15.
        // Tier 3: 1440 minutes from Mon 14:15: 165 + 480 + 480 + 315 = Thursday 14:15.
        assert_eq!(
            tier_moves(&u.events),
            vec![
                (Tier(1), Tier(2), EscalationCause::TierLimit, at(2, 10, 15)),
                (Tier(2), Tier(3), EscalationCause::TierLimit, at(2, 14, 15)),
                (Tier(3), Tier(4), EscalationCause::TierLimit, at(5, 14, 15)),
            ]
        );
        let seqs: Vec<u32> = u.events.iter().map(|e| e.seq).collect();
        assert_eq!(seqs, vec![1, 2, 3]);
        assert!(u.events.iter().all(|e| e.actor == Actor::System));
        assert_eq!(u.ticket.tier, Tier(4));
        assert_eq!(u.ticket.updated_at, at(5, 14, 15));
        // Running again changes nothing.
        let mut all = h.clone();
        all.extend(u.events.clone());
        let again = run_automation(
            std::slice::from_ref(&u.ticket),
            &all,
            &cfg,
            at(12, 10, 0),
            &mut ids,
        );
        assert_eq!(again, AutomationRun::default());
    }

    #[test]
    fn escalation_is_stamped_after_later_history() {
        let cfg = default_config();
        let (mut t, mut h) = ticket(1, 1, at(2, 10, 0));
        step(
            &mut t,
            &mut h,
            Command::Note("looking".into()),
            at(2, 10, 30),
        );
        let run = run_automation(&[t], &h, &cfg, at(2, 10, 40), &mut SeqIds::new("a"));
        assert_eq!(tier_moves(&run.updated[0].events)[0].3, at(2, 10, 30));
    }

    #[test]
    fn automation_assigns_and_reassigns_after_escalation() {
        let mut cfg = default_config();
        cfg.agents = vec![agent("alice", 1), agent("bob", 1), agent("carl", 2)];
        let (t1, h1) = ticket(1, 1, at(2, 10, 0));
        let (t2, h2) = ticket(2, 1, at(2, 10, 1));
        let (mut t3, mut h3) = ticket(3, 1, at(2, 10, 2));
        step(
            &mut t3,
            &mut h3,
            Command::SetStatus(Status::Resolved),
            at(2, 10, 3),
        );
        let events: Vec<Event> = [h1, h2, h3].concat();
        let tickets = vec![t1, t2, t3];
        let run = run_automation(&tickets, &events, &cfg, at(2, 10, 5), &mut SeqIds::new("a"));
        let owners: Vec<(u64, Option<String>)> = run
            .updated
            .iter()
            .map(|u| (u.ticket.id, u.ticket.assignee.clone()))
            .collect();
        assert_eq!(
            owners,
            vec![(1, Some("alice".into())), (2, Some("bob".into()))]
        );
        let reason = run.updated[0].events.iter().find_map(|e| match &e.kind {
            EventKind::Assigned { reason, .. } => reason.clone(),
            _ => None,
        });
        assert_eq!(reason.as_deref(), Some("round robin"));
        // 10:20: ticket 1's 15 minutes are up: it goes to Tier 2 and to carl.
        let mut tickets2 = vec![];
        let mut events2 = events.clone();
        for u in &run.updated {
            tickets2.push(u.ticket.clone());
            events2.extend(u.events.clone());
        }
        let run2 = run_automation(
            &tickets2,
            &events2,
            &cfg,
            at(2, 10, 20),
            &mut SeqIds::new("b"),
        );
        let u = run2.updated.iter().find(|u| u.ticket.id == 1).unwrap();
        assert_eq!(u.ticket.tier, Tier(2));
        assert_eq!(u.ticket.assignee.as_deref(), Some("carl"));
        let kinds: Vec<&str> = u.events.iter().map(|e| e.kind.name()).collect();
        assert_eq!(kinds, vec!["tier_changed", "assigned", "assigned"]);
        assert_eq!(u.events[0].at, at(2, 10, 15));
        assert_eq!(u.events[2].at, at(2, 10, 20));
        // Ticket 2 is due at 10:16 too.
        let u2 = run2.updated.iter().find(|u| u.ticket.id == 2).unwrap();
        assert_eq!(u2.ticket.tier, Tier(2));
        assert_eq!(u2.ticket.assignee.as_deref(), Some("carl"));
    }

    fn swarm_cfg() -> DeskConfig {
        let mut cfg = default_config();
        cfg.general.mode = WorkMode::Swarm;
        cfg.agents = vec![agent("alice", 1), agent("bob", 2)];
        cfg
    }

    #[test]
    fn swarm_mode_adds_a_helper_instead_of_moving_tier_once_per_cause() {
        let mut cfg = swarm_cfg();
        let (mut t, mut h) = ticket(1, 1, at(2, 10, 0));
        step(
            &mut t,
            &mut h,
            Command::Assign {
                to: Some("alice".into()),
                reason: None,
            },
            at(2, 10, 1),
        );
        let run = run_automation(
            std::slice::from_ref(&t),
            &h,
            &cfg,
            at(2, 12, 0),
            &mut SeqIds::new("a"),
        );
        let u = &run.updated[0];
        assert_eq!(u.ticket.tier, Tier(1));
        assert_eq!(u.ticket.assignee.as_deref(), Some("alice"));
        assert_eq!(u.ticket.helpers, vec!["bob".to_string()]);
        assert_eq!(
            u.events[0].kind,
            EventKind::InternalNote {
                body: "Swarm escalation (tier time limit reached): 15 business minutes in Tier 1 (Service desk) used up; BOB from Tier 2 joins as a helper.".into()
            }
        );
        assert_eq!(u.events[0].at, at(2, 10, 15));
        assert_eq!(
            u.events[1].kind,
            EventKind::HelperAdded {
                agent: "bob".into()
            }
        );
        // Later: the tier limit has been handled in this tier.
        let mut all = h.clone();
        all.extend(u.events.clone());
        assert_eq!(due_escalations(&u.ticket, &all, &cfg, at(3, 12, 0)), None);
        // With breach escalation on, the first-response breach (14:00) calls once more.
        cfg.general.escalate_on_breach = true;
        let e = due_escalations(&u.ticket, &all, &cfg, at(3, 12, 0)).unwrap();
        assert_eq!(
            (e.cause, e.at, e.to),
            (EscalationCause::SlaBreach, at(2, 14, 0), Tier(2))
        );
        let run = run_automation(
            std::slice::from_ref(&u.ticket),
            &all,
            &cfg,
            at(3, 12, 0),
            &mut SeqIds::new("b"),
        );
        let u2 = &run.updated[0];
        all.extend(u2.events.clone());
        assert_eq!(due_escalations(&u2.ticket, &all, &cfg, at(9, 12, 0)), None);
    }

    #[test]
    fn swarm_call_without_anyone_on_shift_is_noted_once() {
        let cfg = swarm_cfg();
        // Monday 19:50 in Tier 1: due Tuesday 08:05, when Tier 2 (09:00-17:00) is off.
        let (t, h) = ticket(1, 1, at(2, 19, 50));
        let run = run_automation(&[t], &h, &cfg, at(3, 8, 30), &mut SeqIds::new("a"));
        let u = &run.updated[0];
        let note = match &u.events[0].kind {
            EventKind::InternalNote { body } => body.clone(),
            other => panic!("{other:?}"),
        };
        assert!(
            note.ends_with("nobody from Tier 2 is on shift; add a helper by hand."),
            "{note}"
        );
        assert!(u.ticket.helpers.is_empty());
        let mut all = h.clone();
        all.extend(u.events.clone());
        let again = run_automation(
            std::slice::from_ref(&u.ticket),
            &all,
            &cfg,
            at(3, 12, 0),
            &mut SeqIds::new("b"),
        );
        // No second note; alice (Tier 1, round robin) gets the ticket at most.
        assert!(again
            .updated
            .iter()
            .all(|u| u.events.iter().all(|e| e.kind.name() != "internal_note")));
    }

    #[test]
    fn a_note_by_an_agent_does_not_count_as_a_swarm_call() {
        let cfg = swarm_cfg();
        let (mut t, mut h) = ticket(1, 1, at(2, 10, 0));
        step(
            &mut t,
            &mut h,
            Command::Note("Swarm escalation (tier time limit reached): fake".into()),
            at(2, 10, 16),
        );
        assert!(due_escalations(&t, &h, &cfg, at(2, 10, 20)).is_some());
    }
}
