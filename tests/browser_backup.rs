//! Backups against real IndexedDB and WebCrypto in headless Chromium (wasm-bindgen-test):
//! export -> import -> export gives the same bytes, a failed or cancelled import leaves the
//! old data, two desks merge, and encrypted files open only with the right passphrase.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use js_sys::{Array, Uint8Array};
use tierdesk::domain::backup::{self, apply_merge, Backup, Problem};
use tierdesk::domain::backup_stream::{Reader, Step};
use tierdesk::domain::demo;
use tierdesk::domain::model::{Event, Ticket, Time};
use tierdesk::storage::backup::{Outcome, Snapshots, Stage};
use tierdesk::storage::Db;
use tierdesk::ui::crypto::{self, CryptoError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 3, 4, 10, 0, 0).unwrap()
}

async fn fresh(name: &str) -> Db {
    Db::delete(name).await.expect("delete old test database");
    Db::open(name).await.expect("open")
}

async fn desk(name: &str, seed: u64, tickets: usize) -> (Db, Backup) {
    let db = fresh(name).await;
    let b = demo::generate(seed, tickets, now());
    let done = db.replace_desk(&b, Snapshots::At(now()), &mut |_| true).await.expect("write the desk");
    assert_eq!(done, Outcome::Written(()));
    (db, b)
}

async fn export(db: &Db) -> String {
    let text = db.export_text(now(), &mut |_| true).await.expect("export").expect("not stopped");
    text.pieces.iter().map(|p| p.as_string().expect("a JS string")).collect()
}

fn read(bytes: &[u8]) -> Result<Backup, Vec<Problem>> {
    let mut r = Reader::new(bytes);
    loop {
        if let Step::Done(result) = r.step(4096) {
            return *result;
        }
    }
}

#[wasm_bindgen_test]
async fn export_import_export_gives_the_same_bytes() {
    let (db, b) = desk("bk-round", 3, 60).await;
    let first = export(&db).await;
    assert_eq!(first, backup::to_json(&b), "the export is exactly the backup that was written");
    assert!(b.tickets.iter().any(|t| t.csat.is_some()) && b.articles.iter().any(|a| a.helpful_yes > 0), "ratings and votes are in the data");

    let other = fresh("bk-round-2").await;
    let parsed = read(first.as_bytes()).expect("the export reads back");
    assert_eq!(other.replace_desk(&parsed, Snapshots::At(now()), &mut |_| true).await.unwrap(), Outcome::Written(()));
    assert_eq!(export(&other).await, first, "export -> import -> export is byte-identical");

    // Every stored ticket carries its SLA snapshot.
    let rows = other.all_rows().await.unwrap();
    assert_eq!(rows.len(), 60);
    assert!(rows.iter().all(|r| r.sla.is_some()), "a ticket without a snapshot");
    db.close();
    other.close();
}

#[wasm_bindgen_test]
async fn small_batches_read_every_ticket_and_event_once_in_order() {
    let (db, b) = desk("bk-batches", 4, 45).await;
    let (mut tickets, mut events): (Vec<Ticket>, Vec<Event>) = (vec![], vec![]);
    let mut batches = 0;
    let head = db
        .read_desk(7, &mut |_, batch, p| {
            assert_eq!(p.stage, Stage::Reading);
            batches += 1;
            tickets.extend(batch.tickets);
            events.extend(batch.events);
            true
        })
        .await
        .unwrap()
        .expect("not stopped");
    assert_eq!(batches, 7, "45 tickets in batches of 7");
    assert_eq!(tickets, b.tickets);
    assert_eq!(events, b.events, "events arrive in canonical order, each once");
    assert_eq!((head.ticket_count, head.event_count), (45, b.events.len()));
    assert_eq!(head.articles, b.articles);
    // Stopping after the first batch gives nothing.
    assert!(db.read_desk(7, &mut |_, _, _| false).await.unwrap().is_none());
    db.close();
}

#[wasm_bindgen_test]
async fn an_import_that_fails_at_the_last_record_leaves_the_old_data() {
    let (db, _) = desk("bk-fail", 5, 30).await;
    let before = export(&db).await;
    let mut bad = demo::generate(6, 80, now());
    // A second record with an existing key, at the very end: the write fails there.
    let dup = bad.events[0].clone();
    bad.events.push(dup);
    let mut wrote = 0;
    let result = db
        .replace_desk(&bad, Snapshots::At(now()), &mut |p| {
            wrote = p.done;
            true
        })
        .await;
    let err = result.expect_err("a duplicate key fails the import");
    assert!(err.to_string().contains("Constraint"), "{err}");
    assert!(wrote > 80, "the failure came after tickets were written ({wrote} records)");
    assert_eq!(export(&db).await, before, "the old data is untouched");
    db.close();
}

