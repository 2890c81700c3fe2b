//! Loading in steps, as the bytes arrive: bundle bytes → parsed seeds → an [`Engine`], a
//! bounded amount of work per call, so a host (the browser app) can return to its event loop
//! between calls and keep painting a progress bar while 100,000 seeds load.
//!
//! The host feeds the file's bytes as they come ([`Loader::push`], then [`Loader::end`]) and
//! calls [`Loader::step`]; each seed is parsed as soon as its bytes are complete and its bytes
//! are dropped, so the whole file is never held in memory next to the seeds made from it. While
//! the host waits for the next bytes, it has the seeds read so far indexed
//! ([`Loader::index_waiting`]); bytes at hand are read first. After the last byte the facet
//! bitsets and sort orders are built, then the rest of the index, the synonym table and the
//! lexicon, in steps as well — except that a catalogue of up to [`EARLY_START_MAX_SEEDS`] is
//! handed out for browsing before those three ([`Engine::prepare_search`] finishes them). All
//! of this lives in `building.rs` and here; [`Engine::new`] (defined here, as every way of
//! building an engine is) runs the same steps in one go on a parsed bundle.
//!
//! The loader accepts exactly the bundles [`Bundle::from_json`] accepts. A file of another
//! format or major version is refused as such, even when something else in it is damaged.

use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::building::{index_more, SearchBuilder};
use crate::bundle::{Bundle, BundleError};
use crate::engine::Engine;
use crate::facets::{self, FacetBuilder, FacetIndex};
use crate::index::IndexBuilder;
use crate::kept::Kept;
use crate::model::{Institution, Seed};
use crate::taxonomy::Taxonomy;
use crate::types::Facet;

mod orders;
mod scan;
use orders::SortOrders;
use scan::Cursor;

/// What a [`Loader`] is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the bundle (and indexing what was read while the host waits for bytes): `done`
    /// of `total` bytes (`total` is the file's length when the host gave it, else the bytes
    /// received so far).
    Reading,
    /// Finishing the index, the facets and the sort orders: `done` of `total` thousandths.
    Indexing,
}

/// How far a [`Loader`] has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadProgress {
    /// The current stage.
    pub stage: Stage,
    /// Units done in this stage.
    pub done: usize,
    /// Units in this stage.
    pub total: usize,
}

/// The share of the progress bar for reading (and indexing what was read while waiting for
/// bytes) rather than finishing: most of a slow download, half of a fast one's work.
const READING_SHARE: f64 = 0.5;
/// Seed fields whose run forms the run bonus keeps between keystrokes: its best seeds'
/// ([`crate::rank::BONUS_TOP`], three fields each) of a dozen keystrokes; about 1 KB a form,
/// some 2 MB with every slot taken. The cache is direct-mapped, so fewer slots also lose forms
/// of one search to collisions: at 512, rebuilding them was 15 % of a repeated search's time
/// (`がん 免`, 10k, natively).
const KEPT_RUN_FORMS: usize = 2048;
/// Seeds whose terms relevance feedback keeps between keystrokes: its sources of a few.
const KEPT_SEED_TERMS: usize = 32;
/// Query words whose resolutions (a few KB each) are kept between keystrokes: the words of
/// the last few queries.
const KEPT_WORDS: usize = 64;

impl LoadProgress {
    /// The share of the whole load done, 0.0–1.0.
    pub fn fraction(&self) -> f64 {
        let part = (self.done as f64 / self.total.max(1) as f64).min(1.0);
        match self.stage {
            Stage::Reading => READING_SHARE * part,
            Stage::Indexing => READING_SHARE + (1.0 - READING_SHARE) * part,
        }
    }
}

/// The result of one [`Loader::step`].
#[derive(Debug)]
pub enum Step {
    /// More steps can be done now.
    Working(LoadProgress),
    /// Nothing more can be done until more bytes are pushed or the end is signalled.
    NeedInput(LoadProgress),
    /// The engine is ready.
    Ready(Box<Engine>),
}

