//! Text to search terms: lowercase, Unicode word split, Latin diacritics folded (é -> e,
//! ß -> ss), stopwords flagged, light English stemming, and Chinese/Japanese script indexed as
//! single characters plus overlapping pairs so queries work without a word dictionary.
//!
//! Every token carries its position (for phrases) and its byte range in the source (for
//! highlights). Hyphenated compounds ("e-mail", "Wi-Fi") are indexed both as parts and
//! joined, so "email" finds "e-mail".

use super::stem::{is_stopword, stem};

/// Bump when tokens change: stored indexes made with another version must be rebuilt,
/// because removing a document re-tokenizes its stored text.
pub const TOKENIZER_VERSION: u8 = 1;

/// Longer "words" (hashes, base64) are skipped: nobody searches for them by hand.
const MAX_TERM_BYTES: usize = 48;
/// Compounds with more parts than this are not joined ("a-b-c-d-e" is not a word).
const MAX_COMPOUND_PARTS: usize = 4;

/// What the tokens are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Everything a query may look for: compound parts and joined forms, CJK singles and pairs.
    Index,
    /// Free query words: compounds joined only, CJK as pairs (a single character alone).
    Query,
    /// Quoted phrases: compound parts and CJK singles, which sit at consecutive positions.
    Phrase,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// The joined form of a hyphenated compound; it shares the first part's position.
    Joined,
    /// Han or kana.
    Cjk,
}

/// A token as the tokenizer hands it out: borrowed from reused buffers, so tokenizing a
/// document allocates next to nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenRef<'a> {
    /// Normalized and stemmed: what the index stores.
    pub term: &'a str,
    /// Normalized but not stemmed: what prefix search compares with.
    pub raw: &'a str,
    pub pos: u32,
    /// Byte range in the source text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub stop: bool,
}

/// An owned token, for the few places that keep them (query planning, tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub raw: String,
    pub pos: u32,
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub stop: bool,
}

impl TokenRef<'_> {
    pub fn to_owned(&self) -> Token {
        Token {
            term: self.term.to_string(),
            raw: self.raw.to_string(),
            pos: self.pos,
            start: self.start,
            end: self.end,
            kind: self.kind,
            stop: self.stop,
        }
    }
}

/// Tokens of `text` starting at position `pos`; returns the next free position.
/// Stopwords are emitted with `stop` set (they use a position, so phrases keep their gaps).
pub fn tokenize(text: &str, pos: u32, mode: Mode, emit: &mut impl FnMut(&TokenRef)) -> u32 {
    Tokenizer::new(pos, mode, None).run(text, emit)
}

/// First letters to look for: a bitmap for ASCII, a sorted list for the rest.
#[derive(Debug, Clone, Default)]
pub struct Firsts {
    ascii: u128,
    other: Vec<char>,
}

impl Firsts {
    pub fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut f = Firsts::default();
        for c in chars {
            if c.is_ascii() {
                f.ascii |= 1 << (c as u32);
            } else {
                f.other.push(c);
            }
        }
        f.other.sort_unstable();
        f.other.dedup();
        f
    }

    #[inline]
    fn has(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii & (1 << (c as u32)) != 0
        } else {
            self.other.binary_search(&c).is_ok()
        }
    }
}

/// Like [`tokenize`] in index mode, but only words whose first (folded) letter is in `want`
/// are normalized and emitted: a cheap pre-filter when looking for a few known terms.
pub fn tokenize_filtered(text: &str, want: &Firsts, emit: &mut impl FnMut(&TokenRef)) -> u32 {
    Tokenizer::new(0, Mode::Index, Some(want)).run(text, emit)
}

struct Tokenizer<'w> {
    pos: u32,
    mode: Mode,
    want: Option<&'w Firsts>,
    /// Byte ranges of the words of the current (possibly one-word) compound.
    compound: Vec<(usize, usize)>,
    compound_end: usize,
    raw: String,
    term: String,
    joined: String,
}

impl<'w> Tokenizer<'w> {
    fn new(pos: u32, mode: Mode, want: Option<&'w Firsts>) -> Self {
        Tokenizer {
            pos,
            mode,
            want,
            compound: Vec::new(),
            compound_end: 0,
            raw: String::new(),
            term: String::new(),
            joined: String::new(),
        }
    }

