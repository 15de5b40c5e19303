//! Character references (`&amp;`, `&#58;`, `&#x3A;`) decoded into the characters they name.
//!
//! Decoding is safe because the result is always text or a URL that is checked afterwards.
//! Only a short list of names is known; others stay literal, which is harmless.

/// Names that matter for text and for seeing through obfuscated URLs (`javascript&colon;`).
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("colon", ':'),
    ("Tab", '\t'),
    ("NewLine", '\n'),
    ("sol", '/'),
    ("bsol", '\\'),
    ("lpar", '('),
    ("rpar", ')'),
    ("period", '.'),
    ("comma", ','),
    ("semi", ';'),
    ("excl", '!'),
    ("quest", '?'),
    ("num", '#'),
    ("percnt", '%'),
    ("plus", '+'),
    ("equals", '='),
    ("commat", '@'),
    ("lsqb", '['),
    ("rsqb", ']'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("hellip", '…'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("euro", '€'),
];

/// Decodes the reference at the start of `s` (which starts with `&`): the character and the
/// number of bytes consumed. `lenient` accepts a numeric reference without its `;` and any
/// number of leading zeros, as HTML parsers do (used when checking URLs).
pub fn decode_at(s: &str, lenient: bool) -> Option<(char, usize)> {
    let rest = s.strip_prefix('&')?;
    if let Some(num) = rest.strip_prefix('#') {
        let (hex, digits) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (true, h),
            None => (false, num),
        };
        let radix = if hex { 16 } else { 10 };
        let len = digits.bytes().take_while(|b| (*b as char).is_digit(radix)).count();
        let max_len = if lenient { 32 } else if hex { 6 } else { 7 };
        if len == 0 || len > max_len {
            return None;
        }
        let mut value: u32 = 0;
        for b in digits[..len].bytes() {
            let d = (b as char).to_digit(radix)?;
            value = value.saturating_mul(radix).saturating_add(d);
        }
        let prefix = 2 + usize::from(hex); // "&#" or "&#x"
        let semi = digits[len..].starts_with(';');
        if !semi && !lenient {
            return None;
        }
        let c = match char::from_u32(value) {
            Some('\0') | None => '\u{fffd}',
            Some(c) => c,
        };
        return Some((c, prefix + len + usize::from(semi)));
    }
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if !rest[name_len..].starts_with(';') {
        return None;
    }
    let name = &rest[..name_len];
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| (*c, 1 + name_len + 1))
}

/// Every reference in `s` decoded; anything that is not a known reference stays as written.
pub fn decode_all(s: &str, lenient: bool) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(off) = s[i..].find('&') {
        let at = i + off;
        out.push_str(&s[i..at]);
        match decode_at(&s[at..], lenient) {
            Some((c, used)) => {
                out.push(c);
                i = at + used;
            }
            None => {
                out.push('&');
                i = at + 1;
            }
        }
    }
    out.push_str(&s[i..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(decode_all("&lt;script&gt; &amp; &quot;x&quot; &#39;", false), "<script> & \"x\" '");
        assert_eq!(decode_all("&#58;&#x3A;&#X3a;", false), ":::");
        assert_eq!(decode_all("&#0; &#x110000;", false), "\u{fffd} \u{fffd}");
    }

    #[test]
    fn leaves_unknown_or_broken_references_alone() {
        assert_eq!(decode_all("&bogus; & &; &#; &#x; AT&T", false), "&bogus; & &; &#; &#x; AT&T");
        // Strict mode wants the semicolon; lenient mode (URLs) does not.
        assert_eq!(decode_all("&#58x", false), "&#58x");
        assert_eq!(decode_all("&#0000058x", true), ":x");
        assert_eq!(decode_all("&#x3a", true), ":");
    }
}
