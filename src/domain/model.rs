//! The ticket and its history: the core records every other module works on.
//!
//! A ticket is a snapshot of its current fields; its `Event`s are the append-only history.
//! Anything that depends on time (SLA clocks, tier clocks, KPIs) is derived from the events,
//! never from counters stored on the ticket.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub type Time = DateTime<Utc>;
pub type TicketId = u64;
pub type AgentId = String;

/// Lifecycle states. Transitions are checked by [`Status::can_become`].
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Open,
    /// Waiting on the requester.
    Pending,
    /// Waiting on a vendor (Tier 4) or a third party.
    OnHold,
    Resolved,
    Closed,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::New,
        Status::Open,
        Status::Pending,
        Status::OnHold,
        Status::Resolved,
        Status::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Open => "open",
            Status::Pending => "pending",
            Status::OnHold => "on_hold",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::New => "New",
            Status::Open => "Open",
            Status::Pending => "Pending",
            Status::OnHold => "On hold",
            Status::Resolved => "Resolved",
            Status::Closed => "Closed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// SLA clocks stop counting while a ticket waits on someone other than the desk.
    pub fn pauses_sla(self) -> bool {
        matches!(self, Status::Pending | Status::OnHold)
    }

    /// Open means the desk still owes work: it counts in the backlog.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }

    /// The allowed transitions. Reopening (resolved -> open) is further limited by the
    /// reopen window, which needs the time and is checked by the ticket commands.
    pub fn can_become(self, to: Status) -> bool {
        use Status::*;
        if self == to {
            return false;
        }
        match self {
            New => matches!(to, Open | Pending | OnHold | Resolved),
            Open => matches!(to, Pending | OnHold | Resolved),
            Pending | OnHold => matches!(to, Open | Pending | OnHold | Resolved),
            Resolved => matches!(to, Open | Closed),
            Closed => false,
        }
    }
}

/// Priority: derived from impact x urgency unless set by hand.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Critical,
    High,
    #[default]
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Critical,
        Priority::High,
        Priority::Medium,
        Priority::Low,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Priority::Critical => "Critical",
            Priority::High => "High",
            Priority::Medium => "Medium",
            Priority::Low => "Low",
        }
    }

    pub fn parse(s: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// 0 for the most urgent: handy for sorting.
    pub fn rank(self) -> u8 {
        self as u8
    }
}

/// Support tier 0 (self-service) to 4 (outside vendor).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Tier(pub u8);

impl Tier {
    pub const MAX: Tier = Tier(4);

    pub fn is_valid(self) -> bool {
        self.0 <= Self::MAX.0
    }

    pub fn next(self) -> Option<Tier> {
        (self.0 < Self::MAX.0).then(|| Tier(self.0 + 1))
    }

    pub fn prev(self) -> Option<Tier> {
        (self.0 > 0).then(|| Tier(self.0 - 1))
    }

    pub fn default_name(self) -> &'static str {
        match self.0 {
            0 => "Self-service",
            1 => "Service desk",
            2 => "Technical support",
            3 => "Experts",
            _ => "Vendors",
        }
    }
}

impl std::fmt::Display for Tier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Tier {}", self.0)
    }
}

/// Where a ticket came from.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Agent,
    Portal,
    Kiosk,
    Email,
    Phone,
    Chat,
    Import,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Agent,
        Channel::Portal,
        Channel::Kiosk,
        Channel::Email,
        Channel::Phone,
        Channel::Chat,
        Channel::Import,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Agent => "agent",
            Channel::Portal => "portal",
            Channel::Kiosk => "kiosk",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Chat => "chat",
            Channel::Import => "import",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Requester {
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Related,
    /// This ticket is the parent of `other`.
    ParentOf,
    ChildOf,
    DuplicateOf,
    /// This ticket is the problem behind incident `other`.
    ProblemOf,
    IncidentOf,
}

impl LinkKind {
    pub const ALL: [LinkKind; 6] = [
        LinkKind::Related,
        LinkKind::ParentOf,
        LinkKind::ChildOf,
        LinkKind::DuplicateOf,
        LinkKind::ProblemOf,
        LinkKind::IncidentOf,
    ];

    /// The same link seen from the other ticket.
    pub fn inverse(self) -> LinkKind {
        match self {
            LinkKind::Related => LinkKind::Related,
            LinkKind::ParentOf => LinkKind::ChildOf,
            LinkKind::ChildOf => LinkKind::ParentOf,
            // "B has duplicates" is shown as related on B.
            LinkKind::DuplicateOf => LinkKind::Related,
            LinkKind::ProblemOf => LinkKind::IncidentOf,
            LinkKind::IncidentOf => LinkKind::ProblemOf,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Related => "related",
            LinkKind::ParentOf => "parent_of",
            LinkKind::ChildOf => "child_of",
            LinkKind::DuplicateOf => "duplicate_of",
            LinkKind::ProblemOf => "problem_of",
            LinkKind::IncidentOf => "incident_of",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LinkKind::Related => "related to",
            LinkKind::ParentOf => "parent of",
            LinkKind::ChildOf => "child of",
            LinkKind::DuplicateOf => "duplicate of",
            LinkKind::ProblemOf => "problem behind",
            LinkKind::IncidentOf => "incident of",
        }
    }

