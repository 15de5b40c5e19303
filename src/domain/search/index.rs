//! Adding and removing one document: tokenize its fields, append or cut one posting per term.
//!
//! Removal re-tokenizes the stored text instead of keeping a per-document term list, which
//! saves memory; that is why stored indexes carry the tokenizer version.

use super::fxhash::FxMap;
use super::postings::{self, BODY, FIELDS, SUMMARY, TAGS, TITLE};
use super::tokenize::{tokenize, Mode};
use super::{Doc, SearchIndex, Term};

/// One indexed token: (term id, field, position).
type Hit = (u32, u8, u32);

/// The indexed tokens of a document, sorted by term, field and position, and each field's
/// length in positions. `term_id` names each term (creating it when indexing; `None` skips it).
pub(super) fn analyze(doc: &Doc, mut term_id: impl FnMut(&str) -> Option<u32>) -> (Vec<Hit>, [u32; FIELDS]) {
    let mut hits: Vec<Hit> = Vec::with_capacity(doc.body.len() / 6 + 16);
    let mut lens = [0u32; FIELDS];
    let mut add = |field: usize, text: &str, start: u32| -> u32 {
        tokenize(text, start, Mode::Index, &mut |t| {
            if t.stop {
                return;
            }
            if let Some(id) = term_id(t.term) {
                hits.push((id, field as u8, t.pos));
            }
        })
    };
    lens[TITLE] = add(TITLE, &doc.title, 0);
    let mut pos = 0;
    for tag in &doc.tags {
        // A gap between tags, so a phrase cannot run from one tag into the next.
        pos = add(TAGS, tag, pos).saturating_add(1);
    }
    lens[TAGS] = pos;
    lens[SUMMARY] = add(SUMMARY, &doc.summary, 0);
    lens[BODY] = add(BODY, &doc.body, 0);
    // Joined compounds share a position with their first part: sort, and drop repeats.
    hits.sort_unstable();
    hits.dedup();
    (hits, lens)
}

/// Calls `each(term id, positions per field)` for every term of sorted `hits`.
fn per_term(hits: &[Hit], mut each: impl FnMut(u32, &[Vec<u32>; FIELDS])) {
    let mut fields: [Vec<u32>; FIELDS] = Default::default();
    let mut i = 0;
    while i < hits.len() {
        let id = hits[i].0;
        fields.iter_mut().for_each(Vec::clear);
        while i < hits.len() && hits[i].0 == id {
            fields[usize::from(hits[i].1).min(FIELDS - 1)].push(hits[i].2);
            i += 1;
        }
        each(id, &fields);
    }
}

