//! English→Japanese glossaries (such as MEDUTX) cut down to the pairs a catalogue needs.
//!
//! A glossary has tens of thousands of pairs; a bundle should carry only those that can help a
//! search over *its* seeds. [`select`] keeps a pair when it is not on the exclusion list, its
//! Japanese term (two characters or more, or one kanji in a hand-checked list) occurs in the
//! seeds' Japanese text as a word of its own (NFKC and lower case; not merely as a piece of a
//! longer glossary or curated term, nor in the middle of a katakana or Latin word) — or, for a
//! term with a head kanji, what the head specifies does (補聴器 by 補聴) — its English
//! term has at least three characters and is not a stop word, and adding it cannot join two
//! curated synonym groups that are not the same concept. Each kept pair becomes a two-term
//! group `[ja, en]`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use unicode_normalization::UnicodeNormalization;

use seed_core::model::Seed;
use seed_core::normalize::{is_cjk, is_kana, is_katakana, is_word_char};
use seed_core::segment::without_head;

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The English term.
    pub en: String,
    /// The Japanese term.
    pub ja: String,
}

/// English words never kept as synonyms: function words and everyday words whose glossary
/// translations (`use` 使用, `low` 低い, `free` 自由) would only add noise to a search.
pub const STOP_WORDS: &[&str] = &[
    "about", "above", "after", "again", "all", "also", "and", "any", "are", "area", "back", "bad",
    "base", "because", "been", "before", "being", "below", "best", "between", "big", "both", "but",
    "can", "case", "cause", "could", "did", "does", "doing", "down", "drop", "dry", "during",
    "each", "easy", "edge", "end", "even", "every", "few", "fine", "firm", "first", "flat", "for",
    "form", "free", "from", "full", "further", "get", "good", "had", "has", "have", "her", "here",
    "high", "him", "his", "how", "into", "its", "just", "kind", "large", "last", "late", "less",
    "like", "line", "long", "low", "made", "main", "make", "many", "may", "more", "most", "much",
    "must", "new", "next", "nor", "not", "now", "off", "old", "once", "one", "only", "other",
    "our", "out", "over", "own", "part", "per", "same", "set", "she", "should", "side", "small",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "three", "through", "too", "two", "under", "until", "upon", "use", "used",
    "using", "very", "via", "was", "way", "well", "were", "what", "when", "where", "which",
    "while", "who", "why", "will", "with", "within", "without", "would", "yes", "yet", "you",
    "your",
];

/// One list of pairs offered to [`select`].
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The pairs, in order of preference.
    pub pairs: &'a [Pair],
    /// Checked by hand (the built-in additions): a Japanese term of one kanji is allowed.
    pub checked: bool,
}

/// What [`select`] chooses from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Offer<'a> {
    /// The glossaries, earlier ones first: of two equal pairs the earlier one is kept.
    pub sources: &'a [Source<'a>],
    /// Pairs never kept, whichever source offers them.
    pub excluded: &'a [Pair],
    /// Curated synonym groups: no pair may join two of them, and their Japanese terms count as
    /// words when the glossary terms are looked up in the seeds (so 糖尿 is not found inside
    /// 糖尿病).
    pub curated: &'a [Vec<String>],
}

/// How the glossaries were cut down.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The kept pairs as `[ja, en]` groups, in the order offered.
    pub groups: Vec<Vec<String>>,
    /// Pairs kept from each source, in the order of [`Offer::sources`].
    pub kept_per_source: Vec<usize>,
    /// Pairs offered.
    pub read: usize,
    /// On the exclusion list.
    pub excluded: usize,
    /// English term shorter than three characters or a stop word, or a Japanese term too
    /// short to match reliably (one character, except one kanji in a checked source, or two
    /// hiragana).
    pub unsuitable: usize,
    /// The same pair (after normalization) seen earlier.
    pub duplicate: usize,
    /// The Japanese term does not occur in the seeds.
    pub not_in_corpus: usize,
    /// Both terms already in one curated group.
    pub already_curated: usize,
    /// Keeping the pair would have joined two different curated groups.
    pub would_merge: usize,
}