/// Builds an [`Engine`] from a bundle's bytes, [`Loader::step`] by step, as they arrive.
pub struct Loader {
    input: Input,
    state: State,
}

/// The bytes pushed and not yet read.
#[derive(Default)]
struct Input {
    bytes: Vec<u8>,
    /// Read position in `bytes`.
    at: usize,
    /// Bytes dropped from the front of `bytes` so far.
    dropped: usize,
    /// No more bytes will come.
    ended: bool,
    /// The file's length, when the host knows it.
    expected: Option<usize>,
    /// After a piece was found incomplete: try again once this many unread bytes are there
    /// (twice as many as before), so a large value arriving in many chunks is scanned a few
    /// times, not once per chunk.
    retry_at: usize,
}

impl Input {
    fn unread(&self) -> &[u8] {
        &self.bytes[self.at..]
    }
}

enum State {
    Reading(Box<Reading>),
    Finishing(Box<EngineBuilder>),
    /// A large catalogue's engine, kept until searching is prepared too.
    Completing(Box<Engine>),
    Done,
}

/// Catalogues of up to this many seeds are handed out as soon as they can be browsed (the
/// facets and sort orders built): the start page shows while the search index is finished,
/// in the host's slices ([`Engine::prepare_search`]) or at once by the first search, which
/// then waits a few hundred milliseconds at most. Larger ones are handed out ready to search,
/// so a search never waits seconds with no progress shown.
pub const EARLY_START_MAX_SEEDS: usize = 1_000;

fn completing_progress(engine: &Engine) -> LoadProgress {
    let part = engine.search_prepared_fraction();
    let done = ((BROWSE_SHARE + (1.0 - BROWSE_SHARE) * part) * 1000.0) as usize;
    LoadProgress { stage: Stage::Indexing, done, total: 1000 }
}

/// The share of the finishing work that builds what browsing needs (facets, sort orders).
const BROWSE_SHARE: f64 = 0.1;

/// What the loader expects next in the bundle's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// The `{` opening the bundle.
    Open,
    /// A member's key, or `}` for an empty bundle.
    FirstKey,
    /// A member's key (after a comma).
    Key,
    /// `,` or the `}` closing the bundle.
    CommaOrClose,
    /// The first seed, or `]` for an empty list.
    FirstSeed,
    /// A seed (after a comma).
    Seed,
    /// `,` or the `]` closing the seed list.
    SeedCommaOrClose,
    /// Nothing but whitespace.
    End,
}

/// The bundle's members other than seeds, as they are read.
#[derive(Default)]
struct Head {
    format: Option<Option<String>>,
    version: Option<Option<String>>,
    title: Option<Option<String>>,
    taxonomy: Option<Taxonomy>,
    institutions: Option<Vec<Institution>>,
    synonyms: Option<Vec<Vec<String>>>,
    /// The seed list was opened.
    seeds: bool,
}

/// Where reading is, what was read, and the index being built.
struct Reading {
    expect: Expect,
    head: Head,
    seeds: Vec<Seed>,
    /// Each seed's institution (its position among the institutions), as the seeds are read.
    inst_of: Vec<Option<u32>>,
    /// The institutions' positions by id, once they are read.
    positions: Option<FxHashMap<String, u32>>,
    /// The index, fed the seeds read while more bytes are awaited when the institutions came
    /// first (as `seeds build` writes them); otherwise built after reading.
    index: Option<IndexBuilder>,
    /// True once the format and version were found good, so a damaged part can be reported at
    /// once. Before that the first problem waits: a file of another format or version is
    /// refused as such even if other parts of it cannot be read.
    checked: bool,
    deferred: Option<BundleError>,
}

/// What reading one piece of the text did.
enum Piece {
    /// A piece was read; `seed` when it was a seed.
    Read { seed: bool },
    /// The bundle is complete.
    Complete,
    /// The piece is not complete in the bytes there are.
    Short,
}

impl Default for Loader {
    fn default() -> Self {
        Loader::new()
    }
}