impl SearchIndex {
    pub(super) fn insert(&mut self, mut doc: Doc) {
        doc.body = super::markdown::collapse_whitespace(&doc.body);
        let (hits, lens) = analyze(&doc, |t| Some(self.term_id(t)));
        let slot = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                self.lens.push([0; FIELDS]);
                (self.docs.len() - 1) as u32
            }
        };
        let terms = &mut self.terms;
        per_term(&hits, |id, fields| {
            if let Some(t) = terms.get_mut(id as usize) {
                postings::encode(&mut t.postings, slot, fields);
                t.df += 1;
            }
        });
        for (sum, len) in self.len_sum.iter_mut().zip(lens) {
            *sum += u64::from(len);
        }
        self.by_id.insert(doc.id.clone(), slot);
        self.docs[slot as usize] = Some(doc);
        self.lens[slot as usize] = lens;
    }

    /// Removes what `insert` added for `slot` (the id is already out of `by_id`).
    pub(super) fn delete_slot(&mut self, slot: u32) {
        let Some(doc) = self.docs.get_mut(slot as usize).and_then(Option::take) else {
            return;
        };
        let ids = &self.ids;
        // Names by id, to take emptied terms out of the dictionary afterwards.
        let mut names: FxMap<u32, Box<str>> = FxMap::default();
        let (hits, lens) = analyze(&doc, |t| {
            let id = ids.get(t).copied()?;
            names.entry(id).or_insert_with(|| t.into());
            Some(id)
        });
        let mut gone: Vec<u32> = Vec::new();
        per_term(&hits, |id, _| {
            if let Some(t) = self.terms.get_mut(id as usize) {
                if postings::remove(&mut t.postings, slot) {
                    t.df = t.df.saturating_sub(1);
                }
                if t.df == 0 {
                    *t = Term::default();
                    gone.push(id);
                }
            }
        });
        for id in gone {
            if let Some(name) = names.get(&id) {
                self.dict.remove(name);
                self.ids.remove(name);
            }
            self.free_terms.push(id);
        }
        for (sum, len) in self.len_sum.iter_mut().zip(lens) {
            *sum = sum.saturating_sub(u64::from(len));
        }
        if let Some(l) = self.lens.get_mut(slot as usize) {
            *l = [0; FIELDS];
        }
        self.free_slots.push(slot);
    }

    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = match self.free_terms.pop() {
            Some(id) => id,
            None => {
                self.terms.push(Term::default());
                (self.terms.len() - 1) as u32
            }
        };
        let term: Box<str> = term.into();
        self.ids.insert(term.clone(), id);
        self.dict.insert(term, id);
        id
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// `analyze` with terms by name, for reading the result.
    fn named(doc: &Doc) -> (BTreeMap<String, [Vec<u32>; FIELDS]>, [u32; FIELDS]) {
        let mut names: Vec<String> = Vec::new();
        let (hits, lens) = analyze(doc, |t| {
            let i = names.iter().position(|n| n == t).unwrap_or_else(|| {
                names.push(t.to_string());
                names.len() - 1
            });
            Some(i as u32)
        });
        let mut out = BTreeMap::new();
        per_term(&hits, |id, fields| {
            out.insert(names[id as usize].clone(), fields.clone());
        });
        (out, lens)
    }

    #[test]
    fn analyze_counts_fields_and_separates_tags() {
        let doc = Doc {
            title: "Reset password".into(),
            tags: vec!["password".into(), "self-service".into()],
            summary: "".into(),
            body: "Reset the password, then reset again.".into(),
            ..Doc::default()
        };
        let (terms, lens) = named(&doc);
        assert_eq!(lens, [2, 5, 0, 6]);
        assert_eq!(terms["reset"], [vec![0], vec![], vec![], vec![0, 4]]);
        assert_eq!(terms["password"], [vec![1], vec![0], vec![], vec![2]]);
        assert_eq!(terms["self"], [vec![], vec![2], vec![], vec![]]);
        assert_eq!(terms["selfservic"], [vec![], vec![2], vec![], vec![]]);
        assert_eq!(terms["servic"], [vec![], vec![3], vec![], vec![]]);
    }

    #[test]
    fn removing_every_document_leaves_an_empty_index() {
        let docs: Vec<Doc> = (0..20)
            .map(|i| Doc { id: format!("d{i}"), title: format!("Title {i}"), body: "shared words here".into(), ..Doc::default() })
            .collect();
        let mut index = SearchIndex::build(docs.clone());
        for d in &docs {
            assert!(index.remove(&d.id));
        }
        assert!(index.is_empty());
        assert_eq!(index.term_count(), 0);
        assert!(index.ids.is_empty());
        assert!(index.terms.iter().all(|t| t.df == 0 && t.postings.is_empty()));
        assert_eq!(index.len_sum, [0; FIELDS]);
        // And it still works afterwards.
        index.upsert(docs[3].clone());
        assert_eq!(index.search(&super::super::Query::new("title")).len(), 1);
    }
}

#[cfg(test)]
mod incremental_tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    /// Everything the index knows, keyed by names instead of slots and ids.
    type Snapshot = (BTreeMap<String, BTreeMap<String, Vec<(u8, u32)>>>, [u64; FIELDS], usize);

    fn snapshot(ix: &SearchIndex) -> Snapshot {
        assert_eq!(ix.dict.len(), ix.ids.len(), "dict and ids disagree");
        let mut terms = BTreeMap::new();
        for (term, &id) in &ix.dict {
            assert_eq!(ix.ids.get(term), Some(&id));
            let t = &ix.terms[id as usize];
            let mut docs = BTreeMap::new();
            for p in postings::iter(&t.postings) {
                let doc = ix.docs[p.slot as usize].as_ref().expect("postings name live documents");
                docs.insert(doc.id.clone(), p.positions(&t.postings));
            }
            assert_eq!(docs.len() as u32, t.df, "df of {term}");
            terms.insert(term.to_string(), docs);
        }
        (terms, ix.len_sum, ix.len())
    }

    const WORDS: &[&str] = &["vpn", "printer", "the", "e-mail", "密码", "reset", "Größe", "printing", "a-b"];

    fn doc(id: u8, words: &[usize]) -> Doc {
        let text: Vec<&str> = words.iter().map(|&w| WORDS[w % WORDS.len()]).collect();
        let half = text.len() / 2;
        Doc {
            id: format!("d{}", id % 6),
            title: text[..half].join(" "),
            tags: text.iter().take(2).map(|s| s.to_string()).collect(),
            body: text[half..].join(" "),
            ..Doc::default()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn edits_in_place_equal_a_fresh_build(ops in proptest::collection::vec(
            (any::<bool>(), any::<u8>(), proptest::collection::vec(0usize..20, 0..8)), 1..30)) {
            let mut ix = SearchIndex::new();
            let mut live: BTreeMap<String, Doc> = BTreeMap::new();
            for (remove, id, words) in ops {
                let d = doc(id, &words);
                if remove {
                    prop_assert_eq!(ix.remove(&d.id), live.remove(&d.id).is_some());
                } else {
                    live.insert(d.id.clone(), d.clone());
                    ix.upsert(d);
                }
            }
            let fresh = SearchIndex::build(live.values().cloned());
            prop_assert_eq!(snapshot(&ix), snapshot(&fresh));
            let loaded = SearchIndex::from_bytes(&ix.to_bytes()).expect("own bytes load");
            prop_assert_eq!(snapshot(&loaded), snapshot(&fresh));
        }
    }
}