impl Selection {
    /// Pairs kept.
    pub fn kept(&self) -> usize {
        self.groups.len()
    }
}

/// NFKC and lower case, trimmed: how terms are compared with each other and with the corpus.
pub fn normalize(s: &str) -> String {
    use unicode_normalization::{is_nfkc_quick, IsNormalized};
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        return s.to_lowercase().trim().to_string();
    }
    s.nfkc().flat_map(char::to_lowercase).collect::<String>().trim().to_string()
}

/// Reads a tab-separated glossary: English, tab, Japanese on each line. Lines starting with
/// `#`, blank lines, the heading line `en<TAB>ja` and lines without both terms are skipped.
pub fn parse(text: &str) -> Vec<Pair> {
    text.lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let mut cells = l.split('\t');
            let (en, ja) = (cells.next()?.trim(), cells.next()?.trim());
            let heading = en.eq_ignore_ascii_case("en") && ja.eq_ignore_ascii_case("ja");
            (!en.is_empty() && !ja.is_empty() && !heading)
                .then(|| Pair { en: en.to_string(), ja: ja.to_string() })
        })
        .collect()
}

/// The Japanese texts of a seed the glossary is matched against: title, summary, advantages,
/// applications, department and keywords.
pub fn japanese_texts(seed: &Seed) -> impl Iterator<Item = &str> {
    [seed.title_ja(), seed.summary_ja()]
        .into_iter()
        .chain(
            [seed.advantages_ja(), seed.applications_ja(), seed.department_ja()]
                .into_iter()
                .flatten(),
        )
        .chain(seed.keywords_ja())
}

/// Keeps the pairs of `offer` that help search over `corpus` (see the module documentation).
pub fn select<'a>(offer: &Offer, corpus: impl IntoIterator<Item = &'a str>) -> Selection {
    let mut sel = Selection {
        read: offer.sources.iter().map(|s| s.pairs.len()).sum(),
        kept_per_source: vec![0; offer.sources.len()],
        ..Selection::default()
    };
    let excluded: HashSet<(String, String)> =
        offer.excluded.iter().map(|p| (normalize(&p.en), normalize(&p.ja))).collect();
    let mut seen = HashSet::new();
    // (source, pair, normalized en, normalized ja)
    let mut candidates = Vec::new();
    for (s, source) in offer.sources.iter().enumerate() {
        for p in source.pairs {
            let key = (normalize(&p.en), normalize(&p.ja));
            if excluded.contains(&key) {
                sel.excluded += 1;
            } else if !suitable(&key.0, &key.1, source.checked) {
                sel.unsuitable += 1;
            } else if !seen.insert(key.clone()) {
                sel.duplicate += 1;
            } else {
                candidates.push((s, p, key.0, key.1));
            }
        }
    }
    let mut text = String::new();
    for t in corpus {
        text.push_str(&normalize(t));
        text.push('\n');
    }
    // Curated Japanese terms take part in the longest match, so that a glossary term inside
    // one of them does not count as found.
    let curated_terms: Vec<String> = offer
        .curated
        .iter()
        .flatten()
        .map(|t| normalize(t))
        .filter(|t| t.chars().any(is_cjk))
        .collect();
    let terms = candidates.iter().map(|(_, _, _, ja)| ja.as_str());
    let mut found = occurring(&text, terms.chain(curated_terms.iter().map(String::as_str)));
    // A term the seeds lack is kept when what its head kanji specifies occurs (補聴器 by 補聴),
    // as the engine then looks for that.
    let heads: Vec<(usize, &str)> = (candidates.iter().enumerate())
        .filter(|&(i, _)| !found[i])
        .filter_map(|(i, (_, _, _, ja))| without_head(ja).map(|rest| (i, rest)))
        .collect();
    let rests = heads.iter().map(|&(_, rest)| rest);
    let by_rest = occurring(&text, rests.chain(curated_terms.iter().map(String::as_str)));
    for (&(i, _), hit) in heads.iter().zip(by_rest) {
        found[i] = hit;
    }
    let mut groups = Groups::new(offer.curated);
    for ((s, p, en, ja), found) in candidates.into_iter().zip(found) {
        if !found {
            sel.not_in_corpus += 1;
            continue;
        }
        match groups.join(&en, &ja) {
            Join::Joined => {
                sel.groups.push(vec![p.ja.trim().to_string(), p.en.trim().to_string()]);
                sel.kept_per_source[s] += 1;
            }
            Join::Same => sel.already_curated += 1,
            Join::WouldMerge => sel.would_merge += 1,
        }
    }
    sel
}

