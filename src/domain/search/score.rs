//! Ranking: BM25F per query word (its best-matching variant), phrases checked by position,
//! and a coverage factor so documents matching more of the query's words come first.

use super::postings::{self, FIELDS};
use super::query::{Group, Plan};
use super::{Filters, SearchIndex};

const K1: f32 = 1.2;
const B: f32 = 0.75;
// Group stamps and hit counts are u8.
const _: () = assert!(super::query::MAX_GROUPS < u8::MAX as usize);

/// Field weights: title, tags, summary, body.
const WEIGHTS: [f32; FIELDS] = [3.0, 2.5, 1.5, 1.0];

struct Norms {
    /// `b / average field length`, per field.
    b_over_avg: [f32; FIELDS],
}

/// Per-query state of one document slot; one array of these keeps a posting's updates
/// within one cache line.
#[derive(Clone, Copy, Default)]
struct Slot {
    total: f32,
    /// Best variant score within the current group.
    best: f32,
    /// Group (+1) that last touched the slot (at most 32 groups).
    stamp: u8,
    groups_hit: u8,
    phrases_hit: u8,
    /// 0 not checked yet, 1 allowed, 2 filtered out.
    allowed: u8,
}

/// Per-query scratch.
struct Scratch {
    /// No filters: every document in a posting list is allowed (postings hold live ones only).
    unfiltered: bool,
    slots: Vec<Slot>,
    group_touched: Vec<u32>,
    touched: Vec<u32>,
}

