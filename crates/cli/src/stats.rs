//! `seeds stats`: what a bundle holds — seeds per facet value (with labels) and per
//! institution, seeds missing English or key fields, and size figures — as a report for
//! people or, with `--json`, for scripts.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use seed_core::facets::seed_values;
use seed_core::index::{field_texts, NF};
use seed_core::tokenize::{tokenize, Kind, Mode};
use seed_core::{Bundle, Engine, Facet, Institution, Seed, UNSET};
use serde::Serialize;

use crate::term::{self, escape as esc};

/// Arguments of `seeds stats`.
#[derive(Args)]
pub struct StatsArgs {
    /// The bundle to describe.
    bundle: PathBuf,
    /// Print JSON instead of a report.
    #[arg(long)]
    json: bool,
    /// List every seed id under each gap instead of the first five.
    #[arg(long)]
    all: bool,
}

/// Everything `seeds stats` reports.
#[derive(Debug, Serialize)]
pub struct Stats {
    /// Bundle title, if any.
    pub title: Option<String>,
    /// Bundle format version.
    pub version: String,
    /// Size figures.
    pub size: Size,
    /// Where the search index comes from (each reader builds it; an old index in the file is
    /// not used).
    pub search_index: String,
    /// The search index's size and how the vocabulary grows with the text.
    pub index: IndexFigures,
    /// One entry per taxonomy vocabulary, in taxonomy order.
    pub facets: Vec<VocabularyCounts>,
    /// Seeds per institution, in bundle order.
    pub institutions: Vec<InstitutionCount>,
    /// Seeds per TRL (1–9); `unspecified` for none.
    pub trl: BTreeMap<String, usize>,
    /// Seeds per year of their last update.
    pub updated_by_year: BTreeMap<String, usize>,
    /// Seeds missing something a visitor looks for.
    pub gaps: Vec<Gap>,
    /// Per institution, its seeds lacking what a seed should have (summary, stage, field,
    /// update date) and whether the institution has a region: whom to ask for what.
    pub gaps_by_institution: Vec<InstitutionGaps>,
}

/// What one institution's seeds lack.
#[derive(Debug, Serialize)]
pub struct InstitutionGaps {
    /// Institution id.
    pub id: String,
    /// Its seeds.
    pub seeds: usize,
    /// Missing field (`summary_ja`, `stage`, `fields`, `updated`) → seeds lacking it.
    pub missing: BTreeMap<String, usize>,
    /// The institution has no region (shown as 未設定 / not given).
    pub no_region: bool,
}

/// What a seed should have: key, description, and the check that it lacks it.
type Expected = (&'static str, &'static str, fn(&Seed) -> bool);

/// The fields a seed should have and may be published without (see `seeds build`).
const EXPECTED: [Expected; 4] = [
    ("summary_ja", "no Japanese summary", |s| s.summary_ja().trim().is_empty()),
    ("stage", "no stage (未設定)", |s| s.stage().is_empty()),
    ("fields", "no field (未設定)", |s| s.fields().is_empty()),
    ("updated", "no update date", |s| s.updated().is_empty()),
];

/// Size figures.
#[derive(Debug, Serialize)]
pub struct Size {
    /// The bundle file's size.
    pub bytes: u64,
    /// Seeds.
    pub seeds: usize,
    /// Institutions.
    pub institutions: usize,
    /// Synonym groups.
    pub synonym_groups: usize,
    /// Terms in all synonym groups.
    pub synonym_terms: usize,
    /// Bytes of each part of the bundle as serialized (compact JSON).
    pub bytes_by_part: BTreeMap<String, u64>,
    /// Mean bytes per seed.
    pub bytes_per_seed: u64,
}

/// The search index of a bundle, as the engine builds it, and the growth of its vocabulary.
#[derive(Debug, Serialize)]
pub struct IndexFigures {
    /// Distinct index terms: words and CJK grams.
    pub terms: usize,
    /// Distinct words (letters and digits).
    pub words: usize,
    /// (term, seed) pairs.
    pub postings: usize,
    /// Approximate bytes of the index in memory.
    pub bytes: usize,
    /// The same per seed.
    pub bytes_per_seed: usize,
    /// Distinct terms and words after the first 1/16, 1/8, 1/4, 1/2 and all of the seeds.
    pub growth: Vec<Growth>,
    /// Heaps' law `terms = K · tokens^β` fitted to `growth`: β (real text: about 0.4–0.7).
    pub heaps_beta_terms: f64,
    /// The same for words only.
    pub heaps_beta_words: f64,
}

