//! Query plans and ranking.
//!
//! A [`PreparedQuery`] resolves a parsed query against the dictionary once: every clause
//! becomes a *group* of alternatives (the literal text, its synonyms and the catalogue terms
//! they split into), every alternative a list of *slots* (one per query token), every slot a
//! list of *expansions* (index terms with a discount: exact 1.0, prefix, typo, one-character
//! CJK).
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

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

use crate::bitset::Bitset;
use crate::engine::Engine;
use crate::index::{field_texts, Field, Index, TermId, NF};
use crate::kept::Kept;
use crate::normalize::{is_word_char, run_form};
pub(crate) use crate::plan::{Alt, Exp, Group, Resolved, Slot};
pub use crate::plan::{MatchKind, PreparedQuery};
use crate::query::ParsedQuery;
use crate::segment::{is_generic, segment, without_head, Lexicon};
use crate::sort;
use crate::stem;
use crate::synonyms::{Member, Synonyms};
use crate::tokenize::{gram_text, tokenize, Kind, Mode};
use crate::types::{Filters, Hits};

/// Discount for a synonym of the typed term.
pub const SYNONYM_DISCOUNT: f32 = 0.8;
/// Discount for a compound's words found apart (がん遺伝子 as がん … 遺伝子).
pub const PARTS_DISCOUNT: f32 = 0.7;
/// Share of a query's words a seed must have (rounded up): the minimum that should match. Seeds
/// with every word rank first, then those covering most of the query's weight.
pub const MIN_SHOULD_MATCH: f32 = 0.5;

/// Among seeds without every word, how much the term scores weigh against the share of the
/// query's weight (IDF) covered: enough that a word strong in the title and keywords can beat
/// a rarer word mentioned once in the body (`IV catheter securement`).
pub const PARTIAL_TIEBREAK: f32 = 0.4;
/// When fewer than a page of seeds have every word, how much a seed without every word weighs
/// its similarity to them against its own score ([`feedback_score`]): as much. A seed with
/// only the commonest word of the query (装置 of 放射線治療装置) then ranks below one about
/// the same subject as the seeds with every word.
pub const FEEDBACK_WEIGHT: f32 = 1.0;
/// Discount for a word completing the typed prefix: `PREFIX_BASE + PREFIX_SPAN · typed/length`.
pub const PREFIX_BASE: f32 = 0.6;
/// See [`PREFIX_BASE`].
pub const PREFIX_SPAN: f32 = 0.3;
/// Discount for a word with the typed word's English stem (screening → screen, screened).
pub const STEM_DISCOUNT: f32 = 0.9;
/// Discount for a word one edit away.
pub const TYPO_ONE: f32 = 0.6;
/// Discount for a word two edits away.
pub const TYPO_TWO: f32 = 0.45;
/// Discount for a word whose beginning is one edit away from the typed prefix.
pub const PREFIX_TYPO: f32 = 0.5;
/// Most English words (other forms, typo corrections, completions) whose synonym groups one
/// query word borrows.
pub const MAX_SYNONYM_WORDS: usize = 4;
/// Discount for the members of a group that one of whose multi-word members has the typed
/// English word in it (`alzheimer` → `alzheimer disease`, アルツハイマー病).
pub const PHRASE_WORD_DISCOUNT: f32 = 0.7;
/// Most groups a word may share phrases with and still borrow them ([`PHRASE_WORD_DISCOUNT`]).
pub const MAX_PHRASE_GROUPS: usize = 2;
/// Shortest English prefix completed through the synonym groups while typing.
pub const MIN_PREFIX_SYNONYM: usize = 4;
/// Most prefix completions per slot (the most frequent are kept).
pub const MAX_PREFIX: usize = 64;
/// Typed length below which the completions are fewer: half of [`MAX_PREFIX`] per character
/// missing (16 for one character, 32 for two). A word of one or two letters says little; its
/// commonest completions already fill every page, and their postings were the slowest
/// keystrokes to search.
pub const FULL_PREFIX_CHARS: usize = 3;
/// Most typo corrections per slot.
pub const MAX_TYPOS: usize = 32;
/// Most slots (tokens) per alternative.
pub const MAX_SLOTS: usize = 64;
/// How many of the best seeds are checked for the contiguous-run bonus.
pub const BONUS_TOP: usize = 40;
/// Contiguous-run bonus by field group (title, keywords, body, meta), as a share of the score.
pub const RUN_BONUS: [f32; NF] = [0.5, 0.35, 0.25, 0.0];

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