impl Loader {
    /// A loader waiting for the bundle's bytes.
    pub fn new() -> Self {
        let reading = Reading {
            expect: Expect::Open,
            head: Head::default(),
            seeds: Vec::new(),
            inst_of: Vec::new(),
            positions: None,
            index: None,
            checked: false,
            deferred: None,
        };
        Loader { input: Input::default(), state: State::Reading(Box::new(reading)) }
    }

    /// A loader given the whole bundle text at once.
    pub fn from_text(text: &str) -> Self {
        let mut loader = Loader::new();
        loader.expect_len(text.len());
        loader.push(text.as_bytes());
        loader.end();
        loader
    }

    /// Tells the loader the file's length, for progress and to size the index.
    pub fn expect_len(&mut self, len: usize) {
        self.input.expected = Some(len);
    }

    /// Adds the next bytes of the file.
    pub fn push(&mut self, bytes: &[u8]) {
        let input = &mut self.input;
        if input.at > 0 && input.at >= input.bytes.len() / 2 {
            input.bytes.drain(..input.at);
            input.dropped += input.at;
            input.at = 0;
        }
        input.bytes.extend_from_slice(bytes);
    }

    /// Says that no more bytes will come.
    pub fn end(&mut self) {
        self.input.ended = true;
    }

    /// While the host waits for the next bytes (after [`Step::NeedInput`]): indexes up to
    /// `seeds` of the seeds read so far, so that a slow download's pauses are not lost; false
    /// when none was left to index. A host with bytes at hand pushes them instead: a small
    /// catalogue is then shown before its text is indexed (see [`EARLY_START_MAX_SEEDS`]).
    pub fn index_waiting(&mut self, seeds: usize) -> bool {
        match &mut self.state {
            State::Reading(reading) => reading.index_some(seeds.max(1)),
            _ => false,
        }
    }

    /// Bytes pushed and not read yet.
    pub fn buffered(&self) -> usize {
        self.input.bytes.len() - self.input.at
    }

    /// Reads up to `seeds` seeds or one other member, or does about `seeds` seeds' worth of
    /// the finishing work.
    pub fn step(&mut self, seeds: usize) -> Result<Step, BundleError> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Reading(mut reading) => {
                let input = &mut self.input;
                if !input.ended && input.unread().len() < input.retry_at {
                    let progress = reading_progress(input);
                    self.state = State::Reading(reading);
                    return Ok(Step::NeedInput(progress));
                }
                let mut read = 0;
                while read < seeds.max(1) {
                    match reading.piece(input)? {
                        Piece::Read { seed } => read += if seed { 1 } else { seeds.max(1) },
                        Piece::Complete => {
                            let bundle = reading.bundle()?;
                            let index = reading.index.take();
                            let inst_of = std::mem::take(&mut reading.inst_of);
                            self.input = Input::default();
                            let builder = EngineBuilder::new(bundle, inst_of, index);
                            let progress = builder.progress();
                            self.state = State::Finishing(Box::new(builder));
                            return Ok(Step::Working(progress));
                        }
                        Piece::Short if input.ended => {
                            return Err(malformed("the file ends early"))
                        }
                        Piece::Short => {
                            input.retry_at = input.unread().len().saturating_mul(2).max(1);
                            let progress = reading_progress(input);
                            self.state = State::Reading(reading);
                            return Ok(Step::NeedInput(progress));
                        }
                    }
                }
                let progress = reading_progress(input);
                self.state = State::Reading(reading);
                Ok(Step::Working(progress))
            }
            State::Finishing(mut builder) => {
                if !builder.index_next(seeds) {
                    let progress = builder.progress();
                    self.state = State::Finishing(builder);
                    return Ok(Step::Working(progress));
                }
                let engine = Box::new(builder.finish());
                if engine.bundle.seeds.len() <= EARLY_START_MAX_SEEDS {
                    return Ok(Step::Ready(engine));
                }
                let progress = completing_progress(&engine);
                self.state = State::Completing(engine);
                Ok(Step::Working(progress))
            }
            State::Completing(engine) => {
                if engine.prepare_search(seeds) {
                    return Ok(Step::Ready(engine));
                }
                let progress = completing_progress(&engine);
                self.state = State::Completing(engine);
                Ok(Step::Working(progress))
            }
            State::Done => Err(malformed("the bundle was already loaded")),
        }
    }
}

