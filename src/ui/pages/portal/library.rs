//! The public articles and their search, as the portal sees them: the shared knowledge base
//! (`kb::state::Kb`) narrowed to articles with the Public audience. Every list and every
//! search here filters to Public first, so internal articles and drafts never reach the portal.

use leptos::prelude::*;

use crate::domain::article::{Article, Audience};
use crate::domain::search::{Filters, Hit, Query};
use crate::domain::self_service::articles::language_first;
use crate::ui::i18n::lang;
use crate::ui::pages::kb::state::{use_kb, Kb, KbStatus};

#[derive(Clone, Copy)]
pub struct Library {
    kb: Kb,
}

impl Library {
    pub fn new() -> Library {
        Library { kb: use_kb() }
    }

    /// Whether loading has finished (or failed: then the lists are empty).
    pub fn loaded(&self) -> bool {
        matches!(self.kb.status.get(), KbStatus::Ready | KbStatus::Failed(_))
    }

    /// Runs `f` over the public articles (tracked).
    pub fn with_public<R>(&self, f: impl FnOnce(&[&Article]) -> R) -> R {
        self.kb.articles.with(|all| {
            let public: Vec<&Article> = all.iter().filter(|a| a.audience == Audience::Public).collect();
            f(&public)
        })
    }

    /// The articles `pick` chooses among the public ones, the page's language first (tracked).
    pub fn sorted(&self, pick: impl FnOnce(&[&Article]) -> Vec<Article>) -> Vec<Article> {
        language_first(self.with_public(pick), lang().tag(), |a| a.language.as_str())
    }

    /// A public article (tracked); `None` for internal articles and drafts too.
    pub fn get(&self, id: &str) -> Option<Article> {
        self.kb.article(id).filter(|a| a.audience == Audience::Public)
    }

    /// Ranked public hits for `text`, the page's language first (tracked).
    pub fn search(&self, text: &str, limit: usize) -> Vec<Hit> {
        if text.trim().is_empty() {
            return vec![];
        }
        let query = Query {
            text: text.to_string(),
            filters: Filters { audiences: vec![Audience::Public], ..Filters::default() },
            limit,
        };
        let hits = self.kb.search(&query);
        let tagged: Vec<(String, Hit)> = hits
            .into_iter()
            .map(|h| (self.kb.index.with_value(|i| i.get(&h.id).map(|d| d.language.clone()).unwrap_or_default()), h))
            .collect();
        language_first(tagged, lang().tag(), |(l, _)| l.as_str()).into_iter().map(|(_, h)| h).collect()
    }

    /// Counts a reading (the shown counters follow).
    pub fn record_view(&self, id: String) {
        let kb = self.kb;
        leptos::task::spawn_local(async move {
            let _ = kb.record_view(&id).await;
        });
    }

    /// Counts a "was this helpful?" answer.
    pub fn record_vote(&self, id: String, yes: bool) {
        let kb = self.kb;
        leptos::task::spawn_local(async move {
            let _ = kb.record_vote(&id, yes).await;
        });
    }
}
