//! The CSV exports of other help desks: which header holds which of our fields, and how each
//! writes statuses, priorities, channels, ratings and tags.
//!
//! Header names come from the products' own exports: osTicket's ticket export
//! (`CustomQueue::getExportableFields`: "Ticket Number", "Date Created", "Subject", "From",
//! "From Email", "Priority", "Department", "Help Topic", "Source", "Current Status", "Last
//! Updated", "Closed Date", "Agent Assigned", ...), Zendesk's CSV export ("Id", "Requester",
//! "Requester email", "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via",
//! "Ticket type", "Created at", "Updated at", "Solved at", "Satisfaction Score", ...) and
//! Freshdesk's ticket export ("Ticket ID", "Subject", "Description", "Status", "Priority",
//! "Source", "Type", "Agent", "Group", "Created time", "Resolved time", "Closed time", "Last
//! update time", "Full name", "Email", "Company Name", "Tags", "Survey results", ...).
//! Header matching ignores case and extra spaces. The first name listed is the usual one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::model::{Channel, Priority, Status, Tier};

/// Whose export a CSV file is.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    Zendesk,
    Freshdesk,
    OsTicket,
    /// Our own export ([`super::tickets_csv`]), so that a spreadsheet can come back in.
    Tierdesk,
}

impl Layout {
    pub const ALL: [Layout; 4] = [
        Layout::Zendesk,
        Layout::Freshdesk,
        Layout::OsTicket,
        Layout::Tierdesk,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Zendesk => "zendesk",
            Layout::Freshdesk => "freshdesk",
            Layout::OsTicket => "osticket",
            Layout::Tierdesk => "tierdesk",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Layout::Zendesk => "Zendesk",
            Layout::Freshdesk => "Freshdesk",
            Layout::OsTicket => "osTicket",
            Layout::Tierdesk => "Tierdesk",
        }
    }

    /// Case-insensitive; `as_str` names.
    pub fn parse(s: &str) -> Option<Layout> {
        let s = s.trim().to_lowercase();
        Layout::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The tag every ticket imported from this layout gets, e.g. `imported-zendesk`.
    pub fn tag(self) -> String {
        format!("imported-{}", self.as_str())
    }
}

/// A ticket field a column can be mapped to.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The ticket's number in the old system; kept in `fields["source_id"]`.
    SourceId,
    Subject,
    Description,
    Status,
    Priority,
    Tier,
    Group,
    /// The agent's name.
    Assignee,
    RequesterName,
    RequesterEmail,
    Organisation,
    Category,
    Tags,
    Channel,
    CreatedAt,
    UpdatedAt,
    ResolvedAt,
    ClosedAt,
    Csat,
}

impl Field {
    pub const ALL: [Field; 19] = [
        Field::SourceId,
        Field::Subject,
        Field::Description,
        Field::Status,
        Field::Priority,
        Field::Tier,
        Field::Group,
        Field::Assignee,
        Field::RequesterName,
        Field::RequesterEmail,
        Field::Organisation,
        Field::Category,
        Field::Tags,
        Field::Channel,
        Field::CreatedAt,
        Field::UpdatedAt,
        Field::ResolvedAt,
        Field::ClosedAt,
        Field::Csat,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::SourceId => "Original number",
            Field::Subject => "Subject",
            Field::Description => "Description",
            Field::Status => "Status",
            Field::Priority => "Priority",
            Field::Tier => "Tier",
            Field::Group => "Group",
            Field::Assignee => "Assignee",
            Field::RequesterName => "Requester name",
            Field::RequesterEmail => "Requester e-mail",
            Field::Organisation => "Organisation",
            Field::Category => "Category",
            Field::Tags => "Tags",
            Field::Channel => "Channel",
            Field::CreatedAt => "Created",
            Field::UpdatedAt => "Updated",
            Field::ResolvedAt => "Resolved",
            Field::ClosedAt => "Closed",
            Field::Csat => "Satisfaction",
        }
    }

    pub fn is_date(self) -> bool {
        matches!(
            self,
            Field::CreatedAt | Field::UpdatedAt | Field::ResolvedAt | Field::ClosedAt
        )
    }
}

