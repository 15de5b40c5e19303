//! Block structure: a line-oriented pass that strips container prefixes (quote markers, list
//! indentation) and recurses into the container's lines, at most [`MAX_BLOCK_DEPTH`] deep.

use super::inline::parse_inlines;
use super::{Align, Block, MAX_BLOCK_DEPTH, MAX_TABLE_COLUMNS};

pub fn parse_document(src: &str) -> Vec<Block> {
    parse_blocks(&prepare_lines(src), 0)
}

/// Lines with CR/CRLF normalised, NUL replaced (as CommonMark asks) and tabs in the structural
/// prefix (indentation, quote and list markers) expanded to 4-column stops, so indentation is
/// a plain count of spaces.
fn prepare_lines(src: &str) -> Vec<String> {
    let src = src.replace("\r\n", "\n").replace('\r', "\n").replace('\0', "\u{fffd}");
    src.split('\n')
        .map(|line| {
            let prefix = line.bytes().take_while(|b| b" \t>*+-.)0123456789".contains(b)).count();
            if !line[..prefix].contains('\t') {
                return line.to_string();
            }
            let mut out = String::with_capacity(line.len() + 8);
            for c in line[..prefix].chars() {
                if c == '\t' {
                    let width = 4 - out.len() % 4;
                    out.extend(std::iter::repeat_n(' ', width));
                } else {
                    out.push(c);
                }
            }
            out.push_str(&line[prefix..]);
            out
        })
        .collect()
}

fn parse_blocks(lines: &[String], depth: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if is_blank(line) {
            i += 1;
            continue;
        }
        if indent(line) >= 4 {
            i = indented_code(lines, i, &mut blocks);
        } else if let Some(fence) = fence_start(line) {
            i = fenced_code(lines, i, &fence, &mut blocks);
        } else if let Some((level, text)) = atx_heading(line) {
            blocks.push(Block::Heading { level, inlines: parse_inlines(text) });
            i += 1;
        } else if is_rule(line) {
            blocks.push(Block::Rule);
            i += 1;
        } else if depth < MAX_BLOCK_DEPTH && is_quote(line) {
            i = quote(lines, i, depth, &mut blocks);
        } else if let Some(marker) = list_marker(line).filter(|_| depth < MAX_BLOCK_DEPTH) {
            i = list(lines, i, marker, depth, &mut blocks);
        } else if let Some(cols) = table_start(lines, i) {
            i = table(lines, i, cols, depth, &mut blocks);
        } else {
            i = paragraph(lines, i, depth, &mut blocks);
        }
    }
    blocks
}

// ---- line tests ----

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn indent(line: &str) -> usize {
    line.bytes().take_while(|b| *b == b' ').count()
}

/// The line without up to `n` leading spaces.
fn strip_indent(line: &str, n: usize) -> String {
    let k = indent(line).min(n);
    line[k..].to_string()
}

struct Fence {
    indent: usize,
    ch: u8,
    len: usize,
    lang: String,
}

fn fence_start(line: &str) -> Option<Fence> {
    let ind = indent(line);
    if ind > 3 {
        return None;
    }
    let rest = &line[ind..];
    let ch = *rest.as_bytes().first().filter(|c| matches!(c, b'`' | b'~'))?;
    let len = rest.bytes().take_while(|c| *c == ch).count();
    let info = rest[len..].trim();
    if len < 3 || (ch == b'`' && info.contains('`')) {
        return None;
    }
    let lang = info
        .split_whitespace()
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '#' | '.' | '-'))
        .take(32)
        .collect();
    Some(Fence { indent: ind, ch, len, lang })
}

fn is_fence_close(line: &str, fence: &Fence) -> bool {
    let ind = indent(line);
    let rest = &line[ind..];
    let len = rest.bytes().take_while(|c| *c == fence.ch).count();
    ind <= 3 && len >= fence.len && rest[len..].trim().is_empty()
}

fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let ind = indent(line);
    if ind > 3 {
        return None;
    }
    let rest = &line[ind..];
    let level = rest.bytes().take_while(|c| *c == b'#').count();
    let after = &rest[level..];
    if !(1..=6).contains(&level) || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let text = after.trim();
    // An optional closing run of '#' preceded by a space (or making up the whole text).
    let without = text.trim_end_matches('#');
    let text = if without.is_empty() {
        ""
    } else if without.ends_with([' ', '\t']) {
        without.trim_end()
    } else {
        text
    };
    Some((level as u8, text))
}

fn is_rule(line: &str) -> bool {
    if indent(line) > 3 {
        return false;
    }
    let mut chars = line.chars().filter(|c| !matches!(c, ' ' | '\t'));
    let Some(first) = chars.next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    let mut count = 1;
    for c in chars {
        if c != first {
            return false;
        }
        count += 1;
    }
    count >= 3
}

