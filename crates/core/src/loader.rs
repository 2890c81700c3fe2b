//! Loading in steps: bundle text → parsed seeds → indexed [`Engine`], a bounded amount of work
//! per call, so a host (the browser app) can return to its event loop between calls and keep
//! painting a progress bar while 100,000 seeds load. [`Engine::new`] runs the same steps in one
//! go.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::bundle::{Bundle, BundleError};
use crate::facets::FacetIndex;
use crate::index::IndexBuilder;
use crate::model::{Institution, Seed};
use crate::search::{seed_facet_values, Engine, FACET_KEYS};
use crate::synonyms::Synonyms;
use crate::taxonomy::Taxonomy;

/// What a [`Loader`] is doing, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Parsing seeds: `done` of `total` bytes of the seed list.
    Reading,
    /// Indexing seeds: `done` of `total` seeds.
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

impl LoadProgress {
    /// The share of the whole load done, 0.0–1.0 (reading counts as the first third).
    pub fn fraction(&self) -> f64 {
        let part = self.done as f64 / self.total.max(1) as f64;
        match self.stage {
            Stage::Reading => part / 3.0,
            Stage::Indexing => (1.0 + 2.0 * part) / 3.0,
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
    state: State<'t>,
}

enum State<'t> {
    Reading { bundle: Bundle, list: SeedList<'t> },
    Indexing(Box<EngineBuilder>),
    Done,
}

/// Everything of the bundle but the seeds, which are kept as text and parsed in steps.
#[derive(Deserialize)]
struct Parts<'t> {
    format: String,
    version: String,
    #[serde(default)]
    title: Option<String>,
    taxonomy: Taxonomy,
    institutions: Vec<Institution>,
    #[serde(borrow)]
    seeds: &'t RawValue,
    #[serde(default)]
    synonyms: Vec<Vec<String>>,
}

impl<'t> Loader<'t> {
    /// Checks the format and version and reads everything but the seeds. The text is
    /// validated as JSON here; seeds are parsed by [`Loader::step`].
    pub fn new(text: &'t str) -> Result<Self, BundleError> {
        Bundle::check_header(text)?;
        let parts: Parts<'t> = serde_json::from_str(text).map_err(malformed)?;
        let bundle = Bundle {
            format: parts.format,
            version: parts.version,
            title: parts.title,
            taxonomy: parts.taxonomy,
            institutions: parts.institutions,
            seeds: Vec::new(),
            synonyms: parts.synonyms,
        };
        let list = SeedList::new(parts.seeds.get())?;
        Ok(Loader { state: State::Reading { bundle, list } })
    }

    /// Parses or indexes up to `seeds` seeds (the last step also lays out the index, which
    /// takes longer).
    pub fn step(&mut self, seeds: usize) -> Result<Step, BundleError> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Reading { mut bundle, mut list } => {
                for _ in 0..seeds {
                    match list.next_seed()? {
                        Some(seed) => bundle.seeds.push(seed),
                        None => {
                            let total = bundle.seeds.len();
                            self.state = State::Indexing(Box::new(EngineBuilder::new(bundle)));
                            let progress = LoadProgress { stage: Stage::Indexing, done: 0, total };
                            return Ok(Step::Working(progress));
                        }
                    }
                }
                let progress = list.progress();
                self.state = State::Reading { bundle, list };
                Ok(Step::Working(progress))
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

/// The text of the bundle's `seeds` array, cut into one element at a time.
struct SeedList<'t> {
    text: &'t str,
    /// Where the next element (or the closing bracket) starts.
    at: usize,
    /// Elements parsed so far, for error messages.
    count: usize,
}

impl<'t> SeedList<'t> {
    fn new(text: &'t str) -> Result<Self, BundleError> {
        let open = text.find('[').ok_or_else(|| malformed("seeds is not a list"))?;
        Ok(SeedList { text, at: open + 1, count: 0 })
    }

    /// Parses the next seed, or `None` after the last.
    fn next_seed(&mut self) -> Result<Option<Seed>, BundleError> {
        let Some((start, end)) = next_element(self.text, self.at) else { return Ok(None) };
        self.at = end;
        self.count += 1;
        let seed = serde_json::from_str(&self.text[start..end])
            .map_err(|e| malformed(format!("seed {}: {e}", self.count)))?;
        Ok(Some(seed))
    }