/// Which column (0-based) holds each field, for one layout. Built by [`default_mapping`] and
/// adjusted by the user in the import preview.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// Decides how values (statuses, priorities, tags, ...) are read.
    pub layout: Layout,
    pub columns: BTreeMap<Field, usize>,
}

impl Mapping {
    pub fn new(layout: Layout) -> Mapping {
        Mapping {
            layout,
            columns: BTreeMap::new(),
        }
    }

    pub fn get(&self, field: Field) -> Option<usize> {
        self.columns.get(&field).copied()
    }

    /// Maps `field` to `column`, or unmaps it with `None`.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        match column {
            Some(c) => self.columns.insert(field, c),
            None => self.columns.remove(&field),
        };
    }
}

/// The header names a layout uses for a field, usual one first.
pub fn headers(layout: Layout, field: Field) -> &'static [&'static str] {
    use Field::*;
    match layout {
        Layout::Zendesk => match field {
            SourceId => &["Id", "Ticket ID"],
            Subject => &["Subject"],
            Description => &["Description"],
            Status => &["Status"],
            Priority => &["Priority"],
            Group => &["Group"],
            Assignee => &["Assignee"],
            RequesterName => &["Requester"],
            RequesterEmail => &["Requester email"],
            Organisation => &["Organization"],
            Category => &["Ticket type", "Type"],
            Tags => &["Tags"],
            Channel => &["Via"],
            CreatedAt => &["Created at"],
            UpdatedAt => &["Updated at"],
            ResolvedAt => &["Solved at"],
            Csat => &["Satisfaction Score"],
            Tier | ClosedAt => &[],
        },
        Layout::Freshdesk => match field {
            SourceId => &["Ticket ID", "Ticket Id"],
            Subject => &["Subject"],
            Description => &["Description"],
            Status => &["Status"],
            Priority => &["Priority"],
            Channel => &["Source"],
            Category => &["Type"],
            Assignee => &["Agent"],
            Group => &["Group"],
            CreatedAt => &["Created time"],
            UpdatedAt => &["Last update time", "Last updated time"],
            ResolvedAt => &["Resolved time"],
            ClosedAt => &["Closed time"],
            RequesterName => &["Full name", "Requester name", "Contact name"],
            RequesterEmail => &["Email", "Requester email"],
            Organisation => &["Company Name", "Company"],
            Tags => &["Tags"],
            Csat => &["Survey results", "Survey result"],
            Tier => &[],
        },
        Layout::OsTicket => match field {
            SourceId => &["Ticket Number", "Number"],
            CreatedAt => &["Date Created"],
            Subject => &["Subject"],
            Description => &["Description", "Issue Summary"],
            RequesterName => &["From", "User"],
            RequesterEmail => &["From Email", "Email"],
            Priority => &["Priority"],
            Group => &["Department"],
            Category => &["Help Topic"],
            Channel => &["Source"],
            Status => &["Current Status", "Status"],
            UpdatedAt => &["Last Updated"],
            ClosedAt => &["Closed Date"],
            Assignee => &["Agent Assigned"],
            Organisation => &["Organization"],
            Tags => &["Tags"],
            ResolvedAt | Csat | Tier => &[],
        },
        Layout::Tierdesk => match field {
            SourceId => &["Number"],
            Subject => &["Subject"],
            Description => &["Description"],
            Status => &["Status"],
            Priority => &["Priority"],
            Tier => &["Tier"],
            Group => &["Group"],
            Assignee => &["Assignee"],
            RequesterName => &["Requester"],
            RequesterEmail => &["Requester email"],
            Organisation => &["Organisation"],
            Category => &["Category"],
            Tags => &["Tags"],
            Channel => &["Channel"],
            CreatedAt => &["Created"],
            UpdatedAt => &["Updated"],
            ResolvedAt => &["Resolved"],
            Csat => &["CSAT"],
            ClosedAt => &[],
        },
    }
}

