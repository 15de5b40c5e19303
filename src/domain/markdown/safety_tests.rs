//! Hostile input: HTML stays text, dangerous URLs never reach the tree, nothing panics, and
//! pathological input stays fast.

use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;

/// Every href and src in the tree, for asserting what may reach the page.
fn urls(blocks: &[Block]) -> Vec<String> {
    fn inl(v: &[Inline], out: &mut Vec<String>) {
        for i in v {
            match i {
                Inline::Link { href, children } => {
                    out.push(href.clone());
                    inl(children, out);
                }
                Inline::Image { src, .. } => out.push(src.clone()),
                Inline::Strong(c) | Inline::Emph(c) => inl(c, out),
                _ => {}
            }
        }
    }
    fn blk(v: &[Block], out: &mut Vec<String>) {
        for b in v {
            match b {
                Block::Heading { inlines, .. } | Block::Paragraph(inlines) => inl(inlines, out),
                Block::List { items, .. } => items.iter().for_each(|i| blk(i, out)),
                Block::Quote(b) => blk(b, out),
                Block::Table { header, rows, .. } => {
                    header.iter().chain(rows.iter().flatten()).for_each(|c| inl(c, out));
                }
                Block::CodeBlock { .. } | Block::Rule => {}
            }
        }
    }
    let mut out = Vec::new();
    blk(blocks, &mut out);
    out
}

fn text(src: &str) -> String {
    to_plain_text(&parse(src))
}

#[test]
fn raw_html_stays_literal_text() {
    for src in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<!-- comment -->",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<div>\n<script>\nalert(1)\n</script>\n</div>",
    ] {
        let blocks = parse(src);
        assert!(urls(&blocks).is_empty(), "{src:?} produced a URL: {:?}", urls(&blocks));
        let t = text(src);
        assert_eq!(t.replace(['\n', ' '], ""), src.replace(['\n', ' '], ""), "{src:?} lost text");
    }
    assert_eq!(
        parse("<b>bold</b>"),
        vec![Block::Paragraph(vec![Inline::Text("<b>bold</b>".into())])]
    );
}

#[test]
fn entities_decode_to_text_not_markup() {
    assert_eq!(
        parse("&lt;script&gt;alert(1)&lt;/script&gt;"),
        vec![Block::Paragraph(vec![Inline::Text("<script>alert(1)</script>".into())])]
    );
}

#[test]
fn hostile_link_targets_drop_the_link_and_keep_the_text() {
    for target in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        " javascript:alert(1)",
        "&#x01;javascript:alert(1)",
        "javascript&#58;alert(1)",
        "javascript&#x3a;alert(1)",
        "javascript&colon;alert(1)",
        "jav&#x09;ascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "<javascript:alert(1)>",
    ] {
        let src = format!("[click me]({target})");
        let blocks = parse(&src);
        assert!(urls(&blocks).is_empty(), "{target:?} survived as {:?}", urls(&blocks));
        assert!(text(&src).contains("click me"), "{target:?} lost the link text");
    }
    // The same through autolink syntax and with markup inside the text.
    assert!(urls(&parse("<javascript:alert(1)>")).is_empty());
    assert!(urls(&parse("<vbscript:x>")).is_empty());
    assert_eq!(
        parse("[**bold** text](javascript:alert(1))"),
        vec![Block::Paragraph(vec![Inline::Strong(vec![Inline::Text("bold".into())]), Inline::Text(" text".into())])]
    );
}

#[test]
fn good_link_targets_survive() {
    let src = "[a](https://x.org) [b](http://x.org) [c](mailto:a@b.org) [d](#top) [e](/kb/1) [f](./x) [g](kb/2) <https://y.org> https://z.org/p";
    assert_eq!(
        urls(&parse(src)),
        vec!["https://x.org", "http://x.org", "mailto:a@b.org", "#top", "/kb/1", "./x", "kb/2", "https://y.org", "https://z.org/p"]
    );
}

#[test]
fn hostile_images_drop_the_image_and_keep_the_alt_text() {
    for src in [
        "![alt text](javascript:alert(1))",
        "![alt text](https://tracker.example/pixel.gif)",
        "![alt text](//tracker.example/pixel.gif)",
        "![alt text](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![alt text](data:image/svg+xml,<svg/onload=alert(1)>)",
        "![alt text](data:text/html;base64,PHNjcmlwdD4=)",
        "![alt text](JaVaScRiPt:alert(1))",
    ] {
        let blocks = parse(src);
        assert!(urls(&blocks).is_empty(), "{src:?} survived as {:?}", urls(&blocks));
        assert_eq!(text(src), "alt text", "{src:?}");
    }
    assert_eq!(
        urls(&parse("![a](/img/a.png) ![b](data:image/png;base64,iVBORw0KGgo=)")),
        vec!["/img/a.png", "data:image/png;base64,iVBORw0KGgo="]
    );
}

#[test]
fn code_blocks_and_spans_keep_html_as_text() {
    let blocks = parse("```html\n<script>alert(1)</script>\n```\n\n`<img onerror=x>`");
    assert_eq!(
        blocks,
        vec![
            Block::CodeBlock { lang: "html".into(), text: "<script>alert(1)</script>".into() },
            Block::Paragraph(vec![Inline::Code("<img onerror=x>".into())]),
        ]
    );
}

