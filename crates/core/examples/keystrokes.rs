//! Times every keystroke of the browser bench's typed sequences natively: query preparation
//! (parsing, expansions) and the search itself (matching, ranking, facet counts, order), each
//! the median of several runs, so the slow keystrokes can be found and profiled.
//!
//! ```sh
//! cargo run --release -p seed-core --example keystrokes -- target/bench/corpus/synth-10000.json
//! ```

use std::time::Instant;

use seed_core::{Bundle, Engine, Filters, Sort};

/// The sequences of `tests/bench/queries.mjs` (each value the search box holds after a key).
fn sequences() -> Vec<Vec<String>> {
    let chars = |t: &str| -> Vec<String> {
        let c: Vec<char> = t.chars().collect();
        (1..=c.len()).map(|i| c[..i].iter().collect()).collect()
    };
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        words(&["が", "がん", "がん 免", "がん 免疫"]),
        words(&["か", "かて", "かてー", "かてーて", "かてーてる", "カテーテル"]),
        words(&["に", "にん", "にんち", "にんちしょ", "にんちしょう", "認知症"]),
        words(&["さ", "さい", "さいせい", "再生", "再生い", "再生いりょう", "再生医療"]),
        words(&[
            "す",
            "すい",
            "すいぞう",
            "膵臓",
            "膵臓が",
            "膵臓がん",
            "膵臓がん ば",
            "膵臓がん ばいお",
            "膵臓がん バイオマーカー",
        ]),
        chars("cancer"),
        chars("catheter"),
        chars("lung cancer antibody"),
        chars("drug delivery"),
        chars("alzhiemer"),
        words(&["i", "iP", "iPS", "iPS さ", "iPS さいぼう", "iPS 細胞"]),
    ]
}

/// Passes over the sequences (each keystroke's median is kept), unless `KEYSTROKE_RUNS` says
/// how many: more passes make the searches outweigh the load in a profile. A pass types every
/// sequence in order, as the browser bench does, so what the engine keeps from one keystroke
/// for the next (the run bonus's normalized fields) helps as much as it does in the app.
const RUNS: usize = 7;

fn main() {
    let path = std::env::args().nth(1).expect("usage: keystrokes BUNDLE.json");
    let text = std::fs::read_to_string(&path).expect("reading the bundle");
    let engine = Engine::new(Bundle::from_json(&text).expect("a bundle"));
    let runs = std::env::var("KEYSTROKE_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(RUNS);
    // `KEYSTROKE_ONLY=value` times that one value (to profile it alone).
    let only = std::env::var("KEYSTROKE_ONLY").ok();
    let keys: Vec<String> = sequences()
        .into_iter()
        .flatten()
        .filter(|q| only.as_ref().is_none_or(|o| o == q))
        .collect();
    // Per keystroke: preparation and search times, and the hits.
    let mut times = vec![(Vec::new(), Vec::new(), 0); keys.len()];
    for _ in 0..runs {
        for (q, (prep, search, hits)) in keys.iter().zip(&mut times) {
            let t = Instant::now();
            let p = engine.prepare(q);
            let t1 = Instant::now();
            let r = engine.search_prepared(&p, &Filters::default(), Sort::Relevance);
            let t2 = Instant::now();
            *hits = r.hits.len();
            prep.push((t1 - t).as_secs_f64() * 1e3);
            search.push((t2 - t1).as_secs_f64() * 1e3);
        }
    }
    let mut rows = Vec::new();
    for (q, (mut prep, mut search, hits)) in keys.into_iter().zip(times) {
        prep.sort_by(f64::total_cmp);
        search.sort_by(f64::total_cmp);
        rows.push((q, prep[runs / 2], search[runs / 2], hits));
    }
    let mut total: Vec<f64> = rows.iter().map(|r| r.1 + r.2).collect();
    total.sort_by(f64::total_cmp);
    let pct = |p: f64| total[((p * total.len() as f64).ceil() as usize).saturating_sub(1)];
    rows.sort_by(|a, b| (b.1 + b.2).total_cmp(&(a.1 + a.2)));
    for (q, p, s, hits) in rows.iter().take(20) {
        println!("{:>7.3} ms  prepare {p:>6.3}  search {s:>6.3}  {hits:>6} hits  {q:?}", p + s);
    }
    let (prep, search): (f64, f64) = rows.iter().fold((0.0, 0.0), |(p, s), r| (p + r.1, s + r.2));
    println!(
        "{} keystrokes: p50 {:.3} ms, p95 {:.3} ms; medians summed: prepare {prep:.2} ms, search {search:.2} ms",
        total.len(),
        pct(0.5),
        pct(0.95)
    );
}