/// The vocabulary after some of the seeds.
#[derive(Debug, Serialize)]
pub struct Growth {
    /// Seeds read.
    pub seeds: usize,
    /// Tokens in them.
    pub tokens: usize,
    /// Distinct terms (words and CJK grams) among those tokens.
    pub terms: usize,
    /// Distinct words among them.
    pub words: usize,
}

/// Counts for one vocabulary.
#[derive(Debug, Serialize)]
pub struct VocabularyCounts {
    /// The vocabulary key (`fields`, `stage`, ...).
    pub key: String,
    /// Japanese heading.
    pub label_ja: String,
    /// English heading.
    pub label_en: String,
    /// Every value of the vocabulary, with its count (zero included), in display order.
    pub values: Vec<ValueCount>,
    /// Seeds with no value for this facet.
    pub unspecified: usize,
}

/// One vocabulary value and how many seeds have it.
#[derive(Debug, Serialize)]
pub struct ValueCount {
    /// Value id.
    pub id: String,
    /// Japanese label.
    pub ja: String,
    /// English label.
    pub en: String,
    /// Seeds with this value.
    pub seeds: usize,
}

/// Seeds of one institution.
#[derive(Debug, Serialize)]
pub struct InstitutionCount {
    /// Institution id.
    pub id: String,
    /// Japanese name.
    pub name_ja: String,
    /// English name.
    pub name_en: Option<String>,
    /// Region id.
    pub region: String,
    /// Seeds it offers.
    pub seeds: usize,
}

/// Seeds lacking one thing.
#[derive(Debug, Serialize)]
pub struct Gap {
    /// What is missing, as a key (`title_en`, `summary_en`, `advantages`, ...).
    pub missing: String,
    /// The same for people.
    pub description: String,
    /// Ids of the seeds concerned, in bundle order.
    pub seeds: Vec<String>,
}

/// Runs `seeds stats`.
pub fn run(args: &StatsArgs) -> Result<ExitCode> {
    let text = fs::read_to_string(&args.bundle)
        .with_context(|| format!("reading {}", args.bundle.display()))?;
    let bundle = Bundle::from_json(&text)?;
    let mut stats = compute(&bundle, text.len() as u64);
    stats.search_index = search_index(&text);
    if args.json {
        println!("{}", term::json(&serde_json::to_string_pretty(&stats)?));
    } else {
        print!("{}", report(&stats, args.all));
    }
    Ok(ExitCode::SUCCESS)
}

