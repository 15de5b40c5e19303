//! The commands: validate, sla, kpi, demo.

use std::io::{self, BufWriter, Write};

use chrono::{SecondsFormat, Utc};
use serde::Serialize;

use tierdesk::domain::backup::{self, Backup, Problem};
use tierdesk::domain::demo;
use tierdesk::domain::desk::Metric;
use tierdesk::domain::kpi::{self, KpiInputs};
use tierdesk::domain::model::{Ticket, TicketId};
use tierdesk::domain::sla::{MetricState, SlaEngine, SlaState};

use super::args::{print_out, read_input, written, Args, Fail, Outcome};

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

pub fn validate(args: Args) -> Outcome {
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

pub fn sla(args: Args) -> Outcome {
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

pub fn demo(args: Args) -> Outcome {
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

pub fn kpi(args: Args) -> Outcome {
    let path = args.positionals(1)?[0].clone();
    let from = args.time("--from")?.ok_or_else(|| Fail::Usage("kpi needs --from TIME".into()))?;
    let to = args.time("--to")?.ok_or_else(|| Fail::Usage("kpi needs --to TIME".into()))?;
    if to <= from {
        return Err(Fail::Usage("--to must be later than --from".into()));
    }
    let b = load(&path)?;
    // The domain never reads the clock: "now" is the export time unless given.
    let now = args.time("--now")?.unwrap_or(b.exported_at);
    let report = kpi::compute(&b.tickets, &b.events, &b.config, from, to, now, KpiInputs::default());
    let mut text = serde_json::to_string_pretty(&kpi::report_json(&report)).unwrap_or_default();
    text.push('\n');
    print_out(&text)
}
