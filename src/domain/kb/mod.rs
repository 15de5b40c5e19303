//! Knowledge-base rules: what an article edit may contain, how a save keeps the previous
//! version as a revision, and how a restore brings an old one back (as a new revision, so
//! history only ever grows). Also the pure helpers the KB pages share: category tree,
//! "articles to fix", drafts from tickets, anchors and highlight segments.
//!
//! Pure: the caller passes `now` and the author.

mod fix;
mod from_ticket;
mod text;
mod tree;

pub use fix::{least_helpful, most_linked, unhelpful_score, ToFix};
pub use from_ticket::{draft_from_ticket, DraftHeadings};
pub use text::{fingerprint, highlight_segments, slug, unique_id, Anchors};
pub use tree::{category_tree, CategoryNode};

use super::article::{Article, ArticleRevision, Audience};
use super::model::Time;
use super::search::Filters;
use super::ticket::normalize_tags;

pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 500;
pub const MAX_BODY: usize = 100_000;
pub const MAX_CATEGORY: usize = 200;
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG: usize = 50;

/// The fields a person edits. Counters, author and times are not part of it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ArticleDraft {
    pub title: String,
    pub summary: String,
    /// Markdown.
    pub body: String,
    /// "Hardware/Printers"; segments are trimmed and empty ones dropped.
    pub category: String,
    pub tags: Vec<String>,
    pub audience: Audience,
    pub language: String,
}

/// Which field a problem concerns (the UI puts the message next to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Summary,
    Body,
    Category,
    Tags,
    Language,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Body => "body",
            Field::Category => "category",
            Field::Tags => "tags",
            Field::Language => "language",
        }
    }
}

/// Why a draft cannot be saved. The UI words these in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Required(Field),
    /// The field is longer than `max` characters (for tags: one tag is).
    TooLong { field: Field, max: usize },
    TooManyTags { max: usize },
    /// Not a language tag such as "en", "de" or "zh-CN".
    BadLanguage,
}

impl Problem {
    pub fn field(&self) -> Field {
        match self {
            Problem::Required(f) | Problem::TooLong { field: f, .. } => *f,
            Problem::TooManyTags { .. } => Field::Tags,
            Problem::BadLanguage => Field::Language,
        }
    }

    /// English wording, for logs and the CLI.
    pub fn message(&self) -> String {
        match self {
            Problem::Required(f) => format!("{} is required", f.as_str()),
            Problem::TooLong { field: Field::Tags, max } => format!("a tag is longer than {max} characters"),
            Problem::TooLong { field, max } => format!("{} is longer than {max} characters", field.as_str()),
            Problem::TooManyTags { max } => format!("an article has at most {max} tags"),
            Problem::BadLanguage => "language must be a tag such as en, de or zh-CN".into(),
        }
    }
}

impl ArticleDraft {
    /// The editable fields of an article.
    pub fn of(a: &Article) -> Self {
        ArticleDraft {
            title: a.title.clone(),
            summary: a.summary.clone(),
            body: a.body.clone(),
            category: a.category.clone(),
            tags: a.tags.clone(),
            audience: a.audience,
            language: a.language.clone(),
        }
    }

    /// Trimmed title, summary and language; category segments trimmed; tags normalised like
    /// ticket tags (lowercase, spaces to dashes, no duplicates). The body is kept as typed
    /// apart from trailing whitespace.
    pub fn normalized(&self) -> Self {
        ArticleDraft {
            title: self.title.trim().to_string(),
            summary: self.summary.trim().to_string(),
            body: self.body.trim_end().to_string(),
            category: normalize_category(&self.category),
            tags: normalize_tags(&self.tags),
            audience: self.audience,
            language: self.language.trim().to_string(),
        }
    }

    /// Everything wrong with the (normalised) draft; empty when it may be saved.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let len = |s: &str| s.chars().count();
        if self.title.trim().is_empty() {
            out.push(Problem::Required(Field::Title));
        }
        for (field, value, max) in [
            (Field::Title, &self.title, MAX_TITLE),
            (Field::Summary, &self.summary, MAX_SUMMARY),
            (Field::Body, &self.body, MAX_BODY),
            (Field::Category, &self.category, MAX_CATEGORY),
        ] {
            if len(value) > max {
                out.push(Problem::TooLong { field, max });
            }
        }
        if self.body.trim().is_empty() {
            out.push(Problem::Required(Field::Body));
        }
        if self.tags.len() > MAX_TAGS {
            out.push(Problem::TooManyTags { max: MAX_TAGS });
        }
        if self.tags.iter().any(|t| len(t) > MAX_TAG) {
            out.push(Problem::TooLong { field: Field::Tags, max: MAX_TAG });
        }
        if !is_language_tag(self.language.trim()) {
            out.push(Problem::BadLanguage);
        }
        out
    }
}

/// "Hardware / Printers/" -> "Hardware/Printers".
pub fn normalize_category(path: &str) -> String {
    path.split('/').map(str::trim).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("/")
}

