//! The backup file's types, its canonical order, writing it, and upgrading older versions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::article::{Article, ArticleRevision};
use crate::domain::desk::DeskConfig;
use crate::domain::model::{Event, EventKind, Ticket, TicketId, Time};

use super::Problem;

/// The value of the `format` field: tells a Tierdesk backup from any other JSON file.
pub const FORMAT: &str = "tierdesk-backup";
/// The version this build writes. Files with a higher version are refused, lower ones migrated.
pub const FORMAT_VERSION: u32 = 1;
/// Largest file `parse` accepts; checked before parsing. A desk with 100,000 tickets and their
/// histories exports about 100 MB, so this leaves room while keeping the browser tab alive.
pub const MAX_BACKUP_BYTES: usize = 512 * 1024 * 1024;
/// Deepest nesting `parse` accepts. A backup nests about 8 levels; 64 only stops hostile files.
pub const MAX_DEPTH: usize = 64;
/// The app version written into exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Number of records in each list, written so that a cut-off or hand-trimmed file is noticed.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Counts {
    pub tickets: u64,
    pub events: u64,
    pub articles: u64,
    pub article_revisions: u64,
}

/// Desk state that is not a record of its own.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
pub struct Meta {
    /// The id the next new ticket gets; always above every ticket id in the file.
    pub next_ticket_id: TicketId,
    /// Set when the data was made by the demo generator, so the app can say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demo_seed: Option<u64>,
}

/// A whole desk: configuration, tickets with their histories, and the knowledge base.
///
/// Field order is the order written. Lists are kept in canonical order (see
/// [`Backup::normalize`]) so that export -> import -> export gives the same bytes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(
        title = "Tierdesk backup",
        description = "A whole Tierdesk desk: settings, tickets with their histories, and the knowledge base. See docs/backup-format.md."
    )
)]
pub struct Backup {
    /// Always "tierdesk-backup".
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("const" = "tierdesk-backup")))]
    pub format: String,
    /// Layout version; this app writes 1 and reads 0 to 1.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0, max = 1)))]
    pub format_version: u32,
    /// Version of the Tierdesk build that wrote the file.
    pub app_version: String,
    pub exported_at: Time,
    pub counts: Counts,
    pub meta: Meta,
    pub config: DeskConfig,
    /// Sorted by id.
    pub tickets: Vec<Ticket>,
    /// Sorted by ticket, then time, then position in the history, then id.
    pub events: Vec<Event>,
    /// Sorted by id.
    pub articles: Vec<Article>,
    /// Sorted by article, then revision number.
    pub article_revisions: Vec<ArticleRevision>,
}

impl Backup {
    /// A backup of the given records, in canonical order, with counts and `next_ticket_id` filled
    /// in. `next_ticket_id` is raised above the highest ticket id if needed.
    pub fn new(
        exported_at: Time,
        config: DeskConfig,
        tickets: Vec<Ticket>,
        events: Vec<Event>,
        articles: Vec<Article>,
        article_revisions: Vec<ArticleRevision>,
        next_ticket_id: TicketId,
    ) -> Backup {
        let mut b = Backup {
            format: FORMAT.to_string(),
            format_version: FORMAT_VERSION,
            app_version: APP_VERSION.to_string(),
            exported_at,
            counts: Counts::default(),
            meta: Meta {
                next_ticket_id,
                demo_seed: None,
            },
            config,
            tickets,
            events,
            articles,
            article_revisions,
        };
        b.normalize();
        b
    }

    /// Puts every list in canonical order and recomputes the counts and `next_ticket_id`.
    pub fn normalize(&mut self) {
        self.tickets.sort_by_key(|t| t.id);
        // `seq` keeps the order of events written by one command at the same instant
        // (a reply, then the status change it caused); the id breaks any remaining tie.
        self.events
            .sort_by(|a, b| (a.ticket, a.at, a.seq, &a.id).cmp(&(b.ticket, b.at, b.seq, &b.id)));
        self.articles.sort_by(|a, b| a.id.cmp(&b.id));
        self.article_revisions
            .sort_by(|a, b| (&a.article, a.rev).cmp(&(&b.article, b.rev)));
        self.counts = Counts {
            tickets: self.tickets.len() as u64,
            events: self.events.len() as u64,
            articles: self.articles.len() as u64,
            article_revisions: self.article_revisions.len() as u64,
        };
        let above_max = self.tickets.last().map_or(1, |t| t.id.saturating_add(1));
        self.meta.next_ticket_id = self.meta.next_ticket_id.max(above_max);
    }

