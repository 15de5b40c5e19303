//! The index as bytes, so the app can keep it in IndexedDB and load it instead of rebuilding.
//!
//! Hand-written binary, since postings are already byte vectors and JSON would triple them:
//!
//! ```text
//! "TDSI" | format u8 | tokenizer version u8
//! slot count | per slot: 0 (hole) or 1 + id, title, summary, tags, body, category,
//!                        audience u8, language, 4 field lengths
//! term count | per term, sorted: shared prefix length with the previous term, suffix,
//!              document frequency, postings length, postings
//! checksum u64 (little-endian) of everything before it
//! ```
//!
//! Integers are LEB128 varints, strings a varint length and UTF-8. Loading checks every field
//! and every posting, so a damaged or foreign blob is an error, never a panic or a wrong index.

use std::collections::BTreeMap;

use super::postings::{self, get_varint, put_varint, FIELDS};
use super::tokenize::TOKENIZER_VERSION;
use super::{Doc, SearchIndex, Term};
use crate::domain::article::Audience;

const MAGIC: &[u8; 4] = b"TDSI";
const FORMAT: u8 = 1;

/// Why stored index bytes could not be loaded. The app's answer is always the same: rebuild
/// the index from the articles; the message says why, for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError {
    pub message: String,
}

impl IndexError {
    fn new(message: impl Into<String>) -> Self {
        IndexError { message: message.into() }
    }
}

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "search index: {}", self.message)
    }
}

impl std::error::Error for IndexError {}

impl SearchIndex {
    /// The index in its compact binary form (see the module documentation).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.estimated_size());
        out.extend_from_slice(MAGIC);
        out.push(FORMAT);
        out.push(TOKENIZER_VERSION);
        put_varint(&mut out, self.docs.len() as u32);
        for (slot, lens) in self.docs.iter().zip(&self.lens) {
            let Some(doc) = slot else {
                out.push(0);
                continue;
            };
            out.push(1);
            for s in [&doc.id, &doc.title, &doc.summary] {
                put_str(&mut out, s);
            }
            put_varint(&mut out, doc.tags.len() as u32);
            for t in &doc.tags {
                put_str(&mut out, t);
            }
            for s in [&doc.body, &doc.category] {
                put_str(&mut out, s);
            }
            out.push(audience_code(doc.audience));
            put_str(&mut out, &doc.language);
            for &l in lens {
                put_varint(&mut out, l);
            }
        }
        put_varint(&mut out, self.dict.len() as u32);
        let mut prev: &[u8] = b"";
        for (term, &id) in &self.dict {
            let term = term.as_bytes();
            let shared = prev.iter().zip(term).take_while(|(a, b)| a == b).count();
            put_varint(&mut out, shared as u32);
            put_varint(&mut out, (term.len() - shared) as u32);
            out.extend_from_slice(&term[shared..]);
            let t = &self.terms[id as usize];
            put_varint(&mut out, t.df);
            put_varint(&mut out, t.postings.len() as u32);
            out.extend_from_slice(&t.postings);
            prev = term;
        }
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Loads bytes made by [`SearchIndex::to_bytes`], checking everything on the way.
    pub fn from_bytes(bytes: &[u8]) -> Result<SearchIndex, IndexError> {
        if bytes.len() < MAGIC.len() + 2 + 8 || &bytes[..4] != MAGIC {
            return Err(IndexError::new("the data is not a Tierdesk search index"));
        }
        if bytes[4] != FORMAT {
            return Err(IndexError::new(format!(
                "format {} is not the format this version reads ({FORMAT}); rebuild the index",
                bytes[4]
            )));
        }
        if bytes[5] != TOKENIZER_VERSION {
            return Err(IndexError::new(format!(
                "it was built with tokenizer {} but this version uses {TOKENIZER_VERSION}; rebuild the index",
                bytes[5]
            )));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 8);
        let stored = u64::from_le_bytes([tail[0], tail[1], tail[2], tail[3], tail[4], tail[5], tail[6], tail[7]]);
        if checksum(body) != stored {
            return Err(IndexError::new("the data is damaged (checksum mismatch); rebuild the index"));
        }
        let mut r = Reader { buf: body, at: 6 };
        let mut index = SearchIndex::new();
        let slots = r.count("the document count", 1)?;
        for slot in 0..slots {
            match r.u8(|| format!("document {slot}"))? {
                0 => {
                    index.docs.push(None);
                    index.lens.push([0; FIELDS]);
                    index.free_slots.push(slot as u32);
                }
                1 => {
                    let (doc, lens) = read_doc(&mut r, slot)?;
                    if index.by_id.insert(doc.id.clone(), slot as u32).is_some() {
                        return Err(IndexError::new(format!("document {slot}: id {:?} appears twice", doc.id)));
                    }
                    for (sum, l) in index.len_sum.iter_mut().zip(lens) {
                        *sum += u64::from(l);
                    }
                    index.docs.push(Some(doc));
                    index.lens.push(lens);
                }
                other => return Err(IndexError::new(format!("document {slot}: unknown marker {other}"))),
            }
        }
        // Free slots are reused from the end of the list: keep the lowest for last.
        index.free_slots.reverse();
        let term_count = r.count("the term count", 4)?;
        let mut seen_in_term = vec![u32::MAX; index.docs.len()];
        let mut sorted: Vec<(Box<str>, u32)> = Vec::with_capacity(term_count);
        let mut prev: Vec<u8> = Vec::new();
        for k in 0..term_count {
            let shared = r.varint(|| format!("term {k}: shared prefix"))? as usize;
            if shared > prev.len() {
                return Err(IndexError::new(format!("term {k}: shares {shared} bytes with a {}-byte term", prev.len())));
            }
            let suffix_len = r.varint(|| format!("term {k}: length"))? as usize;
            let suffix = r.bytes(suffix_len, || format!("term {k}: text"))?;
            let mut raw = prev[..shared].to_vec();
            raw.extend_from_slice(suffix);
            let text = std::str::from_utf8(&raw).map_err(|_| IndexError::new(format!("term {k}: text is not UTF-8")))?;
            if text.is_empty() || (k > 0 && raw.as_slice() <= prev.as_slice()) {
                return Err(IndexError::new(format!("term {k} ({text:?}): terms must be non-empty and sorted")));
            }
            let df = r.varint(|| format!("term {text:?}: document frequency"))?;
            let len = r.varint(|| format!("term {text:?}: postings length"))? as usize;
            let buf = r.bytes(len, || format!("term {text:?}: postings"))?;
            check_postings(buf, df, k as u32, &index, &mut seen_in_term)
                .map_err(|e| IndexError::new(format!("term {text:?}: {e}")))?;
            sorted.push((text.into(), k as u32));
            index.terms.push(Term { postings: buf.to_vec(), df });
            prev = raw;
        }
        if r.at != body.len() {
            return Err(IndexError::new(format!("{} unexpected bytes after the last term", body.len() - r.at)));
        }
        index.ids = sorted.iter().cloned().collect();
        index.dict = sorted.into_iter().collect::<BTreeMap<_, _>>();
        Ok(index)
    }

