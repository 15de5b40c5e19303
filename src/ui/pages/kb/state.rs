//! The knowledge base as the app holds it in memory: every article and the search index.
//!
//! One `Kb` per page load, shared by the agents' KB pages, the article picker on tickets and
//! the requester portal. The desk shell provides it (`Kb::provide`); `use_kb()` returns it and
//! starts loading on first use. Loading reads the articles and the stored index; the index is
//! rebuilt (and stored again) when it is missing, unreadable or stale, and a failure there
//! never stops the page: search then works from the rebuilt index in memory.
//!
//! Writes go through `Kb` so the index stays current: it updates the index in memory, stores
//! its bytes in the same transaction as the article, and puts the index back as it was if the
//! write fails.

use leptos::prelude::*;

use crate::domain::article::Article;
use crate::domain::kb::fingerprint;
use crate::domain::search::{Doc, Hit, Query, SearchIndex};
use crate::storage::{ArticleChange, Db, StorageError, StoredIndex, TicketChange};

/// Where loading stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KbStatus {
    /// Nobody has asked for the knowledge base yet.
    Idle,
    Loading,
    Ready,
    /// The articles could not be read (the message says why).
    Failed(String),
}

/// How the index came to be, for the benchmark and diagnostics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IndexSource {
    /// Loaded from the stored bytes.
    Stored,
    /// Built from the articles (none stored, unreadable, or stale).
    Rebuilt,
}

/// The agents' list page's search and filters, kept while moving between pages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListState {
    pub query: String,
    pub filters: crate::domain::search::Filters,
    /// How many rows of the unsearched list are shown ("Show more" adds a page).
    pub shown: usize,
}

#[derive(Clone, Copy)]
pub struct Kb {
    db: StoredValue<Db, LocalStorage>,
    /// Every article (all audiences; the portal filters to public ones).
    pub articles: RwSignal<Vec<Article>>,
    /// The search index over `articles`. Read it through [`Kb::search`], which tracks changes.
    pub index: StoredValue<SearchIndex>,
    /// Bumped whenever `index` changes, so searches re-run.
    pub index_version: RwSignal<u64>,
    pub status: RwSignal<KbStatus>,
    pub source: RwSignal<Option<IndexSource>>,
    /// Fingerprint of `articles` as last written or loaded (see `domain::kb::fingerprint`).
    fingerprint: StoredValue<String>,
    pub list: RwSignal<ListState>,
}

/// The shared `Kb`, loading it on first use. Inside the desk shell it is always provided;
/// elsewhere (a page outside the shell) one is provided for the current component tree.
pub fn use_kb() -> Kb {
    let kb = use_context::<Kb>().unwrap_or_else(|| Kb::provide(crate::ui::state::use_desk().db()));
    kb.ensure_loaded();
    kb
}

impl Kb {
    /// Creates the (not yet loaded) knowledge base for `db` and provides it to the component
    /// tree below the caller. Call it once, high up (the shell does).
    pub fn provide(db: Db) -> Kb {
        let kb = Kb {
            db: StoredValue::new_local(db),
            articles: RwSignal::new(Vec::new()),
            index: StoredValue::new(SearchIndex::new()),
            index_version: RwSignal::new(0),
            status: RwSignal::new(KbStatus::Idle),
            source: RwSignal::new(None),
            fingerprint: StoredValue::new(String::new()),
            list: RwSignal::new(ListState { shown: 50, ..ListState::default() }),
        };
        provide_context(kb);
        kb
    }

    pub fn db(&self) -> Db {
        self.db.get_value()
    }

    /// Starts loading unless it has started already.
    pub fn ensure_loaded(&self) {
        if self.status.get_untracked() == KbStatus::Idle {
            self.status.set(KbStatus::Loading);
            let kb = *self;
            leptos::task::spawn_local(async move { kb.load().await });
        }
    }

    /// Reads everything again (after another tab wrote), keeping what is shown until done.
    pub async fn load(self) {
        let db = self.db();
        let articles = match db.all_articles().await {
            Ok(a) => a,
            Err(e) => {
                self.status.set(KbStatus::Failed(e.to_string()));
                return;
            }
        };
        let fp = fingerprint(&articles);
        let stored = db.load_search_index().await.ok().flatten().filter(|s| s.fingerprint == fp);
        let (index, source) = match stored.map(|s| SearchIndex::from_bytes(&s.bytes)) {
            Some(Ok(index)) => (index, IndexSource::Stored),
            other => {
                if let Some(Err(e)) = other {
                    leptos::logging::warn!("{e}; rebuilding the knowledge-base index");
                }
                // Let the page draw "Loading…" before a long build.
                gloo_timers::future::TimeoutFuture::new(0).await;
                let index = SearchIndex::build(articles.iter().map(Doc::from));
                let record = StoredIndex { bytes: index.to_bytes(), fingerprint: fp.clone() };
                if let Err(e) = db.save_search_index(&record).await {
                    // Search still works from memory; the next start rebuilds again.
                    leptos::logging::warn!("the knowledge-base index could not be stored: {e}");
                }
                (index, IndexSource::Rebuilt)
            }
        };
        self.index.set_value(index);
        self.fingerprint.set_value(fp);
        self.articles.set(articles);
        self.source.set(Some(source));
        self.index_version.update(|v| *v += 1);
        self.status.set(KbStatus::Ready);
    }

