//! The inverted index, built once while the engine loads (`Engine::new`).
//!
//! Postings: for every term, the seeds that contain it and its impact in each — the
//! field-weighted BM25 term-frequency part for that seed,
//! `Σ_f w_f · tf·(k1+1) / (tf + k1·(1 − b_f + b_f·len/avglen))` — stored in 3 bytes each
//! (`postings.rs`). The IDF is applied at query time from the posting count, so synonym, prefix
//! and typo expansions can share it.
//!
//! Build is two passes over the seeds (normalize → tokenize → per-seed term frequencies in a
//! stamped scratch table): the first gives terms their ids and counts each term's seeds, the
//! second scatters every seed's impacts into flat arrays of those sizes. No sorting, no
//! per-term allocation, nothing per posting held beside the postings.

use crate::model::{Institution, Seed};
use crate::postings::{PostingLists, Postings};
use crate::sort::StepSort;
use crate::tokenize::{bigram_range, tokenize, unigram_key, Kind, Mode, Token, Tokenizer};
use crate::typo::{self, Budget};
use crate::vocab::{Packing, Vocab};
use rustc_hash::FxHashMap;

/// Number of indexed field groups.
pub const NF: usize = 4;
/// Field group names, for `--explain`.
pub const FIELD_NAMES: [&str; NF] = ["title", "keywords", "body", "meta"];
/// Field weights: title > keywords > summary/advantages/applications > researchers,
/// department, institution and patent numbers.
pub const WEIGHTS: [f32; NF] = [5.0, 3.0, 1.5, 0.8];
/// BM25 length normalization per field group.
const B: [f32; NF] = [0.3, 0.3, 0.75, 0.5];
/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// The largest impact a posting can have.
pub const MAX_IMPACT: f32 = (WEIGHTS[0] + WEIGHTS[1] + WEIGHTS[2] + WEIGHTS[3]) * (K1 + 1.0);
/// Terms in more than this share of seeds do not count towards content similarity.
pub const COMMON_SHARE: f32 = 0.1;
/// Words merged per seed's worth of a finishing step while the vocabulary is sorted: a step
/// of 16 seeds (the app's) merges 16,384 words, well under a millisecond natively. Sorted in
/// one go, the 100,000-seed synth's vocabulary was a step of 30 ms natively.
const WORD_MERGES_PER_SEED: usize = 1024;
/// Words packed into the vocabulary per seed's worth of a finishing step (in one go, 15–19 ms
/// natively at 100,000 seeds).
const WORDS_PACKED_PER_SEED: usize = 1024;
/// Words measured for the typo candidates (length, letter signature) per seed's worth of a
/// finishing step (in one go, a step measured all 172,000 words of the 100,000-seed synth).
const WORDS_MEASURED_PER_SEED: usize = 1024;
/// Postings whose room is made (zeroed) per seed's worth of a finishing step: a step of 16
/// seeds zeroes 3 MB.
const ROOM_PER_SEED: usize = 65_536;

/// Field group of a seed's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `title_ja`, `title_en`.
    Title = 0,
    /// `keywords_ja`, `keywords_en`.
    Keywords = 1,
    /// Summaries, advantages, applications.
    Body = 2,
    /// Researchers, department, institution name, patents.
    Meta = 3,
}

/// Calls `f` with every text of field group `field` of `seed`.
pub fn field_texts<'a>(
    seed: &'a Seed,
    inst: Option<&'a Institution>,
    field: usize,
    mut f: impl FnMut(&'a str),
) {
    match field {
        0 => {
            f(seed.title_ja());
            seed.title_en().into_iter().for_each(f);
        }
        1 => seed.keywords_ja().chain(seed.keywords_en()).for_each(f),
        2 => {
            f(seed.summary_ja());
            [
                seed.summary_en(),
                seed.advantages_ja(),
                seed.advantages_en(),
                seed.applications_ja(),
                seed.applications_en(),
            ]
            .into_iter()
            .flatten()
            .for_each(f);
        }
        _ => {
            seed.researchers().for_each(&mut f);
            [seed.department_ja(), seed.department_en()].into_iter().flatten().for_each(&mut f);
            if let Some(i) = inst {
                f(&i.name_ja);
                i.name_en.as_deref().into_iter().for_each(&mut f);
            }
            seed.patents().for_each(f);
        }
    }
}

