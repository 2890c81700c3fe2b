//! The input paths of `seeds build` and `seeds check`, read from disk: folders are walked
//! recursively in name order, and every file's bytes go to [`Inputs::add_file`], which reads
//! them as records, a taxonomy, synonyms or a glossary.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use seed_ingest::inputs::{is_input, is_skipped_in_folder, Inputs};
use seed_ingest::mapping::{Mapping, MappingErrors};

/// Reads every input path. In folders, only files [`is_input`] accepts are read, and the ones
/// [`is_skipped_in_folder`] names (hidden files, `~$` lock files, `template.*`, earlier
/// reports) are passed over. A missing path or an unusable taxonomy is an error; any other
/// unreadable file is recorded in the `unreadable` list and reading goes on.
pub fn read_inputs(paths: &[PathBuf]) -> Result<Inputs> {
    read_inputs_with(paths, None)
}

/// [`read_inputs`], reading the sheets with a mapping sheet.
pub fn read_inputs_with(paths: &[PathBuf], mapping: Option<Mapping>) -> Result<Inputs> {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files, true)?;
    }
    let mut inputs = Inputs::default();
    if let Some(m) = mapping {
        inputs.set_mapping(m);
    }
    for f in &files {
        match fs::read(f) {
            Ok(bytes) => {
                inputs.add_file(f, &bytes).with_context(|| format!("reading {}", f.display()))?
            }
            Err(e) => inputs.add_unreadable(f, &e),
        }
    }
    Ok(inputs)
}

/// Reads a mapping sheet: the sheet, or every problem found in it. A file that cannot be
/// read at all is an error.
pub fn read_mapping(path: &Path) -> Result<Result<Mapping, MappingErrors>> {
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Mapping::read(path, &bytes))
}

fn collect(path: &Path, out: &mut Vec<PathBuf>, explicit: bool) -> Result<()> {
    let meta = fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if meta.is_file() {
        if explicit || is_input(path) {
            out.push(path.to_path_buf());
        }
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(path)
        .with_context(|| format!("cannot read the folder {}", path.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    let mut seen = HashSet::new();
    for e in entries {
        let name = e.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if is_skipped_in_folder(name) || !seen.insert(e.clone()) {
            continue;
        }
        if e.is_dir() {
            collect(&e, out, false)?;
        } else if is_input(&e) {
            out.push(e);
        }
    }
    Ok(())
}