/// Lower case, single spaces, no byte order mark: how headers are compared.
pub fn header_key(h: &str) -> String {
    h.trim_start_matches(super::rfc4180::BOM)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn find(headers: &[String], name: &str) -> Option<usize> {
    let want = header_key(name);
    headers.iter().position(|h| header_key(h) == want)
}

/// The layout whose id and creation-time columns are both present and which matches the
/// most headers; `None` when no layout's id and creation columns are there.
pub fn detect_layout(row: &[String]) -> Option<Layout> {
    Layout::ALL
        .into_iter()
        .filter(|&l| {
            [Field::SourceId, Field::CreatedAt]
                .iter()
                .all(|&f| headers(l, f).first().is_some_and(|h| find(row, h).is_some()))
        })
        .map(|l| (default_mapping(l, row).columns.len(), l))
        // Ties go to the earlier layout in `Layout::ALL`.
        .fold(None, |best: Option<(usize, Layout)>, (n, l)| match best {
            Some((m, _)) if m >= n => best,
            _ => Some((n, l)),
        })
        .map(|(_, l)| l)
}

/// Each field mapped to the first column whose header the layout uses for it; a column is
/// used for one field only.
pub fn default_mapping(layout: Layout, headers_row: &[String]) -> Mapping {
    let mut m = Mapping::new(layout);
    for field in Field::ALL {
        let col = headers(layout, field)
            .iter()
            .filter_map(|name| find(headers_row, name))
            .find(|c| !m.columns.values().any(|used| used == c));
        m.set(field, col);
    }
    m
}

// ---------------------------------------------------------------------------------------------
// Values

fn key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['-', '_'], " ")
}

/// Our own names, accepted in every layout ("on hold", "on_hold", "Resolved", ...).
fn own_status(k: &str) -> Option<Status> {
    Status::ALL
        .into_iter()
        .find(|s| key(s.as_str()) == k || key(s.label()) == k)
}

/// A status cell; `Ok(None)` when empty. The error lists the values the layout writes.
pub fn parse_status(layout: Layout, raw: &str) -> Result<Option<Status>, String> {
    let k = key(raw);
    if k.is_empty() {
        return Ok(None);
    }
    let found = match (layout, k.as_str()) {
        (Layout::Zendesk, "hold") => Some(Status::OnHold),
        (Layout::Zendesk, "solved") => Some(Status::Resolved),
        (Layout::Freshdesk, "2") => Some(Status::Open),
        (Layout::Freshdesk, "3" | "waiting on customer") => Some(Status::Pending),
        (Layout::Freshdesk, "waiting on third party") => Some(Status::OnHold),
        (Layout::Freshdesk, "4") => Some(Status::Resolved),
        (Layout::Freshdesk, "5") => Some(Status::Closed),
        (Layout::OsTicket, "archived") => Some(Status::Closed),
        _ => own_status(&k),
    };
    found.map(Some).ok_or_else(|| {
        let known = match layout {
            Layout::Zendesk => "new, open, pending, hold, solved, closed",
            Layout::Freshdesk => "Open, Pending, Resolved, Closed, Waiting on Customer, Waiting on Third Party",
            Layout::OsTicket => "Open, Resolved, Closed, Archived",
            Layout::Tierdesk => "New, Open, Pending, On hold, Resolved, Closed",
        };
        format!(
            "unknown status \"{}\"; {} statuses are {known}",
            raw.trim(),
            layout.label()
        )
    })
}

/// A priority cell; `Ok(None)` when empty (or Zendesk's "-").
pub fn parse_priority(layout: Layout, raw: &str) -> Result<Option<Priority>, String> {
    let k = key(raw);
    if k.is_empty() || raw.trim() == "-" {
        return Ok(None);
    }
    let found = match (layout, k.as_str()) {
        (_, "low") | (Layout::Freshdesk, "1") => Some(Priority::Low),
        (_, "normal" | "medium") | (Layout::Freshdesk, "2") => Some(Priority::Medium),
        (_, "high") | (Layout::Freshdesk, "3") => Some(Priority::High),
        (Layout::Zendesk | Layout::Freshdesk, "urgent") | (Layout::Freshdesk, "4") => {
            Some(Priority::Critical)
        }
        (Layout::OsTicket, "emergency") | (_, "critical") => Some(Priority::Critical),
        _ => None,
    };
    found.map(Some).ok_or_else(|| {
        let known = match layout {
            Layout::Zendesk => "low, normal, high, urgent",
            Layout::Freshdesk => "Low, Medium, High, Urgent",
            Layout::OsTicket => "Low, Normal, High, Emergency",
            Layout::Tierdesk => "Low, Medium, High, Critical",
        };
        format!(
            "unknown priority \"{}\"; {} priorities are {known}",
            raw.trim(),
            layout.label()
        )
    })
}