#[wasm_bindgen_test]
async fn a_cancelled_import_leaves_the_old_data() {
    let (db, _) = desk("bk-cancel", 7, 30).await;
    let before = export(&db).await;
    let other = demo::generate(8, 60, now());
    // Cancel once the tickets are written, before their events.
    let mut stopped_at = 0;
    let result = db
        .replace_desk(&other, Snapshots::At(now()), &mut |p| {
            stopped_at = p.done;
            p.done < 60
        })
        .await
        .unwrap();
    assert_eq!(result, Outcome::Cancelled);
    assert_eq!(stopped_at, 60);
    assert_eq!(export(&db).await, before);
    db.close();
}

#[wasm_bindgen_test]
async fn two_desks_merge_and_merging_again_changes_nothing() {
    let (db, a) = desk("bk-merge", 11, 25).await;
    let b = demo::generate(12, 15, now());
    let merge = |current: &Backup| -> Result<Backup, String> { Ok(apply_merge(current, &b).0) };
    let done = db.merge_desk(now(), &mut merge.clone(), &mut |_| true).await.unwrap();
    let Outcome::Written(w) = done else { panic!("merge was not written: {done:?}") };
    assert_eq!(w.tickets, 15, "the other desk's tickets are added under new numbers");
    assert_eq!(w.events, b.events.len());
    let expected = apply_merge(&a, &b).0;
    assert_eq!(expected.tickets.len(), 40);
    assert_eq!(export(&db).await, backup::to_json(&expected), "the desk holds exactly the merged data");
    let rows = db.all_rows().await.unwrap();
    assert!(rows.iter().all(|r| r.sla.is_some()));

    let again = db.merge_desk(now(), &mut merge.clone(), &mut |_| true).await.unwrap();
    assert_eq!(again, Outcome::Written(Default::default()), "the same file a second time writes nothing");

    // A refused merge writes nothing either.
    let refused = db.merge_desk(now(), &mut |_| Err("changed".to_string()), &mut |_| true).await.unwrap();
    assert_eq!(refused, Outcome::Refused("changed".into()));
    assert_eq!(export(&db).await, backup::to_json(&expected));
    db.close();
}

fn joined(pieces: &Array) -> Vec<u8> {
    pieces.iter().map(|p| p.as_string().unwrap()).collect::<String>().into_bytes()
}

#[wasm_bindgen_test]
async fn encrypted_backups_open_only_with_the_right_passphrase_and_unchanged() {
    let plain = backup::to_json(&demo::generate(9, 5, now()));
    let input: JsValue = Uint8Array::from(plain.as_bytes()).into();
    let pieces = crypto::encrypt(&input, "correct horse battery", &mut |_, _| true).await.unwrap();
    let file = joined(&pieces);
    assert!(crypto::is_envelope(&file));
    let v: serde_json::Value = serde_json::from_slice(&file).unwrap();
    assert_eq!(v["format"], "tierdesk-encrypted");
    assert_eq!(v["kdf"]["iterations"], 600_000);
    assert_eq!((v["kdf"]["name"].as_str(), v["kdf"]["hash"].as_str()), (Some("PBKDF2"), Some("SHA-256")));
    assert_eq!(crypto::base64_decode(v["kdf"]["salt"].as_str().unwrap()).unwrap().len(), 16);
    assert_eq!(crypto::base64_decode(v["cipher"]["iv"].as_str().unwrap()).unwrap().len(), 12);

    let sealed = crypto::open(&file).unwrap();
    assert_eq!(crypto::decrypt(&sealed, "correct horse battery").await.unwrap(), plain.as_bytes());
    assert_eq!(crypto::decrypt(&sealed, "correct horse batterY").await, Err(CryptoError::WrongPassphraseOrChanged));

    // One changed byte of the ciphertext: reported as exactly that, never as data.
    let mut changed = crypto::open(&file).unwrap();
    changed.data[10] ^= 1;
    assert_eq!(crypto::decrypt(&changed, "correct horse battery").await, Err(CryptoError::WrongPassphraseOrChanged));

    // A damaged envelope names each problem by path.
    let broken = String::from_utf8(file).unwrap().replace("\"AES-GCM\"", "\"DES\"").replace("\"iv\":\"", "\"iv\":\"!");
    let problems = crypto::open(broken.as_bytes()).err().unwrap();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, vec!["$.cipher.name", "$.cipher.iv"]);
    assert_eq!(crypto::open(b"{\"format\":\"tierdesk-encrypted\"").err().unwrap()[0].path, "$");
}

#[wasm_bindgen_test]
fn base64_round_trips_every_length() {
    for n in 0..70usize {
        let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
        let text = crypto::base64_encode(&bytes);
        assert_eq!(text.len() % 4, 0);
        assert_eq!(crypto::base64_decode(&text).unwrap(), bytes, "length {n}");
    }
    assert_eq!(crypto::base64_encode(b"foobar"), "Zm9vYmFy");
    assert_eq!(crypto::base64_encode(b"fo"), "Zm8=");
    assert!(crypto::base64_decode("Zm9v*").is_err());
    assert!(crypto::base64_decode("Zm8=Zm8=").is_err());
    assert!(crypto::base64_decode("Z").is_err());
}