fn reading_progress(input: &Input) -> LoadProgress {
    let done = input.dropped + input.at;
    let total = input.expected.unwrap_or(input.dropped + input.bytes.len());
    LoadProgress { stage: Stage::Reading, done, total: total.max(done) }
}

impl Reading {
    /// Reads the next piece of the text: punctuation, a member, or a seed. Nothing is consumed
    /// from `input` unless the piece is complete.
    fn piece(&mut self, input: &mut Input) -> Result<Piece, BundleError> {
        input.retry_at = 0;
        let more = !input.ended;
        let mut cursor = Cursor::new(&input.bytes[input.at..]);
        // Checks that the text goes on with `byte`; `Short` when it has not arrived yet.
        macro_rules! expect_byte {
            ($byte:expr, $what:expr) => {
                if !cursor.eat($byte) {
                    return match cursor.peek() {
                        None if more => Ok(Piece::Short),
                        _ => Err(malformed(format!(
                            "expected {} at byte {}",
                            $what,
                            offset(input, &cursor)
                        ))),
                    };
                }
            };
        }
        let piece = match self.expect {
            Expect::Open => {
                // A UTF-8 byte order mark (as Windows editors write) is skipped, as
                // `Bundle::from_json` skips it.
                let bom = "\u{feff}".as_bytes();
                let unread = input.unread();
                if more && unread.len() < bom.len() && bom.starts_with(unread) {
                    return Ok(Piece::Short);
                }
                cursor.eat_prefix(bom);
                expect_byte!(b'{', "a JSON object");
                self.expect = Expect::FirstKey;
                Piece::Read { seed: false }
            }
            Expect::FirstKey if cursor.eat(b'}') => {
                self.expect = Expect::End;
                Piece::Read { seed: false }
            }
            Expect::FirstKey | Expect::Key => {
                let Some(key) = cursor.value(more) else {
                    return short_or(more, input, &cursor, "a member's name");
                };
                let key = key
                    .strip_prefix(b"\"")
                    .and_then(|k| k.strip_suffix(b"\""))
                    .filter(|k| !k.contains(&b'\\'))
                    .and_then(|k| std::str::from_utf8(k).ok())
                    .ok_or_else(|| malformed("the bundle's layout could not be read in steps"))?;
                expect_byte!(b':', "a colon");
                if key == "seeds" {
                    expect_byte!(b'[', "the list of seeds");
                    if std::mem::replace(&mut self.head.seeds, true) {
                        return Err(malformed("duplicate field `seeds`"));
                    }
                    self.start_seeds(input.expected);
                    self.expect = Expect::FirstSeed;
                } else {
                    let Some(value) = cursor.value(more) else {
                        return short_or(more, input, &cursor, "a value");
                    };
                    self.member(key, value)?;
                    self.expect = Expect::CommaOrClose;
                }
                Piece::Read { seed: false }
            }
            Expect::CommaOrClose => {
                if cursor.eat(b'}') {
                    self.expect = Expect::End;
                } else {
                    expect_byte!(b',', "a comma or the end of the bundle");
                    self.expect = Expect::Key;
                }
                Piece::Read { seed: false }
            }
            Expect::FirstSeed if cursor.eat(b']') => {
                self.expect = Expect::CommaOrClose;
                Piece::Read { seed: false }
            }
            Expect::FirstSeed | Expect::Seed => {
                let Some(value) = cursor.value(more) else {
                    return short_or(more, input, &cursor, "a seed");
                };
                self.seed(value)?;
                self.expect = Expect::SeedCommaOrClose;
                Piece::Read { seed: true }
            }
            Expect::SeedCommaOrClose => {
                if cursor.eat(b']') {
                    self.expect = Expect::CommaOrClose;
                } else {
                    expect_byte!(b',', "a comma or the end of the seeds");
                    self.expect = Expect::Seed;
                }
                Piece::Read { seed: false }
            }
            Expect::End => {
                if !cursor.at_end() {
                    return Err(malformed(format!(
                        "text after the bundle at byte {}",
                        offset(input, &cursor)
                    )));
                }
                input.at = input.bytes.len();
                return Ok(if more { Piece::Short } else { Piece::Complete });
            }
        };
        input.at += cursor.position();
        Ok(piece)
    }

