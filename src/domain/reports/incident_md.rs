//! The incident report as a self-contained Markdown file. Every text that comes from people
//! (subjects, replies, notes, names) is escaped, so the file shows it as text in any Markdown
//! viewer and can never carry HTML, links or images that the data did not have.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::incident::{tier_totals, IncidentReport, IncidentTicket};
use crate::domain::desk::Metric;
use crate::domain::model::{LinkKind, Priority, Status, Tier, Time};
use crate::domain::sla::SlaState;

/// The words and formats of the file, in the reader's language (the UI passes its own).
pub struct Words {
    pub title: &'static str,
    pub generated: &'static str,
    pub tickets: &'static str,
    pub ticket: &'static str,
    pub subject: &'static str,
    pub status: &'static str,
    pub priority: &'static str,
    pub tier: &'static str,
    pub requester: &'static str,
    pub created: &'static str,
    pub closed: &'static str,
    pub open: &'static str,
    pub root_cause: &'static str,
    pub none: &'static str,
    pub problems: &'static str,
    pub articles: &'static str,
    pub links: &'static str,
    pub tiers_passed: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub time: &'static str,
    pub until_now: &'static str,
    pub total: &'static str,
    pub sla: &'static str,
    pub no_sla: &'static str,
    pub metric: &'static str,
    pub target: &'static str,
    pub due: &'static str,
    pub actual: &'static str,
    pub outcome: &'static str,
    pub timeline: &'static str,
    pub internal: &'static str,
    pub missing: &'static str,
    pub truncated: String,
    pub status_label: fn(Status) -> &'static str,
    pub priority_label: fn(Priority) -> &'static str,
    pub metric_label: fn(Metric) -> &'static str,
    pub state_label: fn(SlaState) -> &'static str,
    pub link_label: fn(LinkKind) -> &'static str,
    pub tier_label: fn(Tier) -> String,
    pub datetime: fn(Time) -> String,
    pub duration: fn(i64) -> String,
}

/// Text from the data, safe inside a Markdown line or table cell: every character that
/// Markdown or HTML could read as markup is backslash-escaped, line breaks become spaces.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A multi-line body as a quoted block, each line escaped; a line that would start a list or
/// a heading underline keeps its first character as text.
fn quote(body: &str) -> String {
    body.lines()
        .map(|l| {
            let e = escape(l.trim_start());
            let digits = e.chars().take_while(char::is_ascii_digit).count();
            let e = match e.chars().nth(digits) {
                Some('.' | ')') if digits > 0 => format!("{}\\{}", &e[..digits], &e[digits..]),
                Some('-' | '+' | '=') if digits == 0 => format!("\\{e}"),
                _ => e,
            };
            format!("> {e}\n")
        })
        .collect()
}

fn row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

fn head(cells: &[&str]) -> String {
    let mut s = row(&cells.iter().map(|c| c.to_string()).collect::<Vec<_>>());
    s.push_str(&row(&vec!["---".to_string(); cells.len()]));
    s
}

/// The whole file. `titles` maps article ids to titles (ids without one are shown as ids).
pub fn to_markdown(r: &IncidentReport, titles: &BTreeMap<String, String>, w: &Words) -> String {
    let mut md = String::new();
    let root = r.root_ticket();
    let heading = root.map_or(format!("#{}", r.root), |t| format!("\\#{} {}", t.ticket.id, escape(&t.ticket.subject)));
    let _ = writeln!(md, "# {}: {heading}\n", w.title);
    let _ = writeln!(md, "{}: {}  \n{}: {}\n", w.generated, (w.datetime)(r.now), w.tickets, r.tickets.len());

    md.push_str(&head(&[w.ticket, w.subject, w.status, w.priority, w.tier, w.created, w.closed]));
    for t in &r.tickets {
        let k = &t.ticket;
        md.push_str(&row(&[
            format!("\\#{}", k.id),
            escape(&k.subject),
            (w.status_label)(k.status).to_string(),
            (w.priority_label)(k.priority).to_string(),
            (w.tier_label)(k.tier),
            (w.datetime)(k.created_at),
            t.closed_at.map_or(w.open.to_string(), w.datetime),
        ]));
    }
    if !r.missing.is_empty() {
        let list: Vec<String> = r.missing.iter().map(|id| format!("\\#{id}")).collect();
        let _ = writeln!(md, "\n{}: {}", w.missing, list.join(", "));
    }
    if r.truncated {
        let _ = writeln!(md, "\n{}", w.truncated);
    }

    let _ = writeln!(md, "\n## {}\n", w.root_cause);
    let causes: Vec<&IncidentTicket> = r.tickets.iter().filter(|t| !t.ticket.root_cause.trim().is_empty()).collect();
    if causes.is_empty() {
        let _ = writeln!(md, "{}", w.none);
    }
    for t in causes {
        let _ = writeln!(md, "- \\#{}: {}", t.ticket.id, escape(&t.ticket.root_cause));
    }

    let _ = writeln!(md, "\n## {}\n", w.problems);
    let problems: Vec<&IncidentTicket> = r.tickets.iter().filter(|t| t.is_problem()).collect();
    if problems.is_empty() {
        let _ = writeln!(md, "{}", w.none);
    }
    for t in problems {
        let _ = writeln!(md, "- \\#{} {} ({})", t.ticket.id, escape(&t.ticket.subject), (w.status_label)(t.ticket.status));
    }

    let _ = writeln!(md, "\n## {}\n", w.articles);
    let articles = r.articles();
    if articles.is_empty() {
        let _ = writeln!(md, "{}", w.none);
    }
    for a in articles {
        match titles.get(&a) {
            Some(title) => {
                let _ = writeln!(md, "- {} ({})", escape(title), escape(&a));
            }
            None => {
                let _ = writeln!(md, "- {}", escape(&a));
            }
        }
    }

    for t in &r.tickets {
        ticket_section(&mut md, t, r.now, w);
    }

    let _ = writeln!(md, "\n## {}\n", w.timeline);
    for x in &r.timeline {
        let e = &x.row.entry;
        let internal = if e.public { String::new() } else { format!(" ({})", w.internal) };
        let _ = writeln!(
            md,
            "- {} · \\#{} · **{}** {}{internal}",
            (w.datetime)(x.row.at),
            x.ticket,
            escape(&e.who),
            escape(&e.summary)
        );
        if let Some(body) = e.body.as_deref().filter(|b| !b.trim().is_empty()) {
            md.push('\n');
            for line in quote(body).lines() {
                let _ = writeln!(md, "  {line}");
            }
            md.push('\n');
        }
    }
    md
}

