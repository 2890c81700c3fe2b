//! Query plans and ranking.
//!
//! A [`PreparedQuery`] resolves a parsed query against the dictionary once: every clause
//! becomes a *group* of alternatives (the literal text and its synonyms), every alternative a
//! list of *slots* (one per query token), every slot a list of *expansions* (index terms with a
//! discount: exact 1.0, prefix, typo, one-character CJK).
//!
//! Matching is set algebra on bitsets: a slot matches the OR of its expansions' postings, an
//! alternative the AND of its slots, a group the OR of its alternatives, the query the AND of
//! its groups minus the excluded ones (ranked OR of the groups when the AND is empty).
//!
//! Scoring is BM25 over weighted fields: a slot scores `idf(slot) · max(discount · impact)`,
//! an alternative the mean of its slots times its discount (so a long CJK word weighs as much
//! as a short English one), a group its best alternative, a seed the sum of its groups. The
//! best [`BONUS_TOP`] seeds get a bonus when the query's characters occur as one contiguous run
//! in the title, keywords or body.

use std::ops::Range;

use serde::Serialize;

use crate::bitset::Bitset;
use crate::engine::Engine;
use crate::index::{field_texts, Field, Index, TermId, IMPACT_SCALE, NF};
use crate::normalize::{is_word_char, run_form};
use crate::query::ParsedQuery;
use crate::synonyms::Synonyms;
use crate::tokenize::{gram_text, tokenize, Kind, Mode};
use crate::types::Filters;

/// Discount for a synonym of the typed term.
pub const SYNONYM_DISCOUNT: f32 = 0.8;
/// Discount for a word completing the typed prefix: `PREFIX_BASE + PREFIX_SPAN · typed/length`.
pub const PREFIX_BASE: f32 = 0.6;
/// See [`PREFIX_BASE`].
pub const PREFIX_SPAN: f32 = 0.3;
/// Discount for a word one edit away.
pub const TYPO_ONE: f32 = 0.6;
/// Discount for a word two edits away.
pub const TYPO_TWO: f32 = 0.45;
/// Discount for a word whose beginning is one edit away from the typed prefix.
pub const PREFIX_TYPO: f32 = 0.5;
/// Most prefix completions per slot (the most frequent are kept).
pub const MAX_PREFIX: usize = 64;
/// Most typo corrections per slot.
pub const MAX_TYPOS: usize = 32;
/// Most slots (tokens) per alternative.
pub const MAX_SLOTS: usize = 64;
/// How many of the best seeds are checked for the contiguous-run bonus.
pub const BONUS_TOP: usize = 40;
/// Contiguous-run bonus by field group (title, keywords, body, meta), as a share of the score.
pub const RUN_BONUS: [f32; NF] = [0.5, 0.35, 0.25, 0.0];

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
    pub alts: Vec<Alt>,
}

/// A query resolved against one engine's dictionary: parse once, then search and highlight
/// (every card) with the same plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedQuery {
    pub(crate) parsed: ParsedQuery,
    pub(crate) groups: Vec<Group>,
    pub(crate) slots: Vec<Slot>,
}

impl PreparedQuery {
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
}

enum Tok {
    Gram(u64),
    Char(char),
    Word(String),
}

/// Options for turning a text into slots.
#[derive(Clone, Copy)]
struct SlotOptions {
    prefix_last: bool,
    fuzzy: bool,
}

