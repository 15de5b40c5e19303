//! `tierdesk`: the command-line tool over the Tierdesk domain engine.
//!
//! Arguments are parsed by hand (std only) to keep the build small. Exit codes: 0 success,
//! 1 the input has problems or could not be read, 2 the command line is wrong.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use tierdesk::domain::backup::{self, Backup, Problem, MAX_BACKUP_BYTES};
use tierdesk::domain::demo;
use tierdesk::domain::desk::Metric;
use tierdesk::domain::model::{Ticket, TicketId, Time};
use tierdesk::domain::sla::{MetricState, SlaEngine, SlaState};

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

    schema
        Print the JSON Schema of the backup format.

    help
        Show this text.

FILE may be - for standard input. TIME is RFC 3339, e.g. 2026-03-02T09:00:00Z.
Exit codes: 0 success, 1 problems in the input, 2 wrong command line.
";

/// Why a command did not succeed.
enum Fail {
    /// The command line is wrong (exit 2).
    Usage(String),
    /// The input is bad or unreadable (exit 1). Already-printed problems use an empty text.
    Input(String),
}

type Outcome = Result<(), Fail>;

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
        "schema" => {
            Args::parse(rest, &[])?.positionals(0)?;
            print_out(&backup::json_schema())
        }
        // Later commands (`kpi`, `import-csv`) get their own arm and function here.
        "help" | "--help" | "-h" => print_out(HELP),
        other => Err(Fail::Usage(format!("unknown command \"{other}\""))),
    }
}

/// Positional arguments and `--name value` (or `--name=value`) options.
struct Args {
    positional: Vec<String>,
    options: Vec<(String, String)>,
}

impl Args {
    fn parse(args: &[String], allowed: &[&str]) -> Result<Args, Fail> {
        let mut out = Args {
            positional: vec![],
            options: vec![],
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a.starts_with("--") {
                let (name, inline) = match a.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (a.as_str(), None),
                };
                if !allowed.contains(&name) {
                    return Err(Fail::Usage(format!("unknown option {name}")));
                }
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| Fail::Usage(format!("{name} needs a value")))?,
                };
                if out.options.iter().any(|(n, _)| n == name) {
                    return Err(Fail::Usage(format!("{name} is given twice")));
                }
                out.options.push((name.to_string(), value));
            } else {
                out.positional.push(a.clone());
            }
        }
        Ok(out)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Exactly `n` positional arguments.
    fn positionals(&self, n: usize) -> Result<&[String], Fail> {
        match self.positional.len() {
            k if k == n => Ok(&self.positional),
            0 => Err(Fail::Usage(format!(
                "expected {n} argument(s); FILE is missing"
            ))),
            _ => Err(Fail::Usage(format!(
                "unexpected argument \"{}\"",
                self.positional.get(n).map_or("", String::as_str)
            ))),
        }
    }

    fn time(&self, name: &str) -> Result<Option<Time>, Fail> {
        self.get(name)
            .map(|v| {
                DateTime::parse_from_rfc3339(v)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| {
                        Fail::Usage(format!(
                            "{name} \"{v}\" is not an RFC 3339 time like 2026-03-02T09:00:00Z"
                        ))
                    })
            })
            .transpose()
    }

    fn number(&self, name: &str, default: u64) -> Result<u64, Fail> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v.parse().map_err(|_| {
                Fail::Usage(format!("{name} \"{v}\" is not a whole number of 0 or more"))
            }),
        }
    }
}

fn print_out(text: &str) -> Outcome {
    let mut out = io::stdout().lock();
    written(out.write_all(text.as_bytes()).and_then(|_| out.flush()))
}

fn written(result: io::Result<()>) -> Outcome {
    match result {
        Ok(()) => Ok(()),
        // The reader went away (e.g. `| head`): stop quietly, as other command-line tools do.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Fail::Input(format!("cannot write the output: {e}"))),
    }
}