fn is_quote(line: &str) -> bool {
    indent(line) <= 3 && line.trim_start().starts_with('>')
}

/// The line without its quote marker and one following space.
fn strip_quote(line: &str) -> String {
    let rest = line.trim_start();
    let rest = rest.strip_prefix('>').unwrap_or(rest);
    rest.strip_prefix(' ').unwrap_or(rest).to_string()
}

#[derive(Clone, Copy)]
struct Marker {
    ordered: bool,
    /// The bullet character, or the delimiter after the number ('.' or ')').
    ch: u8,
    start: u32,
    /// Column where the item's content starts; continuation lines need this much indent.
    content: usize,
    empty: bool,
}

fn list_marker(line: &str) -> Option<Marker> {
    let ind = indent(line);
    if ind > 3 {
        return None;
    }
    let rest = &line.as_bytes()[ind..];
    let (ordered, ch, start, width) = match rest.first()? {
        c @ (b'-' | b'+' | b'*') => (false, *c, 1, 1),
        c if c.is_ascii_digit() => {
            let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            let delim = *rest.get(digits).filter(|c| matches!(c, b'.' | b')'))?;
            if digits > 9 {
                return None;
            }
            let start = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
            (true, delim, start, digits + 1)
        }
        _ => return None,
    };
    let after = &rest[width..];
    if !(after.is_empty() || after[0] == b' ') {
        return None;
    }
    let spaces = after.iter().take_while(|c| **c == b' ').count();
    let empty = spaces == after.len();
    // Five or more spaces start indented code inside the item: the content begins after one.
    let pad = if empty || spaces > 4 { 1 } else { spaces };
    Some(Marker { ordered, ch, start, content: ind + width + pad, empty })
}

/// Could this line end a paragraph? (Indented code and tables cannot interrupt one.)
fn interrupts_paragraph(line: &str, depth: usize) -> bool {
    if is_blank(line) || atx_heading(line).is_some() || fence_start(line).is_some() || is_rule(line) {
        return true;
    }
    if depth >= MAX_BLOCK_DEPTH {
        return false;
    }
    // Only lists that start at 1 may interrupt, so "2019. was a good year" stays text.
    is_quote(line) || list_marker(line).is_some_and(|m| !m.empty && (!m.ordered || m.start == 1))
}

fn setext_level(line: &str) -> Option<u8> {
    if indent(line) > 3 {
        return None;
    }
    let t = line.trim();
    if !t.is_empty() && t.bytes().all(|c| c == b'=') {
        Some(1)
    } else if !t.is_empty() && t.bytes().all(|c| c == b'-') {
        Some(2)
    } else {
        None
    }
}

// ---- block readers; each returns the index of the first line it did not consume ----

fn indented_code(lines: &[String], i: usize, blocks: &mut Vec<Block>) -> usize {
    let mut j = i;
    let mut text: Vec<String> = Vec::new();
    while j < lines.len() && (is_blank(&lines[j]) || indent(&lines[j]) >= 4) {
        text.push(strip_indent(&lines[j], 4));
        j += 1;
    }
    while text.last().is_some_and(|l| is_blank(l)) {
        text.pop();
    }
    blocks.push(Block::CodeBlock { lang: String::new(), text: text.join("\n") });
    j
}

fn fenced_code(lines: &[String], i: usize, fence: &Fence, blocks: &mut Vec<Block>) -> usize {
    let mut j = i + 1;
    let mut text: Vec<String> = Vec::new();
    while j < lines.len() && !is_fence_close(&lines[j], fence) {
        text.push(strip_indent(&lines[j], fence.indent));
        j += 1;
    }
    blocks.push(Block::CodeBlock { lang: fence.lang.clone(), text: text.join("\n") });
    // Skip the closing fence; an unclosed fence runs to the end.
    (j + 1).min(lines.len())
}

fn quote(lines: &[String], i: usize, depth: usize, blocks: &mut Vec<Block>) -> usize {
    let mut inner: Vec<String> = Vec::new();
    let mut j = i;
    while j < lines.len() {
        let line = &lines[j];
        if is_quote(line) {
            inner.push(strip_quote(line));
        } else if !is_blank(line)
            && inner.last().is_some_and(|l| !is_blank(l))
            && !interrupts_paragraph(line, depth)
        {
            // Lazy continuation of the quoted paragraph.
            inner.push(line.trim_start().to_string());
        } else {
            break;
        }
        j += 1;
    }
    blocks.push(Block::Quote(parse_blocks(&inner, depth + 1)));
    j
}

