//! What people do to a ticket: each command checks its input, updates the snapshot and
//! returns the events it appended. Nothing here reads the clock: `now` comes in `Ctx`.

use chrono::Duration;

use super::model::*;

/// Longest subject, in characters.
pub const MAX_SUBJECT: usize = 200;
/// Longest description, reply or note, in characters.
pub const MAX_BODY: usize = 50_000;
/// Longest short field (names, e-mail, category, tag, reason).
pub const MAX_SHORT: usize = 200;

/// A rejected command: which field is wrong and why, in words a user understands.
///
/// `message` is English (the CLI and logs print it); `kind` says the same as data, so the
/// app can word it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainError {
    pub field: &'static str,
    pub message: String,
    pub kind: ErrorKind,
}

/// What is wrong, machine-readable. `Other` means only `message` tells.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ErrorKind {
    /// The field is empty but must be filled in.
    Required,
    /// The text has `len` characters; at most `max` are allowed.
    TooLong { len: usize, max: usize },
    /// `value` is not an e-mail address.
    NotEmail { value: String },
    /// There is no tier with this number.
    NoSuchTier { tier: u8 },
    /// The status cannot change from `from` to `to` directly.
    BadTransition { from: Status, to: Status },
    /// Moving to another tier needs a reason.
    ReasonRequired,
    /// A ticket with this status cannot change tier.
    NotOpen { status: Status },
    /// Resolved longer than the reopen window (`hours`) ago.
    ReopenWindow { hours: i64 },
    /// The ticket is closed.
    Closed,
    /// The ticket was merged into `into`.
    Merged { into: TicketId },
    /// An impact or urgency level outside 1-4.
    BadLevel { level: u8 },
    /// A ticket cannot link to itself.
    SelfLink,
    /// Time logged must be between 1 minute and 24 hours.
    BadMinutes,
    /// A rating must be from 1 to 5.
    BadScore,
    /// A rating needs a resolved ticket.
    NotResolved,
    /// No ticket with this number exists.
    NoSuchTicket { id: TicketId },
    /// Ticket `other` was merged into `into`: link to that one instead.
    LinkToMerged { other: TicketId, into: TicketId },
    #[default]
    Other,
}

impl DomainError {
    /// An error only its message describes (`ErrorKind::Other`).
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        DomainError {
            field,
            message: message.into(),
            kind: ErrorKind::Other,
        }
    }

    /// An error with its kind, for the app to put in the reader's words.
    pub fn of(field: &'static str, kind: ErrorKind, message: impl Into<String>) -> Self {
        DomainError {
            field,
            message: message.into(),
            kind,
        }
    }
}

impl std::fmt::Display for DomainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for DomainError {}

/// Hands out unique event ids. The app uses random ids; tests use a counter.
pub trait IdGen {
    fn event_id(&mut self) -> String;
}

/// Sequential ids with a prefix: deterministic, for tests, the CLI and demo data.
#[derive(Debug, Clone)]
pub struct SeqIds {
    pub prefix: String,
    pub next: u64,
}

impl SeqIds {
    pub fn new(prefix: &str) -> Self {
        SeqIds {
            prefix: prefix.to_string(),
            next: 1,
        }
    }
}

impl IdGen for SeqIds {
    fn event_id(&mut self) -> String {
        let id = format!("{}{}", self.prefix, self.next);
        self.next += 1;
        id
    }
}

/// Who acts, when, and the desk rules a command needs.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub now: Time,
    pub actor: Actor,
    /// How long after resolving a requester may still reopen.
    pub reopen_window: Duration,
}

impl Ctx {
    pub fn new(now: Time, actor: Actor) -> Self {
        Ctx {
            now,
            actor,
            reopen_window: Duration::days(7),
        }
    }
}

/// The fields a person fills in to open a ticket.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewTicket {
    pub subject: String,
    pub description: String,
    pub requester: Requester,
    pub priority: Priority,
    pub impact: Option<u8>,
    pub urgency: Option<u8>,
    pub tier: Tier,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub channel: Channel,
    pub fields: std::collections::BTreeMap<String, String>,
}