/// Generous bound: a linear parser does each of these in well under a millisecond per KB.
fn assert_fast(name: &str, src: &str) {
    let start = Instant::now();
    let blocks = parse(src);
    let _ = to_plain_text(&blocks);
    let took = start.elapsed();
    assert!(took < Duration::from_millis(1500), "{name}: {} KB took {took:?}", src.len() / 1024);
}

#[test]
fn pathological_inputs_stay_fast_and_shallow() {
    let n = 50_000;
    assert_fast("stars", &"*".repeat(n));
    assert_fast("stars around", &format!("{}a{}", "*".repeat(n), "*".repeat(n)));
    assert_fast("alternating emphasis", &"*a ".repeat(n / 3));
    assert_fast("open then close", &format!("{}{}", "*a ".repeat(n / 6), "a* ".repeat(n / 6)));
    assert_fast("underscores", &"_a_".repeat(n / 3));
    assert_fast("brackets", &"[".repeat(n));
    assert_fast("brackets then links", &format!("{}{}", "[".repeat(n / 2), "[a](b)".repeat(n / 12)));
    assert_fast("close brackets", &format!("[{}", "*]".repeat(n / 2)));
    assert_fast("unclosed destinations", &"[](a".repeat(n / 4));
    assert_fast("nested parens", &format!("[a]({}", "(".repeat(n)));
    assert_fast("backticks", &"`".repeat(n));
    assert_fast("backtick runs", &(1..300).map(|k| "`".repeat(k) + "x").collect::<String>());
    assert_fast("angle brackets", &"<a".repeat(n / 2));
    assert_fast("bare urls refused", &"https://-".repeat(n / 9));
    assert_fast("bare url parens", &format!("https://x.org/{}", ")".repeat(n)));
    assert_fast("quotes", &">".repeat(n));
    assert_fast("quote lines", &"> ".repeat(200).repeat(100).replace("> > > > ", "> > > >\n"));
    assert_fast("list nesting", &(0..400).map(|k| format!("{}- x\n", " ".repeat(k * 2))).collect::<String>());
    assert_fast("many lists", &"- a\n".repeat(n / 4));
    assert_fast("wide table", &format!("{}\n{}\n{}", "|a".repeat(64), "|-".repeat(64), "x\n".repeat(n / 2)));
    assert_fast("too wide table", &format!("{}\n{}\n{}", "|a".repeat(n / 4), "|-".repeat(n / 4), "x\n".repeat(5000)));
    assert_fast("entities", &"&#x3a;&amp;&bogus".repeat(n / 16));
    assert_fast("fences", &"```\n".repeat(n / 4));
}

#[test]
fn deep_inline_nesting_is_capped() {
    fn depth(v: &[Inline]) -> usize {
        v.iter()
            .map(|i| match i {
                Inline::Strong(c) | Inline::Emph(c) | Inline::Link { children: c, .. } => 1 + depth(c),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    for src in [
        format!("{}a{}", "*".repeat(1000), "*".repeat(1000)),
        format!("{}a{}", "*a ".repeat(500), " a*".repeat(500)),
        format!("{}x{}", "[".repeat(200), "](/a)".repeat(200)),
        format!("{}x{}", "*[".repeat(200), "](/a)*".repeat(200)),
    ] {
        let blocks = parse(&src);
        let d = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(i) => depth(i),
                _ => 0,
            })
            .max()
            .unwrap_or(0);
        assert!(d <= MAX_INLINE_DEPTH, "depth {d} for {}", &src[..20]);
        assert!(d >= 1, "expected some structure for {}", &src[..20]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn never_panics_on_arbitrary_text(src in "\\PC{0,400}") {
        let blocks = parse(&src);
        let _ = to_plain_text(&blocks);
        let _ = excerpt(&src, 40);
    }

    #[test]
    fn never_panics_on_markdown_soup(parts in proptest::collection::vec(
        prop_oneof![
            Just("*"), Just("**"), Just("_"), Just("`"), Just("```"), Just("["), Just("]"), Just("!["),
            Just("("), Just(")"), Just("<"), Just(">"), Just("&"), Just("&#58;"), Just("\\"), Just("\n"),
            Just("\n\n"), Just("    "), Just("\t"), Just("- "), Just("1. "), Just("> "), Just("|"), Just("---"),
            Just("# "), Just("https://"), Just("javascript:"), Just("a"), Just("é"), Just("密码"), Just(" "),
            Just("\r"), Just("\0"),
        ],
        0..120,
    )) {
        let src: String = parts.concat();
        let blocks = parse(&src);
        // Whatever the structure, no URL outside the allowed kinds gets through.
        for u in urls(&blocks) {
            let lower = u.to_ascii_lowercase();
            prop_assert!(!lower.starts_with("javascript:"), "{u:?} from {src:?}");
            prop_assert!(url::safe_href(&u).is_some() || url::safe_image_src(&u).is_some(), "{u:?} from {src:?}");
        }
        let _ = to_plain_text(&blocks);
    }
}
