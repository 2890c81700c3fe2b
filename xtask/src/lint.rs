//! `cargo xtask lint` (also the first stage of `cargo xtask test`): the house rules about the
//! code's shape that the compiler does not check.
//!
//! - **No import circles.** Every crate's module tree in crates/, src/ and xtask/ is read with
//!   `syn`, from each crate root (`src/lib.rs`, `src/main.rs`, `tests/*.rs`, `benches/*.rs`)
//!   along its `mod` declarations. Each path that names something of the same crate — `use`
//!   lines and paths in code or in macro bodies such as `view!`, starting with `crate`, `super`,
//!   `self`, a child module or a module brought in by `use` — is resolved to the file defining
//!   the module it names. A `mod` declaration places a file in the tree; it is not an import.
//!   The lint fails when files import each other in a circle (a strongly connected component
//!   of more than one file), naming the files and the import that makes each step. Every
//!   `.rs` file under crates/, src/ and xtask/ must belong to some crate's tree, so none goes
//!   unchecked.
//! - **The browser links no ingest code.** `cargo tree` of the app for wasm32 (normal
//!   dependencies) must not hold the ingest or synth crates, nor the sheet readers' crates.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};

/// Crates the wasm app must not depend on: ingest and the synthetic generator, and the crates
/// only they need (spreadsheets, CSV, legacy encodings).
const NOT_IN_THE_BROWSER: &[&str] =
    &["seed-ingest", "seed-synth", "calamine", "csv", "encoding_rs"];

/// The source trees checked for circles, relative to the repository root.
const TREES: &[&str] = &["crates", "src", "xtask"];

/// Runs both checks, reporting every problem before failing.
pub fn run(root: &Path) -> Result<()> {
    let mut problems = Vec::new();
    let report = circles(root)?;
    println!("xtask lint: {} files in {} crate trees", report.files, report.crates);
    problems.extend(report.problems);
    let tree = wasm_tree(root)?;
    let found = forbidden_in_tree(&tree);
    if found.is_empty() {
        println!("xtask lint: the wasm app's dependency tree holds none of {NOT_IN_THE_BROWSER:?}");
    } else {
        problems.push(format!(
            "the wasm app depends on {} (cargo tree -p seed-explorer --target wasm32-unknown-unknown -e normal)",
            found.join(", ")
        ));
    }
    if problems.is_empty() {
        println!("xtask lint: no import circles");
        return Ok(());
    }
    for p in &problems {
        eprintln!("{p}\n");
    }
    bail!("lint: {} problem(s)", problems.len())
}

