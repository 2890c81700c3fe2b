//! `seeds query` and `seeds needs`: run the app's engine on a bundle and print the ranking, as
//! a table for people or, with `--json`, as an array of `{id, score, ...}` in rank order for
//! scripts. `query` is the search box (a query that reads as a sentence is answered by needs
//! matching, as in the app); `needs` is the needs page.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::Args;
use seed_core::{Bundle, Engine, Facet, Filters, SearchRequest, Seed, Sort};
use serde::Serialize;

use crate::term;

/// Arguments of `seeds query`.
#[derive(Args)]
pub struct QueryArgs {
    /// The bundle to search.
    bundle: PathBuf,
    /// The query, as a visitor would type it.
    query: String,
    /// Facet filter KEY=VALUE (repeatable; OR within a key, AND across keys). KEY is one of
    /// fields, stage, institution, region, ip_status, collaboration.
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    filters: Vec<String>,
    /// relevance, newest, title or institution.
    #[arg(long, default_value = "relevance")]
    sort: Sort,
    /// Show at most N results.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    json: bool,
}

/// Arguments of `seeds needs`.
#[derive(Args)]
pub struct NeedsArgs {
    /// The bundle to search.
    bundle: PathBuf,
    /// The needs statement, in Japanese or English.
    text: String,
    /// Facet filter KEY=VALUE (repeatable), as for `seeds query`.
    #[arg(long = "filter", value_name = "KEY=VALUE")]
    filters: Vec<String>,
    /// Show at most N results.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    score: f32,
    title: &'a str,
    institution: &'a str,
    /// The statement's terms the seed matched (needs matching only).
    #[serde(skip_serializing_if = "Option::is_none")]
    matched_terms: Option<&'a [String]>,
    /// Not a match but one of the seeds most like the matches, which follow fewer than a page
    /// of them (as the app lists them under their own heading).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    similar: bool,
}

impl<'a> Row<'a> {
    fn of(seed: &'a Seed, score: f32, matched_terms: Option<&'a [String]>) -> Row<'a> {
        Row {
            id: seed.id(),
            score,
            title: seed.title_ja(),
            institution: seed.institution(),
            matched_terms,
            similar: false,
        }
    }
}

fn load(bundle: &PathBuf) -> Result<Engine> {
    let text =
        fs::read_to_string(bundle).with_context(|| format!("reading {}", bundle.display()))?;
    Ok(Engine::new(Bundle::from_json(&text)?))
}

/// Runs the needs statement and prints the close matches (or the nearest fields).
pub fn needs(args: &NeedsArgs) -> Result<ExitCode> {
    let engine = load(&args.bundle)?;
    let result = engine.needs(&args.text, &parse_filters(&args.filters)?, args.limit);
    let seeds = &engine.bundle().seeds;
    let rows: Vec<Row> = result
        .hits
        .iter()
        .map(|h| Row::of(&seeds[h.seed], h.score, Some(&h.matched_terms)))
        .collect();
    if args.json {
        println!("{}", term::json(&serde_json::to_string_pretty(&rows)?));
    } else {
        for (i, (r, h)) in rows.iter().zip(&result.hits).enumerate() {
            let (id, title) = (term::escape(r.id), term::escape(r.title));
            println!("{:>3}  {:>7.3}  {id:<24}  {title}", i + 1, r.score);
            println!("{:>14}{}", "", term::escape(&h.matched_terms.join(", ")));
        }
        println!("terms: {}", term::escape(&result.terms.join(", ")));
        if rows.is_empty() {
            println!("no close match; nearest fields: {}", result.nearest_fields.join(", "));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the query and prints the results.
pub fn run(args: &QueryArgs) -> Result<ExitCode> {
    let engine = load(&args.bundle)?;
    let request = SearchRequest {
        query: args.query.clone(),
        filters: parse_filters(&args.filters)?,
        sort: args.sort,
    };
    let response = engine.search(&request);
    let seeds = &engine.bundle().seeds;
    let matching = response.match_count();
    let rows: Vec<Row> = (response.hits.first_n(args.limit).iter().enumerate())
        .map(|(i, h)| Row { similar: i >= matching, ..Row::of(&seeds[h.seed], h.score, None) })
        .collect();
    if args.json {
        println!("{}", term::json(&serde_json::to_string_pretty(&rows)?));
    } else {
        for (i, r) in rows.iter().enumerate() {
            let (id, title) = (term::escape(r.id), term::escape(r.title));
            println!("{:>3}  {:>7.3}  {id:<24}  {title}", i + 1, r.score);
        }
        if response.similar > 0 {
            let (shown, all) = (rows.len(), response.hits.len());
            println!("{shown} of {all} seeds: {matching} matching, then the seeds most like them");
        } else {
            println!("{} of {matching} matching seeds", rows.len());
        }
        if response.needs {
            println!(
                "(the query reads as a sentence: answered by needs matching, as `seeds needs`)"
            );
        } else if response.relaxed {
            println!("(no seed has every word of the query: seeds with most of them)");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn parse_filters(specs: &[String]) -> Result<Filters> {
    let mut filters = Filters::default();
    for spec in specs {
        let Some((key, value)) = spec.split_once('=') else {
            bail!("--filter {spec:?}: expected KEY=VALUE")
        };
        let facet: Facet = key.trim().parse().with_context(|| format!("--filter {spec:?}"))?;
        filters.insert(facet, value.trim());
    }
    Ok(filters)
}
