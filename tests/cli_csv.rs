//! `tierdesk import-csv` end to end: a small Zendesk export becomes a backup that `tierdesk
//! validate` accepts; problems go to standard error with row and column.

use std::path::PathBuf;
use std::process::{Command, Output};

const NOW: &str = "2026-03-18T14:30:00Z";

const ZENDESK: &str = "\
Id,Requester,Requester email,Assignee,Group,Subject,Tags,Status,Priority,Via,Created at,Updated at,Solved at\r
101,Dana Scully,dana@example.org,Walter Skinner,Network,\"VPN drops, every hour\",vpn remote,solved,High,Mail,2026-02-02 09:00:00 +0100,2026-02-03 10:00:00 +0100,2026-02-03 09:30:00 +0100\r
102,Fox Mulder,fox@example.org,,,\"Printer jams\r
on every page\",printer,open,-,Web Form,2026-02-04 11:00:00 +0100,2026-02-04 12:00:00 +0100,\r
103,Melvin Frohike,frohike@example.org,,,Odd one,,escalated,low,Mail,2026-02-05 08:00:00 +0100,,\r
";

fn tierdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tierdesk"))
        .args(args)
        .output()
        .expect("the tierdesk binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str, content: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, content).unwrap();
    path
}

#[test]
fn zendesk_csv_becomes_a_valid_backup_and_bad_rows_are_named() {
    let csv = scratch("cli-zendesk.csv", ZENDESK.as_bytes());
    let csv = csv.to_str().unwrap();
    let out = tierdesk(&["import-csv", "--from", "zendesk", csv, "--now", NOW]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("row 4, column \"Status\": unknown status \"escalated\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("imported 2 tickets from the Zendesk export; 1 row with problems skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("1 agent added"), "{stderr}");

    let backup: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(backup["format"], "tierdesk-backup");
    assert_eq!(backup["exported_at"], NOW);
    assert_eq!(backup["tickets"][0]["subject"], "VPN drops, every hour");
    assert_eq!(backup["tickets"][0]["status"], "resolved");
    assert_eq!(backup["tickets"][0]["group"], "network");
    assert_eq!(backup["tickets"][0]["fields"]["source_id"], "101");
    assert_eq!(backup["tickets"][1]["subject"], "Printer jams on every page");
    let agents = backup["config"]["agents"].as_array().unwrap();
    assert!(agents.iter().any(|a| a["name"] == "Walter Skinner" && a["away"] == true));

    let json = scratch("cli-zendesk.json", &out.stdout);
    let out = tierdesk(&["validate", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains(": OK - 2 tickets,"), "{}", text(&out.stdout));

    // The same file again gives the same bytes: event ids come from the file's contents.
    let again = tierdesk(&["import-csv", csv, "--now", NOW]);
    assert_eq!(again.stdout, std::fs::read(&json).unwrap(), "auto-detected as Zendesk");
}

#[test]
fn refusing_on_problems_writes_nothing_and_exits_1() {
    let csv = scratch("cli-zendesk-refuse.csv", ZENDESK.as_bytes());
    let out = tierdesk(&[
        "import-csv",
        csv.to_str().unwrap(),
        "--on-problem",
        "refuse",
        "--now",
        NOW,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("row 4, column \"Status\""), "{stderr}");
    assert!(stderr.contains("1 problem found; nothing was imported"), "{stderr}");
}

#[test]
fn files_that_are_not_csv_exit_1_and_bad_options_exit_2() {
    let broken = scratch(
        "cli-broken.csv",
        b"Id,Subject,Created at,Requester\n1,\"never closed,2026-02-01,Ann\n",
    );
    let out = tierdesk(&["import-csv", broken.to_str().unwrap(), "--now", NOW]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("line 2: a quoted field starts here and is never closed"),
        "{stderr}"
    );
    let unknown = scratch("cli-unknown.csv", b"Name,Colour\nAnn,red\n");
    let out = tierdesk(&["import-csv", unknown.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("name the layout with --from"));
    for args in [
        vec!["import-csv", "x.csv", "--from", "jira"],
        vec!["import-csv", "x.csv", "--tz", "Mars/Olympus"],
        vec!["import-csv", "x.csv", "--date-order", "ymd"],
        vec!["import-csv"],
    ] {
        let out = tierdesk(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
    }
}
