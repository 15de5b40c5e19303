//! Full-text search over knowledge-base articles (and anything else shaped like a [`Doc`]).
//!
//! An inverted index with positions, ranked by BM25F (title 3, tags 2.5, summary 1.5, body 1;
//! k1 1.2, b 0.75). Filters (category prefix, audience, language) are applied before ranking.
//! Queries: free words (documents matching more of them rank higher), "quoted phrases" (must
//! appear word for word), the last word matched as a prefix while typing, and typos of words of
//! 4+ letters corrected within one edit (two from 8 letters), first letter kept. Exact matches
//! outrank prefix matches, which outrank corrected ones.
//!
//! The index stores each document's text (for snippets and to remove it again), is updated in
//! place by [`SearchIndex::upsert`] and [`SearchIndex::remove`], and serialises to a compact
//! binary form ([`SearchIndex::to_bytes`]) so the app can keep it in IndexedDB.
//! Pure: no clock, no I/O.

mod codec;
mod fuzzy;
mod fxhash;
mod index;
mod postings;
mod query;
mod score;
mod snippet;
mod stem;
pub mod tokenize;

#[cfg(test)]
mod accuracy_tests;
#[cfg(test)]
mod bench;

use std::collections::{BTreeMap, HashMap};

use super::article::{Article, Audience};
use super::markdown;
use super::model::Ticket;

pub use codec::IndexError;
use postings::FIELDS;

/// What the index holds about one document.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Doc {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub tags: Vec<String>,
    /// Plain text (not Markdown); whitespace is collapsed when indexed.
    pub body: String,
    /// A path such as "Hardware/Printers".
    pub category: String,
    pub audience: Audience,
    /// BCP 47 tag such as "en" or "de-CH"; may be empty.
    pub language: String,
}

impl From<&Article> for Doc {
    fn from(a: &Article) -> Self {
        Doc {
            id: a.id.clone(),
            title: a.title.clone(),
            summary: a.summary.clone(),
            tags: a.tags.clone(),
            body: markdown::to_plain_text(&markdown::parse(&a.body)),
            category: a.category.clone(),
            audience: a.audience,
            language: a.language.clone(),
        }
    }
}

impl From<&Ticket> for Doc {
    /// Tickets are agents-only ([`Audience::Internal`]); the id is the ticket number.
    fn from(t: &Ticket) -> Self {
        Doc {
            id: t.id.to_string(),
            title: t.subject.clone(),
            summary: String::new(),
            tags: t.tags.clone(),
            body: t.description.clone(),
            category: t.category.clone().unwrap_or_default(),
            audience: Audience::Internal,
            language: String::new(),
        }
    }
}

/// Which documents may appear at all; checked before ranking.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// A category path prefix, whole segments only: "Hardware" matches "Hardware" and
    /// "Hardware/Printers" but not "Hardwareless". Case-insensitive.
    pub category: Option<String>,
    /// Allowed audiences; empty allows all.
    pub audiences: Vec<Audience>,
    /// A language: "de" matches "de", "de-DE" and "de-CH"; "de-CH" matches only "de-CH".
    /// Case-insensitive.
    pub language: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub filters: Filters,
    /// Most hits to return.
    pub limit: usize,
}

impl Query {
    /// A query with no filters and a limit of 20.
    pub fn new(text: impl Into<String>) -> Self {
        Query { text: text.into(), filters: Filters::default(), limit: 20 }
    }
}

/// One search result. Highlight ranges are byte ranges (start, end) into `title` and `snippet`,
/// sorted and not overlapping; the UI wraps them in `<mark>` elements.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub id: String,
    pub score: f32,
    pub title: String,
    pub title_highlights: Vec<(usize, usize)>,
    /// About 160 characters of the body around the best cluster of matches, with "…" where
    /// text was cut; the summary or the start of the body when the body has no match.
    pub snippet: String,
    pub snippet_highlights: Vec<(usize, usize)>,
}

