//! `cargo bench -p seed-core`: index build time and per-query time (search + facet counts) at
//! 1k, 10k and 100k synthetic seeds, printed as a table.
//!
//! Seeds come from `seed_synth::synth` (a SplitMix64 stream over medical Japanese/English
//! vocabulary, the same generator as `seeds synth`), with the default taxonomy and the
//! synonyms of `data/`. Each query row runs every query of its class repeatedly and reports
//! the mean, median and 95th percentile per query; the "keystrokes" row types queries one
//! character at a time, as the search box does.
//!
//! Options (after `--`): `--sizes 1000,10000` to choose sizes, `--quick` for fewer rounds.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use seed_core::{Bundle, Engine, Facet, Filters, SearchRequest, Sort, Taxonomy};

fn bundle(count: usize) -> Bundle {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let taxonomy: Taxonomy = std::fs::read_to_string(root.join("data/taxonomy.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let synonyms: Vec<Vec<String>> =
        std::fs::read_to_string(root.join("crates/ingest/data/synonyms.tsv"))
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                l.split('\t').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect()
            })
            .collect();
    let s = seed_synth::synth(count, 42);
    let mut b = Bundle::new(taxonomy);
    b.institutions = s.institutions;
    b.seeds = s.seeds.into_iter().map(seed_core::Seed::from).collect();
    b.synonyms = synonyms;
    b
}

const ONE_TERM: &[&str] =
    &["がん", "カテーテル", "cancer", "マウス", "認知症", "diabetes", "癌", "AI"];
const TWO_TERMS: &[&str] = &[
    "がん 治療",
    "カテーテル センサ",
    "drug delivery",
    "iPS細胞 心不全",
    "糖尿病 予測",
    "mouse model",
];
const THREE_TERMS: &[&str] = &[
    "がん 免疫 抗体",
    "脂質ナノ粒子 核酸 肝臓",
    "deep learning images diagnosis",
    "ウェアラブル センサ 高齢者",
    "創傷 ハイドロゲル 感染",
];
const PREFIXES: &[&str] = &["カテ", "immun", "ナノ", "dia", "バイオマ", "thera", "c", "再"];
const KEYSTROKES: &[&str] =
    &["カテーテル 治療", "immunotherapy antibody", "がん 免疫 -マウス", "drug delivery"];
const NEEDS: &[&str] = &[
    "当社は高齢者向けのウェアラブル機器を開発しており、転倒や心不全の悪化を早期に検知できるセンサー技術や解析アルゴリズムを探しています。在宅での連続測定ができることが望ましい。",
    "We are looking for drug delivery technologies such as lipid nanoparticles that can carry nucleic acid drugs to the liver, for a licensing or joint research partnership.",
];

/// CPU time of this thread: on a shared machine wall time includes waiting for a core.
#[cfg(target_os = "linux")]
fn cpu_now() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: clock_gettime writes one Timespec (two 64-bit fields on 64-bit Linux).
    let ok = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    if ok {
        Duration::new(t.sec as u64, t.nsec as u32)
    } else {
        Duration::ZERO
    }
}

#[cfg(not(target_os = "linux"))]
fn cpu_now() -> Duration {
    Duration::ZERO
}

/// Wall and CPU time of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (w, c) = (Instant::now(), cpu_now());
    let out = f();
    (out, w.elapsed(), cpu_now().saturating_sub(c))
}

struct Stats {
    mean: Duration,
    p50: Duration,
    p95: Duration,
    cpu: Duration,
    n: usize,
}

/// Wall-time statistics of `(wall, cpu)` samples, with the mean CPU time.
fn stats(v: Vec<(Duration, Duration)>) -> Stats {
    let n = v.len().max(1);
    let cpu = v.iter().map(|s| s.1).sum::<Duration>() / n as u32;
    let mut w: Vec<Duration> = v.iter().map(|s| s.0).collect();
    w.sort();
    let mean = w.iter().sum::<Duration>() / n as u32;
    Stats {
        mean,
        p50: w[w.len() / 2],
        p95: w[(w.len() * 95 / 100).min(w.len() - 1)],
        cpu,
        n: w.len(),
    }
}

fn time_queries(
    engine: &Engine,
    queries: &[&str],
    rounds: usize,
    filters: &Filters,
) -> (Stats, usize) {
    let mut times = Vec::new();
    let mut hits = 0;
    for _ in 0..rounds {
        for q in queries {
            let req = SearchRequest {
                query: q.to_string(),
                filters: filters.clone(),
                sort: Sort::Relevance,
            };
            let (r, wall, cpu) = timed(|| black_box(engine.search(black_box(&req))));
            times.push((wall, cpu));
            hits += r.hits.len();
        }
    }
    let per = hits / times.len().max(1);
    (stats(times), per)
}