/// Resolves a parsed query: multi-word synonyms joined, unspaced text cut into words
/// ([`crate::segment`]), each word a group of alternatives.
pub(crate) fn prepare(
    ix: &Index,
    syn: &Synonyms,
    lex: &Lexicon,
    kept: &Kept<Resolved>,
    parsed: ParsedQuery,
) -> PreparedQuery {
    let mut groups = Vec::new();
    let mut slots = Vec::new();
    let cl = &parsed.clauses;
    let plain = !cl.is_empty() && cl.iter().all(|c| !c.phrase && !c.negated);
    let sentence = plain && {
        let text: Vec<&str> = cl.iter().map(|c| c.text.as_str()).collect();
        segment(&text.join(" "), lex).sentence()
    };
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
                // The same with a misspelt word corrected (`machin learning`).
                let fixed: Vec<String> = cl[i..end]
                    .iter()
                    .map(|x| {
                        let w = run_form(&x.text);
                        syn.corrected(&w).map_or(w.clone(), str::to_string)
                    })
                    .collect();
                let fixed = fixed.join(" ");
                if fixed != run_form(&joined) && syn.contains(&fixed) {
                    j = end;
                    text = fixed;
                    break;
                }
            }
        }
        let prefix = cl[j - 1].prefix;
        let joined = j > i + 1;
        i = j;
        if c.phrase || c.negated || joined {
            let (neg, phrase) = (c.negated, c.phrase);
            let key = word_key(&text, [neg, phrase, prefix, false], &[]);
            kept_word(kept, key, &mut groups, &mut slots, |groups, slots| {
                push_group(ix, syn, &text, neg, phrase, prefix, &[], groups, slots);
                if !phrase && !neg {
                    synonym_parts(ix, lex, groups, slots);
                }
            });
            continue;
        }
        if syn.contains(&run_form(&text)) {
            // A synonym as typed is one word; its parts still count (腸内細菌叢 → 腸内細菌).
            let seg = segment(&text, lex);
            let parts: Vec<&str> = match seg.pieces.as_slice() {
                [one] if one.span == (0..text.len()) => {
                    one.parts.iter().map(|r| &text[r.clone()]).collect()
                }
                _ => Vec::new(),
            };
            let key = word_key(&text, [false, false, prefix, true], &parts);
            kept_word(kept, key, &mut groups, &mut slots, |groups, slots| {
                push_group(ix, syn, &text, false, false, prefix, &parts, groups, slots);
                synonym_parts(ix, lex, groups, slots);
            });
            continue;
        }
        let seg = segment(&text, lex);
        let last = seg.pieces.len().saturating_sub(1);
        for (k, piece) in seg.pieces.iter().enumerate() {
            let parts: Vec<&str> = piece.parts.iter().map(|r| &text[r.clone()]).collect();
            let word = &text[piece.span.clone()];
            let open = prefix && k == last && piece.span.end == text.len();
            let key = word_key(word, [false, false, open, false], &parts);
            kept_word(kept, key, &mut groups, &mut slots, |groups, slots| {
                push_group(ix, syn, word, false, false, open, &parts, groups, slots);
            });
        }
    }
    PreparedQuery { parsed, groups, slots, sentence }
}

/// Everything that decides how one word of a query resolves: its text, its flags (negated,
/// phrase, still being typed, synonym parts added) and its compound's parts.
fn word_key(text: &str, flags: [bool; 4], parts: &[&str]) -> String {
    let bits = flags.iter().rev().fold(0u8, |b, &f| b << 1 | u8::from(f));
    let mut key = String::from(char::from(b'a' + bits));
    for p in std::iter::once(text).chain(parts.iter().copied()) {
        key.push('\u{1}');
        key.push_str(p);
    }
    key
}

/// Appends one word's groups and slots, as `resolve` pushes them onto empty lists, from the
/// resolutions the engine keeps when the same `key` ([`word_key`]) was resolved before: while
/// a query is typed only its last word changes, and resolving the others again (typo
/// corrections, synonyms, compound parts) was about 40 % of a keystroke's engine time in the
/// browser.
fn kept_word(
    kept: &Kept<Resolved>,
    key: String,
    groups: &mut Vec<Group>,
    slots: &mut Vec<Slot>,
    resolve: impl Fn(&mut Vec<Group>, &mut Vec<Slot>),
) {
    let fresh = || {
        let (mut groups, mut slots) = (Vec::new(), Vec::new());
        resolve(&mut groups, &mut slots);
        Resolved { key: key.clone(), groups, slots }
    };
    let append = |r: &Resolved| {
        if r.key != key {
            return false; // another word hashed to the same place
        }
        for g in &r.groups {
            groups.push(g.copied_onto(&r.slots, slots));
        }
        true
    };
    if !kept.with(FxBuildHasher.hash_one(&key), fresh, append) {
        resolve(groups, slots);
    }
}

