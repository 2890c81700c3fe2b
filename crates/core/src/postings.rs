//! The index's postings, stored compactly: for every term, the seeds that contain it (ascending)
//! and the term's impact in each, in 3 bytes per posting instead of 6 (a `u32` seed and a `u16`
//! impact) — the postings are most of the engine's memory after the seeds' own text.
//!
//! - A seed is stored as its low 16 bits. Catalogues of more than 65,536 seeds are cut into
//!   blocks of 65,536; each term records where its postings of each further block start
//!   (`blocks − 1` positions per term, none up to 65,536 seeds), so the high bits cost nothing
//!   per posting and a term's seeds can still be searched by bisection.
//! - An impact is one byte on a logarithmic scale from [`MIN_IMPACT`] to the index's largest
//!   impact: every value keeps its size within ±[`Postings`]' half step (about 1.5 %), small and
//!   large alike, where a linear byte would flatten the small impacts of long fields to zero.
//!
//! All postings live in flat arrays (CSR layout); a term is a range. Leaf module: it imports
//! nothing of the crate.

/// Seeds per block: what the stored low bits can tell apart.
const BLOCK: u32 = 1 << 16;

/// The smallest impact told apart from its neighbours; smaller ones are stored as this. (A
/// meta-field match in a field 100 times the average length weighs about 0.03.)
pub const MIN_IMPACT: f32 = 0.01;

/// Number of impact codes (1–255; 0 is never stored).
const CODES: usize = 256;

/// Every term's postings in flat arrays.
#[derive(Debug, Clone, PartialEq)]
pub struct PostingLists {
    /// Where each term's postings start; one more entry than terms.
    offsets: Vec<u32>,
    /// The low 16 bits of each posting's seed.
    low: Vec<u16>,
    /// Each posting's impact code.
    codes: Vec<u8>,
    /// Per term, `blocks − 1` positions (relative to the term's start) where the postings of
    /// blocks 1, 2, … start.
    block_starts: Vec<u32>,
    /// Blocks of [`BLOCK`] seeds: at least 1.
    blocks: u32,
    /// The impact each code stands for.
    values: Vec<f32>,
    /// `ln(MIN_IMPACT)` and codes per unit of log impact, for encoding.
    log_min: f32,
    per_log: f32,
}

impl Default for PostingLists {
    fn default() -> Self {
        PostingLists::with_counts(Vec::new(), 0, 1.0)
    }
}

impl PostingLists {
    /// Lists for `counts[t]` postings of each term `t`, over `seeds` seeds, with impacts up to
    /// `max_impact`. Make their room with [`PostingLists::make_room`], fill it with
    /// [`PostingLists::push`], each term's seeds in ascending order, then call
    /// [`PostingLists::finish`]. The counts become the offsets in place, and serve as each
    /// term's next free slot while filling: no other array per term is needed at the moment
    /// the postings take their room (the load's high-water mark).
    pub fn with_counts(mut counts: Vec<u32>, seeds: usize, max_impact: f32) -> Self {
        let mut acc = 0u32;
        for c in counts.iter_mut() {
            let n = *c;
            *c = acc;
            acc += n;
        }
        counts.push(acc);
        let offsets = counts;
        let terms = offsets.len() - 1;
        let blocks = (seeds as u32).div_ceil(BLOCK).max(1);
        let log_min = MIN_IMPACT.ln();
        let per_log = (CODES - 2) as f32 / (max_impact.max(MIN_IMPACT * 2.0).ln() - log_min);
        let values = (0..CODES)
            .map(|c| if c == 0 { 0.0 } else { (log_min + (c - 1) as f32 / per_log).exp() })
            .collect();
        PostingLists {
            block_starts: vec![u32::MAX; terms * (blocks as usize - 1)],
            offsets,
            low: Vec::with_capacity(acc as usize),
            codes: Vec::with_capacity(acc as usize),
            blocks,
            values,
            log_min,
            per_log,
        }
    }

    /// Zeroes up to `count` more postings' room (reserved, never moved); true when every
    /// posting has its room. In steps because writing tens of megabytes at once held the page
    /// for 40 ms at 100,000 seeds (the wasm allocator zeroes what it hands out by writing it).
    pub fn make_room(&mut self, count: usize) -> bool {
        let total = self.total();
        let to = self.low.len().saturating_add(count).min(total);
        self.low.resize(to, 0);
        self.codes.resize(to, 0);
        to == total
    }

    /// The share of the postings' room made, 0.0–1.0.
    pub fn room_fraction(&self) -> f64 {
        self.low.len() as f64 / self.total().max(1) as f64
    }

