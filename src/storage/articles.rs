//! Knowledge-base articles, their revisions, and the stored search index.
//!
//! Every article write also writes the search index (the bytes of `SearchIndex::to_bytes`,
//! computed by the caller before the transaction opens) in the same transaction, so the stored
//! index always matches the stored articles and the app loads it instead of rebuilding. Beside
//! the bytes sits the articles' fingerprint (`domain::kb::fingerprint`); a fingerprint that
//! does not match the articles (an import, an older version) means "rebuild".

use std::collections::HashMap;

use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use super::error::{Result, StorageError};
use super::records::{event_to_js, from_js, ticket_to_js, to_js, vec_from_js};
use super::schema::{ix, ARTICLES, EVENTS, KB_INDEX, REVISIONS, TICKETS};
use super::tickets::TicketChange;
use super::Db;
use crate::domain::article::{Article, ArticleRevision};
use crate::domain::model::{Ticket, TicketId};
use crate::domain::ticket::DomainError;

/// The `DomainError::field` of an article write refused because another tab saved the article
/// first (nothing was written). The UI words it; the message is English for logs.
pub const ARTICLE_CONFLICT: &str = "revision";
/// The `DomainError::field` when a new article's id is already taken.
pub const ARTICLE_ID_TAKEN: &str = "id";

const INDEX_KEY: &str = "index";
/// A small record with just the fingerprint: cheap to read when checking for other tabs' edits.
const STAMP_KEY: &str = "stamp";

/// The search index as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredIndex {
    /// `SearchIndex::to_bytes`.
    pub bytes: Vec<u8>,
    /// `domain::kb::fingerprint` of the articles the index was built from.
    pub fingerprint: String,
}

/// One article write, computed before the transaction (see `domain::kb::{new_article, revise}`).
#[derive(Clone, Debug)]
pub struct ArticleChange {
    /// The new current version. Its view and vote counters are replaced by the stored ones,
    /// so views recorded while someone edited are not lost.
    pub article: Article,
    /// The revision the edit started from; `None` for a new article (its id must be free).
    pub expected_rev: Option<u32>,
    /// The version being replaced, kept in `article_revisions`.
    pub previous: Option<ArticleRevision>,
}

fn revisions_range(id: &str) -> KeyRange<JsValue> {
    let lower: JsValue = Array::of2(&JsValue::from_str(id), &JsValue::from_f64(0.0)).into();
    let upper: JsValue = Array::of2(&JsValue::from_str(id), &JsValue::from_f64(f64::INFINITY)).into();
    KeyRange::Bound(lower, false, upper, false)
}

fn number(obj: &JsValue, key: &str) -> f64 {
    Reflect::get(obj, &JsValue::from_str(key)).ok().and_then(|v| v.as_f64()).unwrap_or(0.0)
}

fn index_records(index: &StoredIndex) -> Result<(JsValue, JsValue)> {
    let rec = js_sys::Object::new();
    Reflect::set(&rec, &JsValue::from_str("key"), &JsValue::from_str(INDEX_KEY))?;
    Reflect::set(&rec, &JsValue::from_str("fingerprint"), &JsValue::from_str(&index.fingerprint))?;
    Reflect::set(&rec, &JsValue::from_str("bytes"), &Uint8Array::from(index.bytes.as_slice()))?;
    let stamp = js_sys::Object::new();
    Reflect::set(&stamp, &JsValue::from_str("key"), &JsValue::from_str(STAMP_KEY))?;
    Reflect::set(&stamp, &JsValue::from_str("value"), &JsValue::from_str(&index.fingerprint))?;
    Ok((rec.into(), stamp.into()))
}

impl Db {
    /// Every article, decoded in one pass.
    pub async fn all_articles(&self) -> Result<Vec<Article>> {
        let tx = self.raw().transaction(ARTICLES).build()?;
        let list = tx.object_store(ARTICLES)?.get_all::<JsValue>().primitive()?.await?;
        let array: Array = list.collect::<std::result::Result<Array, _>>()?;
        vec_from_js(&array.into(), "articles")
    }

    pub async fn get_article(&self, id: &str) -> Result<Option<Article>> {
        let tx = self.raw().transaction(ARTICLES).build()?;
        let found: Option<JsValue> = tx.object_store(ARTICLES)?.get(id).primitive()?.await?;
        found.map(|v| from_js(&v, &format!("article {id}"))).transpose()
    }

    /// The earlier versions of an article, oldest first.
    pub async fn article_revisions(&self, id: &str) -> Result<Vec<ArticleRevision>> {
        let tx = self.raw().transaction(REVISIONS).build()?;
        let list = tx
            .object_store(REVISIONS)?
            .get_all::<JsValue>()
            .with_query::<JsValue, _>(revisions_range(id))
            .primitive()?
            .await?;
        let array: Array = list.collect::<std::result::Result<Array, _>>()?;
        let mut revs: Vec<ArticleRevision> = vec_from_js(&array.into(), &format!("revisions of article {id}"))?;
        revs.sort_by_key(|r| r.rev);
        Ok(revs)
    }

