//! Inline Markdown: emphasis, code spans, links, images, autolinks, escapes, line breaks.
//!
//! Follows CommonMark's delimiter-stack algorithm, built on an arena with linked lists so
//! wrapping a run of nodes never shifts a vector. Three guards keep adversarial input linear:
//! code-span closers are found by binary search, brackets sit on their own stack, and a link
//! deactivates every earlier `[` through one watermark instead of a walk. Nesting deeper than
//! [`MAX_INLINE_DEPTH`] is left as literal text.

use std::collections::HashMap;

use super::{entity, url, Inline, MAX_INLINE_DEPTH};

use super::link::{is_email, is_uri_autolink, parse_destination, starts_bare_url, MAX_DEST};

pub fn parse_inlines(src: &str) -> Vec<Inline> {
    let mut p = Parser::new(src);
    p.run();
    p.process_emphasis(None);
    let mut out = Vec::new();
    let top: Vec<usize> = p.top_level();
    p.convert(&top, false, &mut out);
    out
}

#[derive(Debug)]
enum Kind {
    Text(String),
    /// A run of `*` or `_`; whatever `count` is left at the end is literal text.
    Delim { ch: u8, count: usize },
    /// `[` or `![` waiting for its `]`.
    Bracket { image: bool },
    Code(String),
    Break,
    Emph(Vec<usize>),
    Strong(Vec<usize>),
    /// `href` is `None` when the URL was refused: the text stays, the link goes.
    Link { href: Option<String>, children: Vec<usize> },
    Image { src: Option<String>, children: Vec<usize> },
}

struct Node {
    kind: Kind,
    prev: Option<usize>,
    next: Option<usize>,
    depth: usize,
}

/// An entry of the delimiter stack (emphasis runs and brackets), linked for O(1) removal.
struct Delim {
    node: usize,
    ch: u8,
    count: usize,
    orig: usize,
    can_open: bool,
    can_close: bool,
    prev: Option<usize>,
    next: Option<usize>,
    linked: bool,
}