fn suitable(en: &str, ja: &str, checked: bool) -> bool {
    let ja_chars = ja.chars().count();
    let short_kana = ja_chars <= 2 && ja.chars().all(|c| ('\u{3041}'..='\u{309f}').contains(&c));
    let one_kanji = checked && ja_chars == 1 && ja.chars().all(|c| is_cjk(c) && !is_kana(c));
    en.chars().count() >= 3
        && !STOP_WORDS.contains(&en)
        && (ja_chars >= 2 || one_kanji)
        && !short_kana
}

/// True when `a` and `b` side by side are one katakana or Latin word: a term that starts or
/// ends there would split it (リン in モニタリング). The long-vowel mark ends a katakana word
/// as often as it continues one, so it never joins.
fn joins(a: Option<char>, b: char) -> bool {
    a.is_some_and(|a| {
        (is_katakana(a) && is_katakana(b) && a != 'ー' && b != 'ー')
            || (is_word_char(a) && is_word_char(b))
    })
}

/// For each term, whether it occurs in `text` as a word of its own: the text is read left
/// to right taking the longest term that matches at each position (as a dictionary-based
/// segmenter does), so 整脈 inside 不整脈 or 心房 inside 心房細動 do not count when the longer
/// term is a term too; and a match may not split a katakana or Latin word ([`joins`]), so
/// リーシス does not count inside デリバリーシステム. Terms are indexed by their first two
/// characters (one-character terms by their character), and bit sets of those keys skip most
/// positions at once.
fn occurring<'t>(text: &str, terms: impl Iterator<Item = &'t str>) -> Vec<bool> {
    let terms: Vec<&str> = terms.collect();
    let mut found = vec![false; terms.len()];
    let mut by_key: HashMap<u64, Vec<usize>, BuildHasherDefault<PairHasher>> = HashMap::default();
    for (i, t) in terms.iter().enumerate() {
        let mut chars = t.chars();
        match (chars.next(), chars.next()) {
            (Some(a), Some(b)) => by_key.entry(pair_key(a, b)).or_default().push(i),
            (Some(a), None) => by_key.entry(single_key(a)).or_default().push(i),
            _ => {}
        }
    }
    let mut filter = KeyFilter::new();
    let mut singles = KeyFilter::new();
    for &k in by_key.keys() {
        if k & SINGLE == 0 {
            filter.insert(k);
        } else {
            singles.insert(k);
        }
    }
    let mut chars = text.char_indices().peekable();
    // Byte offset before which positions are inside the last term matched.
    let mut covered = 0;
    let mut before = None;
    while let Some((i, a)) = chars.next() {
        let prev = before.replace(a);
        if i < covered {
            continue;
        }
        let pairs = chars
            .peek()
            .map(|&(_, b)| pair_key(a, b))
            .filter(|&k| filter.contains(k))
            .and_then(|k| by_key.get(&k));
        let single =
            Some(single_key(a)).filter(|&k| singles.contains(k)).and_then(|k| by_key.get(&k));
        if pairs.is_none() && single.is_none() {
            continue;
        }
        let rest = &text[i..];
        let whole = |t: usize| {
            let term = terms[t];
            rest.starts_with(term)
                && !joins(prev, a)
                && term
                    .chars()
                    .next_back()
                    .is_some_and(|last| !joins(rest[term.len()..].chars().next(), last))
        };
        let matching = || pairs.into_iter().chain(single).flatten().copied().filter(|&t| whole(t));
        if let Some(longest) = matching().map(|t| terms[t].len()).max() {
            // Several pairs may share the Japanese term: all of them occur here.
            for t in matching().filter(|&t| terms[t].len() == longest) {
                found[t] = true;
            }
            covered = i + longest;
        }
    }
    found
}

