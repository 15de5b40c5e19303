use proptest::prelude::*;

use super::*;
use crate::domain::backup::{fixture, parse, to_json};

/// Reads `bytes` to the end with `budget` per step; returns the result and the step count.
fn read_all(bytes: &[u8], budget: usize) -> (Result<Backup, Vec<Problem>>, usize) {
    let mut r = Reader::new(bytes);
    let mut steps = 0;
    let mut last = 0;
    loop {
        steps += 1;
        assert!(steps < 100_000, "the reader must finish");
        match r.step(budget) {
            Step::Working { done, total } => {
                assert!(done >= last && done <= total, "progress {done} of {total} after {last}");
                last = done;
            }
            Step::Done(result) => return (*result, steps),
        }
    }
}

fn same_as_parse(bytes: &[u8]) {
    for budget in [1, 64, 1 << 20] {
        assert_eq!(read_all(bytes, budget).0, parse(bytes), "budget {budget}: {:?}", String::from_utf8_lossy(bytes));
    }
}

#[test]
fn pieces_of_batches_give_the_bytes_of_to_json() {
    let mut b = fixture::backup("e");
    b.tickets[1].subject = "Quotes \" and brackets ]}, and \\ slashes".into();
    b.normalize();
    let expected = to_json(&b);

    // Events arrive in any order within a batch of tickets, as read from IndexedDB.
    let mut events = b.events.clone();
    events.reverse();
    let mut ticket_pieces = vec![];
    let mut event_pieces = vec![];
    for batch in b.tickets.chunks(2) {
        let ids: Vec<_> = batch.iter().map(|t| t.id).collect();
        let mut ev: Vec<Event> = events.iter().filter(|e| ids.contains(&e.ticket)).cloned().collect();
        sort_events(&mut ev);
        ticket_pieces.extend(items_json(batch));
        event_pieces.extend(items_json(&ev));
    }
    let mut articles = b.articles.clone();
    articles.reverse();
    sort_articles(&mut articles);
    let mut revisions = b.article_revisions.clone();
    revisions.reverse();
    sort_revisions(&mut revisions);
    let lists = [
        ticket_pieces,
        event_pieces,
        items_json(&articles).into_iter().collect(),
        items_json(&revisions).into_iter().collect(),
    ];
    assert_eq!(lists[0].len(), 2, "three tickets in batches of two");
    let head = head_json(b.exported_at, &b.counts, &b.meta, &b.config);
    let text: String = frame(head, lists, str::to_string).concat();
    assert_eq!(text, expected);
}

#[test]
fn empty_lists_write_empty_brackets() {
    let b = Backup::new(fixture::t0(), fixture::config(), vec![], vec![], vec![], vec![], 1);
    assert_eq!(items_json::<Ticket>(&[]), None);
    let head = head_json(b.exported_at, &b.counts, &b.meta, &b.config);
    let text: String = frame(head, [vec![], vec![], vec![], vec![]], str::to_string).concat();
    assert_eq!(text, to_json(&b));
    assert!(text.ends_with(",\"tickets\":[],\"events\":[],\"articles\":[],\"article_revisions\":[]}\n"));
}

#[test]
fn export_meta_keeps_the_next_id_above_every_ticket() {
    assert_eq!(export_meta(5, None, Some(9)).next_ticket_id, 10);
    assert_eq!(export_meta(50, Some(7), Some(9)), Meta { next_ticket_id: 50, demo_seed: Some(7) });
    assert_eq!(export_meta(0, None, None).next_ticket_id, 1);
}

#[test]
fn reads_a_sound_file_in_many_small_steps_like_parse() {
    let bytes = to_json(&fixture::backup("e")).into_bytes();
    let (result, steps) = read_all(&bytes, 200);
    assert!(steps > 10, "small budgets give many steps, got {steps}");
    let b = result.expect("a sound file reads");
    assert_eq!(b, parse(&bytes).unwrap());
    assert_eq!(to_json(&b).into_bytes(), bytes);
    // With a byte order mark, white space around, and an unknown field: still the same.
    let mut odd = b"\xEF\xBB\xBF \n".to_vec();
    odd.extend_from_slice(&bytes[..1]);
    odd.extend_from_slice(b"\"extra\": {\"x\": [1, \"]\"]}, ");
    odd.extend_from_slice(&bytes[1..]);
    odd.extend_from_slice(b"\r\n\t ");
    assert_eq!(read_all(&odd, 100).0.unwrap(), b);
}

