//! Importing another help desk's CSV export: check the mapping, read every row, list every
//! problem by row and column, and build tickets with their histories.

use std::collections::HashMap;

use chrono::SecondsFormat;
use crate::domain::tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::backup::Problem;
use crate::domain::desk::{Agent, DeskConfig};
use crate::domain::model::{Event, Ticket, TicketId, Time};
use crate::domain::ticket::IdGen;

use super::build::{build, AgentBook};
use super::dates::DateOrder;
use super::layouts::{Field, Mapping};
use super::rfc4180::Table;
use super::rows::{at, row_number, Draft, Reader};

/// What to do when some rows have problems.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum OnProblem {
    /// Import the good rows; list the others in [`ImportResult::problems`].
    #[default]
    SkipRow,
    /// Import nothing unless every row is good.
    Refuse,
}

/// What to do with an assignee name that is none of the desk's agents.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum UnknownAgents {
    /// Add an agent of that name, marked away and in no tier (so no new work goes to them),
    /// so that the imported tickets and the per-agent KPIs keep who worked them.
    #[default]
    Create,
    /// Leave the ticket unassigned; the name is kept in `fields["source_assignee"]`.
    Unassign,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportOptions {
    pub on_problem: OnProblem,
    pub unknown_agents: UnknownAgents,
    /// The zone of times written without an offset (most exports write local time).
    pub time_zone: Tz,
    /// How to read 02/03/2026; `None` decides per column (see [`super::dates::detect_order`]).
    pub date_order: Option<DateOrder>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            on_problem: OnProblem::SkipRow,
            unknown_agents: UnknownAgents::Create,
            time_zone: Tz::UTC,
            date_order: None,
        }
    }
}

/// The outcome of an import: records to store, and what the user should read.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportResult {
    /// Numbered from `first_id` up, in file order.
    pub tickets: Vec<Ticket>,
    pub events: Vec<Event>,
    /// Agents to add to the desk's configuration before storing the tickets.
    pub agents_created: Vec<Agent>,
    /// One or more per row that was skipped, e.g. `row 12, column "Status"`.
    pub problems: Vec<Problem>,
    /// Things that were adjusted in rows that were imported.
    pub warnings: Vec<Problem>,
    /// Rows not imported because of their problems.
    pub skipped_rows: usize,
    pub next_ticket_id: TicketId,
}

/// One row of the mapping preview.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviewRow {
    /// The spreadsheet row number (the header is row 1).
    pub row: usize,
    /// One per mapped field, in [`Field::ALL`] order.
    pub cells: Vec<PreviewCell>,
    /// Non-empty: this row would be skipped.
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreviewCell {
    pub field: Field,
    /// The column's header.
    pub column: String,
    /// The cell as written in the file.
    pub raw: String,
    /// How Tierdesk reads it ("Resolved", "2026-03-02T09:00:00Z", ...).
    pub value: String,
}

/// Mapping mistakes that make the whole file unreadable.
fn check_mapping(table: &Table, mapping: &Mapping) -> Vec<Problem> {
    let mut p = vec![];
    let n = table.headers.len();
    for (field, &col) in &mapping.columns {
        if col >= n {
            p.push(Problem::new(
                "mapping",
                format!(
                    "{} is mapped to column {}, but the file has {n} column{}",
                    field.label(),
                    col + 1,
                    if n == 1 { "" } else { "s" }
                ),
            ));
        }
    }
    let mapped = |f: Field| mapping.get(f).is_some();
    if !mapped(Field::Subject) && !mapped(Field::Description) {
        p.push(Problem::new(
            "mapping",
            "no column is mapped to Subject or Description; a ticket needs one of them",
        ));
    }
    if !mapped(Field::RequesterName) && !mapped(Field::RequesterEmail) {
        p.push(Problem::new(
            "mapping",
            "no column is mapped to Requester name or Requester e-mail; a ticket needs a requester",
        ));
    }
    p
}

fn blank(fields: &[String]) -> bool {
    fields.iter().all(|f| f.trim().is_empty())
}

/// A row whose field count differs from the header's, or `None`.
fn ragged(table: &Table, index: usize) -> Option<Problem> {
    let r = table.rows.get(index)?;
    let (got, want) = (r.fields.len(), table.headers.len());
    let row = row_number(index);
    (got != want).then(|| {
        let line = if r.line != row {
            format!(" (it starts on line {} of the file)", r.line)
        } else {
            String::new()
        };
        Problem::new(
            format!("row {row}"),
            format!("has {got} field{}; the header row has {want}{line}", if got == 1 { "" } else { "s" }),
        )
    })
}

