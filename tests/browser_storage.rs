//! The storage layer against real IndexedDB in headless Chromium (wasm-bindgen-test).
//! Each test uses its own database name so tests never see each other's data.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use chrono::{TimeZone, Utc};
use tierdesk::domain::model::*;
use tierdesk::domain::ticket::{self, Command, Ctx, NewTicket, SeqIds};
use tierdesk::storage::{Db, StorageError, TicketChange, SCHEMA_VERSION};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> Time {
    Utc.with_ymd_and_hms(2026, 5, 4, 10, 0, 0).unwrap()
}

fn new_ticket(subject: &str) -> NewTicket {
    NewTicket {
        subject: subject.into(),
        description: "It does not work".into(),
        requester: Requester {
            name: "Robin".into(),
            email: "robin@example.org".into(),
            org: None,
        },
        tier: Tier(1),
        ..Default::default()
    }
}

async fn fresh(name: &str) -> Db {
    Db::delete(name).await.expect("delete old test database");
    Db::open(name).await.expect("open")
}

async fn create(db: &Db, subject: &str, ids: &mut SeqIds) -> (Ticket, Vec<Event>) {
    let ctx = Ctx::new(now(), Actor::Requester);
    let (t, ev, _) = db
        .create_ticket(|id| ticket::create(id, new_ticket(subject), &ctx, ids).map(|(t, e)| (t, e, None)))
        .await
        .expect("create ticket");
    (t, ev)
}

#[wasm_bindgen_test]
async fn creates_and_reads_tickets_with_history() {
    let db = fresh("t-create").await;
    assert_eq!(db.version(), SCHEMA_VERSION);
    let mut ids = SeqIds::new("c");
    let (a, _) = create(&db, "Printer jams", &mut ids).await;
    let (b, _) = create(&db, "VPN drops", &mut ids).await;
    assert_eq!((a.id, b.id), (1, 2), "ticket numbers are allocated in order");
    let (t, events) = db.ticket_with_events(2).await.unwrap().expect("ticket 2 exists");
    assert_eq!(t.subject, "VPN drops");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind.name(), "created");
    assert_eq!(db.count_tickets().await.unwrap(), 2);
    assert!(db.ticket_with_events(99).await.unwrap().is_none());
    db.close();
}

#[wasm_bindgen_test]
async fn updates_append_events_in_order_and_survive_reopen() {
    let name = "t-update";
    let db = fresh(name).await;
    let mut ids = SeqIds::new("u");
    let (mut t, hist) = create(&db, "Laptop slow", &mut ids).await;
    let ctx = Ctx::new(now(), Actor::Agent("alice".into()));
    let rev = t.rev;
    let events = ticket::apply(&mut t, &hist, Command::Reply("Try a restart".into()), &ctx, &mut ids).unwrap();
    db.save_change(TicketChange { ticket: t.clone(), expected_rev: rev, events, sla: None }).await.unwrap();
    db.close();

    let db = Db::open(name).await.unwrap();
    let (stored, events) = db.ticket_with_events(t.id).await.unwrap().unwrap();
    assert_eq!(stored.status, Status::Open);
    assert_eq!(stored.rev, rev + 1);
    let kinds: Vec<_> = events.iter().map(|e| e.kind.name()).collect();
    assert_eq!(kinds, ["created", "public_reply", "status_changed"]);
    db.close();
}

#[wasm_bindgen_test]
async fn stale_revision_is_refused_and_writes_nothing() {
    let db = fresh("t-conflict").await;
    let mut ids = SeqIds::new("x");
    let (t, hist) = create(&db, "Monitor flickers", &mut ids).await;
    let ctx = Ctx::new(now(), Actor::Agent("alice".into()));
    // Tab A and tab B both start from revision 1.
    let (mut a, mut b) = (t.clone(), t.clone());
    let ev_a = ticket::apply(&mut a, &hist, Command::Note("checked cable".into()), &ctx, &mut ids).unwrap();
    let ev_b = ticket::apply(&mut b, &hist, Command::SetPriority { to: Priority::High, reason: None }, &ctx, &mut ids).unwrap();
    db.save_change(TicketChange { ticket: a, expected_rev: 1, events: ev_a, sla: None }).await.unwrap();
    let err = db.save_change(TicketChange { ticket: b, expected_rev: 1, events: ev_b, sla: None }).await.unwrap_err();
    match err {
        StorageError::Conflict { current } => assert_eq!(current.rev, 2),
        other => panic!("expected a conflict, got {other}"),
    }
    let (stored, events) = db.ticket_with_events(t.id).await.unwrap().unwrap();
    assert_eq!(stored.priority, Priority::Medium, "tab B's change was not written");
    assert_eq!(events.len(), 2, "only tab A's note was appended");
    db.close();
}