#[test]
fn every_kind_of_bad_file_gets_exactly_the_problems_of_parse() {
    let good = to_json(&fixture::backup("e"));
    let bad_status = good.replacen("\"status\":\"resolved\"", "\"status\":\"foo\"", 1);
    assert_ne!(bad_status, good);
    let (result, _) = read_all(bad_status.as_bytes(), 100);
    let problems = result.unwrap_err();
    assert!(problems.iter().any(|p| p.path.starts_with("$.tickets[") && p.path.ends_with(".status")), "{problems:?}");

    let deep = format!("{{\"format\":\"tierdesk-backup\",\"x\":{}{}}}", "[".repeat(100), "]".repeat(100));
    let v0 = good.replace("\"format_version\":1", "\"format_version\":0");
    let newer = good.replace("\"format_version\":1", "\"format_version\":9");
    let twice = good.replacen("{\"format\"", "{\"tickets\":[],\"format\"", 1);
    let cases: Vec<Vec<u8>> = vec![
        bad_status.into_bytes(),
        good.as_bytes()[..good.len() / 2].to_vec(),
        good.as_bytes()[..good.len() - 3].to_vec(),
        format!("{good}x").into_bytes(),
        good.replacen(',', ",,", 3).into_bytes(),
        good.replacen("},{", "} {", 1).into_bytes(),
        good.replace("\"counts\":{\"tickets\":3", "\"counts\":{\"tickets\":4").into_bytes(),
        v0.into_bytes(),
        newer.into_bytes(),
        twice.into_bytes(),
        deep.into_bytes(),
        b"".to_vec(),
        b"   ".to_vec(),
        b"[]".to_vec(),
        b"{}".to_vec(),
        b"null".to_vec(),
        b"{\"format\":\"tierdesk-backup\"".to_vec(),
        b"\xff\xfe{}".to_vec(),
        b"{\"tickets\":[1,]}".to_vec(),
        b"{\"tickets\":{}}".to_vec(),
        b"{\"a\" 1}".to_vec(),
        b"{\"a\":}".to_vec(),
        b"{\"\\".to_vec(),
        good.replacen("{\"format\"", "{\"extra\":tru,\"format\"", 1).into_bytes(),
        good.replacen("{\"format\"", "{\"extra\":[1 2],\"format\"", 1).into_bytes(),
        good.replacen("{\"format\"", "{\"extra\":\"\\q\",\"format\"", 1).into_bytes(),
    ];
    for bytes in cases {
        same_as_parse(&bytes);
    }
}

#[test]
fn an_older_version_is_migrated_through_parse() {
    let mut v = serde_json::to_value(fixture::backup("e")).unwrap();
    let obj = v.as_object_mut().unwrap();
    obj.insert("format_version".into(), 0.into());
    obj.remove("counts");
    obj.remove("meta");
    let bytes = serde_json::to_vec(&v).unwrap();
    let (result, _) = read_all(&bytes, 100);
    assert_eq!(result.unwrap().meta.next_ticket_id, 4);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    // No input panics, and the result is always the one `parse` gives.
    #[test]
    fn mutated_files_read_like_parse(cut in 0usize..20_000, at in 0usize..20_000, byte in any::<u8>(), budget in 1usize..5_000) {
        let good = to_json(&fixture::backup("e")).into_bytes();
        let mut bytes = good.clone();
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(bytes.len() - cut % 40);
        prop_assert_eq!(read_all(&bytes, budget).0, parse(&bytes));
    }

    #[test]
    fn arbitrary_bytes_read_like_parse(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert_eq!(read_all(&bytes, 7).0, parse(&bytes));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    // JSON punctuation dropped anywhere, including into an extra field that `parse` ignores.
    #[test]
    fn inserted_punctuation_reads_like_parse(text in "[\\[\\]{}\",:0-9a-z\\\\ ]{0,12}", at in 0usize..20_000, extra in any::<bool>()) {
        let good = to_json(&fixture::backup("e")).into_bytes();
        let bytes = if extra {
            let mut b = b"{\"extra\":".to_vec();
            b.extend_from_slice(text.as_bytes());
            b.push(b',');
            b.extend_from_slice(&good[1..]);
            b
        } else {
            let at = at % good.len();
            let mut b = good[..at].to_vec();
            b.extend_from_slice(text.as_bytes());
            b.extend_from_slice(&good[at..]);
            b
        };
        prop_assert_eq!(read_all(&bytes, 50).0, parse(&bytes));
    }
}