fn time(t: Option<Time>) -> String {
    t.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

fn shown(d: &Draft, field: Field) -> String {
    match field {
        Field::SourceId => d.source_id.clone(),
        Field::Subject => d.subject.clone(),
        Field::Description => d.description.chars().take(200).collect(),
        Field::Status => d.status.label().into(),
        Field::Priority => d.priority.label().into(),
        Field::Tier => d.tier.map(|t| t.to_string()).unwrap_or_default(),
        Field::Group => d.group.clone(),
        Field::Assignee => d.assignee.clone(),
        Field::RequesterName => d.requester.name.clone(),
        Field::RequesterEmail => d.requester.email.clone(),
        Field::Organisation => d.requester.org.clone().unwrap_or_default(),
        Field::Category => d.category.clone(),
        Field::Tags => d.tags.join("; "),
        Field::Channel => d.channel.as_str().into(),
        Field::CreatedAt => time(d.created),
        Field::UpdatedAt => time(d.updated),
        Field::ResolvedAt => time(d.resolved),
        Field::ClosedAt => time(d.closed),
        Field::Csat => d.csat.map(|s| s.to_string()).unwrap_or_default(),
    }
}

/// The first `n` non-blank rows as the import would read them, for the mapping preview.
/// Columns mapped outside the file show empty cells (the import itself refuses them).
pub fn preview(
    table: &Table,
    mapping: &Mapping,
    opts: &ImportOptions,
    now: Time,
    n: usize,
) -> Vec<PreviewRow> {
    let reader = Reader::new(table, mapping, opts, now);
    let mut out = vec![];
    for (i, rec) in table.rows.iter().enumerate() {
        if out.len() >= n {
            break;
        }
        if blank(&rec.fields) {
            continue;
        }
        let read = reader.row(i);
        // A row with the wrong number of fields is read from the wrong columns: its other
        // problems would only confuse.
        let problems = match ragged(table, i) {
            Some(p) => vec![p],
            None => read.problems,
        };
        let cells = mapping
            .columns
            .keys()
            .map(|&field| PreviewCell {
                field,
                column: reader.header(field),
                raw: reader.cell(i, field).unwrap_or("").to_string(),
                value: shown(&read.draft, field),
            })
            .collect();
        out.push(PreviewRow {
            row: row_number(i),
            cells,
            problems,
            warnings: read.warnings,
        });
    }
    out
}

/// Imports every row of `table` read through `mapping`. Tickets are numbered from
/// `first_id`; event ids come from `ids`; `now` is the time of the import (dates after it are
/// refused; tickets are dated `now` when no column is mapped to Created).
///
/// Fails, importing nothing, when the mapping is unusable (a column outside the file, no
/// subject or description, no requester) or, with [`OnProblem::Refuse`], when any row has a
/// problem. Blank rows are ignored.
pub fn import(
    table: &Table,
    mapping: &Mapping,
    cfg: &DeskConfig,
    now: Time,
    first_id: TicketId,
    ids: &mut dyn IdGen,
    opts: &ImportOptions,
) -> Result<ImportResult, Vec<Problem>> {
    let bad_mapping = check_mapping(table, mapping);
    if !bad_mapping.is_empty() {
        return Err(bad_mapping);
    }
    let reader = Reader::new(table, mapping, opts, now);
    let mut problems = vec![];
    let mut warnings = vec![];
    if mapping.get(Field::CreatedAt).is_none() {
        warnings.push(Problem::new(
            "mapping",
            "no column is mapped to Created: every ticket is dated at the time of the import",
        ));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut drafts = vec![];
    let mut skipped_rows = 0;
    for (i, rec) in table.rows.iter().enumerate() {
        if blank(&rec.fields) {
            continue;
        }
        if let Some(p) = ragged(table, i) {
            problems.push(p);
            skipped_rows += 1;
            continue;
        }
        let mut read = reader.row(i);
        let id = read.draft.source_id.clone();
        if !id.is_empty() {
            if let Some(first) = seen.get(&id) {
                read.problems.push(Problem::new(
                    at(row_number(i), &reader.header(Field::SourceId)),
                    format!("ticket {id} appears twice (first at row {first})"),
                ));
            } else {
                seen.insert(id, row_number(i));
            }
        }
        if read.problems.is_empty() {
            warnings.extend(read.warnings);
            drafts.push(read.draft);
        } else {
            problems.extend(read.problems);
            skipped_rows += 1;
        }
    }
    if opts.on_problem == OnProblem::Refuse && !problems.is_empty() {
        return Err(problems);
    }

    let mut book = AgentBook::new(cfg, opts.unknown_agents);
    let mut unknown_groups: std::collections::BTreeMap<String, usize> = Default::default();
    let mut tickets = vec![];
    let mut events = vec![];
    let mut next = first_id.max(1);
    for d in drafts {
        let built = build(d, next, mapping.layout, now, &mut book, ids);
        if let Some(g) = built.unknown_group {
            *unknown_groups.entry(g).or_default() += 1;
        }
        tickets.push(built.ticket);
        events.extend(built.events);
        next = next.saturating_add(1);
    }
    let group_col = reader.header(Field::Group);
    for (g, n) in unknown_groups {
        warnings.push(Problem::new(
            format!("column \"{group_col}\""),
            format!(
                "\"{g}\" is not one of the desk's groups; {n} ticket{} keep{} it in fields.source_group",
                if n == 1 { "" } else { "s" },
                if n == 1 { "s" } else { "" }
            ),
        ));
    }
    let agent_col = reader.header(Field::Assignee);
    for (a, n) in &book.unknown {
        warnings.push(Problem::new(
            format!("column \"{agent_col}\""),
            format!(
                "\"{a}\" is not one of the desk's agents; {n} ticket{} left unassigned (the name is in fields.source_assignee)",
                if *n == 1 { "" } else { "s" }
            ),
        ));
    }
    Ok(ImportResult {
        tickets,
        events,
        agents_created: book.created,
        problems,
        warnings,
        skipped_rows,
        next_ticket_id: next,
    })
}