    /// Postings of every term: the offsets' last entry, which filling never moves.
    fn total(&self) -> usize {
        self.offsets.last().map_or(0, |&t| t as usize)
    }

    /// Adds term `t`'s next posting: `seed` (above the term's previous one) with `impact`.
    #[inline]
    pub fn push(&mut self, t: u32, seed: u32, impact: f32) {
        let at = self.offsets[t as usize];
        self.offsets[t as usize] += 1;
        self.low[at as usize] = seed as u16;
        self.codes[at as usize] = self.encode(impact);
        let block = seed / BLOCK;
        if block > 0 {
            let per_term = self.blocks as usize - 1;
            let starts = &mut self.block_starts[t as usize * per_term..][..block as usize];
            // Every block up to this seed's that has no start yet starts here (an absolute
            // position until `finish`).
            for s in starts.iter_mut().rev() {
                if *s != u32::MAX {
                    break;
                }
                *s = at;
            }
        }
    }

    /// Ends the filling (after the last [`PostingLists::push`]): the offsets, each now its
    /// term's end, move one term on; block starts become relative to their term, and blocks
    /// no posting of a term reached start at its end.
    pub fn finish(&mut self) {
        let terms = self.offsets.len() - 1;
        self.offsets.copy_within(0..terms, 1);
        if let Some(first) = self.offsets.first_mut() {
            *first = 0;
        }
        let per_term = self.blocks as usize - 1;
        if per_term == 0 {
            return;
        }
        for (t, starts) in self.block_starts.chunks_mut(per_term).enumerate() {
            let (from, to) = (self.offsets[t], self.offsets[t + 1]);
            for s in starts.iter_mut() {
                *s = if *s == u32::MAX { to - from } else { *s - from };
            }
        }
    }

    #[inline]
    fn encode(&self, impact: f32) -> u8 {
        let c = (impact.max(MIN_IMPACT).ln() - self.log_min) * self.per_log + 1.5;
        c.clamp(1.0, (CODES - 1) as f32) as u8
    }

    /// Number of terms.
    pub fn terms(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Number of postings.
    pub fn len(&self) -> usize {
        self.low.len()
    }

    /// True when there are no postings.
    pub fn is_empty(&self) -> bool {
        self.low.is_empty()
    }

    /// Number of seeds containing term `t`.
    #[inline]
    pub fn df(&self, t: u32) -> usize {
        (self.offsets[t as usize + 1] - self.offsets[t as usize]) as usize
    }

    /// Where term `t`'s postings start (`offsets`), for spreading work over terms.
    pub fn offsets(&self) -> &[u32] {
        &self.offsets
    }

    /// Term `t`'s postings.
    #[inline]
    pub fn get(&self, t: u32) -> Postings<'_> {
        let (a, b) = (self.offsets[t as usize] as usize, self.offsets[t as usize + 1] as usize);
        let per_term = self.blocks as usize - 1;
        Postings {
            low: &self.low[a..b],
            codes: &self.codes[a..b],
            starts: &self.block_starts[t as usize * per_term..][..per_term],
            values: &self.values,
        }
    }

    /// Heap bytes held.
    pub fn bytes(&self) -> usize {
        self.offsets.len() * 4 + self.low.len() * 3 + self.block_starts.len() * 4 + CODES * 4
    }
}

/// One term's postings: its seeds in ascending order, each with the term's impact there.
#[derive(Debug, Clone, Copy)]
pub struct Postings<'a> {
    low: &'a [u16],
    codes: &'a [u8],
    starts: &'a [u32],
    values: &'a [f32],
}

impl<'a> Postings<'a> {
    /// Number of seeds.
    pub fn len(&self) -> usize {
        self.low.len()
    }

    /// True when no seed contains the term.
    pub fn is_empty(&self) -> bool {
        self.low.is_empty()
    }

