//! Speed on generated articles. Run with
//! `cargo test --release --lib search::bench -- --ignored --nocapture`.
//!
//! Articles are ~300 words drawn from a Zipf-like vocabulary of 20,000 words (help-desk words
//! plus made-up ones), so common words have long postings and the dictionary is realistically
//! large for prefix and typo lookups. Test-only: the domain never reads the clock.

use std::time::{Duration, Instant};

use super::{Doc, Query, SearchIndex};
use crate::domain::article::Audience;
use crate::domain::rng::Rng;

const CORE: &[&str] = &[
    "password", "reset", "account", "locked", "printer", "print", "paper", "toner", "vpn", "connection", "network",
    "wifi", "laptop", "battery", "screen", "monitor", "display", "docking", "station", "cable", "email", "outlook",
    "mailbox", "calendar", "teams", "meeting", "audio", "headset", "microphone", "camera", "software", "install",
    "update", "windows", "mac", "driver", "error", "message", "login", "sign", "authenticator", "phone", "mobile",
    "access", "permission", "folder", "share", "drive", "file", "backup", "restore", "license", "request", "portal",
    "ticket", "support", "desk", "agent", "escalate", "server", "database", "browser", "chrome", "firefox", "edge",
    "cache", "cookie", "certificate", "security", "virus", "phishing", "report", "encryption", "bitlocker", "key",
    "recovery", "keyboard", "mouse", "usb", "bluetooth", "speaker", "sound", "slow", "freeze", "crash", "restart",
    "shutdown", "power", "charger", "adapter", "settings", "profile", "group", "policy", "admin", "rights", "user",
    "guest", "visitor", "badge", "office", "remote", "home", "router", "firewall", "proxy", "dns", "address",
    "storage", "disk", "space", "quota", "archive", "delete", "recover", "sync", "onedrive", "sharepoint", "excel",
    "word", "powerpoint", "pdf", "scanner", "scan", "copy", "fax", "phone", "voicemail", "extension", "headset",
    "open", "select", "click", "choose", "enter", "confirm", "check", "wait", "minutes", "again", "new", "old",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ter", "sen", "dra", "vo", "pel", "rin", "tos", "ba", "cu", "fen", "gar", "hol", "jis", "mar",
    "nor", "pli", "qua", "ros", "sti", "tul", "ven", "wex", "yor", "zan", "bri", "cal", "dom", "el", "fra", "gul",
];
const VOCAB: usize = 20_000;
const REPEAT: usize = 5;

fn vocabulary(rng: &mut Rng) -> Vec<String> {
    let mut words: Vec<String> = CORE.iter().map(|w| w.to_string()).collect();
    let mut seen: std::collections::HashSet<String> = words.iter().cloned().collect();
    while words.len() < VOCAB {
        let parts = 2 + rng.below(3) as usize;
        let w: String = (0..parts).map(|_| SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize]).collect();
        if seen.insert(w.clone()) {
            words.push(w);
        }
    }
    words
}

/// A Zipf-Mandelbrot rank, P(r) ~ 1 / (r + q), rank 0 most frequent; drawn log-uniformly.
/// q = 1 is steep (the top word is ~10% of all words); q = 40 is closer to real text once
/// stopwords are gone (the top word is ~1%).
fn zipf(rng: &mut Rng, n: usize, q: f64) -> usize {
    let x = q * ((n as f64 + q) / q).powf(rng.unit()) - q;
    (x as usize).min(n - 1)
}

fn sentence(rng: &mut Rng, vocab: &[String], words: usize, q: f64) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        let w = &vocab[zipf(rng, vocab.len(), q)];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