fn list(lines: &[String], mut i: usize, first: Marker, depth: usize, blocks: &mut Vec<Block>) -> usize {
    let mut items = Vec::new();
    let mut marker = first;
    let end = loop {
        let line = &lines[i];
        let mut item: Vec<String> = vec![line.get(marker.content..).unwrap_or("").to_string()];
        let mut j = i + 1;
        while j < lines.len() {
            let l = &lines[j];
            if is_blank(l) {
                item.push(String::new());
            } else if indent(l) >= marker.content {
                item.push(l[marker.content..].to_string());
            } else if item.last().is_some_and(|x| !is_blank(x))
                && !interrupts_paragraph(l, depth)
                && list_marker(l).is_none()
            {
                // Lazy continuation of the item's paragraph.
                item.push(l.trim_start().to_string());
            } else {
                break;
            }
            j += 1;
        }
        // Blank lines at the end belong between items, not inside this one.
        while item.len() > 1 && item.last().is_some_and(|l| is_blank(l)) {
            item.pop();
            j -= 1;
        }
        items.push(parse_blocks(&item, depth + 1));
        let next = (j..lines.len()).find(|&k| !is_blank(&lines[k]));
        match next.and_then(|k| list_marker(&lines[k]).map(|m| (k, m))) {
            Some((k, m)) if m.ordered == marker.ordered && m.ch == marker.ch && !is_rule(&lines[k]) => {
                marker = m;
                i = k;
            }
            _ => break j,
        }
    };
    blocks.push(Block::List { ordered: first.ordered, start: first.start, items });
    end
}

fn split_cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = if t.ends_with('|') && !t.ends_with("\\|") { &t[..t.len() - 1] } else { t };
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    for c in t.chars() {
        if c == '|' && !escaped {
            cells.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
        escaped = c == '\\' && !escaped;
    }
    cells.push(cur.trim().to_string());
    cells
}

fn delimiter_row(line: &str) -> Option<Vec<Align>> {
    if !line.contains('|') && !line.contains('-') {
        return None;
    }
    let cells = split_cells(line);
    cells
        .iter()
        .map(|c| {
            let left = c.starts_with(':');
            let right = c.ends_with(':') && c.len() > 1;
            let dashes = c.trim_start_matches(':').trim_end_matches(':');
            if dashes.is_empty() || !dashes.bytes().all(|b| b == b'-') {
                return None;
            }
            Some(match (left, right) {
                (true, true) => Align::Center,
                (true, false) => Align::Left,
                (false, true) => Align::Right,
                (false, false) => Align::None,
            })
        })
        .collect()
}

/// A header line with pipes followed by a matching delimiter row: the column alignments.
fn table_start(lines: &[String], i: usize) -> Option<Vec<Align>> {
    let header = &lines[i];
    let delim = lines.get(i + 1)?;
    if !header.contains('|') || indent(delim) > 3 {
        return None;
    }
    let align = delimiter_row(delim)?;
    let cols = split_cells(header).len();
    (cols == align.len() && cols <= MAX_TABLE_COLUMNS).then_some(align)
}

fn table(lines: &[String], i: usize, align: Vec<Align>, depth: usize, blocks: &mut Vec<Block>) -> usize {
    let row = |line: &str| -> Vec<Vec<super::Inline>> {
        let mut cells: Vec<_> = split_cells(line).iter().take(align.len()).map(|c| parse_inlines(c)).collect();
        cells.resize_with(align.len(), Vec::new);
        cells
    };
    let header = row(&lines[i]);
    let mut rows = Vec::new();
    let mut j = i + 2;
    while j < lines.len() && !interrupts_paragraph(&lines[j], depth) {
        rows.push(row(&lines[j]));
        j += 1;
    }
    blocks.push(Block::Table { align, header, rows });
    j
}

fn paragraph(lines: &[String], i: usize, depth: usize, blocks: &mut Vec<Block>) -> usize {
    let mut j = i + 1;
    while j < lines.len() {
        let l = &lines[j];
        if let Some(level) = setext_level(l) {
            let text = join_paragraph(&lines[i..j]);
            blocks.push(Block::Heading { level, inlines: parse_inlines(&text) });
            return j + 1;
        }
        if interrupts_paragraph(l, depth) || table_start(lines, j).is_some() {
            break;
        }
        j += 1;
    }
    blocks.push(Block::Paragraph(parse_inlines(&join_paragraph(&lines[i..j]))));
    j
}

fn join_paragraph(lines: &[String]) -> String {
    let mut text = lines.iter().map(|l| l.trim_start()).collect::<Vec<_>>().join("\n");
    text.truncate(text.trim_end().len());
    text
}

#[cfg(test)]
mod tests {
    use super::super::{parse, Inline};
    use super::*;

    fn p(s: &str) -> Block {
        Block::Paragraph(vec![Inline::Text(s.to_string())])
    }

    fn h(level: u8, s: &str) -> Block {
        Block::Heading { level, inlines: vec![Inline::Text(s.to_string())] }
    }

