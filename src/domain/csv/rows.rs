//! Reading one CSV row into the fields of a ticket-to-be, with every problem named by row and
//! column. Rows are numbered as a spreadsheet shows them: the header is row 1.

use std::collections::BTreeMap;

use crate::domain::backup::Problem;
use crate::domain::model::{Channel, Priority, Requester, Status, Tier, Time};
use crate::domain::ticket::{looks_like_email, MAX_BODY, MAX_SHORT, MAX_SUBJECT};

use super::dates::{detect_order, parse_time, DateOrder};
use super::export::unguard_formula;
use super::import::ImportOptions;
use super::layouts::{self, Field, Layout, Mapping};
use super::rfc4180::Table;

/// The same range the backup checks enforce, so that an import always validates.
const FIRST_YEAR: i32 = 2000;
const LAST_YEAR: i32 = 2200;

/// What one row says, read and checked, before it becomes a ticket.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Draft {
    pub source_id: String,
    pub subject: String,
    pub description: String,
    pub status: Status,
    pub priority: Priority,
    pub tier: Option<Tier>,
    pub group: String,
    pub assignee: String,
    pub requester: Requester,
    pub category: String,
    pub tags: Vec<String>,
    pub channel: Channel,
    /// `None` when no column is mapped to Created.
    pub created: Option<Time>,
    pub updated: Option<Time>,
    pub resolved: Option<Time>,
    pub closed: Option<Time>,
    pub csat: Option<u8>,
}

/// One row read: the draft (with defaults where a value was bad), and what was wrong.
/// A row with problems is not imported; warnings say what was adjusted.
#[derive(Debug)]
pub(super) struct RowRead {
    pub draft: Draft,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// The spreadsheet row number of data row `index` (0-based, header excluded).
pub(super) fn row_number(index: usize) -> usize {
    index + 2
}

pub(super) struct Reader<'a> {
    table: &'a Table,
    mapping: &'a Mapping,
    opts: &'a ImportOptions,
    now: Time,
    /// Day/month order of each mapped date column.
    orders: BTreeMap<Field, DateOrder>,
}

impl<'a> Reader<'a> {
    pub fn new(table: &'a Table, mapping: &'a Mapping, opts: &'a ImportOptions, now: Time) -> Self {
        let mut orders = BTreeMap::new();
        for field in Field::ALL.into_iter().filter(|f| f.is_date()) {
            if let Some(col) = mapping.get(field) {
                let order = opts.date_order.unwrap_or_else(|| {
                    detect_order(
                        table
                            .rows
                            .iter()
                            .filter_map(|r| r.fields.get(col).map(String::as_str)),
                    )
                });
                orders.insert(field, order);
            }
        }
        Reader {
            table,
            mapping,
            opts,
            now,
            orders,
        }
    }

    fn layout(&self) -> Layout {
        self.mapping.layout
    }

    /// The header of the column mapped to `field`.
    pub fn header(&self, field: Field) -> String {
        self.mapping
            .get(field)
            .and_then(|c| self.table.headers.get(c))
            .map_or_else(|| field.label().to_string(), |h| h.trim().to_string())
    }

    /// The raw cell mapped to `field` in data row `index`, `None` when unmapped.
    pub fn cell(&self, index: usize, field: Field) -> Option<&'a str> {
        let col = self.mapping.get(field)?;
        let cell = self.table.rows.get(index)?.fields.get(col)?.as_str();
        // Our own export guards formulas with an apostrophe; take it off again.
        Some(match self.layout() {
            Layout::Tierdesk => unguard_formula(cell),
            _ => cell,
        })
    }

    pub fn row(&self, index: usize) -> RowRead {
        let row = row_number(index);
        let mut out = RowCtx {
            reader: self,
            index,
            row,
            problems: vec![],
            warnings: vec![],
        };
        let draft = out.draft();
        RowRead {
            draft,
            problems: out.problems,
            warnings: out.warnings,
        }
    }
}

struct RowCtx<'r, 'a> {
    reader: &'r Reader<'a>,
    index: usize,
    row: usize,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

/// `row 12, column "Status"`.
pub(super) fn at(row: usize, header: &str) -> String {
    format!("row {row}, column \"{header}\"")
}

impl<'a> RowCtx<'_, 'a> {
    fn at(&self, field: Field) -> String {
        at(self.row, &self.reader.header(field))
    }

    fn problem(&mut self, field: Field, message: impl Into<String>) {
        let path = self.at(field);
        self.problems.push(Problem::new(path, message));
    }

    fn warn(&mut self, field: Field, message: impl Into<String>) {
        let path = self.at(field);
        self.warnings.push(Problem::new(path, message));
    }