fn keystrokes(queries: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for q in queries {
        let mut s = String::new();
        for c in q.chars() {
            s.push(c);
            out.push(s.clone());
        }
    }
    out
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let quick = args.iter().any(|a| a == "--quick");
    let sizes: Vec<usize> = args
        .iter()
        .position(|a| a == "--sizes")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    if args.iter().any(|a| a == "--list") {
        return;
    }
    if args.iter().any(|a| a == "--build-only") {
        // For profilers: build the largest size repeatedly.
        let b = bundle(*sizes.last().unwrap_or(&10_000));
        let builds: usize = args
            .iter()
            .position(|a| a == "--builds")
            .and_then(|i| args.get(i + 1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(5);
        for _ in 0..builds {
            let copy = b.clone();
            let (e, wall, cpu) = timed(|| black_box(Engine::new(copy)));
            println!("build {} ms wall, {} ms cpu", ms(wall), ms(cpu));
            drop(e);
        }
        return;
    }

    println!(
        "seed-core search benchmark (native, {} build)",
        if cfg!(debug_assertions) { "debug" } else { "release" }
    );
    println!();
    println!(
        "Wall-clock mean/p50/p95 per call, and mean thread CPU time (on a shared machine wall time"
    );
    println!("includes waiting for a core). Every search includes facet counts.");
    println!();
    println!("| seeds | what | calls | mean ms | p50 ms | p95 ms | cpu ms | hits/query |");
    println!("|---:|---|---:|---:|---:|---:|---:|---:|");
    for &n in &sizes {
        let b = bundle(n);
        let text_bytes: usize =
            b.seeds.iter().map(|s| serde_json::to_string(s).map(|j| j.len()).unwrap_or(0)).sum();
        // Build several times (fewer at 100k) and keep the median.
        let builds = if n >= 100_000 || quick { 1 } else { 5 };
        let mut times = Vec::new();
        let mut engine = None;
        for _ in 0..builds {
            let copy = b.clone();
            let (e, wall, cpu) = timed(|| Engine::new(copy));
            times.push((wall, cpu));
            engine = Some(e);
        }
        let engine = engine.expect("built");
        let build = stats(times);
        let st = engine.index_stats();
        println!(
            "| {n} | index build ({:.1} MB seed JSON → {} terms, {} postings, {:.1} MB index) | {} | {} | {} | {} | {} | |",
            text_bytes as f64 / 1e6,
            st.terms,
            st.postings,
            st.bytes as f64 / 1e6,
            build.n,
            ms(build.mean),
            ms(build.p50),
            ms(build.p95),
            ms(build.cpu)
        );
        let rounds = match (n, quick) {
            (_, true) => 2,
            (n, _) if n >= 100_000 => 5,
            (n, _) if n >= 10_000 => 20,
            _ => 100,
        };
        let none = Filters::default();
        let mut device = Filters::default();
        device.insert(Facet::Fields, "device");
        device.insert(Facet::Stage, "clinical");
        device.insert(Facet::Stage, "preclinical");
        let typed = keystrokes(KEYSTROKES);
        let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
        let rows: [(&str, &[&str], &Filters); 8] = [
            ("empty query (all seeds, newest, facets)", &[""], &none),
            ("1 term", ONE_TERM, &none),
            ("2 terms", TWO_TERMS, &none),
            ("3 terms", THREE_TERMS, &none),
            ("prefix (last term typed)", PREFIXES, &none),
            ("2 terms + 2 facet filters", TWO_TERMS, &device),
            ("keystrokes (each prefix of 4 queries)", &typed, &none),
            ("keystrokes + facet filters", &typed, &device),
        ];
        for (name, qs, f) in rows {
            let (s, per) = time_queries(&engine, qs, rounds, f);
            println!(
                "| {n} | {name} | {} | {} | {} | {} | {} | {per} |",
                s.n,
                ms(s.mean),
                ms(s.p50),
                ms(s.p95),
                ms(s.cpu)
            );
        }
        let row = |name: &str, times: Vec<(Duration, Duration)>| {
            if !times.is_empty() {
                let s = stats(times);
                println!(
                    "| {n} | {name} | {} | {} | {} | {} | {} | |",
                    s.n,
                    ms(s.mean),
                    ms(s.p50),
                    ms(s.p95),
                    ms(s.cpu)
                );
            }
        };
        let mut times = Vec::new();
        for _ in 0..rounds.div_ceil(4) {
            for q in NEEDS {
                let (_, w, c) = timed(|| black_box(engine.match_needs(black_box(q), &none, 20)));
                times.push((w, c));
            }
        }
        row("needs statement (top 20)", times);
        let mut times = Vec::new();
        for i in (0..n).step_by((n / 50).max(1)) {
            let (_, w, c) = timed(|| black_box(engine.related(i, 5)));
            times.push((w, c));
        }
        row("related seeds (top 5)", times);
        let mut times = Vec::new();
        let prepared = engine.prepare("カテーテル 治療");
        let r = engine.search_prepared(&prepared, &none, Sort::Relevance);
        for h in r.hits.iter().take(20) {
            let (_, w, c) = timed(|| black_box(engine.highlight(h.seed, &prepared, false)));
            times.push((w, c));
        }
        row("highlight one card (prepared query)", times);
    }
}
