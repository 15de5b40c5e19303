//! Knowledge-base storage against real IndexedDB in headless Chromium (wasm-bindgen-test):
//! revisions, all-or-nothing writes, the stored search index, counters, ticket links, the
//! portal log and the migration to schema 4. Each test uses its own database.
//!
//! The benchmark at the end is ignored by default; run it on demand with
//! `WASM_BINDGEN_TEST_TIMEOUT=600 cargo test --release --target wasm32-unknown-unknown --test browser_articles -- --include-ignored bench_`
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use chrono::{Duration, TimeZone, Utc};
use tierdesk::domain::article::{Article, Audience};
use tierdesk::domain::kb::{self, fingerprint, ArticleDraft};
use tierdesk::domain::model::*;
use tierdesk::domain::portal::{PortalEvent, PortalEventKind};
use tierdesk::domain::search::{Doc, Query, SearchIndex};
use tierdesk::domain::ticket::{self, Command, Ctx, NewTicket, SeqIds};
use tierdesk::storage::{ArticleChange, Db, StorageError, StoredIndex, TicketChange, ARTICLE_CONFLICT, ARTICLE_ID_TAKEN, SCHEMA_VERSION};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/kb_bench.rs"]
mod kb_bench;

fn at(h: i64) -> Time {
    Utc.with_ymd_and_hms(2026, 5, 4, 8, 0, 0).unwrap() + Duration::hours(h)
}

async fn fresh(name: &str) -> Db {
    Db::delete(name).await.expect("delete old test database");
    Db::open(name).await.expect("open")
}

fn draft(title: &str, body: &str) -> ArticleDraft {
    ArticleDraft { title: title.into(), body: body.into(), language: "en".into(), audience: Audience::Public, ..ArticleDraft::default() }
}

/// The index and fingerprint for `articles`, as the app computes them before a write.
fn index_for(articles: &[Article]) -> StoredIndex {
    let ix = SearchIndex::build(articles.iter().map(Doc::from));
    StoredIndex { bytes: ix.to_bytes(), fingerprint: fingerprint(articles) }
}

async fn create(db: &Db, others: &[Article], id: &str, d: &ArticleDraft, h: i64) -> Article {
    let a = kb::new_article(id, d, "amelia", at(h)).expect("valid draft");
    let mut all = others.to_vec();
    all.push(a.clone());
    db.save_article(&ArticleChange { article: a, expected_rev: None, previous: None }, &index_for(&all), None)
        .await
        .expect("create article")
}

async fn edit(db: &Db, others: &[Article], cur: &Article, body: &str, who: &str, h: i64) -> Result<Article, StorageError> {
    let r = kb::revise(cur, &ArticleDraft { body: body.into(), ..ArticleDraft::of(cur) }, who, at(h)).expect("valid").expect("changed");
    let mut all: Vec<Article> = others.iter().filter(|a| a.id != cur.id).cloned().collect();
    all.push(r.article.clone());
    db.save_article(&ArticleChange { expected_rev: Some(cur.rev), article: r.article, previous: Some(r.previous) }, &index_for(&all), None).await
}

