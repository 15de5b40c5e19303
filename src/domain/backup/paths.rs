//! Turning serde's errors into JSON paths and plain sentences.
//!
//! serde reports where it failed only as a line and column of the text it read. So a record
//! that fails is written out again with one value per line while remembering the JSON path of
//! each line; deserializing that text gives a line, and so a path. After each problem the bad
//! value is replaced by a harmless one and the record is read again, so that several problems
//! in one record are all listed.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Problems;

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// `$.a.b[3]`-style text for a base path plus steps; odd keys are quoted: `$.fields["Asset tag"]`.
pub fn join(base: &str, segs: &[Seg]) -> String {
    let mut s = base.to_string();
    for seg in segs {
        match seg {
            Seg::Key(k) => push_key(&mut s, k),
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

pub fn key(base: &str, k: &str) -> String {
    let mut s = base.to_string();
    push_key(&mut s, k);
    s
}

pub fn index(base: &str, i: usize) -> String {
    format!("{base}[{i}]")
}

fn push_key(s: &mut String, k: &str) {
    let plain = !k.is_empty()
        && !k.starts_with(|c: char| c.is_ascii_digit())
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        s.push('.');
        s.push_str(k);
    } else {
        s.push('[');
        s.push_str(&serde_json::to_string(k).unwrap_or_default());
        s.push(']');
    }
}

/// JSON text with one value per line, and the path of each line (`paths[line - 1]`).
struct Lined {
    text: String,
    paths: Vec<Vec<Seg>>,
}

impl Lined {
    fn newline(&mut self, path: Vec<Seg>) {
        self.text.push('\n');
        self.paths.push(path);
    }
}

fn render(v: &Value) -> Lined {
    let mut out = Lined {
        text: String::new(),
        paths: vec![vec![]],
    };
    let mut path = vec![];
    render_into(v, &mut path, &mut out);
    out
}

fn render_into(v: &Value, path: &mut Vec<Seg>, out: &mut Lined) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.text.push('{');
            for (i, (k, val)) in m.iter().enumerate() {
                if i > 0 {
                    out.text.push(',');
                }
                path.push(Seg::Key(k.clone()));
                out.newline(path.clone());
                out.text
                    .push_str(&serde_json::to_string(k).unwrap_or_default());
                out.text.push(':');
                render_into(val, path, out);
                path.pop();
            }
            out.newline(path.clone());
            out.text.push('}');
        }
        Value::Array(a) if !a.is_empty() => {
            out.text.push('[');
            for (i, val) in a.iter().enumerate() {
                if i > 0 {
                    out.text.push(',');
                }
                path.push(Seg::Index(i));
                out.newline(path.clone());
                render_into(val, path, out);
                path.pop();
            }
            out.newline(path.clone());
            out.text.push(']');
        }
        other => out
            .text
            .push_str(&serde_json::to_string(other).unwrap_or_default()),
    }
}

fn get<'a>(v: &'a Value, segs: &[Seg]) -> Option<&'a Value> {
    segs.iter().try_fold(v, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    })
}

fn set(v: &mut Value, segs: &[Seg], new: Value) -> bool {
    let mut cur = v;
    for seg in segs {
        let next = match seg {
            Seg::Key(k) => cur.get_mut(k.as_str()),
            Seg::Index(i) => cur.get_mut(*i),
        };
        match next {
            Some(n) => cur = n,
            None => return false,
        }
    }
    *cur = new;
    true
}

/// Most problems listed for one record before moving on to the next.
const MAX_PER_RECORD: usize = 20;

/// Reads `item` as a `T`; on failure lists what is wrong under `base` (e.g. `$.tickets[3]`).
pub fn read<T: DeserializeOwned>(item: &Value, base: &str, problems: &mut Problems) -> Option<T> {
    match T::deserialize(item) {
        Ok(t) => Some(t),
        Err(first) => {
            // Past the listing limit, finding the exact place is wasted work.
            if problems.is_full() {
                problems.push(base, first.to_string());
                return None;
            }
            if diagnose::<T>(item, base, problems) == 0 {
                // Should not happen (both readers agree); never drop a record silently.
                problems.push(base, format!("could not be read: {}", first));
            }
            None
        }
    }
}