/// A BCP 47-shaped tag: a 2-3 letter language, then subtags of 1-8 letters or digits.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A new article (revision 1) from a draft, or what is wrong with the draft.
pub fn new_article(id: &str, draft: &ArticleDraft, author: &str, now: Time) -> Result<Article, Vec<Problem>> {
    let d = draft.normalized();
    let problems = d.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Article {
        id: id.to_string(),
        rev: 1,
        title: d.title,
        summary: d.summary,
        body: d.body,
        category: d.category,
        tags: d.tags,
        audience: d.audience,
        language: d.language,
        author: author.to_string(),
        created_at: now,
        updated_at: now,
        views: 0,
        helpful_yes: 0,
        helpful_no: 0,
    })
}

/// The current version as it will be kept in the revision history.
pub fn as_revision(a: &Article) -> ArticleRevision {
    ArticleRevision {
        article: a.id.clone(),
        rev: a.rev,
        title: a.title.clone(),
        summary: a.summary.clone(),
        body: a.body.clone(),
        author: a.author.clone(),
        at: a.updated_at,
    }
}

/// A saved edit: the new current version and the previous one, kept as a revision.
#[derive(Clone, Debug, PartialEq)]
pub struct Revised {
    pub article: Article,
    pub previous: ArticleRevision,
}

/// Applies a draft to `current`. `Ok(None)` when nothing changed (nothing to save).
/// Counters (views, votes) and the creation time carry over; the revision goes up by one.
pub fn revise(current: &Article, draft: &ArticleDraft, author: &str, now: Time) -> Result<Option<Revised>, Vec<Problem>> {
    let d = draft.normalized();
    let problems = d.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    if d == ArticleDraft::of(current).normalized() {
        return Ok(None);
    }
    let article = Article {
        rev: current.rev + 1,
        title: d.title,
        summary: d.summary,
        body: d.body,
        category: d.category,
        tags: d.tags,
        audience: d.audience,
        language: d.language,
        author: author.to_string(),
        // A clock that went backwards (another device) must not put the edit before the last.
        updated_at: now.max(current.updated_at),
        ..current.clone()
    };
    Ok(Some(Revised { article, previous: as_revision(current) }))
}

/// Brings back an old revision's title, summary and body as a new revision (category, tags,
/// audience and language are not kept per revision and stay as they are now).
pub fn restore(current: &Article, old: &ArticleRevision, author: &str, now: Time) -> Result<Option<Revised>, Vec<Problem>> {
    let draft = ArticleDraft {
        title: old.title.clone(),
        summary: old.summary.clone(),
        body: old.body.clone(),
        ..ArticleDraft::of(current)
    };
    revise(current, &draft, author, now)
}

/// Whether an article passes search filters without a query (the list before anyone types):
/// the same rules the index applies before ranking. Category: whole leading segments,
/// ignoring case; language: "de" takes "de", "de-CH"; audiences: empty takes all.
pub fn passes(f: &Filters, a: &Article) -> bool {
    if !f.audiences.is_empty() && !f.audiences.contains(&a.audience) {
        return false;
    }
    if let Some(cat) = f.category.as_deref().map(normalize_category).filter(|c| !c.is_empty()) {
        let have = normalize_category(&a.category).to_lowercase();
        let cat = cat.to_lowercase();
        if !(have == cat || have.starts_with(&format!("{cat}/"))) {
            return false;
        }
    }
    if let Some(lang) = f.language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        let have = a.language.trim().to_lowercase().replace('_', "-");
        let lang = lang.to_lowercase().replace('_', "-");
        if !(have == lang || have.starts_with(&format!("{lang}-"))) {
            return false;
        }
    }
    true
}