/// Term ids: one id space for CJK grams and words.
pub type TermId = u32;

/// Sizes, for `seeds stats` and the benchmarks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct IndexStats {
    /// Seeds indexed.
    pub seeds: usize,
    /// Distinct terms (grams and words).
    pub terms: usize,
    /// Distinct words.
    pub words: usize,
    /// Postings (term, seed) pairs.
    pub postings: usize,
    /// Approximate heap bytes of the index.
    pub bytes: usize,
}

/// A seed's terms with their counts per field group, and each group's length in tokens
/// ([`Index::seed_terms`]).
pub type SeedTerms = (Vec<(TermId, [u8; NF])>, [u32; NF]);

/// The inverted index.
#[derive(Debug, Default, PartialEq)]
pub struct Index {
    n_docs: u32,
    /// Packed keys of CJK grams and short words ([`short_word_key`]), sorted, and their term
    /// ids in `gram_ids`: half the bytes of a hash table, and the bigrams (tag `0b01`) one
    /// run of it, sorted by first character.
    gram_keys: Vec<u64>,
    gram_ids: Vec<TermId>,
    /// Words sorted: the ids of words too long for `gram_keys`, and prefix ranges.
    vocab: Vocab,
    /// Indices into `vocab` grouped by character count (typo candidates).
    by_len: Vec<Vec<u32>>,
    /// The [`typo::letter_signature`] of each word of `by_len`, in the same places.
    signatures: Vec<Vec<u32>>,
    /// Positions in `gram_keys` of the bigrams, sorted by second character (then first).
    bigrams_by_last: Vec<u32>,
    lists: PostingLists,
    /// Euclidean norm of each seed's TF-IDF vector over non-common terms.
    norms: Vec<f32>,
    /// Average token count per field group.
    avg: [f32; NF],
}

/// Per-seed term frequencies collected while tokenizing one seed.
struct Scratch {
    /// Per term: (seed stamp when last seen, its position in `local`).
    seen: Vec<(u32, u32)>,
    local: Vec<(TermId, [u8; NF])>,
    tok: Tokenizer,
}

impl Scratch {
    /// Tokenizes every field of `seed` into `local` (each term once, with its per-field
    /// frequencies); `id_of` names a token's term. Returns the field lengths in tokens.
    /// (`dyn`: both passes share one copy of the tokenizing loop in the wasm.)
    fn collect(
        &mut self,
        seed: &Seed,
        inst: Option<&Institution>,
        stamp: u32,
        id_of: &mut dyn FnMut(&Kind<'_>) -> Option<TermId>,
    ) -> [u32; NF] {
        self.local.clear();
        let mut len = [0u32; NF];
        for (f, flen) in len.iter_mut().enumerate() {
            field_texts(seed, inst, f, |text| {
                let Scratch { seen, local, tok } = &mut *self;
                tok.feed(text, &mut |t: &Token<'_>| {
                    let Some(id) = id_of(&t.kind) else { return };
                    *flen += 1;
                    let i = id as usize;
                    if i >= seen.len() {
                        seen.resize(i + 1, (0, 0));
                    }
                    let (last, at) = &mut seen[i];
                    if *last != stamp {
                        *last = stamp;
                        *at = local.len() as u32;
                        local.push((id, [0; NF]));
                    }
                    if let Some((_, tfs)) = local.get_mut(*at as usize) {
                        tfs[f] = tfs[f].saturating_add(1);
                    }
                });
            });
        }
        len
    }
}

