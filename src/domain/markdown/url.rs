//! Which link and image URLs may reach the page.
//!
//! The check runs on the URL as a browser would read it: character references decoded, tabs
//! and newlines removed anywhere, control characters and spaces trimmed at the ends, scheme
//! compared case-insensitively. Anything odd that survives (other control or invisible
//! characters) rejects the URL rather than guessing what some parser might make of it.

use super::entity;

/// Link schemes allowed besides relative and fragment links.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];
/// Inline image types allowed as `data:` URLs. Not SVG: it can carry script.
const IMAGE_TYPES: &[&str] = &["png", "gif", "jpeg", "webp"];

/// The URL to put in a link's `href`, or `None` when the link must be dropped (its text is
/// kept). Allows http, https, mailto and scheme-less URLs (`#x`, `/x`, `./x`, `x/y`, `//host`).
pub fn safe_href(raw: &str) -> Option<String> {
    let url = canonical(raw)?;
    match scheme(&url) {
        None => Some(url),
        Some(s) if LINK_SCHEMES.contains(&s.as_str()) => Some(url),
        Some(_) => None,
    }
}

/// The URL to put in an image's `src`, or `None` when the image must be dropped (its alt text
/// is kept). Allows same-origin relative URLs and base64 `data:image/{png,gif,jpeg,webp}`;
/// no other hosts, so reading an article does not report the reader to a third party.
pub fn safe_image_src(raw: &str) -> Option<String> {
    let url = canonical(raw)?;
    match scheme(&url) {
        None => {
            // "//host/x" and "/\host/x" leave the origin.
            let slashed = url.replace('\\', "/");
            if slashed.starts_with("//") {
                None
            } else {
                Some(url)
            }
        }
        Some(s) if s == "data" => is_safe_data_image(&url).then_some(url),
        Some(_) => None,
    }
}

/// The URL as a browser sees it, or `None` when it contains characters no honest URL needs.
fn canonical(raw: &str) -> Option<String> {
    // Decode until stable so "&amp;#58;" cannot hide a colon from a second decoder.
    let mut url = raw.to_string();
    let mut stable = false;
    for _ in 0..4 {
        let next = entity::decode_all(&url, true);
        if next == url {
            stable = true;
            break;
        }
        url = next;
    }
    if !stable {
        return None;
    }
    let url: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let url = url.trim_matches(|c: char| c <= ' ');
    if url.chars().any(is_suspicious) {
        return None;
    }
    Some(url.replace(' ', "%20"))
}

/// Control characters, whitespace other than a plain space, and invisible format characters.
fn is_suspicious(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// The lowercased scheme when the URL has one: text before a `:` that comes before any
/// `/`, `?` or `#`. Anything before such a colon counts, so "java\\script:" is a scheme too.
fn scheme(url: &str) -> Option<String> {
    let end = url.find([':', '/', '?', '#'])?;
    if url[end..].starts_with(':') {
        Some(url[..end].to_ascii_lowercase())
    } else {
        None
    }
}

fn is_safe_data_image(url: &str) -> bool {
    let Some(comma) = url.find(',') else {
        return false;
    };
    let (head, payload) = (url[..comma].to_ascii_lowercase(), &url[comma + 1..]);
    let Some(kind) = head.strip_prefix("data:image/").and_then(|h| h.strip_suffix(";base64")) else {
        return false;
    };
    IMAGE_TYPES.contains(&kind)
        && !payload.is_empty()
        && payload.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_and_relative_links() {
        for ok in [
            "https://example.org/a?b=c#d",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG",
            "mailto:help@example.org",
            "#steps",
            "/kb/printer",
            "./printer",
            "../printer",
            "printer/setup",
            "//example.org/x",
            "?q=vpn",
            "",
        ] {
            assert_eq!(safe_href(ok).as_deref(), Some(ok), "{ok:?} should be allowed");
        }
        assert_eq!(safe_href("a b").as_deref(), Some("a%20b"));
        assert_eq!(safe_href("  https://x.org  ").as_deref(), Some("https://x.org"));
    }

    #[test]
    fn rejects_script_schemes_however_written() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "  javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "\u{0}javascript:alert(1)",
            "javascript&#58;alert(1)",
            "javascript&#x3A;alert(1)",
            "javascript&#0000058alert(1)",
            "javascript&colon;alert(1)",
            "&#106;avascript:alert(1)",
            "java&Tab;script:alert(1)",
            "javascript&amp;#58;alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "tel:123",
            "java\u{200b}script:alert(1)",
            "\u{a0}javascript:alert(1)",
            "java\\script:alert(1)",
            "C:\\Windows",
        ] {
            assert_eq!(safe_href(bad), None, "{bad:?} should be rejected");
        }
    }

    #[test]
    fn images_must_stay_on_this_origin_or_be_inline_bitmaps() {
        assert_eq!(safe_image_src("/img/a.png").as_deref(), Some("/img/a.png"));
        assert_eq!(safe_image_src("a.png").as_deref(), Some("a.png"));
        assert_eq!(safe_image_src("data:image/png;base64,iVBORw0KGgo=").as_deref(), Some("data:image/png;base64,iVBORw0KGgo="));
        assert!(safe_image_src("DATA:IMAGE/WEBP;BASE64,UklGRg==").is_some());
        for bad in [
            "https://tracker.example/p.gif",
            "http://x.org/a.png",
            "//x.org/a.png",
            "/\\x.org/a.png",
            "\\\\x.org\\a.png",
            "data:image/svg+xml;base64,PHN2Zz4=",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "data:image/png,rawbytes",
            "data:image/png;base64,<script>",
            "data:image/png;base64,",
            "data:text/html;base64,PHNjcmlwdD4=",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
        ] {
            assert_eq!(safe_image_src(bad), None, "{bad:?} should be rejected");
        }
    }
}