/// Marks single-character keys, which cannot collide with pair keys (a `char` needs 21 bits).
const SINGLE: u64 = 1 << 63;

fn single_key(a: char) -> u64 {
    SINGLE | u64::from(a)
}

/// A bit set over hashed keys: a clear bit means no term has that key.
struct KeyFilter(Vec<u64>);

impl KeyFilter {
    const BITS: usize = 1 << 20;

    fn new() -> Self {
        KeyFilter(vec![0; Self::BITS / 64])
    }

    fn slot(k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 44) as usize
    }

    fn insert(&mut self, k: u64) {
        let s = Self::slot(k);
        self.0[s / 64] |= 1 << (s % 64);
    }

    fn contains(&self, k: u64) -> bool {
        let s = Self::slot(k);
        self.0[s / 64] & (1 << (s % 64)) != 0
    }
}

fn pair_key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// A multiplicative hash for the pair keys: the default SipHash is the slowest part of the
/// scan otherwise.
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
        }
    }

    fn write_u64(&mut self, k: u64) {
        self.0 = (self.0.rotate_left(5) ^ k).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
    }
}

enum Join {
    Joined,
    Same,
    WouldMerge,
}

/// Union–find over normalized terms, each curated group starting as one labelled set.
struct Groups {
    index: HashMap<String, usize>,
    parent: Vec<usize>,
    curated: Vec<Option<usize>>,
}

impl Groups {
    fn new(curated: &[Vec<String>]) -> Self {
        let mut g = Groups { index: HashMap::new(), parent: Vec::new(), curated: Vec::new() };
        for (label, group) in curated.iter().enumerate().filter(|(_, g)| !g.is_empty()) {
            let first = g.node(&normalize(&group[0]));
            for term in group {
                let n = g.node(&normalize(term));
                let (a, b) = (g.find(first), g.find(n));
                g.parent[b] = a;
                g.curated[a] = g.curated[a].or(g.curated[b]).or(Some(label));
            }
        }
        g
    }

    fn node(&mut self, term: &str) -> usize {
        if let Some(&n) = self.index.get(term) {
            return n;
        }
        let n = self.parent.len();
        self.index.insert(term.to_string(), n);
        self.parent.push(n);
        self.curated.push(None);
        n
    }

    fn find(&mut self, mut n: usize) -> usize {
        while self.parent[n] != n {
            self.parent[n] = self.parent[self.parent[n]];
            n = self.parent[n];
        }
        n
    }

    fn join(&mut self, en: &str, ja: &str) -> Join {
        let (a, b) = (self.node(en), self.node(ja));
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return if self.curated[a].is_some() { Join::Same } else { Join::Joined };
        }
        if let (Some(x), Some(y)) = (self.curated[a], self.curated[b]) {
            if x != y {
                return Join::WouldMerge;
            }
        }
        self.parent[b] = a;
        self.curated[a] = self.curated[a].or(self.curated[b]);
        Join::Joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<Pair> {
        list.iter().map(|(en, ja)| Pair { en: (*en).into(), ja: (*ja).into() }).collect()
    }

    /// One unchecked glossary, no exclusions.
    fn select_from(glossary: &[Pair], corpus: &[&str], curated: &[Vec<String>]) -> Selection {
        let sources = [Source { pairs: glossary, checked: false }];
        select(&Offer { sources: &sources, curated, ..Offer::default() }, corpus.iter().copied())
    }

    #[test]
    fn parse_skips_comments_the_heading_and_incomplete_lines() {
        let text = "\u{feff}# MEDUTX\nen\tja\nheart failure\t心不全\n\nlonely\n atrial fibrillation \t 心房細動 \n";
        assert_eq!(
            parse(text),
            pairs(&[("heart failure", "心不全"), ("atrial fibrillation", "心房細動")])
        );
    }

    #[test]
    fn only_pairs_whose_japanese_occurs_in_the_corpus_are_kept() {
        let glossary = pairs(&[
            ("heart failure", "心不全"),
            ("glaucoma", "緑内障"),
            ("catheter", "カテーテル"),
        ]);
        let corpus = ["慢性心不全の遠隔モニタリング", "細径ｶﾃｰﾃﾙによる治療"];
        let sel = select_from(&glossary, &corpus, &[]);
        assert_eq!(sel.groups, [vec!["心不全", "heart failure"], vec!["カテーテル", "catheter"]]);
        assert_eq!((sel.read, sel.kept(), sel.not_in_corpus), (3, 2, 1));
    }