    /// The seeds with their impacts, ascending.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = (u32, f32)> + 'a {
        let (codes, values) = (self.codes, self.values);
        self.seeds().zip(codes).map(move |(d, &c)| (d, values[c as usize]))
    }

    /// The seeds, ascending.
    #[inline]
    pub fn seeds(&self) -> impl Iterator<Item = u32> + 'a {
        let (low, starts) = (self.low, self.starts);
        // Block b's postings are `bounds(b)`; most catalogues have one block.
        (0..=starts.len()).flat_map(move |b| {
            let from = if b == 0 { 0 } else { starts[b - 1] as usize };
            let to = starts.get(b).map_or(low.len(), |&s| s as usize);
            let high = (b as u32) * BLOCK;
            low[from..to].iter().map(move |&l| high | u32::from(l))
        })
    }

    /// Calls `f` with every seed and its impact, ascending: [`Postings::iter`] as plain loops,
    /// for the search's hot paths (the size-tuned wasm build does not inline iterator chains).
    #[inline(always)]
    pub fn for_each(&self, mut f: impl FnMut(u32, f32)) {
        let mut from = 0;
        for b in 0..=self.starts.len() {
            let to = if b < self.starts.len() { self.starts[b] as usize } else { self.low.len() };
            let high = (b as u32) * BLOCK;
            let (low, codes) = (&self.low[from..to], &self.codes[from..to]);
            for i in 0..low.len() {
                f(high | u32::from(low[i]), self.values[codes[i] as usize]);
            }
            from = to;
        }
    }

    /// The impact in `seed` (0 when the term is not in it), by bisection.
    pub fn impact_of(&self, seed: u32) -> f32 {
        let b = (seed / BLOCK) as usize;
        if b > self.starts.len() {
            return 0.0;
        }
        let from = if b == 0 { 0 } else { self.starts[b - 1] as usize };
        let to = self.starts.get(b).map_or(self.low.len(), |&s| s as usize);
        match self.low[from..to].binary_search(&(seed as u16)) {
            Ok(i) => self.values[self.codes[from + i] as usize],
            Err(_) => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lists filled from `(term, seed, impact)` triples, seeds ascending per term.
    fn filled(terms: usize, seeds: usize, posts: &[(u32, u32, f32)]) -> PostingLists {
        let mut counts = vec![0u32; terms];
        posts.iter().for_each(|&(t, _, _)| counts[t as usize] += 1);
        let mut lists = PostingLists::with_counts(counts, seeds, 20.0);
        // Room made a few postings a step, as the loader makes it.
        let mut made = 0.0;
        while !lists.make_room(3) {
            assert!(lists.room_fraction() > made, "each step makes more room");
            made = lists.room_fraction();
        }
        assert_eq!(lists.len(), posts.len(), "room for every posting, no more");
        for &(t, d, x) in posts {
            lists.push(t, d, x);
        }
        lists.finish();
        lists
    }

    #[test]
    fn a_term_gives_back_its_seeds_in_order_and_nothing_else() {
        let lists = filled(3, 10, &[(0, 1, 1.0), (0, 7, 2.0), (2, 3, 5.0)]);
        assert_eq!(lists.get(0).seeds().collect::<Vec<_>>(), [1, 7]);
        assert!(lists.get(1).is_empty());
        assert_eq!(lists.get(2).seeds().collect::<Vec<_>>(), [3]);
        assert_eq!(lists.len(), 3);
        assert_eq!(lists.df(0), 2);
    }

    #[test]
    fn seeds_beyond_65536_keep_their_high_bits() {
        let seeds = [5u32, 65_535, 65_536, 70_000, 200_001];
        let posts: Vec<_> = seeds.iter().map(|&d| (1, d, 3.0)).collect();
        let mut all = vec![(0, 131_072, 1.0)];
        all.extend(posts);
        let lists = filled(3, 250_000, &all);
        assert_eq!(lists.get(1).seeds().collect::<Vec<_>>(), seeds);
        assert_eq!(lists.get(0).seeds().collect::<Vec<_>>(), [131_072]);
        assert!(lists.get(2).seeds().next().is_none());
        for d in seeds {
            assert!(lists.get(1).impact_of(d) > 0.0, "seed {d}");
        }
        // Same low bits, another block: absent.
        assert_eq!(lists.get(1).impact_of(5 + 65_536 * 2), 0.0);
        assert_eq!(lists.get(0).impact_of(0), 0.0);
    }

    #[test]
    fn impacts_keep_their_size_within_two_percent_from_small_to_large() {
        let xs = [0.02f32, 0.1, 0.37, 1.0, 2.5, 7.0, 19.9];
        let posts: Vec<_> = xs.iter().enumerate().map(|(d, &x)| (0, d as u32, x)).collect();
        let lists = filled(1, xs.len(), &posts);
        for ((d, got), want) in lists.get(0).iter().zip(xs) {
            assert!((got / want - 1.0).abs() < 0.02, "seed {d}: {got} for {want}");
            assert_eq!(lists.get(0).impact_of(d), got);
        }
    }

    #[test]
    fn a_larger_impact_never_stores_smaller() {
        let lists = PostingLists::with_counts(Vec::new(), 1, 20.0);
        let mut last = 0;
        for i in 0..2000 {
            let c = lists.encode(i as f32 * 0.01);
            assert!(c >= last && c >= 1);
            last = c;
        }
    }
}
