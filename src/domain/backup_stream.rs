//! The backup format in pieces, so that a browser tab stays responsive with 100,000 tickets:
//! writing an export batch by batch with the same bytes as [`backup::to_json`], and reading a
//! file step by step with the same result as [`backup::parse`].
//!
//! Reading splits the file into its top-level fields and list items with a small scanner,
//! then decodes the items a few at a time. Anything unusual (an older version, a syntax
//! error, a bad record, a duplicate key) hands the whole file to [`backup::parse`], which
//! lists every problem with its path: the fast path only ever accepts what `parse` accepts.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::article::{Article, ArticleRevision};
use super::backup::{
    self, Backup, Counts, Meta, Problem, APP_VERSION, FORMAT, FORMAT_VERSION, MAX_BACKUP_BYTES,
    MAX_DEPTH,
};
use super::desk::DeskConfig;
use super::model::{Event, Ticket, TicketId, Time};

// ---------------------------------------------------------------------------------------------
// Writing

/// The four lists of a backup, in the order written.
pub const LISTS: [&str; 4] = ["tickets", "events", "articles", "article_revisions"];

/// The fields of [`Backup`] before its lists, in the same order with the same types.
#[derive(Serialize)]
struct Head<'a> {
    format: &'a str,
    format_version: u32,
    app_version: &'a str,
    exported_at: Time,
    counts: &'a Counts,
    meta: &'a Meta,
    config: &'a DeskConfig,
}

/// The start of the file: every field before the lists, without the closing brace.
pub fn head_json(exported_at: Time, counts: &Counts, meta: &Meta, config: &DeskConfig) -> String {
    let head = Head {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        app_version: APP_VERSION,
        exported_at,
        counts,
        meta,
        config,
    };
    // Plain data always serialises; an empty string would fail the round-trip test loudly.
    let mut s = serde_json::to_string(&head).unwrap_or_default();
    s.pop();
    s
}

/// Records as they appear inside a list: compact JSON joined by commas, no brackets.
/// `None` for no records (a piece must never be empty, or the commas would double).
pub fn items_json<T: Serialize>(items: &[T]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(items.len() * 256);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, item).ok()?;
    }
    String::from_utf8(out).ok()
}

/// The whole file as pieces in order: the head, each list's pieces between its brackets, the
/// end. `text` makes a piece of the caller's kind (a `String` here, a JS string in the
/// browser) from the fixed punctuation, so the browser never holds the file as one string.
pub fn frame<P>(head: P, lists: [Vec<P>; 4], text: impl Fn(&str) -> P) -> Vec<P> {
    let mut out = vec![head];
    for (name, pieces) in LISTS.iter().zip(lists) {
        out.push(text(&format!(",\"{name}\":[")));
        for (i, p) in pieces.into_iter().enumerate() {
            if i > 0 {
                out.push(text(","));
            }
            out.push(p);
        }
        out.push(text("]"));
    }
    out.push(text("}\n"));
    out
}

/// Events in canonical order (as [`Backup::normalize`]): ticket, time, position, id.
pub fn sort_events(events: &mut [Event]) {
    events.sort_by(|a, b| (a.ticket, a.at, a.seq, &a.id).cmp(&(b.ticket, b.at, b.seq, &b.id)));
}

pub fn sort_articles(articles: &mut [Article]) {
    articles.sort_by(|a, b| a.id.cmp(&b.id));
}

pub fn sort_revisions(revisions: &mut [ArticleRevision]) {
    revisions.sort_by(|a, b| (&a.article, a.rev).cmp(&(&b.article, b.rev)));
}