    #[test]
    fn a_term_the_corpus_lacks_is_kept_when_what_its_head_specifies_occurs() {
        let glossary = pairs(&[("hearing aid", "補聴器"), ("blood pressure monitor", "血圧計")]);
        let corpus = ["次世代補聴システムの構築"];
        let sel = select_from(&glossary, &corpus, &[]);
        assert_eq!(sel.groups, [vec!["補聴器", "hearing aid"]]);
        assert_eq!((sel.kept(), sel.not_in_corpus), (1, 1));
    }

    #[test]
    fn matching_ignores_width_and_case() {
        let glossary =
            pairs(&[("DNA chip", "DNAチップ"), ("pH", "ph"), ("MRI scan", "ＭＲＩ検査")]);
        let sel = select_from(&glossary, &["ｄｎａチップとMRI検査"], &[]);
        assert_eq!(sel.groups, [vec!["DNAチップ", "DNA chip"], vec!["ＭＲＩ検査", "MRI scan"]]);
        assert_eq!(sel.unsuitable, 1, "pH is shorter than three characters");
    }

    #[test]
    fn stop_words_short_terms_and_short_hiragana_are_dropped() {
        let glossary = pairs(&[
            ("use", "使用"),
            ("ca", "癌腫"),
            ("The", "その"),
            ("boil", "せつ"),
            ("tube", "管"),
            ("cell", "細胞"),
        ]);
        let sel = select_from(&glossary, &["細胞を使用する。せつめい。その癌腫の管"], &[]);
        assert_eq!(sel.groups, [vec!["細胞", "cell"]]);
        assert_eq!(sel.unsuitable, 5);
    }

    #[test]
    fn duplicates_are_kept_once() {
        let glossary = pairs(&[("cell", "細胞"), ("Cell", "細胞"), ("cell", "細胞 ")]);
        let sel = select_from(&glossary, &["細胞"], &[]);
        assert_eq!(sel.kept(), 1);
        assert_eq!(sel.duplicate, 2);
    }

    #[test]
    fn a_pair_never_joins_two_curated_groups() {
        let curated = vec![
            vec!["がん".to_string(), "癌腫".into(), "cancer".into()],
            vec!["腫瘍".to_string(), "tumor".into()],
        ];
        let glossary = pairs(&[
            ("cancer", "癌腫"),         // already one group
            ("tumor", "癌腫"),          // would make 腫瘍 = がん
            ("neoplasm", "腫瘍"),       // extends the tumour group: fine
            ("neoplasm", "癌腫"),       // now neoplasm belongs to the tumour group: refused
            ("malignancy", "悪性腫瘍"), // unrelated to both
        ]);
        let sel = select_from(&glossary, &["癌腫と腫瘍と悪性腫瘍とがん"], &curated);
        assert_eq!(sel.groups, [vec!["腫瘍", "neoplasm"], vec!["悪性腫瘍", "malignancy"]]);
        assert_eq!((sel.already_curated, sel.would_merge), (1, 2));
    }

    #[test]
    fn a_chain_of_glossary_pairs_cannot_join_curated_groups_either() {
        let curated = vec![
            vec!["癌腫".to_string(), "cancer".into()],
            vec!["腫瘍".to_string(), "tumor".into()],
        ];
        // growth–癌腫 joins the cancer group; growth–腫瘍 would then join the tumour group to it.
        let glossary = pairs(&[("growth", "癌腫"), ("growth", "腫瘍")]);
        let sel = select_from(&glossary, &["癌腫 腫瘍"], &curated);
        assert_eq!(sel.groups, [vec!["癌腫", "growth"]]);
        assert_eq!(sel.would_merge, 1);
    }

