//! Loads a bundle the way the browser app does and prints the heap it takes: the peak while
//! loading, what stays after, and the time. Natively pointers are 8 bytes instead of wasm32's
//! 4, so structures weigh somewhat more than in the browser; compare runs with each other.
//!
//! ```sh
//! cargo run --release -p seed-core --example load_memory -- target/bench/corpus/synth-10000.json
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use seed_core::loader::{Loader, Step};

/// The system allocator, counting live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Bytes pushed at a time, about what a browser's fetch stream delivers.
const CHUNK: usize = 64 * 1024;
/// Seeds per step, as the app's `SEEDS_PER_STEP`.
const STEP_SEEDS: usize = 16;

fn main() {
    let path = std::env::args().nth(1).expect("usage: load_memory BUNDLE.json");
    // The file stands in for the network: its bytes are not counted.
    let bytes = std::fs::read(&path).expect("reading the bundle");
    let file = bytes.len();
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let started = Instant::now();
    let mut loader = Loader::new();
    loader.expect_len(file);
    let mut chunks = bytes.chunks(CHUNK);
    let mut stage = None;
    // The longest single step, and after what stage: no step may come near the app's slice.
    let mut longest = (0.0f64, None, 0usize);
    let mut done = 0usize;
    let engine = loop {
        let t = Instant::now();
        let step = loader.step(STEP_SEEDS).expect("loads");
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if ms > longest.0 {
            longest = (ms, stage, done);
        }
        match step {
            Step::Ready(engine) => break engine,
            Step::NeedInput(_) => match chunks.next() {
                Some(c) => loader.push(c),
                None => loader.end(),
            },
            Step::Working(p) => {
                done = p.done;
                if stage != Some(p.stage) {
                    stage = Some(p.stage);
                    let live = LIVE.load(Ordering::Relaxed) - before;
                    let ms = started.elapsed().as_secs_f64() * 1000.0;
                    eprintln!("  {:?}: heap {} at {ms:.0} ms", p.stage, mb(live));
                }
            }
        }
    };
    // A small catalogue's engine is handed out before its search index: the app then builds it
    // in steps (`prepare_search`), timed here the same way.
    let mut search_steps = (0.0f64, 0.0f64, 0usize);
    while !engine.is_searchable() {
        let at = engine.search_prepared_fraction();
        let t = Instant::now();
        engine.prepare_search(STEP_SEEDS);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        search_steps.2 += 1;
        if ms > search_steps.0 {
            search_steps = (ms, at, search_steps.2);
        }
    }
    if search_steps.2 > 0 {
        eprintln!(
            "  search index after the engine: {} steps, longest {:.1} ms (begun at {:.0} % of the work)",
            search_steps.2,
            search_steps.0,
            search_steps.1 * 100.0
        );
    }
    let elapsed = started.elapsed();
    drop(loader);
    let engine_live = LIVE.load(Ordering::Relaxed) - before;
    // The peak of the load itself, before the bundle is parsed again for comparison below.
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let text = std::str::from_utf8(&bytes).expect("UTF-8");
    let at = LIVE.load(Ordering::Relaxed);
    let bundle = seed_core::Bundle::from_json(text).expect("a bundle");
    let seeds_only = LIVE.load(Ordering::Relaxed) - at;
    drop(bundle);
    eprintln!(
        "  longest step: {:.1} ms (after stage {:?}, {} done)",
        longest.0, longest.1, longest.2
    );
    eprintln!(
        "  of which the parsed bundle alone: {}; the rest (index, facets, orders): {}",
        mb(seeds_only),
        mb(engine_live - seeds_only)
    );
    let live = LIVE.load(Ordering::Relaxed) - before;
    println!(
        "{path}: {} seeds, file {}; load {:.0} ms; heap after load {} ({:.2} × file), peak {} ({:.2} × file)",
        engine.bundle().seeds.len(),
        mb(file),
        elapsed.as_secs_f64() * 1000.0,
        mb(live),
        live as f64 / file as f64,
        mb(peak),
        peak as f64 / file as f64,
    );
}
