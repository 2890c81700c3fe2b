//! Loading in steps: bundle text → parsed seeds → indexed [`Engine`], a bounded amount of work
//! per call, so a host (the browser app) can return to its event loop between calls and keep
//! painting a progress bar while 100,000 seeds load. [`Engine::new`] (defined here, as every
//! way of building an engine is) runs the same steps in one go.

use serde::Deserialize;

use crate::bundle::{Bundle, BundleError};
use crate::engine::Engine;
use crate::facets::{self, FacetIndex};
use crate::index::packed::{PackedIndex, Unpacker};
use crate::index::{Index, IndexBuilder};
use crate::model::{Institution, Seed};
use crate::segment::Lexicon;
use crate::synonyms::Synonyms;
use crate::taxonomy::Taxonomy;
use crate::types::Facet;

mod scan;
use scan::Cursor;

/// What a [`Loader`] is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Parsing seeds: `done` of `total` bytes of the seed list.
    Reading,
    /// Indexing seeds: `done` of `total` seeds.
    Indexing,
    /// Unpacking the bundle's precomputed index (instead of indexing): `done` of `total`
    /// seeds' worth.
    Unpacking,
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

impl LoadProgress {
    /// The share of the whole load done, 0.0–1.0 (reading counts as the first third).
    pub fn fraction(&self) -> f64 {
        let part = self.done as f64 / self.total.max(1) as f64;
        match self.stage {
            Stage::Reading => part / 3.0,
            Stage::Indexing | Stage::Unpacking => (1.0 + 2.0 * part) / 3.0,
        }
    }
}

/// The result of one [`Loader::step`].
#[derive(Debug)]
pub enum Step {
    /// More steps are needed.
    Working(LoadProgress),
    /// The engine is ready.
    Ready(Box<Engine>),
}

/// Builds an [`Engine`] from bundle text, [`Loader::step`] by step.
pub struct Loader<'t> {
    text: &'t str,
    state: State<'t>,
}

enum State<'t> {
    Reading(Box<Reading<'t>>),
    Indexing(Box<EngineBuilder>),
    Done,
}

/// The seeds read so far, the other members of the bundle as text, and where reading goes on.
struct Reading<'t> {
    cursor: Cursor<'t>,
    members: Vec<(String, &'t str)>,
    seeds: Vec<Seed>,
    /// True when the format and version were checked before the seeds (as `seeds build`
    /// writes them), so a seed that cannot be read can be named.
    checked: bool,
}

/// Everything of the bundle but the seeds (the fields and defaults of [`Bundle`]).
#[derive(Deserialize)]
struct Head {
    format: String,
    version: String,
    #[serde(default)]
    title: Option<String>,
    taxonomy: Taxonomy,
    institutions: Vec<Institution>,
    #[serde(default)]
    synonyms: Vec<Vec<String>>,
}

impl<'t> Loader<'t> {
    /// Reads the bundle up to its seeds (after a UTF-8 byte order mark, if any), checking the
    /// format and version when they come first. Seeds are read by [`Loader::step`]; the
    /// loader accepts exactly the bundles that [`Bundle::from_json`] accepts, and gives the
    /// same error otherwise.
    pub fn new(text: &'t str) -> Result<Self, BundleError> {
        let text = crate::bundle::without_bom(text);
        let mut cursor = Cursor::new(text);
        let mut members = Vec::new();
        let opened = cursor.eat(b'{')
            && loop {
                if !members.is_empty() && !cursor.eat(b',') {
                    break false;
                }
                match member(&mut cursor) {
                    Some(("seeds", _)) => break cursor.eat(b'['),
                    Some((key, value)) => members.push((key.to_string(), value)),
                    None => break false,
                }
            };
        if !opened {
            return Err(whole_text_error(text));
        }
        let known = |k: &str| members.iter().any(|(key, _)| key == k);
        let checked = known("format") && known("version");
        if checked {
            Bundle::check_header(&object(&members))?;
        }
        let reading = Reading { cursor, members, seeds: Vec::new(), checked };
        Ok(Loader { text, state: State::Reading(Box::new(reading)) })
    }