    pub fn parse(s: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct TicketLink {
    pub kind: LinkKind,
    pub other: TicketId,
}

/// Customer satisfaction rating given by the requester.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Csat {
    /// 1 (very unhappy) to 5 (very happy).
    pub score: u8,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    pub at: Time,
}

/// The current state of a ticket. `rev` increases on every write so that two tabs
/// editing the same ticket notice each other.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Ticket {
    pub id: TicketId,
    #[serde(default)]
    pub rev: u32,
    pub subject: String,
    #[serde(default)]
    pub description: String,
    pub requester: Requester,
    pub status: Status,
    pub priority: Priority,
    /// Impact and urgency, 1 (highest) to the matrix size; `None` when priority was set directly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<u8>,
    /// Set when an agent overrode the matrix; the reason is also in the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_reason: Option<String>,
    pub tier: Tier,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<AgentId>,
    /// Swarming: agents helping the owner without a hand-off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub helpers: Vec<AgentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub channel: Channel,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub watchers: Vec<AgentId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<TicketLink>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<TicketId>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub root_cause: String,
    /// Knowledge-base articles linked as the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat: Option<Csat>,
    /// Extra fields filled in from a service-catalog form.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    pub created_at: Time,
    pub updated_at: Time,
}

impl Ticket {
    /// The reference shown to people, e.g. `#42`.
    pub fn reference(&self) -> String {
        format!("#{}", self.id)
    }
}

/// Who did something.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    System,
    Requester,
    Agent(AgentId),
}

impl Actor {
    pub fn agent_id(&self) -> Option<&str> {
        match self {
            Actor::Agent(id) => Some(id),
            _ => None,
        }
    }
}

/// Why a ticket moved between tiers.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EscalationCause {
    Manual,
    Routing,
    TierLimit,
    SlaWarning,
    SlaBreach,
}

impl EscalationCause {
    pub fn label(self) -> &'static str {
        match self {
            EscalationCause::Manual => "by hand",
            EscalationCause::Routing => "by a routing rule",
            EscalationCause::TierLimit => "tier time limit reached",
            EscalationCause::SlaWarning => "SLA warning",
            EscalationCause::SlaBreach => "SLA breached",
        }
    }
}

/// What happened. One variant per kind of history entry.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    Created {
        subject: String,
        priority: Priority,
        tier: Tier,
        #[serde(default)]
        channel: Channel,
    },
    /// A plain field edit (subject, category, tags, group, root cause, watchers, ...).
    FieldChanged {
        field: String,
        #[serde(default)]
        from: String,
        #[serde(default)]
        to: String,
    },
    PriorityChanged {
        from: Priority,
        to: Priority,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    Assigned {
        #[serde(default)]
        from: Option<AgentId>,
        #[serde(default)]
        to: Option<AgentId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    TierChanged {
        from: Tier,
        to: Tier,
        cause: EscalationCause,
        #[serde(default)]
        reason: String,
    },
    StatusChanged {
        from: Status,
        to: Status,
    },
    PublicReply {
        body: String,
    },
    InternalNote {
        body: String,
    },
    RequesterReply {
        body: String,
    },
    /// On the ticket that was merged away.
    Merged {
        into: TicketId,
    },
    /// On the surviving ticket.
    MergedFrom {
        from: TicketId,
    },
    Linked {
        kind: LinkKind,
        other: TicketId,
    },
    Unlinked {
        kind: LinkKind,
        other: TicketId,
    },
    HelperAdded {
        agent: AgentId,
    },
    HelperRemoved {
        agent: AgentId,
    },
    TimeLogged {
        minutes: u32,
    },
    ArticleLinked {
        article: String,
    },
    Rated {
        score: u8,
        #[serde(default)]
        comment: String,
    },
    /// A routing rule changed the ticket; the field changes follow as their own events.
    Routed {
        rule: String,
    },
}

impl EventKind {
    /// Short machine name, as in the JSON `type` field.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Created { .. } => "created",
            EventKind::FieldChanged { .. } => "field_changed",
            EventKind::PriorityChanged { .. } => "priority_changed",
            EventKind::Assigned { .. } => "assigned",
            EventKind::TierChanged { .. } => "tier_changed",
            EventKind::StatusChanged { .. } => "status_changed",
            EventKind::PublicReply { .. } => "public_reply",
            EventKind::InternalNote { .. } => "internal_note",
            EventKind::RequesterReply { .. } => "requester_reply",
            EventKind::Merged { .. } => "merged",
            EventKind::MergedFrom { .. } => "merged_from",
            EventKind::Linked { .. } => "linked",
            EventKind::Unlinked { .. } => "unlinked",
            EventKind::HelperAdded { .. } => "helper_added",
            EventKind::HelperRemoved { .. } => "helper_removed",
            EventKind::TimeLogged { .. } => "time_logged",
            EventKind::ArticleLinked { .. } => "article_linked",
            EventKind::Rated { .. } => "rated",
            EventKind::Routed { .. } => "routed",
        }
    }
}

/// One entry of a ticket's append-only history.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Event {
    /// Unique across desks, so that two kiosks' histories can be merged by id.
    pub id: String,
    pub ticket: TicketId,
    /// Position in the ticket's history (0 = created). Orders events that share an instant.
    #[serde(default)]
    pub seq: u32,
    pub at: Time,
    pub actor: Actor,
    pub kind: EventKind,
}