    #[test]
    fn a_term_inside_a_longer_glossary_term_does_not_count() {
        let glossary = pairs(&[
            ("arrhythmia", "不整脈"),
            ("equal pulse", "整脈"),
            ("atrium", "心房"),
            ("atrial fibrillation", "心房細動"),
        ]);
        let sel = select_from(&glossary, &["不整脈と心房細動"], &[]);
        assert_eq!(
            sel.groups,
            [vec!["不整脈", "arrhythmia"], vec!["心房細動", "atrial fibrillation"]]
        );
        let sel = select_from(&glossary, &["心房細動と右心房"], &[]);
        assert_eq!(sel.kept(), 2, "心房 on its own counts");
    }

    #[test]
    fn terms_at_the_end_of_the_text_and_across_fields() {
        let glossary = pairs(&[("heart", "心臓"), ("cross field", "臓器")]);
        // 心臓 ends the last text; 臓|器 only spans two texts and must not match.
        let sel = select_from(&glossary, &["末梢の臓", "器の心臓"], &[]);
        assert_eq!(sel.groups, [vec!["心臓", "heart"]]);
    }

    #[test]
    fn an_excluded_pair_is_never_kept_but_its_terms_keep_their_other_pairs() {
        let glossary =
            pairs(&[("depression", "低下"), ("decline", "低下"), ("depression", "うつ病")]);
        let excluded = pairs(&[("Depression", "低下")]);
        let sources = [Source { pairs: &glossary, checked: false }];
        let offer = Offer { sources: &sources, excluded: &excluded, ..Offer::default() };
        let sel = select(&offer, ["機能低下とうつ病"]);
        assert_eq!(sel.groups, [vec!["低下", "decline"], vec!["うつ病", "depression"]]);
        assert_eq!(sel.excluded, 1);
    }

    #[test]
    fn one_kanji_is_a_term_only_in_a_checked_source() {
        let checked = pairs(&[("lung", "肺"), ("heart", "心臓")]);
        let glossary = pairs(&[("lung", "肺"), ("heart", "心臓"), ("stomach", "胃")]);
        let sources = [
            Source { pairs: &checked, checked: true },
            Source { pairs: &glossary, checked: false },
        ];
        let sel = select(&Offer { sources: &sources, ..Offer::default() }, ["肺と心臓と胃"]);
        assert_eq!(sel.groups, [vec!["肺", "lung"], vec!["心臓", "heart"]]);
        assert_eq!(sel.kept_per_source, [2, 0], "the earlier source's pairs are the ones kept");
        assert_eq!((sel.duplicate, sel.unsuitable), (1, 2), "胃 alone is too short unchecked");
        let kana = pairs(&[("hiragana", "あ"), ("katakana", "ア")]);
        let sources = [Source { pairs: &kana, checked: true }];
        let sel = select(&Offer { sources: &sources, ..Offer::default() }, ["あ ア"]);
        assert_eq!(sel.unsuitable, 2, "one kana is never a term");
    }

    #[test]
    fn a_term_splitting_a_katakana_or_latin_word_does_not_count() {
        let glossary = pairs(&[
            ("lysis", "リーシス"),
            ("phosphorus", "リン"),
            ("system", "システム"),
            ("HIV", "hiv"),
        ]);
        let sel =
            select_from(&glossary, &["ドラッグデリバリーシステム、モニタリング、shivering"], &[]);
        assert_eq!(sel.groups, [vec!["システム", "system"]], "after ー a new word may start");
        let sel = select_from(&glossary, &["リンの代謝、HIV感染"], &[]);
        assert_eq!(sel.groups, [vec!["リン", "phosphorus"], vec!["hiv", "HIV"]]);
    }

    #[test]
    fn a_term_inside_a_curated_term_does_not_count() {
        let curated = vec![vec!["糖尿病".to_string(), "diabetes".into()]];
        let glossary = pairs(&[("glucosuria", "糖尿"), ("diabetic nephropathy", "糖尿病性腎症")]);
        let sel = select_from(&glossary, &["糖尿病の患者"], &curated);
        assert_eq!(sel.kept(), 0);
        let sel = select_from(&glossary, &["糖尿病性腎症と尿糖"], &curated);
        assert_eq!(sel.groups, [vec!["糖尿病性腎症", "diabetic nephropathy"]]);
    }
}
