//! Ranking: BM25F per query word (its best-matching variant), phrases checked by position,
//! and a coverage factor so documents matching more of the query's words come first.

use std::collections::HashMap;

use super::postings::{self, FIELDS};
use super::query::{Group, Plan};
use super::{Filters, SearchIndex};

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Field weights: title, tags, summary, body.
const WEIGHTS: [f32; FIELDS] = [3.0, 2.5, 1.5, 1.0];

/// Per-query scratch, one entry per document slot.
struct Scratch {
    /// 0 not checked yet, 1 allowed, 2 filtered out.
    allowed: Vec<u8>,
    total: Vec<f32>,
    groups_hit: Vec<u8>,
    phrases_hit: Vec<u8>,
    /// Best variant score within the current group.
    best: Vec<f32>,
    stamp: Vec<u32>,
    group_touched: Vec<u32>,
    touched: Vec<u32>,
}

impl SearchIndex {
    /// The best `limit` (score, slot) pairs, best first.
    pub(super) fn rank(&self, plan: &mut Plan, filters: &Filters, limit: usize) -> Vec<(f32, u32)> {
        let n = self.docs.len();
        let mut s = Scratch {
            allowed: vec![0; n],
            total: vec![0.0; n],
            groups_hit: vec![0; n],
            phrases_hit: vec![0; n],
            best: vec![0.0; n],
            stamp: vec![0; n],
            group_touched: Vec::new(),
            touched: Vec::new(),
        };
        let avg = self.average_lengths();
        for g in 0..plan.groups.len() {
            let stamp = g as u32 + 1;
            match &plan.groups[g] {
                Group::Word { variants, retry } => {
                    self.score_variants(variants, filters, &avg, stamp, &mut s);
                    if let Some((term, budget)) = retry.clone().filter(|_| s.group_touched.is_empty()) {
                        let more = self.corrections(plan, g, &term, budget);
                        self.score_variants(&more, filters, &avg, stamp, &mut s);
                        if let Group::Word { variants, .. } = &mut plan.groups[g] {
                            variants.extend(more);
                        }
                    }
                }
                Group::Phrase(None) => return Vec::new(),
                Group::Phrase(Some(terms)) => {
                    let idf: f32 = terms.iter().filter_map(|t| self.terms.get(t.0 as usize)).map(|t| self.idf(t.df)).sum();
                    for (slot, tf) in self.phrase_matches(terms, filters, &mut s.allowed) {
                        let score = self.bm25f(idf, &tf, slot, &avg);
                        s.note(slot, score, stamp);
                        s.phrases_hit[slot as usize] += 1;
                    }
                }
            }
            s.end_group();
        }
        let groups = plan.groups.len() as f32;
        let phrases = plan.phrase_count() as u8;
        let mut ranked: Vec<(f32, u32)> = s
            .touched
            .iter()
            .filter(|&&slot| s.phrases_hit[slot as usize] == phrases)
            .map(|&slot| {
                let coverage = f32::from(s.groups_hit[slot as usize]) / groups;
                (s.total[slot as usize] * coverage * coverage, slot)
            })
            .collect();
        let by_rank = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then_with(|| self.id_of(a.1).cmp(self.id_of(b.1)));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit, by_rank);
            ranked.truncate(limit);
        }
        ranked.sort_by(by_rank);
        ranked
    }

    fn score_variants(&self, variants: &[(u32, f32)], filters: &Filters, avg: &[f32; FIELDS], stamp: u32, s: &mut Scratch) {
        for &(id, weight) in variants {
            let Some(term) = self.terms.get(id as usize) else {
                continue;
            };
            let idf = self.idf(term.df);
            for p in postings::iter(&term.postings) {
                if !self.allowed(p.slot, filters, &mut s.allowed) {
                    continue;
                }
                let score = weight * self.bm25f(idf, &p.tf, p.slot, avg);
                s.note(p.slot, score, stamp);
            }
        }
    }

    fn id_of(&self, slot: u32) -> &str {
        self.stored(slot).map_or("", |s| s.doc.id.as_str())
    }

    fn allowed(&self, slot: u32, filters: &Filters, cache: &mut [u8]) -> bool {
        let Some(c) = cache.get_mut(slot as usize) else {
            return false;
        };
        if *c == 0 {
            *c = match self.stored(slot) {
                Some(s) if filters.allows(&s.doc) => 1,
                _ => 2,
            };
        }
        *c == 1
    }

    fn average_lengths(&self) -> [f32; FIELDS] {
        let n = self.len().max(1) as f32;
        self.len_sum.map(|sum| if sum == 0 { 1.0 } else { sum as f32 / n })
    }

    fn idf(&self, df: u32) -> f32 {
        let n = self.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.01)
    }

    /// BM25F: field frequencies weighted and length-normalised per field, then saturated once.
    fn bm25f(&self, idf: f32, tf: &[u32; FIELDS], slot: u32, avg: &[f32; FIELDS]) -> f32 {
        let lens = self.stored(slot).map_or([0; FIELDS], |s| s.lens);
        let mut t = 0.0;
        for f in 0..FIELDS {
            if tf[f] > 0 {
                let norm = 1.0 - B + B * lens[f] as f32 / avg[f];
                t += WEIGHTS[f] * tf[f] as f32 / norm;
            }
        }
        idf * t * (K1 + 1.0) / (t + K1)
    }

    /// Documents where the phrase's terms appear at their offsets in one field, with the
    /// number of occurrences per field. Starts from the rarest term and narrows down.
    fn phrase_matches(&self, terms: &[(u32, u32)], filters: &Filters, allowed: &mut [u8]) -> Vec<(u32, [u32; FIELDS])> {
        let term = |id: u32| self.terms.get(id as usize);
        let Some(&(driver, driver_off)) = terms.iter().min_by_key(|t| term(t.0).map_or(0, |t| t.df)) else {
            return Vec::new();
        };
        let Some(dt) = term(driver) else {
            return Vec::new();
        };
        // Candidate phrase starts per document, as (field, position) sorted.
        let mut cand: HashMap<u32, Vec<(u8, u32)>> = HashMap::new();
        for p in postings::iter(&dt.postings) {
            if !self.allowed(p.slot, filters, allowed) {
                continue;
            }
            let starts = shifted(p.positions(&dt.postings), driver_off);
            if !starts.is_empty() {
                cand.insert(p.slot, starts);
            }
        }
        for &(id, off) in terms {
            if (id, off) == (driver, driver_off) || cand.is_empty() {
                continue;
            }
            let Some(t) = term(id) else {
                return Vec::new();
            };
            let mut next = HashMap::with_capacity(cand.len());
            for p in postings::iter(&t.postings) {
                if let Some(starts) = cand.get(&p.slot) {
                    let here = shifted(p.positions(&t.postings), off);
                    let both = intersect(starts, &here);
                    if !both.is_empty() {
                        next.insert(p.slot, both);
                    }
                }
            }
            cand = next;
        }
        cand.into_iter()
            .map(|(slot, starts)| {
                let mut tf = [0u32; FIELDS];
                for (f, _) in starts {
                    tf[usize::from(f).min(FIELDS - 1)] += 1;
                }
                (slot, tf)
            })
            .collect()
    }
}

