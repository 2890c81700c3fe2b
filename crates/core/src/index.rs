//! The inverted index, built once while the engine loads (`Engine::new`).
//!
//! Postings: for every term, the seeds that contain it and its impact in each — the
//! field-weighted BM25 term-frequency part for that seed,
//! `Σ_f w_f · tf·(k1+1) / (tf + k1·(1 − b_f + b_f·len/avglen))` — stored in 3 bytes each
//! (`postings.rs`). The IDF is applied at query time from the posting count, so synonym, prefix
//! and typo expansions can share it.
//!
//! Build is one pass over the seeds (normalize → tokenize → per-seed term frequencies in a
//! stamped scratch table) and a counting-sort scatter into the flat arrays: no sorting, no
//! per-term allocation.

use crate::model::{Institution, Seed};
use crate::postings::{PostingLists, Postings};
use crate::tokenize::{bigram_range, tokenize, unigram_key, Kind, Mode, Token, Tokenizer};
use crate::typo::{self, Budget};
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

/// The inverted index.
#[derive(Debug, Default, PartialEq)]
pub struct Index {
    n_docs: u32,
    grams: FxHashMap<u64, TermId>,
    words: FxHashMap<Box<str>, TermId>,
    /// Words sorted, for prefix ranges.
    vocab: Vec<(Box<str>, TermId)>,
    /// Indices into `vocab` grouped by character count (typo candidates).
    by_len: Vec<Vec<u32>>,
    /// The [`typo::letter_signature`] of each word of `by_len`, in the same places.
    signatures: Vec<Vec<u64>>,
    /// Bigram keys sorted, for one-character queries.
    bigrams: Vec<(u64, TermId)>,
    /// Bigram keys with their characters swapped, sorted: bigrams by second character.
    bigrams_by_last: Vec<(u64, TermId)>,
    lists: PostingLists,
    /// Euclidean norm of each seed's TF-IDF vector over non-common terms.
    norms: Vec<f32>,
    /// Average token count per field group.
    avg: [f32; NF],
}

/// Per-seed term frequencies collected while tokenizing one seed.
struct Scratch {
    /// Per term: (seed stamp + 1 when last seen, its position in `local`).
    seen: Vec<(u32, u32)>,
    local: Vec<(TermId, [u8; NF])>,
    tok: Tokenizer,
}

/// Bytes per chunk of an [`IndexBuilder`]'s log: the log grows a chunk at a time (no doubling
/// of one large buffer), and chunks are freed as soon as their seeds are laid out.
const LOG_CHUNK: usize = 1 << 20;

/// An index under construction. Seeds are added one at a time ([`IndexBuilder::add`]), each
/// written to a compact log — its terms by id as gaps, each with its per-field frequencies in
/// one byte — and [`IndexBuilder::finish_step`] then lays the log out as postings, computes the
/// seeds' norms and builds the expansion dictionaries, a bounded amount of work per call, so a
/// host can spread the whole build over many short tasks.
pub struct IndexBuilder {
    ix: Index,
    df: Vec<u32>,
    log: Vec<Vec<u8>>,
    /// Where each seed's record starts: (chunk, offset).
    seed_at: Vec<(u32, u32)>,
    lens: Vec<[u32; NF]>,
    scratch: Scratch,
    phase: Phase,
}

/// How far [`IndexBuilder::finish_step`] has come.
enum Phase {
    /// Seeds are being added.
    Adding,
    /// The postings of the seeds from `next` on are not laid out yet; `cursor` is each term's
    /// next free slot.
    LayingOut { next: u32, cursor: Vec<u32> },
    /// The norms of the terms from this one on are not added yet.
    Norms(TermId),
    /// The sorted word list is next.
    Vocabulary,
    /// The words by length (typo candidates) are next.
    WordLengths,
    /// The sorted bigram lists are next (the last step).
    Bigrams,
}

/// The log's code for a term's per-field frequencies: one field with a frequency of 1–63 is
/// `field << 6 | tf` (never 0); anything else is 0 followed by the four frequencies.
fn tf_code(tfs: &[u8; NF]) -> u8 {
    let mut fields = tfs.iter().enumerate().filter(|(_, &t)| t > 0);
    match (fields.next(), fields.next()) {
        (Some((f, &t)), None) if t <= 63 => (f as u8) << 6 | t,
        _ => 0,
    }
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        v |= u32::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            return v;
        }
        shift += 7;
    }
}

