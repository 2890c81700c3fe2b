//! Curated synonym groups from the bundle (`Bundle::synonyms`): variant spellings (癌/がん/ガン)
//! and exact ja↔en translations (DDS/ドラッグデリバリー/薬物送達/drug delivery). A query term
//! that equals a group member also matches the other members, at a discount. Nothing is
//! guessed: only listed groups expand.
//!
//! Terms are compared by their normalized run form ([`crate::normalize::run_form`]), so width,
//! case, kana and long-vowel variants need not be listed. Inside a CJK query term a member may
//! also match as a substring (がん治療 → 癌治療), unless that would split a katakana or Latin word
//! (ガン is not found in オルガン).

use crate::normalize::{is_katakana, is_word_char, run_form};
use crate::sort;
use crate::typo::{self, Budget, Near};
use rustc_hash::FxHashMap;

/// A member of a synonym group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// As written in the synonyms file.
    pub text: String,
    /// Normalized run form.
    pub key: String,
}

/// The synonym groups, indexed for lookup.
#[derive(Debug, Default)]
pub struct Synonyms {
    groups: Vec<Vec<Member>>,
    by_key: FxHashMap<String, Vec<u32>>,
    /// Keys containing CJK, longest first, for substring matches.
    cjk_keys: Vec<(String, u32)>,
    /// Keys that are one Latin word, sorted (stem lookups).
    latin_words: Vec<String>,
    /// The Latin words of multi-word members (`machine` of `machine learning`), sorted.
    phrase_words: Vec<String>,
    /// For each Latin word of a multi-word member, the groups with such a member.
    phrase_groups: FxHashMap<String, Vec<u32>>,
}

/// Most alternatives one term expands to.
pub const MAX_ALTERNATIVES: usize = 12;

impl Synonyms {
    /// Indexes groups of equivalent terms.
    pub fn new(groups: &[Vec<String>]) -> Self {
        let mut s = Synonyms::default();
        for g in groups {
            s.add_group(g);
        }
        s.finish();
        s
    }

    /// Adds one group, unless it has fewer than two distinct members; returns the members
    /// kept. (The loader adds groups a few at a time.) [`Synonyms::finish`] must follow the
    /// last group.
    pub fn add_group(&mut self, group: &[String]) -> &[Member] {
        let mut members: Vec<Member> = Vec::new();
        for text in group {
            let key = run_form(text);
            if !key.is_empty() && !members.iter().any(|m| m.key == key) {
                members.push(Member { text: text.trim().to_string(), key });
            }
        }
        if members.len() < 2 {
            return &[];
        }
        let id = self.groups.len() as u32;
        for m in &members {
            let ids = self.by_key.entry(m.key.clone()).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
            if m.key.chars().any(crate::normalize::is_cjk) {
                self.cjk_keys.push((m.key.clone(), id));
            }
        }
        self.groups.push(members);
        self.groups.last().map_or(&[], Vec::as_slice)
    }