    fn run(mut self, text: &str, emit: &mut impl FnMut(&TokenRef)) -> u32 {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII fast path: letters and digits run until anything else.
            if b.is_ascii_alphanumeric() {
                let mut end = i + 1;
                while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                if end < bytes.len() && bytes[end] >= 0x80 {
                    end = self.word_end(text, end);
                }
                // Filtered scan: a lone unwanted word only takes its position.
                if let Some(w) = self.want.filter(|_| self.compound.is_empty()) {
                    if bytes.get(end) != Some(&b'-') && !w.has(char::from(b.to_ascii_lowercase())) {
                        self.pos = self.pos.saturating_add(1);
                        i = end;
                        continue;
                    }
                }
                self.word(text, i, end, emit);
                i = end;
                continue;
            }
            if b < 0x80 {
                if b != b'-' {
                    self.flush_compound(text, emit);
                }
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if is_cjk(c) {
                self.flush_compound(text, emit);
                let mut end = i;
                while let Some(d) = text[end..].chars().next().filter(|d| is_cjk(*d)) {
                    end += d.len_utf8();
                }
                self.cjk_run(text, i, end, emit);
                i = end;
            } else if c.is_alphanumeric() {
                let end = self.word_end(text, i + c.len_utf8());
                self.word(text, i, end, emit);
                i = end;
            } else {
                if !is_hyphen(c) {
                    self.flush_compound(text, emit);
                }
                i += c.len_utf8();
            }
        }
        self.flush_compound(text, emit);
        self.pos
    }

    /// Where a word that has reached `from` ends (letters, digits and marks, not CJK).
    fn word_end(&self, text: &str, mut from: usize) -> usize {
        while let Some(d) = text[from..].chars().next() {
            if (d.is_alphanumeric() && !is_cjk(d)) || is_mark(d) {
                from += d.len_utf8();
            } else {
                break;
            }
        }
        from
    }

    /// A word at `start..end`: part of the current compound when a single hyphen separates them.
    fn word(&mut self, text: &str, start: usize, end: usize, emit: &mut impl FnMut(&TokenRef)) {
        let joins = !self.compound.is_empty() && self.compound_end + hyphen_len(&text[self.compound_end..]) == start;
        if !joins {
            self.flush_compound(text, emit);
        }
        self.compound.push((start, end));
        self.compound_end = end;
    }

    fn wanted(&self, word: &str) -> bool {
        let Some(want) = self.want else {
            return true;
        };
        match word.as_bytes().first() {
            Some(b) if b.is_ascii() => want.has(char::from(b.to_ascii_lowercase())),
            _ => word.chars().next().is_none_or(|c| want.has(first_folded(c))),
        }
    }

    fn flush_compound(&mut self, text: &str, emit: &mut impl FnMut(&TokenRef)) {
        if self.compound.is_empty() {
            return;
        }
        let parts = std::mem::take(&mut self.compound);
        let first_pos = self.pos;
        let joinable = parts.len() >= 2 && parts.len() <= MAX_COMPOUND_PARTS;
        let join = joinable && self.mode != Mode::Phrase && self.wanted(&text[parts[0].0..parts[0].1]);
        self.joined.clear();
        for &(s, e) in &parts {
            let word = &text[s..e];
            let emit_part = self.mode != Mode::Query || !joinable;
            if join || (emit_part && self.wanted(word)) {
                normalize_into(word, &mut self.raw);
                if join {
                    self.joined.push_str(&self.raw);
                }
                if emit_part {
                    self.word_token(self.pos, s, e, Kind::Word, emit);
                }
            }
            self.pos = self.pos.saturating_add(1);
        }
        if join {
            std::mem::swap(&mut self.raw, &mut self.joined);
            let (s, e) = (parts[0].0, parts[parts.len() - 1].1);
            self.word_token(first_pos, s, e, Kind::Joined, emit);
        }
        // Keep the allocation for the next compound.
        self.compound = parts;
        self.compound.clear();
    }