/// Resolves a parsed query.
pub(crate) fn prepare(ix: &Index, syn: &Synonyms, parsed: ParsedQuery) -> PreparedQuery {
    let mut groups = Vec::new();
    let mut slots = Vec::new();
    let cl = &parsed.clauses;
    let mut i = 0;
    while i < cl.len() {
        let c = &cl[i];
        // A synonym spanning several clauses (`drug delivery`).
        let mut j = i + 1;
        let mut text = c.text.clone();
        if !c.phrase {
            for end in (i + 2..=cl.len().min(i + 4)).rev() {
                if cl[i..end].iter().any(|x| x.phrase || x.negated != c.negated) {
                    continue;
                }
                let joined =
                    cl[i..end].iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" ");
                if syn.contains(&run_form(&joined)) {
                    j = end;
                    text = joined;
                    break;
                }
            }
        }
        let prefix = cl[j - 1].prefix;
        i = j;
        let opts = SlotOptions { prefix_last: prefix, fuzzy: !c.negated && !c.phrase };
        let start = slots.len();
        add_slots(ix, &text, opts, &mut slots);
        if slots.len() == start {
            continue; // nothing searchable in this clause
        }
        let key = run_form(&text);
        let mut alts = vec![Alt {
            run: key.clone(),
            text,
            factor: 1.0,
            synonym: false,
            slots: start..slots.len(),
            prefix,
        }];
        if !c.phrase {
            let exact = SlotOptions { prefix_last: false, fuzzy: false };
            let mut push_alt = |text: String, run: String, slots: &mut Vec<Slot>| {
                let s = slots.len();
                add_slots(ix, &run, exact, slots);
                if slots.len() > s {
                    alts.push(Alt {
                        text,
                        run,
                        factor: SYNONYM_DISCOUNT,
                        synonym: true,
                        slots: s..slots.len(),
                        prefix: false,
                    });
                }
            };
            let whole = syn.alternatives(&key);
            if whole.is_empty() {
                for (variant, _, _) in syn.substitutions(&key) {
                    push_alt(variant.clone(), variant, &mut slots);
                }
            } else {
                for m in whole {
                    push_alt(m.text.clone(), m.key.clone(), &mut slots);
                }
            }
        }
        groups.push(Group {
            text: alts[0].text.clone(),
            negated: c.negated,
            phrase: c.phrase,
            alts,
        });
    }
    PreparedQuery { parsed, groups, slots }
}

fn add_slots(ix: &Index, text: &str, opts: SlotOptions, slots: &mut Vec<Slot>) {
    let mut toks: Vec<Tok> = Vec::new();
    tokenize(text, Mode::Query, |t| {
        if toks.len() < MAX_SLOTS {
            toks.push(match t.kind {
                Kind::Gram(k) => Tok::Gram(k),
                Kind::Char(c) => Tok::Char(c),
                Kind::Word(w) => Tok::Word(w.to_string()),
            })
        }
    });
    let last = toks.len().saturating_sub(1);
    for (k, tok) in toks.into_iter().enumerate() {
        let exact = |t: TermId| Exp { term: t, factor: 1.0, kind: MatchKind::Exact };
        let slot = match tok {
            Tok::Gram(key) => Slot {
                token: gram_text(key),
                exps: ix.gram(key).map(exact).into_iter().collect(),
                bigram: true,
                single_char: None,
            },
            Tok::Char(c) => Slot {
                token: c.to_string(),
                exps: ix
                    .char_terms(c)
                    .map(|t| Exp { term: t, factor: 1.0, kind: MatchKind::Char })
                    .collect(),
                bigram: false,
                single_char: Some(c),
            },
            Tok::Word(w) => {
                let mut exps: Vec<Exp> = ix.word(&w).map(exact).into_iter().collect();
                let as_prefix = opts.prefix_last && k == last;
                if as_prefix {
                    let mut words: Vec<(usize, &str, TermId)> = ix
                        .prefix_words(&w)
                        .iter()
                        .filter(|(x, _)| **x != *w)
                        .map(|(x, t)| (ix.df(*t), &**x, *t))
                        .collect();
                    if words.len() > MAX_PREFIX {
                        words.select_nth_unstable_by(MAX_PREFIX, |a, b| {
                            b.0.cmp(&a.0).then(a.1.cmp(b.1))
                        });
                        words.truncate(MAX_PREFIX);
                    }
                    let typed = w.chars().count() as f32;
                    for (_, x, t) in words {
                        let f = PREFIX_BASE + PREFIX_SPAN * typed / x.chars().count().max(1) as f32;
                        exps.push(Exp { term: t, factor: f, kind: MatchKind::Prefix });
                    }
                }
                if opts.fuzzy {
                    let mut typos = ix.typo_words(&w, as_prefix);
                    typos.sort_by(|a, b| {
                        a.1.cmp(&b.1).then(ix.df(b.0).cmp(&ix.df(a.0))).then(a.0.cmp(&b.0))
                    });
                    for (t, d, pre) in typos {
                        let f = match (pre, d) {
                            (true, _) => PREFIX_TYPO,
                            (false, 1) => TYPO_ONE,
                            _ => TYPO_TWO,
                        };
                        let typos = exps.iter().filter(|e| e.kind == MatchKind::Typo).count();
                        if let Some(e) = exps.iter_mut().find(|e| e.term == t) {
                            e.factor = e.factor.max(f);
                        } else if typos < MAX_TYPOS {
                            exps.push(Exp { term: t, factor: f, kind: MatchKind::Typo });
                        }
                    }
                }
                Slot { token: w, exps, bigram: false, single_char: None }
            }
        };
        slots.push(slot);
    }
}

