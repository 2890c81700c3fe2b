//! Typo tolerance for Latin words: bounded optimal-string-alignment distance (Levenshtein plus
//! adjacent transpositions, so `imunne` and `immnue` are each one or two edits from `immune`).
//!
//! A word of [`ONE_EDIT_FROM`] or more letters tolerates one edit, of [`TWO_EDITS_FROM`] or more
//! two; from [`TWO_EDITS_IF_NONE_NEARER_FROM`] letters, two when no word is one edit away
//! ([`fallback_edits`]) and the word found keeps the first letter ([`second_chance`]). Words
//! with digits never do: `covid19` is not `covid18`.

/// Letters from which one edit is tolerated.
pub const ONE_EDIT_FROM: usize = 5;
/// Letters from which two edits are tolerated.
pub const TWO_EDITS_FROM: usize = 9;
/// Letters from which two edits are tolerated when no word is one edit away (`dialisys` →
/// `dialysis`): a second chance that adds no noise where a nearer word exists.
pub const TWO_EDITS_IF_NONE_NEARER_FROM: usize = 7;
/// Longest word compared (longer words only match exactly or by prefix).
pub const MAX_CHARS: usize = 48;

/// How many edits a query word of `chars` characters tolerates.
pub fn allowed_edits(word: &str) -> usize {
    if word.chars().any(|c| !c.is_alphabetic()) {
        return 0;
    }
    match word.chars().count() {
        n if n > MAX_CHARS => 0,
        n if n >= TWO_EDITS_FROM => 2,
        n if n >= ONE_EDIT_FROM => 1,
        _ => 0,
    }
}

/// True when `word` may be the second-chance correction of `query` ([`fallback_edits`]): it
/// starts with the same letter. People seldom mistype a word's first letter, and two edits
/// that include it reach unrelated words (`hearing` → `learning`).
pub fn second_chance(query: &[char], word: &[char]) -> bool {
    query.first() == word.first()
}

/// The edits a query word is allowed when nothing within [`allowed_edits`] was found: two
/// from [`TWO_EDITS_IF_NONE_NEARER_FROM`] letters, else the same as [`allowed_edits`].
pub fn fallback_edits(word: &str) -> usize {
    let k = allowed_edits(word);
    if k == 1 && word.chars().count() >= TWO_EDITS_IF_NONE_NEARER_FROM {
        2
    } else {
        k
    }
}

/// One pass of the search for a query word's corrections: first within [`allowed_edits`];
/// when that finds nothing, the second chance of [`fallback_edits`], which keeps the first
/// letter ([`second_chance`]). The index's words and the synonym words are searched alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Edits allowed.
    pub edits: usize,
    second: bool,
}

impl Budget {
    /// The first pass.
    pub fn first(word: &str) -> Budget {
        Budget { edits: allowed_edits(word), second: false }
    }

    /// The second chance, when it allows more than the first pass.
    pub fn second(word: &str) -> Option<Budget> {
        let edits = fallback_edits(word);
        (edits > allowed_edits(word)).then_some(Budget { edits, second: true })
    }

    /// [`distances`] within this budget; none for a word the second chance may not reach.
    pub fn distances(self, q: &[char], w: &[char]) -> (Option<usize>, Option<usize>) {
        if self.second && !second_chance(q, w) {
            return (None, None);
        }
        distances(q, w, self.edits)
    }
}

/// One query word's search for whole words within a [`Budget`]: the query's characters and
/// letter signature, and one buffer for each candidate's characters, so a scan over thousands
/// of words allocates nothing per word. The index's words and the synonym words are searched
/// with it.
pub struct Near {
    budget: Budget,
    q: Vec<char>,
    signature: u32,
    w: Vec<char>,
}

impl Near {
    /// The search for words near `q` within `budget`.
    pub fn new(q: &str, budget: Budget) -> Near {
        let q_chars = q.chars().collect();
        Near { budget, q: q_chars, signature: letter_signature(q), w: Vec::with_capacity(64) }
    }

    /// The query's characters and letter signature.
    pub fn query(&self) -> (&[char], u32) {
        (&self.q, self.signature)
    }

    /// False when a word with letter signature `sig` is too many letters apart to be within
    /// the budget ([`letters_apart`]): no distance need be computed.
    pub fn may_reach(&self, sig: u32) -> bool {
        letters_apart(self.signature, sig) <= 2 * self.budget.edits
    }

    /// The edits from the query to the whole word `w`, when within the budget.
    pub fn whole(&mut self, w: &str) -> Option<usize> {
        self.w.clear();
        self.w.extend(w.chars());
        self.budget.distances(&self.q, &self.w).0
    }
}

/// The letters of `word` as a set of 32 bits (each character sets the bit of its code point
/// modulo 32: the 26 Latin letters apart; digits share bits with letters, which only lets more
/// candidates through). Half the bytes of 64 bits for every word of the vocabulary. An edit changes at most two letters of a word's letter set and a transposition
/// none, so two words whose signatures differ in more than `2k` bits are more than `k` edits
/// apart ([`letters_apart`]): most of the vocabulary is ruled out without computing a distance.
pub fn letter_signature(word: &str) -> u32 {
    word.chars().fold(0, |sig, c| sig | letter_bit(c))
}

/// The bit of one character in a [`letter_signature`].
pub fn letter_bit(c: char) -> u32 {
    1 << (c as u32 % 32)
}

/// How many bits two [`letter_signature`]s differ in: at most twice the words' edit distance.
pub fn letters_apart(a: u32, b: u32) -> usize {
    (a ^ b).count_ones() as usize
}

