//! Knowledge-base benchmark in the browser (wasm, real IndexedDB): 10,000 generated articles.
//! Reports what opening the app costs with a stored index versus a rebuild, what one edit
//! costs (the whole index is stored with every article write), and query latency by kind.
//! Printed, not asserted: run on demand (see the command in browser_articles.rs).
//!
//! The test runner shows console output only for failing tests, so the table is appended to
//! the runner page's `#output` element, which it prints as it goes.

use std::collections::HashMap;

use chrono::{Duration, TimeZone, Utc};
use js_sys::Reflect;
use tierdesk::domain::article::{Article, Audience};
use tierdesk::domain::backup::Backup;
use tierdesk::domain::kb::{self, fingerprint, ArticleDraft};
use tierdesk::domain::rng::Rng;
use tierdesk::domain::search::{Doc, Query, SearchIndex};
use tierdesk::storage::{ArticleChange, Db, StoredIndex};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

const N: usize = 10_000;
const QUERIES: usize = 200;

const CORE: &[&str] = &[
    "password", "reset", "account", "locked", "printer", "paper", "toner", "vpn", "connection", "network", "wifi",
    "laptop", "battery", "screen", "monitor", "docking", "station", "cable", "email", "outlook", "mailbox", "calendar",
    "teams", "meeting", "headset", "microphone", "camera", "software", "install", "update", "windows", "driver",
    "error", "message", "login", "authenticator", "phone", "access", "permission", "folder", "share", "drive", "backup",
    "restore", "license", "request", "portal", "ticket", "support", "browser", "certificate", "security", "phishing",
    "encryption", "bitlocker", "recovery", "keyboard", "bluetooth", "freeze", "crash", "restart", "charger", "profile",
    "policy", "admin", "guest", "badge", "office", "remote", "router", "firewall", "proxy", "storage", "quota",
    "archive", "onedrive", "sharepoint", "excel", "scanner", "voicemail", "extension", "select", "confirm", "minutes",
];
const SYLLABLES: &[&str] = &["ka", "lo", "mi", "ter", "sen", "dra", "vo", "pel", "rin", "tos", "ba", "cu", "fen", "gar", "hol", "jis", "mar", "nor", "pli", "ros", "sti", "tul", "ven", "wex", "zan"];
const CATEGORIES: &[&str] = &["Accounts/Passwords", "Accounts/Multi-factor", "Network/VPN", "Network/Wi-Fi", "Hardware/Printers", "Hardware/Laptops", "Software/Email", "Security"];

fn now_ms() -> f64 {
    let perf = Reflect::get(&js_sys::global(), &JsValue::from_str("performance")).unwrap_or(JsValue::UNDEFINED);
    Reflect::get(&perf, &JsValue::from_str("now"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&perf).ok())
        .and_then(|v| v.as_f64())
        .unwrap_or_else(js_sys::Date::now)
}

fn print(line: &str) {
    let doc = web_sys::window().and_then(|w| w.document());
    match doc.and_then(|d| d.get_element_by_id("output")) {
        Some(el) => {
            let mut text = el.text_content().unwrap_or_default();
            text.push_str(line);
            text.push('\n');
            el.set_text_content(Some(&text));
        }
        None => console_log!("{line}"),
    }
}