/// Share of "helpful" votes, `None` without votes.
pub fn helpful_share(a: &Article) -> Option<f64> {
    let total = a.helpful_yes + a.helpful_no;
    (total > 0).then(|| a.helpful_yes as f64 / total as f64)
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;

    fn at(h: u32) -> Time {
        Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0).single().unwrap_or_default()
    }

    fn draft(title: &str, body: &str) -> ArticleDraft {
        ArticleDraft { title: title.into(), body: body.into(), language: "en".into(), ..ArticleDraft::default() }
    }

    #[test]
    fn a_new_article_is_revision_one_with_normalised_fields() {
        let d = ArticleDraft {
            category: " Hardware / Printers/ ".into(),
            tags: vec!["Paper Jam".into(), "paper-jam".into(), " ".into()],
            summary: "  Clear it.  ".into(),
            ..draft("  Clear a paper jam ", "Open tray 2.\n\n")
        };
        let a = new_article("printer-jam", &d, "amelia", at(9)).expect("valid draft");
        assert_eq!((a.rev, a.title.as_str(), a.summary.as_str()), (1, "Clear a paper jam", "Clear it."));
        assert_eq!(a.category, "Hardware/Printers");
        assert_eq!(a.tags, ["paper-jam"]);
        assert_eq!(a.body, "Open tray 2.");
        assert_eq!((a.created_at, a.updated_at, a.views), (at(9), at(9), 0));
    }

    #[test]
    fn problems_name_their_fields() {
        let mut d = draft(" ", "");
        d.language = "english!".into();
        d.tags = (0..21).map(|i| format!("t{i}")).collect();
        let p = new_article("x", &d, "a", at(9)).expect_err("invalid draft");
        let fields: Vec<&str> = p.iter().map(|p| p.field().as_str()).collect();
        assert_eq!(fields, ["title", "body", "tags", "language"]);
        assert_eq!(p[2].message(), "an article has at most 20 tags");
        let long = draft(&"x".repeat(201), "ok");
        assert_eq!(long.problems(), [Problem::TooLong { field: Field::Title, max: 200 }]);
    }

    #[test]
    fn language_tags() {
        for ok in ["en", "de", "zh-CN", "de-CH", "zh-Hans-CN", "gsw"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english", "de-", "zh-Hans-CN-toolongsubtag", "d3"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn revise_keeps_the_previous_version_and_the_counters() {
        let mut a = new_article("vpn", &draft("VPN", "Old text."), "amelia", at(9)).expect("valid");
        a.views = 40;
        a.helpful_yes = 3;
        let edited = ArticleDraft { body: "New text.".into(), ..ArticleDraft::of(&a) };
        let r = revise(&a, &edited, "marco", at(11)).expect("valid").expect("changed");
        assert_eq!((r.article.rev, r.article.body.as_str(), r.article.author.as_str()), (2, "New text.", "marco"));
        assert_eq!((r.article.views, r.article.helpful_yes, r.article.created_at, r.article.updated_at), (40, 3, at(9), at(11)));
        assert_eq!((r.previous.rev, r.previous.body.as_str(), r.previous.author.as_str(), r.previous.at), (1, "Old text.", "amelia", at(9)));
        // Unchanged (after normalising) is nothing to save.
        let same = ArticleDraft { title: " VPN ".into(), ..ArticleDraft::of(&r.article) };
        assert_eq!(revise(&r.article, &same, "marco", at(12)), Ok(None));
        // A clock behind the last edit does not move the article back in time.
        let back = ArticleDraft { body: "Again.".into(), ..ArticleDraft::of(&r.article) };
        let r2 = revise(&r.article, &back, "mei", at(10)).expect("valid").expect("changed");
        assert_eq!(r2.article.updated_at, at(11));
    }

    #[test]
    fn restore_brings_back_old_text_as_a_new_revision() {
        let a = new_article("vpn", &draft("VPN", "First."), "amelia", at(9)).expect("valid");
        let mut b = revise(&a, &ArticleDraft { body: "Second.".into(), category: "Network".into(), ..ArticleDraft::of(&a) }, "marco", at(10))
            .expect("valid")
            .expect("changed");
        let first = b.previous.clone();
        b.article.views = 7;
        let r = restore(&b.article, &first, "mei", at(11)).expect("valid").expect("changed");
        assert_eq!((r.article.rev, r.article.body.as_str()), (3, "First."));
        assert_eq!(r.article.category, "Network", "category is not part of a revision");
        assert_eq!((r.previous.rev, r.previous.body.as_str()), (2, "Second."));
        assert_eq!(r.article.views, 7);
        // Restoring the version that is already current changes nothing.
        let again = as_revision(&r.article);
        assert_eq!(restore(&r.article, &again, "mei", at(12)), Ok(None));
    }

    #[test]
    fn filters_without_a_query_match_the_index_rules() {
        let mut a = new_article("x", &ArticleDraft { category: "Hardware/Printers".into(), language: "de-CH".into(), ..draft("X", "Y") }, "a", at(9)).expect("valid");
        a.audience = Audience::Public;
        let f = |cat: Option<&str>, aud: Vec<Audience>, lang: Option<&str>| Filters { category: cat.map(Into::into), audiences: aud, language: lang.map(Into::into) };
        assert!(passes(&Filters::default(), &a));
        assert!(passes(&f(Some("hardware/"), vec![], None), &a));
        assert!(passes(&f(Some("Hardware/Printers"), vec![Audience::Public], Some("de")), &a));
        assert!(!passes(&f(Some("Hard"), vec![], None), &a), "whole segments only");
        assert!(!passes(&f(None, vec![Audience::Draft, Audience::Internal], None), &a));
        assert!(passes(&f(None, vec![], Some("DE-ch")), &a));
        assert!(!passes(&f(None, vec![], Some("de-AT")), &a));
        assert!(!passes(&f(None, vec![], Some("d")), &a));
    }

    #[test]
    fn helpful_share_counts_votes() {
        let mut a = new_article("x", &draft("X", "Y"), "a", at(9)).expect("valid");
        assert_eq!(helpful_share(&a), None);
        a.helpful_yes = 3;
        a.helpful_no = 1;
        assert_eq!(helpful_share(&a), Some(0.75));
    }
}
