//! The `tierdesk` binary end to end: demo -> validate -> sla, and its errors.

use std::path::PathBuf;
use std::process::{Command, Output};

const NOW: &str = "2026-03-18T14:30:00Z";

fn tierdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tierdesk"))
        .args(args)
        .output()
        .expect("the tierdesk binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A demo backup written to the test scratch directory.
fn demo_file(name: &str, tickets: &str) -> PathBuf {
    let out = tierdesk(&["demo", "--seed", "11", "--tickets", tickets, "--now", NOW]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, &out.stdout).unwrap();
    path
}

#[test]
fn demo_output_validates_and_is_reproducible() {
    let path = demo_file("cli-demo.json", "120");
    let out = tierdesk(&["validate", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let line = text(&out.stdout);
    assert!(line.contains(": OK - 120 tickets,"), "{line}");
    assert!(line.contains("exported 2026-03-18T14:30:00Z"), "{line}");
    let again = tierdesk(&["demo", "--seed", "11", "--tickets", "120", "--now", NOW]);
    assert_eq!(again.stdout, std::fs::read(&path).unwrap());
}

#[test]
fn broken_file_lists_problems_with_paths_and_exits_1() {
    let path = demo_file("cli-broken-src.json", "20");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    v["tickets"][3]["status"] = serde_json::json!("lost");
    v["events"][0]["ticket"] = serde_json::json!(999);
    let broken = path.with_file_name("cli-broken.json");
    std::fs::write(&broken, v.to_string()).unwrap();
    let out = tierdesk(&["validate", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("$.tickets[3].status: unknown status \"lost\"; expected one of new, open"),
        "{stdout}"
    );
    assert!(
        stdout.contains("$.events[0].ticket: points to ticket #999"),
        "{stdout}"
    );
    // Moving ticket 1's first event away also leaves ticket 1 without its "created" event.
    assert!(
        stdout.contains("$.tickets[0]: ticket #1 has no \"created\" event"),
        "{stdout}"
    );
    assert!(stdout.contains("3 problems found"), "{stdout}");

    let not_json = path.with_file_name("cli-not-json.json");
    std::fs::write(&not_json, "{\"format\": tierdesk}").unwrap();
    let out = tierdesk(&["validate", not_json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("$: the file is not valid JSON: unexpected word")
            && stdout.contains("line 1, column 13"),
        "{stdout}"
    );
}

#[test]
fn sla_prints_one_json_object_per_ticket_and_metric() {
    let path = demo_file("cli-sla.json", "40");
    let out = tierdesk(&["sla", path.to_str().unwrap(), "--at", NOW]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 40 * 4);
    let metrics = [
        "first_response",
        "next_response",
        "resolution",
        "tier_limit",
    ];
    let states = ["running", "paused", "met", "breached", "warning", "none"];
    for (i, l) in lines.iter().enumerate() {
        let keys: Vec<&str> = l.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 6, "{l}");
        assert_eq!(l["ticket"], (i / 4 + 1) as u64, "tickets in id order");
        assert_eq!(l["metric"], metrics[i % 4], "metrics in order");
        let state = l["state"].as_str().unwrap();
        assert!(states.contains(&state), "{l}");
        assert!(l["elapsed_minutes"].is_i64());
        assert!(l["due_at"].is_null() || l["due_at"].as_str().unwrap().ends_with('Z'));
        if matches!(state, "met" | "breached" | "none") {
            assert!(l["remaining_minutes"].is_null(), "{l}");
        }
    }
    // The fields are written in the documented order.
    let first = text(&out.stdout).lines().next().unwrap().to_string();
    assert!(
        first.starts_with("{\"ticket\":1,\"metric\":\"first_response\",\"state\":"),
        "{first}"
    );
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    for args in [
        vec![],
        vec!["frobnicate"],
        vec!["validate"],
        vec!["sla", "x.json"],
        vec!["sla", "x.json", "--at", "tomorrow"],
        vec!["demo", "--seed", "-3"],
        vec!["demo", "--colour", "red"],
        vec!["validate", "a.json", "b.json"],
    ] {
        let out = tierdesk(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("tierdesk --help"), "{args:?}");
    }
    let out = tierdesk(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("sla FILE --at TIME"));
    let out = tierdesk(&["validate", "/definitely/not/here.json"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = tierdesk(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let committed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/schema/backup.schema.json"
    ))
    .unwrap();
    assert_eq!(out.stdout, committed);
}

#[test]
fn kpi_prints_the_report_of_a_period_as_json() {
    let path = demo_file("cli-kpi.json", "200");
    let p = path.to_str().unwrap();
    let out = tierdesk(&["kpi", p, "--from", "2026-02-01T00:00:00Z", "--to", NOW]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("kpi prints JSON");
    let overall = &v["overall"];
    let created = overall["created"].as_u64().expect("overall.created is a count");
    assert!(created > 0 && created <= 200, "{created}");
    assert!(overall["first_response"]["n"].as_u64().unwrap() > 0);
    assert!(v["by_tier"].get("1").is_some(), "breakdown by tier keyed by tier number");
    // The same period twice gives the same bytes: the report only depends on the file.
    let again = tierdesk(&["kpi", p, "--from", "2026-02-01T00:00:00Z", "--to", NOW]);
    assert_eq!(again.stdout, out.stdout);
    let bad = tierdesk(&["kpi", p, "--from", NOW, "--to", "2026-02-01T00:00:00Z"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("--to must be later than --from"));
}
