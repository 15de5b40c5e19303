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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Normalized and stemmed: what the index stores.
    pub term: String,
    /// Normalized but not stemmed: what prefix search compares with.
    pub raw: String,
    pub pos: u32,
    /// Byte range in the source text.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub stop: bool,
}

/// Tokens of `text` starting at position `pos`; returns the next free position.
/// Stopwords are emitted with `stop` set (they use a position, so phrases keep their gaps).
pub fn tokenize(text: &str, pos: u32, mode: Mode, emit: &mut impl FnMut(Token)) -> u32 {
    let mut t = Tokenizer { pos, mode, compound: Vec::new(), compound_end: 0 };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_cjk(c) {
            t.flush_compound(text, emit);
            let mut run = vec![(i, c)];
            while let Some(&(j, d)) = chars.peek().filter(|(_, d)| is_cjk(*d)) {
                run.push((j, d));
                chars.next();
            }
            t.cjk_run(&run, emit);
        } else if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek().filter(|(_, d)| (d.is_alphanumeric() && !is_cjk(*d)) || is_mark(*d)) {
                end = j + d.len_utf8();
                chars.next();
            }
            // A part follows the previous one when only a single hyphen separates them.
            let joins = !t.compound.is_empty() && t.compound_end + hyphen_len(&text[t.compound_end..]) == i;
            if !joins {
                t.flush_compound(text, emit);
            }
            t.compound.push((i, end));
            t.compound_end = end;
        } else if !is_hyphen(c) {
            t.flush_compound(text, emit);
        }
    }
    t.flush_compound(text, emit);
    t.pos
}

struct Tokenizer {
    pos: u32,
    mode: Mode,
    /// Byte ranges of the words of the current (possibly one-word) compound.
    compound: Vec<(usize, usize)>,
    compound_end: usize,
}

impl Tokenizer {
    fn flush_compound(&mut self, text: &str, emit: &mut impl FnMut(Token)) {
        if self.compound.is_empty() {
            return;
        }
        let parts = std::mem::take(&mut self.compound);
        let first_pos = self.pos;
        let joinable = parts.len() >= 2 && parts.len() <= MAX_COMPOUND_PARTS;
        let mut joined = String::new();
        for &(s, e) in &parts {
            let raw = normalize(&text[s..e]);
            if joinable {
                joined.push_str(&raw);
            }
            if self.mode != Mode::Query || !joinable {
                word_token(raw, self.pos, s, e, Kind::Word, emit);
            }
            self.pos = self.pos.saturating_add(1);
        }
        if joinable && self.mode != Mode::Phrase {
            let (s, e) = (parts[0].0, parts[parts.len() - 1].1);
            word_token(joined, first_pos, s, e, Kind::Joined, emit);
        }
    }

    fn cjk_run(&mut self, run: &[(usize, char)], emit: &mut impl FnMut(Token)) {
        let singles = match self.mode {
            Mode::Index | Mode::Phrase => true,
            Mode::Query => run.len() == 1,
        };
        let pairs = self.mode != Mode::Phrase;
        for (k, &(i, c)) in run.iter().enumerate() {
            let pos = self.pos.saturating_add(k as u32);
            let end = i + c.len_utf8();
            if singles {
                let term = c.to_string();
                emit(Token { raw: term.clone(), term, pos, start: i, end, kind: Kind::Cjk, stop: false });
            }
            if let Some(&(j, d)) = run.get(k + 1).filter(|_| pairs) {
                let term: String = [c, d].iter().collect();
                emit(Token { raw: term.clone(), term, pos, start: i, end: j + d.len_utf8(), kind: Kind::Cjk, stop: false });
            }
        }
        self.pos = self.pos.saturating_add(run.len() as u32);
    }
}

fn word_token(raw: String, pos: u32, start: usize, end: usize, kind: Kind, emit: &mut impl FnMut(Token)) {
    if raw.is_empty() || raw.len() > MAX_TERM_BYTES {
        return;
    }
    let stop = is_stopword(&raw);
    let mut term = raw.clone();
    stem(&mut term);
    emit(Token { term, raw, pos, start, end, kind, stop });
}

/// Lowercase with Latin diacritics folded and combining marks dropped.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(f) = fold(c) {
            out.push_str(f);
        } else if !is_combining(c) {
            out.push(c);
        }
    }
    out
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

/// All tokens of `text` (a convenience for tests and small inputs).
pub fn tokens(text: &str, mode: Mode) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize(text, 0, mode, &mut |t| out.push(t));
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
    fn overlong_tokens_are_skipped_but_keep_their_position() {
        let junk = "x".repeat(100);
        assert_eq!(terms(&format!("vpn {junk} client"), Mode::Index), [("vpn".into(), 0), ("client".into(), 2)]);
    }
}