fn check_len(field: &'static str, value: &str, max: usize) -> Result<(), DomainError> {
    let n = value.chars().count();
    if n > max {
        return Err(DomainError::of(
            field,
            ErrorKind::TooLong { len: n, max },
            format!("is {n} characters long; the limit is {max}"),
        ));
    }
    Ok(())
}

fn check_required(field: &'static str, value: &str, max: usize) -> Result<(), DomainError> {
    if value.trim().is_empty() {
        return Err(DomainError::of(field, ErrorKind::Required, "is required"));
    }
    check_len(field, value, max)
}

/// Checks the fields of a new ticket; the first problem found is returned.
pub fn validate_new(new: &NewTicket) -> Result<(), DomainError> {
    check_required("subject", &new.subject, MAX_SUBJECT)?;
    check_len("description", &new.description, MAX_BODY)?;
    check_required("requester", &new.requester.name, MAX_SHORT)?;
    check_len("email", &new.requester.email, MAX_SHORT)?;
    let email = new.requester.email.trim();
    if !email.is_empty() && !looks_like_email(email) {
        return Err(DomainError::of(
            "email",
            ErrorKind::NotEmail { value: email.to_string() },
            format!("\"{email}\" is not an e-mail address"),
        ));
    }
    if !new.tier.is_valid() {
        return Err(DomainError::of(
            "tier",
            ErrorKind::NoSuchTier { tier: new.tier.0 },
            format!("tier {} does not exist; tiers go from 0 to 4", new.tier.0),
        ));
    }
    if let Some(c) = &new.category {
        check_len("category", c, MAX_SHORT)?;
    }
    for t in &new.tags {
        check_len("tags", t, MAX_SHORT)?;
    }
    Ok(())
}

pub fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Opens a ticket: the snapshot and its `created` event.
pub fn create(
    id: TicketId,
    new: NewTicket,
    ctx: &Ctx,
    ids: &mut dyn IdGen,
) -> Result<(Ticket, Vec<Event>), DomainError> {
    validate_new(&new)?;
    let tags = normalize_tags(&new.tags);
    let ticket = Ticket {
        id,
        rev: 1,
        subject: new.subject.trim().to_string(),
        description: new.description,
        requester: Requester {
            name: new.requester.name.trim().to_string(),
            email: new.requester.email.trim().to_string(),
            org: new
                .requester
                .org
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty()),
        },
        status: Status::New,
        priority: new.priority,
        impact: new.impact,
        urgency: new.urgency,
        priority_reason: None,
        tier: new.tier,
        group: None,
        assignee: None,
        helpers: vec![],
        category: new
            .category
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty()),
        tags,
        channel: new.channel,
        watchers: vec![],
        links: vec![],
        merged_into: None,
        root_cause: String::new(),
        articles: vec![],
        csat: None,
        fields: new.fields,
        created_at: ctx.now,
        updated_at: ctx.now,
    };
    let event = Event {
        id: ids.event_id(),
        ticket: id,
        seq: 0,
        at: ctx.now,
        actor: ctx.actor.clone(),
        kind: EventKind::Created {
            subject: ticket.subject.clone(),
            priority: ticket.priority,
            tier: ticket.tier,
            channel: ticket.channel,
        },
    };
    Ok((ticket, vec![event]))
}