/// `cargo tree` of the browser app, normal dependencies for wasm32, one package per line.
fn wasm_tree(root: &Path) -> Result<String> {
    let output = Command::new("cargo")
        .current_dir(root)
        .args(["tree", "-p", "seed-explorer", "--target", "wasm32-unknown-unknown"])
        .args(["-e", "normal", "--prefix", "none", "--format", "{p}"])
        .output()
        .context("running cargo tree")?;
    if !output.status.success() {
        bail!("cargo tree failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8(output.stdout)?)
}

/// The crates of [`NOT_IN_THE_BROWSER`] named in `cargo tree` output (`name vX.Y.Z ...` lines).
fn forbidden_in_tree(tree: &str) -> Vec<String> {
    let names: BTreeSet<&str> = tree.lines().filter_map(|l| l.split_whitespace().next()).collect();
    NOT_IN_THE_BROWSER.iter().filter(|n| names.contains(*n)).map(|n| n.to_string()).collect()
}

/// What the circle check found.
struct CircleReport {
    crates: usize,
    files: usize,
    problems: Vec<String>,
}

fn circles(root: &Path) -> Result<CircleReport> {
    let read = |p: &Path| fs::read_to_string(root.join(p)).ok();
    let mut graph = Graph::default();
    let mut problems = Vec::new();
    let crate_roots = crate_roots(root)?;
    for r in &crate_roots {
        match Crate::load(r, &read) {
            Ok(krate) => graph.add(&krate),
            Err(e) => problems.push(format!("{}: {e:#}", r.display())),
        }
    }
    let mut unreached = Vec::new();
    for tree in TREES {
        for file in rust_files(root, Path::new(tree))? {
            if !graph.files.contains(&file) {
                unreached.push(file.display().to_string());
            }
        }
    }
    if !unreached.is_empty() {
        problems.push(format!(
            "not in any crate's module tree, so not checked: {}",
            unreached.join(", ")
        ));
    }
    for scc in graph.circles() {
        problems.push(format!("import circle: {}", graph.describe(&scc)));
    }
    Ok(CircleReport { crates: crate_roots.len(), files: graph.files.len(), problems })
}

/// Every crate root of the packages under [`TREES`] (and the root package), relative paths.
fn crate_roots(root: &Path) -> Result<Vec<PathBuf>> {
    let mut packages = vec![PathBuf::new(), PathBuf::from("xtask")];
    for entry in fs::read_dir(root.join("crates")).context("reading crates/")? {
        let entry = entry?;
        if entry.path().join("Cargo.toml").is_file() {
            packages.push(Path::new("crates").join(entry.file_name()));
        }
    }
    packages.sort();
    let mut roots = Vec::new();
    for p in packages {
        for file in ["src/lib.rs", "src/main.rs", "build.rs"] {
            if root.join(&p).join(file).is_file() {
                roots.push(p.join(file));
            }
        }
        for dir in ["src/bin", "tests", "benches", "examples"] {
            let Ok(entries) = fs::read_dir(root.join(&p).join(dir)) else { continue };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "rs"))
                .map(|f| p.join(dir).join(f.file_name().expect("a file name")))
                .collect();
            files.sort();
            roots.extend(files);
        }
    }
    Ok(roots)
}

/// The `.rs` files under `dir` (relative to `root`), recursively.
fn rust_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(root.join(dir)) else { return Ok(out) };
    for entry in entries {
        let entry = entry?;
        let rel = dir.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            if entry.file_name() != "target" && entry.file_name() != "node_modules" {
                out.extend(rust_files(root, &rel)?);
            }
        } else if rel.extension().is_some_and(|x| x == "rs") {
            out.push(rel);
        }
    }
    Ok(out)
}

/// A module path inside a crate: `["views", "facets"]` for the path `views::facets` under `crate`.
type ModPath = Vec<String>;

/// One crate's module tree and the paths each file mentions.
struct Crate {
    /// Every module (inline ones included) → the file it is written in.
    modules: BTreeMap<ModPath, PathBuf>,
    /// The files of the crate with their parsed text and module path.
    files: Vec<(PathBuf, ModPath, syn::File)>,
}

impl Crate {
    /// Parses the crate whose root file is `root`, following `mod` declarations; `read`
    /// returns a file's text.
    fn load(root: &Path, read: &dyn Fn(&Path) -> Option<String>) -> Result<Crate> {
        let mut krate = Crate { modules: BTreeMap::new(), files: Vec::new() };
        let dir = root.parent().unwrap_or(Path::new("")).to_path_buf();
        krate.load_file(root, Vec::new(), &dir, read)?;
        Ok(krate)
    }

    fn load_file(
        &mut self,
        file: &Path,
        path: ModPath,
        dir: &Path,
        read: &dyn Fn(&Path) -> Option<String>,
    ) -> Result<()> {
        let text = read(file).with_context(|| format!("cannot read {}", file.display()))?;
        let ast = syn::parse_file(&text).with_context(|| format!("parsing {}", file.display()))?;
        self.modules.insert(path.clone(), file.to_path_buf());
        self.load_items(file, &path, dir, &ast.items, read)?;
        self.files.push((file.to_path_buf(), path, ast));
        Ok(())
    }

