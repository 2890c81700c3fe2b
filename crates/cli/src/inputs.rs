//! Finds and reads the input files: records (institutions and seeds), the taxonomy and the
//! synonym groups. Every record keeps where it came from so problems can be reported as
//! `file:row:column`.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use seed_core::record::RawRecord;
use seed_core::Taxonomy;
use serde_json::Value;

/// The taxonomy used when the inputs bring none: the default medical vocabularies.
const DEFAULT_TAXONOMY: &str = include_str!("../../../data/taxonomy.json");

/// Which kind of record a source row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An institution.
    Institution,
    /// A research seed.
    Seed,
}

/// A record and where it was read.
#[derive(Debug)]
pub struct Located {
    /// The file it came from.
    pub file: PathBuf,
    /// 1-based record number within the file.
    pub row: usize,
    /// Institution or seed.
    pub kind: Kind,
    /// The record's fields.
    pub record: RawRecord,
}

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Taxonomy from the inputs, if one was given.
    pub taxonomy: Option<Taxonomy>,
    /// All records in input order.
    pub records: Vec<Located>,
    /// Synonym groups.
    pub synonyms: Vec<Vec<String>>,
}

impl Inputs {
    /// Reads every input path; folders are walked recursively in name order. Files named
    /// `template.*` are skipped: they are the blank forms for institutions.
    pub fn read(paths: &[PathBuf]) -> Result<Inputs> {
        let mut files = Vec::new();
        for p in paths {
            collect(p, &mut files)?;
        }
        let mut inputs = Inputs::default();
        for f in &files {
            inputs.read_file(f).with_context(|| format!("reading {}", f.display()))?;
        }
        Ok(inputs)
    }

    /// The taxonomy to validate against: the inputs' own or the default.
    pub fn taxonomy(&self) -> Result<Taxonomy> {
        match &self.taxonomy {
            Some(t) => Ok(t.clone()),
            None => serde_json::from_str(DEFAULT_TAXONOMY).context("the built-in taxonomy"),
        }
    }

    fn read_file(&mut self, path: &Path) -> Result<()> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_lowercase();
        if name.starts_with("synonyms") {
            let text = fs::read_to_string(path)?;
            self.synonyms.extend(parse_synonyms(&text));
            return Ok(());
        }
        match path.extension().and_then(|e| e.to_str()).map(str::to_lowercase).as_deref() {
            Some("json") => self.read_json(path),
            _ => bail!("unsupported file type (expected .json, or synonyms*.tsv)"),
        }
    }

    fn read_json(&mut self, path: &Path) -> Result<()> {
        let text = fs::read_to_string(path)?;
        let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))?;
        let Value::Object(top) = value else { bail!("expected a JSON object at the top level") };
        if top.contains_key("facets") {
            if self.taxonomy.is_some() {
                bail!("a second taxonomy file; give exactly one");
            }
            self.taxonomy = Some(serde_json::from_value(Value::Object(top))?);
            return Ok(());
        }
        let mut found = false;
        for (key, kind) in [("institutions", Kind::Institution), ("seeds", Kind::Seed)] {
            let Some(list) = top.get(key) else { continue };
            let Value::Array(items) = list else { bail!("\"{key}\" must be an array") };
            found = true;
            for (i, item) in items.iter().enumerate() {
                let record = match item {
                    Value::Object(o) => RawRecord::from_json(o),
                    _ => RawRecord::default(),
                };
                self.records.push(Located { file: path.to_path_buf(), row: i + 1, kind, record });
            }
        }
        if !found {
            bail!("expected \"institutions\", \"seeds\" or \"facets\" at the top level");
        }
        Ok(())
    }
}

/// One group of equivalent terms per line, separated by tabs; `#` starts a comment line.
pub fn parse_synonyms(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect::<Vec<_>>())
        .filter(|g| g.len() >= 2)
        .collect()
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let meta = fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(path)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for e in entries {
        let name = e.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if name.starts_with('.') || name.starts_with("template") {
            continue;
        }
        if e.is_dir() || is_input(&e) {
            collect(&e, out)?;
        }
    }
    Ok(())
}

fn is_input(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_lowercase();
    name.starts_with("synonyms") || name.ends_with(".json")
}
