//! Adding and removing one document: tokenize its fields, append or cut one posting per term.
//!
//! Removal re-tokenizes the stored text instead of keeping a per-document term list, which
//! saves memory; that is why stored indexes carry the tokenizer version.

use std::collections::HashMap;

use super::postings::{self, BODY, FIELDS, SUMMARY, TAGS, TITLE};
use super::tokenize::{tokenize, Mode};
use super::{Doc, SearchIndex, Stored, Term};

/// Per term, the positions in each field.
type FieldPositions = HashMap<String, [Vec<u32>; FIELDS]>;

/// The terms of a document with their positions, and each field's length in positions.
pub(super) fn analyze(doc: &Doc) -> (FieldPositions, [u32; FIELDS]) {
    let mut terms: FieldPositions = HashMap::new();
    let mut lens = [0u32; FIELDS];
    let mut add = |field: usize, text: &str, start: u32| -> u32 {
        tokenize(text, start, Mode::Index, &mut |t| {
            if !t.stop {
                terms.entry(t.term).or_default()[field].push(t.pos);
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
    for fields in terms.values_mut() {
        for list in fields.iter_mut() {
            // Joined compounds share a position with their first part; keep lists sorted.
            list.sort_unstable();
            list.dedup();
        }
    }
    (terms, lens)
}

impl SearchIndex {
    pub(super) fn insert(&mut self, mut doc: Doc) {
        doc.body = super::markdown::collapse_whitespace(&doc.body);
        let (terms, lens) = analyze(&doc);
        let slot = match self.free_slots.pop() {
            Some(s) => s,
            None => {
                self.docs.push(None);
                (self.docs.len() - 1) as u32
            }
        };
        for (term, positions) in terms {
            let id = self.term_id(term);
            let t = &mut self.terms[id as usize];
            postings::encode(&mut t.postings, slot, &positions);
            t.df += 1;
        }
        for (sum, len) in self.len_sum.iter_mut().zip(lens) {
            *sum += u64::from(len);
        }
        self.by_id.insert(doc.id.clone(), slot);
        self.docs[slot as usize] = Some(Stored { doc, lens });
    }

    /// Removes what `insert` added for `slot` (the id is already out of `by_id`).
    pub(super) fn delete_slot(&mut self, slot: u32) {
        let Some(stored) = self.docs.get_mut(slot as usize).and_then(Option::take) else {
            return;
        };
        let (terms, _) = analyze(&stored.doc);
        for term in terms.keys() {
            let Some(&id) = self.dict.get(term.as_str()) else {
                continue;
            };
            let t = &mut self.terms[id as usize];
            if postings::remove(&mut t.postings, slot) {
                t.df = t.df.saturating_sub(1);
            }
            if t.df == 0 {
                *t = Term::default();
                self.dict.remove(term.as_str());
                self.free_terms.push(id);
            }
        }
        for (sum, len) in self.len_sum.iter_mut().zip(stored.lens) {
            *sum = sum.saturating_sub(u64::from(len));
        }
        self.free_slots.push(slot);
    }

    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.dict.get(term.as_str()) {
            return id;
        }
        let id = match self.free_terms.pop() {
            Some(id) => id,
            None => {
                self.terms.push(Term::default());
                (self.terms.len() - 1) as u32
            }
        };
        self.dict.insert(term.into_boxed_str(), id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analyze_counts_fields_and_separates_tags() {
        let doc = Doc {
            title: "Reset password".into(),
            tags: vec!["password".into(), "self-service".into()],
            summary: "".into(),
            body: "Reset the password, then reset again.".into(),
            ..Doc::default()
        };
        let (terms, lens) = analyze(&doc);
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
        assert!(index.terms.iter().all(|t| t.df == 0 && t.postings.is_empty()));
        assert_eq!(index.len_sum, [0; FIELDS]);
        // And it still works afterwards.
        index.upsert(docs[3].clone());
        assert_eq!(index.search(&super::super::Query::new("title")).len(), 1);
    }
}