/// `meta` as [`Backup::normalize`] leaves it: the next ticket id above every ticket.
pub fn export_meta(stored_next: TicketId, demo_seed: Option<u64>, max_ticket: Option<TicketId>) -> Meta {
    let above_max = max_ticket.map_or(1, |id| id.saturating_add(1));
    Meta {
        next_ticket_id: stored_next.max(above_max),
        demo_seed,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// What one call to [`Reader::step`] achieved.
#[derive(Debug)]
pub enum Step {
    /// More to do; `done` of `total` work units so far (for a progress bar).
    Working { done: u64, total: u64 },
    /// The same result [`backup::parse`] gives for the file (boxed: a backup is large).
    Done(Box<Result<Backup, Vec<Problem>>>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scan {
    Start,
    /// Expecting a key (or `}` when `first`).
    Key { first: bool },
    /// Inside list `list`: expecting an item (or `]` when `first`).
    Item { list: usize, first: bool },
    /// After a list item: `,` or `]`.
    AfterItem { list: usize },
    /// After a field: `,` or `}`.
    AfterField,
    /// After the closing brace: only white space may follow.
    Trailing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Scan,
    Decode { list: usize, item: usize },
    Check,
    /// Something was unusual: let `backup::parse` read the file and name the problems.
    Fallback,
    Finished,
}

#[derive(Default)]
struct Decoded {
    tickets: Vec<Ticket>,
    events: Vec<Event>,
    articles: Vec<Article>,
    revisions: Vec<ArticleRevision>,
}

/// Reads a backup a step at a time. Each [`step`](Reader::step) does a bounded amount of work,
/// so the caller can update a progress bar, yield to the browser, or stop.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    scan: Scan,
    phase: Phase,
    fields: Vec<(String, Range<usize>)>,
    items: [Vec<Range<usize>>; 4],
    seen_list: [bool; 4],
    decoded: Decoded,
    done: u64,
}

/// Scanning is much cheaper per byte than decoding; a step's budget counts decoding bytes.
const SCAN_FACTOR: usize = 8;

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        let mut r = Reader {
            bytes,
            pos: 0,
            scan: Scan::Start,
            phase: Phase::Scan,
            fields: vec![],
            items: Default::default(),
            seen_list: [false; 4],
            decoded: Decoded::default(),
            done: 0,
        };
        if bytes.len() > MAX_BACKUP_BYTES {
            r.phase = Phase::Fallback;
        }
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            r.pos = 3;
        }
        r
    }

    fn total(&self) -> u64 {
        // Scan and decode each pass over the bytes once; the checks weigh about a quarter.
        let n = self.bytes.len() as u64;
        n * 2 + n / 4
    }

    fn working(&self) -> Step {
        Step::Working {
            done: self.done.min(self.total()),
            total: self.total(),
        }
    }

    /// Does about `budget` bytes' worth of decoding (more bytes of scanning), then returns.
    pub fn step(&mut self, budget: usize) -> Step {
        let budget = budget.max(1);
        match self.phase {
            Phase::Scan => {
                let start = self.pos;
                match self.scan_some(budget.saturating_mul(SCAN_FACTOR)) {
                    Ok(true) => self.phase = Phase::Decode { list: 0, item: 0 },
                    Ok(false) => {}
                    Err(()) => self.phase = Phase::Fallback,
                }
                self.done += (self.pos - start) as u64;
                self.working()
            }
            Phase::Decode { list, item } => {
                match self.decode_some(list, item, budget) {
                    Ok(Some(next)) => self.phase = next,
                    Ok(None) => {
                        self.done = self.bytes.len() as u64 * 2;
                        self.phase = Phase::Check;
                    }
                    Err(()) => self.phase = Phase::Fallback,
                }
                self.working()
            }
            Phase::Check => {
                self.phase = Phase::Finished;
                match self.assemble() {
                    Some(b) => Step::Done(Box::new(check(b))),
                    None => Step::Done(Box::new(backup::parse(self.bytes))),
                }
            }
            Phase::Fallback => {
                self.phase = Phase::Finished;
                Step::Done(Box::new(backup::parse(self.bytes)))
            }
            Phase::Finished => Step::Done(Box::new(Err(vec![Problem::new("$", "the file was already read")]))),
        }
    }

    fn skip_ws(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Scans until about `budget` bytes are passed. `Ok(true)` when the whole file is split.
    fn scan_some(&mut self, budget: usize) -> Result<bool, ()> {
        let stop = self.pos.saturating_add(budget);
        loop {
            self.skip_ws();
            if self.scan == Scan::Trailing {
                return if self.pos == self.bytes.len() { Ok(true) } else { Err(()) };
            }
            if self.pos >= stop {
                return Ok(false);
            }
            let b = self.peek().ok_or(())?;
            self.scan = match (self.scan, b) {
                (Scan::Start, b'{') => {
                    self.pos += 1;
                    Scan::Key { first: true }
                }
                (Scan::Key { first: true }, b'}') => {
                    self.pos += 1;
                    Scan::Trailing
                }
                (Scan::Key { .. }, b'"') => self.field()?,
                (Scan::Item { first: true, .. }, b']') => {
                    self.pos += 1;
                    Scan::AfterField
                }
                (Scan::Item { list, .. }, _) => {
                    let r = skip_value(self.bytes, self.pos, 2)?;
                    self.pos = r.end;
                    self.items[list].push(r);
                    Scan::AfterItem { list }
                }
                (Scan::AfterItem { list }, b',') => {
                    self.pos += 1;
                    Scan::Item { list, first: false }
                }
                (Scan::AfterItem { .. }, b']') => {
                    self.pos += 1;
                    Scan::AfterField
                }
                (Scan::AfterField, b',') => {
                    self.pos += 1;
                    Scan::Key { first: false }
                }
                (Scan::AfterField, b'}') => {
                    self.pos += 1;
                    Scan::Trailing
                }
                _ => return Err(()),
            };
        }
    }

    /// A top-level `"key": value`; lists are entered, other values recorded whole.
    fn field(&mut self) -> Result<Scan, ()> {
        let key_range = skip_value(self.bytes, self.pos, 1)?;
        let key: String = serde_json::from_slice(&self.bytes[key_range.clone()]).map_err(|_| ())?;
        self.pos = key_range.end;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(());
        }
        self.pos += 1;
        self.skip_ws();
        // A key given twice is refused by `parse`; let it say so.
        if self.fields.iter().any(|(k, _)| *k == key) {
            return Err(());
        }
        if let Some(list) = LISTS.iter().position(|l| *l == key) {
            if self.seen_list[list] || self.peek() != Some(b'[') {
                return Err(());
            }
            self.seen_list[list] = true;
            self.pos += 1;
            return Ok(Scan::Item { list, first: true });
        }
        let r = skip_value(self.bytes, self.pos, 1)?;
        self.pos = r.end;
        self.fields.push((key, r));
        Ok(Scan::AfterField)
    }

    /// Decodes items from `(list, item)` on until about `budget` bytes are done. `Ok(None)`
    /// when every list is decoded, else where to go on.
    fn decode_some(&mut self, mut list: usize, mut item: usize, budget: usize) -> Result<Option<Phase>, ()> {
        let mut spent = 0usize;
        while list < LISTS.len() {
            while item < self.items[list].len() {
                if spent >= budget {
                    return Ok(Some(Phase::Decode { list, item }));
                }
                let r = self.items[list][item].clone();
                let bytes = &self.bytes[r.clone()];
                match list {
                    0 => self.decoded.tickets.push(decode(bytes)?),
                    1 => self.decoded.events.push(decode(bytes)?),
                    2 => self.decoded.articles.push(decode(bytes)?),
                    _ => self.decoded.revisions.push(decode(bytes)?),
                }
                spent += r.len();
                self.done += r.len() as u64;
                item += 1;
            }
            list += 1;
            item = 0;
        }
        Ok(None)
    }

    fn header<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        let (_, r) = self.fields.iter().find(|(k, _)| k == name)?;
        serde_json::from_slice(&self.bytes[r.clone()]).ok()
    }

    /// The backup if every field is there and this is the current version; `None` hands the
    /// file to `parse` (older versions are migrated there).
    fn assemble(&mut self) -> Option<Backup> {
        if !self.seen_list.iter().all(|s| *s) {
            return None;
        }
        // Unknown fields are ignored, but `parse` still refuses them when they are not JSON.
        let sound = |r: &Range<usize>| serde_json::from_slice::<serde::de::IgnoredAny>(&self.bytes[r.clone()]).is_ok();
        if !self.fields.iter().all(|(_, r)| sound(r)) {
            return None;
        }
        let format: String = self.header("format")?;
        let format_version: u32 = self.header("format_version")?;
        if format != FORMAT || format_version != FORMAT_VERSION {
            return None;
        }
        let d = std::mem::take(&mut self.decoded);
        Some(Backup {
            format,
            format_version,
            app_version: self.header("app_version")?,
            exported_at: self.header("exported_at")?,
            counts: self.header("counts")?,
            meta: self.header("meta")?,
            config: self.header("config")?,
            tickets: d.tickets,
            events: d.events,
            articles: d.articles,
            article_revisions: d.revisions,
        })
    }
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ()> {
    serde_json::from_slice(bytes).map_err(|_| ())
}