/// The search index. Build it once, keep it current with `upsert`/`remove`, store it with
/// `to_bytes`.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Documents by slot; removed documents leave a hole that the next insert reuses.
    docs: Vec<Option<Doc>>,
    /// Field lengths in positions, by slot (zero for holes). Apart from the documents so the
    /// scoring loop reads 16 bytes per posting, not a whole document record.
    lens: Vec<[u32; FIELDS]>,
    free_slots: Vec<u32>,
    by_id: HashMap<String, u32>,
    /// Sorted term dictionary: term -> term id. Sorted for prefix and typo lookups.
    dict: BTreeMap<Box<str>, u32>,
    /// The same terms hashed, for the exact lookups indexing does per word.
    ids: fxhash::FxMap<Box<str>, u32>,
    /// Postings by term id.
    terms: Vec<Term>,
    free_terms: Vec<u32>,
    /// Sum of field lengths over live documents, for BM25's average field length.
    len_sum: [u64; FIELDS],
}

#[derive(Clone, Debug, Default)]
struct Term {
    postings: Vec<u8>,
    /// Number of documents holding the term (postings count).
    df: u32,
}

impl SearchIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// An index of `docs`; a later document with the same id replaces an earlier one.
    pub fn build(docs: impl IntoIterator<Item = Doc>) -> Self {
        let mut index = SearchIndex::new();
        for doc in docs {
            index.upsert(doc);
        }
        index
    }

    /// Adds a document or replaces the one with the same id.
    pub fn upsert(&mut self, doc: Doc) {
        self.remove(&doc.id);
        self.insert(doc);
    }

    /// Removes a document; false when there was none with that id.
    pub fn remove(&mut self, id: &str) -> bool {
        match self.by_id.remove(id) {
            Some(slot) => {
                self.delete_slot(slot);
                true
            }
            None => false,
        }
    }

    /// Ranked hits for a query; empty when the query has no searchable words.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        if query.limit == 0 {
            return Vec::new();
        }
        let mut plan = self.plan(&query.text);
        if plan.groups.is_empty() {
            return Vec::new();
        }
        self.rank(&mut plan, &query.filters, query.limit)
            .into_iter()
            .filter_map(|(score, slot)| self.hit(slot, score, &plan))
            .collect()
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The document as indexed (body whitespace collapsed).
    pub fn get(&self, id: &str) -> Option<&Doc> {
        let slot = *self.by_id.get(id)?;
        self.stored(slot)
    }

    /// Number of distinct terms, for diagnostics.
    pub fn term_count(&self) -> usize {
        self.dict.len()
    }

    fn stored(&self, slot: u32) -> Option<&Doc> {
        self.docs.get(slot as usize).and_then(Option::as_ref)
    }
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.category.as_deref().is_none_or(|c| c.trim_matches('/').is_empty())
            && self.audiences.is_empty()
            && self.language.as_deref().is_none_or(|l| l.trim().is_empty())
    }

    fn allows(&self, doc: &Doc) -> bool {
        if !self.audiences.is_empty() && !self.audiences.contains(&doc.audience) {
            return false;
        }
        if let Some(cat) = self.category.as_deref().map(|c| c.trim_matches('/')).filter(|c| !c.is_empty()) {
            let have = doc.category.trim_matches('/');
            let segment_prefix = have.len() >= cat.len()
                && have.is_char_boundary(cat.len())
                && have[..cat.len()].eq_ignore_ascii_case(cat)
                && (have.len() == cat.len() || have.as_bytes()[cat.len()] == b'/');
            if !segment_prefix {
                return false;
            }
        }
        if let Some(lang) = self.language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            let have = doc.language.trim();
            let matches = have.eq_ignore_ascii_case(lang)
                || (have.len() > lang.len()
                    && have.is_char_boundary(lang.len())
                    && have[..lang.len()].eq_ignore_ascii_case(lang)
                    && matches!(have.as_bytes()[lang.len()], b'-' | b'_'));
            if !matches {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, title: &str, body: &str) -> Doc {
        Doc { id: id.into(), title: title.into(), body: body.into(), language: "en".into(), ..Doc::default() }
    }

    fn ids(hits: &[Hit]) -> Vec<&str> {
        hits.iter().map(|h| h.id.as_str()).collect()
    }

    #[test]
    fn upsert_replaces_and_remove_forgets() {
        let mut index = SearchIndex::build([doc("a", "Printer jams", "Open the tray."), doc("b", "VPN", "Connect first.")]);
        assert_eq!(index.len(), 2);
        assert_eq!(ids(&index.search(&Query::new("printer "))), ["a"]);
        index.upsert(doc("a", "Scanner jams", "Open the lid."));
        assert_eq!(index.len(), 2);
        assert!(index.search(&Query::new("printer ")).is_empty());
        assert_eq!(ids(&index.search(&Query::new("scanner "))), ["a"]);
        assert!(index.remove("a"));
        assert!(!index.remove("a"));
        assert!(index.search(&Query::new("scanner ")).is_empty());
        assert_eq!(index.term_count(), index.clone().term_count());
        // Only the terms of "b" are left.
        let left: Vec<&str> = index.dict.keys().map(|k| &**k).collect();
        assert_eq!(left, ["connect", "first", "vpn"]);
        // The freed slot is reused.
        index.upsert(doc("c", "Monitor", "Flickers."));
        assert_eq!(index.docs.len(), 2);
    }

    #[test]
    fn filters_apply_before_ranking() {
        let mk = |id: &str, cat: &str, aud: Audience, lang: &str| Doc {
            id: id.into(),
            title: "Printer".into(),
            category: cat.into(),
            audience: aud,
            language: lang.into(),
            ..Doc::default()
        };
        let index = SearchIndex::build([
            mk("1", "Hardware/Printers", Audience::Public, "en"),
            mk("2", "Hardware", Audience::Internal, "de-DE"),
            mk("3", "Hardwareless", Audience::Public, "de"),
            mk("4", "Software/Printers", Audience::Draft, "EN-gb"),
        ]);
        let run = |f: Filters| {
            let mut got = ids(&index.search(&Query { text: "printer".into(), filters: f, limit: 10 }))
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>();
            got.sort();
            got
        };
        assert_eq!(run(Filters { category: Some("hardware/".into()), ..Filters::default() }), ["1", "2"]);
        assert_eq!(run(Filters { category: Some("Hardware/Printers".into()), ..Filters::default() }), ["1"]);
        assert_eq!(
            run(Filters { audiences: vec![Audience::Public, Audience::Draft], ..Filters::default() }),
            ["1", "3", "4"]
        );
        assert_eq!(run(Filters { language: Some("de".into()), ..Filters::default() }), ["2", "3"]);
        assert_eq!(run(Filters { language: Some("en".into()), ..Filters::default() }), ["1", "4"]);
        assert_eq!(run(Filters { language: Some("de-de".into()), ..Filters::default() }), ["2"]);
        assert_eq!(run(Filters::default()), ["1", "2", "3", "4"]);
    }

    #[test]
    fn empty_and_stopword_queries_find_nothing() {
        let index = SearchIndex::build([doc("a", "The printer", "is it on")]);
        assert!(index.search(&Query::new("")).is_empty());
        assert!(index.search(&Query::new("the is it ")).is_empty());
        assert!(index.search(&Query { limit: 0, ..Query::new("printer") }).is_empty());
    }

    #[test]
    fn article_and_ticket_conversion() {
        let json = r#"{"id":"kb-1","title":"VPN","body":"Use **FortiClient** <script>x</script>","tags":["vpn"],
            "audience":"public","language":"de","created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z"}"#;
        let article: Article = serde_json::from_str(json).expect("test JSON is valid");
        let d = Doc::from(&article);
        assert_eq!(d.body, "Use FortiClient <script>x</script>");
        assert_eq!((d.audience, d.language.as_str(), d.tags.len()), (Audience::Public, "de", 1));

        let json = r#"{"id":42,"subject":"VPN drops","description":"Since Monday the VPN drops hourly.",
            "requester":{"name":"Ana","email":"ana@example.org"},"status":"open","priority":"high","tier":1,
            "category":"Network/VPN","tags":["vpn"],"created_at":"2024-01-01T00:00:00Z","updated_at":"2024-01-01T00:00:00Z"}"#;
        let ticket: Ticket = serde_json::from_str(json).expect("test JSON is valid");
        let d = Doc::from(&ticket);
        assert_eq!((d.id.as_str(), d.title.as_str(), d.category.as_str()), ("42", "VPN drops", "Network/VPN"));
        assert_eq!(d.audience, Audience::Internal);
        let ix = SearchIndex::build([d]);
        assert_eq!(ids(&ix.search(&Query::new("vpn hourly"))), ["42"]);
    }
}