    /// Emits `self.raw` (already normalized) as a word.
    fn word_token(&mut self, pos: u32, start: usize, end: usize, kind: Kind, emit: &mut impl FnMut(&TokenRef)) {
        if self.raw.is_empty() || self.raw.len() > MAX_TERM_BYTES {
            return;
        }
        let stop = is_stopword(&self.raw);
        self.term.clear();
        self.term.push_str(&self.raw);
        stem(&mut self.term);
        emit(&TokenRef { term: &self.term, raw: &self.raw, pos, start, end, kind, stop });
    }

    fn cjk_run(&mut self, text: &str, start: usize, end: usize, emit: &mut impl FnMut(&TokenRef)) {
        let run = &text[start..end];
        let n = run.chars().count();
        let singles = match self.mode {
            Mode::Index | Mode::Phrase => true,
            Mode::Query => n == 1,
        };
        let pairs = self.mode != Mode::Phrase;
        let mut chars = run.char_indices().peekable();
        let mut k = 0u32;
        while let Some((i, c)) = chars.next() {
            let pos = self.pos.saturating_add(k);
            let (s, e) = (start + i, start + i + c.len_utf8());
            let want = self.want.is_none_or(|w| w.has(c));
            if singles && want {
                let t = &text[s..e];
                emit(&TokenRef { term: t, raw: t, pos, start: s, end: e, kind: Kind::Cjk, stop: false });
            }
            if let Some(&(j, d)) = chars.peek().filter(|_| pairs && want) {
                let pe = start + j + d.len_utf8();
                let t = &text[s..pe];
                emit(&TokenRef { term: t, raw: t, pos, start: s, end: pe, kind: Kind::Cjk, stop: false });
            }
            k += 1;
        }
        self.pos = self.pos.saturating_add(n as u32);
    }
}

/// The first character of a word as it will be after normalizing.
fn first_folded(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    fold(lower).and_then(|f| f.chars().next()).unwrap_or(lower)
}

/// Lowercase with Latin diacritics folded and combining marks dropped.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// [`normalize`] into a reused buffer.
fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(f) = fold(c) {
            out.push_str(f);
        } else if !is_combining(c) {
            out.push(c);
        }
    }
}

/// The ASCII form of a lowercase Latin letter with a diacritic (Latin-1 and Extended-A).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => return None,
    })
}

/// Combining diacritical marks (as in decomposed "e\u{301}"): dropped when folding.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Marks that continue a word: combining diacritics, and the vowel signs and points of
/// Hebrew, Arabic and Indic scripts (which are not alphanumeric but are inside words).
fn is_mark(c: char) -> bool {
    is_combining(c)
        || matches!(c, '\u{591}'..='\u{5c7}' | '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{6d6}'..='\u{6ed}')
        || (('\u{900}'..='\u{dff}').contains(&c) && !c.is_alphanumeric() && !matches!(c, '\u{964}' | '\u{965}'))
        || matches!(c, '\u{e31}' | '\u{e34}'..='\u{e3a}' | '\u{e47}'..='\u{e4e}')
}

/// Han ideographs and Japanese kana: written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'     // hiragana, katakana
        | '\u{3400}'..='\u{4dbf}'   // CJK extension A
        | '\u{4e00}'..='\u{9fff}'   // CJK unified ideographs
        | '\u{f900}'..='\u{faff}'   // compatibility ideographs
        | '\u{20000}'..='\u{2ebef}' // extensions B-F
    )
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Length of one hyphen at the start of `s`, or a length that can never line up.
fn hyphen_len(s: &str) -> usize {
    match s.chars().next() {
        Some(c) if is_hyphen(c) => c.len_utf8(),
        _ => usize::MAX / 2,
    }
}