    fn raw(&self, field: Field) -> &'a str {
        self.reader.cell(self.index, field).unwrap_or("")
    }

    /// A trimmed short text; a lone "-" (how some exports write "none") is empty.
    fn short(&mut self, field: Field) -> String {
        let v = self.raw(field).trim();
        let v = if v == "-" { "" } else { v }.to_string();
        let n = v.chars().count();
        if n > MAX_SHORT {
            self.problem(field, format!("is {n} characters long; the limit is {MAX_SHORT}"));
        }
        v
    }

    fn time(&mut self, field: Field) -> Option<Time> {
        let raw = self.raw(field).trim();
        if raw.is_empty() || raw == "-" {
            return None;
        }
        let order = self.reader.orders.get(&field).copied().unwrap_or(DateOrder::DayFirst);
        match parse_time(raw, order, self.reader.opts.time_zone) {
            Err(e) => {
                self.problem(field, e);
                None
            }
            Ok(t) if !(FIRST_YEAR..=LAST_YEAR).contains(&chrono::Datelike::year(&t)) => {
                self.problem(
                    field,
                    format!("\"{raw}\" is out of range: dates must be between {FIRST_YEAR} and {LAST_YEAR}"),
                );
                None
            }
            Ok(t) if t > self.reader.now => {
                self.problem(
                    field,
                    format!("\"{raw}\" is later than the time of the import; check the time zone"),
                );
                None
            }
            Ok(t) => Some(t),
        }
    }

    fn draft(&mut self) -> Draft {
        let layout = self.reader.layout();
        let source_id = self.short(Field::SourceId);
        let mut description = self.raw(Field::Description).replace("\r\n", "\n");
        let n = description.chars().count();
        if n > MAX_BODY {
            description = description.chars().take(MAX_BODY).collect();
            self.warn(
                Field::Description,
                format!("is {n} characters long; only the first {MAX_BODY} are kept"),
            );
        }
        let subject = self.subject(&description);
        let status = match layouts::parse_status(layout, self.raw(Field::Status)) {
            Ok(s) => s,
            Err(e) => {
                self.problem(Field::Status, e);
                None
            }
        };
        let priority = match layouts::parse_priority(layout, self.raw(Field::Priority)) {
            Ok(p) => p.unwrap_or_default(),
            Err(e) => {
                self.problem(Field::Priority, e);
                Priority::default()
            }
        };
        let tier = match layouts::parse_tier(self.raw(Field::Tier)) {
            Ok(t) => t,
            Err(e) => {
                self.problem(Field::Tier, e);
                None
            }
        };
        let group = self.short(Field::Group);
        let assignee = self.short(Field::Assignee);
        let requester = self.requester();
        let category = self.short(Field::Category);
        let mut tags = vec![];
        for tag in layouts::split_tags(layout, self.raw(Field::Tags)) {
            if tag.chars().count() > MAX_SHORT {
                self.warn(Field::Tags, format!("a tag is longer than {MAX_SHORT} characters and is left out"));
            } else {
                tags.push(tag);
            }
        }
        let channel = match self.reader.mapping.get(Field::Channel) {
            Some(_) => layouts::parse_channel(self.raw(Field::Channel)),
            None => Channel::Import,
        };
        let created = self.time(Field::CreatedAt);
        if created.is_none()
            && self.reader.mapping.get(Field::CreatedAt).is_some()
            && !self.problems.iter().any(|p| p.path == self.at(Field::CreatedAt))
        {
            self.problem(Field::CreatedAt, "is empty; the creation time is needed");
        }
        let mut updated = self.time(Field::UpdatedAt);
        let mut resolved = self.time(Field::ResolvedAt);
        let mut closed = self.time(Field::ClosedAt);
        if let Some(c) = created {
            for (field, t) in [
                (Field::UpdatedAt, &mut updated),
                (Field::ResolvedAt, &mut resolved),
                (Field::ClosedAt, &mut closed),
            ] {
                if t.is_some_and(|t| t < c) {
                    *t = Some(c);
                    self.warn(field, "is before the creation time; the creation time is used");
                }
            }
        }
        let status = status.unwrap_or(match (resolved, closed) {
            (_, Some(_)) => Status::Closed,
            (Some(_), None) => Status::Resolved,
            _ => Status::New,
        });
        let csat = match layouts::parse_csat(self.raw(Field::Csat)) {
            Ok(Some(_)) if status.is_open() => {
                self.warn(Field::Csat, "a rating on an open ticket is left out");
                None
            }
            Ok(score) => score,
            Err(e) => {
                self.warn(Field::Csat, format!("{e}; the rating is left out"));
                None
            }
        };
        Draft {
            source_id,
            subject,
            description,
            status,
            priority,
            tier,
            group,
            assignee,
            requester,
            category,
            tags,
            channel,
            created,
            updated,
            resolved,
            closed,
            csat,
        }
    }

    /// The subject on one line; when empty, the description's first line stands in for it.
    fn subject(&mut self, description: &str) -> String {
        let mut subject = self.raw(Field::Subject).split_whitespace().collect::<Vec<_>>().join(" ");
        if subject.is_empty() {
            let first = description.lines().map(str::trim).find(|l| !l.is_empty());
            subject = first.unwrap_or("(no subject)").to_string();
            self.warn(
                Field::Subject,
                format!("is empty; \"{}\" is used", truncate(&subject, 60)),
            );
        }
        let n = subject.chars().count();
        if n > MAX_SUBJECT {
            subject = truncate(&subject, MAX_SUBJECT);
            self.warn(
                Field::Subject,
                format!("is {n} characters long; it is cut to {MAX_SUBJECT}"),
            );
        }
        subject
    }

    fn requester(&mut self) -> Requester {
        let mut name = self.short(Field::RequesterName);
        let mut email = self.short(Field::RequesterEmail);
        if !email.is_empty() && !looks_like_email(&email) {
            self.warn(
                Field::RequesterEmail,
                format!("\"{email}\" is not an e-mail address and is left out"),
            );
            if name.is_empty() {
                name = std::mem::take(&mut email);
            } else {
                email.clear();
            }
        }
        if name.is_empty() {
            name = email.clone();
        }
        if name.is_empty() {
            let row = self.row;
            self.problems.push(Problem::new(
                format!("row {row}"),
                format!(
                    "has no requester: \"{}\" and \"{}\" are both empty",
                    self.reader.header(Field::RequesterName),
                    self.reader.header(Field::RequesterEmail)
                ),
            ));
        }
        let org = self.short(Field::Organisation);
        Requester {
            name,
            email,
            org: (!org.is_empty()).then_some(org),
        }
    }
}

/// At most `max` characters; "…" marks a cut.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