    /// The events of each ticket, in history order (assumes the backup is normalized).
    pub fn events_by_ticket(&self) -> BTreeMap<TicketId, &[Event]> {
        let mut out = BTreeMap::new();
        let mut start = 0;
        while start < self.events.len() {
            let id = self.events[start].ticket;
            let end = start
                + self.events[start..]
                    .iter()
                    .take_while(|e| e.ticket == id)
                    .count();
            out.insert(id, &self.events[start..end]);
            start = end;
        }
        out
    }

    /// The id of the `created` event of each ticket that has one.
    pub fn created_event_ids(&self) -> BTreeMap<TicketId, &str> {
        let mut out = BTreeMap::new();
        for e in &self.events {
            if matches!(e.kind, EventKind::Created { .. }) {
                out.entry(e.ticket).or_insert(e.id.as_str());
            }
        }
        out
    }
}

/// Compact JSON with a trailing newline. Call on a normalized backup for canonical bytes.
pub fn to_json(backup: &Backup) -> String {
    // Serialising plain data (no maps with non-string keys) cannot fail.
    let mut s = serde_json::to_string(backup).unwrap_or_default();
    s.push('\n');
    s
}

/// The same bytes as [`to_json`], streamed into `out` (no 300 MB string for a big desk).
pub fn write_json<W: std::io::Write>(backup: &Backup, mut out: W) -> std::io::Result<()> {
    // serde_json hands back the writer's own error (e.g. a closed pipe) unchanged.
    serde_json::to_writer(&mut out, backup).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// Upgrades a backup's JSON from `from_version` to [`FORMAT_VERSION`], one step at a time.
///
/// Version 0 was the pre-release layout: no `counts` and no `meta`. Both are derived from the
/// lists. Every later change to the format adds a step here and a test with a hand-made file.
pub fn migrate(mut value: Value, from_version: u32) -> Result<Value, Vec<Problem>> {
    if from_version > FORMAT_VERSION {
        return Err(vec![Problem::new(
            "$.format_version",
            format!(
                "is {from_version}: this file was made by a newer Tierdesk (this app reads up to version {FORMAT_VERSION}); update the app"
            ),
        )]);
    }
    let mut version = from_version;
    while version < FORMAT_VERSION {
        // One arm per version step; the next format change adds `1 => v1_to_v2(&mut value)`.
        #[allow(clippy::single_match)]
        match version {
            0 => v0_to_v1(&mut value),
            _ => {}
        }
        version += 1;
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("format_version".into(), Value::from(FORMAT_VERSION));
    }
    Ok(value)
}

fn v0_to_v1(value: &mut Value) {
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    let len = |key: &str| obj.get(key).and_then(Value::as_array).map_or(0, Vec::len);
    let counts = serde_json::json!({
        "tickets": len("tickets"),
        "events": len("events"),
        "articles": len("articles"),
        "article_revisions": len("article_revisions"),
    });
    let max_id = obj
        .get("tickets")
        .and_then(Value::as_array)
        .map(|ts| {
            ts.iter()
                .filter_map(|t| t.get("id").and_then(Value::as_u64))
                .max()
                .unwrap_or(0)
        })
        .unwrap_or(0);
    obj.entry("counts").or_insert(counts);
    obj.entry("meta")
        .or_insert(serde_json::json!({ "next_ticket_id": max_id.saturating_add(1) }));
    for key in ["events", "articles", "article_revisions"] {
        obj.entry(key).or_insert(Value::Array(vec![]));
    }
}

/// The JSON Schema of the backup file, pretty-printed with a trailing newline
/// (the content of `public/schema/backup.schema.json`).
#[cfg(not(target_arch = "wasm32"))]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Backup);
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

/// `DayTime` is written as "HH:MM" by hand-written serde impls, so its schema is written by hand.
#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for crate::domain::desk::DayTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DayTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Clock time within a day, \"HH:MM\" from \"00:00\" to \"24:00\" (the end of the day).",
            "type": "string",
            "pattern": "^(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$"
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::Duration;

    use super::super::fixture::{self, t0};
    use super::*;

    #[test]
    fn normalize_orders_lists_and_fixes_counts_and_next_id() {
        let mut b = fixture::backup("e");
        b.tickets.reverse();
        b.events.reverse();
        b.articles.reverse();
        b.counts = Counts::default();
        b.meta.next_ticket_id = 1;
        b.normalize();
        assert_eq!(
            b.tickets.iter().map(|t| t.id).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert_eq!(b.articles[0].id, "reset-password");
        assert_eq!(b.counts.tickets, 3);
        assert_eq!(b.counts.article_revisions, 1);
        assert_eq!(b.meta.next_ticket_id, 4);
        // Within a ticket, history order: events written at the same instant keep their order.
        let t1: Vec<(u32, &str)> = b
            .events
            .iter()
            .filter(|e| e.ticket == 1)
            .map(|e| (e.seq, e.kind.name()))
            .collect();
        assert_eq!(
            t1,
            vec![
                (0, "created"),
                (1, "assigned"),
                (2, "status_changed"),
                (3, "public_reply"),
                (4, "status_changed")
            ]
        );
        assert_eq!(b.events_by_ticket()[&2].len(), 4);
        assert_eq!(b.created_event_ids()[&3], "e10");
    }

    #[test]
    fn exports_are_compact_with_a_trailing_newline_and_fields_in_order() {
        let json = to_json(&fixture::backup("e"));
        assert!(json
            .starts_with("{\"format\":\"tierdesk-backup\",\"format_version\":1,\"app_version\":"));
        assert!(json.ends_with("]}\n"));
        assert_eq!(json.matches('\n').count(), 1);
        assert_eq!(
            top_level_keys(&json),
            vec![
                "format",
                "format_version",
                "app_version",
                "exported_at",
                "counts",
                "meta",
                "config",
                "tickets",
                "events",
                "articles",
                "article_revisions"
            ]
        );
    }

    /// The keys of the outermost object, in the order written.
    fn top_level_keys(json: &str) -> Vec<String> {
        let (mut depth, mut keys, mut cur, mut in_str, mut esc) =
            (0, vec![], String::new(), false, false);
        for c in json.chars() {
            if in_str {
                match c {
                    _ if esc => esc = false,
                    '\\' => esc = true,
                    '"' => in_str = false,
                    _ if depth == 1 => cur.push(c),
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => {
                    in_str = true;
                    cur.clear();
                }
                ':' if depth == 1 => keys.push(cur.clone()),
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        keys
    }

    #[test]
    fn streaming_writes_the_same_bytes() {
        let b = fixture::backup("e");
        let mut buf = vec![];
        write_json(&b, &mut buf).unwrap();
        assert_eq!(buf, to_json(&b).into_bytes());
    }

    #[test]
    fn migrate_refuses_newer_and_fills_version_0() {
        let err = migrate(serde_json::json!({}), 2).unwrap_err();
        assert!(err[0].message.contains("newer Tierdesk"));
        let v0 = serde_json::json!({
            "format": FORMAT, "format_version": 0, "tickets": [{"id": 4}, {"id": 9}], "events": [{}, {}, {}]
        });
        let v1 = migrate(v0, 0).unwrap();
        assert_eq!(v1["format_version"], 1);
        assert_eq!(
            v1["counts"],
            serde_json::json!({"tickets": 2, "events": 3, "articles": 0, "article_revisions": 0})
        );
        assert_eq!(v1["meta"]["next_ticket_id"], 10);
        assert_eq!(v1["articles"], serde_json::json!([]));
        // A current file passes through unchanged.
        let cur = serde_json::to_value(fixture::backup("e")).unwrap();
        assert_eq!(migrate(cur.clone(), 1).unwrap(), cur);
    }

    #[test]
    fn new_raises_next_ticket_id_above_the_highest_ticket() {
        let mut b = fixture::backup("e");
        b.meta.next_ticket_id = 100;
        b.normalize();
        assert_eq!(b.meta.next_ticket_id, 100, "a higher next id is kept");
        let empty = Backup::new(
            t0() + Duration::days(1),
            fixture::config(),
            vec![],
            vec![],
            vec![],
            vec![],
            0,
        );
        assert_eq!(empty.meta.next_ticket_id, 1);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn committed_json_schema_is_up_to_date() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/schema/backup.schema.json"
        );
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == json_schema(),
            "public/schema/backup.schema.json is out of date with the Rust types; regenerate it with\n    cargo run --bin tierdesk -- schema > public/schema/backup.schema.json"
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn schema_pins_the_format_name_and_the_day_time_pattern() {
        let s: serde_json::Value = serde_json::from_str(&json_schema()).unwrap();
        assert_eq!(s["properties"]["format"]["const"], FORMAT);
        assert_eq!(s["$defs"]["DayTime"]["type"], "string");
        assert!(s["$defs"]["Status"].to_string().contains("on_hold"));
        let required = s["required"].as_array().unwrap();
        assert!(required.iter().any(|r| r == "tickets") && required.iter().any(|r| r == "config"));
    }
}