/// Lower-cased, trimmed, without duplicates, in first-seen order.
pub fn normalize_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim().to_lowercase().replace(' ', "-");
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// Everything a person (or the engine) can do to an existing ticket.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A public answer to the requester.
    Reply(String),
    /// An internal note, never shown to the requester.
    Note(String),
    /// The requester wrote back (portal or by hand).
    RequesterReply(String),
    SetStatus(Status),
    SetPriority {
        to: Priority,
        reason: Option<String>,
    },
    /// Impact and urgency (1 = highest) with the priority the desk's matrix gives for them;
    /// the caller looks that up in `DeskConfig::matrix`, so the answer follows the desk's
    /// configuration. The priority is then the matrix's, not an override.
    SetImpactUrgency {
        impact: u8,
        urgency: u8,
        priority: Priority,
    },
    Assign {
        to: Option<AgentId>,
        reason: Option<String>,
    },
    /// Move to another tier; a reason is required.
    ChangeTier {
        to: Tier,
        cause: EscalationCause,
        reason: String,
    },
    SetSubject(String),
    SetCategory(Option<String>),
    SetTags(Vec<String>),
    SetGroup(Option<String>),
    SetRootCause(String),
    SetWatchers(Vec<AgentId>),
    AddHelper(AgentId),
    RemoveHelper(AgentId),
    Link {
        kind: LinkKind,
        other: TicketId,
    },
    Unlink {
        kind: LinkKind,
        other: TicketId,
    },
    LogTime(u32),
    LinkArticle(String),
    Rate {
        score: u8,
        comment: String,
    },
}

impl Command {
    /// Whether the command changes nothing but can still be recorded (used to skip no-op writes).
    fn is_noop(&self, t: &Ticket) -> bool {
        match self {
            Command::SetStatus(s) => *s == t.status,
            Command::SetPriority { to, .. } => *to == t.priority,
            Command::SetImpactUrgency { impact, urgency, priority } => {
                t.impact == Some(*impact) && t.urgency == Some(*urgency) && t.priority == *priority
            }
            Command::Assign { to, .. } => *to == t.assignee,
            Command::ChangeTier { to, .. } => *to == t.tier,
            Command::SetSubject(s) => s.trim() == t.subject,
            Command::SetCategory(c) => {
                c.as_deref().map(str::trim).filter(|c| !c.is_empty()) == t.category.as_deref()
            }
            Command::SetTags(tags) => normalize_tags(tags) == t.tags,
            Command::SetGroup(g) => *g == t.group,
            Command::SetRootCause(r) => r.trim() == t.root_cause,
            Command::SetWatchers(w) => *w == t.watchers,
            _ => false,
        }
    }
}

struct Recorder<'a> {
    ticket: TicketId,
    /// `seq` of the next event: the history's length.
    next_seq: u32,
    ctx: &'a Ctx,
    ids: &'a mut dyn IdGen,
    events: Vec<Event>,
}

impl Recorder<'_> {
    fn push(&mut self, kind: EventKind) {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.events.push(Event {
            id: self.ids.event_id(),
            ticket: self.ticket,
            seq,
            at: self.ctx.now,
            actor: self.ctx.actor.clone(),
            kind,
        });
    }
}

/// When the ticket was last resolved, from its history.
pub fn last_resolved_at(events: &[Event]) -> Option<Time> {
    events
        .iter()
        .rev()
        .find(|e| {
            matches!(
                e.kind,
                EventKind::StatusChanged {
                    to: Status::Resolved,
                    ..
                }
            )
        })
        .map(|e| e.at)
}

/// Applies one command. On error nothing changes. `history` is the ticket's events so far
/// (needed for the reopen window and to number the new events); the returned events are the
/// ones to append.
pub fn apply(
    ticket: &mut Ticket,
    history: &[Event],
    cmd: Command,
    ctx: &Ctx,
    ids: &mut dyn IdGen,
) -> Result<Vec<Event>, DomainError> {
    if ticket.merged_into.is_some() {
        return Err(DomainError::of(
            "ticket",
            ErrorKind::Merged { into: ticket.merged_into.unwrap_or_default() },
            format!(
                "was merged into #{}; work on that ticket instead",
                ticket.merged_into.unwrap_or_default()
            ),
        ));
    }
    if cmd.is_noop(ticket) {
        return Ok(vec![]);
    }
    let mut next = ticket.clone();
    let mut rec = Recorder {
        ticket: ticket.id,
        next_seq: history.iter().map(|e| e.seq + 1).max().unwrap_or(0),
        ctx,
        ids,
        events: vec![],
    };
    apply_to(&mut next, history, cmd, &mut rec)?;
    if !rec.events.is_empty() {
        next.rev = next.rev.wrapping_add(1);
        next.updated_at = ctx.now;
        *ticket = next;
    }
    Ok(rec.events)
}