fn vocabulary(rng: &mut Rng) -> Vec<String> {
    let mut words: Vec<String> = CORE.iter().map(|w| w.to_string()).collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < 20_000 {
        let parts = 2 + rng.below(3) as usize;
        let w: String = (0..parts).map(|_| SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize]).collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

/// Log-uniform rank: a cheap Zipf-like draw.
fn zipf(rng: &mut Rng, n: usize) -> usize {
    (((n as f64 + 1.0).powf(rng.unit()) - 1.0) as usize).min(n - 1)
}

fn words(rng: &mut Rng, vocab: &[String], n: usize) -> String {
    (0..n).map(|_| vocab[zipf(rng, vocab.len())].as_str()).collect::<Vec<_>>().join(" ")
}

/// ~300 words of Markdown per article: headings, paragraphs and a list.
fn generate(rng: &mut Rng, vocab: &[String]) -> Vec<Article> {
    let t0 = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).unwrap();
    (0..N)
        .map(|i| {
            let body = format!(
                "## {}\n\n{}.\n\n- {}\n- {}\n- {}\n\n## {}\n\n{}.\n\n{}.",
                words(rng, vocab, 3),
                words(rng, vocab, 80),
                words(rng, vocab, 10),
                words(rng, vocab, 10),
                words(rng, vocab, 10),
                words(rng, vocab, 2),
                words(rng, vocab, 90),
                words(rng, vocab, 90)
            );
            let title_len = 4 + rng.below(4) as usize;
            let d = ArticleDraft {
                title: words(rng, vocab, title_len),
                summary: words(rng, vocab, 14),
                body,
                category: CATEGORIES[i % CATEGORIES.len()].into(),
                tags: (0..3).map(|_| vocab[zipf(rng, 300)].clone()).collect(),
                audience: if i % 4 == 0 { Audience::Internal } else { Audience::Public },
                language: "en".into(),
            };
            let mut a = kb::new_article(&format!("kb-{i}"), &d, "bench", t0 + Duration::minutes(i as i64)).expect("generated drafts are valid");
            a.views = rng.below(3000);
            a
        })
        .collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[(((sorted.len() - 1) as f64) * p).round() as usize]
}

