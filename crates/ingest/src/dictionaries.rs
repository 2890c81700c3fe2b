//! The dictionaries a catalogue is built with: the built-in ones, embedded in the binary, and
//! the maintainer's own.
//!
//! Every catalogue gets the built-in dictionaries unless its maintainer opts out
//! (`seeds build --no-default-synonyms`): the curated synonym groups (`data/synonyms.tsv`:
//! spelling variants and exact translations, kept whole), and the English–Japanese pairs of the
//! hand-checked additions (`data/glossary-additions.tsv`) and of MEDUTX
//! (`data/medutx-en-ja.tsv`), of which [`glossary::select`] keeps those the seeds can use. The
//! maintainer's `synonyms*.tsv` and `glossary/*.tsv` add to them. The exclusions
//! (`data/glossary-exclusions.tsv`) are pairs never kept, whichever glossary offers them.
//! The files' format and the rule for adding to them: docs/dictionaries.md.

use std::collections::HashSet;

use crate::glossary::{self, Offer, Pair, Selection, Source};
use crate::inputs::parse_synonyms;

/// The built-in synonym groups.
pub const SYNONYMS: &str = include_str!("../data/synonyms.tsv");
/// The built-in glossary: MEDUTX 1.01 (CC BY 3.0; credited in NOTICE).
pub const GLOSSARY: &str = include_str!("../data/medutx-en-ja.tsv");
/// Hand-checked pairs the glossary lacks or gets wrong, offered before it.
pub const ADDITIONS: &str = include_str!("../data/glossary-additions.tsv");
/// Pairs never kept.
pub const EXCLUSIONS: &str = include_str!("../data/glossary-exclusions.tsv");

/// Where a glossary pair comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The built-in additions.
    Additions,
    /// The built-in glossary (MEDUTX).
    Glossary,
    /// The maintainer's glossary files.
    Maintainer,
}

/// The built-in dictionaries, read.
#[derive(Debug, Clone, Default)]
pub struct Builtin {
    /// Curated synonym groups.
    pub synonyms: Vec<Vec<String>>,
    /// Hand-checked glossary pairs.
    pub additions: Vec<Pair>,
    /// MEDUTX pairs.
    pub glossary: Vec<Pair>,
    /// Pairs never kept.
    pub exclusions: Vec<Pair>,
}

impl Builtin {
    /// The dictionaries embedded in the binary.
    pub fn embedded() -> Self {
        Builtin {
            synonyms: parse_synonyms(SYNONYMS),
            additions: glossary::parse(ADDITIONS),
            glossary: glossary::parse(GLOSSARY),
            exclusions: glossary::parse(EXCLUSIONS),
        }
    }

    /// What `--no-default-synonyms` leaves: no groups and no pairs, but the exclusions still
    /// apply to the maintainer's glossaries.
    pub fn exclusions_only() -> Self {
        Builtin { exclusions: glossary::parse(EXCLUSIONS), ..Builtin::default() }
    }
}

/// The synonym groups of a bundle and where they came from.
#[derive(Debug, Clone, Default)]
pub struct Chosen {
    /// The maintainer's groups, then the built-in groups, then the kept glossary pairs.
    pub groups: Vec<Vec<String>>,
    /// The maintainer's groups (from `synonyms*.tsv`).
    pub own_groups: usize,
    /// Built-in groups kept.
    pub builtin_groups: usize,
    /// Built-in groups left out because a maintainer's group has the same terms.
    pub builtin_duplicates: usize,
    /// How the glossary pairs were chosen; `None` when no pair was offered at all.
    pub selection: Option<Selection>,
    /// The origin of each of `selection.kept_per_source`.
    pub origins: Vec<Origin>,
}

impl Chosen {
    /// Glossary pairs kept from `origin`.
    pub fn kept_from(&self, origin: Origin) -> usize {
        let Some(sel) = &self.selection else { return 0 };
        self.origins
            .iter()
            .zip(&sel.kept_per_source)
            .filter(|(o, _)| **o == origin)
            .map(|(_, n)| n)
            .sum()
    }
}