pub fn generate(n: usize, seed: u64, q: f64) -> (Vec<Doc>, Vec<String>) {
    let mut rng = Rng::new(seed);
    let vocab = vocabulary(&mut rng);
    let cats = ["Accounts/Passwords", "Network/VPN", "Hardware/Printers", "Hardware/Laptops", "Software/Email"];
    let docs = (0..n)
        .map(|i| {
            let (mut body, mut words) = (String::new(), 0);
            while words < 300 {
                let len = 8 + rng.below(12) as usize;
                body.push_str(&sentence(&mut rng, &vocab, len, q));
                body.push(' ');
                words += len;
            }
            Doc {
                id: format!("kb-{i}"),
                title: {
                    let len = 4 + rng.below(5) as usize;
                    sentence(&mut rng, &vocab, len, q)
                },
                summary: {
                    let len = 10 + rng.below(10) as usize;
                    sentence(&mut rng, &vocab, len, q)
                },
                tags: (0..2 + rng.below(2)).map(|_| vocab[zipf(&mut rng, 300, q)].clone()).collect(),
                body,
                category: cats[i % cats.len()].into(),
                audience: if i % 4 == 0 { Audience::Internal } else { Audience::Public },
                language: "en".into(),
            }
        })
        .collect();
    (docs, vocab)
}

/// CPU time this thread has used (Linux), so figures mean something on a busy machine.
fn cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Runs `f`, returning its result, wall time and CPU time (when known).
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Option<Duration>) {
    let (c, t) = (cpu_time(), Instant::now());
    let out = f();
    let wall = t.elapsed();
    let cpu = c.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
    (out, wall, cpu)
}