    /// Builds the lookup lists from the groups added.
    pub fn finish(&mut self) {
        let s = self;
        sort::sort_by(&mut s.cjk_keys, |a, b| {
            b.0.chars().count().cmp(&a.0.chars().count()).then_with(|| a.0.cmp(&b.0))
        });
        s.cjk_keys.dedup();
        s.latin_words = s
            .by_key
            .keys()
            .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphabetic()))
            .cloned()
            .collect();
        sort::sort_by(&mut s.latin_words, Ord::cmp);
        s.phrase_words = s
            .by_key
            .keys()
            .filter(|k| k.contains(' '))
            .flat_map(|k| k.split(' '))
            .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
            .map(str::to_string)
            .collect();
        sort::sort_by(&mut s.phrase_words, Ord::cmp);
        s.phrase_words.dedup();
        for (key, ids) in &s.by_key {
            for w in key.split(' ').filter(|_| key.contains(' ')) {
                if s.phrase_words.binary_search_by(|x| x.as_str().cmp(w)).is_ok() {
                    let list = s.phrase_groups.entry(w.to_string()).or_default();
                    for id in ids {
                        if !list.contains(id) {
                            list.push(*id);
                        }
                    }
                }
            }
        }
        for list in s.phrase_groups.values_mut() {
            list.sort_unstable();
        }
    }

    /// The members of the groups having a multi-word member with the Latin `word` in it
    /// (`alzheimer` → the group of `alzheimer disease`, アルツハイマー病), when at most `most`
    /// groups do: a word that many phrases share (`cell`) names none of them.
    pub fn phrase_alternatives(&self, word: &str, most: usize) -> Vec<&Member> {
        let ids = self.phrase_groups.get(word).map(Vec::as_slice).unwrap_or(&[]);
        if ids.len() > most {
            return Vec::new();
        }
        let mut out: Vec<&Member> = Vec::new();
        for &g in ids {
            for m in &self.groups[g as usize] {
                if !out.iter().any(|o| o.key == m.key) && out.len() < MAX_ALTERNATIVES {
                    out.push(m);
                }
            }
        }
        out
    }

    /// Members that are one Latin word, starting with `prefix`, sorted.
    pub fn words_with_prefix(&self, prefix: &str) -> &[String] {
        let lo = self.latin_words.partition_point(|w| w.as_str() < prefix);
        let hi = lo + self.latin_words[lo..].partition_point(|w| w.starts_with(prefix));
        &self.latin_words[lo..hi]
    }

    /// One-word Latin members within the typo budget of `word` ([`crate::typo`]), with their
    /// number of edits; `word` itself excluded.
    pub fn near_words(&self, word: &str) -> Vec<(&str, usize)> {
        let out = self.near_words_within(word, Budget::first(word));
        match Budget::second(word) {
            Some(second) if out.is_empty() => self.near_words_within(word, second),
            _ => out,
        }
    }

    fn near_words_within(&self, word: &str, budget: Budget) -> Vec<(&str, usize)> {
        near(&self.latin_words, word, budget)
    }

    /// The synonym word a Latin `word` was most likely meant to be: `None` when the word is
    /// one of them already or none is within its typo allowance; else the nearest (fewest
    /// edits, then alphabetical), as `machin` → `machine`.
    pub fn corrected(&self, word: &str) -> Option<&str> {
        let known = |list: &[String]| list.binary_search_by(|w| w.as_str().cmp(word)).is_ok();
        if known(&self.latin_words) || known(&self.phrase_words) {
            return None;
        }
        self.corrected_within(word, Budget::first(word))
            .or_else(|| self.corrected_within(word, Budget::second(word)?))
    }

    fn corrected_within(&self, word: &str, budget: Budget) -> Option<&str> {
        let near = near(self.latin_words.iter().chain(&self.phrase_words), word, budget);
        near.into_iter().map(|(w, d)| (d, w)).min().map(|(_, w)| w)
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True when there are no groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// True when `key` (a run form) is a member of some group.
    pub fn contains(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// The other members of every group containing `key` (a run form), without duplicates.
    pub fn alternatives(&self, key: &str) -> Vec<&Member> {
        let mut out: Vec<&Member> = Vec::new();
        for &g in self.by_key.get(key).map(Vec::as_slice).unwrap_or(&[]) {
            for m in &self.groups[g as usize] {
                if m.key != key
                    && !out.iter().any(|o| o.key == m.key)
                    && out.len() < MAX_ALTERNATIVES
                {
                    out.push(m);
                }
            }
        }
        out
    }

    /// Variants of a CJK term with one member replaced by its alternatives, longest member
    /// first: `(variant key, replaced member key, replacement member)`.
    pub fn substitutions(&self, key: &str) -> Vec<(String, &str, &Member)> {
        let mut out = Vec::new();
        for (m, _) in &self.cjk_keys {
            if m.len() >= key.len() {
                continue;
            }
            let Some(at) = find_whole(key, m) else { continue };
            for alt in self.alternatives(m) {
                let mut v = String::with_capacity(key.len() + alt.key.len());
                v.push_str(&key[..at]);
                let (before, after) =
                    (key[..at].chars().next_back(), key[at + m.len()..].chars().next());
                // Latin replacements are words: keep them apart from neighbouring letters.
                if before.is_some_and(is_word_char) && alt.key.starts_with(is_word_char) {
                    v.push(' ');
                }
                v.push_str(&alt.key);
                if after.is_some_and(is_word_char) && alt.key.ends_with(is_word_char) {
                    v.push(' ');
                }
                v.push_str(&key[at + m.len()..]);
                out.push((v, m.as_str(), alt));
                if out.len() >= MAX_ALTERNATIVES {
                    return out;
                }
            }
            if !out.is_empty() {
                break; // one member per term: the longest that occurs
            }
        }
        out
    }

    /// Occurrences of any member inside `key`, for needs statements: `(start, end, member key)`
    /// with byte offsets into `key`, longest members first, not overlapping.
    pub fn occurrences<'a>(&'a self, key: &str) -> Vec<(usize, usize, &'a str)> {
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut out = Vec::new();
        let mut members: Vec<&str> = self.by_key.keys().map(String::as_str).collect();
        sort::sort_by(&mut members, |a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        for m in members {
            let mut from = 0;
            while let Some(at) = find_whole(&key[from..], m).map(|a| a + from) {
                let end = at + m.len();
                if !taken.iter().any(|&(s, e)| at < e && s < end) {
                    taken.push((at, end));
                    out.push((at, end, m));
                }
                from = end;
            }
        }
        sort::sort_by_key(&mut out, |&(at, end, _)| (at, end));
        out
    }
}

/// The words of `words` within `budget` of `word` (other than `word`), with their edits.
fn near<'a>(
    words: impl IntoIterator<Item = &'a String>,
    word: &str,
    budget: Budget,
) -> Vec<(&'a str, usize)> {
    let k = budget.edits;
    let mut out = Vec::new();
    if k == 0 {
        return out;
    }
    let mut near = Near::new(word, budget);
    for w in words {
        if w.len().abs_diff(word.len()) > k
            || w == word
            || !near.may_reach(typo::letter_signature(w))
        {
            continue;
        }
        if let Some(d) = near.whole(w) {
            out.push((w.as_str(), d));
        }
    }
    out
}