/// Where a ticket came from, by the words in the cell; anything unknown is `Import`.
pub fn parse_channel(raw: &str) -> Channel {
    let k = key(raw);
    if let Some(c) = Channel::parse(&k) {
        return c;
    }
    let has = |words: &[&str]| words.iter().any(|w| k.contains(w));
    if has(&["mail"]) {
        Channel::Email
    } else if has(&["phone", "voice", "call"]) {
        Channel::Phone
    } else if has(&["chat", "messag", "whatsapp"]) {
        Channel::Chat
    } else if has(&["web", "portal", "form", "help center", "widget"]) {
        Channel::Portal
    } else {
        Channel::Import
    }
}

/// A tier cell of our own export: "2" or "Tier 2".
pub fn parse_tier(raw: &str) -> Result<Option<Tier>, String> {
    let k = key(raw);
    if k.is_empty() {
        return Ok(None);
    }
    k.trim_start_matches("tier")
        .trim()
        .parse::<u8>()
        .ok()
        .map(Tier)
        .filter(|t| t.is_valid())
        .map(Some)
        .ok_or_else(|| format!("\"{}\" is not a tier; tiers go from 0 to 4", raw.trim()))
}

/// A satisfaction cell as a 1-5 score; `Ok(None)` when empty or when no rating was given
/// (Zendesk's "Offered" / "Unoffered").
pub fn parse_csat(raw: &str) -> Result<Option<u8>, String> {
    let k = key(raw);
    let score = match k.as_str() {
        "" | "offered" | "unoffered" | "not offered" => return Ok(None),
        "good" | "good with comment" | "awesome" | "extremely happy" | "very happy" => 5,
        "happy" => 4,
        "neutral" => 3,
        "unhappy" => 2,
        "bad" | "bad with comment" | "not good" | "extremely unhappy" | "very unhappy" => 1,
        _ => match k.parse::<u8>() {
            Ok(n @ 1..=5) => n,
            _ => {
                return Err(format!(
                    "\"{}\" is not a rating; expected 1 to 5, good or bad",
                    raw.trim()
                ))
            }
        },
    };
    Ok(Some(score))
}