    /// Reads or indexes up to `seeds` seeds (the last step also lays out the index, which
    /// takes longer).
    pub fn step(&mut self, seeds: usize) -> Result<Step, BundleError> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Reading(mut reading) => {
                for _ in 0..seeds {
                    if reading.next_seed(self.text)? {
                        continue;
                    }
                    let bundle =
                        (*reading).finish().ok_or_else(|| whole_text_error(self.text))??;
                    let total = bundle.seeds.len();
                    self.state = State::Indexing(Box::new(EngineBuilder::new(bundle)));
                    return Ok(Step::Working(LoadProgress {
                        stage: Stage::Indexing,
                        done: 0,
                        total,
                    }));
                }
                let done = reading.cursor.position();
                self.state = State::Reading(reading);
                Ok(Step::Working(LoadProgress {
                    stage: Stage::Reading,
                    done,
                    total: self.text.len(),
                }))
            }
            State::Indexing(mut builder) => {
                if builder.index_next(seeds) {
                    return Ok(Step::Ready(Box::new(builder.finish())));
                }
                let progress = builder.progress();
                self.state = State::Indexing(builder);
                Ok(Step::Working(progress))
            }
            State::Done => Err(BundleError::Malformed("the bundle was already loaded".into())),
        }
    }
}

impl<'t> Reading<'t> {
    /// Reads the next seed: true when one was read, false at the end of the list.
    fn next_seed(&mut self, text: &str) -> Result<bool, BundleError> {
        let cursor = &mut self.cursor;
        if cursor.eat(b']') {
            return Ok(false);
        }
        if !self.seeds.is_empty() && !cursor.eat(b',') {
            return Err(whole_text_error(text));
        }
        let Some(value) = cursor.value() else { return Err(whole_text_error(text)) };
        match serde_json::from_str(value) {
            Ok(seed) => self.seeds.push(seed),
            Err(e) if self.checked => {
                return Err(malformed(format!("seed {}: {e}", self.seeds.len() + 1)));
            }
            Err(_) => return Err(whole_text_error(text)),
        }
        Ok(true)
    }

    /// After the seed list: the remaining members, then the bundle. `None` when the text
    /// does not continue as JSON should.
    fn finish(self) -> Option<Result<Bundle, BundleError>> {
        let Reading { mut cursor, mut members, seeds, .. } = self;
        while !cursor.eat(b'}') {
            if !cursor.eat(b',') {
                return None;
            }
            match member(&mut cursor)? {
                ("seeds", _) => return None,
                (key, value) => members.push((key.to_string(), value)),
            }
        }
        if !cursor.at_end() {
            return None;
        }
        // The precomputed index is most of the text after the seeds: read it once, on its own.
        let mut index = None;
        if let Some(at) = members.iter().position(|(key, _)| key == "index") {
            let (_, text) = members.remove(at);
            if members.iter().any(|(key, _)| key == "index") {
                return None;
            }
            index = Some(text);
        }
        let head = object(&members);
        if let Err(e) = Bundle::check_header(&head) {
            return Some(Err(e));
        }
        let head: Head = serde_json::from_str(&head).ok()?;
        let index: Option<PackedIndex> = match index {
            Some(text) => serde_json::from_str(text).ok()?,
            None => None,
        };
        Some(Ok(Bundle {
            format: head.format,
            version: head.version,
            title: head.title,
            taxonomy: head.taxonomy,
            institutions: head.institutions,
            seeds,
            synonyms: head.synonyms,
            index,
        }))
    }
}

/// One `"key": value` member: the key, and the value's text unless the key is `seeds`,
/// whose list is read seed by seed.
fn member<'t>(cursor: &mut Cursor<'t>) -> Option<(&'t str, &'t str)> {
    let key = cursor.value()?;
    let key = key.strip_prefix('"')?.strip_suffix('"')?;
    if key.contains('\\') || !cursor.eat(b':') {
        return None;
    }
    if key == "seeds" {
        return Some((key, ""));
    }
    Some((key, cursor.value()?))
}

