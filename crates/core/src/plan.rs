//! A resolved query plan: the value types the ranking module builds from a parsed query and
//! searches, highlights and explains with. Leaf module (beside the parsed query it holds), so
//! the engine can keep plans without importing the ranking that makes them.

use std::ops::Range;

use serde::Serialize;

use crate::index::TermId;
use crate::query::ParsedQuery;

/// How an index term came to match a query token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The token itself.
    Exact,
    /// A word completing the last, still-typed word.
    Prefix,
    /// A word within the typo budget.
    Typo,
    /// A word with the same English stem.
    Stem,
    /// A one-character CJK query matching a bigram that starts with it.
    Char,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Exp {
    pub term: TermId,
    pub factor: f32,
    pub kind: MatchKind,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slot {
    /// The query token, normalized (for explanations).
    pub token: String,
    pub exps: Vec<Exp>,
    /// A CJK bigram slot (highlighted only in chains when its alternative has several).
    pub bigram: bool,
    /// A one-character CJK token.
    pub single_char: Option<char>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Alt {
    /// As typed or as written in the synonyms file.
    pub text: String,
    /// Normalized run form, for phrases and the contiguous-run bonus.
    pub run: String,
    pub factor: f32,
    pub synonym: bool,
    pub slots: Range<usize>,
    /// Matches the last word as a prefix (phrase checks accept a partial last word).
    pub prefix: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    pub text: String,
    pub negated: bool,
    pub phrase: bool,
    /// A katakana word that counts only where it stands as a whole word (needs matching).
    pub whole: bool,
    /// What the word's IDF is multiplied by in the query's weight (1; less for the verb of a
    /// needs statement: `PREDICATE_WEIGHT` in needs.rs).
    pub weight: f32,
    /// A word that says nothing about a seed's subject ([`crate::segment::GENERIC_JA`]: システム,
    /// 装置, 技術 …): no match on its own beside the query's other words.
    pub generic: bool,
    pub alts: Vec<Alt>,
}

impl Group {
    /// This group of a plan whose slots are `from`, with its alternatives' slots copied onto
    /// the end of `slots` and renumbered there.
    pub(crate) fn copied_onto(&self, from: &[Slot], slots: &mut Vec<Slot>) -> Group {
        let mut group = self.clone();
        for a in &mut group.alts {
            let start = slots.len();
            slots.extend(from[a.slots.clone()].iter().cloned());
            a.slots = start..slots.len();
        }
        group
    }
}

/// A query resolved against one engine's dictionary: parse once, then search and highlight
/// (every card) with the same plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedQuery {
    pub(crate) parsed: ParsedQuery,
    pub(crate) groups: Vec<Group>,
    pub(crate) slots: Vec<Slot>,
    /// The text reads as a sentence (a needs statement), not as search terms.
    pub(crate) sentence: bool,
}

impl PreparedQuery {
    /// A query with no clause: every seed, unscored.
    pub(crate) fn nothing(parsed: ParsedQuery) -> Self {
        PreparedQuery { parsed, groups: Vec::new(), slots: Vec::new(), sentence: false }
    }

    /// The parsed clauses.
    pub fn parsed(&self) -> &ParsedQuery {
        &self.parsed
    }

    /// True when no clause has anything searchable (empty, or only punctuation and emoji).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// True when some term must match (not only exclusions).
    pub fn has_positive(&self) -> bool {
        self.groups.iter().any(|g| !g.negated)
    }

    pub(crate) fn positive(&self) -> impl Iterator<Item = &Group> {
        self.groups.iter().filter(|g| !g.negated)
    }

    /// True when the query reads as a sentence (a needs statement) rather than search terms:
    /// the search box then answers with needs matching.
    pub fn is_sentence(&self) -> bool {
        self.sentence
    }

    /// The plan with only the groups at `keep` (ascending), their slots renumbered.
    pub(crate) fn select(self, keep: &[usize]) -> PreparedQuery {
        let mut slots = Vec::new();
        let mut groups = Vec::new();
        for &g in keep {
            groups.push(self.groups[g].copied_onto(&self.slots, &mut slots));
        }
        PreparedQuery { parsed: self.parsed, groups, slots, sentence: self.sentence }
    }
}

/// The groups and slots one word of a query resolved to (its slots numbered from 0), with the
/// key of everything they came from: kept by the engine for the next keystroke.
#[derive(Debug)]
pub(crate) struct Resolved {
    pub key: String,
    pub groups: Vec<Group>,
    pub slots: Vec<Slot>,
}