#[wasm_bindgen_test]
async fn create_edit_restore_keeps_revisions_in_order() {
    let db = fresh("kb-revisions").await;
    let v1 = create(&db, &[], "vpn", &draft("VPN", "First text."), 0).await;
    let v2 = edit(&db, &[], &v1, "Second text.", "marco", 1).await.unwrap();
    let v3 = edit(&db, &[], &v2, "Third text.", "mei", 2).await.unwrap();
    assert_eq!((v3.rev, v3.body.as_str(), v3.author.as_str()), (3, "Third text.", "mei"));

    let revs = db.article_revisions("vpn").await.unwrap();
    let seen: Vec<(u32, &str, &str)> = revs.iter().map(|r| (r.rev, r.body.as_str(), r.author.as_str())).collect();
    assert_eq!(seen, [(1, "First text.", "amelia"), (2, "Second text.", "marco")]);

    // Restore revision 1: it becomes revision 4; revision 3 joins the history.
    let r = kb::restore(&v3, &revs[0], "lena", at(3)).expect("valid").expect("changed");
    let all = [r.article.clone()];
    let v4 = db
        .save_article(&ArticleChange { expected_rev: Some(3), article: r.article, previous: Some(r.previous) }, &index_for(&all), None)
        .await
        .unwrap();
    assert_eq!((v4.rev, v4.body.as_str()), (4, "First text."));
    let revs = db.article_revisions("vpn").await.unwrap();
    assert_eq!(revs.iter().map(|r| r.rev).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(revs[2].body, "Third text.");
    assert_eq!(db.get_article("vpn").await.unwrap().unwrap(), v4);
    // Another article's revisions are not mixed in ("vpn" is a prefix of "vpn-2").
    let other = create(&db, &all, "vpn-2", &draft("VPN 2", "Other."), 4).await;
    edit(&db, &[v4.clone()], &other, "Other, edited.", "mei", 5).await.unwrap();
    assert_eq!(db.article_revisions("vpn").await.unwrap().len(), 3);
    assert_eq!(db.article_revisions("vpn-2").await.unwrap().len(), 1);
    db.close();
}

#[wasm_bindgen_test]
async fn a_failed_write_leaves_no_trace() {
    let db = fresh("kb-atomic").await;
    let v1 = create(&db, &[], "printer", &draft("Printer jams", "Open tray 2."), 0).await;
    let v2 = edit(&db, &[], &v1, "Open tray 3.", "marco", 1).await.unwrap();
    let stored_index = db.load_search_index().await.unwrap().expect("index stored with the article");
    let stamp = db.kb_stamp().await.unwrap();

    // 1. An edit computed from revision 1 after revision 2 was saved: refused, nothing written.
    let err = edit(&db, &[], &v1, "Stale edit.", "mei", 2).await.unwrap_err();
    assert!(matches!(err, StorageError::Invalid(ref e) if e.field == ARTICLE_CONFLICT), "{err}");
    // 2. A new article under an existing id.
    let dup = kb::new_article("printer", &draft("Another", "Text"), "mei", at(3)).unwrap();
    let err = db
        .save_article(&ArticleChange { article: dup.clone(), expected_rev: None, previous: None }, &index_for(&[dup]), None)
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Invalid(ref e) if e.field == ARTICLE_ID_TAKEN), "{err}");
    // 3. A new article with a stale ticket change (the ticket moved on meanwhile).
    let ctx = Ctx::new(at(0), Actor::Agent("marco".into()));
    let mut ids = SeqIds::new("a");
    let new = NewTicket { subject: "Printer".into(), requester: Requester { name: "Kim".into(), email: "kim@example.org".into(), org: None }, tier: Tier(1), ..Default::default() };
    let (tk, hist, _) = db.create_ticket(|id| ticket::create(id, new, &ctx, &mut ids).map(|(t, e)| (t, e, None))).await.unwrap();
    let mut linked = tk.clone();
    let events = ticket::apply(&mut linked, &hist, Command::LinkArticle("scanner".into()), &ctx, &mut ids).unwrap();
    let stale = TicketChange { ticket: linked, expected_rev: tk.rev + 7, events, sla: None };
    let scanner = kb::new_article("scanner", &draft("Scanner", "Text"), "mei", at(4)).unwrap();
    let err = db
        .save_article(&ArticleChange { article: scanner.clone(), expected_rev: None, previous: None }, &index_for(&[v2.clone(), scanner]), Some(&stale))
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Conflict { .. }), "{err}");

    assert_eq!(db.all_articles().await.unwrap(), vec![v2], "no article changed or appeared");
    assert_eq!(db.article_revisions("printer").await.unwrap().len(), 1);
    assert_eq!(db.load_search_index().await.unwrap().as_ref(), Some(&stored_index), "the index is untouched");
    assert_eq!(db.kb_stamp().await.unwrap(), stamp);
    assert!(db.tickets_linking("scanner").await.unwrap().is_empty());
    assert_eq!(db.get_ticket(tk.id).await.unwrap().unwrap().rev, tk.rev);
    db.close();
}