#[wasm_bindgen_test]
async fn failed_transaction_leaves_no_trace() {
    let db = fresh("t-abort").await;
    let mut ids = SeqIds::new("a");
    create(&db, "First", &mut ids).await;
    let ctx = Ctx::new(now(), Actor::Requester);
    // Two events with the same id: the second `add` fails, so the whole transaction must abort.
    let result = db
        .create_ticket(|id| {
            let (t, mut events) = ticket::create(id, new_ticket("Second"), &ctx, &mut SeqIds::new("dup"))?;
            let mut twin = events[0].clone();
            twin.seq = 1;
            events.push(twin);
            Ok((t, events, None))
        })
        .await;
    assert!(result.is_err(), "duplicate event id must fail");
    assert_eq!(db.count_tickets().await.unwrap(), 1, "no half-written ticket");
    assert!(db.get_ticket(2).await.unwrap().is_none());
    assert_eq!(db.all_events().await.unwrap().len(), 1, "no stray events");
    // The counter was not advanced either: the next ticket still gets number 2.
    let (next, _) = create(&db, "Third", &mut ids).await;
    assert_eq!(next.id, 2);
    db.close();
}

#[wasm_bindgen_test]
async fn domain_errors_abort_before_writing() {
    let db = fresh("t-invalid").await;
    let ctx = Ctx::new(now(), Actor::Requester);
    let err = db
        .create_ticket(|id| ticket::create(id, new_ticket("  "), &ctx, &mut SeqIds::new("i")).map(|(t, e)| (t, e, None)))
        .await
        .unwrap_err();
    assert!(matches!(err, StorageError::Invalid(ref e) if e.field == "subject"), "{err}");
    assert_eq!(db.count_tickets().await.unwrap(), 0);
    db.close();
}

#[wasm_bindgen_test]
async fn migrates_from_version_1_keeping_data() {
    let name = "t-migrate";
    Db::delete(name).await.unwrap();
    let v1 = Db::open_with(name, 1, Rc::new(|| {})).await.unwrap();
    assert_eq!(v1.version(), 1);
    let mut ids = SeqIds::new("m");
    let (mut t, hist) = create(&v1, "Old ticket", &mut ids).await;
    let ctx = Ctx::new(now(), Actor::Agent("alice".into()));
    let events = ticket::apply(&mut t, &hist, Command::Assign { to: Some("alice".into()), reason: None }, &ctx, &mut ids).unwrap();
    v1.save_change(TicketChange { ticket: t.clone(), expected_rev: 1, events, sla: None }).await.unwrap();
    v1.close();

    let db = Db::open(name).await.unwrap();
    assert_eq!(db.version(), SCHEMA_VERSION);
    let (kept, events) = db.ticket_with_events(t.id).await.unwrap().expect("ticket kept");
    assert_eq!(kept.subject, "Old ticket");
    assert_eq!(events.len(), hist.len() + 2);
    // The indexes added in versions 2 and 3 cover records written under version 1.
    let mine = db.tickets_of("alice").await.unwrap();
    assert_eq!(mine.iter().map(|t| t.id).collect::<Vec<_>>(), vec![t.id]);
    let last = db.last_assignments(&["alice".to_string(), "bob".to_string()]).await.unwrap();
    assert_eq!(last, vec![("alice".to_string(), Some(now())), ("bob".to_string(), None)]);
    db.close();
}

#[wasm_bindgen_test]
async fn rows_carry_the_sla_snapshot_written_with_the_ticket() {
    use tierdesk::domain::defaults::default_config;
    use tierdesk::domain::sla::SlaEngine;
    use tierdesk::domain::sla_snapshot::SlaSnapshot;
    let db = fresh("t-rows").await;
    let cfg = default_config();
    let engine = SlaEngine::new(&cfg);
    let ctx = Ctx::new(now(), Actor::Requester);
    let (t, _, _) = db
        .create_ticket(|id| {
            let (t, e) = ticket::create(id, new_ticket("Outage"), &ctx, &mut SeqIds::new("r"))?;
            let snap = SlaSnapshot::take(&engine, &cfg, &t, &e, now());
            Ok((t, e, Some(snap)))
        })
        .await
        .unwrap();
    let rows = db.all_rows().await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id, t.id);
    let snap = rows[0].sla.as_ref().expect("snapshot stored beside the ticket");
    assert_eq!(snap.computed_at, now());
    assert!(snap.next_due().is_some(), "a new ticket has running clocks");
    // The snapshot does not leak into the ticket itself.
    assert_eq!(db.get_ticket(t.id).await.unwrap().unwrap(), t);
    db.close();
}

#[wasm_bindgen_test]
async fn config_and_meta_round_trip() {
    let db = fresh("t-config").await;
    assert!(db.load_config().await.unwrap().is_none());
    db.set_meta("clock", &"demo".to_string()).await.unwrap();
    assert_eq!(db.get_meta::<String>("clock").await.unwrap().as_deref(), Some("demo"));
    assert_eq!(db.get_meta::<String>("missing").await.unwrap(), None);
    db.close();
}