/// An index under construction, in two passes over the seeds so that nothing per posting is
/// kept beside the postings: [`IndexBuilder::add`] tokenizes each seed to give its terms ids
/// and count how many seeds hold each; [`IndexBuilder::finish_step`] then tokenizes the seeds
/// again, laying their postings straight into arrays of the counted sizes, and computes the
/// seeds' norms and the expansion dictionaries — a bounded amount of work per call, so a host
/// can spread the whole build over many short tasks. (Keeping the first pass's terms in a
/// log instead is faster by the second tokenization but holds the log and the postings side
/// by side: at 10,000 seeds 7.6 MB more at the load's high-water mark, which wasm memory
/// never gives back.)
pub struct IndexBuilder {
    ix: Index,
    /// The ids of packed grams and short words, until they move into the index's sorted
    /// `gram_keys`.
    grams: FxHashMap<u64, TermId>,
    /// The ids of longer words, until they move into the index's sorted word list (one copy
    /// of each word once loaded).
    words: FxHashMap<Box<str>, TermId>,
    /// Seeds per term, until they become the postings' offsets.
    df: Vec<u32>,
    /// Seeds added.
    seeds: u32,
    /// Every seed's field lengths summed, for the averages.
    len_sum: [u64; NF],
    scratch: Scratch,
    phase: Phase,
}

/// How far [`IndexBuilder::finish_step`] has come.
enum Phase {
    /// Seeds are being added.
    Adding,
    /// The postings' room is being made.
    MakingRoom,
    /// The postings of the seeds from `next` on are not laid out yet.
    LayingOut { next: u32 },
    /// The norms of the terms from this one on are not added yet.
    Norms(TermId),
    /// The word list is next.
    Vocabulary,
    /// The words being sorted, a bounded slice of merging per step.
    SortingWords(Vec<(Box<str>, TermId)>, StepSort),
    /// The sorted words being packed into one string.
    Packing(Packing),
    /// The words from this one on (in vocabulary order) are not sorted by length yet (typo
    /// candidates).
    WordLengths(usize),
    /// The grams' sorted table is next.
    Bigrams,
    /// The bigrams by their second character are next (the last step).
    ByLast,
}

/// A bigram key with its two characters swapped: bigrams by their second character.
fn swapped(k: u64) -> u64 {
    let (a, b) = ((k >> 21) & 0x1F_FFFF, k & 0x1F_FFFF);
    (k & !((1u64 << 42) - 1)) | (b << 21) | a
}

/// The id of a token's term, assigning `next` to a term seen for the first time; `None` for
/// tokens that are not indexed (single CJK characters).
fn term_id(
    grams: &mut FxHashMap<u64, TermId>,
    words: &mut FxHashMap<Box<str>, TermId>,
    kind: &Kind<'_>,
    next: TermId,
) -> Option<TermId> {
    let key = match *kind {
        Kind::Gram(k) => k,
        Kind::Word(w) => match short_word_key(w) {
            Some(k) => k,
            None => {
                let id = words.get(w).copied().unwrap_or(next);
                if id == next {
                    words.insert(w.into(), next);
                }
                return Some(id);
            }
        },
        Kind::Char(_) => return None,
    };
    Some(*grams.entry(key).or_insert(next))
}

impl IndexBuilder {
    /// A builder expecting about `capacity` seeds.
    pub fn new(capacity: usize) -> Self {
        let mut grams = FxHashMap::default();
        grams.reserve(4096 + capacity);
        IndexBuilder {
            ix: Index::default(),
            grams,
            words: FxHashMap::default(),
            df: Vec::new(),
            seeds: 0,
            len_sum: [0; NF],
            scratch: Scratch {
                seen: Vec::new(),
                local: Vec::new(),
                tok: Tokenizer::new(Mode::Document),
            },
            phase: Phase::Adding,
        }
    }

    /// Tokenizes the next seed; `inst` is its institution.
    pub fn add(&mut self, seed: &Seed, inst: Option<&Institution>) {
        debug_assert!(matches!(self.phase, Phase::Adding), "seeds are added before finishing");
        let IndexBuilder { grams, words, df, seeds, len_sum, scratch, .. } = self;
        *seeds += 1;
        let len = scratch.collect(seed, inst, *seeds, &mut |kind| {
            let id = term_id(grams, words, kind, df.len() as TermId)?;
            if id as usize == df.len() {
                df.push(0);
            }
            Some(id)
        });
        for &(t, _) in &scratch.local {
            df[t as usize] += 1;
        }
        for (sum, l) in len_sum.iter_mut().zip(len) {
            *sum += u64::from(l);
        }
    }

    /// Seeds added so far.
    pub fn len(&self) -> usize {
        self.seeds as usize
    }

    /// True before the first seed is added.
    pub fn is_empty(&self) -> bool {
        self.seeds == 0
    }