fn cpu_ms(cpu: Option<Duration>) -> String {
    cpu.map_or_else(|| "cpu n/a".into(), |c| format!("cpu {}", ms(c)))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn us(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// Builds an index of `n` generated articles and times building, storing, loading, editing
/// and five kinds of queries (200 each, limit 10, snippets included), for a text-like and a
/// steep word distribution. Each query runs `REPEAT` times and its fastest run counts, which
/// filters out the noise of a shared machine; "cpu" figures are this thread's CPU time.
pub fn bench_report(n: usize) -> String {
    let mut out = String::new();
    for (name, q) in [("text-like words (Zipf-Mandelbrot, q = 40)", 40.0), ("steep words (Zipf, q = 1)", 1.0)] {
        out.push_str(&format!("== {name}\n"));
        out.push_str(&report_for(n, q));
    }
    out
}

fn report_for(n: usize, zq: f64) -> String {
    let (docs, vocab) = generate(n, 20_240_601, zq);
    let mut rng = Rng::new(99);
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };

    let (mut ix, build, build_cpu) = timed(|| SearchIndex::build(docs.iter().cloned()));
    line(format!("{n} articles, {} distinct terms; build {} ({})", ix.term_count(), ms(build), cpu_ms(build_cpu)));

    let (bytes, save, save_cpu) = timed(|| ix.to_bytes());
    let (loaded, load, load_cpu) = timed(|| SearchIndex::from_bytes(&bytes));
    let text: usize = docs.iter().map(|d| d.body.len() + d.title.len() + d.summary.len()).sum();
    line(format!(
        "to_bytes {} ({}) -> {:.2} MB (stored text {:.2} MB, index {:.2} MB); from_bytes {} ({}) ({})",
        ms(save),
        cpu_ms(save_cpu),
        bytes.len() as f64 / 1e6,
        text as f64 / 1e6,
        bytes.len().saturating_sub(text) as f64 / 1e6,
        ms(load),
        cpu_ms(load_cpu),
        if loaded.is_ok() { "ok" } else { "FAILED" }
    ));

    let edits = 100.min(n);
    let mut upserts = Vec::with_capacity(edits);
    for d in docs.iter().take(edits) {
        let mut d = d.clone();
        d.title.push_str(" revised");
        let t = Instant::now();
        ix.upsert(d);
        upserts.push(t.elapsed());
    }
    upserts.sort();
    line(format!("upsert (replace an article) p50 {}  p95 {}", us(percentile(&upserts, 0.5)), us(percentile(&upserts, 0.95))));

    let pick_word = |rng: &mut Rng, min_len: usize| loop {
        let w = &vocab[zipf(rng, vocab.len(), zq)];
        if w.len() >= min_len {
            break w.clone();
        }
    };
    let kinds: Vec<(&str, Vec<String>)> = vec![
        ("single word", (0..200).map(|_| pick_word(&mut rng, 3) + " ").collect()),
        ("three words", (0..200).map(|_| format!("{} {} {} ", pick_word(&mut rng, 3), pick_word(&mut rng, 3), pick_word(&mut rng, 3))).collect()),
        (
            "phrase",
            (0..200)
                .map(|_| {
                    let d = &docs[rng.below(n as u64) as usize];
                    let words: Vec<&str> = d.body.split(' ').filter(|w| !w.is_empty()).collect();
                    let i = rng.below(words.len().saturating_sub(2).max(1) as u64) as usize;
                    let pair: Vec<&str> = words[i..(i + 2).min(words.len())].iter().map(|w| w.trim_end_matches('.')).collect();
                    format!("\"{}\"", pair.join(" "))
                })
                .collect(),
        ),
        (
            "prefix (typing)",
            (0..200)
                .map(|_| {
                    let w = pick_word(&mut rng, 6);
                    let keep = 3 + rng.below(3) as usize;
                    w.chars().take(keep).collect()
                })
                .collect(),
        ),
        (
            "typo",
            (0..200)
                .map(|_| {
                    let w: Vec<char> = pick_word(&mut rng, 6).chars().collect();
                    let i = 1 + rng.below(w.len() as u64 - 2) as usize;
                    let mut t = w.clone();
                    match rng.below(3) {
                        0 => t[i] = 'x',
                        1 => {
                            t.remove(i);
                        }
                        _ => t.swap(i, i + 1),
                    }
                    t.into_iter().collect::<String>() + " "
                })
                .collect(),
        ),
    ];
    // How common the single query words are: most cost is proportional to their postings.
    if let Some((_, single)) = kinds.first() {
        let mut dfs: Vec<u32> = single
            .iter()
            .filter_map(|q| super::tokenize::tokens(q, super::tokenize::Mode::Query).into_iter().next())
            .map(|t| ix.ids.get(t.term.as_str()).map_or(0, |&id| ix.terms[id as usize].df))
            .collect();
        dfs.sort_unstable();
        let at = |p: f64| dfs.get(((dfs.len().max(1) - 1) as f64 * p) as usize).copied().unwrap_or(0);
        line(format!(
            "query words appear in: median {} articles, p90 {}, max {} (of {n})",
            at(0.5),
            at(0.9),
            at(1.0)
        ));
    }
    for (name, queries) in kinds {
        let mut times = Vec::with_capacity(queries.len());
        let mut found = 0;
        let cpu_start = cpu_time();
        for q in &queries {
            let query = Query { limit: 10, ..Query::new(q.as_str()) };
            let mut best = Duration::MAX;
            for _ in 0..REPEAT {
                let t = Instant::now();
                let hits = ix.search(&query);
                best = best.min(t.elapsed());
                found += usize::from(!hits.is_empty());
            }
            times.push(best);
        }
        found /= REPEAT;
        let cpu_mean = cpu_start.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a) / (queries.len() * REPEAT) as u32);
        times.sort();
        line(format!(
            "{name:<16} p50 {:>7}  p95 {:>7}  max {:>7}  cpu mean {:>7}  ({found}/{} found something)",
            us(percentile(&times, 0.5)),
            us(percentile(&times, 0.95)),
            us(percentile(&times, 1.0)),
            cpu_mean.map_or_else(|| "n/a".into(), us),
            queries.len()
        ));
    }
    out
}

#[test]
#[ignore = "benchmark: run in release with --ignored --nocapture"]
fn bench_10k() {
    println!("{}", bench_report(10_000));
}

#[test]
fn bench_report_runs_on_a_small_set() {
    let report = bench_report(150);
    for part in ["150 articles", "to_bytes", "from_bytes", "(ok)", "single word", "phrase", "prefix", "typo"] {
        assert!(report.contains(part), "missing {part:?} in\n{report}");
    }
    // Every phrase was cut from an article, so every phrase query finds one.
    let phrases = report.lines().filter(|l| l.starts_with("phrase") && l.contains("(200/200 found")).count();
    assert_eq!(phrases, 2, "{report}");
}