/// Finds `needle` in `hay` (both run forms) with Latin word edges respected; with
/// `prefix_ok` the needle's last word may be the beginning of a longer word.
pub(crate) fn find_run(hay: &str, needle: &str, prefix_ok: bool) -> bool {
    if needle.is_empty() {
        return false;
    }
    let starts_word = needle.chars().next().is_some_and(is_word_char);
    let ends_word = needle.chars().next_back().is_some_and(is_word_char);
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = n[0];
    let mut from = 0;
    // A first-byte scan and a compare: cheaper than building a two-way searcher per text.
    while let Some(p) = h.get(from..).and_then(|rest| rest.iter().position(|&b| b == first)) {
        let i = from + p;
        if h[i..].starts_with(n) {
            let before_ok = !starts_word || !hay[..i].chars().next_back().is_some_and(is_word_char);
            let after_ok = prefix_ok
                || !ends_word
                || !hay[i + n.len()..].chars().next().is_some_and(is_word_char);
            if before_ok && after_ok {
                return true;
            }
        }
        from = i + 1;
    }
    false
}

/// Joins two run forms as they would appear in text.
fn join_runs(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len() + 1);
    s.push_str(a);
    if a.chars().next_back().is_some_and(is_word_char) && b.chars().next().is_some_and(is_word_char)
    {
        s.push(' ');
    }
    s.push_str(b);
    s
}

/// The outcome of evaluating a plan.
pub(crate) struct Outcome {
    /// Matching seeds (filters applied) with their scores, unsorted.
    pub hits: Vec<(u32, f32)>,
    /// Text matches before facet filters, for facet counts.
    pub matches: Bitset,
    pub relaxed: bool,
    /// Seeds that got the contiguous-run bonus: (seed, bonus share, field group).
    pub bonus: Vec<(u32, f32, usize)>,
}

impl Engine {
    fn slot_bits(&self, slot: &Slot) -> Bitset {
        let mut b = Bitset::empty(self.index.n_docs());
        for e in &slot.exps {
            for &d in self.index.postings(e.term).0 {
                b.insert(d as usize);
            }
        }
        b
    }

    /// The first of `fields` (field groups) of seed `d` where any of `runs` occurs. With
    /// `summaries`, the body group is only its summaries (the bonus check, kept cheap).
    pub(crate) fn run_field(
        &self,
        d: usize,
        runs: &[(String, bool)],
        fields: &[usize],
        summaries: bool,
    ) -> Option<usize> {
        let seed = &self.bundle.seeds[d];
        let inst = self.institution_of(d);
        let mut buf = String::new();
        let mut check = |text: &str, found: &mut bool| {
            if !*found {
                buf.clear();
                crate::normalize::push_run_form(text, &mut buf);
                *found = runs.iter().any(|(r, p)| find_run(&buf, r, *p));
            }
        };
        for &f in fields {
            let mut found = false;
            if summaries && f == Field::Body as usize {
                check(&seed.summary_ja, &mut found);
                if let Some(en) = &seed.summary_en {
                    check(en, &mut found);
                }
            } else {
                field_texts(seed, inst, f, |text| check(text, &mut found));
            }
            if found {
                return Some(f);
            }
        }
        None
    }

    /// The docs of `scope` where group `g`'s phrase occurs (any alternative's run).
    pub(crate) fn verify_phrase(&self, g: &Group, scope: &Bitset) -> Bitset {
        let runs: Vec<(String, bool)> = g
            .alts
            .iter()
            .filter(|a| a.slots.len() >= 2)
            .map(|a| (a.run.clone(), a.prefix))
            .collect();
        if runs.len() < g.alts.len() {
            return scope.clone(); // a one-token alternative is trivially contiguous
        }
        let mut out = Bitset::empty(scope.capacity());
        for d in scope.iter() {
            if self.run_field(d, &runs, &[0, 1, 2, 3], false).is_some() {
                out.insert(d);
            }
        }
        out
    }