/// The members as one JSON object.
fn object(members: &[(String, &str)]) -> String {
    let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
    format!("{{{}}}", body.join(","))
}

/// The error [`Bundle::from_json`] gives for this text: the loader reports malformed bundles
/// exactly as reading them whole would.
fn whole_text_error(text: &str) -> BundleError {
    Bundle::from_json(text)
        .err()
        .unwrap_or_else(|| malformed("the bundle's layout could not be read in steps"))
}

impl Engine {
    /// Prepares a bundle for searching: builds the inverted index, facet bitsets, sort orders
    /// and the synonym table — the steps of a [`Loader`] after reading, in one go.
    pub fn new(bundle: Bundle) -> Self {
        EngineBuilder::new(bundle).finish()
    }
}

/// Postings unpacked per seed a step may index: unpacking a seed's share of a precomputed
/// index costs a small fraction of indexing the seed.
const POSTINGS_PER_SEED: usize = 4096;

/// An engine under construction: seeds are indexed a slice at a time, then the postings are
/// laid out and the facet bitsets built, one step each, and [`EngineBuilder::finish`] adds the
/// sort orders and synonyms.
pub struct EngineBuilder {
    bundle: Bundle,
    inst_of: Vec<Option<u32>>,
    part: Part,
}

/// How far the index and facets are.
enum Part {
    /// A precomputed index being unpacked (falling back to [`Part::Adding`] if it does not fit).
    Unpacking(Box<Unpacker>),
    Adding(IndexBuilder),
    LaidOut(Index),
    Faceted(Index, FacetIndex),
}

impl EngineBuilder {
    /// Starts indexing `bundle`, or unpacking its precomputed index.
    pub fn new(mut bundle: Bundle) -> Self {
        let position: rustc_hash::FxHashMap<&str, u32> = (bundle.institutions.iter())
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i as u32))
            .collect();
        let inst_of =
            bundle.seeds.iter().map(|s| position.get(s.institution.as_str()).copied()).collect();
        let n = bundle.seeds.len();
        let part = match bundle.index.take().map(|packed| Unpacker::new(packed, n)) {
            Some(Ok(unpacker)) => Part::Unpacking(Box::new(unpacker)),
            _ => Part::Adding(IndexBuilder::new(n)),
        };
        EngineBuilder { bundle, inst_of, part }
    }

    /// Indexes up to `count` more seeds, or, once all are in, lays out the postings or builds
    /// the facet bitsets; true when only [`EngineBuilder::finish`] is left.
    pub fn index_next(&mut self, count: usize) -> bool {
        let (part, done) = match std::mem::replace(&mut self.part, Part::LaidOut(Index::default()))
        {
            Part::Unpacking(mut unpacker) => {
                match unpacker.step(count.saturating_mul(POSTINGS_PER_SEED)) {
                    Ok(Some(index)) => (Part::LaidOut(index), false),
                    Ok(None) => (Part::Unpacking(unpacker), false),
                    Err(_) => (Part::Adding(IndexBuilder::new(self.bundle.seeds.len())), false),
                }
            }
            Part::Adding(mut index) if index.len() < self.bundle.seeds.len() => {
                self.add(&mut index, count);
                (Part::Adding(index), false)
            }
            Part::Adding(index) => (Part::LaidOut(index.finish()), false),
            Part::LaidOut(index) => {
                let facets = facet_index(&self.bundle, &self.inst_of);
                (Part::Faceted(index, facets), false)
            }
            faceted @ Part::Faceted(..) => (faceted, true),
        };
        self.part = part;
        done
    }

    fn add(&self, index: &mut IndexBuilder, count: usize) {
        let from = index.len();
        let to = from.saturating_add(count).min(self.bundle.seeds.len());
        let (seeds, inst_of) = (&self.bundle.seeds[from..to], &self.inst_of[from..to]);
        for (seed, inst) in seeds.iter().zip(inst_of) {
            index.add(seed, inst.map(|p| &self.bundle.institutions[p as usize]));
        }
    }

    fn progress(&self) -> LoadProgress {
        let total = self.bundle.seeds.len();
        let (stage, done) = match &self.part {
            Part::Unpacking(u) => (Stage::Unpacking, (u.fraction() * total as f64) as usize),
            Part::Adding(index) => (Stage::Indexing, index.len()),
            _ => (Stage::Indexing, total),
        };
        LoadProgress { stage, done, total }
    }

    /// The engine (doing what [`EngineBuilder::index_next`] has not done yet).
    pub fn finish(mut self) -> Engine {
        while !self.index_next(usize::MAX) {}
        let EngineBuilder { bundle, inst_of, part } = self;
        let Part::Faceted(index, facets) = part else { unreachable!("index_next returned true") };
        let synonyms = Synonyms::new(&bundle.synonyms);
        let lexicon = lexicon(&bundle, &synonyms);
        let (date_key, orders) = sort_orders(&bundle.seeds);
        let positions = orders.each_ref().map(|order| {
            let mut p = vec![0u32; order.len()];
            for (i, &s) in order.iter().enumerate() {
                p[s as usize] = i as u32;
            }
            p
        });
        Engine { bundle, index, facets, synonyms, lexicon, inst_of, date_key, orders, positions }
    }
}

