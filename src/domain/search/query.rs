//! From query text to a plan: for each query word, the dictionary terms it may match and how
//! much each counts (exact 1.0, finished stem 0.9, prefix 0.6-0.9, one typo 0.5, two 0.3);
//! for each quoted phrase, its terms and their offsets.

use std::collections::HashMap;

use super::fuzzy::Scanner;
use super::tokenize::{tokens, Kind, Mode, Token};
use super::SearchIndex;

/// Longest query taken into account, in words; the rest of a pasted paragraph is ignored.
pub(super) const MAX_GROUPS: usize = 32;
/// Most dictionary terms one prefix may expand to (the most frequent are kept).
const MAX_PREFIX_TERMS: usize = 16;
/// Most corrections one misspelled word may expand to (closest, then most frequent).
const MAX_FUZZY_TERMS: usize = 3;
/// Most postings the expansions of one word may bring in (at least one term is always
/// kept): bounds the time a short prefix or a correction to a common word can cost.
const EXPANSION_POSTINGS: u32 = 12_000;
/// A word found in at least this many documents is taken as meant and only corrected when
/// none of those documents passes the filters.
const TRUSTED_DF: u32 = 2;

pub(super) const W_EXACT: f32 = 1.0;
const W_STEM: f32 = 0.9;
const W_FUZZY: [f32; 3] = [1.0, 0.5, 0.3];
/// Endings the stemmer removes: "printi" can still become "printing", stored as "print".
const STEM_ENDINGS: &[&str] = &["ing", "ed", "es", "s", "e", "ies"];

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Group {
    /// Any of these terms (term id, weight); a document scores its best one. `retry` is a word
    /// to correct (with its edit budget) if the variants match nothing that passes the filters.
    Word { variants: Vec<(u32, f32)>, retry: Option<(String, usize)> },
    /// All of these terms (term id, offset from the first) in a row. `None` if a term is not
    /// in the index at all, so nothing can match.
    Phrase(Option<Vec<(u32, u32)>>),
}

#[derive(Debug, Default)]
pub(super) struct Plan {
    pub groups: Vec<Group>,
    /// Every term a group may match, with the first group it belongs to: for highlighting.
    pub highlight: HashMap<String, usize>,
}

impl Plan {
    pub fn phrase_count(&self) -> usize {
        self.groups.iter().filter(|g| matches!(g, Group::Phrase(_))).count()
    }
}

/// Query text split at double quotes: (is a closed phrase, text).
fn segments(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['"', '“', '”', '„']) {
        let q = rest[open..].chars().next().map_or(1, char::len_utf8);
        let after = &rest[open + q..];
        match after.find(['"', '“', '”']) {
            Some(close) => {
                out.push((false, &rest[..open]));
                out.push((true, &after[..close]));
                let cq = after[close..].chars().next().map_or(1, char::len_utf8);
                rest = &after[close + cq..];
            }
            None => {
                // An unclosed quote while typing: read the rest as free words.
                out.push((false, &rest[..open]));
                rest = after;
                break;
            }
        }
    }
    out.push((false, rest));
    out.retain(|(_, s)| !s.trim().is_empty());
    out
}

