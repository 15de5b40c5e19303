//! Choosing which knowledge-base articles the portal shows: public ones only, in the
//! requester's language first, by category, the popular ones, and related ones. (The
//! category tree itself is `kb::category_tree`, shared with the agents' knowledge base.)

use crate::domain::article::{Article, Audience};

/// Whether two BCP 47 tags name the same language ("zh-CN" and "zh", "de" and "de-AT").
pub fn same_language(a: &str, b: &str) -> bool {
    let primary = |t: &str| t.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase();
    let (a, b) = (primary(a), primary(b));
    !a.is_empty() && a == b
}

/// Items in `lang` first, then the others; the order within each group is kept.
pub fn language_first<T>(items: Vec<T>, lang: &str, lang_of: impl Fn(&T) -> &str) -> Vec<T> {
    let (mut mine, others): (Vec<T>, Vec<T>) = items.into_iter().partition(|i| same_language(lang_of(i), lang));
    mine.extend(others);
    mine
}

/// The articles requesters may read.
pub fn public(articles: &[Article]) -> Vec<&Article> {
    articles.iter().filter(|a| a.audience == Audience::Public).collect()
}

/// The segments of a category path: "Hardware / Printers" is ["Hardware", "Printers"].
pub fn segments(path: &str) -> Vec<&str> {
    path.split('/').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// Whether `category` is `path` or below it, whole segments, ignoring case.
pub fn in_category(category: &str, path: &str) -> bool {
    let (c, p) = (segments(category), segments(path));
    p.len() <= c.len() && c.iter().zip(&p).all(|(a, b)| a.to_lowercase() == b.to_lowercase())
}

/// The most read articles: views, then "helpful" votes, then title.
pub fn popular<'a>(articles: &[&'a Article], n: usize) -> Vec<&'a Article> {
    let mut v = articles.to_vec();
    v.sort_by(|a, b| b.views.cmp(&a.views).then(b.helpful_yes.cmp(&a.helpful_yes)).then(a.title.cmp(&b.title)));
    v.truncate(n);
    v
}

/// Articles related to `to`: the same category (3 points), the same top category (1), and
/// each shared tag (2). Articles with no points are not related; ties go by views.
pub fn related<'a>(to: &Article, articles: &[&'a Article], n: usize) -> Vec<&'a Article> {
    let top = |c: &str| segments(c).first().map(|s| s.to_lowercase());
    let mut scored: Vec<(u32, &Article)> = articles
        .iter()
        .filter(|a| a.id != to.id)
        .map(|a| {
            let mut s = 0;
            if !to.category.is_empty() && in_category(&a.category, &to.category) && in_category(&to.category, &a.category) {
                s += 3;
            } else if top(&a.category).is_some() && top(&a.category) == top(&to.category) {
                s += 1;
            }
            s += 2 * a.tags.iter().filter(|t| to.tags.iter().any(|u| u.eq_ignore_ascii_case(t))).count() as u32;
            (s, *a)
        })
        .filter(|(s, _)| *s > 0)
        .collect();
    scored.sort_by(|(sa, a), (sb, b)| sb.cmp(sa).then(b.views.cmp(&a.views)).then(a.title.cmp(&b.title)));
    scored.into_iter().take(n).map(|(_, a)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, category: &str, tags: &[&str], language: &str, views: u64) -> Article {
        let t = chrono::DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z").unwrap().to_utc();
        Article {
            id: id.into(),
            rev: 1,
            title: id.to_uppercase(),
            summary: String::new(),
            body: String::new(),
            category: category.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            audience: Audience::Public,
            language: language.into(),
            author: String::new(),
            created_at: t,
            updated_at: t,
            views,
            helpful_yes: 0,
            helpful_no: 0,
        }
    }

    #[test]
    fn languages_compare_by_primary_subtag() {
        assert!(same_language("zh-CN", "zh"));
        assert!(same_language("de", "DE-at"));
        assert!(!same_language("en", "de"));
        assert!(!same_language("", ""));
        let order = language_first(vec![("a", "en"), ("b", "de"), ("c", "en-GB"), ("d", "de-CH")], "de", |x| x.1);
        assert_eq!(order.iter().map(|x| x.0).collect::<String>(), "bdac");
    }

    #[test]
    fn category_membership_is_by_whole_segments() {
        assert!(in_category("Hardware/Printers", "hardware"));
        assert!(in_category("Hardware/Printers", "Hardware / Printers"));
        assert!(!in_category("Hardwareless", "Hardware"));
        assert!(!in_category("Hardware", "Hardware/Printers"));
    }

    #[test]
    fn popular_and_related() {
        let a = article("a", "Accounts/Passwords", &["password"], "en", 5);
        let b = article("b", "Accounts/Passwords", &[], "en", 1);
        let c = article("c", "Accounts/MFA", &["password", "phone"], "en", 9);
        let d = article("d", "Accounts", &[], "en", 50);
        let e = article("e", "Network", &[], "en", 100);
        let all = vec![&a, &b, &c, &d, &e];
        let pop: Vec<&str> = popular(&all, 3).iter().map(|x| x.id.as_str()).collect();
        assert_eq!(pop, ["e", "d", "c"]);
        // c: top category 1 + tag 2 = 3, b: same category 3 (fewer views), d: top category 1.
        let rel: Vec<&str> = related(&a, &all, 5).iter().map(|x| x.id.as_str()).collect();
        assert_eq!(rel, ["c", "b", "d"]);
    }
}