/// All tokens of `text`, owned (for query planning and tests).
pub fn tokens(text: &str, mode: Mode) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize(text, 0, mode, &mut |t| out.push(t.to_owned()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, mode: Mode) -> Vec<(String, u32)> {
        tokens(text, mode).into_iter().filter(|t| !t.stop).map(|t| (t.term, t.pos)).collect()
    }

    fn words(text: &str) -> Vec<String> {
        terms(text, Mode::Index).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn lowercases_folds_stems_and_drops_stopwords() {
        assert_eq!(words("The Printers are NOT printing!"), ["printer", "print"]);
        assert_eq!(words("Café crème, Größe, naïve"), ["cafe", "crem", "gross", "naiv"]);
        assert_eq!(words("Für den Drucker über WLAN"), ["drucker", "wlan"]);
        assert_eq!(words("cafe\u{301}"), ["cafe"]);
        assert_eq!(words("Ünïcödé ĳssel"), ["unicod", "ijssel"]);
    }

    #[test]
    fn positions_keep_gaps_for_stopwords() {
        assert_eq!(terms("reset the password", Mode::Index), [("reset".into(), 0), ("password".into(), 2)]);
    }

    #[test]
    fn byte_ranges_point_into_the_source() {
        let text = "Größe: Drucker";
        let toks = tokens(text, Mode::Index);
        let spans: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(spans, ["Größe", "Drucker"]);
    }

    #[test]
    fn hyphenated_compounds_index_parts_and_joined() {
        assert_eq!(
            terms("Set up e-mail on Wi-Fi", Mode::Index),
            [
                ("set".into(), 0),
                ("up".into(), 1),
                ("e".into(), 2),
                ("mail".into(), 3),
                ("email".into(), 2),
                ("wi".into(), 5),
                ("fi".into(), 6),
                ("wifi".into(), 5),
            ]
        );
        // Queries look for the joined form only; phrases for the parts in order.
        assert_eq!(terms("e-mail", Mode::Query), [("email".into(), 0)]);
        assert_eq!(terms("e-mail", Mode::Phrase), [("e".into(), 0), ("mail".into(), 1)]);
        // Spaced or doubled hyphens do not join.
        assert_eq!(words("wi - fi wi--fi"), ["wi", "fi", "wi", "fi"]);
        let long = words("a-b-c-d-e");
        assert!(!long.iter().any(|w| w.len() > 1), "{long:?}");
    }

    #[test]
    fn chinese_gets_singles_and_pairs() {
        assert_eq!(
            terms("重置密码", Mode::Index),
            [
                ("重".into(), 0),
                ("重置".into(), 0),
                ("置".into(), 1),
                ("置密".into(), 1),
                ("密".into(), 2),
                ("密码".into(), 2),
                ("码".into(), 3),
            ]
        );
        assert_eq!(terms("密码", Mode::Query), [("密码".into(), 0)]);
        assert_eq!(terms("码", Mode::Query), [("码".into(), 0)]);
        assert_eq!(terms("密码", Mode::Phrase), [("密".into(), 0), ("码".into(), 1)]);
        assert_eq!(words("VPN密码"), ["vpn", "密", "密码", "码"]);
    }

    #[test]
    fn other_scripts_stay_whole_words() {
        assert_eq!(words("Пароль забыт"), ["пароль", "забыт"]);
        assert_eq!(words("पासवर्ड रीसेट"), ["पासवर्ड", "रीसेट"]);
        assert_eq!(words("비밀번호 재설정"), ["비밀번호", "재설정"]);
    }

    #[test]
    fn filtered_tokens_are_the_wanted_subset() {
        let text = "Printer-Setup: Größe, e-mail PIN 密码重置 über-prüfen pass‐word Ölfilter";
        let want = Firsts::new(['p', 'g', '密', 'u', 'o']);
        let mut got = Vec::new();
        tokenize_filtered(text, &want, &mut |t| got.push((t.term.to_string(), t.start, t.end)));
        let all = tokens(text, Mode::Index);
        let expected: Vec<(String, usize, usize)> = all
            .iter()
            .filter(|t| t.term.chars().next().is_some_and(|c| want.has(c)))
            .map(|t| (t.term.clone(), t.start, t.end))
            .collect();
        for e in &expected {
            assert!(got.contains(e), "missing {e:?} in {got:?}");
        }
        for g in &got {
            assert!(all.iter().any(|t| (t.term.as_str(), t.start, t.end) == (g.0.as_str(), g.1, g.2)), "extra {g:?}");
        }
    }

    #[test]
    fn overlong_tokens_are_skipped_but_keep_their_position() {
        let junk = "x".repeat(100);
        assert_eq!(terms(&format!("vpn {junk} client"), Mode::Index), [("vpn".into(), 0), ("client".into(), 2)]);
    }
}
