//! What searching text needs — the inverted index, the synonym table and the lexicon — and its
//! construction in steps. A small catalogue's engine is handed out for browsing
//! (facets and sort orders are ready) before these are: the host finishes them in slices with
//! `Engine::prepare_search`, or the first search finishes them at once. Shared by
//! `engine.rs` and `loader.rs`, which therefore do not import each other.

use crate::bundle::Bundle;
use crate::index::{Index, IndexBuilder};
use crate::model::{Institution, Seed};
use crate::segment::Lexicon;
use crate::synonyms::Synonyms;

/// Synonym groups indexed per seed's worth of work (each member is normalized twice, once for
/// the table and once for the lexicon: a few short strings against a whole seed's text).
const SYNONYM_GROUPS_PER_SEED: usize = 16;

/// Seeds whose keywords join the lexicon per seed's worth of work (a few short strings
/// against a whole seed's text).
const KEYWORD_SEEDS_PER_SEED: usize = 16;

/// Adds to `index` up to `count` of `seeds` after those it holds (`inst_of`: each seed's
/// position among `institutions`, as far as known); false when none was left to add.
pub(crate) fn index_more(
    index: &mut IndexBuilder,
    seeds: &[Seed],
    inst_of: &[Option<u32>],
    institutions: &[Institution],
    count: usize,
) -> bool {
    let (from, to) = (index.len(), index.len().saturating_add(count).min(seeds.len()));
    for (d, seed) in seeds.iter().enumerate().take(to).skip(from) {
        let inst = inst_of.get(d).copied().flatten();
        index.add(seed, inst.map(|p| &institutions[p as usize]));
    }
    to > from
}

/// The parts of an engine that searching text reads.
pub(crate) struct Searching {
    pub index: Index,
    pub synonyms: Synonyms,
    /// The catalogue's terms, for cutting unspaced queries into words.
    pub lexicon: Lexicon,
}

/// [`Searching`] under construction: the seeds not indexed yet are indexed a slice at a time,
/// the index is finished in steps, then the synonym table in slices of groups and the lexicon
/// a slice of seeds' keywords at a time.
pub(crate) struct SearchBuilder {
    part: Part,
}

enum Part {
    /// Seeds being added to the index.
    Adding(IndexBuilder),
    /// The index being finished.
    Finishing(IndexBuilder),
    /// The synonym table being built, and the lexicon with it (each member joins it): the
    /// groups before the last field are in.
    Synonyms(Index, Box<Synonyms>, Box<Lexicon>, usize),
    /// The lexicon being built: the synonym members and vocabulary labels are in, and the
    /// keywords of the seeds before the last field.
    Lexicon(Index, Box<Synonyms>, Box<Lexicon>, usize),
    /// Everything is built.
    Done(Box<Searching>),
}

impl SearchBuilder {
    /// Continues from `index`, which holds the first seeds already (reading indexes seeds while
    /// it waits for more bytes).
    pub(crate) fn new(index: IndexBuilder) -> Self {
        SearchBuilder { part: Part::Adding(index) }
    }

    /// Does about `count` seeds' worth of the remaining work on `bundle` (`inst_of`: each
    /// seed's institution by position); true when only [`SearchBuilder::finish`] is left.
    pub(crate) fn step(&mut self, bundle: &Bundle, inst_of: &[Option<u32>], count: usize) -> bool {
        let n = bundle.seeds.len();
        let inst = |d: usize| inst_of[d].map(|p| &bundle.institutions[p as usize]);
        let seed = |d: usize| -> (&Seed, Option<&Institution>) { (&bundle.seeds[d], inst(d)) };
        let (part, done) =
            match std::mem::replace(&mut self.part, Part::Adding(IndexBuilder::new(0))) {
                Part::Adding(mut index) if index.len() < n => {
                    let institutions = &bundle.institutions;
                    index_more(&mut index, &bundle.seeds, inst_of, institutions, count);
                    (Part::Adding(index), false)
                }
                Part::Adding(index) => (Part::Finishing(index), false),
                Part::Finishing(mut builder) => match builder.finish_step(count, seed) {
                    Some(index) => {
                        let (synonyms, lexicon) = (Box::default(), Box::new(Lexicon::new()));
                        (Part::Synonyms(index, synonyms, lexicon, 0), false)
                    }
                    None => (Part::Finishing(builder), false),
                },
                Part::Synonyms(index, mut synonyms, mut lexicon, from) => {
                    let groups = &bundle.synonyms;
                    let to = from.saturating_add(count.saturating_mul(SYNONYM_GROUPS_PER_SEED));
                    for group in &groups[from..to.min(groups.len())] {
                        for member in synonyms.add_group(group) {
                            lexicon.add(&member.key);
                        }
                    }
                    if to < groups.len() {
                        (Part::Synonyms(index, synonyms, lexicon, to), false)
                    } else {
                        synonyms.finish();
                        for t in bundle.taxonomy.facets.iter().flat_map(|v| &v.values) {
                            lexicon.add(&t.ja);
                        }
                        (Part::Lexicon(index, synonyms, lexicon, 0), false)
                    }
                }
                Part::Lexicon(index, synonyms, mut lexicon, from) => {
                    let seeds = &bundle.seeds;
                    let to = from.saturating_add(count.saturating_mul(KEYWORD_SEEDS_PER_SEED));
                    for seed in &seeds[from..to.min(seeds.len())] {
                        for k in seed.keywords_ja() {
                            lexicon.add(k);
                        }
                    }
                    if to < seeds.len() {
                        (Part::Lexicon(index, synonyms, lexicon, to), false)
                    } else {
                        let (synonyms, lexicon) = (*synonyms, *lexicon);
                        (Part::Done(Box::new(Searching { index, synonyms, lexicon })), false)
                    }
                }
                done @ Part::Done(..) => (done, true),
            };
        self.part = part;
        done
    }

    /// The share of the work done, 0.0–1.0.
    pub(crate) fn fraction(&self, n: usize) -> f64 {
        let n = n.max(1) as f64;
        match &self.part {
            Part::Adding(index) => 0.55 * index.len() as f64 / n,
            Part::Finishing(builder) => 0.55 + 0.4 * builder.finish_fraction(),
            Part::Synonyms(..) => 0.95,
            Part::Lexicon(.., from) => 0.97 + 0.03 * (*from as f64 / n).min(1.0),
            Part::Done(..) => 1.0,
        }
    }

    /// Everything, finishing at once what [`SearchBuilder::step`] has not done yet.
    pub(crate) fn finish(mut self, bundle: &Bundle, inst_of: &[Option<u32>]) -> Searching {
        while !self.step(bundle, inst_of, usize::MAX) {}
        match self.part {
            Part::Done(searching) => *searching,
            _ => unreachable!("step returned true"),
        }
    }
}