fn ticket_section(md: &mut String, t: &IncidentTicket, now: Time, w: &Words) {
    let k = &t.ticket;
    let _ = writeln!(md, "\n## {} \\#{}: {}\n", w.ticket, k.id, escape(&k.subject));
    let _ = writeln!(md, "{}: {}  ", w.requester, escape(&k.requester.name));
    let cause = if k.root_cause.trim().is_empty() { w.none.to_string() } else { escape(&k.root_cause) };
    let _ = writeln!(md, "{}: {cause}  ", w.root_cause);
    let links: Vec<String> = k.links.iter().map(|l| format!("{} \\#{}", (w.link_label)(l.kind), l.other)).collect();
    let links = if links.is_empty() { w.none.to_string() } else { links.join(", ") };
    let _ = writeln!(md, "{}: {links}", w.links);

    let _ = writeln!(md, "\n### {}\n", w.tiers_passed);
    md.push_str(&head(&[w.tier, w.from, w.to, w.time]));
    for s in &t.spans {
        md.push_str(&row(&[
            (w.tier_label)(s.tier),
            (w.datetime)(s.from),
            s.to.map_or(w.until_now.to_string(), w.datetime),
            (w.duration)(s.minutes(now)),
        ]));
    }
    let totals: Vec<String> = tier_totals(&t.spans, now)
        .into_iter()
        .map(|(tier, m)| format!("{} {}", (w.tier_label)(tier), (w.duration)(m)))
        .collect();
    let _ = writeln!(md, "\n{}: {}", w.total, totals.join(", "));

    let _ = writeln!(md, "\n### {}\n", w.sla);
    if t.sla.is_empty() {
        let _ = writeln!(md, "{}", w.no_sla);
        return;
    }
    md.push_str(&head(&[w.metric, w.target, w.due, w.actual, w.outcome]));
    for s in &t.sla {
        md.push_str(&row(&[
            (w.metric_label)(s.metric).to_string(),
            s.target_minutes.map_or("—".to_string(), |m| (w.duration)(i64::from(m))),
            s.due_at.map_or("—".to_string(), w.datetime),
            s.done_at.map_or("—".to_string(), w.datetime),
            (w.state_label)(s.state).to_string(),
        ]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup() {
        let s = escape("<img src=x onerror=alert(1)> **bold** [link](http://x) | pipe\nline");
        // Every character Markdown or HTML could read as markup comes right after a backslash.
        let chars: Vec<char> = s.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if "<>*[]|".contains(*c) {
                assert!(i > 0 && chars[i - 1] == '\\', "unescaped {c} at {i} in {s}");
            }
        }
        assert!(!s.contains('\n'));
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("Plain words, 42. Done: yes (really)"), "Plain words, 42. Done: yes (really)");
        assert_eq!(escape("a&amp;b"), "a\\&amp;b");
    }

    #[test]
    fn quotes_escape_each_line() {
        assert_eq!(quote("one <b>\n# two"), "> one \\<b\\>\n> \\# two\n");
        assert_eq!(quote("- not a list\n12. not a number\nPlain. Text."), "> \\- not a list\n> 12\\. not a number\n> Plain. Text.\n");
    }
}