    #[test]
    fn headings_paragraphs_and_rules() {
        assert_eq!(
            parse("# One #\n\n###### Six\n####### seven\n\ntext\nmore\n\n---\nSetext\n==="),
            vec![h(1, "One"), h(6, "Six"), p("####### seven"), p("text more"), Block::Rule, h(1, "Setext")]
        );
        assert_eq!(parse("#hashtag"), vec![p("#hashtag")]);
        assert_eq!(parse("a\n---"), vec![h(2, "a")]);
        assert_eq!(parse("* * *"), vec![Block::Rule]);
    }

    #[test]
    fn fenced_and_indented_code() {
        assert_eq!(
            parse("```bash title=x\nls -l\n\n  cd /\n```\nafter"),
            vec![Block::CodeBlock { lang: "bash".into(), text: "ls -l\n\n  cd /".into() }, p("after")]
        );
        assert_eq!(
            parse("    fn main() {}\n\n    // end\n\nx"),
            vec![Block::CodeBlock { lang: String::new(), text: "fn main() {}\n\n// end".into() }, p("x")]
        );
        assert_eq!(
            parse("~~~\nunclosed <b>"),
            vec![Block::CodeBlock { lang: String::new(), text: "unclosed <b>".into() }]
        );
        assert_eq!(
            parse("```\"><script>\nx\n```"),
            vec![Block::CodeBlock { lang: "script".into(), text: "x".into() }]
        );
    }

    #[test]
    fn nested_lists_by_indentation() {
        let got = parse("1. Open *Settings*\n2. Choose:\n   - Wi-Fi\n   - VPN\n     continued\n3. Done\n\n- other list");
        let want = vec![
            Block::List {
                ordered: true,
                start: 1,
                items: vec![
                    vec![Block::Paragraph(vec![
                        Inline::Text("Open ".into()),
                        Inline::Emph(vec![Inline::Text("Settings".into())]),
                    ])],
                    vec![
                        p("Choose:"),
                        Block::List { ordered: false, start: 1, items: vec![vec![p("Wi-Fi")], vec![p("VPN continued")]] },
                    ],
                    vec![p("Done")],
                ],
            },
            Block::List { ordered: false, start: 1, items: vec![vec![p("other list")]] },
        ];
        assert_eq!(got, want);
        assert_eq!(
            parse("3) three\n4) four"),
            vec![Block::List { ordered: true, start: 3, items: vec![vec![p("three")], vec![p("four")]] }]
        );
        assert_eq!(parse("2019. was a year"), vec![Block::List { ordered: true, start: 2019, items: vec![vec![p("was a year")]] }]);
        assert_eq!(parse("text\n2019. continues"), vec![p("text 2019. continues")]);
    }

    #[test]
    fn loose_list_items_with_paragraphs() {
        assert_eq!(
            parse("- a\n\n  more a\n\n- b\n\nafter"),
            vec![
                Block::List { ordered: false, start: 1, items: vec![vec![p("a"), p("more a")], vec![p("b")]] },
                p("after"),
            ]
        );
    }

    #[test]
    fn quotes_nest_and_continue_lazily() {
        assert_eq!(
            parse("> a\nlazy\n> > b\n\nout"),
            vec![Block::Quote(vec![p("a lazy"), Block::Quote(vec![p("b")])]), p("out")]
        );
    }

    #[test]
    fn pipe_tables() {
        let got = parse("Intro\n| Key | Action |\n|:---|---:|\n| `F5` | Refresh \\| reload |\n| Esc |\n\nafter");
        let want = vec![
            p("Intro"),
            Block::Table {
                align: vec![Align::Left, Align::Right],
                header: vec![vec![Inline::Text("Key".into())], vec![Inline::Text("Action".into())]],
                rows: vec![
                    vec![vec![Inline::Code("F5".into())], vec![Inline::Text("Refresh | reload".into())]],
                    vec![vec![Inline::Text("Esc".into())], vec![]],
                ],
            },
            p("after"),
        ];
        assert_eq!(got, want);
        // Header and delimiter must agree on the column count.
        assert_eq!(parse("| a | b |\n|---|"), vec![p("| a | b | |---|")]);
    }

    #[test]
    fn tabs_and_crlf() {
        assert_eq!(parse("-\tone\r\n-\ttwo\r\n"), parse("- one\n- two\n"));
        assert_eq!(
            parse("\tcode"),
            vec![Block::CodeBlock { lang: String::new(), text: "code".into() }]
        );
    }

    #[test]
    fn nesting_is_capped() {
        let deep = ">".repeat(100) + " x";
        let mut blocks = parse(&deep);
        let mut levels = 0;
        while let [Block::Quote(inner)] = blocks.as_slice() {
            levels += 1;
            blocks = inner.clone();
        }
        assert_eq!(levels, MAX_BLOCK_DEPTH);
        assert!(matches!(blocks.as_slice(), [Block::Paragraph(_)]));
    }
}