    fn estimated_size(&self) -> usize {
        let text: usize = self.docs.iter().flatten().map(|d| d.body.len() + d.title.len() + d.summary.len() + 32).sum();
        let post: usize = self.terms.iter().map(|t| t.postings.len() + 8).sum();
        text + post + 64
    }
}

/// Every posting well-formed, pointing at a live document at most once, `df` of them.
fn check_postings(buf: &[u8], df: u32, term: u32, index: &SearchIndex, seen: &mut [u32]) -> Result<(), String> {
    let mut at = 0;
    let mut count = 0u32;
    while at < buf.len() {
        let p = postings::read_posting(buf, at).ok_or_else(|| format!("posting at byte {at} is malformed"))?;
        let slot = p.slot as usize;
        if index.docs.get(slot).is_none_or(Option::is_none) {
            return Err(format!("posting at byte {at} names document slot {slot}, which is empty"));
        }
        if seen[slot] == term {
            return Err(format!("document slot {slot} is listed twice"));
        }
        seen[slot] = term;
        let mut pos_at = p.positions.0;
        for _ in 0..p.tf.iter().map(|&t| u64::from(t)).sum::<u64>() {
            get_varint(buf, &mut pos_at)
                .filter(|_| pos_at <= p.positions.1)
                .ok_or_else(|| format!("posting at byte {at} has fewer positions than it counts"))?;
        }
        if pos_at != p.positions.1 {
            return Err(format!("posting at byte {at} has more position bytes than positions"));
        }
        at = p.span.1;
        count += 1;
    }
    if count != df || df == 0 {
        return Err(format!("document frequency {df} but {count} postings"));
    }
    Ok(())
}

