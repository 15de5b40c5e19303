//! "Articles to fix": where the knowledge base lets people down most. Two lists: articles read
//! often but rated unhelpful, and articles agents link to tickets most (a sign the article
//! does not answer the question on its own, or that it should be public).

use std::collections::HashMap;

use crate::domain::article::{Article, Audience};

/// One article on the "to fix" list with the figures that put it there.
#[derive(Clone, Debug, PartialEq)]
pub struct ToFix {
    pub id: String,
    pub views: u64,
    pub yes: u64,
    pub no: u64,
    /// Readers estimated to have found no help: see [`unhelpful_score`].
    pub score: f64,
}

/// Views times the share of "not helpful" votes, smoothed (one imaginary vote each way) so a
/// single early "no" does not top the list and an article without votes counts as 50/50.
pub fn unhelpful_score(views: u64, yes: u64, no: u64) -> f64 {
    views as f64 * (no as f64 + 1.0) / ((yes + no) as f64 + 2.0)
}

/// Published articles (public or internal) ranked by [`unhelpful_score`], highest first, at
/// most `limit`. Drafts are left out: nobody is meant to read them yet.
pub fn least_helpful(articles: &[Article], limit: usize) -> Vec<ToFix> {
    let mut out: Vec<ToFix> = articles
        .iter()
        .filter(|a| a.audience != Audience::Draft && a.views > 0)
        .map(|a| ToFix {
            id: a.id.clone(),
            views: a.views,
            yes: a.helpful_yes,
            no: a.helpful_no,
            score: unhelpful_score(a.views, a.helpful_yes, a.helpful_no),
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    out.truncate(limit);
    out
}

/// Article ids by how many tickets link them, most first (ties by id), at most `limit`.
pub fn most_linked(counts: &HashMap<String, usize>, limit: usize) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = counts.iter().filter(|(_, n)| **n > 0).map(|(id, n)| (id.clone(), *n)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn art(id: &str, audience: Audience, views: u64, yes: u64, no: u64) -> Article {
        let t = Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).single().unwrap_or_default();
        Article {
            id: id.into(),
            rev: 1,
            title: id.into(),
            summary: String::new(),
            body: String::new(),
            category: String::new(),
            tags: vec![],
            audience,
            language: "en".into(),
            author: String::new(),
            created_at: t,
            updated_at: t,
            views,
            helpful_yes: yes,
            helpful_no: no,
        }
    }

    #[test]
    fn score_by_hand() {
        // 1000 views, 8 yes, 0 no: 1000 * 1 / 10 = 100.
        assert_eq!(unhelpful_score(1000, 8, 0), 100.0);
        // 200 views, 2 yes, 6 no: 200 * 7 / 10 = 140.
        assert_eq!(unhelpful_score(200, 2, 6), 140.0);
        assert_eq!(unhelpful_score(50, 0, 0), 25.0);
    }

    #[test]
    fn least_helpful_ranks_by_unhappy_readers_and_skips_drafts() {
        let list = [
            art("popular-good", Audience::Public, 1000, 8, 0),
            art("smaller-bad", Audience::Public, 200, 2, 6),
            art("internal", Audience::Internal, 50, 0, 0),
            art("draft-bad", Audience::Draft, 5000, 0, 50),
            art("unread", Audience::Public, 0, 0, 0),
        ];
        let ids: Vec<String> = least_helpful(&list, 10).into_iter().map(|f| f.id).collect();
        assert_eq!(ids, ["smaller-bad", "popular-good", "internal"]);
        assert_eq!(least_helpful(&list, 1).len(), 1);
    }

    #[test]
    fn most_linked_sorts_by_count_then_id() {
        let counts: HashMap<String, usize> = [("b", 3), ("a", 3), ("c", 7), ("z", 0)].into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        assert_eq!(most_linked(&counts, 10), [("c".to_string(), 7), ("a".to_string(), 3), ("b".to_string(), 3)]);
        assert_eq!(most_linked(&counts, 1).len(), 1);
    }
}