impl Scratch {
    fn note(&mut self, slot: u32, score: f32, stamp: u32) {
        let i = slot as usize;
        if self.stamp[i] != stamp {
            self.stamp[i] = stamp;
            self.best[i] = score;
            self.group_touched.push(slot);
        } else if score > self.best[i] {
            self.best[i] = score;
        }
    }

    fn end_group(&mut self) {
        for slot in self.group_touched.drain(..) {
            let i = slot as usize;
            if self.groups_hit[i] == 0 {
                self.touched.push(slot);
            }
            self.groups_hit[i] = self.groups_hit[i].saturating_add(1);
            self.total[i] += self.best[i];
        }
    }
}

/// Positions moved back by `off` (where the phrase would start); those before it dropped.
fn shifted(positions: Vec<(u8, u32)>, off: u32) -> Vec<(u8, u32)> {
    positions.into_iter().filter(|p| p.1 >= off).map(|(f, p)| (f, p - off)).collect()
}

/// Common elements of two sorted lists.
fn intersect(a: &[(u8, u32)], b: &[(u8, u32)]) -> Vec<(u8, u32)> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Doc, Query};
    use super::*;

    fn doc(id: &str, title: &str, body: &str) -> Doc {
        Doc { id: id.into(), title: title.into(), body: body.into(), ..Doc::default() }
    }

    fn ids(ix: &SearchIndex, q: &str) -> Vec<String> {
        ix.search(&Query::new(q)).into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn title_matches_outrank_body_matches() {
        let ix = SearchIndex::build([
            doc("body", "Monitor flickers", "If the printer is also slow, check the cable."),
            doc("title", "Printer is slow", "Check the queue."),
        ]);
        assert_eq!(ids(&ix, "printer "), ["title", "body"]);
    }

    #[test]
    fn more_query_words_matched_ranks_higher() {
        let ix = SearchIndex::build([
            doc("one", "Password password password", "password everywhere"),
            doc("both", "Reset", "Reset your password here."),
        ]);
        assert_eq!(ids(&ix, "reset password "), ["both", "one"]);
    }

    #[test]
    fn phrases_need_the_words_in_order_and_in_one_field() {
        let ix = SearchIndex::build([
            doc("adjacent", "Help", "How to reset password quickly"),
            doc("gap", "Help", "Reset your password"),
            doc("reversed", "Help", "password reset"),
            doc("split", "Reset", "password"),
        ]);
        assert_eq!(ids(&ix, r#""reset password""#), ["adjacent"]);
        // Stopwords are not indexed but keep their place, so "your" must sit between the two.
        assert_eq!(ids(&ix, r#""reset your password""#), ["gap"]);
        assert_eq!(ids(&ix, r#"quickly "password reset""#), ["reversed"]);
        assert!(ids(&ix, r#""reset banana""#).is_empty());
    }

    #[test]
    fn exact_beats_prefix_beats_typo() {
        let ix = SearchIndex::build([doc("typo", "Made", "x"), doc("prefix", "Modem", "x"), doc("exact", "Mode", "x")]);
        // While typing, "mode" may be the start of "modem"; typos are not tried when it may.
        assert_eq!(ids(&ix, "mode"), ["exact", "prefix"]);
        let typing = ix.search(&Query::new("mode"));
        assert!(typing[0].score > typing[1].score);
        // A finished word: exact first, then the one-edit corrections "made" and "modem".
        let done = ix.search(&Query::new("mode "));
        assert_eq!(done.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["exact", "prefix", "typo"]);
        assert!(done[0].score > 1.5 * done[1].score);
        assert!(typing[1].score > done[1].score, "a prefix counts more than a typo");
    }

    #[test]
    fn scores_are_positive_and_sorted() {
        let ix = SearchIndex::build((0..30).map(|i| doc(&i.to_string(), "vpn", &"vpn ".repeat(i + 1))));
        let hits = ix.search(&Query { limit: 10, ..Query::new("vpn") });
        assert_eq!(hits.len(), 10);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(hits.iter().all(|h| h.score > 0.0));
    }

    #[test]
    fn intersect_and_shift() {
        assert_eq!(intersect(&[(0, 1), (3, 4), (3, 9)], &[(3, 4), (3, 9), (3, 10)]), [(3, 4), (3, 9)]);
        assert_eq!(shifted(vec![(0, 0), (0, 2), (3, 5)], 2), [(0, 0), (3, 3)]);
    }
}