    /// Does about `seeds` seeds' worth of the work after adding them: laying out the postings,
    /// the norms, and (in one last step) the expansion dictionaries. `seed(d)` is the `d`th
    /// seed added and its institution, as they were added. The index once complete.
    pub fn finish_step<'a>(
        &mut self,
        seeds: usize,
        seed: impl Fn(usize) -> (&'a Seed, Option<&'a Institution>),
    ) -> Option<Index> {
        let seeds = seeds.max(1);
        let n = self.seeds as usize;
        self.phase = match std::mem::replace(&mut self.phase, Phase::Bigrams) {
            Phase::Adding => self.start_layout(),
            Phase::MakingRoom => {
                if self.ix.lists.make_room(seeds.saturating_mul(ROOM_PER_SEED)) {
                    Phase::LayingOut { next: 0 }
                } else {
                    Phase::MakingRoom
                }
            }
            Phase::LayingOut { next } => {
                let to = (next as usize).saturating_add(seeds).min(n);
                self.lay_out(next as usize..to, seed);
                if to < n {
                    Phase::LayingOut { next: to as u32 }
                } else {
                    self.ix.lists.finish();
                    self.scratch.seen = Vec::new();
                    self.scratch.local = Vec::new();
                    Phase::Norms(0)
                }
            }
            Phase::Norms(from) => {
                let per_seed = self.ix.lists.len() / self.ix.n_docs.max(1) as usize;
                let to = self.ix.terms_within(from, seeds.saturating_mul(per_seed.max(1)));
                self.ix.add_norms(from..to);
                if (to as usize) < self.ix.lists.terms() {
                    Phase::Norms(to)
                } else {
                    Phase::Vocabulary
                }
            }
            Phase::Vocabulary => {
                let words = self.ix.all_words(std::mem::take(&mut self.words), &self.grams);
                let sort = StepSort::new(words.len());
                Phase::SortingWords(words, sort)
            }
            Phase::SortingWords(words, mut sort) => {
                let work = seeds.saturating_mul(WORD_MERGES_PER_SEED);
                let cmp = |a: u32, b: u32| words[a as usize].0.cmp(&words[b as usize].0);
                if sort.step(work, cmp).0 {
                    Phase::Packing(Packing::new(words, sort.into_order()))
                } else {
                    Phase::SortingWords(words, sort)
                }
            }
            Phase::Packing(mut packing) => {
                if packing.step(seeds.saturating_mul(WORDS_PACKED_PER_SEED)) {
                    self.ix.vocab = packing.finish();
                    Phase::WordLengths(0)
                } else {
                    Phase::Packing(packing)
                }
            }
            Phase::WordLengths(from) => {
                let to = from.saturating_add(seeds.saturating_mul(WORDS_MEASURED_PER_SEED));
                let to = to.min(self.ix.vocab.len());
                self.ix.derive_word_lengths(from..to);
                if to < self.ix.vocab.len() {
                    Phase::WordLengths(to)
                } else {
                    Phase::Bigrams
                }
            }
            Phase::Bigrams => {
                self.ix.derive_grams(std::mem::take(&mut self.grams));
                Phase::ByLast
            }
            Phase::ByLast => {
                self.ix.derive_bigrams_by_last();
                return Some(std::mem::take(&mut self.ix));
            }
        };
        None
    }

    /// The share of the finishing work done, 0.0–1.0.
    pub fn finish_fraction(&self) -> f64 {
        let share = |done: usize, total: usize| done as f64 / total.max(1) as f64;
        match &self.phase {
            Phase::Adding => 0.0,
            Phase::MakingRoom => 0.05 * self.ix.lists.room_fraction(),
            Phase::LayingOut { next } => 0.05 + 0.65 * share(*next as usize, self.seeds as usize),
            Phase::Norms(t) => 0.7 + 0.25 * share(*t as usize, self.ix.lists.terms()),
            Phase::Vocabulary => 0.95,
            Phase::SortingWords(_, sort) => 0.95 + 0.01 * sort.fraction(),
            Phase::Packing(packing) => 0.96 + 0.01 * packing.fraction(),
            Phase::WordLengths(w) => 0.97 + 0.01 * share(*w, self.ix.vocab.len()),
            Phase::Bigrams => 0.98,
            Phase::ByLast => 0.99,
        }
    }

    /// Average field lengths, the offsets of every term's postings and room for them.
    fn start_layout(&mut self) -> Phase {
        let ix = &mut self.ix;
        ix.n_docs = self.seeds;
        let n = self.seeds.max(1) as f64;
        ix.avg = std::array::from_fn(|f| (self.len_sum[f] as f64 / n).max(1.0) as f32);
        // Vectors grown a push at a time hold up to twice their length: trimmed before the
        // postings take their room (the load's high-water mark; wasm memory never shrinks).
        self.df.shrink_to_fit();
        self.scratch.seen.shrink_to_fit();
        ix.lists = PostingLists::with_counts(
            std::mem::take(&mut self.df),
            self.seeds as usize,
            MAX_IMPACT,
        );
        // The second pass stamps seeds afresh.
        self.scratch.seen.iter_mut().for_each(|e| *e = (0, 0));
        Phase::MakingRoom
    }

    /// Tokenizes `seeds` again and scatters their postings (seed order, so every term's seeds
    /// stay sorted) with their impacts.
    fn lay_out<'a>(
        &mut self,
        seeds: std::ops::Range<usize>,
        seed: impl Fn(usize) -> (&'a Seed, Option<&'a Institution>),
    ) {
        let IndexBuilder { ix, grams, words, scratch, .. } = self;
        for d in seeds {
            let (s, inst) = seed(d);
            let lens = scratch.collect(s, inst, d as u32 + 1, &mut |kind| match *kind {
                Kind::Gram(k) => grams.get(&k).copied(),
                Kind::Word(w) => match short_word_key(w) {
                    Some(k) => grams.get(&k).copied(),
                    None => words.get(w).copied(),
                },
                Kind::Char(_) => None,
            });
            let norm = ix.norm_factors(&lens);
            // Most terms occur once in a field: precompute that case (no division per posting).
            let once: [f32; NF] =
                std::array::from_fn(|f| WEIGHTS[f] * (K1 + 1.0) / (1.0 + norm[f]));
            for &(t, tfs) in &scratch.local {
                let mut x = 0.0;
                for f in 0..NF {
                    x += match tfs[f] {
                        0 => 0.0,
                        1 => once[f],
                        tf => WEIGHTS[f] * f32::from(tf) * (K1 + 1.0) / (f32::from(tf) + norm[f]),
                    };
                }
                ix.lists.push(t, d as u32, x);
            }
        }
    }
}

