//! Reading a backup file: every problem is listed with its JSON path, nothing panics.
//!
//! Order of work: size, encoding and nesting are checked on the bytes; then the text is read as
//! plain JSON; then the header (`format`, `format_version`) decides whether to go on and which
//! migration applies; then every record is read on its own, so a bad ticket names its index;
//! last, the rules across records (`checks`) run on everything that could be read.

use std::collections::HashSet;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::checks::{self, View};
use super::paths::{self, index};
use super::{
    migrate, Backup, Problem, Problems, FORMAT, FORMAT_VERSION, MAX_BACKUP_BYTES, MAX_DEPTH,
};

/// Reads a backup file. On success the backup is in canonical order (see [`Backup::normalize`]).
/// On failure, every problem found (at most [`super::MAX_PROBLEMS`] and a count of the rest).
pub fn parse(bytes: &[u8]) -> Result<Backup, Vec<Problem>> {
    parse_limited(bytes, MAX_BACKUP_BYTES)
}

fn parse_limited(bytes: &[u8], max_bytes: usize) -> Result<Backup, Vec<Problem>> {
    let text = read_text(bytes, max_bytes).map_err(|p| vec![p])?;
    // Fast path: a sound file of the current version reads straight into the types, without
    // the memory and time of a generic JSON tree (a 100,000-ticket desk is ~300 MB of JSON).
    if let Ok(mut b) = serde_json::from_str::<Backup>(text) {
        if b.format == FORMAT && b.format_version == FORMAT_VERSION {
            let problems = validate(&b);
            if !problems.is_empty() {
                return Err(problems);
            }
            b.normalize();
            return Ok(b);
        }
    }
    let value = read_value(text).map_err(|p| vec![p])?;
    let value = read_header(value)?;
    let Value::Object(obj) = value else {
        return Err(vec![Problem::new("$", "is not an object")]);
    };
    let mut p = Problems::default();
    let format = obj
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or(FORMAT)
        .to_string();
    let app_version = field::<String>(&obj, "app_version", &mut p);
    let exported_at = field(&obj, "exported_at", &mut p);
    let counts = field(&obj, "counts", &mut p);
    let meta = field(&obj, "meta", &mut p);
    let config = field(&obj, "config", &mut p);
    let (tickets, n_tickets) = list(&obj, "tickets", &mut p);
    let (events, n_events) = list(&obj, "events", &mut p);
    let (articles, n_articles) = list(&obj, "articles", &mut p);
    let (revisions, n_revisions) = list(&obj, "article_revisions", &mut p);

    let view = View {
        exported_at,
        counts: counts.as_ref(),
        meta: meta.as_ref(),
        config: config.as_ref(),
        tickets: tickets.iter().map(|(i, t)| (*i, t)).collect(),
        events: events.iter().map(|(i, e)| (*i, e)).collect(),
        articles: articles.iter().map(|(i, a)| (*i, a)).collect(),
        revisions: revisions.iter().map(|(i, r)| (*i, r)).collect(),
        lens: [n_tickets, n_events, n_articles, n_revisions],
        // Ids of records that failed to read still count, so references to them are not
        // reported a second time.
        ticket_ids: raw_ids(&obj, "tickets", |v| v.as_u64()),
        article_ids: raw_ids(&obj, "articles", |v| v.as_str().map(str::to_string)),
        agent_ids: config
            .as_ref()
            .map(|c| c.agents.iter().map(|a| a.id.clone()).collect()),
    };
    checks::run(&view, &mut p);
    if !p.is_empty() {
        return Err(p.finish());
    }
    match (app_version, exported_at, counts, meta, config) {
        (Some(app_version), Some(exported_at), Some(counts), Some(meta), Some(config)) => {
            let mut b = Backup {
                format,
                format_version: FORMAT_VERSION,
                app_version,
                exported_at,
                counts,
                meta,
                config,
                tickets: tickets.into_iter().map(|(_, t)| t).collect(),
                events: events.into_iter().map(|(_, e)| e).collect(),
                articles: articles.into_iter().map(|(_, a)| a).collect(),
                article_revisions: revisions.into_iter().map(|(_, r)| r).collect(),
            };
            b.normalize();
            Ok(b)
        }
        // Every `None` above pushed a problem, so this is not reached; stay total anyway.
        _ => Err(vec![Problem::new("$", "could not be read")]),
    }
}