    /// Registers the modules declared by `items` (of module `path`, written in `file`, whose
    /// child module files live in `dir`).
    fn load_items(
        &mut self,
        file: &Path,
        path: &ModPath,
        dir: &Path,
        items: &[syn::Item],
        read: &dyn Fn(&Path) -> Option<String>,
    ) -> Result<()> {
        for item in items {
            let syn::Item::Mod(m) = item else { continue };
            let name = m.ident.to_string();
            let mut child = path.clone();
            child.push(name.clone());
            match &m.content {
                Some((_, inner)) => {
                    self.modules.insert(child.clone(), file.to_path_buf());
                    self.load_items(file, &child, &dir.join(&name), inner, read)?;
                }
                None => {
                    let (child_file, child_dir) = match path_attribute(&m.attrs) {
                        // Relative to the folder of the file declaring the module.
                        Some(p) => {
                            let f = file.parent().unwrap_or(Path::new("")).join(p);
                            let d = f.parent().unwrap_or(Path::new("")).to_path_buf();
                            (f, d)
                        }
                        None => {
                            let flat = dir.join(format!("{name}.rs"));
                            if read(&flat).is_some() {
                                (flat, dir.join(&name))
                            } else {
                                (dir.join(&name).join("mod.rs"), dir.join(&name))
                            }
                        }
                    };
                    self.load_file(&child_file, child, &child_dir, read)?;
                }
            }
        }
        Ok(())
    }

    /// The file of the module `path` names, or of the nearest module enclosing what it names.
    fn file_of(&self, path: &[String]) -> Option<&PathBuf> {
        (0..=path.len()).rev().find_map(|n| self.modules.get(&path[..n]))
    }

    /// Every import between this crate's files: (from, to) → the first path making it.
    fn imports(&self) -> BTreeMap<(PathBuf, PathBuf), String> {
        let mut edges = BTreeMap::new();
        for (file, module, ast) in &self.files {
            let mut refs = Refs { module: module.clone(), found: Vec::new() };
            refs.visit_file(ast);
            // `use` first: a use naming a module binds that name for the paths below it.
            let mut aliases: BTreeMap<(ModPath, String), ModPath> = BTreeMap::new();
            let mut resolved = Vec::new();
            for r in refs.found.iter().filter(|r| r.kind != RefKind::Path) {
                let Some(abs) = self.absolute(module, &r.context, &r.segments, &aliases) else {
                    continue;
                };
                if r.kind == RefKind::Use && self.modules.contains_key(&abs) {
                    aliases.insert((r.context.clone(), r.alias.clone()), abs);
                } else {
                    resolved.push((abs, r.shown.clone()));
                }
            }
            for r in refs.found.iter().filter(|r| r.kind == RefKind::Path) {
                if let Some(abs) = self.absolute(module, &r.context, &r.segments, &aliases) {
                    resolved.push((abs, r.shown.clone()));
                }
            }
            for (abs, shown) in resolved {
                let Some(target) = self.file_of(&abs) else { continue };
                if target != file {
                    edges.entry((file.clone(), target.clone())).or_insert(shown);
                }
            }
        }
        edges
    }

    /// The crate-absolute path `segments` (written in module `context` of the file whose
    /// module is `file_module`) names, or `None` for a path outside the crate (another crate,
    /// the prelude, a local name). A name a `use` bound in an enclosing module of the same file
    /// counts too (as `use super::*` in an inline test module brings it in).
    fn absolute(
        &self,
        file_module: &ModPath,
        context: &ModPath,
        segments: &[String],
        aliases: &BTreeMap<(ModPath, String), ModPath>,
    ) -> Option<ModPath> {
        let first = segments.first()?;
        let mut base = match first.as_str() {
            "crate" => return Some(segments[1..].to_vec()),
            "self" => context.clone(),
            "super" => {
                let mut base = context.clone();
                let mut rest = segments;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop()?;
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                return Some(base);
            }
            _ => {
                let mut child = context.clone();
                child.push(first.clone());
                if self.modules.contains_key(&child) {
                    context.clone()
                } else {
                    let alias = (file_module.len()..=context.len())
                        .rev()
                        .find_map(|n| aliases.get(&(context[..n].to_vec(), first.clone())))?;
                    let mut out = alias.clone();
                    out.extend(segments[1..].iter().cloned());
                    return Some(out);
                }
            }
        };
        let rest = if first == "self" { &segments[1..] } else { segments };
        base.extend(rest.iter().cloned());
        Some(base)
    }
}