/// The tags in a cell. Zendesk separates them with spaces (its tags have none), the others
/// with commas; our own export with "; ".
pub fn split_tags(layout: Layout, raw: &str) -> Vec<String> {
    let parts: Vec<&str> = match layout {
        Layout::Zendesk => raw.split(|c: char| c.is_whitespace() || c == ',').collect(),
        _ => raw.split([',', ';']).collect(),
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hs(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn detects_each_layout_from_its_headers() {
        let zd = hs(&["Summation column", "Id", "Requester", "Requester email", "Subject", "Status", "Created at", "Solved at"]);
        let fd = hs(&["Ticket ID", "Subject", "Status", "Priority", "Created time", "Full name", "Email"]);
        let os = hs(&["Ticket Number", "Date Created", "Subject", "From", "From Email", "Current Status"]);
        let td = hs(&["Number", "Subject", "Status", "Tier", "Requester", "Created"]);
        assert_eq!(detect_layout(&zd), Some(Layout::Zendesk));
        assert_eq!(detect_layout(&fd), Some(Layout::Freshdesk));
        assert_eq!(detect_layout(&os), Some(Layout::OsTicket));
        assert_eq!(detect_layout(&td), Some(Layout::Tierdesk));
        assert_eq!(detect_layout(&hs(&["Subject", "Status"])), None);
        // Case and spacing do not matter; a byte order mark on the first header neither.
        assert_eq!(detect_layout(&hs(&["\u{feff}ticket  number", "DATE CREATED"])), Some(Layout::OsTicket));
    }

    #[test]
    fn default_mapping_uses_each_column_once() {
        let h = hs(&["Ticket Number", "Date Created", "Subject", "From", "From Email", "Department", "Current Status"]);
        let m = default_mapping(Layout::OsTicket, &h);
        assert_eq!(m.get(Field::SourceId), Some(0));
        assert_eq!(m.get(Field::CreatedAt), Some(1));
        assert_eq!(m.get(Field::RequesterEmail), Some(4));
        assert_eq!(m.get(Field::Group), Some(5));
        assert_eq!(m.get(Field::Status), Some(6));
        assert_eq!(m.get(Field::Assignee), None);
        assert_eq!(m.columns.len(), 7);
        let mut m2 = m.clone();
        m2.set(Field::Assignee, Some(3));
        m2.set(Field::RequesterName, None);
        assert_eq!(m2.get(Field::Assignee), Some(3));
        assert_eq!(m2.get(Field::RequesterName), None);
    }

    #[test]
    fn status_maps_per_layout() {
        assert_eq!(parse_status(Layout::Zendesk, "Hold"), Ok(Some(Status::OnHold)));
        assert_eq!(parse_status(Layout::Zendesk, "solved"), Ok(Some(Status::Resolved)));
        assert_eq!(parse_status(Layout::Freshdesk, "Waiting on Customer"), Ok(Some(Status::Pending)));
        assert_eq!(parse_status(Layout::Freshdesk, "4"), Ok(Some(Status::Resolved)));
        assert_eq!(parse_status(Layout::OsTicket, "Archived"), Ok(Some(Status::Closed)));
        assert_eq!(parse_status(Layout::Tierdesk, "On hold"), Ok(Some(Status::OnHold)));
        assert_eq!(parse_status(Layout::Tierdesk, "on_hold"), Ok(Some(Status::OnHold)));
        assert_eq!(parse_status(Layout::OsTicket, "  "), Ok(None));
        let err = parse_status(Layout::Zendesk, "Escalated").unwrap_err();
        assert_eq!(err, "unknown status \"Escalated\"; Zendesk statuses are new, open, pending, hold, solved, closed");
    }

    #[test]
    fn priority_maps_per_layout() {
        assert_eq!(parse_priority(Layout::Zendesk, "Urgent"), Ok(Some(Priority::Critical)));
        assert_eq!(parse_priority(Layout::Zendesk, "normal"), Ok(Some(Priority::Medium)));
        assert_eq!(parse_priority(Layout::Zendesk, "-"), Ok(None));
        assert_eq!(parse_priority(Layout::Freshdesk, "Medium"), Ok(Some(Priority::Medium)));
        assert_eq!(parse_priority(Layout::Freshdesk, "4"), Ok(Some(Priority::Critical)));
        assert_eq!(parse_priority(Layout::OsTicket, "Emergency"), Ok(Some(Priority::Critical)));
        assert!(parse_priority(Layout::OsTicket, "Urgent").unwrap_err().contains("Low, Normal, High, Emergency"));
        assert!(parse_priority(Layout::Zendesk, "4").is_err());
    }

    #[test]
    fn channels_ratings_tiers_and_tags() {
        assert_eq!(parse_channel("Mail"), Channel::Email);
        assert_eq!(parse_channel("Web Form"), Channel::Portal);
        assert_eq!(parse_channel("Phone"), Channel::Phone);
        assert_eq!(parse_channel("Chat"), Channel::Chat);
        assert_eq!(parse_channel("API"), Channel::Import);
        assert_eq!(parse_channel("kiosk"), Channel::Kiosk);
        assert_eq!(parse_csat("Good"), Ok(Some(5)));
        assert_eq!(parse_csat("Bad with comment"), Ok(Some(1)));
        assert_eq!(parse_csat("Unoffered"), Ok(None));
        assert_eq!(parse_csat("4"), Ok(Some(4)));
        assert!(parse_csat("9").is_err());
        assert_eq!(parse_tier("Tier 3"), Ok(Some(Tier(3))));
        assert_eq!(parse_tier("2"), Ok(Some(Tier(2))));
        assert!(parse_tier("7").is_err());
        assert_eq!(split_tags(Layout::Zendesk, "vpn  printer,floor_3"), hs(&["vpn", "printer", "floor_3"]));
        assert_eq!(split_tags(Layout::Freshdesk, "new laptop, vpn"), hs(&["new laptop", "vpn"]));
        assert_eq!(split_tags(Layout::Tierdesk, "a; b"), hs(&["a", "b"]));
        assert_eq!(Layout::parse(" OsTicket "), Some(Layout::OsTicket));
        assert_eq!(Layout::Zendesk.tag(), "imported-zendesk");
    }
}