fn set_status(t: &mut Ticket, to: Status, rec: &mut Recorder) {
    let from = t.status;
    t.status = to;
    rec.push(EventKind::StatusChanged { from, to });
}

fn reopen_allowed(history: &[Event], ctx: &Ctx) -> Result<(), DomainError> {
    if let Some(resolved) = last_resolved_at(history) {
        if ctx.now - resolved > ctx.reopen_window {
            return Err(DomainError::of(
                "status",
                ErrorKind::ReopenWindow { hours: ctx.reopen_window.num_hours() },
                format!(
                    "can no longer be reopened: it was resolved more than {} hours ago; open a new ticket",
                    ctx.reopen_window.num_hours()
                ),
            ));
        }
    }
    Ok(())
}

fn apply_to(
    t: &mut Ticket,
    history: &[Event],
    cmd: Command,
    rec: &mut Recorder,
) -> Result<(), DomainError> {
    match cmd {
        Command::Reply(body) => {
            check_required("reply", &body, MAX_BODY)?;
            if t.status == Status::Closed {
                return Err(DomainError::of("reply", ErrorKind::Closed, "the ticket is closed"));
            }
            rec.push(EventKind::PublicReply { body });
            // Answering a new ticket is working on it.
            if t.status == Status::New {
                set_status(t, Status::Open, rec);
            }
        }
        Command::Note(body) => {
            check_required("note", &body, MAX_BODY)?;
            rec.push(EventKind::InternalNote { body });
        }
        Command::RequesterReply(body) => {
            check_required("reply", &body, MAX_BODY)?;
            match t.status {
                Status::Closed => {
                    return Err(DomainError::of(
                        "reply",
                        ErrorKind::Closed,
                        "the ticket is closed; open a new ticket",
                    ))
                }
                Status::Resolved => reopen_allowed(history, rec.ctx)?,
                _ => {}
            }
            rec.push(EventKind::RequesterReply { body });
            // The requester answered: the desk owes the next move again.
            if matches!(t.status, Status::Pending | Status::Resolved) {
                set_status(t, Status::Open, rec);
            }
        }
        Command::SetStatus(to) => {
            if !t.status.can_become(to) {
                return Err(DomainError::of(
                    "status",
                    ErrorKind::BadTransition { from: t.status, to },
                    format!(
                        "cannot go from {} to {}",
                        t.status.label(),
                        to.label()
                    ),
                ));
            }
            if t.status == Status::Resolved && to == Status::Open {
                reopen_allowed(history, rec.ctx)?;
            }
            set_status(t, to, rec);
        }
        Command::SetPriority { to, reason } => {
            let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
            if let Some(r) = &reason {
                check_len("reason", r, MAX_SHORT)?;
            }
            let from = t.priority;
            t.priority = to;
            t.priority_reason = reason.clone();
            rec.push(EventKind::PriorityChanged { from, to, reason });
        }
        Command::SetImpactUrgency { impact, urgency, priority } => {
            for (name, level) in [("impact", impact), ("urgency", urgency)] {
                if !(1..=4).contains(&level) {
                    return Err(DomainError::of(
                        name,
                        ErrorKind::BadLevel { level },
                        format!("{level} is not a level; levels go from 1 (highest) to 4"),
                    ));
                }
            }
            let shown = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
            if t.impact != Some(impact) {
                rec.push(field("impact", shown(t.impact), impact.to_string()));
                t.impact = Some(impact);
            }
            if t.urgency != Some(urgency) {
                rec.push(field("urgency", shown(t.urgency), urgency.to_string()));
                t.urgency = Some(urgency);
            }
            // The matrix's answer is not an override: any earlier override reason goes.
            t.priority_reason = None;
            if t.priority != priority {
                let from = t.priority;
                t.priority = priority;
                rec.push(EventKind::PriorityChanged { from, to: priority, reason: None });
            }
        }
        Command::Assign { to, reason } => {
            let from = t.assignee.clone();
            t.assignee = to.clone();
            rec.push(EventKind::Assigned { from, to, reason });
            if t.status == Status::New && t.assignee.is_some() {
                set_status(t, Status::Open, rec);
            }
        }
        Command::ChangeTier { to, cause, reason } => {
            if !to.is_valid() {
                return Err(DomainError::of(
                    "tier",
                    ErrorKind::NoSuchTier { tier: to.0 },
                    format!("tier {} does not exist; tiers go from 0 to 4", to.0),
                ));
            }
            let reason = reason.trim().to_string();
            if reason.is_empty() {
                return Err(DomainError::of(
                    "reason",
                    ErrorKind::ReasonRequired,
                    "is required when a ticket changes tier",
                ));
            }
            check_len("reason", &reason, MAX_SHORT)?;
            if !t.status.is_open() {
                return Err(DomainError::of(
                    "tier",
                    ErrorKind::NotOpen { status: t.status },
                    format!("a {} ticket cannot change tier", t.status.label().to_lowercase()),
                ));
            }
            let from = t.tier;
            t.tier = to;
            rec.push(EventKind::TierChanged {
                from,
                to,
                cause,
                reason,
            });
            // The new tier picks its own owner.
            if t.assignee.is_some() {
                let prev = t.assignee.take();
                rec.push(EventKind::Assigned {
                    from: prev,
                    to: None,
                    reason: Some(format!("moved to {to}")),
                });
            }
        }
        Command::SetSubject(s) => {
            check_required("subject", &s, MAX_SUBJECT)?;
            let to = s.trim().to_string();
            let from = std::mem::replace(&mut t.subject, to.clone());
            rec.push(field("subject", from, to));
        }
        Command::SetCategory(c) => {
            let to = c.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
            if let Some(c) = &to {
                check_len("category", c, MAX_SHORT)?;
            }
            let from = std::mem::replace(&mut t.category, to.clone());
            rec.push(field(
                "category",
                from.unwrap_or_default(),
                to.unwrap_or_default(),
            ));
        }
        Command::SetTags(tags) => {
            for tag in &tags {
                check_len("tags", tag, MAX_SHORT)?;
            }
            let to = normalize_tags(&tags);
            let from = std::mem::replace(&mut t.tags, to.clone());
            rec.push(field("tags", from.join(", "), to.join(", ")));
        }
        Command::SetGroup(g) => {
            let from = std::mem::replace(&mut t.group, g.clone());
            rec.push(field("group", from.unwrap_or_default(), g.unwrap_or_default()));
        }
        Command::SetRootCause(r) => {
            check_len("root cause", &r, MAX_BODY)?;
            let to = r.trim().to_string();
            let from = std::mem::replace(&mut t.root_cause, to.clone());
            rec.push(field("root_cause", from, to));
        }
        Command::SetWatchers(w) => {
            let from = std::mem::replace(&mut t.watchers, w.clone());
            rec.push(field("watchers", from.join(", "), w.join(", ")));
        }
        Command::AddHelper(agent) => {
            if t.assignee.as_deref() == Some(agent.as_str()) || t.helpers.contains(&agent) {
                return Ok(());
            }
            t.helpers.push(agent.clone());
            rec.push(EventKind::HelperAdded { agent });
        }
        Command::RemoveHelper(agent) => {
            if let Some(pos) = t.helpers.iter().position(|h| *h == agent) {
                t.helpers.remove(pos);
                rec.push(EventKind::HelperRemoved { agent });
            }
        }
        Command::Link { kind, other } => {
            if other == t.id {
                return Err(DomainError::of("link", ErrorKind::SelfLink, "a ticket cannot link to itself"));
            }
            let link = TicketLink { kind, other };
            if !t.links.contains(&link) {
                t.links.push(link);
                rec.push(EventKind::Linked { kind, other });
            }
        }
        Command::Unlink { kind, other } => {
            let link = TicketLink { kind, other };
            if let Some(pos) = t.links.iter().position(|l| *l == link) {
                t.links.remove(pos);
                rec.push(EventKind::Unlinked { kind, other });
            }
        }
        Command::LogTime(minutes) => {
            if minutes == 0 || minutes > 24 * 60 {
                return Err(DomainError::of(
                    "time spent",
                    ErrorKind::BadMinutes,
                    "must be between 1 minute and 24 hours",
                ));
            }
            rec.push(EventKind::TimeLogged { minutes });
        }
        Command::LinkArticle(article) => {
            check_required("article", &article, MAX_SHORT)?;
            if !t.articles.contains(&article) {
                t.articles.push(article.clone());
                rec.push(EventKind::ArticleLinked { article });
            }
        }
        Command::Rate { score, comment } => {
            if !(1..=5).contains(&score) {
                return Err(DomainError::of("rating", ErrorKind::BadScore, "must be from 1 to 5"));
            }
            check_len("comment", &comment, MAX_BODY)?;
            if !matches!(t.status, Status::Resolved | Status::Closed) {
                return Err(DomainError::of(
                    "rating",
                    ErrorKind::NotResolved,
                    "can be given once the ticket is resolved",
                ));
            }
            t.csat = Some(Csat {
                score,
                comment: comment.clone(),
                at: rec.ctx.now,
            });
            rec.push(EventKind::Rated { score, comment });
        }
    }
    Ok(())
}