impl IndexBuilder {
    /// A builder expecting about `capacity` seeds.
    pub fn new(capacity: usize) -> Self {
        let mut ix = Index::default();
        ix.grams.reserve(4096 + capacity * 4);
        IndexBuilder {
            ix,
            df: Vec::new(),
            log: Vec::new(),
            seed_at: Vec::with_capacity(capacity),
            lens: Vec::with_capacity(capacity),
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
        let IndexBuilder { ix, df, log, seed_at, lens, scratch: s, .. } = self;
        let stamp = seed_at.len() as u32 + 1;
        s.local.clear();
        let mut len = [0u32; NF];
        for (f, flen) in len.iter_mut().enumerate() {
            field_texts(seed, inst, f, |text| {
                let Scratch { seen, local, tok } = &mut *s;
                let mut on_token = |t: &Token<'_>| {
                    let Some(id) = ix.term_id(&t.kind, df.len() as TermId) else { return };
                    if id as usize == df.len() {
                        df.push(0);
                        seen.push((0, 0));
                    }
                    *flen += 1;
                    let i = id as usize;
                    let (last, at) = &mut seen[i];
                    if *last != stamp {
                        *last = stamp;
                        *at = local.len() as u32;
                        local.push((id, [0; NF]));
                        df[i] += 1;
                    }
                    if let Some((_, tfs)) = local.get_mut(*at as usize) {
                        tfs[f] = tfs[f].saturating_add(1);
                    }
                };
                tok.feed(text, &mut on_token);
            });
        }
        s.local.sort_unstable_by_key(|&(t, _)| t);
        // At most 5 bytes of term gap, 5 of frequencies and 5 of count per term.
        let most = 5 + s.local.len() * 10;
        if log.last().is_none_or(|c| c.capacity() - c.len() < most) {
            log.push(Vec::with_capacity(LOG_CHUNK.max(most)));
        }
        let last = log.len() - 1;
        let chunk = &mut log[last];
        seed_at.push((last as u32, chunk.len() as u32));
        push_varint(chunk, s.local.len() as u32);
        let mut prev = 0;
        for &(t, tfs) in &s.local {
            push_varint(chunk, t - prev);
            prev = t;
            let code = tf_code(&tfs);
            chunk.push(code);
            if code == 0 {
                chunk.extend_from_slice(&tfs);
            }
        }
        lens.push(len);
    }

