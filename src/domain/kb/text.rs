//! Small text helpers for the knowledge base: ids from titles, heading anchors, highlight
//! segments from byte ranges, and the fingerprint that tells a stored search index apart from
//! a stale one.

use std::collections::HashMap;

use crate::domain::article::Article;

/// Longest id made from a title, in bytes (ASCII).
const MAX_SLUG: usize = 60;

/// A readable id from a title: lowercase ASCII letters and digits joined by dashes. Letters
/// with accents lose them (ä -> a); other scripts give no letters, then the id is "article".
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in title.replace('ß', "ss").chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            let sep = dash && !out.is_empty();
            if out.len() + usize::from(sep) + 1 > MAX_SLUG {
                break;
            }
            if sep {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        "article".into()
    } else {
        out
    }
}

fn fold(c: char) -> char {
    match c {
        'ä' | 'à' | 'á' | 'â' | 'ã' | 'å' | 'Ä' | 'À' | 'Á' | 'Â' => 'a',
        'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'Ö' | 'Ó' | 'Ô' => 'o',
        'ü' | 'ù' | 'ú' | 'û' | 'Ü' | 'Ú' => 'u',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

/// `slug(title)`, or with "-2", "-3", ... appended when `taken` says the id is in use.
pub fn unique_id(title: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = slug(title);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// Heading ids for one rendered document: slugs of the heading text, numbered when repeated,
/// behind a prefix so they cannot clash with the page's own element ids.
#[derive(Debug, Default)]
pub struct Anchors {
    prefix: String,
    seen: HashMap<String, usize>,
}

impl Anchors {
    pub fn new(prefix: &str) -> Self {
        Anchors { prefix: prefix.to_string(), seen: HashMap::new() }
    }

    /// The id for a heading with this text.
    pub fn next(&mut self, heading: &str) -> String {
        let base = slug_keep_unicode(heading);
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            format!("{}{base}", self.prefix)
        } else {
            format!("{}{base}-{n}", self.prefix)
        }
    }

    /// The element id a `#fragment` link in the same document points to.
    pub fn target(&self, fragment: &str) -> String {
        format!("{}{}", self.prefix, fragment.trim_start_matches('#'))
    }
}

/// Like `slug`, but letters of any script stay (anchors of Chinese headings stay readable).
fn slug_keep_unicode(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= MAX_SLUG {
            break;
        }
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

/// Cuts `text` into (piece, highlighted) runs for byte `ranges`. Ranges may come unsorted,
/// overlapping, out of bounds or inside a character: they are clamped, widened to character
/// boundaries and merged, so slicing never panics.
pub fn highlight_segments<'a>(text: &'a str, ranges: &[(usize, usize)]) -> Vec<(&'a str, bool)> {
    let mut spans: Vec<(usize, usize)> = ranges
        .iter()
        .map(|&(s, e)| (floor_boundary(text, s.min(text.len())), ceil_boundary(text, e.min(text.len()))))
        .filter(|(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = Vec::with_capacity(merged.len() * 2 + 1);
    let mut at = 0;
    for (s, e) in merged {
        if s > at {
            out.push((&text[at..s], false));
        }
        out.push((&text[s..e], true));
        at = e;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Changes whenever an article is added, removed or revised: "count-hash" over (id, rev,
/// update time), order-independent. Views and votes do not change it (the index does not
/// hold them). Stored beside the search index; a mismatch on load means "rebuild".
pub fn fingerprint<'a>(articles: impl IntoIterator<Item = &'a Article>) -> String {
    let mut keys: Vec<(&str, u32, i64)> = articles.into_iter().map(|a| (a.id.as_str(), a.rev, a.updated_at.timestamp_millis())).collect();
    keys.sort_unstable();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    // Bumped when what goes into the index changes (e.g. how Markdown becomes plain text).
    eat(b"kb-index-1");
    for (id, rev, at) in &keys {
        eat(id.as_bytes());
        eat(&[0]);
        eat(&rev.to_le_bytes());
        eat(&at.to_le_bytes());
    }
    format!("{}-{h:016x}", keys.len())
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(slug("Reset your password"), "reset-your-password");
        assert_eq!(slug("  VPN: “gateway” unreachable?! "), "vpn-gateway-unreachable");
        assert_eq!(slug("Passwort zurücksetzen (Größe)"), "passwort-zurucksetzen-grosse");
        assert_eq!(slug("重置密码"), "article");
        let long = slug(&"word ".repeat(40));
        // "word" + 11 × "-word" = 59 bytes; the next "-w" would pass 60.
        assert_eq!(long.len(), 59);
        assert!(long.starts_with("word-word-") && !long.ends_with('-'));
    }

    #[test]
    fn unique_ids_count_up() {
        let taken = ["vpn", "vpn-2"];
        assert_eq!(unique_id("VPN", |id| taken.contains(&id)), "vpn-3");
        assert_eq!(unique_id("Printer", |id| taken.contains(&id)), "printer");
    }

    #[test]
    fn anchors_are_prefixed_and_numbered() {
        let mut a = Anchors::new("kb-");
        assert_eq!(a.next("Before you start"), "kb-before-you-start");
        assert_eq!(a.next("Steps"), "kb-steps");
        assert_eq!(a.next("Steps"), "kb-steps-2");
        assert_eq!(a.next("步骤"), "kb-步骤");
        assert_eq!(a.next("!!!"), "kb-section");
        assert_eq!(a.target("#steps"), "kb-steps");
    }

    #[test]
    fn highlight_segments_cover_the_text_once() {
        let text = "Reset the printer";
        assert_eq!(highlight_segments(text, &[(10, 17), (0, 5)]), [("Reset", true), (" the ", false), ("printer", true)]);
        assert_eq!(highlight_segments(text, &[]), [(text, false)]);
        // Overlaps merge; out-of-range ends are clamped.
        assert_eq!(highlight_segments(text, &[(0, 3), (2, 5), (16, 99)]), [("Reset", true), (" the printe", false), ("r", true)]);
        assert!(highlight_segments("", &[(0, 4)]).is_empty());
    }

    #[test]
    fn highlight_segments_respect_character_boundaries() {
        // "ü" is two bytes (1..3), "密" three (5..8): ranges inside them widen.
        let text = "Tür 密码";
        let got = highlight_segments(text, &[(2, 3), (6, 7)]);
        assert_eq!(got, [("T", false), ("ü", true), ("r ", false), ("密", true), ("码", false)]);
        let joined: String = got.iter().map(|(s, _)| *s).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn fingerprint_follows_ids_and_revisions_not_order_or_views() {
        let t = Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).single().unwrap_or_default();
        let art = |id: &str, rev: u32| Article {
            id: id.into(),
            rev,
            title: id.into(),
            summary: String::new(),
            body: String::new(),
            category: String::new(),
            tags: vec![],
            audience: Default::default(),
            language: "en".into(),
            author: String::new(),
            created_at: t,
            updated_at: t,
            views: 0,
            helpful_yes: 0,
            helpful_no: 0,
        };
        let a = [art("a", 1), art("b", 2)];
        let b = [art("b", 2), art("a", 1)];
        assert_eq!(fingerprint(&a), fingerprint(&b));
        assert!(fingerprint(&a).starts_with("2-"));
        let mut viewed = a.clone();
        viewed[0].views = 99;
        assert_eq!(fingerprint(&a), fingerprint(&viewed));
        assert_ne!(fingerprint(&a), fingerprint(&[art("a", 2), art("b", 2)]));
        assert_ne!(fingerprint(&a), fingerprint(&a[..1]));
        assert!(fingerprint(&[]).starts_with("0-"));
    }
}