/// Adds to `groups` (just pushed) the parts of their CJK synonyms that split into the
/// catalogue's terms, as one more alternative each at [`PARTS_DISCOUNT`] of the synonym's
/// factor: `gut microbiota` → 腸内細菌叢 also finds 腸内細菌, as 腸内細菌叢 typed would; a
/// synonym the catalogue lacks, by what its head kanji specifies (`hearing aid` → 補聴器 → 補聴).
fn synonym_parts(ix: &Index, lex: &Lexicon, groups: &mut [Group], slots: &mut Vec<Slot>) {
    let exact = SlotOptions { prefix_last: false, fuzzy: false };
    for g in groups {
        let mut extra = Vec::new();
        for a in g.alts.iter().filter(|a| a.synonym && a.run.chars().any(crate::normalize::is_cjk))
        {
            let seg = segment(&a.run, lex);
            let unmatched = slots[a.slots.clone()].iter().any(|s| s.exps.is_empty());
            let parts: Vec<&str> = match seg.pieces.as_slice() {
                [one] if one.span == (0..a.run.len()) && !one.parts.is_empty() => {
                    one.parts.iter().map(|r| &a.run[r.clone()]).collect()
                }
                // A term the catalogue lacks, by what its head specifies (補聴器 → 補聴).
                _ if unmatched => match without_head(&a.run) {
                    Some(rest) => vec![rest],
                    None => continue,
                },
                _ => continue,
            };
            if g.alts.iter().chain(&extra).any(|x: &Alt| x.text == parts.join(" ")) {
                continue;
            }
            let s = slots.len();
            for p in &parts {
                add_slots(ix, p, exact, slots);
            }
            if slots.len() > s {
                extra.push(Alt {
                    text: parts.join(" "),
                    run: parts.concat(),
                    factor: a.factor * PARTS_DISCOUNT,
                    synonym: true,
                    slots: s..slots.len(),
                    prefix: false,
                });
            }
        }
        g.alts.extend(extra);
    }
}

/// The synonym alternatives of `key` with their discounts: its own groups'; else, for one
/// English word, those of its other forms ([`stem`]), of the few multi-word members it (or
/// its typo correction) is a word of ([`PHRASE_WORD_DISCOUNT`]), of the words one or two typos
/// away, and (while it is still being typed) of the words it begins.
fn synonyms_of<'a>(syn: &'a Synonyms, key: &str, typing: bool) -> Vec<(&'a Member, f32)> {
    let whole = syn.alternatives(key);
    if !whole.is_empty() {
        return whole.into_iter().map(|m| (m, SYNONYM_DISCOUNT)).collect();
    }
    let mut out: Vec<(&Member, f32)> = Vec::new();
    let mut add = |m: &'a Member, f: f32| {
        if m.key != key && !out.iter().any(|(o, _)| o.key == m.key) {
            out.push((m, f));
        }
    };
    if !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return out;
    }
    for m in stem::related_synonyms(syn, key) {
        add(m, SYNONYM_DISCOUNT * STEM_DISCOUNT);
    }
    let phrase_word = |w: &str| syn.phrase_alternatives(w, MAX_PHRASE_GROUPS);
    for m in phrase_word(key) {
        add(m, SYNONYM_DISCOUNT * PHRASE_WORD_DISCOUNT);
    }
    if let Some(w) = syn.corrected(key) {
        let (q, c): (Vec<char>, Vec<char>) = (key.chars().collect(), w.chars().collect());
        let one = crate::typo::distances(&q, &c, 1).0.is_some();
        let f = if one { TYPO_ONE } else { TYPO_TWO };
        for m in phrase_word(w) {
            add(m, SYNONYM_DISCOUNT * PHRASE_WORD_DISCOUNT * f);
        }
    }
    let mut near = syn.near_words(key);
    sort::sort_by_key(&mut near, |&(w, d)| (d, w));
    for (w, d) in near.into_iter().take(MAX_SYNONYM_WORDS) {
        let f = if d == 1 { TYPO_ONE } else { TYPO_TWO };
        for m in syn.alternatives(w) {
            add(m, SYNONYM_DISCOUNT * f);
        }
    }
    if typing && key.len() >= MIN_PREFIX_SYNONYM {
        let mut words: Vec<&String> = syn.words_with_prefix(key).iter().collect();
        sort::sort_by_key(&mut words, |w| (w.len(), w.as_str()));
        for w in words.into_iter().take(MAX_SYNONYM_WORDS) {
            let f = PREFIX_BASE + PREFIX_SPAN * key.len() as f32 / w.len().max(1) as f32;
            for m in syn.alternatives(w) {
                add(m, SYNONYM_DISCOUNT * f);
            }
        }
    }
    out
}

