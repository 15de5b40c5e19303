//! Hits for display: highlight ranges in the title and a snippet of the body around the
//! densest cluster of matched words. Ranges are byte offsets; the UI turns them into `<mark>`
//! elements, so no markup is ever built as a string here.

use super::query::Plan;
use super::tokenize::{tokenize_filtered, Firsts};
use super::{Hit, SearchIndex};

/// Snippet length in characters (without the ellipses).
pub const SNIPPET_CHARS: usize = 160;
/// Characters shown before the first match of the chosen cluster.
const LEAD_CHARS: usize = 40;
const ELLIPSIS: &str = "…";

/// A matched word: byte range and the query group it answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mark {
    start: usize,
    end: usize,
    group: usize,
}

impl SearchIndex {
    pub(super) fn hit(&self, slot: u32, score: f32, plan: &Plan) -> Option<Hit> {
        let doc = self.stored(slot)?;
        let title_highlights = merge(marks(&doc.title, plan));
        let body_marks = marks(&doc.body, plan);
        let (source, found) = if !body_marks.is_empty() || doc.summary.is_empty() {
            (doc.body.as_str(), body_marks)
        } else {
            (doc.summary.as_str(), marks(&doc.summary, plan))
        };
        let (snippet, snippet_highlights) = snippet(source, &found);
        Some(Hit { id: doc.id.clone(), score, title: doc.title.clone(), title_highlights, snippet, snippet_highlights })
    }
}

/// Tokens of `text` that the plan looks for. Words are only normalized and stemmed when
/// their first letter starts some highlighted term, which skips most of a long body.
fn marks(text: &str, plan: &Plan) -> Vec<Mark> {
    let mut out = Vec::new();
    if plan.highlight.is_empty() {
        return out;
    }
    let want = Firsts::new(plan.highlight.keys().filter_map(|k| k.chars().next()));
    tokenize_filtered(text, &want, &mut |t| {
        if let Some(&group) = plan.highlight.get(t.term) {
            out.push(Mark { start: t.start, end: t.end, group });
        }
    });
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// Sorted, non-overlapping ranges; touching ones joined.
fn merge(marks: Vec<Mark>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for m in marks {
        match out.last_mut() {
            Some(last) if m.start <= last.1 => last.1 = last.1.max(m.end),
            _ => out.push((m.start, m.end)),
        }
    }
    out
}

/// The snippet text and its highlight ranges. `text` has its whitespace collapsed.
fn snippet(text: &str, marks: &[Mark]) -> (String, Vec<(usize, usize)>) {
    let (start, end) = window(text, marks);
    let mut s = String::new();
    let lead = if start > 0 { ELLIPSIS } else { "" };
    s.push_str(lead);
    s.push_str(&text[start..end]);
    if end < text.len() {
        s.push_str(ELLIPSIS);
    }
    let inside: Vec<Mark> = marks
        .iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| Mark { start: m.start - start + lead.len(), end: m.end - start + lead.len(), group: m.group })
        .collect();
    (s, merge(inside))
}

/// Byte range of the window: about `SNIPPET_CHARS` characters, starting a little before the
/// cluster that covers the most different query words (then the most matches), cut at spaces.
fn window(text: &str, marks: &[Mark]) -> (usize, usize) {
    if text.chars().count() <= SNIPPET_CHARS {
        return (0, text.len());
    }
    let anchor = best_cluster(text, marks).map_or(0, |i| marks[i].start);
    let mut start = back_chars(text, anchor, LEAD_CHARS);
    // Do not open mid-word: skip to the next space if there is one before the anchor.
    if start > 0 && !text[..start].ends_with(' ') {
        if let Some(sp) = text[start..anchor].find(' ') {
            start += sp + 1;
        }
    }
    let mut end = forward_chars(text, start, SNIPPET_CHARS);
    if end < text.len() && !text[end..].starts_with(' ') {
        if let Some(sp) = text[anchor..end].rfind(' ') {
            end = anchor + sp;
        }
    }
    // If the window reaches the end, pull the start back to fill it.
    if end == text.len() {
        let fill = back_chars(text, end, SNIPPET_CHARS);
        if fill < start {
            start = match text[fill..].find(' ') {
                Some(sp) if fill > 0 && fill + sp < start => fill + sp + 1,
                _ => fill,
            };
        }
    }
    (start, end.max(start))
}