    /// A problem found while reading: reported now once the format and version are known to
    /// be good, else kept until they are (the first one only).
    fn problem(&mut self, e: BundleError) -> Result<(), BundleError> {
        if self.checked {
            return Err(e);
        }
        self.deferred.get_or_insert(e);
        Ok(())
    }

    /// Reads a member other than the seeds.
    fn member(&mut self, key: &str, value: &[u8]) -> Result<(), BundleError> {
        fn set<T: DeserializeOwned>(
            slot: &mut Option<T>,
            key: &str,
            value: &[u8],
        ) -> Result<(), BundleError> {
            if slot.is_some() {
                return Err(malformed(format!("duplicate field `{key}`")));
            }
            *slot = Some(serde_json::from_slice(value).map_err(malformed)?);
            Ok(())
        }
        let head = &mut self.head;
        let read = match key {
            "format" => set(&mut head.format, key, value),
            "version" => set(&mut head.version, key, value),
            "title" => set(&mut head.title, key, value),
            "taxonomy" => set(&mut head.taxonomy, key, value),
            "institutions" => set(&mut head.institutions, key, value),
            "synonyms" => set(&mut head.synonyms, key, value),
            // Members this version does not read (the search index of 1.1 bundles among
            // them) must still be JSON, as they must be for Bundle::from_json.
            _ => serde_json::from_slice::<IgnoredAny>(value).map(|_| ()).map_err(malformed),
        };
        if let Err(e) = read {
            return self.problem(e);
        }
        if let (Some(format), Some(version), false) = (&head.format, &head.version, self.checked) {
            Bundle::check_version(format.as_deref(), version.as_deref())?;
            self.checked = true;
            if let Some(e) = self.deferred.take() {
                return Err(e);
            }
        }
        Ok(())
    }

    /// The seed list opens: when the institutions are known, seeds can be indexed while the
    /// rest of the file arrives.
    fn start_seeds(&mut self, expected_bytes: Option<usize>) {
        let Some(institutions) = &self.head.institutions else { return };
        self.positions = Some(
            (institutions.iter().enumerate()).map(|(i, x)| (x.id.clone(), i as u32)).collect(),
        );
        let capacity = expected_bytes.map_or(0, |b| b / BYTES_PER_SEED_GUESS);
        self.index = Some(IndexBuilder::new(capacity));
    }

    /// Indexes up to `count` of the seeds read and not indexed yet; false when there were none.
    fn index_some(&mut self, count: usize) -> bool {
        let Some(index) = &mut self.index else { return false };
        let institutions = self.head.institutions.as_deref().unwrap_or_default();
        index_more(index, &self.seeds, &self.inst_of, institutions, count)
    }

    /// Reads one seed (indexed later: while waiting for bytes, or after reading).
    fn seed(&mut self, value: &[u8]) -> Result<(), BundleError> {
        if self.deferred.is_some() {
            return Ok(()); // the bundle is refused anyway; only its format and version matter
        }
        match serde_json::from_slice::<Seed>(value) {
            Ok(seed) => {
                if let Some(positions) = &self.positions {
                    self.inst_of.push(positions.get(seed.institution()).copied());
                }
                self.seeds.push(seed);
                Ok(())
            }
            Err(e) => self.problem(malformed(format!("seed {}: {e}", self.seeds.len() + 1))),
        }
    }

