//! Typo distance: Damerau-Levenshtein in its "optimal string alignment" form (insert, delete,
//! substitute, swap two neighbours), bounded by a small budget.
//!
//! Built for scanning a sorted dictionary: the DP keeps one row per candidate character, so a
//! word reuses the rows of the prefix it shares with the previous word, and once a prefix's
//! row is over budget every following word with that prefix is skipped without any DP (the
//! row minimum never decreases). It is a trie walk without building a trie.

pub struct Scanner {
    query: Vec<u32>,
    max: usize,
    /// rows[k][j]: distance between the first k candidate characters and the first j of the query.
    rows: Vec<Vec<usize>>,
    /// Characters of the candidate the rows were computed for; rows[..=valid] are valid.
    prev: Vec<u32>,
    valid: usize,
    /// Row at which `prev` went over budget: words sharing that much of it are skipped.
    dead: Option<usize>,
    cand: Vec<u32>,
}

impl Scanner {
    pub fn new(query: &str, max: usize) -> Self {
        let query: Vec<u32> = query.chars().map(u32::from).collect();
        let first: Vec<usize> = (0..=query.len()).collect();
        Scanner { query, max, rows: vec![first], prev: Vec::new(), valid: 0, dead: None, cand: Vec::new() }
    }

    /// The distance from the query to `word` when it is within budget. Any order of words is
    /// correct; sorted order is what makes it fast.
    pub fn distance(&mut self, word: &str) -> Option<usize> {
        self.cand.clear();
        if word.is_ascii() {
            self.cand.extend(word.bytes().map(u32::from));
        } else {
            self.cand.extend(word.chars().map(u32::from));
        }
        let (n, m, max) = (self.cand.len(), self.query.len(), self.max);
        if n.abs_diff(m) > max {
            return None;
        }
        let shared = self.prev[..self.valid].iter().zip(&self.cand).take_while(|(a, b)| a == b).count();
        if self.dead.is_some_and(|d| shared >= d) {
            return None;
        }
        while self.rows.len() <= n {
            self.rows.push(vec![0; m + 1]);
        }
        self.dead = None;
        self.prev.truncate(shared);
        for k in shared + 1..=n {
            let c = self.cand[k - 1];
            let before = if k >= 2 { Some(self.cand[k - 2]) } else { None };
            let (done, rest) = self.rows.split_at_mut(k);
            let row = &mut rest[0];
            let up = &done[k - 1];
            row[0] = k;
            let mut row_min = k;
            for j in 1..=m {
                let q = self.query[j - 1];
                let mut d = (up[j] + 1).min(row[j - 1] + 1).min(up[j - 1] + usize::from(q != c));
                if let Some(b) = before {
                    if j >= 2 && c == self.query[j - 2] && b == q {
                        d = d.min(done[k - 2][j - 2] + 1);
                    }
                }
                row[j] = d;
                row_min = row_min.min(d);
            }
            self.prev.push(c);
            self.valid = k;
            if row_min > max {
                self.dead = Some(k);
                return None;
            }
        }
        let d = self.rows[n][m];
        (d <= max).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        Scanner::new(a, max).distance(b)
    }

    /// Plain optimal-string-alignment distance, for checking the scanner.
    fn reference(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in t.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in t[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                t[i][j] = (t[i - 1][j] + 1).min(t[i][j - 1] + 1).min(t[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    t[i][j] = t[i][j].min(t[i - 2][j - 2] + 1);
                }
            }
        }
        t[a.len()][b.len()]
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
        assert_eq!(d("printer", "paint", 1), None);
        assert_eq!(d("conecton", "connection", 1), None);
        assert_eq!(d("abcd", "abcdefgh", 2), None, "length gap alone is too big");
        assert_eq!(d("", "ab", 2), Some(2));
    }

    #[test]
    fn a_sorted_scan_reuses_and_skips_prefixes_correctly() {
        let mut words = vec!["pass", "passport", "password", "passwords", "paste", "pastry", "pat", "patch", "print"];
        words.sort_unstable();
        let mut s = Scanner::new("pasword", 2);
        let got: Vec<(&str, usize)> = words.iter().filter_map(|w| s.distance(w).map(|d| (*w, d))).collect();
        assert_eq!(got, [("password", 1), ("passwords", 2)]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn matches_the_reference_over_a_sorted_list(
            query in "[abc]{0,6}",
            mut words in proptest::collection::vec("[abc]{0,7}", 0..40),
            max in 0usize..3,
        ) {
            words.sort();
            let mut s = Scanner::new(&query, max);
            for w in &words {
                let want = Some(reference(&query, w)).filter(|&d| d <= max);
                prop_assert_eq!(s.distance(w), want, "{} vs {}", query, w);
            }
        }
    }
}