    /// Seeds added so far.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    /// True before the first seed is added.
    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// Does about `seeds` seeds' worth of the work after adding them: laying out the postings,
    /// the norms, and (in one last step) the expansion dictionaries. The index once complete.
    pub fn finish_step(&mut self, seeds: usize) -> Option<Index> {
        let seeds = seeds.max(1);
        self.phase = match std::mem::replace(&mut self.phase, Phase::Bigrams) {
            Phase::Adding => self.start_layout(),
            Phase::LayingOut { next, mut cursor } => {
                let to = (next as usize).saturating_add(seeds).min(self.lens.len());
                self.lay_out(next as usize..to, &mut cursor);
                if to < self.lens.len() {
                    Phase::LayingOut { next: to as u32, cursor }
                } else {
                    self.ix.lists.finish();
                    self.log = Vec::new();
                    self.seed_at = Vec::new();
                    self.lens = Vec::new();
                    Phase::Norms(0)
                }
            }
            Phase::Norms(from) => {
                let per_seed = self.ix.lists.len() / self.ix.n_docs.max(1) as usize;
                let to = self.ix.terms_within(from, seeds.saturating_mul(per_seed.max(1)));
                self.ix.add_norms(from..to);
                if (to as usize) < self.df.len() {
                    Phase::Norms(to)
                } else {
                    Phase::Vocabulary
                }
            }
            Phase::Vocabulary => {
                self.ix.derive_vocabulary();
                Phase::WordLengths
            }
            Phase::WordLengths => {
                self.ix.derive_word_lengths();
                Phase::Bigrams
            }
            Phase::Bigrams => {
                self.ix.derive_bigrams();
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
            Phase::LayingOut { next, .. } => 0.7 * share(*next as usize, self.lens.len()),
            Phase::Norms(t) => 0.7 + 0.25 * share(*t as usize, self.df.len()),
            Phase::Vocabulary => 0.95,
            Phase::WordLengths => 0.97,
            Phase::Bigrams => 0.98,
        }
    }

    /// Average field lengths, the offsets of every term's postings and room for them.
    fn start_layout(&mut self) -> Phase {
        let ix = &mut self.ix;
        ix.n_docs = self.lens.len() as u32;
        let n = self.lens.len().max(1) as f32;
        let mut avg = [0f32; NF];
        for l in &self.lens {
            for f in 0..NF {
                avg[f] += l[f] as f32;
            }
        }
        avg.iter_mut().for_each(|a| *a = (*a / n).max(1.0));
        ix.avg = avg;
        // Room first, then the postings: this is the load's high-water mark (the log and the
        // postings side by side), and wasm memory never shrinks.
        self.scratch.seen = Vec::new();
        self.scratch.local = Vec::new();
        if let Some(last) = self.log.last_mut() {
            last.shrink_to_fit();
        }
        ix.lists = PostingLists::with_counts(&self.df, self.lens.len(), MAX_IMPACT);
        let cursor = (0..self.df.len() as TermId).map(|t| ix.lists.start(t)).collect();
        Phase::LayingOut { next: 0, cursor }
    }

    /// Scatters the postings of `seeds` (seed order, so every term's seeds stay sorted) with
    /// their impacts, and frees the log chunks behind them.
    fn lay_out(&mut self, seeds: std::ops::Range<usize>, cursor: &mut [u32]) {
        let ix = &mut self.ix;
        for d in seeds {
            let norm = ix.norm_factors(&self.lens[d]);
            // Most terms occur once in a field: precompute that case (no division per posting).
            let once: [f32; NF] =
                std::array::from_fn(|f| WEIGHTS[f] * (K1 + 1.0) / (1.0 + norm[f]));
            let (chunk, at) = self.seed_at[d];
            let bytes = &self.log[chunk as usize];
            let mut pos = at as usize;
            let count = read_varint(bytes, &mut pos);
            let mut t = 0;
            for _ in 0..count {
                t += read_varint(bytes, &mut pos);
                let code = bytes[pos];
                pos += 1;
                let tfs: [u8; NF] = if code == 0 {
                    let tfs = [bytes[pos], bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]];
                    pos += NF;
                    tfs
                } else {
                    let mut tfs = [0; NF];
                    tfs[usize::from(code >> 6)] = code & 63;
                    tfs
                };
                let mut x = 0.0;
                for f in 0..NF {
                    x += match tfs[f] {
                        0 => 0.0,
                        1 => once[f],
                        tf => WEIGHTS[f] * f32::from(tf) * (K1 + 1.0) / (f32::from(tf) + norm[f]),
                    };
                }
                let p = &mut cursor[t as usize];
                ix.lists.set(t, *p, d as u32, x);
                *p += 1;
            }
            // The chunk before this seed's is done with.
            if let Some(before) = (chunk as usize).checked_sub(1) {
                self.log[before] = Vec::new();
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
    /// last term: [`Index::derive_vocabulary`] takes the roots).
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

    /// Finishes the norms (square roots) and builds the word list for prefix and typo
    /// expansions.
    fn derive_vocabulary(&mut self) {
        self.norms.iter_mut().for_each(|v| *v = v.sqrt());
        self.vocab = self.words.iter().map(|(w, &id)| (w.clone(), id)).collect();
        self.vocab.extend(
            self.grams
                .iter()
                .filter(|(k, _)| **k >> 62 == 3)
                .map(|(&k, &id)| (unpack_word(k).into_boxed_str(), id)),
        );
        self.vocab.sort_unstable();
    }

    /// The words by character count, with their letter signatures (typo candidates).
    fn derive_word_lengths(&mut self) {
        for (i, (w, _)) in self.vocab.iter().enumerate() {
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

    /// Builds the bigram lists for one-character queries.
    fn derive_bigrams(&mut self) {
        self.bigrams =
            self.grams.iter().filter(|(k, _)| **k >> 62 == 1).map(|(&k, &id)| (k, id)).collect();
        self.bigrams.sort_unstable();
        self.bigrams_by_last = self
            .bigrams
            .iter()
            .map(|&(k, t)| {
                let (a, b) = ((k >> 21) & 0x1F_FFFF, k & 0x1F_FFFF);
                ((k & !((1u64 << 42) - 1)) | (b << 21) | a, t)
            })
            .collect();
        self.bigrams_by_last.sort_unstable();
    }

    /// Indexes `seeds` in one go; `inst(i)` is the institution of seed `i`.
    pub fn build<'a>(
        seeds: &'a [Seed],
        inst: impl Fn(&'a Seed) -> Option<&'a Institution>,
    ) -> Index {
        let mut builder = IndexBuilder::new(seeds.len());
        seeds.iter().for_each(|seed| builder.add(seed, inst(seed)));
        loop {
            if let Some(index) = builder.finish_step(usize::MAX) {
                return index;
            }
        }
    }

    /// The id of a token's term, assigning `next` to a term seen for the first time; `None`
    /// for tokens that are not indexed (single CJK characters).
    fn term_id(&mut self, kind: &Kind<'_>, next: TermId) -> Option<TermId> {
        let key = match *kind {
            Kind::Gram(k) => k,
            Kind::Word(w) => match short_word_key(w) {
                Some(k) => k,
                None => {
                    let id = self.words.get(w).copied().unwrap_or(next);
                    if id == next {
                        self.words.insert(w.into(), next);
                    }
                    return Some(id);
                }
            },
            Kind::Char(_) => return None,
        };
        Some(*self.grams.entry(key).or_insert(next))
    }

    /// Number of seeds.
    pub fn n_docs(&self) -> usize {
        self.n_docs as usize
    }

    /// The term id of a packed CJK gram.
    #[inline]
    pub fn gram(&self, key: u64) -> Option<TermId> {
        self.grams.get(&key).copied()
    }

    /// The term id of a word.
    #[inline]
    pub fn word(&self, w: &str) -> Option<TermId> {
        match short_word_key(w) {
            Some(k) => self.grams.get(&k).copied(),
            None => self.words.get(w).copied(),
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
        let range = |v: &'_ [(u64, TermId)]| {
            let lo = v.partition_point(|(k, _)| *k < r.start);
            let hi = v.partition_point(|(k, _)| *k < r.end);
            (lo, hi)
        };
        let (a, b) = range(&self.bigrams);
        let (x, y) = range(&self.bigrams_by_last);
        self.gram(unigram_key(c))
            .into_iter()
            .chain(self.bigrams[a..b].iter().map(|(_, t)| *t))
            .chain(
                self.bigrams_by_last[x..y]
                    .iter()
                    .filter(move |(k, _)| (k & 0x1F_FFFF) as u32 != c as u32)
                    .map(|(_, t)| *t),
            )
    }

    /// Words starting with `prefix` (the word itself included), sorted.
    pub fn prefix_words(&self, prefix: &str) -> &[(Box<str>, TermId)] {
        let lo = self.vocab.partition_point(|(w, _)| &**w < prefix);
        let hi = lo + self.vocab[lo..].partition_point(|(w, _)| w.starts_with(prefix));
        &self.vocab[lo..hi]
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
        let qc: Vec<char> = q.chars().collect();
        let mut wc: Vec<char> = Vec::with_capacity(64);
        let n = qc.len();
        let signature = typo::letter_signature(q);
        for len in n.saturating_sub(k)..=n + k {
            let (Some(words), Some(signatures)) = (self.by_len.get(len), self.signatures.get(len))
            else {
                continue;
            };
            for (&vi, &sig) in words.iter().zip(signatures) {
                if typo::letters_apart(signature, sig) > 2 * k {
                    continue; // too many letters differ for k edits: no distance to compute
                }
                let (w, t) = &self.vocab[vi as usize];
                if &**w == q {
                    continue;
                }
                wc.clear();
                wc.extend(w.chars());
                if let (Some(d), _) = budget.distances(&qc, &wc) {
                    out.push((*t, d as u8, false));
                }
            }
        }
        if prefix {
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
                if let (_, Some(d)) = typo::distances(&qc, &wc, k.min(1)) {
                    if d > 0 {
                        out.push((*t, d as u8, true));
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
    pub fn seed_terms(
        &self,
        seed: &Seed,
        inst: Option<&Institution>,
    ) -> (Vec<(TermId, [u8; NF])>, [u32; NF]) {
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
        if let Some((w, _)) = self.vocab.iter().find(|(_, id)| *id == t) {
            return w.to_string();
        }
        self.grams
            .iter()
            .find(|(_, id)| **id == t)
            .map(|(k, _)| crate::tokenize::gram_text(*k))
            .unwrap_or_default()
    }

    /// Sizes (approximate heap bytes: postings, dictionaries, norms).
    pub fn stats(&self) -> IndexStats {
        let word_bytes: usize = self.vocab.iter().map(|(w, _)| w.len() + 16 + 4).sum::<usize>()
            + self.words.keys().map(|w| w.len() + 16 + 4).sum::<usize>();
        IndexStats {
            seeds: self.n_docs as usize,
            terms: self.lists.terms(),
            words: self.vocab.len(),
            postings: self.lists.len(),
            bytes: self.lists.bytes()
                + self.grams.len() * 16 * 2
                + self.bigrams.len() * 32
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