/// The terms unspaced queries are cut into: synonym members, the seeds' Japanese keywords
/// and the vocabularies' labels.
fn lexicon(bundle: &Bundle, synonyms: &Synonyms) -> Lexicon {
    let mut lex = Lexicon::new();
    for key in synonyms.keys() {
        lex.add(key);
    }
    for seed in &bundle.seeds {
        for k in &seed.keywords_ja {
            lex.add(k);
        }
    }
    for v in &bundle.taxonomy.facets {
        for t in &v.values {
            lex.add(&t.ja);
        }
    }
    lex
}

/// The facet bitsets of every seed.
fn facet_index(bundle: &Bundle, inst_of: &[Option<u32>]) -> FacetIndex {
    let inst = |i: usize| inst_of[i].map(|p| &bundle.institutions[p as usize]);
    FacetIndex::new(
        bundle.seeds.len(),
        &Facet::ALL,
        |k| facets::counted_domain(bundle, k, |i| inst_of[i].map(|p| p as usize)),
        |i, k| facets::seed_values(inst(i), &bundle.seeds[i], k),
    )
}

/// The dense rank of each seed's `updated` date (0 = newest) and the three sort orders:
/// newest first, by title, by institution.
fn sort_orders(seeds: &[Seed]) -> (Vec<u32>, [Vec<u32>; 3]) {
    let n = seeds.len();
    let mut by_date: Vec<u32> = (0..n as u32).collect();
    by_date.sort_by(|&a, &b| {
        seeds[b as usize].updated.cmp(&seeds[a as usize].updated).then(a.cmp(&b))
    });
    let mut date_key = vec![0u32; n];
    let mut k = 0u32;
    for w in 0..n {
        if w > 0 && seeds[by_date[w] as usize].updated != seeds[by_date[w - 1] as usize].updated {
            k += 1;
        }
        date_key[by_date[w] as usize] = k;
    }
    let mut by_title: Vec<u32> = (0..n as u32).collect();
    by_title.sort_by(|&a, &b| {
        seeds[a as usize].title_ja.cmp(&seeds[b as usize].title_ja).then(a.cmp(&b))
    });
    let mut by_inst: Vec<u32> = (0..n as u32).collect();
    by_inst.sort_by(|&a, &b| {
        let (x, y) = (&seeds[a as usize], &seeds[b as usize]);
        x.institution.cmp(&y.institution).then(x.title_ja.cmp(&y.title_ja)).then(a.cmp(&b))
    });
    (date_key, [by_date, by_title, by_inst])
}

fn malformed(e: impl ToString) -> BundleError {
    BundleError::Malformed(e.to_string())
}