    /// The bundle, once the text is complete.
    fn bundle(&mut self) -> Result<Bundle, BundleError> {
        let head = std::mem::take(&mut self.head);
        Bundle::check_version(
            head.format.flatten().as_deref(),
            head.version.clone().flatten().as_deref(),
        )?;
        if let Some(e) = self.deferred.take() {
            return Err(e);
        }
        let missing = |field: &str| malformed(format!("missing field `{field}`"));
        let taxonomy = head.taxonomy.ok_or_else(|| missing("taxonomy"))?;
        let institutions = head.institutions.ok_or_else(|| missing("institutions"))?;
        if !head.seeds {
            return Err(missing("seeds"));
        }
        let mut seeds = std::mem::take(&mut self.seeds);
        seeds.shrink_to_fit();
        let mut bundle = Bundle::new(taxonomy);
        bundle.version = head.version.flatten().unwrap_or_default();
        bundle.title = head.title.flatten();
        bundle.institutions = institutions;
        bundle.seeds = seeds;
        bundle.synonyms = head.synonyms.unwrap_or_default();
        Ok(bundle)
    }
}

/// A rough size of one seed in a bundle, to size the index before the seeds are counted.
const BYTES_PER_SEED_GUESS: usize = 2500;

/// `Short` when more bytes may complete the piece, else the error for a missing `what`.
fn short_or(
    more: bool,
    input: &Input,
    cursor: &Cursor<'_>,
    what: &str,
) -> Result<Piece, BundleError> {
    if more {
        return Ok(Piece::Short);
    }
    Err(malformed(format!("expected {what} at byte {}", offset(input, cursor))))
}

/// The position of `cursor` in the whole file.
fn offset(input: &Input, cursor: &Cursor<'_>) -> usize {
    input.dropped + input.at + cursor.position()
}

impl Engine {
    /// Prepares a bundle for searching: builds the inverted index, facet bitsets, sort orders
    /// and the synonym table — the steps of a [`Loader`] after reading, in one go.
    pub fn new(bundle: Bundle) -> Self {
        let engine = EngineBuilder::new(bundle, Vec::new(), None).finish();
        while !engine.prepare_search(usize::MAX) {}
        engine
    }
}

/// An engine under construction: the facet bitsets are built one facet per step, then the sort
/// orders a slice of merging at a time; [`EngineBuilder::finish`] assembles the engine, with
/// what searching text needs (the index, fed the seeds reading indexed) still to be prepared
/// ([`Engine::prepare_search`]).
pub struct EngineBuilder {
    bundle: Bundle,
    inst_of: Vec<Option<u32>>,
    index: IndexBuilder,
    part: Part,
}

/// How far the facets and orders are.
enum Part {
    /// Facets being built: the bitsets of the facets so far, and the facet being built a slice
    /// of seeds at a time.
    Faceting(FacetIndex, Option<FacetBuilder>),
    /// Sort orders being merged.
    Ordering(FacetIndex, SortOrders),
    /// Everything is built.
    Done(FacetIndex, SortOrders),
}

impl EngineBuilder {
    /// Starts finishing `bundle`. `inst_of` and `index` are what reading already did: each
    /// seed's institution (when known for every seed) and the index fed the first seeds.
    pub fn new(bundle: Bundle, inst_of: Vec<Option<u32>>, index: Option<IndexBuilder>) -> Self {
        let n = bundle.seeds.len();
        let inst_of = if inst_of.len() == n {
            inst_of
        } else {
            let position: FxHashMap<&str, u32> = (bundle.institutions.iter())
                .enumerate()
                .map(|(i, x)| (x.id.as_str(), i as u32))
                .collect();
            bundle.seeds.iter().map(|s| position.get(s.institution()).copied()).collect()
        };
        let index = index.filter(|i| i.len() <= n).unwrap_or_else(|| IndexBuilder::new(n));
        let part = Part::Faceting(FacetIndex::empty(n), None);
        EngineBuilder { bundle, inst_of, index, part }
    }