/// Index of the mark that starts the best cluster within one window's length.
fn best_cluster(text: &str, marks: &[Mark]) -> Option<usize> {
    if marks.is_empty() {
        return None;
    }
    // Character offset of each mark, so the window is measured in characters.
    let mut char_at = Vec::with_capacity(marks.len());
    let (mut chars, mut byte) = (0usize, 0usize);
    for m in marks {
        chars += text[byte..m.start].chars().count();
        byte = m.start;
        char_at.push(chars);
    }
    let span = SNIPPET_CHARS - LEAD_CHARS;
    let mut best = (0usize, 0usize, 0usize); // (distinct groups, matches, index)
    let mut j = 0;
    let mut groups: Vec<usize> = Vec::new();
    for i in 0..marks.len() {
        j = j.max(i);
        while j < marks.len() && char_at[j] - char_at[i] <= span {
            j += 1;
        }
        groups.clear();
        groups.extend(marks[i..j].iter().map(|m| m.group));
        groups.sort_unstable();
        groups.dedup();
        let key = (groups.len(), j - i, usize::MAX - i);
        if key > (best.0, best.1, usize::MAX - best.2) {
            best = (groups.len(), j - i, i);
        }
    }
    Some(best.2)
}

fn back_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from].char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..].char_indices().nth(n).map_or(text.len(), |(i, _)| from + i)
}

#[cfg(test)]
mod tests {
    use super::super::{Doc, Query};
    use super::*;

    fn marked(s: &str, ranges: &[(usize, usize)]) -> Vec<String> {
        ranges.iter().map(|&(a, b)| s[a..b].to_string()).collect()
    }

    fn search(docs: Vec<Doc>, q: &str) -> Hit {
        let ix = SearchIndex::build(docs);
        ix.search(&Query::new(q)).into_iter().next().expect("a hit")
    }

    #[test]
    fn short_bodies_are_shown_whole_with_marks() {
        let hit = search(
            vec![Doc {
                id: "1".into(),
                title: "Reset your Password".into(),
                body: "Passwords expire after 90 days. Reset it in the portal.".into(),
                ..Doc::default()
            }],
            "password reset ",
        );
        assert_eq!(marked(&hit.title, &hit.title_highlights), ["Reset", "Password"]);
        assert_eq!(hit.snippet, "Passwords expire after 90 days. Reset it in the portal.");
        assert_eq!(marked(&hit.snippet, &hit.snippet_highlights), ["Passwords", "Reset"]);
    }

    #[test]
    fn long_bodies_are_cut_around_the_best_cluster() {
        let filler = "Lorem ipsum dolor sit amet consectetur. ".repeat(20);
        let body = format!("{filler}Printer once. {filler}Connect the printer to the VPN before printing. {filler}");
        let hit = search(vec![Doc { id: "1".into(), title: "T".into(), body, ..Doc::default() }], "printer vpn ");
        assert!(hit.snippet.starts_with('…') && hit.snippet.ends_with('…'), "{}", hit.snippet);
        assert!(hit.snippet.contains("Connect the printer to the VPN"), "{}", hit.snippet);
        assert!(hit.snippet.chars().count() <= SNIPPET_CHARS + 2);
        assert_eq!(marked(&hit.snippet, &hit.snippet_highlights), ["printer", "VPN"]);
        // Opens and closes on whole words.
        let inner = hit.snippet.trim_matches('…');
        assert!(!inner.starts_with(' ') && !inner.ends_with(' '), "{inner:?}");
        assert!(filler.contains(inner.split("Connect").next().unwrap_or("")));
    }

    #[test]
    fn falls_back_to_the_summary_then_the_start_of_the_body() {
        let d = Doc { id: "1".into(), title: "VPN".into(), summary: "Connect to the VPN".into(), body: "Body text.".into(), ..Doc::default() };
        let hit = search(vec![d.clone()], "vpn");
        assert_eq!(hit.snippet, "Connect to the VPN");
        assert_eq!(marked(&hit.snippet, &hit.snippet_highlights), ["VPN"]);
        let hit = search(vec![Doc { summary: String::new(), ..d }], "vpn");
        assert_eq!(hit.snippet, "Body text.");
        assert!(hit.snippet_highlights.is_empty());
    }

    #[test]
    fn cjk_and_compound_marks_are_merged() {
        let hit = search(
            vec![Doc { id: "1".into(), title: "重置密码".into(), body: "Send an e-mail".into(), ..Doc::default() }],
            "密码 email",
        );
        assert_eq!(marked(&hit.title, &hit.title_highlights), ["密码"]);
        assert_eq!(marked(&hit.snippet, &hit.snippet_highlights), ["e-mail"]);
    }

    #[test]
    fn windows_stay_on_char_boundaries() {
        let body = "ü".repeat(300) + " drucker " + &"ß".repeat(300);
        let hit = search(vec![Doc { id: "1".into(), title: "x".into(), body, ..Doc::default() }], "drucker");
        assert!(hit.snippet.contains("drucker"));
        assert_eq!(marked(&hit.snippet, &hit.snippet_highlights), ["drucker"]);
    }
}
