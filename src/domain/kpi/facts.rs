//! One ticket's history reduced, in one pass over its events, to the facts the KPIs need.
//!
//! Only events at or before `as_of` (the end of the period, or `now` if that is earlier)
//! count, so a report on a past period does not change when later events arrive.

use super::Window;
use crate::domain::model::{
    Actor, Channel, EscalationCause, Event, EventKind, Priority, Status, Ticket, Tier, Time,
};

/// Tiers 0..=4 as array indices.
pub(super) const TIERS: usize = 5;

/// The ticket's grouping fields at `as_of`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Dims {
    pub tier: Tier,
    pub group: Option<String>,
    pub agent: Option<String>,
    pub category: Option<String>,
    pub priority: Priority,
}

/// What one ticket contributes; instants are `None` when the event never happened.
#[derive(Debug, Clone, Default)]
pub(super) struct Facts {
    pub created: Option<Time>,
    pub created_in: bool,
    /// Created in the period through the portal or a kiosk.
    pub via_portal: bool,
    /// First history entry made by an agent (not the creation, not a requester's words).
    pub ack: Option<Time>,
    pub first_reply: Option<Time>,
    pub first_resolve: Option<Time>,
    pub last_resolve: Option<Time>,
    /// Resolutions inside the period, in order.
    pub resolves_in: Vec<Time>,
    pub reopened: bool,
    pub agent_replies: u32,
    /// Moved between tiers by a person or an automatic escalation (routing moves excluded).
    pub tier_moved: bool,
    /// Entered the tier (created in it, or moved into it) during the period.
    pub entered: [bool; TIERS],
    /// Moved up out of a tier it had entered during the period.
    pub escalated_from: [bool; TIERS],
    pub rating: Option<u8>,
    /// Minutes logged in the period: who logged them, the ticket's tier then, minutes.
    pub time: Vec<(String, Tier, u32)>,
    /// Stretches during which the ticket was open (end `None`: still open at `as_of`).
    pub open_spans: Vec<(Time, Option<Time>)>,
    /// Open (new, open, pending, on hold) and not merged at `as_of`.
    pub open_at_end: bool,
    /// Resolved or closed at `as_of`.
    pub closed_at_end: bool,
    /// Some event of the ticket lies in the period.
    pub touched: bool,
}

impl Facts {
    /// Whether the ticket has anything to say about the period.
    pub fn relevant(&self) -> bool {
        self.created.is_some() && (self.touched || self.created_in || self.open_at_end)
    }

    pub fn resolved_in(&self) -> bool {
        !self.resolves_in.is_empty()
    }

    /// Resolved and not reopened since, at `as_of`.
    pub fn finally_resolved(&self) -> bool {
        self.last_resolve.is_some() && self.closed_at_end
    }
}

fn is_resolution(from_open: bool, to: Status) -> bool {
    from_open && matches!(to, Status::Resolved | Status::Closed)
}

fn tier_index(t: Tier) -> Option<usize> {
    let i = usize::from(t.0);
    (i < TIERS).then_some(i)
}

fn actor_key(a: &Actor) -> String {
    match a {
        Actor::Agent(id) => id.clone(),
        Actor::System => "(system)".to_string(),
        Actor::Requester => "(requester)".to_string(),
    }
}

