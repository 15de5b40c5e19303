//! A small Markdown subset parsed into a tree the UI renders as elements, never as HTML.
//!
//! Safe by construction: there is no raw-HTML node, so `<script>` and friends stay literal
//! text, and every link and image URL goes through [`url`] before it reaches the tree.
//! Kept in-house because pulldown-cmark alone would cost about a third of the bundle budget.
//!
//! Supported: ATX and setext headings, paragraphs, hard line breaks, bullet and ordered lists
//! (nested by indentation), fenced and indented code, block quotes, thematic breaks, GFM pipe
//! tables; inline `*emphasis*`, `**strong**`, `` `code` ``, `[links](url)`, `![images](src)`,
//! `<autolinks>` and bare `https://` URLs, backslash escapes and character references.
//! Not supported (left as literal text): reference-style links, raw HTML, footnotes,
//! strikethrough and task-list checkboxes.

mod block;
mod entity;
mod inline;
mod link;
pub mod url;

#[cfg(test)]
mod safety_tests;

/// Deepest nesting of quotes and lists; deeper markers stay literal text. Bounds recursion.
pub const MAX_BLOCK_DEPTH: usize = 16;
/// Deepest nesting of emphasis, strong and links; deeper delimiters stay literal text.
pub const MAX_INLINE_DEPTH: usize = 24;
/// Tables wider than this are read as paragraphs (bounds the cells padded per row).
pub const MAX_TABLE_COLUMNS: usize = 64;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// `level` is 1 to 6.
    Heading { level: u8, inlines: Vec<Inline> },
    Paragraph(Vec<Inline>),
    /// `start` is the first number of an ordered list (1 for bullet lists).
    List { ordered: bool, start: u32, items: Vec<Vec<Block>> },
    /// `lang` is the first word of the fence's info string, reduced to `[A-Za-z0-9_+#.-]`.
    CodeBlock { lang: String, text: String },
    Quote(Vec<Block>),
    Rule,
    /// Every row has exactly `align.len()` cells.
    Table { align: Vec<Align>, header: Vec<Vec<Inline>>, rows: Vec<Vec<Vec<Inline>>> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    None,
    Left,
    Center,
    Right,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emph(Vec<Inline>),
    Code(String),
    /// `href` has passed [`url::safe_href`].
    Link { href: String, children: Vec<Inline> },
    /// `src` has passed [`url::safe_image_src`].
    Image { src: String, alt: String },
    LineBreak,
}

/// Parses Markdown into blocks. Never panics; time is roughly linear in the input length.
pub fn parse(src: &str) -> Vec<Block> {
    block::parse_document(src)
}

/// Parses one line of inline Markdown (for titles and table-like UI labels).
pub fn parse_inline(src: &str) -> Vec<Inline> {
    inline::parse_inlines(src)
}

/// The readable text of a document: what search indexes and snippets are cut from.
/// Blocks are separated by blank lines, list items and table rows by newlines.
pub fn to_plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        block_text(b, &mut out);
    }
    out.truncate(out.trim_end().len());
    out
}

/// The first `max_chars` characters of a document's text with whitespace collapsed, cut at a
/// word boundary and ending in "…" when shortened (the ellipsis counts toward `max_chars`).
pub fn excerpt(src: &str, max_chars: usize) -> String {
    let text = to_plain_text(&parse(src));
    let collapsed = collapse_whitespace(&text);
    truncate_words(&collapsed, max_chars)
}

/// Runs of whitespace become one space; leading and trailing whitespace goes.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// At most `max_chars` characters, cut after a whole word when one fits, "…" when shortened.
pub fn truncate_words(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    if max_chars == 0 {
        return String::new();
    }
    // Room for the ellipsis.
    let keep = max_chars - 1;
    let cut = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
    let head = &s[..cut];
    // Prefer the last space, unless that throws away most of the text (one very long word).
    let head = match head.rfind(' ') {
        Some(sp) if sp >= cut / 2 => &head[..sp],
        _ => head,
    };
    let mut out = head.trim_end().to_string();
    out.push('…');
    out
}

fn block_text(b: &Block, out: &mut String) {
    match b {
        Block::Heading { inlines, .. } | Block::Paragraph(inlines) => {
            inline_text(inlines, out);
            out.push_str("\n\n");
        }
        Block::List { items, .. } => {
            for item in items {
                for b in item {
                    block_text(b, out);
                }
                trim_trailing_newlines(out);
                out.push('\n');
            }
            out.push('\n');
        }
        Block::CodeBlock { text, .. } => {
            out.push_str(text);
            out.push_str("\n\n");
        }
        Block::Quote(blocks) => {
            for b in blocks {
                block_text(b, out);
            }
        }
        Block::Rule => {}
        Block::Table { header, rows, .. } => {
            for row in std::iter::once(header).chain(rows) {
                for (i, cell) in row.iter().enumerate() {
                    if i > 0 {
                        out.push('\t');
                    }
                    inline_text(cell, out);
                }
                out.push('\n');
            }
            out.push('\n');
        }
    }
}

fn trim_trailing_newlines(out: &mut String) {
    while out.ends_with('\n') {
        out.pop();
    }
}

/// The text of inlines: link text, image alt text, code as written.
pub fn inline_text(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Strong(c) | Inline::Emph(c) => inline_text(c, out),
            Inline::Link { children, .. } => inline_text(children, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::LineBreak => out.push('\n'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_joins_blocks_and_items() {
        let blocks = parse("# Title\n\nSome *text* and [a link](/x).\n\n- one\n- two\n\n```\ncode\n```");
        assert_eq!(to_plain_text(&blocks), "Title\n\nSome text and a link.\n\none\ntwo\n\ncode");
    }

    #[test]
    fn plain_text_of_tables_and_images() {
        let blocks = parse("| a | b |\n|---|---|\n| 1 | ![pic](x.png) |");
        assert_eq!(to_plain_text(&blocks), "a\tb\n1\tpic");
    }

    #[test]
    fn excerpt_cuts_at_a_word_and_counts_the_ellipsis() {
        let src = "## Steps\n\nRestart the **printer** and try again tomorrow.";
        assert_eq!(excerpt(src, 100), "Steps Restart the printer and try again tomorrow.");
        let short = excerpt(src, 20);
        assert_eq!(short, "Steps Restart the…");
        assert!(short.chars().count() <= 20);
        assert_eq!(excerpt(src, 0), "");
        assert_eq!(excerpt("", 10), "");
    }

    #[test]
    fn truncate_words_keeps_a_long_word_partly() {
        assert_eq!(truncate_words("abcdefghij", 5), "abcd…");
        assert_eq!(truncate_words("ab cdefghijkl", 8), "ab cdef…");
        assert_eq!(truncate_words("äöü äöü", 5), "äöü…");
    }
}