/// Computes the statistics of a bundle whose file has `bytes` bytes.
pub fn compute(bundle: &Bundle, bytes: u64) -> Stats {
    let institution: BTreeMap<&str, &Institution> =
        bundle.institutions.iter().map(|i| (i.id.as_str(), i)).collect();
    let facets = bundle
        .taxonomy
        .facets
        .iter()
        .map(|vocab| {
            // A vocabulary that is no facet (the bundle format allows them) has no seed values.
            let facet = vocab.key.parse::<Facet>().ok();
            let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
            let mut unspecified = 0;
            for seed in &bundle.seeds {
                let inst = || institution.get(seed.institution()).copied();
                let mut vs = facet.map(|f| seed_values(inst(), seed, f)).unwrap_or_default();
                vs.retain(|v| *v != UNSET);
                unspecified += usize::from(vs.is_empty());
                for v in vs {
                    *counts.entry(v).or_default() += 1;
                }
            }
            let mut values: Vec<ValueCount> = vocab
                .values
                .iter()
                .map(|t| ValueCount {
                    id: t.id.clone(),
                    ja: t.ja.clone(),
                    en: t.en.clone(),
                    seeds: counts.remove(t.id.as_str()).unwrap_or(0),
                })
                .collect();
            // Values outside the vocabulary cannot come from `seeds build`, but show them if present.
            values.extend(counts.into_iter().map(|(id, seeds)| ValueCount {
                id: id.to_string(),
                ja: id.to_string(),
                en: id.to_string(),
                seeds,
            }));
            VocabularyCounts {
                key: vocab.key.clone(),
                label_ja: vocab.label_ja.clone(),
                label_en: vocab.label_en.clone(),
                values,
                unspecified,
            }
        })
        .collect();
    let mut per_institution: BTreeMap<&str, usize> = BTreeMap::new();
    let mut trl: BTreeMap<String, usize> = BTreeMap::new();
    let mut years: BTreeMap<String, usize> = BTreeMap::new();
    for s in &bundle.seeds {
        *per_institution.entry(s.institution()).or_default() += 1;
        let key = s.trl().map_or_else(|| "unspecified".to_string(), |t| t.to_string());
        *trl.entry(key).or_default() += 1;
        *years.entry(s.updated().chars().take(4).collect()).or_default() += 1;
    }
    let institutions = bundle
        .institutions
        .iter()
        .map(|i| InstitutionCount {
            id: i.id.clone(),
            name_ja: i.name_ja.clone(),
            name_en: i.name_en.clone(),
            region: i.region.clone(),
            seeds: per_institution.get(i.id.as_str()).copied().unwrap_or(0),
        })
        .collect();
    type Check = fn(&Seed) -> bool;
    let checks: [(&str, &str, Check); 8] = [
        ("title_en", "no English title", |s| s.title_en().is_none()),
        ("summary_en", "no English summary", |s| s.summary_en().is_none()),
        ("advantages", "no advantages (優位性)", |s| {
            s.advantages_ja().is_none() && s.advantages_en().is_none()
        }),
        ("applications", "no applications (想定用途)", |s| {
            s.applications_ja().is_none() && s.applications_en().is_none()
        }),
        ("contact", "no contact (e-mail or URL)", |s| {
            s.contact_email().is_none() && s.contact_url().is_none()
        }),
        ("keywords", "no keywords", |s| s.keywords_ja().is_empty() && s.keywords_en().is_empty()),
        ("ip_status", "no IP status", |s| s.ip_status().is_none()),
        ("trl", "no TRL", |s| s.trl().is_none()),
    ];
    let gaps = EXPECTED
        .iter()
        .chain(&checks)
        .map(|(key, description, check)| Gap {
            missing: key.to_string(),
            description: description.to_string(),
            seeds: bundle.seeds.iter().filter(|s| check(s)).map(|s| s.id().to_string()).collect(),
        })
        .collect();
    let gaps_by_institution = bundle
        .institutions
        .iter()
        .map(|i| {
            let own: Vec<&Seed> = bundle.seeds.iter().filter(|s| s.institution() == i.id).collect();
            let missing = EXPECTED
                .iter()
                .map(|(key, _, lacks)| (key.to_string(), own.iter().filter(|s| lacks(s)).count()))
                .filter(|(_, n)| *n > 0)
                .collect();
            InstitutionGaps {
                id: i.id.clone(),
                seeds: own.len(),
                missing,
                no_region: i.region.is_empty(),
            }
        })
        .filter(|g| !g.missing.is_empty() || g.no_region)
        .collect();
    let part = |v: &dyn erased::Ser| v.len();
    let mut bytes_by_part = BTreeMap::new();
    bytes_by_part.insert("taxonomy".to_string(), part(&bundle.taxonomy));
    bytes_by_part.insert("institutions".to_string(), part(&bundle.institutions));
    bytes_by_part.insert("seeds".to_string(), part(&bundle.seeds));
    bytes_by_part.insert("synonyms".to_string(), part(&bundle.synonyms));
    let seed_bytes = bytes_by_part["seeds"];
    Stats {
        title: bundle.title.clone(),
        version: bundle.version.clone(),
        search_index: BUILT_WHILE_LOADING.to_string(),
        index: index_figures(bundle),
        size: Size {
            bytes,
            seeds: bundle.seeds.len(),
            institutions: bundle.institutions.len(),
            synonym_groups: bundle.synonyms.len(),
            synonym_terms: bundle.synonyms.iter().map(Vec::len).sum(),
            bytes_by_part,
            bytes_per_seed: seed_bytes.checked_div(bundle.seeds.len() as u64).unwrap_or(0),
        },
        facets,
        institutions,
        trl,
        updated_by_year: years,
        gaps,
        gaps_by_institution,
    }
}

/// What `search_index` says of a bundle without an index: every reader builds its own.
const BUILT_WHILE_LOADING: &str = "built by each reader while loading";

