//! `seeds stats`: what a bundle holds — seeds per facet value (with labels) and per
//! institution, seeds missing English or key fields, and size figures — as a report for
//! people or, with `--json`, for scripts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use seed_core::facets::seed_values;
use seed_core::{Bundle, Facet, Institution, Seed, UNSET};
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
    /// Whether the bundle carries a precomputed search index this build can use.
    pub search_index: String,
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
    ("summary_ja", "no Japanese summary", |s| s.summary_ja.trim().is_empty()),
    ("stage", "no stage (未設定)", |s| s.stage.is_empty()),
    ("fields", "no field (未設定)", |s| s.fields.is_empty()),
    ("updated", "no update date", |s| s.updated.is_empty()),
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
    let stats = compute(&bundle, text.len() as u64);
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
                let inst = || institution.get(seed.institution.as_str()).copied();
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
        *per_institution.entry(s.institution.as_str()).or_default() += 1;
        let key = s.trl.map_or_else(|| "unspecified".to_string(), |t| t.to_string());
        *trl.entry(key).or_default() += 1;
        *years.entry(s.updated.chars().take(4).collect()).or_default() += 1;
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
        ("title_en", "no English title", |s| s.title_en.is_none()),
        ("summary_en", "no English summary", |s| s.summary_en.is_none()),
        ("advantages", "no advantages (優位性)", |s| {
            s.advantages_ja.is_none() && s.advantages_en.is_none()
        }),
        ("applications", "no applications (想定用途)", |s| {
            s.applications_ja.is_none() && s.applications_en.is_none()
        }),
        ("contact", "no contact (e-mail or URL)", |s| {
            s.contact_email.is_none() && s.contact_url.is_none()
        }),
        ("keywords", "no keywords", |s| s.keywords_ja.is_empty() && s.keywords_en.is_empty()),
        ("ip_status", "no IP status", |s| s.ip_status.is_none()),
        ("trl", "no TRL", |s| s.trl.is_none()),
    ];
    let gaps = EXPECTED
        .iter()
        .chain(&checks)
        .map(|(key, description, check)| Gap {
            missing: key.to_string(),
            description: description.to_string(),
            seeds: bundle.seeds.iter().filter(|s| check(s)).map(|s| s.id.clone()).collect(),
        })
        .collect();
    let gaps_by_institution = bundle
        .institutions
        .iter()
        .map(|i| {
            let own: Vec<&Seed> = bundle.seeds.iter().filter(|s| s.institution == i.id).collect();
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
    if let Some(index) = &bundle.index {
        bytes_by_part.insert("index".to_string(), part(index));
    }
    let seed_bytes = bytes_by_part["seeds"];
    Stats {
        title: bundle.title.clone(),
        version: bundle.version.clone(),
        search_index: search_index(bundle),
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

/// "precomputed", "none" or why the precomputed index cannot be used; without one, every
/// browser indexes the seeds while loading.
fn search_index(bundle: &Bundle) -> String {
    match bundle.index.as_ref().map(|index| index.clone().unpack(bundle.seeds.len())) {
        Some(Ok(_)) => "precomputed".into(),
        Some(Err(e)) => format!("not usable: {e}"),
        None => "none".into(),
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
    let _ = match stats.search_index.as_str() {
        "precomputed" => writeln!(out, "search index: precomputed"),
        other => {
            writeln!(out, "search index: {} (browsers index the seeds while loading)", esc(other))
        }
    };
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