struct Parser<'a> {
    src: &'a str,
    nodes: Vec<Node>,
    head: Option<usize>,
    tail: Option<usize>,
    delims: Vec<Delim>,
    delim_top: Option<usize>,
    /// Open brackets (delimiter indices), innermost last.
    brackets: Vec<usize>,
    /// `[` openers with an index below this can no longer start a link (no links in links).
    link_watermark: usize,
    text: String,
    /// Backtick run starts by run length, for finding code-span closers.
    tick_runs: HashMap<usize, Vec<usize>>,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        let mut tick_runs: HashMap<usize, Vec<usize>> = HashMap::new();
        let b = src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'`' {
                let len = run_len(b, i, b'`');
                tick_runs.entry(len).or_default().push(i);
                i += len;
            } else {
                i += 1;
            }
        }
        Parser {
            src,
            nodes: Vec::new(),
            head: None,
            tail: None,
            delims: Vec::new(),
            delim_top: None,
            brackets: Vec::new(),
            link_watermark: 0,
            text: String::new(),
            tick_runs,
        }
    }

    fn run(&mut self) {
        let src = self.src;
        let b = src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => i = self.backslash(i),
                b'`' => i = self.code_span(i),
                b'*' | b'_' => i = self.emphasis_run(i),
                b'[' => {
                    self.push_bracket(false);
                    i += 1;
                }
                b'!' if b.get(i + 1) == Some(&b'[') => {
                    self.push_bracket(true);
                    i += 2;
                }
                b']' => i = self.close_bracket(i),
                b'<' => i = self.autolink(i),
                b'&' => match entity::decode_at(&src[i..], false) {
                    Some((c, used)) => {
                        self.text.push(c);
                        i += used;
                    }
                    None => {
                        self.text.push('&');
                        i += 1;
                    }
                },
                b'\n' => i = self.newline(i),
                b'h' | b'H' if starts_bare_url(src, i) => i = self.bare_url(i),
                _ => {
                    let mut j = i + 1;
                    while j < b.len() && !is_special(b, j) {
                        j += 1;
                    }
                    self.text.push_str(&src[i..j]);
                    i = j;
                }
            }
        }
        self.flush_text();
    }

    // ---- nodes ----

    fn push_node(&mut self, kind: Kind, depth: usize) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node { kind, prev: self.tail, next: None, depth });
        match self.tail {
            Some(t) => self.nodes[t].next = Some(id),
            None => self.head = Some(id),
        }
        self.tail = Some(id);
        id
    }

    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            let t = std::mem::take(&mut self.text);
            self.push_node(Kind::Text(t), 0);
        }
    }

    fn push(&mut self, kind: Kind) -> usize {
        self.flush_text();
        self.push_node(kind, 0)
    }

    /// A link around one detached text node (autolinks and bare URLs).
    fn push_link(&mut self, href: String, text: &str) {
        let id = self.nodes.len();
        self.nodes.push(Node { kind: Kind::Text(text.to_string()), prev: None, next: None, depth: 0 });
        self.flush_text();
        self.push_node(Kind::Link { href: Some(href), children: vec![id] }, 1);
    }

    fn push_delim(&mut self, node: usize, ch: u8, count: usize, can_open: bool, can_close: bool) -> usize {
        let id = self.delims.len();
        self.delims.push(Delim {
            node,
            ch,
            count,
            orig: count,
            can_open,
            can_close,
            prev: self.delim_top,
            next: None,
            linked: true,
        });
        if let Some(t) = self.delim_top {
            self.delims[t].next = Some(id);
        }
        self.delim_top = Some(id);
        id
    }

    fn unlink_delim(&mut self, d: usize) {
        if !self.delims[d].linked {
            return;
        }
        self.delims[d].linked = false;
        let (prev, next) = (self.delims[d].prev, self.delims[d].next);
        if let Some(p) = prev {
            self.delims[p].next = next;
        }
        match next {
            Some(n) => self.delims[n].prev = prev,
            None => self.delim_top = prev,
        }
        self.delims[d].prev = None;
        self.delims[d].next = None;
    }

    /// Nodes strictly between `from` and `to` (or to the end when `to` is `None`), unlinked and
    /// returned with their greatest depth.
    fn take_between(&mut self, from: usize, to: Option<usize>) -> (Vec<usize>, usize) {
        let mut ids = Vec::new();
        let mut depth = 0;
        let mut cur = self.nodes[from].next;
        while let Some(c) = cur {
            if Some(c) == to {
                break;
            }
            depth = depth.max(self.nodes[c].depth);
            ids.push(c);
            cur = self.nodes[c].next;
        }
        self.nodes[from].next = to;
        match to {
            Some(t) => self.nodes[t].prev = Some(from),
            None => self.tail = Some(from),
        }
        (ids, depth)
    }

    /// The greatest depth of the nodes strictly between `from` and `to`.
    fn depth_between(&self, from: usize, to: usize) -> usize {
        let mut depth = 0;
        let mut cur = self.nodes[from].next;
        while let Some(c) = cur {
            if c == to {
                break;
            }
            depth = depth.max(self.nodes[c].depth);
            cur = self.nodes[c].next;
        }
        depth
    }

    fn top_level(&self) -> Vec<usize> {
        let mut ids = Vec::new();
        let mut cur = self.head;
        while let Some(c) = cur {
            ids.push(c);
            cur = self.nodes[c].next;
        }
        ids
    }

    // ---- scanners; each returns the index after what it consumed ----

    fn backslash(&mut self, i: usize) -> usize {
        match self.src.as_bytes().get(i + 1) {
            Some(b'\n') => {
                self.push(Kind::Break);
                i + 2
            }
            Some(&c) if c.is_ascii_punctuation() => {
                self.text.push(c as char);
                i + 2
            }
            _ => {
                self.text.push('\\');
                i + 1
            }
        }
    }

    fn code_span(&mut self, i: usize) -> usize {
        let b = self.src.as_bytes();
        let len = run_len(b, i, b'`');
        let closer = self.tick_runs.get(&len).and_then(|starts| {
            let k = starts.partition_point(|&s| s < i + len);
            starts.get(k).copied()
        });
        let Some(close) = closer else {
            self.text.push_str(&self.src[i..i + len]);
            return i + len;
        };
        let mut code = self.src[i + len..close].replace('\n', " ");
        // One space of padding on both sides is stripped so `` ` `` `` can show a backtick.
        if code.len() >= 2 && code.starts_with(' ') && code.ends_with(' ') && code.bytes().any(|c| c != b' ') {
            code = code[1..code.len() - 1].to_string();
        }
        self.push(Kind::Code(code));
        close + len
    }

    fn emphasis_run(&mut self, i: usize) -> usize {
        let b = self.src.as_bytes();
        let ch = b[i];
        let len = run_len(b, i, ch);
        let before = self.src[..i].chars().next_back();
        let after = self.src[i + len..].chars().next();
        let ws = |c: Option<char>| c.is_none_or(char::is_whitespace);
        let punct = |c: Option<char>| c.is_some_and(is_punct);
        let left = !ws(after) && (!punct(after) || ws(before) || punct(before));
        let right = !ws(before) && (!punct(before) || ws(after) || punct(after));
        let (can_open, can_close) = if ch == b'*' {
            (left, right)
        } else {
            (left && (!right || punct(before)), right && (!left || punct(after)))
        };
        let node = self.push(Kind::Delim { ch, count: len });
        self.push_delim(node, ch, len, can_open, can_close);
        i + len
    }

    fn push_bracket(&mut self, image: bool) {
        let node = self.push(Kind::Bracket { image });
        let d = self.push_delim(node, if image { b'!' } else { b'[' }, 1, false, false);
        self.brackets.push(d);
    }

    fn close_bracket(&mut self, i: usize) -> usize {
        let Some(opener) = self.brackets.pop() else {
            self.text.push(']');
            return i + 1;
        };
        let image = self.delims[opener].ch == b'!';
        let usable = image || opener >= self.link_watermark;
        let dest = if usable { parse_destination(self.src, i + 1) } else { None };
        let Some((raw, end)) = dest else {
            self.unlink_delim(opener);
            self.text.push(']');
            return i + 1;
        };
        self.flush_text();
        let opener_node = self.delims[opener].node;
        self.process_emphasis(Some(opener));
        // Delimiters inside the link text are resolved; drop them and the opener.
        while self.delim_top.is_some_and(|t| t > opener) {
            if let Some(t) = self.delim_top {
                self.unlink_delim(t);
            }
        }
        self.unlink_delim(opener);
        let (children, depth) = self.take_between(opener_node, None);
        if depth + 1 > MAX_INLINE_DEPTH {
            // Too deep: put the children back as they were and keep the brackets literal.
            self.relink_after(opener_node, &children);
            self.text.push(']');
            return i + 1;
        }
        self.nodes[opener_node].kind = if image {
            Kind::Image { src: url::safe_image_src(&raw), children }
        } else {
            self.link_watermark = self.delims.len();
            Kind::Link { href: url::safe_href(&raw), children }
        };
        self.nodes[opener_node].depth = depth + 1;
        end
    }

    fn relink_after(&mut self, at: usize, ids: &[usize]) {
        let mut prev = at;
        for &id in ids {
            self.nodes[prev].next = Some(id);
            self.nodes[id].prev = Some(prev);
            prev = id;
        }
        self.nodes[prev].next = None;
        self.tail = Some(prev);
    }

    fn autolink(&mut self, i: usize) -> usize {
        let rest = &self.src[i + 1..];
        let end = rest.bytes().take(MAX_DEST).position(|c| c == b'>' || c == b'<' || c <= b' ');
        if let Some(end) = end.filter(|&e| rest.as_bytes()[e] == b'>') {
            let inner = &rest[..end];
            let href = if is_uri_autolink(inner) {
                Some(inner.to_string())
            } else if is_email(inner) {
                Some(format!("mailto:{inner}"))
            } else {
                None
            };
            if let Some(href) = href.and_then(|h| url::safe_href(&h)) {
                self.push_link(href, &entity::decode_all(inner, false));
                return i + 1 + end + 1;
            }
        }
        self.text.push('<');
        i + 1
    }

    fn bare_url(&mut self, i: usize) -> usize {
        let rest = &self.src[i..];
        // Inside link text a ']' ends the URL, so "[see https://x.org](/a)" stays one link.
        let in_brackets = !self.brackets.is_empty();
        let mut end = rest
            .find(|c: char| c.is_whitespace() || c.is_control() || c == '<' || (in_brackets && c == ']'))
            .unwrap_or(rest.len());
        // Trailing punctuation belongs to the sentence, and so does an unbalanced ')'.
        let opens = rest[..end].matches('(').count();
        let mut closes = rest[..end].matches(')').count();
        loop {
            match rest[..end].chars().next_back() {
                Some(c @ ('.' | ',' | ':' | ';' | '!' | '?' | '"' | '\'' | '*' | '_' | '~')) => end -= c.len_utf8(),
                Some(')') if closes > opens => {
                    end -= 1;
                    closes -= 1;
                }
                _ => break,
            }
        }
        let url = &rest[..end];
        let host_ok = url
            .split_once("://")
            .is_some_and(|(_, h)| h.chars().next().is_some_and(char::is_alphanumeric));
        match url::safe_href(url).filter(|_| host_ok) {
            Some(href) => self.push_link(href, url),
            // The whole candidate becomes text, so a long refused run is not rescanned.
            None => self.text.push_str(url),
        }
        i + end.max(1)
    }

    fn newline(&mut self, i: usize) -> usize {
        let trimmed = self.text.trim_end_matches(' ').len();
        let hard = self.text.len() - trimmed >= 2;
        self.text.truncate(trimmed);
        if hard {
            self.push(Kind::Break);
        } else {
            self.text.push(' ');
        }
        i + 1
    }

    // ---- emphasis ----

    /// CommonMark's "process emphasis" over the delimiters above `bottom`.
    fn process_emphasis(&mut self, bottom: Option<usize>) {
        // Lowest delimiter index an opener may have, per (char, closer length % 3, closer can open).
        let floor = bottom.map_or(0, |b| b + 1);
        let mut openers_floor = [[[floor; 2]; 3]; 2];
        let mut closer = match bottom {
            Some(b) => self.delims[b].next,
            None => self.first_delim(),
        };
        while let Some(c) = closer {
            let cd = &self.delims[c];
            if !(matches!(cd.ch, b'*' | b'_') && cd.can_close) {
                closer = cd.next;
                continue;
            }
            let key = (usize::from(cd.ch == b'_'), cd.orig % 3, usize::from(cd.can_open));
            let min = openers_floor[key.0][key.1][key.2];
            let mut found = None;
            let mut o = cd.prev;
            while let Some(oi) = o.filter(|&oi| oi >= min) {
                let od = &self.delims[oi];
                if od.ch == cd.ch && od.can_open && od.count > 0 {
                    let both = od.can_close || cd.can_open;
                    let rule_of_three =
                        both && (od.orig + cd.orig).is_multiple_of(3) && !(od.orig.is_multiple_of(3) && cd.orig.is_multiple_of(3));
                    if !rule_of_three {
                        found = Some(oi);
                        break;
                    }
                }
                o = od.prev;
            }
            let matched = found.filter(|&oi| self.wrap_emphasis(oi, c));
            match matched {
                Some(_) => {
                    if self.delims[c].count == 0 {
                        let next = self.delims[c].next;
                        self.unlink_delim(c);
                        closer = next;
                    }
                }
                None => {
                    let cd = &self.delims[c];
                    openers_floor[key.0][key.1][key.2] = cd.prev.map_or(floor, |p| p + 1).max(floor);
                    let next = cd.next;
                    if !cd.can_open {
                        self.unlink_delim(c);
                    }
                    closer = next;
                }
            }
        }
        // Whatever is left above the bottom stays literal.
        while let Some(t) = self.delim_top.filter(|&t| bottom.is_none_or(|b| t > b)) {
            self.unlink_delim(t);
        }
    }

    fn first_delim(&self) -> Option<usize> {
        let mut cur = self.delim_top?;
        while let Some(p) = self.delims[cur].prev {
            cur = p;
        }
        Some(cur)
    }

    /// Wraps the nodes between opener and closer in Emph or Strong; false when that would nest
    /// too deep (the delimiters then stay literal).
    fn wrap_emphasis(&mut self, opener: usize, closer: usize) -> bool {
        let (on, cn) = (self.delims[opener].node, self.delims[closer].node);
        if self.depth_between(on, cn) + 1 > MAX_INLINE_DEPTH {
            return false;
        }
        let strong = self.delims[opener].count >= 2 && self.delims[closer].count >= 2;
        let used = if strong { 2 } else { 1 };
        let (children, depth) = self.take_between(on, Some(cn));
        let kind = if strong { Kind::Strong(children) } else { Kind::Emph(children) };
        let id = self.nodes.len();
        self.nodes.push(Node { kind, prev: Some(on), next: Some(cn), depth: depth + 1 });
        self.nodes[on].next = Some(id);
        self.nodes[cn].prev = Some(id);
        for d in [opener, closer] {
            self.delims[d].count -= used;
            let node = self.delims[d].node;
            if let Kind::Delim { count, .. } = &mut self.nodes[node].kind {
                *count = count.saturating_sub(used);
            }
        }
        // Delimiters between the pair can no longer match anything outside it.
        let mut d = self.delims[closer].prev;
        while let Some(x) = d.filter(|&x| x != opener) {
            d = self.delims[x].prev;
            self.unlink_delim(x);
        }
        if self.delims[opener].count == 0 {
            self.unlink_delim(opener);
        }
        true
    }

    // ---- output ----

    fn convert(&self, ids: &[usize], in_link: bool, out: &mut Vec<Inline>) {
        for &id in ids {
            match &self.nodes[id].kind {
                Kind::Text(t) => push_text(out, t),
                Kind::Delim { ch, count } => push_text(out, &(*ch as char).to_string().repeat(*count)),
                Kind::Bracket { image } => push_text(out, if *image { "![" } else { "[" }),
                Kind::Code(c) => out.push(Inline::Code(c.clone())),
                Kind::Break => out.push(Inline::LineBreak),
                Kind::Emph(ch) => out.push(Inline::Emph(self.converted(ch, in_link))),
                Kind::Strong(ch) => out.push(Inline::Strong(self.converted(ch, in_link))),
                Kind::Link { href, children } => match href {
                    Some(href) if !in_link => out.push(Inline::Link {
                        href: href.clone(),
                        children: self.converted(children, true),
                    }),
                    _ => self.convert(children, in_link, out),
                },
                Kind::Image { src, children } => {
                    let mut alt = String::new();
                    super::inline_text(&self.converted(children, true), &mut alt);
                    match src {
                        Some(src) => out.push(Inline::Image { src: src.clone(), alt }),
                        None => push_text(out, &alt),
                    }
                }
            }
        }
    }

    fn converted(&self, ids: &[usize], in_link: bool) -> Vec<Inline> {
        let mut v = Vec::new();
        self.convert(ids, in_link, &mut v);
        v
    }
}