    /// Writes an article, the version it replaces and the search index in one transaction,
    /// plus (when given) a ticket change such as linking the ticket a draft was made from.
    /// If the article or the ticket changed since it was read, or a new article's id is
    /// taken, nothing is written. Returns the article as stored (with the stored counters).
    pub async fn save_article(&self, change: &ArticleChange, index: &StoredIndex, ticket: Option<&TicketChange>) -> Result<Article> {
        let article_js = to_js(&change.article)?;
        let previous_js = change.previous.as_ref().map(to_js).transpose()?;
        let (index_js, stamp_js) = index_records(index)?;
        let ticket_js = match ticket {
            Some(c) => Some((ticket_to_js(&c.ticket, c.sla.as_ref())?, c.events.iter().map(event_to_js).collect::<Result<Vec<_>>>()?)),
            None => None,
        };
        let stores: &[&str] = if ticket.is_some() { &[ARTICLES, REVISIONS, KB_INDEX, TICKETS, EVENTS] } else { &[ARTICLES, REVISIONS, KB_INDEX] };
        let tx = self.raw().transaction(stores).with_mode(TransactionMode::Readwrite).build()?;
        let articles = tx.object_store(ARTICLES)?;
        let id = change.article.id.as_str();
        let current: Option<JsValue> = articles.get(id).primitive()?.await?;
        let mut stored = change.article.clone();
        match (&current, change.expected_rev) {
            (Some(_), None) => {
                return Err(DomainError::new(ARTICLE_ID_TAKEN, format!("an article with the id {id} exists already")).into());
            }
            (None, Some(_)) => return Err(StorageError::NotFound(format!("article {id}"))),
            (Some(cur), Some(expected)) => {
                let rev = number(cur, "rev") as u32;
                if rev != expected {
                    return Err(DomainError::new(
                        ARTICLE_CONFLICT,
                        format!("article {id} was changed in another tab or window (now revision {rev}); nothing was saved"),
                    )
                    .into());
                }
                for key in ["views", "helpful_yes", "helpful_no"] {
                    let n = number(cur, key);
                    Reflect::set(&article_js, &JsValue::from_str(key), &JsValue::from_f64(n))?;
                }
                stored.views = number(cur, "views") as u64;
                stored.helpful_yes = number(cur, "helpful_yes") as u64;
                stored.helpful_no = number(cur, "helpful_no") as u64;
            }
            (None, None) => {}
        }
        if let (Some(c), Some((t_js, events_js))) = (ticket, ticket_js) {
            let tickets = tx.object_store(TICKETS)?;
            check_ticket_rev(&tickets, c).await?;
            tickets.put(t_js).primitive()?;
            let events = tx.object_store(EVENTS)?;
            for e in events_js {
                events.add(e).primitive()?;
            }
        }
        articles.put(article_js).primitive()?;
        if let Some(prev) = previous_js {
            // `add`: a revision number that exists already aborts everything.
            tx.object_store(REVISIONS)?.add(prev).primitive()?;
        }
        let kb = tx.object_store(KB_INDEX)?;
        kb.put(index_js).primitive()?;
        kb.put(stamp_js).primitive()?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Deletes an article and all its revisions, and writes the index without it, together.
    /// False when there was no such article (nothing written).
    pub async fn delete_article(&self, id: &str, index: &StoredIndex) -> Result<bool> {
        let (index_js, stamp_js) = index_records(index)?;
        let tx = self.raw().transaction([ARTICLES, REVISIONS, KB_INDEX]).with_mode(TransactionMode::Readwrite).build()?;
        let articles = tx.object_store(ARTICLES)?;
        let current: Option<JsValue> = articles.get(id).primitive()?.await?;
        if current.is_none() {
            return Ok(false);
        }
        articles.delete::<&str, _>(KeyRange::Only(id)).primitive()?;
        tx.object_store(REVISIONS)?.delete::<JsValue, _>(revisions_range(id)).primitive()?;
        let kb = tx.object_store(KB_INDEX)?;
        kb.put(index_js).primitive()?;
        kb.put(stamp_js).primitive()?;
        tx.commit().await?;
        Ok(true)
    }

    /// Counts one reading of an article. Returns the article as now stored (`None`: no such
    /// article). Counters do not change the revision, so nobody's edit conflicts with a reader.
    pub async fn record_article_view(&self, id: &str) -> Result<Option<Article>> {
        self.bump_article(id, &["views"]).await
    }

    /// Counts one "was this helpful?" answer (and nothing else), like `record_article_view`.
    pub async fn record_article_vote(&self, id: &str, helpful: bool) -> Result<Option<Article>> {
        self.bump_article(id, &[if helpful { "helpful_yes" } else { "helpful_no" }]).await
    }

    async fn bump_article(&self, id: &str, counters: &[&str]) -> Result<Option<Article>> {
        let tx = self.raw().transaction(ARTICLES).with_mode(TransactionMode::Readwrite).build()?;
        let store = tx.object_store(ARTICLES)?;
        let found: Option<JsValue> = store.get(id).primitive()?.await?;
        let Some(record) = found else { return Ok(None) };
        for key in counters {
            let n = number(&record, key) + 1.0;
            Reflect::set(&record, &JsValue::from_str(key), &JsValue::from_f64(n))?;
        }
        let article: Article = from_js(&record, &format!("article {id}"))?;
        store.put(record).primitive()?;
        tx.commit().await?;
        Ok(Some(article))
    }

    /// The stored search index, or `None` when there is none or its record is unreadable
    /// (the caller rebuilds then; a damaged index must never stop the page).
    pub async fn load_search_index(&self) -> Result<Option<StoredIndex>> {
        let tx = self.raw().transaction(KB_INDEX).build()?;
        let found: Option<JsValue> = tx.object_store(KB_INDEX)?.get(INDEX_KEY).primitive()?.await?;
        let Some(rec) = found else { return Ok(None) };
        let fingerprint = Reflect::get(&rec, &JsValue::from_str("fingerprint")).ok().and_then(|v| v.as_string());
        let bytes = Reflect::get(&rec, &JsValue::from_str("bytes")).ok().and_then(|v| v.dyn_into::<Uint8Array>().ok());
        Ok(match (fingerprint, bytes) {
            (Some(fingerprint), Some(bytes)) => Some(StoredIndex { bytes: bytes.to_vec(), fingerprint }),
            _ => None,
        })
    }

    /// Stores a freshly built index (after a rebuild), replacing the old one.
    pub async fn save_search_index(&self, index: &StoredIndex) -> Result<()> {
        let (index_js, stamp_js) = index_records(index)?;
        let tx = self.raw().transaction(KB_INDEX).with_mode(TransactionMode::Readwrite).build()?;
        let kb = tx.object_store(KB_INDEX)?;
        kb.put(index_js).primitive()?;
        kb.put(stamp_js).primitive()?;
        tx.commit().await?;
        Ok(())
    }

    /// The fingerprint of the last article write (from any tab): a cheap "did the knowledge
    /// base change?" check.
    pub async fn kb_stamp(&self) -> Result<Option<String>> {
        let tx = self.raw().transaction(KB_INDEX).build()?;
        let found: Option<JsValue> = tx.object_store(KB_INDEX)?.get(STAMP_KEY).primitive()?.await?;
        Ok(found.and_then(|rec| Reflect::get(&rec, &JsValue::from_str("value")).ok()).and_then(|v| v.as_string()))
    }

    /// Numbers of the tickets that link `article` as an answer, lowest first.
    pub async fn tickets_linking(&self, article: &str) -> Result<Vec<TicketId>> {
        let tx = self.raw().transaction(TICKETS).build()?;
        let store = tx.object_store(TICKETS)?;
        let index = store.index(ix::TICKET_ARTICLES)?;
        let list = index
            .get_all_keys::<JsValue>()
            .with_query::<JsValue, _>(KeyRange::Only(JsValue::from_str(article)))
            .primitive()?
            .await?;
        let mut ids: Vec<TicketId> = list
            .filter_map(|k| k.ok())
            .filter_map(|k| k.as_f64())
            .map(|n| n as TicketId)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// How many tickets link each article (articles no ticket links are absent). Walks the
    /// keys of the `articles` index only: one step per link, no ticket is decoded.
    pub async fn article_link_counts(&self) -> Result<HashMap<String, usize>> {
        let tx = self.raw().transaction(TICKETS).build()?;
        let store = tx.object_store(TICKETS)?;
        let index = store.index(ix::TICKET_ARTICLES)?;
        let mut counts = HashMap::new();
        let cursor = index.open_key_cursor().primitive()?.await?;
        if let Some(mut c) = cursor {
            while let Some(key) = c.next_key::<JsValue>().await? {
                if let Some(id) = key.as_string() {
                    *counts.entry(id).or_insert(0) += 1;
                }
            }
        }
        Ok(counts)
    }
}

/// Refuses a ticket change computed from an older revision (another tab wrote in between).
async fn check_ticket_rev(tickets: &indexed_db_futures::object_store::ObjectStore<'_>, c: &TicketChange) -> Result<()> {
    let id = c.ticket.id;
    let current: Option<JsValue> = tickets.get(id as f64).primitive()?.await?;
    let Some(current) = current else {
        return Err(StorageError::NotFound(format!("ticket #{id}")));
    };
    if number(&current, "rev") as u32 != c.expected_rev {
        let current: Ticket = from_js(&current, &format!("ticket #{id}"))?;
        return Err(StorageError::Conflict { current: Box::new(current) });
    }
    Ok(())
}