/// What `parse` does after reading a sound file of the current version.
fn check(mut b: Backup) -> Result<Backup, Vec<Problem>> {
    let problems = backup::validate(&b);
    if !problems.is_empty() {
        return Err(problems);
    }
    b.normalize();
    Ok(b)
}

/// The extent of the JSON value starting at `start` (its syntax inside is left to serde).
/// `depth` is how many brackets enclose it; deeper than [`MAX_DEPTH`] fails, as in `parse`.
fn skip_value(bytes: &[u8], start: usize, depth: usize) -> Result<Range<usize>, ()> {
    let first = *bytes.get(start).ok_or(())?;
    match first {
        b'"' => Ok(start..string_end(bytes, start + 1)?),
        b'{' | b'[' => {
            let mut level = 0usize;
            let mut i = start;
            while i < bytes.len() {
                match bytes[i] {
                    b'"' => {
                        i = string_end(bytes, i + 1)?;
                        continue;
                    }
                    b'{' | b'[' => {
                        level += 1;
                        if depth + level > MAX_DEPTH {
                            return Err(());
                        }
                    }
                    b'}' | b']' => {
                        level -= 1;
                        if level == 0 {
                            return Ok(start..i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            Err(())
        }
        b',' | b'}' | b']' | b':' => Err(()),
        _ => {
            let end = bytes[start..]
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                .map_or(bytes.len(), |n| start + n);
            Ok(start..end)
        }
    }
}

/// The index just past the closing quote of a string whose content starts at `from`.
fn string_end(bytes: &[u8], from: usize) -> Result<usize, ()> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err(())
}

#[cfg(test)]
mod tests;