/// How many bits of signature `q` signature `w` lacks: each needs an edit, so this is at most
/// the distance from the query `q` to `w` or to any prefix of it.
pub fn letters_missing(q: u32, w: u32) -> usize {
    (q & !w).count_ones() as usize
}

/// Distances between a query `q` and a candidate `w`, each at most `k` or `None`:
/// `.0` against the whole of `w`, `.1` against the best prefix of `w` (search as you type).
pub fn distances(q: &[char], w: &[char], k: usize) -> (Option<usize>, Option<usize>) {
    let (n, m) = (q.len(), w.len());
    if n > MAX_CHARS || m > MAX_CHARS + k {
        return (None, None);
    }
    const W: usize = MAX_CHARS + 3;
    let mut rows = [[0usize; W]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(m + 1) {
        *cell = j;
    }
    let big = k + 1;
    for i in 1..=n {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(q[i - 1] != w[j - 1]);
            let mut v = (rows[prev][j] + 1).min(rows[cur][j - 1] + 1).min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && q[i - 1] == w[j - 2] && q[i - 2] == w[j - 1] {
                v = v.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k {
            return (None, None);
        }
    }
    let last = &rows[n % 3][..=m];
    let full = Some(last[m]).filter(|d| *d <= k);
    let prefix = last.iter().copied().min().filter(|d| *d <= k && *d < big);
    (full, prefix)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::testing::table_test;

    type Distances = (Option<usize>, Option<usize>);

    fn d(q: &str, w: &str, k: usize) -> Distances {
        let q: Vec<char> = q.chars().collect();
        let w: Vec<char> = w.chars().collect();
        distances(&q, &w, k)
    }

    table_test! {
        edit_budgets_follow_word_length: allowed_edits,
        "" => 0,
        "gene" => 0,
        "tumor" => 1,
        "cancer" => 1,
        "catheter" => 1,
        "diagnosis" => 2,
        "immunotherapy" => 2,
        "covid19" => 0,
        "12345" => 0,
    }

    table_test! {
        a_second_chance_allows_two_edits_from_seven_letters: fallback_edits,
        "cancer" => 1,
        "dementi" => 2,
        "dialisys" => 2,
        "diagnosis" => 2,
        "gene" => 0,
        "covid19" => 0,
    }

    /// [`second_chance`] on a (query, word) pair.
    fn second(pair: (&str, &str)) -> bool {
        let (q, w): (Vec<char>, Vec<char>) = (pair.0.chars().collect(), pair.1.chars().collect());
        second_chance(&q, &w)
    }

    table_test! {
        a_second_chance_keeps_the_first_letter: second,
        ("dialisys", "dialysis") => true,
        ("alzhiemer", "alzheimer") => true,
        ("hearing", "learning") => false,
        ("kancerous", "cancerous") => false,
    }

    #[test]
    fn distances_count_substitutions_insertions_deletions_and_swaps() {
        let cases: &[(&str, &str, usize, Distances)] = &[
            ("cancer", "cancer", 1, (Some(0), Some(0))),
            ("cancr", "cancer", 1, (Some(1), Some(1))),
            ("cancre", "cancer", 1, (Some(1), Some(1))),
            ("kancer", "cancer", 1, (Some(1), Some(1))),
            ("canceer", "cancer", 1, (Some(1), Some(1))),
            ("cabcer", "cancer", 1, (Some(1), Some(1))),
            ("cnacre", "cancer", 1, (None, None)),
            ("imunotherapy", "immunotherapy", 2, (Some(1), Some(1))),
            ("imunotherpy", "immunotherapy", 2, (Some(2), Some(2))),
            ("immuno", "immunotherapy", 1, (None, Some(0))),
            ("imuno", "immunotherapy", 1, (None, Some(1))),
            ("tumor", "humor", 1, (Some(1), Some(1))),
            ("tumor", "tumour", 1, (Some(1), Some(1))),
            ("", "abc", 0, (None, Some(0))),
        ];
        for (q, w, k, want) in cases {
            assert_eq!(d(q, w, *k), *want, "distances({q:?}, {w:?}, {k})");
        }
    }

    #[test]
    fn words_within_k_edits_never_have_signatures_further_apart_than_k_edits_allow() {
        let words = [
            "catheter",
            "cathter",
            "catheters",
            "cahteter",
            "alzheimer",
            "alzhiemer",
            "alzheimr",
            "antibody",
            "antibdy",
            "antibodies",
            "nanoparticle",
            "nanoparticel",
            "cancer",
            "cacner",
            "dementia",
            "dementai",
            "periodontitis",
            "peridontitis",
            "ｉｐｓ",
            "ips",
            "がん",
            "癌",
        ];
        let mut ruled_out = 0;
        for q in words {
            for w in words {
                let apart = letters_apart(letter_signature(q), letter_signature(w));
                let missing = letters_missing(letter_signature(q), letter_signature(w));
                for k in 1..=2 {
                    let (whole, prefix) = d(q, w, k);
                    match whole {
                        Some(_) => assert!(apart <= 2 * k, "{q} / {w}: {apart} bits, {k} edits"),
                        None => ruled_out += usize::from(apart > 2 * k),
                    }
                    if prefix.is_some() {
                        assert!(
                            missing <= k,
                            "{q} / a prefix of {w}: {missing} missing, {k} edits"
                        );
                    }
                }
            }
        }
        assert!(ruled_out > 200, "the signature rules out most far words ({ruled_out})");
    }
}