    fn progress(&self) -> LoadProgress {
        LoadProgress { stage: Stage::Reading, done: self.at, total: self.text.len() }
    }
}

/// The byte range of the array element starting at or after `from` (after whitespace and a
/// comma), or `None` at the closing bracket. `text` is known to be valid JSON.
fn next_element(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let skip = bytes.get(from..)?.iter().position(|b| !b.is_ascii_whitespace() && *b != b',')?;
    let start = from + skip;
    if bytes[start] == b']' {
        return None;
    }
    let (mut depth, mut in_string, mut i) = (0usize, false, start);
    while i < bytes.len() {
        match (in_string, bytes[i]) {
            (true, b'\\') => i += 1,
            (true, b'"') => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'{' | b'[') => depth += 1,
            (false, b'}' | b']') if depth == 0 => return Some((start, i)),
            (false, b'}' | b']') => {
                depth -= 1;
                if depth == 0 {
                    return Some((start, i + 1));
                }
            }
            (false, b',') if depth == 0 => return Some((start, i)),
            (false, _) => {}
        }
        i += 1;
    }
    Some((start, bytes.len()))
}

/// An engine under construction: seeds are indexed a slice at a time, then
/// [`EngineBuilder::finish`] builds the postings, facet bitsets, sort orders and synonyms.
pub struct EngineBuilder {
    bundle: Bundle,
    inst_of: Vec<Option<u32>>,
    index: IndexBuilder,
}

impl EngineBuilder {
    /// Starts indexing `bundle`.
    pub fn new(bundle: Bundle) -> Self {
        let position: rustc_hash::FxHashMap<&str, u32> = (bundle.institutions.iter())
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i as u32))
            .collect();
        let inst_of =
            bundle.seeds.iter().map(|s| position.get(s.institution.as_str()).copied()).collect();
        let index = IndexBuilder::new(bundle.seeds.len());
        EngineBuilder { bundle, inst_of, index }
    }

    /// Indexes up to `count` more seeds; true when every seed is indexed.
    pub fn index_next(&mut self, count: usize) -> bool {
        let from = self.index.len();
        let to = from.saturating_add(count).min(self.bundle.seeds.len());
        let EngineBuilder { bundle, inst_of, index } = self;
        for (seed, inst) in bundle.seeds[from..to].iter().zip(&inst_of[from..to]) {
            index.add(seed, inst.map(|p| &bundle.institutions[p as usize]));
        }
        to == bundle.seeds.len()
    }

    fn progress(&self) -> LoadProgress {
        LoadProgress {
            stage: Stage::Indexing,
            done: self.index.len(),
            total: self.bundle.seeds.len(),
        }
    }

    /// The engine, once [`EngineBuilder::index_next`] has returned true.
    pub fn finish(self) -> Engine {
        let EngineBuilder { bundle, inst_of, index } = self;
        let index = index.finish();
        let seeds = &bundle.seeds;
        let inst = |i: usize| inst_of[i].map(|p| &bundle.institutions[p as usize]);
        let facets = FacetIndex::new(
            seeds.len(),
            &FACET_KEYS,
            |k| domain_of(&bundle, k),
            |i, k| seed_facet_values(inst(i), &seeds[i], k),
        );
        let synonyms = Synonyms::new(&bundle.synonyms);
        let (date_key, orders) = sort_orders(seeds);
        let positions = orders.each_ref().map(|order| {
            let mut p = vec![0u32; order.len()];
            for (i, &s) in order.iter().enumerate() {
                p[s as usize] = i as u32;
            }
            p
        });
        Engine { bundle, index, facets, synonyms, inst_of, date_key, orders, positions }
    }
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

fn domain_of(bundle: &Bundle, key: &str) -> Vec<String> {
    match key {
        "institution" => bundle.institutions.iter().map(|i| i.id.clone()).collect(),
        _ => bundle
            .taxonomy
            .vocabulary(key)
            .map(|v| v.values.iter().map(|t| t.id.clone()).collect())
            .unwrap_or_default(),
    }
}

fn malformed(e: impl ToString) -> BundleError {
    BundleError::Malformed(e.to_string())
}