/// Chooses the synonym groups of a catalogue whose seeds' Japanese texts are `corpus`: the
/// maintainer's groups (`own_synonyms`), the built-in groups not already among them, and the
/// glossary pairs — built-in additions, built-in glossary, then the maintainer's (`own_pairs`)
/// — that [`glossary::select`] keeps, none of them on the exclusion list.
pub fn choose<'a>(
    builtin: &Builtin,
    own_synonyms: &[Vec<String>],
    own_pairs: &[Pair],
    corpus: impl IntoIterator<Item = &'a str>,
) -> Chosen {
    let key = |g: &[String]| {
        let mut k: Vec<String> = g.iter().map(|t| glossary::normalize(t)).collect();
        k.sort();
        k.dedup();
        k
    };
    let own: HashSet<Vec<String>> = own_synonyms.iter().map(|g| key(g)).collect();
    let mut groups = own_synonyms.to_vec();
    let mut chosen = Chosen { own_groups: own_synonyms.len(), ..Chosen::default() };
    for g in &builtin.synonyms {
        if own.contains(&key(g)) {
            chosen.builtin_duplicates += 1;
        } else {
            groups.push(g.clone());
            chosen.builtin_groups += 1;
        }
    }
    let mut sources = Vec::new();
    for (pairs, origin, checked) in [
        (builtin.additions.as_slice(), Origin::Additions, true),
        (builtin.glossary.as_slice(), Origin::Glossary, false),
        (own_pairs, Origin::Maintainer, false),
    ] {
        if !pairs.is_empty() {
            sources.push(Source { pairs, checked });
            chosen.origins.push(origin);
        }
    }
    if !sources.is_empty() {
        let offer = Offer { sources: &sources, excluded: &builtin.exclusions, curated: &groups };
        let sel = glossary::select(&offer, corpus);
        groups.extend(sel.groups.iter().cloned());
        chosen.selection = Some(sel);
    }
    chosen.groups = groups;
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(en: &str, ja: &str) -> Pair {
        Pair { en: en.into(), ja: ja.into() }
    }

    fn group(terms: &[&str]) -> Vec<String> {
        terms.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn the_embedded_files_read_as_dictionaries() {
        let b = Builtin::embedded();
        assert!(b.synonyms.len() >= 60, "{} groups", b.synonyms.len());
        assert!(b.synonyms.contains(&group(&["癌", "がん", "ガン", "cancer"])));
        assert!(b.glossary.len() > 27_000, "{} MEDUTX pairs", b.glossary.len());
        assert!(b.additions.len() >= 150, "{} additions", b.additions.len());
        assert!(b.additions.contains(&pair("periodontitis", "歯周炎")));
        assert!(b.exclusions.contains(&pair("alveolar abscess", "歯周炎")));
    }

    #[test]
    fn no_term_is_in_two_built_in_synonym_groups() {
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for (n, g) in Builtin::embedded().synonyms.iter().enumerate() {
            assert!(g.len() >= 2, "group {n}: {g:?} has one term");
            let keys: HashSet<String> =
                g.iter().map(|t| seed_core::normalize::run_form(t)).collect();
            for key in keys {
                if let Some(m) = seen.insert(key.clone(), n) {
                    panic!("{key:?} is in group {m} and in group {n}: {g:?}");
                }
            }
        }
    }

    #[test]
    fn every_addition_and_exclusion_is_a_well_formed_pair() {
        for text in [ADDITIONS, EXCLUSIONS] {
            for (n, line) in text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let cells: Vec<&str> = line.split('\t').collect();
                assert_eq!(cells.len(), 2, "line {}: {line:?} is not English TAB Japanese", n + 1);
                assert!(
                    cells.iter().all(|c| !c.is_empty() && c.trim() == *c),
                    "line {}: {line:?}",
                    n + 1
                );
                assert!(
                    cells[0].is_ascii(),
                    "line {}: the English term comes first: {line:?}",
                    n + 1
                );
                assert!(
                    cells[1].chars().any(seed_core::normalize::is_cjk),
                    "line {}: {line:?}",
                    n + 1
                );
            }
        }
    }

    #[test]
    fn no_addition_is_also_excluded_and_every_exclusion_is_a_glossary_pair() {
        let b = Builtin::embedded();
        let norm = |p: &Pair| (glossary::normalize(&p.en), glossary::normalize(&p.ja));
        let excluded: HashSet<_> = b.exclusions.iter().map(norm).collect();
        let offered: HashSet<_> = b.glossary.iter().map(norm).collect();
        for a in &b.additions {
            assert!(!excluded.contains(&norm(a)), "{a:?} is both added and excluded");
        }
        for e in &b.exclusions {
            assert!(
                offered.contains(&norm(e)),
                "{e:?} is not a MEDUTX pair: a typo in the exclusions?"
            );
        }
    }

    #[test]
    fn the_maintainers_groups_come_first_and_built_in_duplicates_are_dropped() {
        let builtin = Builtin {
            synonyms: vec![group(&["癌", "がん", "cancer"]), group(&["認知症", "dementia"])],
            ..Builtin::default()
        };
        let own = vec![group(&["がん", "癌", "Cancer"]), group(&["カテーテル", "catheter"])];
        let c = choose(&builtin, &own, &[], ["がん"]);
        assert_eq!(c.groups, [own[0].clone(), own[1].clone(), group(&["認知症", "dementia"])]);
        assert_eq!((c.own_groups, c.builtin_groups, c.builtin_duplicates), (2, 1, 1));
        assert!(c.selection.is_none(), "no glossary offered");
    }

    #[test]
    fn glossary_pairs_come_from_every_source_minus_the_exclusions() {
        let builtin = Builtin {
            synonyms: vec![group(&["癌", "がん", "cancer"])],
            additions: vec![pair("lung", "肺"), pair("periodontitis", "歯周炎")],
            glossary: vec![pair("alveolar abscess", "歯周炎"), pair("pneumonia", "肺炎")],
            exclusions: vec![pair("alveolar abscess", "歯周炎")],
        };
        let own = [pair("gum disease", "歯周炎")];
        let c = choose(&builtin, &[], &own, ["肺がんと肺炎と歯周炎"]);
        assert_eq!(
            c.groups,
            [
                group(&["癌", "がん", "cancer"]),
                group(&["肺", "lung"]),
                group(&["歯周炎", "periodontitis"]),
                group(&["肺炎", "pneumonia"]),
                group(&["歯周炎", "gum disease"]),
            ]
        );
        assert_eq!(c.origins, [Origin::Additions, Origin::Glossary, Origin::Maintainer]);
        assert_eq!(
            [Origin::Additions, Origin::Glossary, Origin::Maintainer].map(|o| c.kept_from(o)),
            [2, 1, 1]
        );
        assert_eq!(c.selection.as_ref().unwrap().excluded, 1);
    }
}