impl Index {
    /// The first term after `from` such that the terms between hold about `work` postings.
    fn terms_within(&self, from: TermId, work: usize) -> TermId {
        let offsets = self.lists.offsets();
        let limit = (offsets[from as usize] as usize).saturating_add(work);
        let to = offsets.partition_point(|&o| (o as usize) <= limit).saturating_sub(1);
        (to as TermId).max(from + 1).min(offsets.len() as TermId - 1)
    }

    /// Adds the squared content weights of `terms` to the seeds' norms (squared until the
    /// last term: [`Index::all_words`] takes the roots).
    fn add_norms(&mut self, terms: std::ops::Range<TermId>) {
        let mut norms = std::mem::take(&mut self.norms);
        norms.resize(self.n_docs as usize, 0.0);
        for t in terms {
            let Some(idf) = self.content_idf(t) else { continue };
            for (d, imp) in self.postings(t).iter() {
                let w = idf * imp;
                norms[d as usize] += w * w;
            }
        }
        self.norms = norms;
    }

    /// Finishes the norms (square roots) and lists the words, unsorted: the long `words` and
    /// the short ones in `grams`.
    fn all_words(
        &mut self,
        words: FxHashMap<Box<str>, TermId>,
        grams: &FxHashMap<u64, TermId>,
    ) -> Vec<(Box<str>, TermId)> {
        self.norms.iter_mut().for_each(|v| *v = v.sqrt());
        let short = grams.keys().filter(|k| **k >> 62 == 3).count();
        let mut all = Vec::with_capacity(words.len() + short);
        all.extend(words);
        all.extend(
            grams
                .iter()
                .filter(|(k, _)| **k >> 62 == 3)
                .map(|(&k, &id)| (unpack_word(k).into_boxed_str(), id)),
        );
        all
    }