/// Lists the problems of a record that failed to read; returns how many were found.
fn diagnose<T: DeserializeOwned>(item: &Value, base: &str, problems: &mut Problems) -> usize {
    let mut v = item.clone();
    let mut replaced: Vec<Vec<Seg>> = vec![];
    for found in 0..MAX_PER_RECORD {
        let Some((at, raw)) = first_error::<T>(&v) else {
            return found;
        };
        let mut d = describe(&raw, at, &v);
        if d.probe {
            probe_choices::<T>(&v, &mut d);
        }
        if replaced.contains(&d.segs) {
            return found;
        }
        problems.push(join(base, &d.segs), d.message);
        match d.stand_in {
            Some(s) if set(&mut v, &d.segs, s.clone()) => replaced.push(d.segs),
            _ => return found + 1,
        }
    }
    MAX_PER_RECORD
}

/// Where reading `v` as a `T` first fails, and serde's message.
fn first_error<T: DeserializeOwned>(v: &Value) -> Option<(Vec<Seg>, String)> {
    let lined = render(v);
    let err = serde_json::from_str::<T>(&lined.text).err()?;
    let at = lined
        .paths
        .get(err.line().saturating_sub(1))
        .cloned()
        .unwrap_or_default();
    Some((at, raw_message(&err)))
}

/// serde does not name the choices when a name is given as a number or a list; asking again
/// with an empty text in its place makes it list them.
fn probe_choices<T: DeserializeOwned>(v: &Value, d: &mut Diagnosis) {
    let mut probe = v.clone();
    let found = get(v, &d.segs).map(|x| found_words(&found_of(x)));
    if !set(&mut probe, &d.segs, Value::String(String::new())) {
        return;
    }
    let Some((at, raw)) = first_error::<T>(&probe) else {
        return;
    };
    let again = describe(&raw, at, &probe);
    if again.segs == d.segs && !again.choices.is_empty() {
        d.message = format!(
            "expected one of {}, found {}",
            again.choices.join(", "),
            found.unwrap_or_else(|| "something else".into())
        );
        d.stand_in = again.stand_in;
    }
}