/// The first occurrence of `needle` in `hay` that does not split a katakana or Latin word.
/// (`hay` is a query word, `needle` each of thousands of synonym keys: comparing at each
/// character of the short `hay` is cheaper than setting up a substring search per key.)
pub fn find_whole(hay: &str, needle: &str) -> Option<usize> {
    let first = needle.chars().next()?;
    let last = needle.chars().next_back()?;
    let joins = |a: Option<char>, b: char| {
        a.is_some_and(|a| {
            (is_katakana(a) && is_katakana(b) && a != 'ー' && b != 'ー')
                || (is_word_char(a) && is_word_char(b))
        })
    };
    hay.char_indices().map(|(i, _)| i).find(|&i| {
        hay[i..].starts_with(needle)
            && !joins(hay[..i].chars().next_back(), first)
            && !joins(hay[i + needle.len()..].chars().next(), last)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syn() -> Synonyms {
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Synonyms::new(&[
            g(&["癌", "がん", "ガン", "cancer"]),
            g(&["DDS", "ドラッグデリバリー", "薬物送達", "drug delivery"]),
            g(&["サーバ", "サーバー", "server"]),
            g(&["人工知能", "AI"]),
            g(&["single"]),
        ])
    }

    #[test]
    fn a_misspelt_word_is_corrected_to_a_synonym_word_or_a_word_of_a_phrase() {
        let s = syn();
        assert_eq!(s.corrected("canc"), None, "four letters tolerate no edit");
        assert_eq!(s.corrected("cancr"), Some("cancer"));
        assert_eq!(s.corrected("canccer"), Some("cancer"));
        assert_eq!(s.corrected("delivry"), Some("delivery"));
        assert_eq!(s.corrected("delivery"), None, "a known word stays");
        assert_eq!(s.corrected("qwertyuiop"), None);
    }

    #[test]
    fn a_word_of_a_phrase_names_its_group_unless_many_phrases_share_it() {
        let g = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let syn = Synonyms::new(&[
            g(&["アルツハイマー病", "Alzheimer disease", "Alzheimer's disease"]),
            g(&["幹細胞", "stem cell"]),
            g(&["細胞培養", "cell culture"]),
            g(&["細胞治療", "cell therapy"]),
        ]);
        let keys = |w: &str, most: usize| -> Vec<String> {
            syn.phrase_alternatives(w, most).iter().map(|m| m.key.clone()).collect()
        };
        assert!(keys("alzheimer", 2).contains(&run_form("アルツハイマー病")));
        assert!(keys("disease", 2).contains(&run_form("アルツハイマー病")));
        assert!(keys("stem", 2).contains(&run_form("幹細胞")));
        assert!(keys("cell", 2).is_empty(), "three groups share cell: {:?}", keys("cell", 2));
        assert_eq!(keys("cell", 3).len(), 6);
        assert!(keys("heart", 2).is_empty());
    }

    #[test]
    fn every_member_finds_the_others_in_normalized_form() {
        let s = syn();
        let keys = |k: &str| s.alternatives(k).iter().map(|m| m.key.clone()).collect::<Vec<_>>();
        let cases: &[(&str, &[&str])] = &[
            ("癌", &["ガン", "cancer"]),
            ("ガン", &["癌", "cancer"]),
            ("cancer", &["癌", "ガン"]),
            ("drug delivery", &["dds", "ドラッグデリバリ", "薬物送達"]),
            ("サーバ", &["server"]),
            ("ai", &["人工知能"]),
            ("腫瘍", &[]),
            ("single", &[]),
        ];
        for (k, want) in cases {
            assert_eq!(keys(k), *want, "alternatives({k:?})");
        }
        assert_eq!(s.len(), 4);
    }

    #[test]
    fn members_inside_cjk_terms_are_substituted_without_splitting_words() {
        let s = syn();
        let subs = |k: &str| s.substitutions(k).into_iter().map(|(v, _, _)| v).collect::<Vec<_>>();
        let cases: &[(&str, &[&str])] = &[
            ("ガン治療", &["癌治療", "cancer治療"]),
            ("膵癌", &["膵ガン", "膵cancer"]),
            ("オルガン", &[]),
            ("ガンバル", &[]),
            (
                "薬物送達システム",
                &["ddsシステム", "ドラッグデリバリシステム", "drug deliveryシステム"],
            ),
            ("ガン", &[]),
        ];
        for (k, want) in cases {
            assert_eq!(subs(k), *want, "substitutions({k:?})");
        }
    }

    #[test]
    fn whole_word_search_respects_katakana_and_latin_word_edges() {
        let cases: &[(&str, &str, Option<usize>)] = &[
            ("ガン治療", "ガン", Some(0)),
            ("オルガン", "ガン", None),
            ("ai research", "ai", Some(0)),
            ("said", "ai", None),
            ("x ai", "ai", Some(2)),
            ("サーバ管理", "サーバ", Some(0)),
        ];
        for (hay, needle, want) in cases {
            assert_eq!(find_whole(hay, needle), *want, "find_whole({hay:?}, {needle:?})");
        }
    }
}