    /// Adds `words` (positions in the vocabulary) to the words by character count, with their
    /// letter signatures (typo candidates).
    fn derive_word_lengths(&mut self, words: std::ops::Range<usize>) {
        for i in words {
            let w = self.vocab.word(i);
            let n = w.chars().count();
            if n > typo::MAX_CHARS + 2 {
                continue;
            }
            if self.by_len.len() <= n {
                self.by_len.resize_with(n + 1, Vec::new);
                self.signatures.resize_with(n + 1, Vec::new);
            }
            self.by_len[n].push(i as u32);
            self.signatures[n].push(typo::letter_signature(w));
        }
    }

    /// Sorts the packed grams and short words into `gram_keys`. A step of its own: with the
    /// next it was the loader's longest step at 100,000 seeds (10 ms natively).
    fn derive_grams(&mut self, grams: FxHashMap<u64, TermId>) {
        let mut sorted: Vec<(u64, TermId)> = grams.into_iter().collect();
        sorted.sort_unstable();
        (self.gram_keys, self.gram_ids) = sorted.into_iter().unzip();
    }

    /// Orders the bigrams by their second character (one-character queries).
    fn derive_bigrams_by_last(&mut self) {
        // Sorted as the grams are (one sort in the wasm), then only the positions kept.
        let mut by_last: Vec<(u64, u32)> =
            self.bigram_positions().map(|i| (swapped(self.gram_keys[i as usize]), i)).collect();
        by_last.sort_unstable();
        self.bigrams_by_last = by_last.into_iter().map(|(_, i)| i).collect();
    }

    /// Where the bigrams sit in `gram_keys`.
    fn bigram_positions(&self) -> std::ops::Range<u32> {
        let at = |key: u64| self.gram_keys.partition_point(|&k| k < key) as u32;
        at(1 << 62)..at(2 << 62)
    }

    /// Indexes `seeds` in one go; `inst(i)` is the institution of seed `i`.
    pub fn build<'a>(
        seeds: &'a [Seed],
        inst: impl Fn(&'a Seed) -> Option<&'a Institution>,
    ) -> Index {
        let mut builder = IndexBuilder::new(seeds.len());
        seeds.iter().for_each(|seed| builder.add(seed, inst(seed)));
        loop {
            if let Some(index) = builder.finish_step(usize::MAX, |d| (&seeds[d], inst(&seeds[d]))) {
                return index;
            }
        }
    }

    /// Number of seeds.
    pub fn n_docs(&self) -> usize {
        self.n_docs as usize
    }

    /// The term id of a packed CJK gram.
    #[inline]
    pub fn gram(&self, key: u64) -> Option<TermId> {
        self.gram_keys.binary_search(&key).ok().map(|i| self.gram_ids[i])
    }

    /// The term id of a word.
    #[inline]
    pub fn word(&self, w: &str) -> Option<TermId> {
        match short_word_key(w) {
            Some(k) => self.gram(k),
            None => self.vocab.find(w),
        }
    }