    /// Does about `count` seeds' worth of the remaining work; true when only
    /// [`EngineBuilder::finish`] is left.
    pub fn index_next(&mut self, count: usize) -> bool {
        let n = self.bundle.seeds.len();
        let (part, done) =
            match std::mem::replace(&mut self.part, Part::Faceting(FacetIndex::empty(0), None)) {
                Part::Faceting(mut facets, Some(mut facet)) => {
                    self.add_facet_seeds(&mut facet, count.saturating_mul(FACET_SEEDS_PER_SEED));
                    if facet.is_complete() {
                        facets.push(facet);
                        (Part::Faceting(facets, None), false)
                    } else {
                        (Part::Faceting(facets, Some(facet)), false)
                    }
                }
                Part::Faceting(facets, None) => match Facet::ALL.get(facets.len()) {
                    Some(&facet) => {
                        let domain = facets::domain(&self.bundle, facet);
                        let domain = domain.into_iter().map(String::from).collect();
                        let facet = FacetBuilder::new(n, facet, domain);
                        (Part::Faceting(facets, Some(facet)), false)
                    }
                    None => (Part::Ordering(facets, SortOrders::new(n)), false),
                },
                Part::Ordering(facets, mut orders) => {
                    if orders.step(&self.bundle.seeds, count.saturating_mul(MERGES_PER_SEED)) {
                        (Part::Done(facets, orders), false)
                    } else {
                        (Part::Ordering(facets, orders), false)
                    }
                }
                done @ Part::Done(..) => (done, true),
            };
        self.part = part;
        done
    }

    /// Adds about `count` more seeds to `facet`.
    fn add_facet_seeds(&self, facet: &mut FacetBuilder, count: usize) {
        let bundle = &self.bundle;
        let inst = |i: usize| self.inst_of[i].map(|p| &bundle.institutions[p as usize]);
        let key = facet.key();
        let to = facet.added().saturating_add(count);
        facet.add_seeds(to, |i| facets::seed_values(inst(i), &bundle.seeds[i], key));
    }

    fn progress(&self) -> LoadProgress {
        let n = self.bundle.seeds.len().max(1) as f64;
        let fraction = match &self.part {
            Part::Faceting(facets, facet) => {
                let part = facet.as_ref().map_or(0.0, |f| f.added() as f64 / n);
                0.5 * (facets.len() as f64 + part) / Facet::ALL.len() as f64
            }
            Part::Ordering(_, orders) => 0.5 + 0.5 * orders.fraction(),
            Part::Done(..) => 1.0,
        };
        let done = (BROWSE_SHARE * fraction * 1000.0) as usize;
        LoadProgress { stage: Stage::Indexing, done, total: 1000 }
    }

    /// The engine (doing what [`EngineBuilder::index_next`] has not done yet), ready to browse;
    /// searching text is prepared by [`Engine::prepare_search`] or by the first search.
    pub fn finish(mut self) -> Engine {
        while !self.index_next(usize::MAX) {}
        let EngineBuilder { bundle, inst_of, index, part } = self;
        let Part::Done(facets, orders) = part else { unreachable!("index_next returned true") };
        let (date_key, orders) = orders.into_orders();
        let positions = orders.each_ref().map(|order| {
            let mut p = vec![0u32; order.len()];
            for (i, &s) in order.iter().enumerate() {
                p[s as usize] = i as u32;
            }
            p
        });
        let run_forms = Kept::new(KEPT_RUN_FORMS);
        let seed_terms = Kept::new(KEPT_SEED_TERMS);
        Engine {
            bundle,
            facets,
            searching: OnceLock::new(),
            pending: Mutex::new(Some(SearchBuilder::new(index))),
            inst_of,
            date_key,
            orders: orders.map(Arc::new),
            positions,
            run_forms,
            seed_terms,
            words: Kept::new(KEPT_WORDS),
        }
    }
}

/// Seeds whose values join a facet per seed's worth of work (a few short strings against a
/// whole seed's text).
const FACET_SEEDS_PER_SEED: usize = 64;

/// Seeds merged per seed's worth of work while sorting (merging is much cheaper than
/// indexing a seed).
const MERGES_PER_SEED: usize = 64;

fn malformed(e: impl ToString) -> BundleError {
    BundleError::Malformed(e.to_string())
}
