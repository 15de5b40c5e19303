//! The desk's configuration as data: agents, groups, tiers, calendars, SLA policies,
//! routing rules and general settings. The logic over these types lives in
//! `calendar.rs`, `sla.rs`, `routing.rs`, `assignment.rs` and `escalation.rs`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{AgentId, Channel, Priority, Tier};

/// A person who works tickets.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Agent {
    pub id: AgentId,
    pub name: String,
    #[serde(default)]
    pub email: String,
    /// The tiers this agent works in.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub groups: Vec<String>,
    #[serde(default)]
    pub skills: Vec<String>,
    /// Most open tickets this agent should hold at once (least-loaded assignment).
    #[serde(default = "default_capacity")]
    pub capacity: u32,
    /// Marked away by hand: gets no new work.
    #[serde(default)]
    pub away: bool,
    /// The agent's shift; `None` means the tier's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// May change settings, agents and kiosk mode.
    #[serde(default)]
    pub admin: bool,
}

fn default_capacity() -> u32 {
    10
}

/// How a group hands out its tickets.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssignmentMethod {
    #[default]
    Manual,
    /// The agent who has waited longest since their last assignment.
    RoundRobin,
    /// The agent with the fewest open tickets whose clocks run, below capacity.
    LeastLoaded,
    /// Only agents with every skill the ticket needs, then least loaded.
    SkillBased,
}

/// A team inside a tier (e.g. "Network" in Tier 2).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Group {
    pub id: String,
    pub name: String,
    pub tier: Tier,
    #[serde(default)]
    pub assignment: AssignmentMethod,
}

/// One support tier's settings.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct TierConfig {
    pub tier: Tier,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Calendar id that says when this tier works.
    pub calendar: String,
    /// Business minutes a ticket may stay in this tier before it moves to the next one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit_minutes: Option<u32>,
    /// How tickets that arrive in this tier without a group are assigned.
    #[serde(default)]
    pub assignment: AssignmentMethod,
    /// Cost of one agent hour in this tier, for the cost-per-ticket KPI.
    #[serde(default)]
    pub cost_per_hour: f64,
}

/// Clock time within a day as minutes after midnight, 0..=1440, written "HH:MM"
/// ("24:00" is the end of the day).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DayTime(pub u16);

impl DayTime {
    pub const MIDNIGHT: DayTime = DayTime(0);
    pub const END_OF_DAY: DayTime = DayTime(1440);

    pub fn hm(h: u16, m: u16) -> DayTime {
        DayTime(h * 60 + m)
    }

    pub fn parse(s: &str) -> Option<DayTime> {
        let (h, m) = s.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let h: u16 = h.parse().ok()?;
        let m: u16 = m.parse().ok()?;
        if m >= 60 || h > 24 || (h == 24 && m != 0) {
            return None;
        }
        Some(DayTime(h * 60 + m))
    }
}

impl std::fmt::Display for DayTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for DayTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DayTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DayTime::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("\"{s}\" is not a time of day like \"09:30\""))
        })
    }
}

/// Opening hours within one day: `start` inclusive, `end` exclusive.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct TimeRange {
    pub start: DayTime,
    pub end: DayTime,
}

/// A day off. `yearly` holidays repeat on the same month and day.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Holiday {
    pub date: NaiveDate,
    #[serde(default)]
    pub yearly: bool,
    #[serde(default)]
    pub name: String,
}

/// When the desk (or a tier, or an agent) works.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Calendar {
    pub id: String,
    pub name: String,
    /// IANA time zone name, e.g. "Europe/Berlin".
    pub tz: String,
    /// Opening hours Monday (index 0) to Sunday (index 6).
    pub week: [Vec<TimeRange>; 7],
    #[serde(default)]
    pub holidays: Vec<Holiday>,
}

/// Which SLA metric a target is for.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    FirstResponse,
    NextResponse,
    Resolution,
    /// Time in the current tier against the tier's limit.
    TierLimit,
}

impl Metric {
    pub const ALL: [Metric; 4] = [
        Metric::FirstResponse,
        Metric::NextResponse,
        Metric::Resolution,
        Metric::TierLimit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Metric::FirstResponse => "first_response",
            Metric::NextResponse => "next_response",
            Metric::Resolution => "resolution",
            Metric::TierLimit => "tier_limit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Metric::FirstResponse => "First response",
            Metric::NextResponse => "Next response",
            Metric::Resolution => "Resolution",
            Metric::TierLimit => "Tier limit",
        }
    }
}

/// Targets for one priority, in minutes. `None` means no target for that metric.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SlaTarget {
    pub priority: Priority,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_response: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<u32>,
}

/// Which tickets a policy applies to. Empty lists match everything.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct PolicyConditions {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<Priority>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orgs: Vec<String>,
    /// The ticket must carry at least one of these tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// An SLA policy. Policies are ordered; the first that matches a ticket applies.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct SlaPolicy {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub conditions: PolicyConditions,
    pub targets: Vec<SlaTarget>,
    /// Count business minutes on `calendar` (true) or plain calendar minutes (false).
    #[serde(default = "yes")]
    pub business_hours: bool,
    pub calendar: String,
}