    /// The seeds containing term `t` (ascending) and their impacts.
    #[inline]
    pub fn postings(&self, t: TermId) -> Postings<'_> {
        self.lists.get(t)
    }

    /// Number of seeds containing term `t`.
    #[inline]
    pub fn df(&self, t: TermId) -> usize {
        self.lists.df(t)
    }

    /// BM25 inverse document frequency for a term in `df` seeds.
    #[inline]
    pub fn idf(&self, df: usize) -> f32 {
        let n = self.n_docs as f32;
        let df = df as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// The IDF of `t` when it counts for content similarity (not in more than
    /// [`COMMON_SHARE`] of seeds, nor only one).
    pub fn content_idf(&self, t: TermId) -> Option<f32> {
        let df = self.df(t);
        (df >= 2 && (df as f32) <= COMMON_SHARE * self.n_docs as f32 + 1.0).then(|| self.idf(df))
    }

    /// Impact of term `t` in seed `d` (0 when absent), by binary search.
    pub fn impact_of(&self, t: TermId, d: u32) -> f32 {
        self.postings(t).impact_of(d)
    }

    /// The terms a one-character CJK query matches: its unigram and every bigram starting or
    /// ending with it (between them, every occurrence of the character).
    pub fn char_terms(&self, c: char) -> impl Iterator<Item = TermId> + '_ {
        let r = bigram_range(c);
        let keys = &self.gram_keys;
        // The keys are sorted, so the bigrams starting with `c` are one run of them.
        let (a, b) = (keys.partition_point(|&k| k < r.start), keys.partition_point(|&k| k < r.end));
        let by_last = &self.bigrams_by_last;
        let last_key = |i: &u32| swapped(keys[*i as usize]);
        let (x, y) = (
            by_last.partition_point(|i| last_key(i) < r.start),
            by_last.partition_point(|i| last_key(i) < r.end),
        );
        self.gram(unigram_key(c)).into_iter().chain(self.gram_ids[a..b].iter().copied()).chain(
            by_last[x..y]
                .iter()
                // A doubled character's bigram is among the first already.
                .filter(move |&&i| ((keys[i as usize] >> 21) & 0x1F_FFFF) as u32 != c as u32)
                .map(|&i| self.gram_ids[i as usize]),
        )
    }

    /// Words starting with `prefix` (the word itself included), sorted.
    pub fn prefix_words(&self, prefix: &str) -> impl Iterator<Item = (&str, TermId)> + '_ {
        self.vocab.iter(self.vocab.with_prefix(prefix))
    }

    /// Words within the typo budget of `q` (excluding `q` itself): `(term, edits)`; with
    /// `prefix`, also words whose beginning is within the budget (same first letter).
    pub fn typo_words(&self, q: &str, prefix: bool) -> Vec<(TermId, u8, bool)> {
        let out = self.typo_words_within(q, prefix, Budget::first(q));
        match Budget::second(q) {
            Some(second) if !out.iter().any(|&(_, _, pre)| !pre) => {
                self.typo_words_within(q, prefix, second)
            }
            _ => out,
        }
    }

    fn typo_words_within(&self, q: &str, prefix: bool, budget: Budget) -> Vec<(TermId, u8, bool)> {
        let k = budget.edits;
        let mut out = Vec::new();
        if k == 0 {
            return out;
        }
        let mut near = typo::Near::new(q, budget);
        let n = near.query().0.len();
        for len in n.saturating_sub(k)..=n + k {
            let (Some(words), Some(signatures)) = (self.by_len.get(len), self.signatures.get(len))
            else {
                continue;
            };
            for (&vi, &sig) in words.iter().zip(signatures) {
                if !near.may_reach(sig) {
                    continue; // too many letters differ for k edits: no distance to compute
                }
                let (w, t) = (self.vocab.word(vi as usize), self.vocab.id(vi as usize));
                if w == q {
                    continue;
                }
                if let Some(d) = near.whole(w) {
                    out.push((t, d as u8, false));
                }
            }
        }
        if prefix {
            let (qc, signature) = near.query();
            let mut wc: Vec<char> = Vec::with_capacity(64);
            let first = &q[..qc[0].len_utf8()];
            for (w, t) in self.prefix_words(first) {
                if w.len() <= q.len() + k || w.starts_with(q) {
                    continue; // whole-word candidates were handled above; exact prefixes elsewhere
                }
                wc.clear();
                wc.extend(w.chars().take(n + k));
                let start = wc.iter().fold(0, |sig, &c| sig | typo::letter_bit(c));
                if typo::letters_missing(signature, start) > k.min(1) {
                    continue; // letters of the query the start of the word lacks: too far
                }
                if let (_, Some(d)) = typo::distances(qc, &wc, k.min(1)) {
                    if d > 0 {
                        out.push((t, d as u8, true));
                    }
                }
            }
        }
        out
    }

    /// BM25 length-normalization denominators for a seed with these field lengths.
    pub fn norm_factors(&self, lens: &[u32; NF]) -> [f32; NF] {
        std::array::from_fn(|f| K1 * (1.0 - B[f] + B[f] * lens[f] as f32 / self.avg[f]))
    }

    /// The indexed terms of one seed with per-field frequencies, and its field lengths,
    /// exactly as [`Index::build`] counted them (for explanations and related seeds).
    pub fn seed_terms(&self, seed: &Seed, inst: Option<&Institution>) -> SeedTerms {
        let mut local: Vec<(TermId, [u8; NF])> = Vec::new();
        let mut pos: FxHashMap<TermId, usize> = FxHashMap::default();
        let mut len = [0u32; NF];
        for (f, flen) in len.iter_mut().enumerate() {
            field_texts(seed, inst, f, |text| {
                tokenize(text, Mode::Document, |t| {
                    let id = match t.kind {
                        Kind::Gram(k) => self.gram(k),
                        Kind::Word(w) => self.word(w),
                        Kind::Char(_) => None,
                    };
                    *flen += 1;
                    if let Some(id) = id {
                        let i = *pos.entry(id).or_insert_with(|| {
                            local.push((id, [0; NF]));
                            local.len() - 1
                        });
                        local[i].1[f] = local[i].1[f].saturating_add(1);
                    }
                });
            });
        }
        (local, len)
    }

    /// Euclidean norm of seed `d`'s content vector.
    pub fn norm(&self, d: u32) -> f32 {
        self.norms.get(d as usize).copied().unwrap_or(0.0)
    }

    /// The text of a term (for explanations); a scan, not for hot paths.
    pub fn term_text(&self, t: TermId) -> String {
        if let Some((w, _)) = self.vocab.all().find(|&(_, id)| id == t) {
            return w.to_string();
        }
        (self.gram_ids.iter().position(|&id| id == t))
            .map(|i| crate::tokenize::gram_text(self.gram_keys[i]))
            .unwrap_or_default()
    }

    /// Sizes (approximate heap bytes: postings, dictionaries, norms).
    pub fn stats(&self) -> IndexStats {
        let word_bytes = self.vocab.bytes();
        IndexStats {
            seeds: self.n_docs as usize,
            terms: self.lists.terms(),
            words: self.vocab.len(),
            postings: self.lists.len(),
            bytes: self.lists.bytes()
                + self.gram_keys.len() * 12
                + self.bigrams_by_last.len() * 4
                + word_bytes
                + self.norms.len() * 4,
        }
    }
}

