//! Typo distance: Damerau-Levenshtein in its "optimal string alignment" form (insert, delete,
//! substitute, swap two neighbours), bounded so most dictionary words are rejected after a
//! row or two.

/// Reusable buffers, so scanning a dictionary slice allocates nothing per word.
#[derive(Default)]
pub struct Matcher {
    query: Vec<u32>,
    cand: Vec<u32>,
    rows: [Vec<usize>; 3],
}

impl Matcher {
    pub fn new(query: &str) -> Self {
        Matcher { query: query.chars().map(u32::from).collect(), ..Matcher::default() }
    }

    /// The distance from the query to `word` when it is at most `max`.
    pub fn distance(&mut self, word: &str, max: usize) -> Option<usize> {
        // Length first: most of a dictionary slice fails here, before any decoding.
        let len = if word.is_ascii() { word.len() } else { word.chars().count() };
        if len.abs_diff(self.query.len()) > max {
            return None;
        }
        self.cand.clear();
        if word.is_ascii() {
            self.cand.extend(word.bytes().map(u32::from));
        } else {
            self.cand.extend(word.chars().map(u32::from));
        }
        let (a, b) = (&self.query, &self.cand);
        let w = b.len() + 1;
        for r in self.rows.iter_mut() {
            r.resize(w, 0);
        }
        let [prev2, prev, cur] = &mut self.rows;
        for (j, v) in prev.iter_mut().enumerate() {
            *v = j;
        }
        for i in 1..=a.len() {
            cur[0] = i;
            let mut row_min = i;
            let ai = a[i - 1];
            for j in 1..w {
                let cost = usize::from(ai != b[j - 1]);
                let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
                if i > 1 && j > 1 && ai == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = d.min(prev2[j - 2] + 1);
                }
                cur[j] = d;
                row_min = row_min.min(d);
            }
            if row_min > max {
                return None;
            }
            std::mem::swap(prev2, prev);
            std::mem::swap(prev, cur);
        }
        Some(prev[w - 1]).filter(|&d| d <= max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        Matcher::new(a).distance(b, max)
    }

    #[test]
    fn counts_each_kind_of_edit_once() {
        assert_eq!(d("password", "password", 2), Some(0));
        assert_eq!(d("pasword", "password", 1), Some(1), "insertion");
        assert_eq!(d("passwordd", "password", 1), Some(1), "deletion");
        assert_eq!(d("passwprd", "password", 1), Some(1), "substitution");
        assert_eq!(d("passwrod", "password", 1), Some(1), "transposition");
        assert_eq!(d("conection", "connection", 2), Some(1));
        assert_eq!(d("conecton", "connection", 2), Some(2));
        assert_eq!(d("drukcer", "drucker", 1), Some(1));
        assert_eq!(d("密马", "密码", 1), Some(1));
    }

    #[test]
    fn rejects_beyond_the_bound() {
        assert_eq!(d("printer", "pointer", 1), Some(1));
        assert_eq!(d("printer", "painter", 1), Some(1));
        assert_eq!(d("printer", "paint", 1), None);
        assert_eq!(d("conecton", "connection", 1), None);
        assert_eq!(d("abcd", "abcdefgh", 2), None, "length gap alone is too big");
        assert_eq!(d("", "ab", 2), Some(2));
    }
}