impl SearchIndex {
    /// The best `limit` (score, slot) pairs, best first.
    pub(super) fn rank(&self, plan: &mut Plan, filters: &Filters, limit: usize) -> Vec<(f32, u32)> {
        let n = self.docs.len();
        let mut s = Scratch {
            unfiltered: filters.is_empty(),
            slots: vec![Slot::default(); n],
            group_touched: Vec::new(),
            touched: Vec::new(),
        };
        let norm = self.norms();
        for g in 0..plan.groups.len() {
            let stamp = g as u8 + 1;
            match &plan.groups[g] {
                Group::Word { variants, retry } => {
                    self.score_variants(variants, filters, &norm, stamp, &mut s);
                    if let Some((term, budget)) = retry.clone().filter(|_| s.group_touched.is_empty()) {
                        let more = self.corrections(plan, g, &term, budget);
                        self.score_variants(&more, filters, &norm, stamp, &mut s);
                        if let Group::Word { variants, .. } = &mut plan.groups[g] {
                            variants.extend(more);
                        }
                    }
                }
                Group::Phrase(None) => return Vec::new(),
                Group::Phrase(Some(terms)) => {
                    let idf: f32 = terms.iter().filter_map(|t| self.terms.get(t.0 as usize)).map(|t| self.idf(t.df)).sum();
                    for (slot, tf) in self.phrase_matches(terms, filters, &mut s) {
                        let score = self.bm25f(idf, &tf, slot, &norm);
                        s.note(slot, score, stamp);
                        if let Some(x) = s.slots.get_mut(slot as usize) {
                            x.phrases_hit = x.phrases_hit.saturating_add(1);
                        }
                    }
                }
            }
            s.end_group();
        }
        let groups = plan.groups.len() as f32;
        let phrases = plan.phrase_count() as u8;
        let mut top = TopK::new(limit);
        for &slot in &s.touched {
            let x = &s.slots[slot as usize];
            if x.phrases_hit == phrases {
                let coverage = f32::from(x.groups_hit) / groups;
                top.offer(x.total * coverage * coverage, slot);
            }
        }
        let mut ranked = top.into_vec();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| self.id_of(a.1).cmp(self.id_of(b.1))));
        ranked
    }

    fn score_variants(&self, variants: &[(u32, f32)], filters: &Filters, norm: &Norms, stamp: u8, s: &mut Scratch) {
        for &(id, weight) in variants {
            let Some(term) = self.terms.get(id as usize) else {
                continue;
            };
            let idf = self.idf(term.df);
            for p in postings::iter(&term.postings) {
                if !s.unfiltered && !self.allowed(p.slot, filters, &mut s.slots) {
                    continue;
                }
                let score = weight * self.bm25f(idf, &p.tf, p.slot, norm);
                s.note(p.slot, score, stamp);
            }
        }
    }

    fn id_of(&self, slot: u32) -> &str {
        self.stored(slot).map_or("", |d| d.id.as_str())
    }

    fn allowed(&self, slot: u32, filters: &Filters, slots: &mut [Slot]) -> bool {
        let Some(x) = slots.get_mut(slot as usize) else {
            return false;
        };
        if x.allowed == 0 {
            x.allowed = match self.stored(slot) {
                Some(d) if filters.allows(d) => 1,
                _ => 2,
            };
        }
        x.allowed == 1
    }

    /// Per-query constants of the length normalisation `1 - b + b * len / avg`.
    fn norms(&self) -> Norms {
        let n = self.len().max(1) as f32;
        let b_over_avg = self.len_sum.map(|sum| if sum == 0 { B } else { B * n / sum as f32 });
        Norms { b_over_avg }
    }

    fn idf(&self, df: u32) -> f32 {
        let n = self.len() as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.01)
    }

    /// BM25F: field frequencies weighted and length-normalised per field, then saturated once.
    #[inline]
    fn bm25f(&self, idf: f32, tf: &[u32; FIELDS], slot: u32, norm: &Norms) -> f32 {
        let lens = self.lens.get(slot as usize).copied().unwrap_or([0; FIELDS]);
        let mut t = 0.0;
        for f in 0..FIELDS {
            if tf[f] > 0 {
                t += WEIGHTS[f] * tf[f] as f32 / (1.0 - B + norm.b_over_avg[f] * lens[f] as f32);
            }
        }
        idf * (K1 + 1.0) * t / (t + K1)
    }

    /// Documents where the phrase's terms appear at their offsets in one field, with the
    /// number of occurrences per field. Starts from the rarest term and narrows down; the
    /// candidate phrase starts of all documents share one buffer.
    fn phrase_matches(&self, terms: &[(u32, u32)], filters: &Filters, s: &mut Scratch) -> Vec<(u32, [u32; FIELDS])> {
        let term = |id: u32| self.terms.get(id as usize);
        let Some(&(driver, driver_off)) = terms.iter().min_by_key(|t| term(t.0).map_or(0, |t| t.df)) else {
            return Vec::new();
        };
        let Some(dt) = term(driver) else {
            return Vec::new();
        };
        // cands[i] = (slot, start, len) into `pool`; index_of[slot] = i.
        let mut index_of = vec![u32::MAX; self.docs.len()];
        let mut cands: Vec<(u32, usize, usize)> = Vec::new();
        let mut pool: Vec<(u8, u32)> = Vec::new();
        for p in postings::iter(&dt.postings) {
            if !s.unfiltered && !self.allowed(p.slot, filters, &mut s.slots) {
                continue;
            }
            let start = pool.len();
            p.positions_into(&dt.postings, driver_off, &mut pool);
            if pool.len() > start {
                index_of[p.slot as usize] = cands.len() as u32;
                cands.push((p.slot, start, pool.len() - start));
            }
        }
        let (mut next_pool, mut next_cands) = (Vec::new(), Vec::new());
        for &(id, off) in terms {
            if (id, off) == (driver, driver_off) || cands.is_empty() {
                continue;
            }
            let Some(t) = term(id) else {
                return Vec::new();
            };
            next_pool.clear();
            next_cands.clear();
            for p in postings::iter(&t.postings) {
                let Some(&(slot, start, len)) = index_of.get(p.slot as usize).and_then(|&i| cands.get(i as usize)) else {
                    continue;
                };
                // Keep the candidate starts this term also has, merging as positions decode.
                let starts = &pool[start..start + len];
                let before = next_pool.len();
                let mut k = 0;
                p.each_position(&t.postings, off, |pos| {
                    while k < starts.len() && starts[k] < pos {
                        k += 1;
                    }
                    if k < starts.len() && starts[k] == pos {
                        next_pool.push(pos);
                        k += 1;
                    }
                    k < starts.len()
                });
                if next_pool.len() > before {
                    next_cands.push((slot, before, next_pool.len() - before));
                }
            }
            for c in &cands {
                index_of[c.0 as usize] = u32::MAX;
            }
            std::mem::swap(&mut pool, &mut next_pool);
            std::mem::swap(&mut cands, &mut next_cands);
            for (i, c) in cands.iter().enumerate() {
                index_of[c.0 as usize] = i as u32;
            }
        }
        cands
            .iter()
            .map(|&(slot, start, len)| {
                let mut tf = [0u32; FIELDS];
                for &(f, _) in &pool[start..start + len] {
                    tf[usize::from(f).min(FIELDS - 1)] += 1;
                }
                (slot, tf)
            })
            .collect()
    }
}