/// Adds one group: the word as typed (a prefix when still being typed), its synonyms, and
/// its `parts` apart (a compound's words anywhere in the seed).
#[allow(clippy::too_many_arguments)]
pub(crate) fn push_group(
    ix: &Index,
    syn: &Synonyms,
    text: &str,
    negated: bool,
    phrase: bool,
    prefix: bool,
    parts: &[&str],
    groups: &mut Vec<Group>,
    slots: &mut Vec<Slot>,
) {
    let opts = SlotOptions { prefix_last: prefix, fuzzy: !negated && !phrase };
    let start = slots.len();
    add_slots(ix, text, opts, slots);
    if slots.len() == start {
        return; // nothing searchable
    }
    let key = run_form(text);
    let mut alts = vec![Alt {
        run: key.clone(),
        text: text.to_string(),
        factor: 1.0,
        synonym: false,
        slots: start..slots.len(),
        prefix,
    }];
    if !phrase {
        let exact = SlotOptions { prefix_last: false, fuzzy: false };
        let mut push_alt = |text: String, run: String, factor: f32, slots: &mut Vec<Slot>| {
            let s = slots.len();
            add_slots(ix, &run, exact, slots);
            if slots.len() > s {
                alts.push(Alt {
                    text,
                    run,
                    factor,
                    synonym: true,
                    slots: s..slots.len(),
                    prefix: false,
                });
            }
        };
        for (m, factor) in synonyms_of(syn, &key, prefix && !phrase) {
            push_alt(m.text.clone(), m.key.clone(), factor, slots);
        }
        if syn.alternatives(&key).is_empty() && !key.is_ascii() {
            for (variant, _, _) in syn.substitutions(&key) {
                push_alt(variant.clone(), variant, SYNONYM_DISCOUNT, slots);
            }
        }
        let same = parts.len() == 1 && run_form(parts[0]) == key;
        if !parts.is_empty() && !same && !negated {
            let s = slots.len();
            for p in parts {
                add_slots(ix, p, exact, slots);
            }
            if slots.len() > s {
                let run: String = parts.iter().map(|p| run_form(p)).collect();
                alts.push(Alt {
                    text: parts.join(" "),
                    run,
                    factor: PARTS_DISCOUNT,
                    synonym: false,
                    slots: s..slots.len(),
                    prefix: false,
                });
            }
        }
    }
    let generic = is_generic(&key);
    groups.push(Group {
        text: text.to_string(),
        negated,
        phrase,
        whole: false,
        weight: 1.0,
        generic,
        alts,
    });
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
                        .filter(|&(x, _)| x != &*w)
                        .map(|(x, t)| (ix.df(t), x, t))
                        .collect();
                    let typed = w.chars().count();
                    let most = MAX_PREFIX >> FULL_PREFIX_CHARS.saturating_sub(typed);
                    if words.len() > most {
                        words.select_nth_unstable_by(most, |a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
                        words.truncate(most);
                    }
                    let typed = typed as f32;
                    for (_, x, t) in words {
                        let f = PREFIX_BASE + PREFIX_SPAN * typed / x.chars().count().max(1) as f32;
                        exps.push(Exp { term: t, factor: f, kind: MatchKind::Prefix });
                    }
                }
                if opts.fuzzy {
                    for t in stem::related_words(ix, &w) {
                        if !exps.iter().any(|e| e.term == t) {
                            exps.push(Exp {
                                term: t,
                                factor: STEM_DISCOUNT,
                                kind: MatchKind::Stem,
                            });
                        }
                    }
                    let mut typos = ix.typo_words(&w, as_prefix);
                    sort::sort_by(&mut typos, |a, b| {
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
    // A search for the first character (the standard library's word-at-a-time scan for its
    // last byte: a Japanese character's first byte is one of a handful shared by all kana and
    // kanji, its last one of 64), then the needle's last byte, then a compare: cheaper than
    // building a two-way searcher per text.
    let first = needle.chars().next().unwrap_or_default();
    let last = n[n.len() - 1];
    let mut from = 0;
    while let Some(p) = hay.get(from..).and_then(|rest| rest.find(first)) {
        let i = from + p;
        from = i + first.len_utf8();
        if h.get(i + n.len() - 1) != Some(&last) || !h[i..].starts_with(n) {
            continue;
        }
        let before_ok = !starts_word || !hay[..i].chars().next_back().is_some_and(is_word_char);
        let after_ok =
            prefix_ok || !ends_word || !hay[i + n.len()..].chars().next().is_some_and(is_word_char);
        if before_ok && after_ok {
            return true;
        }
    }
    false
}

/// True when any of `runs` (run forms, each with whether its last word may be a prefix)
/// occurs in `text`, a run form.
fn has_run(text: &str, runs: &[(String, bool)]) -> bool {
    runs.iter().any(|(r, p)| find_run(text, r, *p))
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
    /// Per group: the seeds having it (phrases verified).
    pub words: Vec<Bitset>,
    /// Per group: its share of the query's weight (IDF), for the coverage of partial matches.
    pub weights: Vec<f32>,
}

impl Engine {
    fn slot_bits(&self, slot: &Slot) -> Bitset {
        let mut b = Bitset::empty(self.bundle.seeds.len());
        for e in &slot.exps {
            self.index().postings(e.term).for_each(|d, _| b.insert(d as usize));
        }
        b
    }

    /// [`Engine::slot_bits`] and, in the same pass over the postings, every seed's best
    /// discounted impact for the slot (0 where it has none), indexed by seed.
    fn slot_values(&self, slot: &Slot) -> (Bitset, Vec<f32>) {
        let n = self.bundle.seeds.len();
        let (mut b, mut best) = (Bitset::empty(n), vec![0f32; n]);
        for e in &slot.exps {
            self.index().postings(e.term).for_each(|d, imp| {
                b.insert(d as usize);
                let v = e.factor * imp;
                let slot = &mut best[d as usize];
                if v > *slot {
                    *slot = v;
                }
            });
        }
        (b, best)
    }

    /// True when a synonym alternative of `g` matches seed `d`.
    fn synonym_in_seed(&self, plan: &PreparedQuery, g: &Group, d: usize) -> bool {
        let ix = self.index();
        g.alts.iter().filter(|a| a.synonym).any(|a| {
            a.slots
                .clone()
                .all(|s| plan.slots[s].exps.iter().any(|e| ix.impact_of(e.term, d as u32) > 0.0))
        })
    }

    /// The first of `fields` (field groups) of seed `d` where any of `runs` occurs.
    pub(crate) fn run_field(
        &self,
        d: usize,
        runs: &[(String, bool)],
        fields: &[usize],
    ) -> Option<usize> {
        fields.iter().copied().find(|&f| has_run(&self.run_form(d, f, false), runs))
    }

    /// The first field group of seed `d` — title, keywords, then only the summaries of the
    /// body (kept cheap) — where any of `runs` occurs, for the run bonus. The run forms are
    /// kept for the next keystroke ([`crate::kept::Kept`]).
    fn bonus_field(&self, d: usize, runs: &[(String, bool)]) -> Option<usize> {
        (0..Field::Body as usize + 1).find(|&f| {
            let key = (d as u64) << 2 | f as u64;
            self.run_forms.with(key, || self.run_form(d, f, true), |text| has_run(text, runs))
        })
    }

    /// The run form of field group `f` of seed `d`, its texts joined by newlines (never part of
    /// a run, and no word character); with `summaries`, the body group is only its summaries.
    fn run_form(&self, d: usize, f: usize, summaries: bool) -> String {
        let seed = &self.bundle.seeds[d];
        let mut buf = String::new();
        let mut push = |text: &str| {
            if !buf.is_empty() {
                buf.push('\n');
            }
            crate::normalize::push_run_form(text, &mut buf);
        };
        if summaries && f == Field::Body as usize {
            push(seed.summary_ja());
            seed.summary_en().into_iter().for_each(push);
        } else {
            field_texts(seed, self.institution_of(d), f, push);
        }
        buf
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
            if self.run_field(d, &runs, &[0, 1, 2, 3]).is_some() {
                out.insert(d);
            }
        }
        out
    }

    /// The seeds having group `g` of `plan` (any alternative; phrases not verified).
    pub(crate) fn group_bits(&self, plan: &PreparedQuery, g: &Group) -> Bitset {
        let n = self.bundle.seeds.len();
        let mut gb = Bitset::empty(n);
        for a in &g.alts {
            let mut ab = Bitset::full(n);
            for s in a.slots.clone() {
                ab.and_with(&self.slot_bits(&plan.slots[s]));
            }
            gb.or_with(&ab);
        }
        gb
    }

    /// Evaluates a plan under facet filters.
    pub(crate) fn evaluate(&self, plan: &PreparedQuery, filters: &Filters) -> Outcome {
        self.evaluate_with(plan, filters, None)
    }

    /// [`Engine::evaluate`], with `min_match` words required instead of
    /// [`min_should_match`] (needs matching takes any one).
    pub(crate) fn evaluate_with(
        &self,
        plan: &PreparedQuery,
        filters: &Filters,
        min_match: Option<usize>,
    ) -> Outcome {
        let n = self.bundle.seeds.len();
        let filt = self.facets.filter(filters, None);
        // The positive groups' slots get their values per seed in the same pass as their seeds.
        let positive: Vec<usize> =
            (0..plan.groups.len()).filter(|&i| !plan.groups[i].negated).collect();
        let mut scored = vec![false; plan.slots.len()];
        for &g in &positive {
            for a in &plan.groups[g].alts {
                for s in a.slots.clone() {
                    scored[s] = true;
                }
            }
        }
        let mut values: Vec<Vec<f32>> = vec![Vec::new(); plan.slots.len()];
        let slot_bits: Vec<Bitset> = (plan.slots.iter().zip(&scored).zip(&mut values))
            .map(|((slot, &scored), values)| {
                if !scored {
                    return self.slot_bits(slot);
                }
                let (bits, best) = self.slot_values(slot);
                *values = best;
                bits
            })
            .collect();
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
        let exclude = |scope: &mut Bitset, group_bits: &[Bitset]| {
            for (g, gb) in plan.groups.iter().zip(group_bits) {
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

        if positive.is_empty() {
            let mut matches = Bitset::full(n);
            exclude(&mut matches, &group_bits);
            let mut cands = matches.clone();
            if let Some(f) = &filt {
                cands.and_with(f);
            }
            let hits = cands.iter().map(|d| (d as u32, 0.0)).collect();
            let (words, weights) = (group_bits, Vec::new());
            return Outcome { hits, matches, relaxed: false, bonus: Vec::new(), words, weights };
        }

        // How many of the query's words each seed has; phrases only where they occur as one.
        let k = positive.len();
        let live = positive.iter().filter(|&&g| !group_bits[g].is_empty()).count();
        let msm = min_match.unwrap_or_else(|| min_should_match(k)).min(live).max(1);
        let mut group_bits = group_bits;
        if positive.iter().any(|&g| plan.groups[g].phrase || plan.groups[g].whole) {
            let mut scope = Bitset::empty(n);
            positive.iter().for_each(|&g| scope.or_with(&group_bits[g]));
            for &g in &positive {
                let group = &plan.groups[g];
                let mut within = group_bits[g].clone();
                within.and_with(&scope);
                if group.whole {
                    // Whole katakana words; synonyms count wherever they match.
                    let mut ok = Bitset::empty(n);
                    let run = &group.alts[0].run;
                    for d in within.iter() {
                        if self.word_in_seed(d, run) || self.synonym_in_seed(plan, group, d) {
                            ok.insert(d);
                        }
                    }
                    group_bits[g] = ok;
                } else if group.phrase {
                    group_bits[g] = self.verify_phrase(group, &within);
                }
            }
        }
        // Seeds with every word, and (only where more than one word is required: a count per
        // seed costs a pass over every seed) how many of the words each seed has.
        let mut with_every = Bitset::full(n);
        positive.iter().for_each(|&g| with_every.and_with(&group_bits[g]));
        let count = (msm > 1).then(|| {
            let mut count = vec![0u8; n];
            for &g in &positive {
                group_bits[g].for_each(|d| count[d] = count[d].saturating_add(1));
            }
            count
        });
        // A seed with only the query's generic words (システム of 転倒予防システム) is no match,
        // unless no seed has any of its other words.
        let topical = {
            let mut b = Bitset::empty(n);
            for &g in positive.iter().filter(|&&g| !plan.groups[g].generic) {
                b.or_with(&group_bits[g]);
            }
            let generic = positive.iter().any(|&g| plan.groups[g].generic);
            (generic && !b.is_empty()).then_some(b)
        };
        let at_least = |m: usize| {
            let mut b = Bitset::empty(n);
            match &count {
                Some(count) if m > 1 => {
                    for (d, &c) in count.iter().enumerate() {
                        if usize::from(c) >= m {
                            b.insert(d);
                        }
                    }
                }
                // Any of the words: their seeds' union, a word at a time.
                _ => positive.iter().for_each(|&g| b.or_with(&group_bits[g])),
            }
            if let Some(t) = &topical {
                b.and_with(t);
            }
            exclude(&mut b, &group_bits);
            b
        };
        let mut matches = at_least(msm);
        let mut cands = matches.clone();
        if let Some(f) = &filt {
            cands.and_with(f);
        }
        // Nothing has enough of the words: the seeds with any of them, flagged.
        if cands.is_empty() && msm > 1 {
            matches = at_least(1);
            cands = matches.clone();
            if let Some(f) = &filt {
                cands.and_with(f);
            }
        }
        // (With no seed at all, there is nothing to call seeds with most of the words.)
        let relaxed = k >= 2 && !cands.is_empty() && cands.count_and(&with_every) == 0;

        let mut cand_list: Vec<u32> = Vec::with_capacity(cands.count());
        cands.for_each(|d| cand_list.push(d as u32));
        let m = cand_list.len();
        let idf: Vec<f32> = slot_bits.iter().map(|b| self.index().idf(b.count())).collect();
        // Each word weighs its IDF (times its own weight) in the coverage share.
        let weight: Vec<f32> = (0..plan.groups.len())
            .map(|g| {
                if group_bits[g].is_empty() {
                    0.0
                } else {
                    plan.groups[g].weight * self.index().idf(group_bits[g].count())
                }
            })
            .collect();
        let total_weight: f32 =
            positive.iter().map(|&g| weight[g]).sum::<f32>().max(f32::MIN_POSITIVE);
        let weights: Vec<f32> = weight.iter().map(|w| w / total_weight).collect();

        let single: Vec<Option<OneSlotAlts>> =
            plan.groups.iter().map(|g| OneSlotAlts::of(g, &idf)).collect();
        // (seed, term score, covered share, has every word)
        let mut parts: Vec<(u32, f32, f32, bool)> = Vec::with_capacity(m);
        for &d in &cand_list {
            let mut total = 0.0;
            let mut covered = 0.0;
            for &g in &positive {
                if !group_bits[g].contains(d as usize) {
                    continue; // (a phrase's words, but not as the phrase)
                }
                let best = match &single[g] {
                    Some(alts) => alts.score(|s| values[s][d as usize]),
                    None => group_score(&plan.groups[g], |s| (values[s][d as usize], idf[s])),
                };
                if best > 0.0 {
                    total += best;
                    covered += weights[g];
                }
            }
            let every = with_every.contains(d as usize);
            parts.push((d, total, covered, every));
        }
        let mut hits: Vec<(u32, f32)> =
            parts.iter().map(|&(d, t, c, every)| (d, tier_score(t, c, every))).collect();

        // Contiguous-run bonus on the best seeds.
        let mut bonus = Vec::new();
        // (Without every word, no seed has them as one run.)
        let runs = if relaxed { Vec::new() } else { bonus_runs(plan) };
        if !runs.is_empty() && !hits.is_empty() {
            // The best BONUS_TOP by score (ties: lower seed index), selected on plain keys.
            let mut keys: Vec<u64> =
                hits.iter().enumerate().map(|(i, h)| Hits::key(i as u32, h.1)).collect();
            let k = BONUS_TOP.min(keys.len());
            if keys.len() > k {
                keys.select_nth_unstable(k - 1);
                keys.truncate(k);
            }
            for key in keys {
                let i = key as u32 as usize;
                let d = hits[i].0;
                if let Some(f) = self.bonus_field(d as usize, &runs) {
                    let share = RUN_BONUS[f];
                    let (_, t, c, every) = parts[i];
                    hits[i].1 = tier_score(t * (1.0 + share), c, every);
                    bonus.push((d, share, f));
                }
            }
        }
        Outcome { hits, matches, relaxed, bonus, words: group_bits, weights }
    }
}

/// The number of a query's `k` words a seed must have ([`MIN_SHOULD_MATCH`]).
pub(crate) fn min_should_match(k: usize) -> usize {
    ((MIN_SHOULD_MATCH * k as f32).ceil() as usize).max(1)
}

/// A seed's score from its term scores (`terms`), the share of the query's weight it covers
/// and whether it has every word: seeds with every word come first (scored `1 + terms`), then
/// the others by covered share blended with their term scores (squashed into `[0, 1)`),
/// [`PARTIAL_TIEBREAK`] of the latter.
pub fn tier_score(terms: f32, covered: f32, every: bool) -> f32 {
    if every {
        1.0 + terms
    } else {
        let squashed = terms / (1.0 + terms);
        (1.0 - PARTIAL_TIEBREAK) * covered.min(0.999) + PARTIAL_TIEBREAK * squashed * 0.999
    }
}

/// True for the [`tier_score`] of a seed with every word: those score 1 and more, the others
/// less.
pub fn has_every_word(score: f32) -> bool {
    score >= 1.0
}

/// The score of a seed without every word (`partial`, a [`tier_score`] below 1) blended with
/// its cosine `similarity` to the best seeds with every word ([`FEEDBACK_WEIGHT`]): still
/// below 1, so seeds with every word still rank first.
pub fn feedback_score(partial: f32, similarity: f32) -> f32 {
    (partial + FEEDBACK_WEIGHT * similarity) / (1.0 + FEEDBACK_WEIGHT)
}

/// A group whose alternatives are all one slot (most: a word, its synonyms, its prefix
/// completions), scored without the general loop of [`group_score`] — the per-seed loop of
/// broad keystrokes — by the same arithmetic, so to the same scores.
pub(crate) struct OneSlotAlts(Vec<(usize, f32, f32)>);

impl OneSlotAlts {
    /// `g`'s alternatives as (slot, factor, the slot's IDF), when every one is a single slot.
    pub(crate) fn of(g: &Group, idf: &[f32]) -> Option<Self> {
        let one = g.alts.iter().all(|a| a.slots.len() == 1);
        one.then(|| {
            Self(g.alts.iter().map(|a| (a.slots.start, a.factor, idf[a.slots.start])).collect())
        })
    }

    /// [`group_score`] for one seed; `value(slot)` is its discounted impact.
    pub(crate) fn score(&self, value: impl Fn(usize) -> f32) -> f32 {
        let mut best = 0f32;
        for &(s, factor, idf) in &self.0 {
            best = best.max(factor * (idf * value(s)));
        }
        best
    }
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
    fn a_kept_word_is_renumbered_where_it_lands_and_never_taken_for_another() {
        let resolve = |groups: &mut Vec<Group>, slots: &mut Vec<Slot>| {
            let s = slots.len();
            slots.push(Slot {
                token: "がん".into(),
                exps: Vec::new(),
                bigram: true,
                single_char: None,
            });
            groups.push(Group {
                text: "がん".into(),
                negated: false,
                phrase: false,
                whole: false,
                weight: 1.0,
                generic: false,
                alts: vec![Alt {
                    text: "がん".into(),
                    run: "がん".into(),
                    factor: 1.0,
                    synonym: false,
                    slots: s..slots.len(),
                    prefix: false,
                }],
            });
        };
        let kept: Kept<Resolved> = Kept::new(1);
        let key = word_key("がん", [false; 4], &[]);
        let filler = Slot { token: "x".into(), exps: Vec::new(), bigram: false, single_char: None };
        // Resolved and kept, then taken from the kept lists behind two slots already there.
        for before in [0, 2] {
            let (mut groups, mut slots) = (Vec::new(), vec![filler.clone(); before]);
            kept_word(&kept, key.clone(), &mut groups, &mut slots, resolve);
            assert_eq!(groups[0].alts[0].slots, before..before + 1);
            assert_eq!(slots.len(), before + 1);
        }
        // Another word kept under the same hash is not this one: resolved afresh.
        let collided: Kept<Resolved> = Kept::new(1);
        let other = Resolved { key: "other".into(), groups: Vec::new(), slots: Vec::new() };
        collided.with(FxBuildHasher.hash_one(&key), || other, |_| ());
        let (mut groups, mut slots) = (Vec::new(), Vec::new());
        kept_word(&collided, key, &mut groups, &mut slots, resolve);
        assert_eq!((groups.len(), slots.len()), (1, 1));
    }

    #[test]
    fn a_group_of_one_slot_alternatives_scores_as_the_general_loop_does() {
        let alt = |slot: usize, factor: f32| Alt {
            text: String::new(),
            run: String::new(),
            factor,
            synonym: slot > 0,
            slots: slot..slot + 1,
            prefix: false,
        };
        let group = Group {
            text: String::new(),
            negated: false,
            phrase: false,
            whole: false,
            weight: 1.0,
            generic: false,
            alts: vec![alt(0, 1.0), alt(1, SYNONYM_DISCOUNT), alt(2, 0.37)],
        };
        let idf = [2.3, 0.41, 7.9];
        let one = OneSlotAlts::of(&group, &idf).expect("every alternative is one slot");
        let values = [[0.0, 0.0, 0.0], [1.7, 0.0, 0.2], [0.3, 2.2, 0.0], [0.01, 0.9, 1.3]];
        for v in values {
            let general = group_score(&group, |s| (v[s], idf[s]));
            assert_eq!(one.score(|s| v[s]).to_bits(), general.to_bits(), "values {v:?}");
        }
        let mut two = group;
        two.alts.push(Alt { slots: 3..5, ..alt(3, 1.0) });
        assert!(OneSlotAlts::of(&two, &idf).is_none(), "a two-slot alternative takes the loop");
    }

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
            // A later occurrence counts when an earlier one is inside a word.
            ("antidrug and drug delivery", "drug delivery", false, true),
            ("drugdrug delivery", "drug delivery", false, false),
            // Characters sharing their first or last byte with the run's are no match.
            ("ガソ治療とガン治療", "ガン治療", false, true),
            ("ガ", "ガン", false, false),
            ("x", "がん", false, false),
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