fn read_doc(r: &mut Reader, slot: usize) -> Result<(Doc, [u32; FIELDS]), IndexError> {
    let what = |field: &'static str| move || format!("document {slot}: {field}");
    let id = r.string(what("id"))?;
    let title = r.string(what("title"))?;
    let summary = r.string(what("summary"))?;
    let n_tags = r.count(&format!("document {slot}: tag count"), 1)?;
    let mut tags = Vec::with_capacity(n_tags);
    for _ in 0..n_tags {
        tags.push(r.string(what("tag"))?);
    }
    let body = r.string(what("body"))?;
    let category = r.string(what("category"))?;
    let audience = match r.u8(what("audience"))? {
        0 => Audience::Public,
        1 => Audience::Internal,
        2 => Audience::Draft,
        other => return Err(IndexError::new(format!("document {slot}: unknown audience code {other}"))),
    };
    let language = r.string(what("language"))?;
    let mut lens = [0u32; FIELDS];
    for l in lens.iter_mut() {
        *l = r.varint(what("field length"))?;
    }
    Ok((Doc { id, title, summary, tags, body, category, audience, language }, lens))
}

fn audience_code(a: Audience) -> u8 {
    match a {
        Audience::Public => 0,
        Audience::Internal => 1,
        Audience::Draft => 2,
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    buf: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn truncated(&self, what: String) -> IndexError {
        IndexError::new(format!("{what}: the data ends early (at byte {})", self.at))
    }

    fn u8(&mut self, what: impl FnOnce() -> String) -> Result<u8, IndexError> {
        let b = *self.buf.get(self.at).ok_or_else(|| self.truncated(what()))?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self, what: impl FnOnce() -> String) -> Result<u32, IndexError> {
        let start = self.at;
        get_varint(self.buf, &mut self.at).ok_or_else(|| {
            self.at = start;
            IndexError::new(format!("{}: bad number at byte {start}", what()))
        })
    }

    /// A count of items each at least `min_bytes` long, checked against what is left, so a
    /// forged count cannot make us allocate gigabytes.
    fn count(&mut self, what: &str, min_bytes: usize) -> Result<usize, IndexError> {
        let n = self.varint(|| what.to_string())? as usize;
        let left = self.buf.len() - self.at;
        if n.saturating_mul(min_bytes) > left {
            return Err(IndexError::new(format!("{what} is {n} but only {left} bytes follow")));
        }
        Ok(n)
    }

    fn bytes(&mut self, n: usize, what: impl FnOnce() -> String) -> Result<&'a [u8], IndexError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.buf.len()).ok_or_else(|| self.truncated(what()))?;
        let b = &self.buf[self.at..end];
        self.at = end;
        Ok(b)
    }

    fn string(&mut self, what: impl Fn() -> String) -> Result<String, IndexError> {
        let n = self.varint(&what)? as usize;
        let b = self.bytes(n, &what)?;
        String::from_utf8(b.to_vec()).map_err(|_| IndexError::new(format!("{}: not UTF-8", what())))
    }
}