impl SearchIndex {
    pub(super) fn plan(&self, text: &str) -> Plan {
        let mut plan = Plan::default();
        let segs = segments(text);
        let typing = !text.ends_with(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '”'));
        let mut seen = std::collections::HashSet::new();
        for (k, &(phrase, seg)) in segs.iter().enumerate() {
            if phrase {
                self.add_phrase(&mut plan, &tokens(seg, Mode::Phrase));
                continue;
            }
            let toks = tokens(seg, Mode::Query);
            let last = toks.len().wrapping_sub(1);
            let is_last_seg = k + 1 == segs.len();
            for (i, t) in toks.iter().enumerate() {
                let prefix = typing && is_last_seg && i == last && t.kind != Kind::Cjk;
                if t.stop && !prefix {
                    continue;
                }
                let fresh = prefix || seen.insert(t.term.clone());
                if fresh && plan.groups.len() < MAX_GROUPS {
                    self.add_word(&mut plan, t, prefix);
                }
            }
        }
        plan
    }

    fn add_phrase(&self, plan: &mut Plan, toks: &[Token]) {
        let words: Vec<&Token> = toks.iter().filter(|t| !t.stop).collect();
        let Some(first) = words.first() else {
            return;
        };
        if plan.groups.len() >= MAX_GROUPS {
            return;
        }
        let g = plan.groups.len();
        let mut terms = Vec::new();
        for t in &words {
            plan.highlight.entry(t.term.clone()).or_insert(g);
            match self.ids.get(t.term.as_str()) {
                Some(&id) => terms.push((id, t.pos - first.pos)),
                None => {
                    plan.groups.push(Group::Phrase(None));
                    return;
                }
            }
        }
        plan.groups.push(Group::Phrase(Some(terms)));
    }

    fn add_word(&self, plan: &mut Plan, t: &Token, prefix: bool) {
        let mut variants: Vec<(u32, f32, &str)> = Vec::new();
        let exact = self.dict.get_key_value(t.term.as_str());
        if let Some((k, &id)) = exact.filter(|_| !t.stop) {
            variants.push((id, W_EXACT, k));
        }
        let mut found_prefix = false;
        if prefix {
            found_prefix = self.prefix_variants(t, &mut variants);
        }
        let exact_df = exact.map_or(0, |(_, &id)| self.terms[id as usize].df);
        let letters = t.term.chars().count();
        let correctable = t.kind != Kind::Cjk && !t.stop && letters >= 4 && !t.term.bytes().any(|b| b.is_ascii_digit());
        let budget = if letters >= 8 { 2 } else { 1 };
        let mut retry = None;
        if correctable && !found_prefix {
            if exact_df < TRUSTED_DF {
                self.fuzzy_variants(&t.term, budget, &mut variants);
            } else {
                retry = Some((t.term.clone(), budget));
            }
        }
        // A term reached two ways keeps its best weight.
        variants.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        variants.dedup_by_key(|v| v.0);
        let g = plan.groups.len();
        for (_, _, term) in &variants {
            plan.highlight.entry((*term).to_string()).or_insert(g);
        }
        // The word as typed is highlighted even when nothing matched it, for consistency.
        if !t.stop {
            plan.highlight.entry(t.term.clone()).or_insert(g);
        }
        let variants = variants.into_iter().map(|(id, w, _)| (id, w)).collect();
        plan.groups.push(Group::Word { variants, retry });
    }

    /// Corrections of `term` for group `g`, added to the plan's highlights; for words that
    /// were trusted as typed but matched nothing within the filters.
    pub(super) fn corrections(&self, plan: &mut Plan, g: usize, term: &str, budget: usize) -> Vec<(u32, f32)> {
        let mut found = Vec::new();
        self.fuzzy_variants(term, budget, &mut found);
        for (_, _, k) in &found {
            plan.highlight.entry((*k).to_string()).or_insert(g);
        }
        found.into_iter().map(|(id, w, _)| (id, w)).collect()
    }

    /// Terms the last word may be the start of. True when any was found.
    fn prefix_variants<'a>(&'a self, t: &Token, out: &mut Vec<(u32, f32, &'a str)>) -> bool {
        let raw = t.raw.as_str();
        let typed = raw.chars().count() as f32;
        let mut found: Vec<(&str, u32, u32)> = self
            .dict
            .range::<str, _>((std::ops::Bound::Included(raw), std::ops::Bound::Unbounded))
            .take_while(|(k, _)| k.starts_with(raw))
            .filter(|(k, _)| &***k != t.term.as_str())
            .map(|(k, &id)| (&**k, id, self.terms[id as usize].df))
            .collect();
        let any = !found.is_empty();
        if found.len() > MAX_PREFIX_TERMS {
            found.select_nth_unstable_by(MAX_PREFIX_TERMS, |a, b| b.2.cmp(&a.2));
            found.truncate(MAX_PREFIX_TERMS);
        }
        found.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
        within_budget(&mut found, |f| f.2);
        for (k, id, _) in found {
            let full = k.chars().count().max(1) as f32;
            out.push((id, 0.6 + 0.3 * (typed / full).min(1.0), k));
        }
        // "printi" is on its way to "printing", which is stored as "print".
        let mut stem_hit = false;
        for cut in 1..=3.min(raw.len()) {
            let Some(base) = raw.get(..raw.len() - cut) else {
                continue;
            };
            let ending = &raw[raw.len() - cut..];
            if base.len() < 3 || !STEM_ENDINGS.iter().any(|e| e.starts_with(ending)) {
                continue;
            }
            if let Some((k, &id)) = self.dict.get_key_value(base).filter(|(k, _)| &***k != t.term.as_str()) {
                out.push((id, W_STEM, k));
                stem_hit = true;
            }
        }
        any || stem_hit
    }

    /// Dictionary terms within `max` edits of `term` that share its first letter, or start
    /// with its first two letters swapped.
    fn fuzzy_variants<'a>(&'a self, term: &str, max: usize, out: &mut Vec<(u32, f32, &'a str)>) {
        let mut chars = term.chars();
        let (Some(a), b) = (chars.next(), chars.next()) else {
            return;
        };
        let mut slices = vec![a.to_string()];
        if let Some(b) = b.filter(|&b| b != a) {
            slices.push([b, a].iter().collect());
        }
        let mut found: Vec<(usize, u32, u32, &str)> = Vec::new();
        for lo in &slices {
            let mut scan = Scanner::new(term, max);
            let range = self.dict.range::<str, _>((std::ops::Bound::Included(lo.as_str()), std::ops::Bound::Unbounded));
            let lo = lo.as_bytes();
            for (k, &id) in range {
                let kb = k.as_bytes();
                if kb.len() < lo.len() || kb.iter().zip(lo).any(|(a, b)| a != b) {
                    break;
                }
                if kb.len().abs_diff(term.len()) > max * 4 {
                    continue;
                }
                if let Some(d) = scan.distance(k).filter(|&d| d > 0) {
                    found.push((d, id, self.terms[id as usize].df, k));
                }
            }
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)).then(a.3.cmp(b.3)));
        found.dedup_by_key(|f| f.1);
        found.truncate(MAX_FUZZY_TERMS);
        within_budget(&mut found, |f| f.2);
        for (d, id, _, k) in found {
            out.push((id, W_FUZZY[d.min(2)], k));
        }
    }
}