/// The file's bytes; `-` reads standard input. Refuses files over the size limit unread.
fn read_input(path: &str) -> Result<Vec<u8>, Fail> {
    let limit = MAX_BACKUP_BYTES as u64;
    if path == "-" {
        let mut buf = vec![];
        io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Fail::Input(format!("cannot read standard input: {e}")))?;
        return Ok(buf);
    }
    let meta =
        std::fs::metadata(path).map_err(|e| Fail::Input(format!("cannot read {path}: {e}")))?;
    if meta.len() > limit {
        return Err(Fail::Input(format!(
            "{path} is {} MiB; the largest backup Tierdesk reads is {} MiB",
            meta.len().div_ceil(1024 * 1024),
            limit / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(|e| Fail::Input(format!("cannot read {path}: {e}")))
}

fn print_problems(path: &str, problems: &[Problem]) -> Fail {
    let mut text = String::new();
    for p in problems {
        text.push_str(&format!("{p}\n"));
    }
    let n = problems.len();
    text.push_str(&format!(
        "{path}: {n} problem{} found; the file cannot be imported\n",
        if n == 1 { "" } else { "s" }
    ));
    match print_out(&text) {
        Ok(()) => Fail::Input(String::new()),
        Err(e) => e,
    }
}

fn load(path: &str) -> Result<Backup, Fail> {
    let bytes = read_input(path)?;
    backup::parse(&bytes).map_err(|problems| print_problems(path, &problems))
}

fn validate(args: Args) -> Outcome {
    let path = args.positionals(1)?[0].clone();
    let b = load(&path)?;
    print_out(&format!(
        "{path}: OK - {}, {}, {}, {}, {}; format version {}, exported {}\n",
        plural(b.counts.tickets, "ticket"),
        plural(b.counts.events, "event"),
        plural(b.counts.articles, "article"),
        plural(b.counts.article_revisions, "article revision"),
        plural(b.config.agents.len() as u64, "agent"),
        b.format_version,
        b.exported_at.to_rfc3339_opts(SecondsFormat::Secs, true)
    ))
}

fn plural(n: u64, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// One line of `tierdesk sla`, fields in the documented order.
#[derive(Serialize)]
struct SlaLine {
    ticket: TicketId,
    metric: &'static str,
    state: &'static str,
    due_at: Option<String>,
    elapsed_minutes: i64,
    remaining_minutes: Option<i64>,
}

fn sla_lines(ticket: &Ticket, metrics: &[MetricState]) -> Vec<SlaLine> {
    Metric::ALL
        .iter()
        .map(
            |&metric| match metrics.iter().find(|m| m.metric == metric) {
                Some(m) => SlaLine {
                    ticket: ticket.id,
                    metric: metric.as_str(),
                    state: m.state.as_str(),
                    due_at: m
                        .due_at
                        .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
                    elapsed_minutes: m.elapsed_minutes,
                    remaining_minutes: match m.state {
                        SlaState::Met | SlaState::Breached | SlaState::None => None,
                        _ => m.remaining_minutes,
                    },
                },
                None => SlaLine {
                    ticket: ticket.id,
                    metric: metric.as_str(),
                    state: SlaState::None.as_str(),
                    due_at: None,
                    elapsed_minutes: 0,
                    remaining_minutes: None,
                },
            },
        )
        .collect()
}

fn sla(args: Args) -> Outcome {
    let path = args.positionals(1)?[0].clone();
    let at = args
        .time("--at")?
        .ok_or_else(|| Fail::Usage("sla needs --at TIME".into()))?;
    let b = load(&path)?;
    let engine = SlaEngine::new(&b.config);
    let histories = b.events_by_ticket();
    let mut out = BufWriter::new(io::stdout().lock());
    for t in &b.tickets {
        let events = histories.get(&t.id).copied().unwrap_or(&[]);
        let state = engine.evaluate(t, events, at);
        for line in sla_lines(t, &state.metrics) {
            let mut text = serde_json::to_string(&line).unwrap_or_default();
            text.push('\n');
            written(out.write_all(text.as_bytes()))?;
        }
    }
    written(out.flush())
}

fn demo(args: Args) -> Outcome {
    args.positionals(0)?;
    let seed = args.number("--seed", 1)?;
    let tickets = args.number("--tickets", 300)?;
    if tickets > 1_000_000 {
        return Err(Fail::Usage("--tickets is limited to 1000000".into()));
    }
    // The domain never reads the clock; the command line is where "now" comes from.
    let now = args.time("--now")?.unwrap_or_else(Utc::now);
    let b = demo::generate(seed, tickets as usize, now);
    let mut out = BufWriter::new(io::stdout().lock());
    written(backup::write_json(&b, &mut out).and_then(|_| out.flush()))
}