/// The value of a `#[path = "..."]` attribute.
fn path_attribute(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find(|a| a.path().is_ident("path")).and_then(|a| match &a.meta {
        syn::Meta::NameValue(nv) => match &nv.value {
            syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefKind {
    /// A `use` naming one thing (it may be a module, which then names an alias).
    Use,
    /// A glob `use ...::*`.
    Glob,
    /// A path in code, a type or a macro body.
    Path,
}

/// One path found in a file.
#[derive(Debug)]
struct Ref {
    /// The module the path is written in (an inline module's own path inside it).
    context: ModPath,
    segments: Vec<String>,
    kind: RefKind,
    /// The name a `use` binds.
    alias: String,
    /// The path as written, for messages.
    shown: String,
}

/// Collects the paths of one file.
struct Refs {
    module: ModPath,
    found: Vec<Ref>,
}

impl Refs {
    fn push(&mut self, segments: Vec<String>, kind: RefKind, alias: String) {
        let keyword = if kind == RefKind::Path { "" } else { "use " };
        let glob = if kind == RefKind::Glob { "::*" } else { "" };
        let shown = format!("{keyword}{}{glob}", segments.join("::"));
        self.found.push(Ref { context: self.module.clone(), segments, kind, alias, shown });
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) if n.ident == "self" => {
                let alias = prefix.last().cloned().unwrap_or_default();
                self.push(prefix.clone(), RefKind::Use, alias);
            }
            syn::UseTree::Name(n) => {
                let mut segments = prefix.clone();
                segments.push(n.ident.to_string());
                self.push(segments, RefKind::Use, n.ident.to_string());
            }
            syn::UseTree::Rename(r) => {
                let mut segments = prefix.clone();
                segments.push(r.ident.to_string());
                self.push(segments, RefKind::Use, r.rename.to_string());
            }
            syn::UseTree::Glob(_) => self.push(prefix.clone(), RefKind::Glob, String::new()),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t);
                }
            }
        }
    }

    /// Paths written `a::b::c` inside a macro's tokens.
    fn tokens(&mut self, tokens: TokenStream) {
        let flat = flatten(tokens);
        let mut i = 0;
        while i < flat.len() {
            let TokenTree::Ident(first) = &flat[i] else {
                i += 1;
                continue;
            };
            let mut segments = vec![first.to_string()];
            let mut j = i + 1;
            while let (
                Some(TokenTree::Punct(a)),
                Some(TokenTree::Punct(b)),
                Some(TokenTree::Ident(next)),
            ) = (flat.get(j), flat.get(j + 1), flat.get(j + 2))
            {
                if a.as_char() != ':' || b.as_char() != ':' {
                    break;
                }
                segments.push(next.to_string());
                j += 3;
            }
            let preceded_by_colons = i >= 1
                && matches!(&flat[i - 1], TokenTree::Punct(p) if p.as_char() == ':')
                && i >= 2
                && matches!(&flat[i - 2], TokenTree::Punct(p) if p.as_char() == ':');
            if segments.len() > 1 && !preceded_by_colons {
                self.push(segments, RefKind::Path, String::new());
            }
            i = j;
        }
    }
}

/// A token stream with its groups opened, in order.
fn flatten(tokens: TokenStream) -> Vec<TokenTree> {
    let mut out = Vec::new();
    for t in tokens {
        match t {
            TokenTree::Group(g) => out.extend(flatten(g.stream())),
            other => out.push(other),
        }
    }
    out
}