fn field(name: &str, from: String, to: String) -> EventKind {
    EventKind::FieldChanged {
        field: name.to_string(),
        from,
        to,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> Time {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    fn new_ticket() -> NewTicket {
        NewTicket {
            subject: "  Printer on 3rd floor jams ".into(),
            description: "Every page".into(),
            requester: Requester {
                name: "Dana".into(),
                email: "dana@example.org".into(),
                org: None,
            },
            tier: Tier(1),
            tags: vec!["Printer".into(), "printer".into(), " floor 3".into()],
            ..Default::default()
        }
    }

    use chrono::Utc;

    fn agent(id: &str) -> Actor {
        Actor::Agent(id.into())
    }

    #[test]
    fn create_trims_and_records_created_event() {
        let mut ids = SeqIds::new("e");
        let (t, ev) = create(42, new_ticket(), &Ctx::new(t0(), Actor::Requester), &mut ids).unwrap();
        assert_eq!(t.subject, "Printer on 3rd floor jams");
        assert_eq!(t.status, Status::New);
        assert_eq!(t.tags, vec!["printer", "floor-3"]);
        assert_eq!(t.reference(), "#42");
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].kind.name(), "created");
        assert_eq!(ev[0].id, "e1");
    }

    #[test]
    fn create_rejects_empty_subject_and_bad_email() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), Actor::Requester);
        let mut n = new_ticket();
        n.subject = "   ".into();
        let err = create(1, n, &ctx, &mut ids).unwrap_err();
        assert_eq!(err.field, "subject");
        let mut n = new_ticket();
        n.requester.email = "dana at example".into();
        assert_eq!(create(1, n, &ctx, &mut ids).unwrap_err().field, "email");
        let mut n = new_ticket();
        n.subject = "x".repeat(MAX_SUBJECT + 1);
        assert!(create(1, n, &ctx, &mut ids)
            .unwrap_err()
            .message
            .contains("limit is 200"));
    }

    #[test]
    fn reply_opens_a_new_ticket_and_bumps_revision() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), agent("alice"));
        let (mut t, hist) = create(1, new_ticket(), &ctx, &mut ids).unwrap();
        let ev = apply(&mut t, &hist, Command::Reply("On it".into()), &ctx, &mut ids).unwrap();
        assert_eq!(ev.len(), 2);
        assert_eq!(t.status, Status::Open);
        assert_eq!(t.rev, 2);
    }

    #[test]
    fn illegal_transition_is_refused_and_changes_nothing() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), agent("alice"));
        let (mut t, hist) = create(1, new_ticket(), &ctx, &mut ids).unwrap();
        let before = t.clone();
        let err = apply(&mut t, &hist, Command::SetStatus(Status::Closed), &ctx, &mut ids)
            .unwrap_err();
        assert_eq!(err.field, "status");
        assert_eq!(t, before);
    }

    #[test]
    fn requester_reply_reopens_within_window_only() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), agent("alice"));
        let (mut t, mut hist) = create(1, new_ticket(), &ctx, &mut ids).unwrap();
        hist.extend(apply(&mut t, &hist.clone(), Command::SetStatus(Status::Resolved), &ctx, &mut ids).unwrap());
        let mut late = Ctx::new(t0() + Duration::days(8), Actor::Requester);
        late.reopen_window = Duration::days(7);
        let mut copy = t.clone();
        assert!(apply(&mut copy, &hist, Command::RequesterReply("still broken".into()), &late, &mut ids).is_err());
        let soon = Ctx::new(t0() + Duration::days(1), Actor::Requester);
        let ev = apply(&mut t, &hist, Command::RequesterReply("still broken".into()), &soon, &mut ids).unwrap();
        assert_eq!(t.status, Status::Open);
        assert!(ev.iter().any(|e| matches!(e.kind, EventKind::StatusChanged { from: Status::Resolved, to: Status::Open })));
    }

    #[test]
    fn tier_change_needs_reason_and_unassigns() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), agent("alice"));
        let (mut t, hist) = create(1, new_ticket(), &ctx, &mut ids).unwrap();
        apply(&mut t, &hist, Command::Assign { to: Some("alice".into()), reason: None }, &ctx, &mut ids).unwrap();
        let err = apply(&mut t, &hist, Command::ChangeTier { to: Tier(2), cause: EscalationCause::Manual, reason: " ".into() }, &ctx, &mut ids).unwrap_err();
        assert_eq!(err.field, "reason");
        let ev = apply(&mut t, &hist, Command::ChangeTier { to: Tier(2), cause: EscalationCause::Manual, reason: "needs a network engineer".into() }, &ctx, &mut ids).unwrap();
        assert_eq!(t.tier, Tier(2));
        assert_eq!(t.assignee, None);
        assert_eq!(ev.len(), 2);
    }

    #[test]
    fn noop_commands_write_nothing() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), agent("alice"));
        let (mut t, hist) = create(1, new_ticket(), &ctx, &mut ids).unwrap();
        let ev = apply(&mut t, &hist, Command::SetPriority { to: Priority::Medium, reason: None }, &ctx, &mut ids).unwrap();
        assert!(ev.is_empty());
        assert_eq!(t.rev, 1);
    }

    #[test]
    fn impact_and_urgency_set_the_matrix_priority_and_clear_an_override() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), agent("alice"));
        let (mut t, mut hist) = create(1, new_ticket(), &ctx, &mut ids).unwrap();
        let over = Command::SetPriority { to: Priority::Low, reason: Some("only one user".into()) };
        hist.extend(apply(&mut t, &hist.clone(), over, &ctx, &mut ids).unwrap());
        assert_eq!(t.priority_reason.as_deref(), Some("only one user"));
        let cmd = Command::SetImpactUrgency { impact: 1, urgency: 2, priority: Priority::High };
        let ev = apply(&mut t, &hist, cmd.clone(), &ctx, &mut ids).unwrap();
        assert_eq!((t.impact, t.urgency, t.priority), (Some(1), Some(2), Priority::High));
        assert_eq!(t.priority_reason, None);
        assert_eq!(ev.iter().map(|e| e.kind.name()).collect::<Vec<_>>(), ["field_changed", "field_changed", "priority_changed"]);
        assert_eq!(ev[0].kind, EventKind::FieldChanged { field: "impact".into(), from: String::new(), to: "1".into() });
        hist.extend(ev);
        assert!(apply(&mut t, &hist, cmd, &ctx, &mut ids).unwrap().is_empty(), "same levels again change nothing");
        let before = t.clone();
        let err = apply(&mut t, &hist, Command::SetImpactUrgency { impact: 5, urgency: 1, priority: Priority::High }, &ctx, &mut ids).unwrap_err();
        assert_eq!(err.field, "impact");
        assert_eq!(t, before);
    }

    #[test]
    fn rating_only_after_resolution() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), Actor::Requester);
        let (mut t, hist) = create(1, new_ticket(), &ctx, &mut ids).unwrap();
        assert!(apply(&mut t, &hist, Command::Rate { score: 5, comment: String::new() }, &ctx, &mut ids).is_err());
        apply(&mut t, &hist, Command::SetStatus(Status::Resolved), &ctx, &mut ids).unwrap();
        assert!(apply(&mut t, &hist, Command::Rate { score: 6, comment: String::new() }, &ctx, &mut ids).is_err());
        apply(&mut t, &hist, Command::Rate { score: 4, comment: "quick".into() }, &ctx, &mut ids).unwrap();
        assert_eq!(t.csat.as_ref().map(|c| c.score), Some(4));
    }

    #[test]
    fn events_round_trip_through_json() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), agent("alice"));
        let (mut t, hist) = create(7, new_ticket(), &ctx, &mut ids).unwrap();
        let ev = apply(&mut t, &hist, Command::ChangeTier { to: Tier(2), cause: EscalationCause::TierLimit, reason: "15 minutes in Tier 1".into() }, &ctx, &mut ids).unwrap();
        let json = serde_json::to_string(&ev[0]).unwrap();
        assert!(json.contains("\"type\":\"tier_changed\""), "{json}");
        let back: Event = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ev[0]);
        let tj = serde_json::to_string(&t).unwrap();
        let tb: Ticket = serde_json::from_str(&tj).unwrap();
        assert_eq!(tb, t);
    }

    #[test]
    fn errors_carry_their_kind_as_data() {
        let mut ids = SeqIds::new("e");
        let ctx = Ctx::new(t0(), agent("alice"));
        let long = "x".repeat(MAX_SUBJECT + 5);
        let e = create(1, NewTicket { subject: long, ..new_ticket() }, &ctx, &mut ids).unwrap_err();
        assert_eq!((e.field, e.kind), ("subject", ErrorKind::TooLong { len: 205, max: 200 }));
        let e = create(1, NewTicket { subject: " ".into(), ..new_ticket() }, &ctx, &mut ids).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Required);
        assert_eq!(e.message, "is required", "the English message stays for the CLI");
        let mut bad = new_ticket();
        bad.requester.email = "dana-at-example".into();
        let e = create(1, bad, &ctx, &mut ids).unwrap_err();
        assert_eq!(e.kind, ErrorKind::NotEmail { value: "dana-at-example".into() });

        let (mut t, hist) = create(1, new_ticket(), &ctx, &mut ids).unwrap();
        let e = apply(&mut t, &hist, Command::SetStatus(Status::Closed), &ctx, &mut ids).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadTransition { from: Status::New, to: Status::Closed });
        let e = apply(&mut t, &hist, Command::ChangeTier { to: Tier(2), cause: EscalationCause::Manual, reason: "  ".into() }, &ctx, &mut ids).unwrap_err();
        assert_eq!((e.field, e.kind), ("reason", ErrorKind::ReasonRequired));
        let e = apply(&mut t, &hist, Command::LogTime(0), &ctx, &mut ids).unwrap_err();
        assert_eq!(e.kind, ErrorKind::BadMinutes);
        let e = apply(&mut t, &hist, Command::Link { kind: LinkKind::Related, other: 1 }, &ctx, &mut ids).unwrap_err();
        assert_eq!(e.kind, ErrorKind::SelfLink);
        assert_eq!(DomainError::new("merge", "x").kind, ErrorKind::Other);
    }
}