/// Where the search index comes from. Bundles of format 1.1 could carry a precomputed index;
/// no reader uses it any more (an index that does not belong to the seeds beside it would
/// answer with other seeds), so each reader indexes the seeds itself.
fn search_index(text: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Carried {
        index: Option<serde::de::IgnoredAny>,
    }
    match serde_json::from_str::<Carried>(text) {
        Ok(Carried { index: Some(_) }) => format!(
            "the file carries an index from an older version, not used: {BUILT_WHILE_LOADING}"
        ),
        _ => BUILT_WHILE_LOADING.to_string(),
    }
}

/// The index the engine builds for `bundle`, and its vocabulary's growth.
fn index_figures(bundle: &Bundle) -> IndexFigures {
    let plain = bundle.clone();
    let n = plain.seeds.len();
    let growth = vocabulary_growth(&plain);
    let ix = Engine::new(plain).index_stats();
    let beta = |f: fn(&Growth) -> usize| {
        heaps_beta(&growth.iter().map(|g| (g.tokens as f64, f(g) as f64)).collect::<Vec<_>>())
    };
    IndexFigures {
        terms: ix.terms,
        words: ix.words,
        postings: ix.postings,
        bytes: ix.bytes,
        bytes_per_seed: ix.bytes.checked_div(n).unwrap_or(0),
        heaps_beta_terms: beta(|g| g.terms),
        heaps_beta_words: beta(|g| g.words),
        growth,
    }
}

/// Distinct terms after 1/16, 1/8, 1/4, 1/2 and all of the seeds, tokenized as the index
/// tokenizes them.
fn vocabulary_growth(bundle: &Bundle) -> Vec<Growth> {
    let n = bundle.seeds.len();
    let mut marks: Vec<usize> = [16, 8, 4, 2, 1].iter().map(|d| n / d).filter(|&m| m > 0).collect();
    marks.dedup();
    let (mut grams, mut words) = (HashSet::new(), HashSet::new());
    let mut tokens = 0;
    let mut out = Vec::new();
    for (i, seed) in bundle.seeds.iter().enumerate() {
        let inst = bundle.institution(seed.institution());
        for field in 0..NF {
            field_texts(seed, inst, field, |text| {
                tokenize(text, Mode::Document, |t| match t.kind {
                    Kind::Gram(k) => {
                        tokens += 1;
                        grams.insert(k);
                    }
                    Kind::Word(w) => {
                        tokens += 1;
                        if !words.contains(w) {
                            words.insert(w.to_string());
                        }
                    }
                    Kind::Char(_) => {}
                })
            });
        }
        if marks.contains(&(i + 1)) {
            let (terms, words) = (grams.len() + words.len(), words.len());
            out.push(Growth { seeds: i + 1, tokens, terms, words });
        }
    }
    out
}

/// The least-squares slope of ln(y) over ln(x): Heaps' exponent β of `y = K · x^β` (0 with
/// fewer than two usable points).
fn heaps_beta(points: &[(f64, f64)]) -> f64 {
    let logs: Vec<(f64, f64)> = points
        .iter()
        .filter(|(x, y)| *x > 0.0 && *y > 0.0)
        .map(|(x, y)| (x.ln(), y.ln()))
        .collect();
    let k = logs.len() as f64;
    if logs.len() < 2 {
        return 0.0;
    }
    let (mx, my) = logs.iter().fold((0.0, 0.0), |(a, b), (x, y)| (a + x / k, b + y / k));
    let sxy: f64 = logs.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = logs.iter().map(|(x, _)| (x - mx) * (x - mx)).sum();
    if sxx > 0.0 {
        sxy / sxx
    } else {
        0.0
    }
}

/// Serialized length of anything serializable, without naming its type.
mod erased {
    pub trait Ser {
        fn len(&self) -> u64;
    }

    impl<T: serde::Serialize> Ser for T {
        fn len(&self) -> u64 {
            serde_json::to_vec(self).map_or(0, |v| v.len() as u64)
        }
    }
}