impl<'ast> Visit<'ast> for Refs {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if let Some((_, items)) = &m.content {
            self.module.push(m.ident.to_string());
            for item in items {
                self.visit_item(item);
            }
            self.module.pop();
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        if p.leading_colon.is_none() && p.segments.len() > 1 {
            let segments = p.segments.iter().map(|s| s.ident.to_string()).collect();
            self.push(segments, RefKind::Path, String::new());
        }
        visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.visit_path(&m.path);
        self.tokens(m.tokens.clone());
    }

    /// `pub(in path)` says who may see an item; it imports nothing.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    /// Attributes hold no imports (`#[derive(...)]`, `#[cfg(...)]`), except doc comments'
    /// intra-doc links to a module of the same crate, which tie the documented module to the one linked.
    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        let syn::Meta::NameValue(nv) = &a.meta else { return };
        if !nv.path.is_ident("doc") {
            return;
        }
        if let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) = &nv.value {
            for segments in doc_links(&text.value()) {
                self.push(segments, RefKind::Path, String::new());
            }
        }
    }
}

/// The paths starting with `crate::` or `super::` in a doc comment's text.
fn doc_links(text: &str) -> Vec<Vec<String>> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = Vec::new();
    for (at, _) in text.match_indices("::") {
        let head_start = text[..at].rfind(|c: char| !word(c)).map_or(0, |i| i + 1);
        let head = &text[head_start..at];
        if !matches!(head, "crate" | "super") || text[..head_start].ends_with("::") {
            continue;
        }
        let rest = &text[head_start..];
        let end = rest.find(|c: char| !word(c) && c != ':').unwrap_or(rest.len());
        let segments: Vec<String> =
            rest[..end].split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
        if segments.len() > 1 {
            out.push(segments);
        }
    }
    out
}

/// The import graph of every crate, over files.
#[derive(Default)]
struct Graph {
    files: BTreeSet<PathBuf>,
    edges: BTreeMap<(PathBuf, PathBuf), String>,
}

impl Graph {
    fn add(&mut self, krate: &Crate) {
        self.files.extend(krate.files.iter().map(|(f, ..)| f.clone()));
        for (edge, shown) in krate.imports() {
            self.edges.entry(edge).or_insert(shown);
        }
    }

    /// The strongly connected components of more than one file (Tarjan's algorithm), each
    /// sorted, in file order.
    fn circles(&self) -> Vec<Vec<PathBuf>> {
        let nodes: Vec<&PathBuf> = self.files.iter().collect();
        let index: BTreeMap<&PathBuf, usize> =
            nodes.iter().enumerate().map(|(i, f)| (*f, i)).collect();
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        for (from, to) in self.edges.keys() {
            if let (Some(&a), Some(&b)) = (index.get(from), index.get(to)) {
                next[a].push(b);
            }
        }
        let mut t = Tarjan {
            next: &next,
            index: vec![None; nodes.len()],
            low: vec![0; nodes.len()],
            on_stack: vec![false; nodes.len()],
            stack: Vec::new(),
            counter: 0,
            out: Vec::new(),
        };
        for v in 0..nodes.len() {
            if t.index[v].is_none() {
                t.connect(v);
            }
        }
        let mut out: Vec<Vec<PathBuf>> = t
            .out
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut files: Vec<PathBuf> = c.into_iter().map(|i| nodes[i].clone()).collect();
                files.sort();
                files
            })
            .collect();
        out.sort();
        out
    }

    /// A circle's files and the imports between them.
    fn describe(&self, files: &[PathBuf]) -> String {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        let mut out = names.join(", ");
        for ((from, to), shown) in &self.edges {
            if files.contains(from) && files.contains(to) {
                let _ = write!(out, "\n    {} → {} ({shown})", from.display(), to.display());
            }
        }
        out
    }
}

