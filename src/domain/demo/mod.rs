//! Realistic demo data, the same for the same seed and `now`: a small IT desk in the middle
//! of a working week, with a live backlog.
//!
//! Every ticket's history is made by the real commands (`ticket::create`/`apply`, routing,
//! automatic assignment and escalation) at simulated instants, so it is valid by
//! construction. Each ticket's story (`story.rs`) runs to its end or until `now` cuts it,
//! before the next one starts; agents act within their tier's opening hours, requesters at
//! any time. Tickets come in more densely over the last days, so about a third are still
//! open at `now`: just in, waiting on the requester, an approval or a vendor, or being worked on.

mod articles;
mod people;
mod scenarios;
mod sim;
mod story;
#[cfg(test)]
mod tests;

use chrono::{Datelike, Duration, NaiveTime, Weekday};

use super::article::{Article, ArticleRevision, Audience};
use super::backup::Backup;
use super::defaults::default_config;
use super::model::*;
use super::rng::Rng;

use sim::Sim;

/// How far back the demo tickets go.
const SPAN_DAYS: i64 = 42;

/// A whole demo desk: default settings plus staff in every tier, the knowledge base, and
/// `tickets` tickets created over the six weeks before `now`.
pub fn generate(seed: u64, tickets: usize, now: Time) -> Backup {
    let mut cfg = default_config();
    people::add_staff(&mut cfg);
    let mut rng = Rng::new(seed);
    let (articles, revisions) = knowledge_base(&mut rng.fork(1), now);
    let requesters = people::requesters(&mut rng.fork(2), (tickets / 6).clamp(30, 5000));
    let created = creation_times(&mut rng.fork(3), tickets, now);
    let mut story_rng = rng.fork(4);

    let mut sim = Sim::new(&cfg, now, seed);
    let mut all = Vec::with_capacity(tickets);
    let mut events = Vec::with_capacity(tickets * 12);
    for (i, at) in created.into_iter().enumerate() {
        if let Some((t, h)) = sim.story(i as TicketId + 1, at, &requesters, &mut story_rng) {
            all.push(t);
            events.extend(h);
        }
    }
    let next = all.len() as TicketId + 1;
    let mut b = Backup::new(now, cfg, all, events, articles, revisions, next);
    b.meta.demo_seed = Some(seed);
    b
}

/// Today is 1 + `RECENT_BOOST` times as busy as a quiet day six weeks ago, and the extra halves
/// every `BOOST_HALF_LIFE_DAYS`: the last week holds about 40% of the tickets, which is what lets
/// a third of them still be open at `now` without stories that last for months.
const RECENT_BOOST: f64 = 8.0;
const BOOST_HALF_LIFE_DAYS: f64 = 5.0;

/// Ticket creation instants, oldest first: mostly on weekdays during office hours, more of
/// them in the last days, and a few in the last hour (three in the last 12 minutes, which
/// Tier 1 may not have picked up yet at `now`).
fn creation_times(rng: &mut Rng, n: usize, now: Time) -> Vec<Time> {
    // Relative likelihood of each hour of the day (UTC, like the default calendars).
    const HOURS: [u32; 24] = [
        1, 1, 1, 1, 1, 2, 4, 10, 18, 22, 20, 17, 12, 16, 18, 16, 13, 9, 5, 3, 2, 2, 1, 1,
    ];
    let today = now.date_naive();
    let just_in = (4 + n / 300).min(n);
    let mut out: Vec<Time> = (0..just_in)
        .map(|i| {
            let within = if i < 3 { 12 * 60 } else { 60 * 60 };
            now - Duration::seconds(rng.range(30, within))
        })
        .collect();
    out.extend((just_in..n).map(|_| loop {
        let ago = rng.range(0, SPAN_DAYS - 1);
        let boost = RECENT_BOOST * 0.5f64.powf(ago as f64 / BOOST_HALF_LIFE_DAYS);
        if !rng.chance((1.0 + boost) / (1.0 + RECENT_BOOST)) {
            continue;
        }
        let day = today - Duration::days(ago);
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        if weekend && !rng.chance(0.12) {
            continue;
        }
        let hour = rng.weighted(&HOURS).unwrap_or(9) as u32;
        let minute = rng.below(60) as u32;
        let time = NaiveTime::from_hms_opt(hour, minute, rng.below(60) as u32).unwrap_or_default();
        let t = day.and_time(time).and_utc();
        if t < now {
            break t;
        }
    }));
    out.sort();
    out
}

/// The demo's knowledge base: articles with a few earlier revisions each.
fn knowledge_base(rng: &mut Rng, now: Time) -> (Vec<Article>, Vec<ArticleRevision>) {
    const AUTHORS: [&str; 5] = ["amelia", "priya", "lena", "marco", "mei"];
    let mut articles = vec![];
    let mut revisions = vec![];
    for spec in articles::ARTICLES {
        let created =
            now - Duration::days(rng.range(60, 400)) - Duration::minutes(rng.range(0, 600));
        let updated = (created + Duration::days(rng.range(0, 50))).min(now - Duration::days(1));
        let rev = 1 + rng.below(3) as u32;
        let author = AUTHORS[rng.below(AUTHORS.len() as u64) as usize];
        let (views, yes, no) = match spec.audience {
            Audience::Public => {
                let v = rng.range(40, 3000) as u64;
                (
                    v,
                    v / rng.range(8, 20) as u64,
                    v / rng.range(40, 200) as u64,
                )
            }
            Audience::Internal => (
                rng.range(5, 400) as u64,
                rng.range(0, 30) as u64,
                rng.range(0, 3) as u64,
            ),
            Audience::Draft => (rng.range(0, 12) as u64, 0, 0),
        };
        // Earlier versions: shorter bodies, written between creation and the last update.
        let paragraphs: Vec<&str> = spec.body.split("\n\n").collect();
        for r in 1..rev {
            let keep = (paragraphs.len() * r as usize / rev as usize).max(1);
            let at = created + (updated - created) * r as i32 / rev as i32;
            revisions.push(ArticleRevision {
                article: spec.id.into(),
                rev: r,
                title: spec.title.into(),
                summary: spec.summary.into(),
                body: paragraphs[..keep].join("\n\n"),
                author: author.into(),
                at,
            });
        }
        articles.push(Article {
            id: spec.id.into(),
            rev,
            title: spec.title.into(),
            summary: spec.summary.into(),
            body: spec.body.into(),
            category: spec.category.into(),
            tags: spec.tags.iter().map(|t| t.to_string()).collect(),
            audience: spec.audience,
            language: spec.language.into(),
            author: author.into(),
            created_at: created,
            updated_at: updated.max(created),
            views,
            helpful_yes: yes,
            helpful_no: no,
        });
    }
    (articles, revisions)
}