    /// Reloads when another tab changed the knowledge base since this one last looked.
    pub async fn refresh_if_changed(self) {
        if self.status.get_untracked() != KbStatus::Ready {
            return;
        }
        // No stamp at all: the index store was cleared (an import); reload and rebuild.
        match self.db().kb_stamp().await {
            Ok(Some(stamp)) if stamp == self.fingerprint.get_value() => {}
            Ok(_) => self.load().await,
            Err(_) => {}
        }
    }

    /// Ranked hits (tracks the index, so callers re-run when it changes).
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        self.index_version.track();
        self.index.with_value(|ix| ix.search(query))
    }

    /// One article (tracked).
    pub fn article(&self, id: &str) -> Option<Article> {
        self.articles.with(|list| list.iter().find(|a| a.id == id).cloned())
    }

    pub fn title_of(&self, id: &str) -> Option<String> {
        self.articles.with(|list| list.iter().find(|a| a.id == id).map(|a| a.title.clone()))
    }

    /// Writes an article change (and optionally a ticket change) with the updated index, in
    /// one transaction. On any failure nothing is written and memory is as before.
    pub async fn save(&self, change: ArticleChange, ticket: Option<TicketChange>) -> Result<Article, StorageError> {
        let id = change.article.id.clone();
        let before = self.index.with_value(|ix| ix.get(&id).cloned());
        self.index.update_value(|ix| ix.upsert(Doc::from(&change.article)));
        let fp = self.articles.with_untracked(|list| {
            let others = list.iter().filter(|a| a.id != id);
            fingerprint(others.chain(std::iter::once(&change.article)))
        });
        let record = StoredIndex { bytes: self.index.with_value(|ix| ix.to_bytes()), fingerprint: fp.clone() };
        match self.db().save_article(&change, &record, ticket.as_ref()).await {
            Ok(stored) => {
                self.fingerprint.set_value(fp);
                self.articles.update(|list| match list.iter_mut().find(|a| a.id == id) {
                    Some(slot) => *slot = stored.clone(),
                    None => list.push(stored.clone()),
                });
                self.index_version.update(|v| *v += 1);
                Ok(stored)
            }
            Err(e) => {
                self.index.update_value(|ix| match before {
                    Some(doc) => ix.upsert(doc),
                    None => {
                        ix.remove(&id);
                    }
                });
                Err(e)
            }
        }
    }

    /// Deletes an article with its revisions and updates the index, together.
    pub async fn delete(&self, id: &str) -> Result<bool, StorageError> {
        let before = self.index.with_value(|ix| ix.get(id).cloned());
        self.index.update_value(|ix| {
            ix.remove(id);
        });
        let fp = self.articles.with_untracked(|list| fingerprint(list.iter().filter(|a| a.id != id)));
        let record = StoredIndex { bytes: self.index.with_value(|ix| ix.to_bytes()), fingerprint: fp.clone() };
        match self.db().delete_article(id, &record).await {
            Ok(found) => {
                self.fingerprint.set_value(fp);
                self.articles.update(|list| list.retain(|a| a.id != id));
                self.index_version.update(|v| *v += 1);
                Ok(found)
            }
            Err(e) => {
                if let Some(doc) = before {
                    self.index.update_value(|ix| ix.upsert(doc));
                }
                Err(e)
            }
        }
    }

    /// Counts a reading and shows the new count.
    pub async fn record_view(&self, id: &str) -> Result<(), StorageError> {
        let stored = self.db().record_article_view(id).await?;
        self.take_counters(stored);
        Ok(())
    }

    /// Counts a "was this helpful?" answer and shows the new counts.
    pub async fn record_vote(&self, id: &str, helpful: bool) -> Result<(), StorageError> {
        let stored = self.db().record_article_vote(id, helpful).await?;
        self.take_counters(stored);
        Ok(())
    }

    fn take_counters(&self, stored: Option<Article>) {
        let Some(s) = stored else { return };
        self.articles.update(|list| {
            if let Some(a) = list.iter_mut().find(|a| a.id == s.id) {
                a.views = s.views;
                a.helpful_yes = s.helpful_yes;
                a.helpful_no = s.helpful_no;
            }
        });
    }
}