/// The cross-record rules on an in-memory backup (what `parse` checks after reading).
pub fn validate(backup: &Backup) -> Vec<Problem> {
    let mut p = Problems::default();
    let view = View {
        exported_at: Some(backup.exported_at),
        counts: Some(&backup.counts),
        meta: Some(&backup.meta),
        config: Some(&backup.config),
        tickets: backup.tickets.iter().enumerate().collect(),
        events: backup.events.iter().enumerate().collect(),
        articles: backup.articles.iter().enumerate().collect(),
        revisions: backup.article_revisions.iter().enumerate().collect(),
        lens: [
            backup.tickets.len(),
            backup.events.len(),
            backup.articles.len(),
            backup.article_revisions.len(),
        ],
        ticket_ids: backup.tickets.iter().map(|t| t.id).collect(),
        article_ids: backup.articles.iter().map(|a| a.id.clone()).collect(),
        agent_ids: Some(backup.config.agents.iter().map(|a| a.id.clone()).collect()),
    };
    checks::run(&view, &mut p);
    p.finish()
}

fn field<T: DeserializeOwned>(obj: &Map<String, Value>, name: &str, p: &mut Problems) -> Option<T> {
    let path = paths::key("$", name);
    match obj.get(name) {
        Some(v) => paths::read(v, &path, p),
        None => {
            p.push(path, "is missing; it is required");
            None
        }
    }
}

/// Reads each record of a list on its own; returns the good ones with their index, and the
/// list's length in the file.
fn list<T: DeserializeOwned>(
    obj: &Map<String, Value>,
    name: &str,
    p: &mut Problems,
) -> (Vec<(usize, T)>, usize) {
    let path = paths::key("$", name);
    match obj.get(name) {
        Some(Value::Array(items)) => {
            let good = items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| paths::read(v, &index(&path, i), p).map(|t| (i, t)))
                .collect();
            (good, items.len())
        }
        Some(other) => {
            p.push(path, format!("expected a list, found {}", kind(other)));
            (vec![], 0)
        }
        None => {
            p.push(path, "is missing; it is required (write [] for none)");
            (vec![], 0)
        }
    }
}

fn raw_ids<K: std::hash::Hash + Eq>(
    obj: &Map<String, Value>,
    name: &str,
    get: impl Fn(&Value) -> Option<K>,
) -> HashSet<K> {
    obj.get(name)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|t| t.get("id").and_then(&get))
                .collect()
        })
        .unwrap_or_default()
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The file as text, or the one reason it cannot be a backup (size, empty, encoding, nesting).
fn read_text(bytes: &[u8], max_bytes: usize) -> Result<&str, Problem> {
    if bytes.len() > max_bytes {
        return Err(Problem::new(
            "$",
            format!(
                "the file is {}; the largest backup Tierdesk reads is {}",
                size(bytes.len()),
                size(max_bytes)
            ),
        ));
    }
    // Some editors on Windows start UTF-8 files with a byte order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::new("$", "the file is empty"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(bytes, e.valid_up_to());
        Problem::new(
            "$",
            format!("the file is not UTF-8 text (bad byte at line {line}, column {col}); a backup is a JSON text file"),
        )
    })?;
    if let Some(at) = too_deep(bytes) {
        let (line, col) = line_col(bytes, at);
        return Err(Problem::new(
            "$",
            format!("the data nests deeper than {MAX_DEPTH} levels (at line {line}, column {col}); a Tierdesk backup never does"),
        ));
    }
    Ok(text)
}