/// Keeps the leading items whose document frequencies add up to the budget (at least one).
fn within_budget<T>(items: &mut Vec<T>, df: impl Fn(&T) -> u32) {
    let mut sum = 0u32;
    let keep = items
        .iter()
        .position(|it| {
            sum = sum.saturating_add(df(it));
            sum > EXPANSION_POSTINGS
        })
        .map_or(items.len(), |i| i.max(1));
    items.truncate(keep);
}

#[cfg(test)]
mod tests {
    use super::super::Doc;
    use super::*;

    fn index(words: &[&str]) -> SearchIndex {
        SearchIndex::build(words.iter().enumerate().map(|(i, w)| Doc {
            id: i.to_string(),
            body: (*w).to_string(),
            ..Doc::default()
        }))
    }

    fn variant_terms(ix: &SearchIndex, g: &Group) -> Vec<(String, f32)> {
        let Group::Word { variants: v, .. } = g else {
            return Vec::new();
        };
        let name = |id: u32| ix.dict.iter().find(|(_, &i)| i == id).map(|(k, _)| k.to_string()).unwrap_or_default();
        let mut out: Vec<(String, f32)> = v.iter().map(|&(id, w)| (name(id), (w * 100.0).round() / 100.0)).collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn splits_quoted_phrases() {
        assert_eq!(segments(r#"vpn "reset password" now"#), [(false, "vpn "), (true, "reset password"), (false, " now")]);
        assert_eq!(segments(r#""a b"#), [(false, "a b")]);
        assert_eq!(segments("„Drucker einrichten“"), [(true, "Drucker einrichten")]);
    }

    #[test]
    fn last_word_is_a_prefix_only_while_typing() {
        let ix = index(&["printer", "printing", "print", "private"]);
        let typing = ix.plan("pri");
        assert_eq!(variant_terms(&ix, &typing.groups[0]), [("print".into(), 0.78), ("printer".into(), 0.73), ("privat".into(), 0.75)]);
        let done = ix.plan("pri ");
        assert_eq!(variant_terms(&ix, &done.groups[0]), []);
        let stem = ix.plan("printi");
        assert_eq!(variant_terms(&ix, &stem.groups[0]), [("print".into(), 0.9)]);
    }

    #[test]
    fn typos_expand_unless_the_word_is_common() {
        let ix = index(&["password reset", "password expired", "passport photo"]);
        assert_eq!(variant_terms(&ix, &ix.plan("pasword ").groups[0]), [("password".into(), 0.5)]);
        // "password" is in two documents: taken as meant, not "corrected" to anything.
        assert_eq!(variant_terms(&ix, &ix.plan("password ").groups[0]), [("password".into(), 1.0)]);
        // Three letters are too short to correct.
        assert_eq!(variant_terms(&ix, &ix.plan("pas ").groups[0]), []);
    }

    #[test]
    fn typos_in_the_first_letters() {
        let ix = index(&["printer", "router"]);
        // A swap of the first two letters is found; another first letter is not.
        assert_eq!(variant_terms(&ix, &ix.plan("rpinter ").groups[0]), [("printer".into(), 0.5)]);
        assert_eq!(variant_terms(&ix, &ix.plan("brinter ").groups[0]), []);
        assert_eq!(variant_terms(&ix, &ix.plan("ruoter ").groups[0]), [("router".into(), 0.5)]);
    }

    #[test]
    fn phrases_keep_offsets_and_fail_on_unknown_terms() {
        let ix = index(&["reset the password now"]);
        let p = ix.plan(r#""reset the password""#);
        let Group::Phrase(Some(terms)) = &p.groups[0] else {
            panic!("expected a phrase, got {:?}", p.groups);
        };
        assert_eq!(terms.iter().map(|t| t.1).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(ix.plan(r#""reset the banana""#).groups, [Group::Phrase(None)]);
        assert!(ix.plan(r#""the""#).groups.is_empty());
    }

    #[test]
    fn repeated_words_count_once_and_long_queries_are_capped() {
        let ix = index(&["vpn"]);
        assert_eq!(ix.plan("vpn vpn vpn ").groups.len(), 1);
        let long = (0..100).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        assert_eq!(ix.plan(&long).groups.len(), MAX_GROUPS);
    }
}