impl Scratch {
    #[inline]
    fn note(&mut self, slot: u32, score: f32, stamp: u8) {
        let Some(x) = self.slots.get_mut(slot as usize) else {
            return;
        };
        if x.stamp != stamp {
            x.stamp = stamp;
            x.best = score;
            self.group_touched.push(slot);
        } else if score > x.best {
            x.best = score;
        }
    }

    fn end_group(&mut self) {
        for slot in self.group_touched.drain(..) {
            let x = &mut self.slots[slot as usize];
            if x.groups_hit == 0 {
                self.touched.push(slot);
            }
            x.groups_hit = x.groups_hit.saturating_add(1);
            x.total += x.best;
        }
    }
}

/// The `k` best (score, slot) pairs seen, kept in a min-heap so most offers cost one compare.
/// Equal scores keep the lower slot, so the result does not depend on the offer order.
struct TopK {
    k: usize,
    heap: std::collections::BinaryHeap<Ranked>,
}

/// Ordered so the heap's top is the worst kept entry.
#[derive(PartialEq)]
struct Ranked(f32, u32);

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        other.0.total_cmp(&self.0).then(self.1.cmp(&other.1))
    }
}

impl TopK {
    fn new(k: usize) -> Self {
        TopK { k, heap: std::collections::BinaryHeap::with_capacity(k + 1) }
    }

    fn offer(&mut self, score: f32, slot: u32) {
        let r = Ranked(score, slot);
        if self.heap.len() < self.k {
            self.heap.push(r);
        } else if self.heap.peek().is_some_and(|worst| r < *worst) {
            self.heap.pop();
            self.heap.push(r);
        }
    }

    fn into_vec(self) -> Vec<(f32, u32)> {
        self.heap.into_iter().map(|r| (r.0, r.1)).collect()
    }
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
    fn top_k_keeps_the_best_and_breaks_ties_by_slot() {
        let mut top = TopK::new(3);
        for (score, slot) in [(1.0, 9), (5.0, 1), (3.0, 4), (5.0, 0), (0.5, 2), (3.0, 3), (4.0, 7)] {
            top.offer(score, slot);
        }
        let mut got = top.into_vec();
        got.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        assert_eq!(got, [(5.0, 0), (5.0, 1), (4.0, 7)]);
        let mut none = TopK::new(0);
        none.offer(1.0, 1);
        assert!(none.into_vec().is_empty());
    }

    #[test]
    fn phrases_match_at_every_occurrence_and_across_fields() {
        let ix = SearchIndex::build([
            doc("many", "reset password", "x reset password y reset password z password reset"),
            doc("edge", "password", "reset"),
            doc("three", "a", "please reset my password now: reset my password"),
        ]);
        assert_eq!(ids(&ix, r#""reset password""#), ["many"]);
        assert_eq!(ids(&ix, r#""reset my password""#), ["three"]);
        // Title and body both count, so "many" scores its phrase in both fields.
        let p = ix.plan(r#""reset password""#);
        let Some(Group::Phrase(Some(terms))) = p.groups.first() else {
            panic!("expected a phrase");
        };
        let mut s = Scratch { unfiltered: true, slots: vec![Slot::default(); 3], group_touched: Vec::new(), touched: Vec::new() };
        let got = ix.phrase_matches(terms, &Filters::default(), &mut s);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, [1, 0, 0, 2]);
    }
}