/// Text to a JSON value, or the one reason it is not JSON.
fn read_value(text: &str) -> Result<Value, Problem> {
    serde_json::from_str::<Value>(text).map_err(|e| {
        let (line, col) = (e.line(), e.column());
        let msg = e.to_string();
        let msg = msg.rfind(" at line ").map_or(msg.as_str(), |i| &msg[..i]);
        let message = match e.classify() {
            serde_json::error::Category::Eof => format!(
                "the file ends too early at line {line}, column {col}: it looks cut off (truncated); use the complete file"
            ),
            _ => format!("the file is not valid JSON: {} at line {line}, column {col}", syntax_words(msg)),
        };
        Problem::new("$", message)
    })
}

fn size(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes >= MIB {
        format!("{} MiB", bytes.div_ceil(MIB))
    } else {
        format!("{bytes} bytes")
    }
}

/// serde_json's syntax messages in plainer words.
fn syntax_words(msg: &str) -> String {
    match msg {
        "expected ident" => {
            "unexpected word (text must be in double quotes; true, false and null are lower case)"
                .into()
        }
        "expected value" => {
            "expected a value (text, number, list, object, true, false or null)".into()
        }
        "key must be a string" => "an object key must be text in double quotes".into(),
        "trailing comma" => "a comma before a closing bracket".into(),
        "trailing characters" => "there is more text after the end of the data".into(),
        "invalid number" => "a number is written wrongly".into(),
        m if m.starts_with("control character") => {
            "text contains a raw control character (such as a line break) that must be escaped"
                .into()
        }
        m => m.to_string(),
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

/// The offset of the first bracket that opens level `MAX_DEPTH + 1`, if any. Brackets inside
/// strings do not count.
fn too_deep(bytes: &[u8]) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Checks `format` and `format_version` and migrates older files. Nothing else is worth
/// reporting when the file is not a Tierdesk backup or comes from a newer app.
fn read_header(value: Value) -> Result<Value, Vec<Problem>> {
    let one = |path: &str, msg: String| Err(vec![Problem::new(path, msg)]);
    let Value::Object(obj) = &value else {
        return one(
            "$",
            format!(
                "the file holds {}, not a Tierdesk backup (an object with \"format\": \"{FORMAT}\")",
                kind(&value)
            ),
        );
    };
    match obj.get("format") {
        None => {
            return one(
                "$.format",
                format!(
                "is missing: this is not a Tierdesk backup (it would say \"format\": \"{FORMAT}\")"
            ),
            )
        }
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => {
            return one(
                "$.format",
                format!("is {other}, not \"{FORMAT}\": this is not a Tierdesk backup"),
            )
        }
    }
    let version = match obj.get("format_version") {
        None => return one("$.format_version", "is missing; it is required".into()),
        Some(v) => match v.as_u64() {
            Some(n) => n,
            None => {
                return one(
                    "$.format_version",
                    format!("expected a whole number of 0 or more, found {}", kind(v)),
                )
            }
        },
    };
    if version > FORMAT_VERSION as u64 {
        return one(
            "$.format_version",
            format!(
                "is {version}: this file was made by a newer Tierdesk (this app reads up to version {FORMAT_VERSION}); update the app"
            ),
        );
    }
    migrate(value, version as u32)
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::super::to_json;
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn problems(text: &str) -> Vec<String> {
        match parse(text.as_bytes()) {
            Ok(_) => vec![],
            Err(ps) => ps.into_iter().map(|p| p.to_string()).collect(),
        }
    }

    fn value() -> Value {
        serde_json::to_value(fixture::backup("e")).unwrap()
    }

    #[test]
    fn export_import_export_is_byte_identical() {
        let b = fixture::backup("e");
        assert!(validate(&b).is_empty(), "{:?}", validate(&b));
        let first = to_json(&b);
        let back = parse(first.as_bytes()).unwrap();
        assert_eq!(back, b);
        assert_eq!(to_json(&back), first);
        assert!(first.ends_with("}\n"));
    }

    #[test]
    fn empty_not_json_and_truncated_files_say_so() {
        assert_eq!(problems(""), vec!["$: the file is empty"]);
        assert_eq!(problems(" \n\t"), vec!["$: the file is empty"]);
        assert_eq!(
            problems("{\"format\": \"tierdesk-backup\",\n  \"format_version\": 1,,\n}"),
            vec!["$: the file is not valid JSON: an object key must be text in double quotes at line 2, column 23"]
        );
        let text = to_json(&fixture::backup("e"));
        let cut = &text[..text.len() / 2];
        let got = problems(cut);
        assert_eq!(got.len(), 1);
        assert!(
            got[0].contains("ends too early at line 1") && got[0].contains("truncated"),
            "{got:?}"
        );
        assert_eq!(problems("\u{FEFF}"), vec!["$: the file is empty"]);
        assert!(parse(&[0xff, 0xfe, b'{']).unwrap_err()[0]
            .message
            .contains("not UTF-8"));
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let text = format!("\u{FEFF}{}", to_json(&fixture::backup("e")));
        assert!(parse(text.as_bytes()).is_ok());
    }

    #[test]
    fn wrong_shape_format_and_newer_version_stop_early() {
        assert_eq!(
            problems("[1, 2]"),
            vec!["$: the file holds a list, not a Tierdesk backup (an object with \"format\": \"tierdesk-backup\")"]
        );
        assert_eq!(
            problems(r#"{"format": "zendesk-export", "tickets": 5}"#),
            vec!["$.format: is \"zendesk-export\", not \"tierdesk-backup\": this is not a Tierdesk backup"]
        );
        let mut v = value();
        v["format_version"] = json!(2);
        v["tickets"] = json!("garbage that a newer version might have");
        assert_eq!(
            problems(&v.to_string()),
            vec!["$.format_version: is 2: this file was made by a newer Tierdesk (this app reads up to version 1); update the app"]
        );
    }

    #[test]
    fn size_and_depth_limits_are_checked_before_parsing() {
        let text = to_json(&fixture::backup("e"));
        let err = parse_limited(text.as_bytes(), 100).unwrap_err();
        assert_eq!(
            err[0].message,
            format!(
                "the file is {} bytes; the largest backup Tierdesk reads is 100 bytes",
                text.len()
            )
        );
        // 200 levels would also trip serde_json's own limit of 128; ours comes first and says where.
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            problems(&deep),
            vec!["$: the data nests deeper than 64 levels (at line 1, column 65); a Tierdesk backup never does"]
        );
        // Brackets inside strings do not count.
        let mut v = value();
        v["app_version"] = json!("[".repeat(100));
        assert!(parse(v.to_string().as_bytes()).is_ok());
    }

    #[test]
    fn lists_every_problem_with_its_path() {
        let mut v = value();
        v["tickets"][0]["status"] = json!("foo");
        v["tickets"][1]["priority"] = json!(3);
        v["tickets"][2]["assignee"] = json!("zed");
        v["tickets"][2]["subject"] = json!("x".repeat(201));
        v["events"][1]["id"] = v["events"][0]["id"].clone();
        v["events"][2]["ticket"] = json!(99);
        v["events"][3]["at"] = json!("1999-12-31T23:00:00Z");
        v["articles"][1]["id"] = json!("reset-password");
        v["counts"]["tickets"] = json!(4);
        let got = problems(&v.to_string());
        assert_eq!(
            got,
            vec![
                "$.tickets[0].status: unknown status \"foo\"; expected one of new, open, pending, on_hold, resolved, closed",
                "$.tickets[1].priority: expected one of critical, high, medium, low, found the number 3",
                "$.counts.tickets: says 4 tickets but the file holds 3; the file may be incomplete or edited by hand",
                "$.tickets[2].subject: is 201 characters long; the limit is 200",
                "$.tickets[2].assignee: agent \"zed\" is not one of the desk's agents ($.config.agents)",
                "$.events[1].id: event id e1 appears twice (first at $.events[0])",
                "$.events[2].ticket: points to ticket #99, which is not in the file",
                "$.events[3].at: 1999-12-31T23:00:00+00:00 is out of range: dates must be between 2000 and 2200",
                "$.articles[1].id: article id reset-password appears twice (first at $.articles[0])",
            ],
            "{got:#?}"
        );
    }

    #[test]
    fn missing_sections_and_wrong_list_types_are_named() {
        let mut v = value();
        let obj = v.as_object_mut().unwrap();
        obj.remove("config");
        obj.insert("events".into(), json!({"a": 1}));
        let got = problems(&v.to_string());
        assert!(
            got.contains(&"$.config: is missing; it is required".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(&"$.events: expected a list, found an object".to_string()),
            "{got:?}"
        );
    }

    #[test]
    fn problems_are_capped_with_a_count_of_the_rest() {
        let mut v = value();
        let t = v["tickets"][0].clone();
        let many: Vec<Value> = (1..=300)
            .map(|i| {
                let mut t = t.clone();
                t["id"] = json!(i);
                t["status"] = json!("lost");
                t
            })
            .collect();
        v["tickets"] = Value::Array(many);
        let got = parse(v.to_string().as_bytes()).unwrap_err();
        assert_eq!(got.len(), 201);
        // 300 bad statuses, plus counts.tickets (3) and meta.next_ticket_id (4) now too low.
        assert_eq!(got[200].to_string(), "$: and 102 more problems not listed");
        assert_eq!(got[199].path, "$.tickets[199].status");
    }

    #[test]
    fn version_0_files_are_migrated() {
        // A hand-made version 0 file: no counts, no meta.
        let mut v = value();
        let obj = v.as_object_mut().unwrap();
        obj.remove("counts");
        obj.remove("meta");
        obj.insert("format_version".into(), json!(0));
        let b = parse(v.to_string().as_bytes()).unwrap();
        assert_eq!(b.format_version, 1);
        assert_eq!(b.counts.tickets, 3);
        assert_eq!(b.counts.events, fixture::backup("e").events.len() as u64);
        assert_eq!(b.meta.next_ticket_id, 4);
    }

    #[test]
    fn next_ticket_id_must_be_above_every_ticket() {
        let mut v = value();
        v["meta"]["next_ticket_id"] = json!(3);
        assert_eq!(
            problems(&v.to_string()),
            vec!["$.meta.next_ticket_id: is 3 but ticket #3 exists; it must be above every ticket id"]
        );
    }

    #[test]
    fn fast_and_slow_readers_report_the_same_cross_record_problems() {
        let mut v = value();
        v["events"][2]["ticket"] = json!(99);
        v["tickets"][1]["assignee"] = json!("zed");
        let fast = problems(&v.to_string());
        // Version 0 goes through the generic reader and the migration.
        v["format_version"] = json!(0);
        let slow = problems(&v.to_string());
        assert_eq!(fast.len(), 2, "{fast:?}");
        assert_eq!(fast, slow);
    }

    #[test]
    fn a_ticket_needs_exactly_one_created_event() {
        let mut v = value();
        let mut twin = v["events"][0].clone();
        twin["id"] = json!("zz");
        v["events"].as_array_mut().unwrap().push(twin);
        v["counts"]["events"] = json!(v["events"].as_array().unwrap().len());
        let n = v["events"].as_array().unwrap().len() - 1;
        assert_eq!(
            problems(&v.to_string()),
            vec![format!(
                "$.events[{n}].kind: is a second \"created\" event for ticket #1"
            )]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn never_panics_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse(&bytes);
        }

        #[test]
        fn never_panics_on_damaged_backups(cut in 0usize..4000, at in 0usize..4000, byte in any::<u8>()) {
            let mut bytes = to_json(&fixture::backup("e")).into_bytes();
            let n = bytes.len();
            bytes[at % n] = byte;
            bytes.truncate(n - cut % n);
            match parse(&bytes) {
                Ok(_) => {}
                Err(ps) => prop_assert!(!ps.is_empty() && ps.iter().all(|p| p.path.starts_with('$'))),
            }
        }
    }
}