    /// Evaluates a plan under facet filters.
    pub(crate) fn evaluate(&self, plan: &PreparedQuery, filters: &Filters) -> Outcome {
        let n = self.index.n_docs();
        let filt = self.facets.filter(filters, None);
        let slot_bits: Vec<Bitset> = plan.slots.iter().map(|s| self.slot_bits(s)).collect();
        let group_bits: Vec<Bitset> = plan
            .groups
            .iter()
            .map(|g| {
                let mut gb = Bitset::empty(n);
                for a in &g.alts {
                    let mut ab = Bitset::full(n);
                    for s in a.slots.clone() {
                        ab.and_with(&slot_bits[s]);
                    }
                    gb.or_with(&ab);
                }
                gb
            })
            .collect();

        // Exclusions; an excluded phrase only where it really occurs (checked within `scope`).
        let exclude = |scope: &mut Bitset| {
            for (g, gb) in plan.groups.iter().zip(&group_bits) {
                if !g.negated {
                    continue;
                }
                if g.phrase {
                    let mut within = gb.clone();
                    within.and_with(scope);
                    scope.and_not_with(&self.verify_phrase(g, &within));
                } else {
                    scope.and_not_with(gb);
                }
            }
        };

        let positive: Vec<usize> =
            (0..plan.groups.len()).filter(|&i| !plan.groups[i].negated).collect();
        let mut matches = Bitset::full(n);
        for &i in &positive {
            matches.and_with(&group_bits[i]);
        }
        exclude(&mut matches);
        for &i in &positive {
            if plan.groups[i].phrase {
                matches = self.verify_phrase(&plan.groups[i], &matches);
            }
        }
        let mut cands = matches.clone();
        if let Some(f) = &filt {
            cands.and_with(f);
        }

        let mut relaxed = false;
        let mut verified: Vec<Option<Bitset>> = vec![None; plan.groups.len()];
        if cands.is_empty() && positive.len() >= 2 {
            let mut any = Bitset::empty(n);
            for &i in &positive {
                any.or_with(&group_bits[i]);
            }
            exclude(&mut any);
            let mut any_verified = Bitset::empty(n);
            for &i in &positive {
                let mut scope = group_bits[i].clone();
                scope.and_with(&any);
                if plan.groups[i].phrase {
                    scope = self.verify_phrase(&plan.groups[i], &scope);
                    verified[i] = Some(scope.clone());
                }
                any_verified.or_with(&scope);
            }
            let mut c = any_verified.clone();
            if let Some(f) = &filt {
                c.and_with(f);
            }
            if !c.is_empty() {
                relaxed = true;
                matches = any_verified;
                cands = c;
            }
        }

        if positive.is_empty() {
            let hits = cands.iter().map(|d| (d as u32, 0.0)).collect();
            return Outcome { hits, matches, relaxed, bonus: Vec::new() };
        }

        // Dense per-slot values over the candidates; rank(d) by popcount prefix.
        let cand_list: Vec<u32> = cands.iter().map(|d| d as u32).collect();
        let m = cand_list.len();
        let ranks = cands.word_ranks();
        let rank = |d: u32| cands.contains(d as usize).then(|| cands.rank(&ranks, d as usize));
        let pos_slots: Vec<usize> = positive
            .iter()
            .flat_map(|&g| plan.groups[g].alts.iter().flat_map(|a| a.slots.clone()))
            .collect();
        let mut slot_row = vec![usize::MAX; plan.slots.len()];
        for (row, &s) in pos_slots.iter().enumerate() {
            slot_row[s] = row;
        }
        let mut vals = vec![0f32; pos_slots.len() * m];
        for (row, &s) in pos_slots.iter().enumerate() {
            let out = &mut vals[row * m..(row + 1) * m];
            for e in &plan.slots[s].exps {
                let (docs, imps) = self.index.postings(e.term);
                for (&d, &imp) in docs.iter().zip(imps) {
                    if let Some(r) = rank(d) {
                        let v = e.factor * (imp as f32 * IMPACT_SCALE);
                        if v > out[r] {
                            out[r] = v;
                        }
                    }
                }
            }
        }
        let idf: Vec<f32> = slot_bits.iter().map(|b| self.index.idf(b.count())).collect();

        let mut hits: Vec<(u32, f32)> = Vec::with_capacity(m);
        for (r, &d) in cand_list.iter().enumerate() {
            let mut total = 0.0;
            let mut matched = 0usize;
            for &g in &positive {
                if verified[g].as_ref().is_some_and(|v| !v.contains(d as usize)) {
                    continue; // the phrase's words, but not as the phrase (OR fallback)
                }
                let best = group_score(&plan.groups[g], |s| (vals[slot_row[s] * m + r], idf[s]));
                if best > 0.0 {
                    total += best;
                    matched += 1;
                }
            }
            if relaxed {
                total = relaxed_score(matched, total);
            }
            hits.push((d, total));
        }

        // Contiguous-run bonus on the best seeds.
        let mut bonus = Vec::new();
        // (In the OR fallback no seed has every term, so none has them as one run.)
        let runs = if relaxed { Vec::new() } else { bonus_runs(plan) };
        if !runs.is_empty() && !hits.is_empty() {
            // The best BONUS_TOP by score (ties: lower seed index), selected on plain keys.
            let mut keys: Vec<u64> = hits
                .iter()
                .enumerate()
                .map(|(i, h)| (u64::from(!h.1.max(0.0).to_bits()) << 32) | i as u64)
                .collect();
            let k = BONUS_TOP.min(keys.len());
            if keys.len() > k {
                keys.select_nth_unstable(k - 1);
                keys.truncate(k);
            }
            for key in keys {
                let i = key as u32 as usize;
                let d = hits[i].0;
                if let Some(f) = self.run_field(d as usize, &runs, &[0, 1, 2], true) {
                    let share = RUN_BONUS[f];
                    hits[i].1 *= 1.0 + share;
                    bonus.push((d, share, f));
                }
            }
        }
        Outcome { hits, matches, relaxed, bonus }
    }
}