/// The report for people. Every text from the bundle in it is escaped for the terminal.
pub fn report(stats: &Stats, all: bool) -> String {
    let mut out = String::new();
    let seeds = stats.size.seeds.max(1);
    let pct = |n: usize| n * 100 / seeds;
    let title = esc(stats.title.as_deref().unwrap_or("(untitled)"));
    let _ = writeln!(out, "{title} — bundle version {}", esc(&stats.version));
    let _ = writeln!(
        out,
        "{} bytes ({}); {} seeds, {} institutions, {} synonym groups ({} terms); {} bytes per seed",
        stats.size.bytes,
        human(stats.size.bytes),
        stats.size.seeds,
        stats.size.institutions,
        stats.size.synonym_groups,
        stats.size.synonym_terms,
        stats.size.bytes_per_seed
    );
    let parts: Vec<String> =
        stats.size.bytes_by_part.iter().map(|(k, v)| format!("{k} {}", human(*v))).collect();
    let _ = writeln!(out, "parts: {}", parts.join(", "));
    let _ = writeln!(out, "search index: {}", esc(&stats.search_index));
    let ix = &stats.index;
    let _ = writeln!(
        out,
        "index: {} terms ({} words), {} postings, {} in memory ({} bytes per seed)",
        ix.terms,
        ix.words,
        ix.postings,
        human(ix.bytes as u64),
        ix.bytes_per_seed
    );
    let growth: Vec<String> =
        ix.growth.iter().map(|g| format!("{} seeds {} terms", g.seeds, g.terms)).collect();
    let _ = writeln!(
        out,
        "vocabulary: {}; Heaps' β {:.2} (terms), {:.2} (words)",
        growth.join(", "),
        ix.heaps_beta_terms,
        ix.heaps_beta_words
    );
    for facet in &stats.facets {
        let _ = writeln!(out, "\n{} / {}", esc(&facet.label_ja), esc(&facet.label_en));
        for v in &facet.values {
            let label = format!("{} / {}", esc(&v.ja), esc(&v.en));
            let id = esc(&v.id);
            let _ = writeln!(out, "  {id:<20} {label:<44} {:>7}  {:>3}%", v.seeds, pct(v.seeds));
        }
        if facet.unspecified > 0 {
            let _ = writeln!(
                out,
                "  {:<20} {:<44} {:>7}  {:>3}%",
                "-",
                "(unspecified)",
                facet.unspecified,
                pct(facet.unspecified)
            );
        }
    }
    let _ = writeln!(out, "\nTRL");
    for (k, n) in &stats.trl {
        let _ = writeln!(out, "  {:<12} {n:>7}", esc(k));
    }
    let _ = writeln!(out, "\nLast updated");
    for (k, n) in &stats.updated_by_year {
        let _ = writeln!(out, "  {:<12} {n:>7}", esc(k));
    }
    let _ = writeln!(out, "\nSeeds per institution");
    let mut insts: Vec<&InstitutionCount> = stats.institutions.iter().collect();
    insts.sort_by(|a, b| b.seeds.cmp(&a.seeds).then(a.id.cmp(&b.id)));
    for i in insts {
        let name = match &i.name_en {
            Some(en) => format!("{} / {}", esc(&i.name_ja), esc(en)),
            None => esc(&i.name_ja).into_owned(),
        };
        let _ = writeln!(out, "  {:<24} {name:<56} {:>7}", esc(&i.id), i.seeds);
    }
    let _ = writeln!(out, "\nGaps");
    for g in &stats.gaps {
        let shown: Vec<_> =
            g.seeds.iter().take(if all { usize::MAX } else { 5 }).map(|id| esc(id)).collect();
        let more = g.seeds.len() - shown.len();
        let mut ids = shown.join(", ");
        if more > 0 {
            ids.push_str(&format!(", … {more} more"));
        }
        let _ = writeln!(
            out,
            "  {:<30} {:>7}  {:>3}%  {ids}",
            g.description,
            g.seeds.len(),
            pct(g.seeds.len())
        );
    }
    if !stats.gaps_by_institution.is_empty() {
        let _ = writeln!(out, "\nGaps per institution (seeds without)");
        let _ = writeln!(
            out,
            "  {:<24} {:>7} {:>9} {:>7} {:>7} {:>7}  region",
            "institution", "seeds", "summary", "stage", "field", "date"
        );
        for g in &stats.gaps_by_institution {
            let n = |k: &str| g.missing.get(k).copied().unwrap_or(0);
            let region = if g.no_region { "未設定 / not given" } else { "given" };
            let _ = writeln!(
                out,
                "  {:<24} {:>7} {:>9} {:>7} {:>7} {:>7}  {region}",
                g.id,
                g.seeds,
                n("summary_ja"),
                n("stage"),
                n("fields"),
                n("updated")
            );
        }
    }
    out
}

fn human(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}