/// A fast 64-bit checksum (multiply-xorshift over 8-byte words) to catch damaged data.
/// Not cryptographic: it guards against accidents, not against someone forging an index.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9FB2_1C65_1E98_DF25;
    let mut h: u64 = 0x243F_6A88_85A3_08D3 ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(K);
        h ^= h >> 29;
    }
    let mut last = [0u8; 8];
    for (d, s) in last.iter_mut().zip(chunks.remainder()) {
        *d = *s;
    }
    h = (h ^ u64::from_le_bytes(last)).wrapping_mul(K);
    h ^= h >> 32;
    h.wrapping_mul(K) ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::Query;
    use super::*;

    fn sample() -> SearchIndex {
        let mut ix = SearchIndex::build((0..12).map(|i| Doc {
            id: format!("kb-{i}"),
            title: format!("Printer {i} jams"),
            summary: "Paper stuck".into(),
            tags: vec!["printer".into(), "hardware".into()],
            body: format!("Open tray {i}. Reset the printer. 重置密码 Größe e-mail"),
            category: "Hardware/Printers".into(),
            audience: if i % 2 == 0 { Audience::Public } else { Audience::Internal },
            language: "en".into(),
        }));
        ix.remove("kb-3");
        ix
    }

    fn same_results(a: &SearchIndex, b: &SearchIndex) {
        for q in ["printer", "\"reset the printer\"", "密码", "grosse", "email", "tray 7", "pap", "prnter "] {
            assert_eq!(a.search(&Query::new(q)), b.search(&Query::new(q)), "query {q:?}");
        }
    }

    #[test]
    fn round_trips_and_keeps_working() {
        let ix = sample();
        let bytes = ix.to_bytes();
        let mut back = SearchIndex::from_bytes(&bytes).expect("own bytes load");
        same_results(&ix, &back);
        assert_eq!(back.to_bytes(), bytes, "serialising again gives the same bytes");
        // The loaded index can be edited like the original.
        let mut orig = ix.clone();
        for x in [&mut orig, &mut back] {
            x.remove("kb-5");
            x.upsert(Doc { id: "kb-99".into(), title: "Scanner".into(), ..Doc::default() });
        }
        same_results(&orig, &back);
        assert_eq!(back.search(&Query::new("scanner")).len(), 1);
    }

    #[test]
    fn empty_index_round_trips() {
        let bytes = SearchIndex::new().to_bytes();
        let back = SearchIndex::from_bytes(&bytes).expect("empty index loads");
        assert!(back.is_empty());
    }

    #[test]
    fn rejects_foreign_old_and_damaged_data() {
        let bytes = sample().to_bytes();
        let err = |b: &[u8]| SearchIndex::from_bytes(b).map(|_| ()).unwrap_err().message;
        assert!(err(b"").contains("not a Tierdesk search index"));
        assert!(err(b"{\"json\": true}").contains("not a Tierdesk search index"));
        let mut other_format = bytes.clone();
        other_format[4] = 9;
        assert!(err(&other_format).contains("format 9"));
        let mut other_tokenizer = bytes.clone();
        other_tokenizer[5] = 0;
        assert!(err(&other_tokenizer).contains("tokenizer 0"));
        let mut flipped = bytes.clone();
        flipped[bytes.len() / 2] ^= 0x20;
        assert!(err(&flipped).contains("checksum"));
        assert!(err(&bytes[..bytes.len() - 1]).contains("checksum"));
    }

    /// Re-seals damaged bytes with a valid checksum, to reach the structural checks.
    fn resealed(mut body: Vec<u8>) -> Vec<u8> {
        let sum = checksum(&body);
        body.extend_from_slice(&sum.to_le_bytes());
        body
    }

    #[test]
    fn structural_checks_name_the_problem() {
        let bytes = sample().to_bytes();
        let body = &bytes[..bytes.len() - 8];
        let err = |b: Vec<u8>| SearchIndex::from_bytes(&resealed(b)).map(|_| ()).unwrap_err().message;
        // Truncated in the middle.
        assert!(err(body[..body.len() / 2].to_vec()).contains("ends early") || err(body[..body.len() / 2].to_vec()).contains("term"));
        // A forged, huge document count.
        let mut forged = body[..6].to_vec();
        put_varint(&mut forged, u32::MAX);
        assert!(err(forged).contains("document count is 4294967295"));
        // Trailing junk.
        let mut extra = body.to_vec();
        extra.push(0);
        assert!(err(extra).contains("unexpected bytes"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn garbage_never_panics(data in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = SearchIndex::from_bytes(&data);
            let mut prefixed = b"TDSI\x01\x01".to_vec();
            prefixed.extend_from_slice(&data);
            let _ = SearchIndex::from_bytes(&resealed(prefixed));
        }

        #[test]
        fn damaged_but_resealed_indexes_never_panic(pos in 6usize..4000, byte in any::<u8>(), cut in 0usize..4000) {
            let bytes = sample().to_bytes();
            let mut body = bytes[..bytes.len() - 8].to_vec();
            let p = pos % body.len();
            body[p] = byte;
            if cut % 3 == 0 {
                body.truncate(cut % body.len());
            }
            if let Ok(ix) = SearchIndex::from_bytes(&resealed(body)) {
                // Whatever loaded must be safe to query and edit.
                for q in ["printer", "\"reset printer\"", "pri", "prnter ", "密码"] {
                    let _ = ix.search(&Query::new(q));
                }
                let mut ix = ix;
                ix.remove("kb-4");
                ix.upsert(Doc { id: "kb-4".into(), title: "Printer".into(), ..Doc::default() });
                let _ = ix.to_bytes();
            }
        }
    }
}
