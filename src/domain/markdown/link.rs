//! Scanners for link syntax: inline destinations `(url "title")`, autolinks `<scheme:...>` and
//! `<user@host>`, and where a bare `https://` URL starts. Each scan is bounded by
//! [`MAX_DEST`] so a long run of unclosed brackets cannot make parsing quadratic.

/// Longest link destination or title we look at; longer ones are not links.
pub const MAX_DEST: usize = 2048;
/// Deepest parenthesis nesting inside a bare link destination.
const MAX_PARENS: usize = 32;

pub fn starts_bare_url(src: &str, i: usize) -> bool {
    let b = src.as_bytes();
    if i > 0 && b[i - 1].is_ascii_alphanumeric() {
        return false;
    }
    let head = |n: usize| b.get(i..i + n).is_some_and(|s| s.eq_ignore_ascii_case(&b"https://"[..n]));
    head(8) || b.get(i..i + 7).is_some_and(|s| s.eq_ignore_ascii_case(b"http://"))
}

/// `scheme:rest` with a 2-32 character scheme, as CommonMark autolinks require.
pub fn is_uri_autolink(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let b = scheme.as_bytes();
    (2..=32).contains(&b.len())
        && b[0].is_ascii_alphabetic()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
}

pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && local.bytes().all(|c| c.is_ascii_alphanumeric() || b".!#$%&'*+/=?^_`{|}~-".contains(&c))
        && !domain.is_empty()
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        })
}

/// `(dest "title")` starting at `i` (just after `]`): the raw destination and the index after `)`.
pub fn parse_destination(src: &str, i: usize) -> Option<(String, usize)> {
    let b = src.as_bytes();
    if b.get(i) != Some(&b'(') {
        return None;
    }
    let mut j = skip_space(b, i + 1);
    let mut dest = String::new();
    if b.get(j) == Some(&b'<') {
        j += 1;
        let start = j;
        while j < b.len() && b[j] != b'>' {
            if b[j] == b'\n' || b[j] == b'<' || j - start > MAX_DEST {
                return None;
            }
            j += if b[j] == b'\\' && b.get(j + 1).is_some_and(u8::is_ascii_punctuation) { 2 } else { 1 };
        }
        if j >= b.len() {
            return None;
        }
        dest = unescape(&src[start..j]);
        j += 1;
    } else {
        let start = j;
        let mut depth = 0usize;
        while j < b.len() && j - start <= MAX_DEST {
            match b[j] {
                b'\\' if b.get(j + 1).is_some_and(u8::is_ascii_punctuation) => j += 2,
                b'(' => {
                    depth += 1;
                    if depth > MAX_PARENS {
                        return None;
                    }
                    j += 1;
                }
                b')' if depth == 0 => break,
                b')' => {
                    depth -= 1;
                    j += 1;
                }
                c if c <= b' ' => break,
                _ => j += 1,
            }
        }
        if j - start > MAX_DEST || depth != 0 {
            return None;
        }
        if j > start {
            dest = unescape(&src[start..j]);
        }
    }
    let k = skip_space(b, j);
    // Optional title, which we read past but do not keep.
    let k = match b.get(k) {
        Some(&q @ (b'"' | b'\'' | b'(')) if k > j => {
            let close = if q == b'(' { b')' } else { q };
            let mut m = k + 1;
            while m < b.len() && b[m] != close {
                if m - k > MAX_DEST {
                    return None;
                }
                m += if b[m] == b'\\' { 2 } else { 1 };
            }
            if m >= b.len() {
                return None;
            }
            skip_space(b, m + 1)
        }
        _ => k,
    };
    (b.get(k) == Some(&b')')).then_some((dest, k + 1))
}

/// Spaces, tabs and at most one newline.
fn skip_space(b: &[u8], mut j: usize) -> usize {
    let mut newlines = 0;
    while let Some(&c) = b.get(j) {
        match c {
            b' ' | b'\t' => j += 1,
            b'\n' if newlines == 0 => {
                newlines += 1;
                j += 1;
            }
            _ => break,
        }
    }
    j
}

/// Backslash escapes removed (`\)` -> `)`).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek().filter(|n| n.is_ascii_punctuation()) {
                out.push(n);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_with_titles_brackets_and_escapes() {
        assert_eq!(parse_destination("(/a \"t\")x", 0), Some(("/a".into(), 8)));
        assert_eq!(parse_destination("(<a b> 't')", 0), Some(("a b".into(), 11)));
        assert_eq!(parse_destination("(a(b)c)", 0), Some(("a(b)c".into(), 7)));
        assert_eq!(parse_destination("(a\\)b)", 0), Some(("a)b".into(), 6)));
        assert_eq!(parse_destination("()", 0), Some((String::new(), 2)));
        assert_eq!(parse_destination("(a b)", 0), None, "space needs <...>");
        assert_eq!(parse_destination("(a", 0), None);
        assert_eq!(parse_destination(&format!("({})", "x".repeat(MAX_DEST + 1)), 0), None);
    }

    #[test]
    fn autolink_shapes() {
        assert!(is_uri_autolink("https://x.org") && is_uri_autolink("mailto:a@b") && is_uri_autolink("javascript:x"));
        assert!(!is_uri_autolink("x:y") && !is_uri_autolink("1a:b") && !is_uri_autolink("nocolon"));
        assert!(is_email("help.desk+kb@example.org"));
        assert!(!is_email("a@-x.org") && !is_email("@x.org") && !is_email("a@x..org") && !is_email("a b@x.org"));
        assert!(starts_bare_url("see https://x", 4) && starts_bare_url("HTTP://x", 0));
        assert!(!starts_bare_url("xhttps://x", 1) && !starts_bare_url("https:/x", 0));
    }
}