#[wasm_bindgen_test]
#[ignore = "benchmark: run on demand with --include-ignored (see the file header)"]
async fn bench_10k_articles() {
    let name = "kb-bench";
    Db::delete(name).await.expect("delete");
    let db = Db::open(name).await.expect("open");
    let mut rng = Rng::new(20_260_504);
    let vocab = vocabulary(&mut rng);
    let articles = generate(&mut rng, &vocab);
    let mut rows: Vec<(String, String)> = vec![];
    let mut row = |what: &str, value: String| rows.push((what.to_string(), value));

    let t = now_ms();
    let backup = Backup::new(Utc::now(), tierdesk::domain::defaults::default_config(), vec![], vec![], articles.clone(), vec![], 1);
    db.replace_all(&backup, &HashMap::new()).await.expect("write articles");
    row("write 10,000 articles (one transaction)", format!("{:.0} ms", now_ms() - t));

    // Opening the app without a stored index: read, rebuild, store.
    let t = now_ms();
    let loaded = db.all_articles().await.expect("read");
    let read_ms = now_ms() - t;
    let t = now_ms();
    let fp = fingerprint(&loaded);
    let fp_ms = now_ms() - t;
    let t = now_ms();
    let index = SearchIndex::build(loaded.iter().map(Doc::from));
    let build_ms = now_ms() - t;
    let t = now_ms();
    let bytes = index.to_bytes();
    let to_bytes_ms = now_ms() - t;
    let t = now_ms();
    db.save_search_index(&StoredIndex { bytes: bytes.clone(), fingerprint: fp.clone() }).await.expect("store index");
    let store_ms = now_ms() - t;
    row("read all articles (IndexedDB + decode)", format!("{read_ms:.0} ms"));
    row("fingerprint of the articles", format!("{fp_ms:.1} ms"));
    row("index build (rebuild)", format!("{build_ms:.0} ms ({} terms)", index.term_count()));
    row("index to_bytes", format!("{to_bytes_ms:.0} ms ({:.1} MB)", bytes.len() as f64 / 1e6));
    row("store index bytes (IndexedDB)", format!("{store_ms:.0} ms"));

    // Opening the app with the stored index: read bytes, load.
    let t = now_ms();
    let stored = db.load_search_index().await.expect("read index").expect("stored");
    let read_index_ms = now_ms() - t;
    let t = now_ms();
    let reloaded = SearchIndex::from_bytes(&stored.bytes).expect("loads");
    let from_bytes_ms = now_ms() - t;
    row("read index bytes (IndexedDB)", format!("{read_index_ms:.0} ms"));
    row("index load (from_bytes)", format!("{from_bytes_ms:.0} ms"));
    row(
        "open with stored index / with rebuild",
        format!("{:.0} ms / {:.0} ms", read_ms + fp_ms + read_index_ms + from_bytes_ms, read_ms + fp_ms + build_ms + to_bytes_ms + store_ms),
    );

    // One edit at this size: upsert, to_bytes, and the article + index transaction.
    let mut ix = reloaded;
    let mut current = loaded.clone();
    let mut edits = vec![];
    for i in 0..5 {
        let cur = current[i].clone();
        let t = now_ms();
        let r = kb::revise(&cur, &ArticleDraft { body: format!("{}\n\nEdited.", cur.body), ..ArticleDraft::of(&cur) }, "bench", Utc::now())
            .expect("valid")
            .expect("changed");
        ix.upsert(Doc::from(&r.article));
        current[i] = r.article.clone();
        let record = StoredIndex { bytes: ix.to_bytes(), fingerprint: fingerprint(&current) };
        db.save_article(&ArticleChange { expected_rev: Some(cur.rev), article: r.article, previous: Some(r.previous) }, &record, None)
            .await
            .expect("save");
        edits.push(now_ms() - t);
    }
    edits.sort_by(f64::total_cmp);
    row("save one edit (index + article, one transaction)", format!("median {:.0} ms", percentile(&edits, 0.5)));

    // Queries (limit 10, snippets included), by kind.
    let pick = |rng: &mut Rng, min: usize| loop {
        let w = &vocab[zipf(rng, vocab.len())];
        if w.len() >= min {
            break w.clone();
        }
    };
    let mut kinds: Vec<(&str, Vec<String>)> = vec![];
    kinds.push(("single word", (0..QUERIES).map(|_| pick(&mut rng, 3) + " ").collect()));
    kinds.push((
        "phrase",
        (0..QUERIES)
            .map(|_| {
                let d = &current[rng.below(N as u64) as usize];
                let ws: Vec<&str> = d.summary.split(' ').collect();
                let i = rng.below(ws.len().saturating_sub(2).max(1) as u64) as usize;
                format!("\"{}\"", ws[i..(i + 2).min(ws.len())].join(" "))
            })
            .collect(),
    ));
    kinds.push(("prefix (typing)", (0..QUERIES).map(|_| pick(&mut rng, 6).chars().take(3 + rng.below(3) as usize).collect()).collect()));
    kinds.push((
        "typo",
        (0..QUERIES)
            .map(|_| {
                let mut w: Vec<char> = pick(&mut rng, 6).chars().collect();
                let i = 1 + rng.below(w.len() as u64 - 2) as usize;
                match rng.below(3) {
                    0 => w[i] = 'x',
                    1 => {
                        w.remove(i);
                    }
                    _ => w.swap(i, i + 1),
                }
                w.into_iter().collect::<String>() + " "
            })
            .collect(),
    ));
    for (kind, queries) in kinds {
        let mut times = Vec::with_capacity(queries.len());
        let mut found = 0;
        for q in &queries {
            let query = Query { limit: 10, ..Query::new(q.as_str()) };
            let t = now_ms();
            let hits = ix.search(&query);
            times.push(now_ms() - t);
            found += usize::from(!hits.is_empty());
        }
        times.sort_by(f64::total_cmp);
        row(
            &format!("query: {kind}"),
            format!("median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({found}/{} found)", percentile(&times, 0.5), percentile(&times, 0.95), percentile(&times, 1.0), queries.len()),
        );
    }

    let width = rows.iter().map(|(w, _)| w.chars().count()).max().unwrap_or(0);
    print("");
    print(&format!("Knowledge base, {N} articles (wasm in headless Chromium)"));
    print(&format!("{:-<1$}", "", width + 40));
    for (what, value) in &rows {
        print(&format!("{what:<width$}  {value}"));
    }
    db.close();
    Db::delete(name).await.expect("clean up");
}