#[wasm_bindgen_test]
async fn a_draft_from_a_ticket_links_it_in_the_same_write() {
    let db = fresh("kb-from-ticket").await;
    let ctx = Ctx::new(at(0), Actor::Agent("marco".into()));
    let mut ids = SeqIds::new("d");
    let new = NewTicket { subject: "VPN drops".into(), requester: Requester { name: "Ana".into(), email: "ana@example.org".into(), org: None }, tier: Tier(1), ..Default::default() };
    let (tk, hist, _) = db.create_ticket(|id| ticket::create(id, new, &ctx, &mut ids).map(|(t, e)| (t, e, None))).await.unwrap();
    let mut linked = tk.clone();
    let events = ticket::apply(&mut linked, &hist, Command::LinkArticle("vpn-drops".into()), &ctx, &mut ids).unwrap();
    let change = TicketChange { ticket: linked, expected_rev: tk.rev, events, sla: None };
    let a = kb::new_article("vpn-drops", &draft("VPN drops", "Use a cable."), "marco", at(1)).unwrap();
    db.save_article(&ArticleChange { article: a.clone(), expected_rev: None, previous: None }, &index_for(&[a]), Some(&change)).await.unwrap();
    assert_eq!(db.tickets_linking("vpn-drops").await.unwrap(), vec![tk.id]);
    let (t, events) = db.ticket_with_events(tk.id).await.unwrap().unwrap();
    assert_eq!(t.articles, ["vpn-drops"]);
    assert_eq!(events.last().map(|e| e.kind.name()), Some("article_linked"));
    let counts = db.article_link_counts().await.unwrap();
    assert_eq!(counts.get("vpn-drops"), Some(&1));
    db.close();
}

#[wasm_bindgen_test]
async fn the_stored_index_reloads_with_the_same_results() {
    let db = fresh("kb-index").await;
    let mut all = vec![];
    for (i, (title, body)) in [
        ("Reset your password", "Go to the account page and choose a new password."),
        ("VPN keeps disconnecting", "Plug in a cable; turn off Wi-Fi power saving."),
        ("Clear a paper jam", "Open tray 2 and pull the paper out slowly."),
        ("Passwort zurücksetzen", "Öffnen Sie die Kontoseite."),
    ]
    .into_iter()
    .enumerate()
    {
        let a = create(&db, &all, &format!("a{i}"), &draft(title, body), i as i64).await;
        all.push(a);
    }
    let built = SearchIndex::build(all.iter().map(Doc::from));
    let stored = db.load_search_index().await.unwrap().expect("stored");
    assert_eq!(stored.fingerprint, fingerprint(&db.all_articles().await.unwrap()), "fingerprint matches the stored articles");
    let loaded = SearchIndex::from_bytes(&stored.bytes).expect("stored bytes load");
    for q in ["password", "pasword", "disconect", "\"paper jam\"", "vp", "zurücksetzen", "tray"] {
        let a = built.search(&Query::new(q));
        let b = loaded.search(&Query::new(q));
        assert!(!a.is_empty(), "{q} finds something");
        assert_eq!(a, b, "same hits for {q}");
    }
    // Damaged bytes are reported, never a panic; the app then rebuilds.
    let mut broken = stored.bytes.clone();
    let mid = broken.len() / 2;
    broken[mid] ^= 0xff;
    assert!(SearchIndex::from_bytes(&broken).is_err());
    db.save_search_index(&StoredIndex { bytes: broken, fingerprint: "x".into() }).await.unwrap();
    assert_eq!(db.kb_stamp().await.unwrap().as_deref(), Some("x"));
    db.close();
}