/// A seed's score in the OR fallback: the number of terms it matched, then the term scores
/// squashed into `[0, 1)`, so seeds matching more terms always rank first.
pub(crate) fn relaxed_score(matched: usize, base: f32) -> f32 {
    matched as f32 + base / (1.0 + base)
}

/// The best alternative's score for one seed; `val(slot) -> (discounted impact, idf)`.
pub(crate) fn group_score(g: &Group, val: impl Fn(usize) -> (f32, f32)) -> f32 {
    let mut best = 0.0f32;
    for a in &g.alts {
        let mut sum = 0.0;
        let mut ok = !a.slots.is_empty();
        for s in a.slots.clone() {
            let (v, idf) = val(s);
            if v <= 0.0 {
                ok = false;
                break;
            }
            sum += idf * v;
        }
        if ok {
            best = best.max(a.factor * sum / a.slots.len() as f32);
        }
    }
    best
}

/// The run forms whose contiguous occurrence earns the bonus: the positive groups in order,
/// each as typed or as a synonym (a few combinations), when they have two tokens or more.
pub(crate) fn bonus_runs(plan: &PreparedQuery) -> Vec<(String, bool)> {
    let tokens: usize = plan.positive().map(|g| g.alts[0].slots.len()).sum();
    if tokens < 2 {
        return Vec::new();
    }
    let mut runs: Vec<(String, bool)> = vec![(String::new(), false)];
    for g in plan.positive() {
        let mut next = Vec::new();
        for (r, _) in &runs {
            for a in g.alts.iter().take(4) {
                if next.len() < 8 {
                    next.push((join_runs(r, &a.run), a.prefix));
                }
            }
        }
        runs = next;
    }
    runs.retain(|(r, _)| !r.is_empty());
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_found_only_on_latin_word_edges() {
        let cases: &[(&str, &str, bool, bool)] = &[
            ("targeted drug delivery system", "drug delivery", false, true),
            ("antidrug delivery", "drug delivery", false, false),
            ("drug deliveryman", "drug delivery", false, false),
            ("drug deliveryman", "drug delivery", true, true),
            ("ガン治療薬", "ガン治療", false, true),
            ("新規ガン治療", "ガン治療", false, true),
            ("ガン新規治療", "ガン治療", false, false),
            ("anything", "", false, false),
        ];
        for (hay, needle, prefix, want) in cases {
            assert_eq!(
                find_run(hay, needle, *prefix),
                *want,
                "find_run({hay:?}, {needle:?}, {prefix})"
            );
        }
    }

    #[test]
    fn joined_runs_keep_a_space_only_between_words() {
        assert_eq!(join_runs("drug", "delivery"), "drug delivery");
        assert_eq!(join_runs("ガン", "治療"), "ガン治療");
        assert_eq!(join_runs("ips", "細胞"), "ips細胞");
        assert_eq!(join_runs("", "x"), "x");
    }
}
