//! Stopwords and a light English stemmer.
//!
//! The stemmer only folds plurals, -ing and -ed (and a final -e, so "update", "updates",
//! "updated" and "updating" meet). It runs on plain ASCII words only, so German, numbers and
//! product codes pass through untouched. Light on purpose: an aggressive stemmer merges
//! words a help desk keeps apart ("printer" and "printing" stay different).

/// English and German words too common to help a search, already lowercased and folded
/// ("für" is "fur"). Sorted, for binary search.
const STOPWORDS: &[&str] = &[
    "a", "aber", "alle", "als", "am", "an", "and", "are", "as", "at", "auch", "auf", "aus", "be", "been", "bei",
    "bin", "bis", "bist", "but", "by", "can", "could", "d", "da", "dann", "das", "dass", "dem", "den", "der", "des",
    "did", "die", "dies", "diese", "dieser", "do", "doch", "does", "du", "durch", "ein", "eine", "einem", "einen",
    "einer", "eines", "er", "es", "for", "from", "fur", "had", "has", "hat", "hatte", "have", "he", "her", "his",
    "how", "i", "ich", "if", "ihr", "im", "in", "into", "is", "ist", "it", "its", "ja", "kann", "ll", "m", "me",
    "mein", "meine", "mit", "my", "nach", "nicht", "no", "noch", "not", "nur", "ob", "oder", "of", "on", "or",
    "our", "re", "s", "sein", "she", "sich", "sie", "sind", "so", "t", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "to", "too", "uber", "um", "und", "uns", "ve", "von", "vor", "war",
    "was", "we", "wenn", "were", "what", "when", "where", "which", "who", "why", "wie", "will", "wir", "wird",
    "with", "would", "you", "your", "zu", "zum", "zur",
];

pub fn is_stopword(word: &str) -> bool {
    word.len() <= 6 && STOPWORDS.binary_search(&word).is_ok()
}

/// Stems `w` in place. `w` is lowercase; words with anything but ASCII letters are left alone.
pub fn stem(w: &mut String) {
    if w.len() <= 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return;
    }
    // Plurals.
    if w.ends_with("ies") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
        w.pop();
    }
    // -ing and -ed, when what is left still looks like a word (has a vowel, 3+ letters).
    let cut = if w.ends_with("ing") {
        3
    } else if w.ends_with("ied") && w.len() > 4 {
        w.truncate(w.len() - 3);
        w.push('y');
        return;
    } else if w.ends_with("ed") && !w.ends_with("eed") {
        2
    } else {
        0
    };
    if cut > 0 {
        let base = &w[..w.len() - cut];
        if base.len() >= 3 && base.bytes().any(|b| b"aeiouy".contains(&b)) {
            w.truncate(w.len() - cut);
            undouble(w);
            return;
        }
    }
    // Final -e, so "update" meets "updating" and "updated".
    if w.len() > 4 && w.ends_with('e') {
        w.pop();
    }
}

/// "runn" -> "run", "stopp" -> "stop"; not ll/ss/zz ("install") and not down to two letters ("add").
fn undouble(w: &mut String) {
    let b = w.as_bytes();
    let n = b.len();
    if n >= 4 && b[n - 1] == b[n - 2] && !b"aeioulsz".contains(&b[n - 1]) {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(w: &str) -> String {
        let mut w = w.to_string();
        stem(&mut w);
        w
    }

    #[test]
    fn stopword_list_is_sorted_and_found() {
        assert!(STOPWORDS.windows(2).all(|p| p[0] < p[1]), "STOPWORDS must stay sorted");
        assert!(STOPWORDS.iter().all(|w| w.len() <= 6), "is_stopword skips words over 6 bytes");
        assert!(is_stopword("the") && is_stopword("und") && is_stopword("fur"));
        assert!(!is_stopword("printer") && !is_stopword("drucker"));
    }

    #[test]
    fn word_families_meet() {
        for family in [
            &["printer", "printers"][..],
            &["print", "prints", "printing", "printed"],
            &["password", "passwords"],
            &["update", "updates", "updated", "updating"],
            &["configure", "configured", "configuring", "configures"],
            &["install", "installs", "installed", "installing"],
            &["set", "setting", "settings"],
            &["log", "logging", "logged", "logs"],
            &["policy", "policies"],
            &["copy", "copied", "copies"],
            &["address", "addresses"],
            &["add", "added", "adding"],
            &["stop", "stopped", "stopping"],
            &["device", "devices"],
        ] {
            let stems: Vec<String> = family.iter().map(|w| s(w)).collect();
            assert!(stems.windows(2).all(|p| p[0] == p[1]), "{family:?} -> {stems:?}");
        }
    }

    #[test]
    fn does_not_overstem() {
        assert_eq!(s("printer"), "printer");
        assert_eq!(s("access"), "access");
        assert_eq!(s("status"), "status");
        assert_eq!(s("analysis"), "analysis");
        assert_eq!(s("string"), "string");
        assert_eq!(s("thing"), "thing");
        assert_eq!(s("need"), "need");
        assert_eq!(s("speed"), "speed");
        assert_eq!(s("vpn"), "vpn");
        assert_eq!(s("drucker"), "drucker");
        assert_eq!(s("win10s"), "win10s");
        assert_eq!(s("straße"), "straße");
    }
}