fn yes() -> bool {
    true
}

/// Whether all or any of a rule's conditions must hold.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchMode {
    #[default]
    All,
    Any,
}

/// One test a routing rule makes on a ticket.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "when", rename_all = "snake_case")]
pub enum Condition {
    Category { is: String },
    /// Any of the words appears in the subject or the description (case-insensitive).
    Keywords { any: Vec<String> },
    Priority { is: Vec<Priority> },
    /// Requester e-mail, name or organisation contains the text.
    Requester { contains: String },
    Channel { is: Channel },
    Tag { is: String },
}

/// One change a routing rule makes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(tag = "then", rename_all = "snake_case")]
pub enum RuleAction {
    SetTier { tier: Tier },
    SetGroup { group: String },
    SetPriority { priority: Priority },
    SetCategory { category: String },
    AddTags { tags: Vec<String> },
    Assign { agent: AgentId },
}

/// When a rule runs.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RuleTrigger {
    #[default]
    OnCreate,
    OnUpdate,
    Both,
}

/// Routing rules are ordered; each matching rule applies its actions, unless an
/// earlier matching rule had `stop` set.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct RoutingRule {
    pub id: String,
    pub name: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub trigger: RuleTrigger,
    #[serde(default)]
    pub mode: MatchMode,
    pub conditions: Vec<Condition>,
    pub actions: Vec<RuleAction>,
    #[serde(default)]
    pub stop: bool,
}

/// Tiered hand-offs, or one owner with helpers (swarming).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkMode {
    #[default]
    Tiered,
    Swarm,
}

/// Impact x urgency -> priority. `cells[impact - 1][urgency - 1]`; square, 3x3 or 4x4.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct PriorityMatrix {
    pub cells: Vec<Vec<Priority>>,
}

/// A reply template; `{{requester}}`, `{{agent}}`, `{{ticket}}` and `{{subject}}` are filled in.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CannedResponse {
    pub id: String,
    pub name: String,
    pub body: String,
}

/// One field of a service-catalog form.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CatalogField {
    pub key: String,
    pub label: String,
    #[serde(default)]
    pub required: bool,
    /// Choices for a select; empty means free text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

/// A request type in the self-service portal.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct CatalogItem {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub fields: Vec<CatalogField>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default)]
    pub priority: Priority,
    #[serde(default = "tier_one")]
    pub tier: Tier,
}

fn tier_one() -> Tier {
    Tier(1)
}

/// Desk-wide switches.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct General {
    pub desk_name: String,
    #[serde(default)]
    pub mode: WorkMode,
    /// Hours after resolving during which a requester reply reopens the ticket.
    #[serde(default = "default_reopen_hours")]
    pub reopen_window_hours: u32,
    /// Percentage of a target after which a running clock shows a warning.
    #[serde(default = "default_warning_percent")]
    pub warning_percent: u8,
    /// Escalate to the next tier when an SLA target is breached.
    #[serde(default)]
    pub escalate_on_breach: bool,
    /// The calendar used when nothing more specific applies.
    pub default_calendar: String,
    /// Cost counted per ticket on top of agent time, for the cost-per-ticket KPI.
    #[serde(default)]
    pub cost_per_ticket: f64,
}

fn default_reopen_hours() -> u32 {
    168
}

fn default_warning_percent() -> u8 {
    75
}

/// The whole configuration of a desk, as stored in settings and in backups.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct DeskConfig {
    pub general: General,
    #[serde(default)]
    pub agents: Vec<Agent>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub tiers: Vec<TierConfig>,
    #[serde(default)]
    pub calendars: Vec<Calendar>,
    #[serde(default)]
    pub policies: Vec<SlaPolicy>,
    #[serde(default)]
    pub rules: Vec<RoutingRule>,
    pub matrix: PriorityMatrix,
    #[serde(default)]
    pub canned: Vec<CannedResponse>,
    #[serde(default)]
    pub catalog: Vec<CatalogItem>,
}

impl DeskConfig {
    pub fn agent(&self, id: &str) -> Option<&Agent> {
        self.agents.iter().find(|a| a.id == id)
    }

    pub fn calendar(&self, id: &str) -> Option<&Calendar> {
        self.calendars.iter().find(|c| c.id == id)
    }

    pub fn tier(&self, tier: Tier) -> Option<&TierConfig> {
        self.tiers.iter().find(|t| t.tier == tier)
    }

    pub fn tier_name(&self, tier: Tier) -> String {
        self.tier(tier)
            .map(|t| t.name.clone())
            .unwrap_or_else(|| tier.default_name().to_string())
    }

    pub fn agent_name(&self, id: &str) -> String {
        self.agent(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string())
    }
}