fn push_text(out: &mut Vec<Inline>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(Inline::Text(t)) = out.last_mut() {
        t.push_str(s);
    } else {
        out.push(Inline::Text(s.to_string()));
    }
}

fn run_len(b: &[u8], i: usize, ch: u8) -> usize {
    b[i..].iter().take_while(|&&c| c == ch).count()
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

/// Bytes where the plain-text fast path must stop.
fn is_special(b: &[u8], j: usize) -> bool {
    match b[j] {
        b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'!' | b'<' | b'&' | b'\n' => true,
        b'h' | b'H' => !b[j - 1].is_ascii_alphanumeric(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Inline::*;

    fn t(s: &str) -> Inline {
        Text(s.to_string())
    }

    #[test]
    fn emphasis_and_strong() {
        assert_eq!(parse_inlines("a *b* c"), vec![t("a "), Emph(vec![t("b")]), t(" c")]);
        assert_eq!(parse_inlines("**b**"), vec![Strong(vec![t("b")])]);
        assert_eq!(parse_inlines("***b***"), vec![Emph(vec![Strong(vec![t("b")])])]);
        assert_eq!(parse_inlines("__a__ _b_"), vec![Strong(vec![t("a")]), t(" "), Emph(vec![t("b")])]);
        assert_eq!(parse_inlines("*a **b** c*"), vec![Emph(vec![t("a "), Strong(vec![t("b")]), t(" c")])]);
    }

    #[test]
    fn delimiters_that_do_not_flank_stay_literal() {
        assert_eq!(parse_inlines("2 * 3 * 4"), vec![t("2 * 3 * 4")]);
        assert_eq!(parse_inlines("snake_case_name"), vec![t("snake_case_name")]);
        assert_eq!(parse_inlines("**unclosed"), vec![t("**unclosed")]);
        assert_eq!(parse_inlines("*a**"), vec![Emph(vec![t("a")]), t("*")]);
    }

    #[test]
    fn code_spans_win_over_other_syntax() {
        assert_eq!(parse_inlines("run `*x*` now"), vec![t("run "), Code("*x*".into()), t(" now")]);
        assert_eq!(parse_inlines("`` a ` b ``"), vec![Code("a ` b".into())]);
        assert_eq!(parse_inlines("`open"), vec![t("`open")]);
        assert_eq!(parse_inlines("`<script>`"), vec![Code("<script>".into())]);
    }

    #[test]
    fn links_and_images() {
        assert_eq!(
            parse_inlines("see [the *guide*](/kb/guide \"Guide\")."),
            vec![
                t("see "),
                Link { href: "/kb/guide".into(), children: vec![t("the "), Emph(vec![t("guide")])] },
                t("."),
            ]
        );
        assert_eq!(
            parse_inlines("![a *b*](img/x.png)"),
            vec![Image { src: "img/x.png".into(), alt: "a b".into() }]
        );
        assert_eq!(
            parse_inlines("[x](<a b.html>)"),
            vec![Link { href: "a%20b.html".into(), children: vec![t("x")] }]
        );
        assert_eq!(
            parse_inlines("[w](https://en.wikipedia.org/wiki/A_(b))"),
            vec![Link { href: "https://en.wikipedia.org/wiki/A_(b)".into(), children: vec![t("w")] }]
        );
        assert_eq!(parse_inlines("[not a link] (x)"), vec![t("[not a link] (x)")]);
        assert_eq!(parse_inlines("[ref][1]"), vec![t("[ref][1]")]);
    }

    #[test]
    fn no_links_inside_links() {
        assert_eq!(
            parse_inlines("[a [b](/b) c](/a)"),
            vec![t("[a "), Link { href: "/b".into(), children: vec![t("b")] }, t(" c](/a)")]
        );
        assert_eq!(
            parse_inlines("[see https://x.org](/a)"),
            vec![Link { href: "/a".into(), children: vec![t("see https://x.org")] }]
        );
    }

    #[test]
    fn autolinks_and_bare_urls() {
        assert_eq!(
            parse_inlines("<https://x.org/a?b=1&amp;c=2>"),
            vec![Link { href: "https://x.org/a?b=1&c=2".into(), children: vec![t("https://x.org/a?b=1&c=2")] }]
        );
        assert_eq!(
            parse_inlines("<help@example.org>"),
            vec![Link { href: "mailto:help@example.org".into(), children: vec![t("help@example.org")] }]
        );
        assert_eq!(
            parse_inlines("Go to https://x.org/reset. Then (https://y.org/a)"),
            vec![
                t("Go to "),
                Link { href: "https://x.org/reset".into(), children: vec![t("https://x.org/reset")] },
                t(". Then ("),
                Link { href: "https://y.org/a".into(), children: vec![t("https://y.org/a")] },
                t(")"),
            ]
        );
        assert_eq!(parse_inlines("xhttps://x.org"), vec![t("xhttps://x.org")]);
        assert_eq!(parse_inlines("https:// nothing"), vec![t("https:// nothing")]);
    }

    #[test]
    fn escapes_entities_and_breaks() {
        assert_eq!(parse_inlines(r"\*not\* \\ \a"), vec![t(r"*not* \ \a")]);
        assert_eq!(parse_inlines("a &amp; b &copy; &bogus;"), vec![t("a & b © &bogus;")]);
        assert_eq!(parse_inlines("one  \ntwo\\\nthree\nfour"), vec![t("one"), LineBreak, t("two"), LineBreak, t("three four")]);
    }
}
