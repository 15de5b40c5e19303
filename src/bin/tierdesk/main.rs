//! `tierdesk`: the command-line tool over the Tierdesk domain engine (native only).
//!
//! Arguments are parsed by hand (std only) to keep the build small. Exit codes: 0 success,
//! 1 the input has problems or could not be read, 2 the command line is wrong.

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod csv_cmd;

#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use args::{print_out, Args, Fail, Outcome};
#[cfg(not(target_arch = "wasm32"))]
use commands::*;
#[cfg(not(target_arch = "wasm32"))]
use csv_cmd::import_csv;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
const HELP: &str = "\
tierdesk - command-line tool for Tierdesk backups

USAGE:
    tierdesk <COMMAND> [ARGS]

COMMANDS:
    validate FILE
        Check a backup file. Lists every problem with its JSON path (exit 1),
        or prints a summary line (exit 0).

    sla FILE --at TIME
        The SLA state of every ticket at TIME, one JSON object per line:
        {\"ticket\", \"metric\", \"state\", \"due_at\", \"elapsed_minutes\", \"remaining_minutes\"}.
        Tickets in id order; metrics first_response, next_response, resolution, tier_limit.

    demo [--seed N] [--tickets N] [--now TIME]
        Write a demo backup to standard output. Defaults: seed 1, 300 tickets,
        now = the current time. The same seed and --now give the same bytes.

    kpi FILE --from TIME --to TIME [--now TIME]
        KPIs over the period [from, to) as JSON: volume, backlog, response and
        resolution times, first-contact resolution, escalation rates, SLA
        compliance, CSAT, cost per ticket; overall and per tier, group, agent,
        category and priority. --now defaults to the backup's export time.

    import-csv FILE [--from LAYOUT] [--now TIME] [--tz ZONE] [--date-order ORDER]
               [--on-problem skip|refuse] [--unknown-agents create|unassign]
        Read another help desk's CSV ticket export and write a backup (the default
        settings plus the imported tickets, each with its history) to standard
        output. LAYOUT is zendesk, freshdesk, osticket, tierdesk or auto (default:
        known from the column names). Rows with problems are listed on standard
        error by row and column and skipped (exit 0), or with --on-problem refuse
        nothing is written (exit 1); exit 1 too if the file is not CSV. Times
        without an offset are in ZONE (default UTC); ORDER is dmy, mdy or auto and
        says how to read 02/03/2026. Unknown assignees become agents marked away,
        or with --unknown-agents unassign the tickets stay unassigned.
        See docs/csv.md.

    schema
        Print the JSON Schema of the backup format.

    help
        Show this text.

FILE may be - for standard input. TIME is RFC 3339, e.g. 2026-03-02T09:00:00Z.
Exit codes: 0 success, 1 problems in the input, 2 wrong command line.
";

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail::Usage(msg)) => {
            eprintln!("tierdesk: {msg}\nRun `tierdesk --help` for usage.");
            ExitCode::from(2)
        }
        Err(Fail::Input(msg)) => {
            if !msg.is_empty() {
                eprintln!("tierdesk: {msg}");
            }
            ExitCode::from(1)
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run(args: &[String]) -> Outcome {
    let Some((command, rest)) = args.split_first() else {
        return Err(Fail::Usage("no command given".into()));
    };
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return print_out(HELP);
    }
    match command.as_str() {
        "validate" => validate(Args::parse(rest, &[])?),
        "sla" => sla(Args::parse(rest, &["--at"])?),
        "demo" => demo(Args::parse(rest, &["--seed", "--tickets", "--now"])?),
        "kpi" => kpi(Args::parse(rest, &["--from", "--to", "--now"])?),
        "import-csv" => import_csv(Args::parse(
            rest,
            &["--from", "--now", "--tz", "--date-order", "--on-problem", "--unknown-agents"],
        )?),
        "schema" => {
            Args::parse(rest, &[])?.positionals(0)?;
            print_out(&tierdesk::domain::backup::json_schema())
        }
        "help" | "--help" | "-h" => print_out(HELP),
        other => Err(Fail::Usage(format!("unknown command \"{other}\""))),
    }
}