/// Words of up to 7 bytes are keyed by their bytes packed into a `u64` (tag `0b11`, length,
/// bytes), in the same table as CJK grams: no string hashing or comparison for most words.
#[inline]
pub fn short_word_key(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..b.len()].copy_from_slice(b);
    Some(u64::from_le_bytes(buf) | (3u64 << 62) | ((b.len() as u64) << 56))
}

/// The word packed by [`short_word_key`].
pub fn unpack_word(k: u64) -> String {
    let len = ((k >> 56) & 0x3F) as usize;
    let bytes: Vec<u8> = (0..len.min(7)).map(|i| (k >> (8 * i)) as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Field-weighted BM25 term-frequency part for one seed.
#[inline]
pub fn impact(tfs: &[u8; NF], norm: &[f32; NF]) -> f32 {
    let mut s = 0.0;
    for f in 0..NF {
        if tfs[f] > 0 {
            let tf = tfs[f] as f32;
            s += WEIGHTS[f] * tf * (K1 + 1.0) / (tf + norm[f]);
        }
    }
    s
}

/// The per-field parts of [`impact`].
pub fn impact_parts(tfs: &[u8; NF], norm: &[f32; NF]) -> [f32; NF] {
    std::array::from_fn(|f| {
        let tf = tfs[f] as f32;
        if tf > 0.0 {
            WEIGHTS[f] * tf * (K1 + 1.0) / (tf + norm[f])
        } else {
            0.0
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_pack_into_distinct_keys_and_back() {
        let words = ["", "a", "ai", "dds", "covid19", "abcdefg", "é", "ab"];
        let keys: Vec<u64> = words.iter().map(|w| short_word_key(w).unwrap()).collect();
        for (w, k) in words.iter().zip(&keys) {
            assert_eq!(unpack_word(*k), *w);
            assert_eq!(k >> 62, 3, "never a bigram or unigram key");
        }
        let mut uniq = keys.clone();
        uniq.sort_unstable();
        uniq.dedup();
        assert_eq!(uniq.len(), keys.len());
        assert_eq!(short_word_key("abcdefgh"), None);
    }
}