/// Reads one ticket's history. `events` may be in any order.
pub(super) fn read(ticket: &Ticket, events: &[Event], w: &Window) -> (Facts, Dims) {
    let mut evs: Vec<&Event> = events.iter().collect();
    // A stable sort is linear on the usual, already ordered, input.
    evs.sort_by_key(|e| (e.at, e.seq));
    let split = evs.partition_point(|e| e.at <= w.as_of);
    let (seen, later) = evs.split_at(split);

    let created_ev = seen.iter().find_map(|e| match &e.kind {
        EventKind::Created { tier, channel, .. } => Some((e.at, *tier, *channel)),
        _ => None,
    });
    let created = created_ev.map_or(ticket.created_at, |c| c.0);
    let mut f = Facts::default();
    if created > w.as_of {
        return (f, snapshot_dims(ticket));
    }
    f.created = Some(created);
    f.created_in = w.contains(created);
    let channel = created_ev.map_or(ticket.channel, |c| c.2);
    f.via_portal = f.created_in && matches!(channel, Channel::Portal | Channel::Kiosk);

    let mut tier = created_ev.map(|c| c.1).unwrap_or_else(|| {
        evs.iter()
            .find_map(|e| match e.kind {
                EventKind::TierChanged { from, .. } => Some(from),
                _ => None,
            })
            .unwrap_or(ticket.tier)
    });
    if let (true, Some(i)) = (f.created_in, tier_index(tier)) {
        f.entered[i] = true;
    }
    let mut open = true;
    let mut open_since = Some(created);
    let mut merged = false;
    let mut rated_event = false;

    for e in seen {
        let at = e.at.max(created);
        let in_p = w.contains(at);
        f.touched |= in_p;
        let by_agent = matches!(e.actor, Actor::Agent(_));
        if by_agent
            && f.ack.is_none()
            && !matches!(
                e.kind,
                EventKind::Created { .. }
                    | EventKind::RequesterReply { .. }
                    | EventKind::Rated { .. }
            )
        {
            f.ack = Some(at);
        }
        match &e.kind {
            EventKind::PublicReply { .. } if by_agent => {
                f.agent_replies += 1;
                f.first_reply.get_or_insert(at);
            }
            EventKind::StatusChanged { to, .. } => {
                let now_open = to.is_open();
                if is_resolution(open, *to) {
                    f.first_resolve.get_or_insert(at);
                    f.last_resolve = Some(at);
                    if in_p {
                        f.resolves_in.push(at);
                    }
                }
                if open && !now_open {
                    close(&mut f, &mut open_since, at);
                } else if !open && now_open {
                    f.reopened = true;
                    if !merged {
                        open_since = Some(at);
                    }
                }
                open = now_open;
            }
            EventKind::TierChanged { to, cause, .. } => {
                let counts = *cause != EscalationCause::Routing && *to != tier;
                f.tier_moved |= counts;
                if counts && *to > tier {
                    if let Some(i) = tier_index(tier).filter(|&i| f.entered[i]) {
                        f.escalated_from[i] = true;
                    }
                }
                tier = *to;
                if let (true, Some(i)) = (in_p, tier_index(tier)) {
                    f.entered[i] = true;
                }
            }
            EventKind::Merged { .. } if !merged => {
                merged = true;
                close(&mut f, &mut open_since, at);
            }
            EventKind::TimeLogged { minutes } if in_p => {
                f.time.push((actor_key(&e.actor), tier, *minutes));
            }
            EventKind::Rated { score, .. } => {
                rated_event = true;
                if (1..=5).contains(score) {
                    f.rating = Some(*score);
                }
            }
            _ => {}
        }
    }

    // Imported or hand-edited data: from its last update on, the snapshot is the truth.
    let last_at = seen.last().map_or(created, |e| e.at);
    let snapshot_counts =
        later.is_empty() && ticket.updated_at <= w.as_of && ticket.updated_at >= last_at;
    if snapshot_counts {
        let at = ticket.updated_at.max(created);
        if open && !ticket.status.is_open() {
            close(&mut f, &mut open_since, at);
            open = false;
        }
        if ticket.merged_into.is_some() && !merged {
            merged = true;
            close(&mut f, &mut open_since, at);
        }
    }
    if !rated_event {
        if let Some(c) = ticket
            .csat
            .as_ref()
            .filter(|c| c.at <= w.as_of && (1..=5).contains(&c.score))
        {
            f.rating = Some(c.score);
        }
    }
    if let Some(since) = open_since {
        f.open_spans.push((since, None));
    }
    f.open_at_end = open && !merged;
    f.closed_at_end = !open;
    let dims = if later.is_empty() {
        snapshot_dims(ticket)
    } else {
        replay_dims(ticket, &evs, w.as_of)
    };
    (f, dims)
}

fn close(f: &mut Facts, open_since: &mut Option<Time>, at: Time) {
    if let Some(since) = open_since.take() {
        f.open_spans.push((since, Some(at)));
    }
}

fn snapshot_dims(t: &Ticket) -> Dims {
    Dims {
        tier: t.tier,
        group: t.group.clone(),
        agent: t.assignee.clone(),
        category: t.category.clone(),
        priority: t.priority,
    }
}

/// One field's value at `as_of`: the `to` of its last change up to then, else the `from` of its
/// first change after, else the snapshot's.
struct Track<T> {
    value: Option<T>,
}

impl<T> Track<T> {
    fn new() -> Self {
        Track { value: None }
    }

    /// Events come in history order.
    fn see(&mut self, before: bool, from: T, to: T) {
        if before {
            self.value = Some(to);
        } else if self.value.is_none() {
            self.value = Some(from);
        }
    }

    fn or(self, snapshot: T) -> T {
        self.value.unwrap_or(snapshot)
    }
}

fn text(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// The grouping fields at `as_of` when later events changed them since.
fn replay_dims(t: &Ticket, evs: &[&Event], as_of: Time) -> Dims {
    let (mut tier, mut group, mut agent, mut category, mut priority) = (
        Track::new(),
        Track::new(),
        Track::new(),
        Track::new(),
        Track::new(),
    );
    for e in evs {
        let before = e.at <= as_of;
        match &e.kind {
            EventKind::Created {
                tier: ti,
                priority: p,
                ..
            } if before => {
                tier.value = Some(*ti);
                priority.value = Some(*p);
            }
            EventKind::TierChanged { from, to, .. } => tier.see(before, *from, *to),
            EventKind::PriorityChanged { from, to, .. } => priority.see(before, *from, *to),
            EventKind::Assigned { from, to, .. } => agent.see(before, from.clone(), to.clone()),
            EventKind::FieldChanged { field, from, to } if field == "group" => {
                group.see(before, text(from), text(to))
            }
            EventKind::FieldChanged { field, from, to } if field == "category" => {
                category.see(before, text(from), text(to))
            }
            _ => {}
        }
    }
    Dims {
        tier: tier.or(t.tier),
        group: group.or(t.group.clone()),
        agent: agent.or(t.assignee.clone()),
        category: category.or(t.category.clone()),
        priority: priority.or(t.priority),
    }
}