struct Tarjan<'a> {
    next: &'a [Vec<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    counter: usize,
    out: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn connect(&mut self, v: usize) {
        self.index[v] = Some(self.counter);
        self.low[v] = self.counter;
        self.counter += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        for &w in &self.next[v] {
            match self.index[w] {
                None => {
                    self.connect(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut component = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            self.out.push(component);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The import circles of a crate given as (file, text) pairs, the first being its root.
    fn circles_of(files: &[(&str, &str)]) -> Vec<Vec<String>> {
        let graph = graph_of(files);
        graph
            .circles()
            .into_iter()
            .map(|c| {
                let mut names: Vec<String> = c.iter().map(|f| f.display().to_string()).collect();
                names.sort();
                names
            })
            .collect()
    }

    #[test]
    fn a_doc_link_back_to_an_importing_module_is_a_circle() {
        let c = circles_of(&[
            ("src/lib.rs", "mod a; mod b;"),
            ("src/a.rs", "//! Read by [`b`](crate::b).\npub struct A;"),
            ("src/b.rs", "use crate::a::A;"),
        ]);
        assert_eq!(c, vec![vec!["src/a.rs".to_string(), "src/b.rs".to_string()]]);
        assert_eq!(
            doc_links("see `a.rs` and [`x`](crate::m::X), super::n"),
            [
                vec!["crate".to_string(), "m".to_string(), "X".to_string()],
                vec!["super".to_string(), "n".to_string()],
            ]
        );
    }

    fn graph_of(files: &[(&str, &str)]) -> Graph {
        let texts: BTreeMap<PathBuf, String> =
            files.iter().map(|(p, t)| (PathBuf::from(p), t.to_string())).collect();
        let read = |p: &Path| texts.get(p).cloned();
        let krate = Crate::load(Path::new(files[0].0), &read).expect("the crate loads");
        let mut graph = Graph::default();
        graph.add(&krate);
        graph
    }

    fn edges_of(files: &[(&str, &str)]) -> Vec<(String, String)> {
        graph_of(files)
            .edges
            .keys()
            .map(|(a, b)| (a.display().to_string(), b.display().to_string()))
            .collect()
    }

    #[test]
    fn two_files_importing_each_other_are_a_circle() {
        let c = circles_of(&[
            ("src/lib.rs", "mod a; mod b;"),
            ("src/a.rs", "use crate::b::B; pub struct A;"),
            ("src/b.rs", "use crate::a::A; pub struct B;"),
        ]);
        assert_eq!(c, [["src/a.rs", "src/b.rs"]]);
    }

    #[test]
    fn a_longer_circle_is_one_component_and_a_tail_is_not_in_it() {
        let c = circles_of(&[
            ("src/lib.rs", "mod a; mod b; mod c; mod d;"),
            ("src/a.rs", "use crate::b::B;"),
            ("src/b.rs", "fn f() { crate::c::g() }"),
            ("src/c.rs", "use super::a::A;"),
            ("src/d.rs", "use crate::a::A;"),
        ]);
        assert_eq!(c, [["src/a.rs", "src/b.rs", "src/c.rs"]]);
    }

    #[test]
    fn mod_declarations_are_not_imports_and_inline_tests_use_their_own_file() {
        let c = circles_of(&[
            ("src/lib.rs", "pub mod v; pub use v::V;"),
            ("src/v.rs", "mod tests; pub struct V; #[cfg(test)] mod inline { use super::*; }"),
            ("src/v/tests.rs", "use super::*; use crate::v::V;"),
        ]);
        assert!(c.is_empty(), "{c:?}");
        assert_eq!(
            edges_of(&[
                ("src/lib.rs", "pub mod v; pub use v::V;"),
                ("src/v.rs", "mod tests; pub struct V; mod inline { use super::*; }"),
                ("src/v/tests.rs", "use super::*;"),
            ]),
            [
                ("src/lib.rs".into(), "src/v.rs".into()),
                ("src/v/tests.rs".into(), "src/v.rs".into())
            ]
        );
    }

    #[test]
    fn a_parent_re_exporting_a_child_that_uses_the_parent_is_a_circle() {
        let c = circles_of(&[
            ("src/lib.rs", "mod index;"),
            ("src/index.rs", "mod packed; pub use packed::Packed; pub struct Index;"),
            ("src/index/packed.rs", "use super::Index; pub struct Packed;"),
        ]);
        assert_eq!(c, [["src/index.rs", "src/index/packed.rs"]]);
    }

    #[test]
    fn paths_in_code_types_and_macro_bodies_count() {
        let edges = edges_of(&[
            ("src/main.rs", "mod a; mod b; mod c; mod d;"),
            ("src/a.rs", "fn f() { view! { <p>{crate::b::label()}</p> } }"),
            ("src/b.rs", "fn g(x: crate::c::C) {}"),
            ("src/c.rs", "impl crate::d::T for X {}"),
            ("src/d.rs", "pub(in crate::a) fn h() {} #[derive(crate::a::X)] struct Y;"),
        ]);
        assert_eq!(
            edges,
            [
                ("src/a.rs".into(), "src/b.rs".into()),
                ("src/b.rs".into(), "src/c.rs".into()),
                ("src/c.rs".into(), "src/d.rs".into()),
            ],
            "visibility and attributes are not imports"
        );
    }

    #[test]
    fn a_module_brought_in_by_use_resolves_to_the_file_its_path_names() {
        let edges = edges_of(&[
            ("src/main.rs", "mod views; mod app;"),
            ("src/views/mod.rs", "pub mod widgets; pub struct Ctx;"),
            ("src/views/widgets.rs", "pub fn tr() {}"),
            (
                "src/app.rs",
                "use crate::views::{self, widgets as w}; fn f() { views::widgets::tr(); w::tr(); }",
            ),
        ]);
        assert_eq!(edges, [("src/app.rs".into(), "src/views/widgets.rs".into())]);
    }

    #[test]
    fn child_modules_resolve_to_flat_files_or_mod_rs_and_nested_folders() {
        let g = graph_of(&[
            ("src/lib.rs", "mod flat; mod folder;"),
            ("src/flat.rs", "mod inner; use inner::X;"),
            ("src/flat/inner.rs", "pub struct X;"),
            ("src/folder/mod.rs", "#[path = \"elsewhere.rs\"] mod other; use self::other::Y;"),
            ("src/folder/elsewhere.rs", "pub struct Y; use crate::flat::inner::X;"),
        ]);
        let mut files: Vec<String> = g.files.iter().map(|f| f.display().to_string()).collect();
        files.sort();
        assert_eq!(
            files,
            [
                "src/flat.rs",
                "src/flat/inner.rs",
                "src/folder/elsewhere.rs",
                "src/folder/mod.rs",
                "src/lib.rs"
            ]
        );
        assert_eq!(g.edges.len(), 3, "{:?}", g.edges);
    }

    #[test]
    fn other_crates_and_local_names_are_not_imports() {
        let edges = edges_of(&[
            ("src/lib.rs", "mod a; mod b;"),
            (
                "src/a.rs",
                "use seed_core::b::X; use std::fmt; fn f(b: B) { b::x(); Vec::<u8>::new(); }",
            ),
            ("src/b.rs", ""),
        ]);
        assert!(edges.is_empty(), "{edges:?}");
    }

    #[test]
    fn a_missing_module_file_is_an_error() {
        let texts = BTreeMap::from([(PathBuf::from("src/lib.rs"), "mod gone;".to_string())]);
        let read = |p: &Path| texts.get(p).cloned();
        let err = Crate::load(Path::new("src/lib.rs"), &read).err().expect("an error");
        assert!(format!("{err:#}").contains("src/gone/mod.rs"), "{err:#}");
    }

    #[test]
    fn the_wasm_tree_check_names_forbidden_crates() {
        let tree = "seed-explorer v0.1.0 (/r)\nseed-core v0.1.0 (/r/crates/core)\ncsv v1.4.0\nserde v1.0.0\ncsv v1.4.0\n";
        assert_eq!(forbidden_in_tree(tree), ["csv"]);
        assert!(forbidden_in_tree("seed-explorer v0.1.0\nseed-core v0.1.0\ncsv-core v0.1.0\n")
            .is_empty());
    }
}
