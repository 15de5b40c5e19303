//! `tierdesk import-csv`: another help desk's CSV export to a Tierdesk backup.

use std::io::{self, BufWriter, Write};

use chrono::Utc;
use tierdesk::domain::tz::Tz;

use tierdesk::domain::backup::{self, Backup, Problem};
use tierdesk::domain::csv::{self, DateOrder, ImportOptions, Layout, OnProblem, UnknownAgents};
use tierdesk::domain::defaults::default_config;
use tierdesk::domain::ticket::SeqIds;

use super::args::{read_input, written, Args, Fail, Outcome};

/// One of the allowed words for an option, or a usage error that lists them.
fn choice<T: Copy>(args: &Args, name: &str, default: T, words: &[(&str, T)]) -> Result<T, Fail> {
    let Some(v) = args.get(name) else {
        return Ok(default);
    };
    words
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(v.trim()))
        .map(|(_, t)| *t)
        .ok_or_else(|| {
            let known: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
            Fail::Usage(format!("{name} \"{v}\" is not one of {}", known.join(", ")))
        })
}

/// FNV-1a: event ids differ between files, so two imports can be merged into one desk.
fn fingerprint(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn report(path: &str, lines: &[Problem]) -> String {
    lines.iter().map(|p| format!("{path}: {p}\n")).collect()
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn options(args: &Args) -> Result<ImportOptions, Fail> {
    let time_zone = match args.get("--tz") {
        None => Tz::UTC,
        Some(v) => v.trim().parse::<Tz>().map_err(|_| {
            Fail::Usage(format!("--tz \"{v}\" is not an IANA time zone like Europe/Berlin"))
        })?,
    };
    Ok(ImportOptions {
        on_problem: choice(
            args,
            "--on-problem",
            OnProblem::SkipRow,
            &[("skip", OnProblem::SkipRow), ("refuse", OnProblem::Refuse)],
        )?,
        unknown_agents: choice(
            args,
            "--unknown-agents",
            UnknownAgents::Create,
            &[("create", UnknownAgents::Create), ("unassign", UnknownAgents::Unassign)],
        )?,
        time_zone,
        date_order: choice(
            args,
            "--date-order",
            None,
            &[
                ("auto", None),
                ("dmy", Some(DateOrder::DayFirst)),
                ("mdy", Some(DateOrder::MonthFirst)),
            ],
        )?,
    })
}

pub fn import_csv(args: Args) -> Outcome {
    let path = args.positionals(1)?[0].clone();
    let mut layouts: Vec<(&str, Option<Layout>)> = vec![("auto", None)];
    layouts.extend(Layout::ALL.iter().map(|l| (l.as_str(), Some(*l))));
    let layout = choice(&args, "--from", None, &layouts)?;
    let opts = options(&args)?;
    // The domain never reads the clock; the command line is where "now" comes from.
    let now = args.time("--now")?.unwrap_or_else(Utc::now);

    let bytes = read_input(&path)?;
    let (table, note) = csv::read_bytes(&bytes).map_err(|e| {
        Fail::Input(format!("{path}: {e}; the file cannot be read as CSV"))
    })?;
    let mut err = String::new();
    if let Some(note) = note {
        err.push_str(&format!("{path}: {note}\n"));
    }
    let layout = match layout.or_else(|| csv::detect_layout(&table.headers)) {
        Some(l) => l,
        None => {
            return Err(Fail::Input(format!(
                "{path}: the column names are not those of a Zendesk, Freshdesk, osTicket or Tierdesk export; name the layout with --from"
            )))
        }
    };
    let mapping = csv::default_mapping(layout, &table.headers);
    let cfg = default_config();
    let mut ids = SeqIds::new(&format!("csv-{:016x}-", fingerprint(&bytes)));
    let res = match csv::import(&table, &mapping, &cfg, now, 1, &mut ids, &opts) {
        Ok(res) => res,
        Err(problems) => {
            err.push_str(&report(&path, &problems));
            err.push_str(&format!(
                "{path}: {} found; nothing was imported\n",
                plural(problems.len(), "problem")
            ));
            eprint!("{err}");
            return Err(Fail::Input(String::new()));
        }
    };
    let mut config = cfg;
    config.agents.extend(res.agents_created.iter().cloned());
    let b = Backup::new(now, config, res.tickets, res.events, vec![], vec![], res.next_ticket_id);
    // The import only builds valid records; check anyway rather than write a bad backup.
    let invalid = backup::validate(&b);
    if !invalid.is_empty() {
        eprint!("{err}{}", report(&path, &invalid));
        return Err(Fail::Input(format!(
            "{path}: the imported data does not validate; this is a bug in Tierdesk"
        )));
    }
    err.push_str(&report(&path, &res.problems));
    err.push_str(&report(&path, &res.warnings));
    err.push_str(&format!(
        "{path}: imported {} from the {} export; {} with problems skipped, {}, {} added\n",
        plural(b.tickets.len(), "ticket"),
        layout.label(),
        plural(res.skipped_rows, "row"),
        plural(res.warnings.len(), "warning"),
        plural(res.agents_created.len(), "agent"),
    ));
    eprint!("{err}");
    let mut out = BufWriter::new(io::stdout().lock());
    written(backup::write_json(&b, &mut out).and_then(|_| out.flush()))
}