/// serde_json's message without its " at line L column C" suffix.
fn raw_message(err: &serde_json::Error) -> String {
    let s = err.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// A problem's place and sentence, and a valid value to put there to look for more problems.
#[derive(Default)]
struct Diagnosis {
    segs: Vec<Seg>,
    message: String,
    stand_in: Option<Value>,
    /// The names serde said it accepts here, if it said.
    choices: Vec<String>,
    /// A name was given as something other than text: serde did not list the choices.
    probe: bool,
}

const CHRONO_ERRORS: [&str; 7] = [
    "input contains invalid characters",
    "premature end of input",
    "input is out of range",
    "trailing input",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
    "bad or unsupported format string",
];

fn describe(raw: &str, mut segs: Vec<Seg>, v: &Value) -> Diagnosis {
    if let Some(name) = between(raw, "missing field `", "`") {
        segs.push(Seg::Key(name.to_string()));
        return Diagnosis {
            segs,
            message: "is missing; it is required".into(),
            stand_in: None,
            ..Default::default()
        };
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let choices: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        // Internally tagged enums fail on the whole object: point at the field holding the name.
        if let Some(Value::Object(m)) = get(v, &segs) {
            if let Some(k) = m
                .iter()
                .find(|(_, x)| x.as_str() == Some(name))
                .map(|(k, _)| k)
            {
                segs.push(Seg::Key(k.clone()));
            }
        }
        let label = label_for(&segs);
        let message = if choices.is_empty() {
            format!("unknown {label} \"{name}\"")
        } else {
            format!(
                "unknown {label} \"{name}\"; expected one of {}",
                choices.join(", ")
            )
        };
        let stand_in = choices.first().map(|c| Value::String(c.to_string()));
        return Diagnosis {
            segs,
            message,
            stand_in,
            choices: choices.iter().map(|c| c.to_string()).collect(),
            probe: false,
        };
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        point_at_child(&mut segs, v, found);
        let (want, stand_in) = expectation(expected, &segs);
        return Diagnosis {
            message: format!("expected {want}, found {}", found_words(found)),
            segs,
            stand_in,
            ..Default::default()
        };
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        point_at_child(&mut segs, v, found);
        let (want, stand_in) = expectation(expected, &segs);
        return Diagnosis {
            message: format!(
                "{} is not allowed here: expected {want}",
                found_words(found)
            ),
            segs,
            stand_in,
            ..Default::default()
        };
    }
    if let Some(rest) = raw.strip_prefix("invalid length ") {
        let (n, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return Diagnosis {
            message: format!("has {n} entries; expected {expected}"),
            segs,
            stand_in: None,
            ..Default::default()
        };
    }
    if CHRONO_ERRORS.iter().any(|c| raw.starts_with(c)) {
        let is_date = matches!(segs.last(), Some(Seg::Key(k)) if k == "date");
        let shown = get(v, &segs)
            .map(|x| x.to_string())
            .unwrap_or_else(|| "the value".into());
        let (want, stand_in) = if is_date {
            ("a date like \"2026-12-24\"", "2000-01-01")
        } else {
            (
                "a date and time like \"2026-03-02T09:00:00Z\"",
                "2000-01-01T00:00:00Z",
            )
        };
        return Diagnosis {
            segs,
            message: format!("{shown} is not {want} ({raw})"),
            stand_in: Some(Value::String(stand_in.into())),
            ..Default::default()
        };
    }
    if raw.contains("is not a time of day") {
        return Diagnosis {
            segs,
            message: raw.to_string(),
            stand_in: Some(Value::String("00:00".into())),
            ..Default::default()
        };
    }
    if raw == "expected ident" || raw == "expected value" {
        return Diagnosis {
            segs,
            message: "expected one of the allowed names, written as text".into(),
            probe: true,
            ..Default::default()
        };
    }
    Diagnosis {
        segs,
        message: raw.to_string(),
        stand_in: None,
        ..Default::default()
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(start)?;
    rest.split_once(end).map(|(x, _)| x)
}

/// The thing an unknown name was meant to be, from the field it is in.
fn label_for(segs: &[Seg]) -> String {
    let last_key = segs.iter().rev().find_map(|s| match s {
        Seg::Key(k) => Some(k.as_str()),
        Seg::Index(_) => None,
    });
    let in_list = matches!(segs.last(), Some(Seg::Index(_)));
    match last_key.unwrap_or("value") {
        "type" => "event type".into(),
        "when" => "condition".into(),
        "then" => "action".into(),
        "cause" => "escalation cause".into(),
        "kind" => "link kind".into(),
        "assignment" => "assignment method".into(),
        "priorities" | "cells" | "is" if in_list => "priority".into(),
        k => k.replace('_', " "),
    }
}

/// When serde blames a whole object (tagged enums do), find the child holding the bad value.
fn point_at_child(segs: &mut Vec<Seg>, v: &Value, found: &str) {
    let Some(Value::Object(m)) = get(v, segs) else {
        return;
    };
    if found == "map" {
        return;
    }
    let hits: Vec<&String> = m
        .iter()
        .filter(|(_, x)| found_of(x) == found)
        .map(|(k, _)| k)
        .collect();
    if let [k] = hits.as_slice() {
        segs.push(Seg::Key((*k).clone()));
    }
}

/// serde's description of a JSON value ("string \"x\"", "integer `5`", ...).
fn found_of(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

fn found_words(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return format!("the text {s}");
    }
    for prefix in ["integer ", "floating point "] {
        if let Some(n) = found.strip_prefix(prefix) {
            return format!("the number {}", n.trim_matches('`'));
        }
    }
    match found {
        "map" => "an object".into(),
        "sequence" => "a list".into(),
        "null" => "null".into(),
        f => match f.strip_prefix("boolean ") {
            Some(b) => b.trim_matches('`').to_string(),
            None => f.to_string(),
        },
    }
}

/// What serde expected, in words, and a value of that kind to carry on checking with.
fn expectation(expected: &str, segs: &[Seg]) -> (String, Option<Value>) {
    let text = |s: &str| Some(Value::String(s.into()));
    match expected {
        "u8" => ("a whole number from 0 to 255".into(), Some(Value::from(1))),
        "u16" => (
            "a whole number from 0 to 65535".into(),
            Some(Value::from(1)),
        ),
        "u32" | "u64" | "usize" => ("a whole number of 0 or more".into(), Some(Value::from(1))),
        "i8" | "i16" | "i32" | "i64" | "isize" => ("a whole number".into(), Some(Value::from(1))),
        "f32" | "f64" => ("a number".into(), Some(Value::from(1))),
        "a string" | "a borrowed string" => ("text".into(), text("")),
        "a boolean" => ("true or false".into(), Some(Value::Bool(false))),
        "a sequence" => ("a list".into(), Some(Value::Array(vec![]))),
        "a formatted date and time string or a unix timestamp" => (
            "a date and time like \"2026-03-02T09:00:00Z\"".into(),
            text("2000-01-01T00:00:00Z"),
        ),
        "a formatted date string" => ("a date like \"2026-12-24\"".into(), text("2000-01-01")),
        e if e.starts_with("an array of length") => (e.replacen("an array", "a list", 1), None),
        e if e.starts_with("struct ") || e == "a map" || e.contains("tagged enum") => {
            ("an object".into(), None)
        }
        e if e.starts_with("enum ") || e == "unit variant" => (
            format!("one of the allowed {} names", label_for(segs)),
            None,
        ),
        e => (e.to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Event, Ticket};
    use serde_json::json;

    fn problems_for<T: DeserializeOwned>(v: Value) -> Vec<String> {
        let mut p = Problems::default();
        let r = read::<T>(&v, "$.x[0]", &mut p);
        assert!(r.is_none());
        p.finish().into_iter().map(|p| p.to_string()).collect()
    }

    fn ticket() -> Value {
        json!({
            "id": 3, "subject": "VPN drops", "requester": {"name": "Dana"},
            "status": "open", "priority": "high", "tier": 1,
            "created_at": "2026-03-02T09:00:00Z", "updated_at": "2026-03-02T09:00:00Z"
        })
    }

    #[test]
    fn paths_quote_odd_keys() {
        assert_eq!(
            join("$", &[Seg::Key("tickets".into()), Seg::Index(3)]),
            "$.tickets[3]"
        );
        assert_eq!(key("$.f", "Asset tag"), "$.f[\"Asset tag\"]");
        assert_eq!(key("$", "9lives"), "$[\"9lives\"]");
    }

    #[test]
    fn lists_several_problems_in_one_record_with_their_paths() {
        let mut t = ticket();
        t["status"] = json!("foo");
        t["priority"] = json!(7);
        t["created_at"] = json!("yesterday");
        t["tier"] = json!(300);
        let got = problems_for::<Ticket>(t);
        assert_eq!(
            got,
            vec![
                "$.x[0].created_at: \"yesterday\" is not a date and time like \"2026-03-02T09:00:00Z\" (input contains invalid characters)",
                "$.x[0].priority: expected one of critical, high, medium, low, found the number 7",
                "$.x[0].status: unknown status \"foo\"; expected one of new, open, pending, on_hold, resolved, closed",
                "$.x[0].tier: the number 300 is not allowed here: expected a whole number from 0 to 255",
            ],
            "{got:#?}"
        );
    }

    #[test]
    fn missing_and_nested_fields_are_named() {
        let mut t = ticket();
        t.as_object_mut().unwrap().remove("subject");
        t["requester"] = json!({"name": 5});
        let got = problems_for::<Ticket>(t);
        assert_eq!(
            got[0],
            "$.x[0].requester.name: expected text, found the number 5"
        );
        assert_eq!(got[1], "$.x[0].subject: is missing; it is required");
    }

    #[test]
    fn tagged_enum_problems_point_inside_the_object() {
        let e = json!({"id": "e1", "ticket": 1, "at": "2026-03-02T09:00:00Z", "actor": "system",
                       "kind": {"type": "teleported"}});
        assert_eq!(
            problems_for::<Event>(e.clone())[0],
            "$.x[0].kind.type: unknown event type \"teleported\"; expected one of created, field_changed, priority_changed, assigned, tier_changed, status_changed, public_reply, internal_note, requester_reply, merged, merged_from, linked, unlinked, helper_added, helper_removed, time_logged, article_linked, rated, routed"
        );
        let mut e2 = e;
        e2["kind"] = json!({"type": "time_logged", "minutes": "ten"});
        assert_eq!(
            problems_for::<Event>(e2)[0],
            "$.x[0].kind.minutes: expected a whole number of 0 or more, found the text \"ten\""
        );
    }
}