#[wasm_bindgen_test]
async fn views_and_votes_count_without_conflicting_with_edits() {
    let db = fresh("kb-counters").await;
    let v1 = create(&db, &[], "wifi", &draft("Wi-Fi", "Join Corp."), 0).await;
    for _ in 0..3 {
        db.record_article_view("wifi").await.unwrap();
    }
    db.record_article_vote("wifi", true).await.unwrap();
    let after = db.record_article_vote("wifi", false).await.unwrap().unwrap();
    assert_eq!((after.views, after.helpful_yes, after.helpful_no, after.rev), (3, 1, 1, 1));
    // An edit started before the views keeps them (and is not a conflict).
    let v2 = edit(&db, &[], &v1, "Join Corp-Guest.", "mei", 1).await.unwrap();
    assert_eq!((v2.rev, v2.views, v2.helpful_yes, v2.helpful_no), (2, 3, 1, 1));
    assert_eq!(db.get_article("wifi").await.unwrap().unwrap(), v2);
    assert!(db.record_article_view("missing").await.unwrap().is_none());
    // Deleting takes the revisions along.
    let rest = StoredIndex { bytes: SearchIndex::new().to_bytes(), fingerprint: fingerprint(&[]) };
    assert!(db.delete_article("wifi", &rest).await.unwrap());
    assert!(!db.delete_article("wifi", &rest).await.unwrap());
    assert!(db.get_article("wifi").await.unwrap().is_none());
    assert!(db.article_revisions("wifi").await.unwrap().is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn portal_events_come_back_by_time_window() {
    let db = fresh("kb-portal").await;
    let ev = |h: i64, kind: PortalEventKind| PortalEvent { at: at(h), session: "s1".into(), kind };
    db.add_portal_events(&[
        ev(2, PortalEventKind::Search { query: "vpn".into() }),
        ev(0, PortalEventKind::ArticleViewed { article: "vpn".into() }),
        ev(5, PortalEventKind::Deflected { article: "vpn".into() }),
    ])
    .await
    .unwrap();
    db.add_portal_event(&ev(9, PortalEventKind::TicketSubmitted { ticket: 3 })).await.unwrap();
    let got = db.portal_events_between(at(0), at(5)).await.unwrap();
    assert_eq!(got.iter().map(|e| e.at).collect::<Vec<_>>(), [at(0), at(2)], "half-open window, sorted by time");
    assert_eq!(db.portal_events_between(at(0), at(24)).await.unwrap().len(), 4);
    assert!(db.portal_events_between(at(5), at(5)).await.unwrap().is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn migrating_from_3_to_4_keeps_tickets_and_articles() {
    let name = "kb-migrate";
    Db::delete(name).await.unwrap();
    let v3 = Db::open_with(name, 3, Rc::new(|| {})).await.unwrap();
    assert_eq!(v3.version(), 3);
    // Under version 3: a ticket that links an article, and the article (written as a backup
    // import would, since the index store does not exist yet).
    let ctx = Ctx::new(at(0), Actor::Agent("marco".into()));
    let mut ids = SeqIds::new("m");
    let new = NewTicket { subject: "Locked out".into(), requester: Requester { name: "Jo".into(), email: "jo@example.org".into(), org: None }, tier: Tier(1), ..Default::default() };
    let (mut tk, hist, _) = v3.create_ticket(|id| ticket::create(id, new, &ctx, &mut ids).map(|(t, e)| (t, e, None))).await.unwrap();
    let rev = tk.rev;
    let events = ticket::apply(&mut tk, &hist, Command::LinkArticle("account-locked".into()), &ctx, &mut ids).unwrap();
    v3.save_change(TicketChange { ticket: tk.clone(), expected_rev: rev, events, sla: None }).await.unwrap();
    let article = kb::new_article("account-locked", &draft("My account is locked", "Wait 15 minutes."), "lena", at(0)).unwrap();
    let backup = tierdesk::domain::backup::Backup::new(
        at(1),
        tierdesk::domain::defaults::default_config(),
        vec![tk.clone()],
        v3.ticket_with_events(tk.id).await.unwrap().unwrap().1,
        vec![article.clone()],
        vec![],
        tk.id + 1,
    );
    v3.replace_all(&backup, &Default::default()).await.unwrap();
    v3.close();

    let db = Db::open(name).await.unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    assert_eq!(db.all_articles().await.unwrap(), vec![article]);
    assert_eq!(db.get_ticket(tk.id).await.unwrap().unwrap().articles, ["account-locked"]);
    // The new index covers tickets written before it existed.
    assert_eq!(db.tickets_linking("account-locked").await.unwrap(), vec![tk.id]);
    // No index is stored yet: the app rebuilds it on first use.
    assert!(db.load_search_index().await.unwrap().is_none());
    db.add_portal_event(&PortalEvent { at: at(2), session: "s".into(), kind: PortalEventKind::Search { query: "locked".into() } }).await.unwrap();
    assert_eq!(db.portal_events_between(at(0), at(3)).await.unwrap().len(), 1);
    db.close();
}
