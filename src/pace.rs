//! How much loading work one step does, as a plain value: the loader counts its work in seeds'
//! worth, and what a seed's worth costs varies a hundredfold — with the catalogue (long
//! hand-written abstracts or short synthetic ones), the phase (reading, indexing, sorting),
//! the device, and whether the code runs for the first time (a browser compiles WebAssembly
//! functions on their first call). [`Pace`] sizes each step by how long the last one took, so
//! that a slice of loading ends close to its time.

/// The time one step aims at, in ms: once the pace has settled, a step begun just before the
/// end of a slice ends it about this late.
pub const STEP_MS: f64 = 4.0;
/// Seeds' worth of the first step: small, as its code runs for the first time.
pub const FIRST_SEEDS: usize = 4;
/// The most seeds' worth per step. The loader's phases differ a hundredfold in cost per seed
/// (at 100,000 seeds, 16 seeds' worth of the index's bigram lists took 26 ms in a page), and a
/// step is timed only after it ran: a larger cap would let the first step of a costly phase run
/// for far too long. At 16 the time spent between steps stays negligible.
pub const MAX_SEEDS: usize = 16;

/// Seeds' worth of work for the next loader step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    seeds: usize,
}

impl Default for Pace {
    fn default() -> Self {
        Pace { seeds: FIRST_SEEDS }
    }
}

impl Pace {
    /// Seeds' worth for the next step.
    pub fn seeds(self) -> usize {
        self.seeds
    }

    /// The last step took `ms`: halve the work after a step over [`STEP_MS`], double it after
    /// one under a quarter of it (between the two it stays, so it does not swing step by step).
    pub fn took(&mut self, ms: f64) {
        if ms > STEP_MS {
            self.seeds = (self.seeds / 2).max(1);
        } else if ms < STEP_MS / 4.0 {
            self.seeds = (self.seeds * 2).min(MAX_SEEDS);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drives a pace against work costing `ms_per_seed`, returning the step sizes it chose.
    fn steps(ms_per_seed: f64, n: usize) -> Vec<usize> {
        let mut pace = Pace::default();
        (0..n)
            .map(|_| {
                let seeds = pace.seeds();
                pace.took(seeds as f64 * ms_per_seed);
                seeds
            })
            .collect()
    }

    #[test]
    fn cheap_work_grows_to_the_largest_step_and_stays_there() {
        let sizes = steps(0.001, 20);
        assert_eq!(sizes[0], FIRST_SEEDS);
        assert!(sizes.windows(2).all(|w| w[1] >= w[0]));
        assert_eq!(*sizes.last().unwrap(), MAX_SEEDS);
    }

    #[test]
    fn costly_work_shrinks_until_a_step_fits_the_target_time() {
        // 3 ms a seed: one seed a step (3 ms) is the most that fits in STEP_MS.
        let sizes = steps(3.0, 10);
        assert_eq!(&sizes[..3], &[FIRST_SEEDS, 2, 1]);
        assert!(sizes[3..].iter().all(|&s| s == 1));
    }

    #[test]
    fn the_step_settles_where_it_takes_between_a_quarter_and_all_of_the_target() {
        for ms_per_seed in [0.002, 0.03, 0.1, 0.4, 1.5] {
            let sizes = steps(ms_per_seed, 40);
            let settled = &sizes[30..];
            assert!(settled.windows(2).all(|w| w[0] == w[1]), "{ms_per_seed}: {sizes:?}");
            let ms = settled[0] as f64 * ms_per_seed;
            let floor = if settled[0] == MAX_SEEDS { 0.0 } else { STEP_MS / 4.0 };
            assert!((floor..=STEP_MS).contains(&ms), "{ms_per_seed} ms a seed: {ms} ms a step");
        }
    }

    #[test]
    fn work_that_slows_down_mid_load_is_followed_within_a_few_steps() {
        let mut pace = Pace::default();
        for _ in 0..20 {
            let s = pace.seeds();
            pace.took(s as f64 * 0.002);
        }
        assert_eq!(pace.seeds(), MAX_SEEDS);
        // A phase five hundred times costlier per seed: over the target at once, back under it
        // within a few steps (each halving).
        let mut over = 0;
        while pace.seeds() as f64 * 1.0 > STEP_MS {
            let s = pace.seeds();
            pace.took(s as f64 * 1.0);
            over += 1;
        }
        assert!(over <= 3, "{over} steps over the target");
    }
}
