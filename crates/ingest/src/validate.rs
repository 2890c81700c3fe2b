//! Turns raw records into validated institutions and seeds, collecting every problem with the
//! record id and field it concerns. Nothing is dropped silently: a record is either accepted
//! or rejected with at least one error, and the caller counts both.

use std::collections::{HashMap, HashSet};
use std::fmt;

use unicode_normalization::UnicodeNormalization;

use seed_core::bundle::Bundle;
use seed_core::links::{is_email, is_mailto, is_web_url};
use seed_core::model::{Institution, Seed};
use seed_core::taxonomy::{Taxonomy, Vocabulary};
use seed_core::tokenize::{longest_word, MAX_TOKEN_CHARS};
use seed_core::Facet;

use crate::record::RawRecord;

/// Longest accepted cell, in characters; longer cells are almost always a paste accident.
pub const MAX_CELL_CHARS: usize = 10_000;

/// Fields that are not searched text (ids, addresses, dates): a long unbroken run in them is
/// not reported.
const UNSEARCHED_FIELDS: &[&str] =
    &["id", "contact_email", "contact_url", "links", "image", "updated", "url"];

/// Characters of an over-long run quoted in its warning.
const QUOTED_CHARS: usize = 16;

/// How serious a problem is: errors reject the record, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The record is kept; the maintainer should look.
    Warning,
    /// The record is rejected.
    Error,
}

/// Which check found a problem, so callers can group, count or de-duplicate them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A required field is absent or blank.
    Missing,
    /// A seed names an institution that is not in the inputs (or was rejected).
    UnknownInstitution,
    /// A value is not in its vocabulary.
    UnknownValue,
    /// The id was already used by an earlier record of the same kind.
    DuplicateId,
    /// A date that cannot be read.
    BadDate,
    /// A link that is not http(s) (or mailto where allowed).
    BadUrl,
    /// An e-mail address that is not one.
    BadEmail,
    /// A TRL that is not a whole number from 1 to 9.
    BadTrl,
    /// A cell longer than [`MAX_CELL_CHARS`].
    TooLong,
    /// A run of letters and digits longer than [`MAX_TOKEN_CHARS`]: search reads only its
    /// start.
    UnbrokenText,
    /// A field (column) the record kind does not have; it is ignored.
    UnknownField,
    /// The English title or summary is missing; the app falls back to Japanese.
    MissingEnglish,
    /// The taxonomy lacks a vocabulary the record needs.
    Taxonomy,
}

/// One finding about one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Which check found it.
    pub kind: ProblemKind,
    /// The record's id when it has one.
    pub record: Option<String>,
    /// The field concerned, when the problem is about one field.
    pub field: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{kind}: ")?;
        if let Some(r) = &self.record {
            write!(f, "record {r}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Whether a record made it into the catalogue, and what was found on the way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// True when the record was added.
    pub accepted: bool,
    /// Errors and warnings, in field order.
    pub problems: Vec<Problem>,
}

/// Accumulates validated records. Add every institution before the seeds that refer to them.
///
/// Ids must be unique across all inputs: an id seen before is an error even when the earlier
/// record was itself rejected, so fixing one record never uncovers a new duplicate.
#[derive(Debug)]
pub struct CatalogBuilder {
    bundle: Bundle,
    seed_ids: HashSet<String>,
    /// Accepted institutions: id → position.
    institutions: HashMap<String, usize>,
    /// Institution ids seen, accepted or not.
    institution_ids: HashSet<String>,
    /// Folded Japanese and English names of accepted institutions → id.
    institution_names: HashMap<String, String>,
}

/// The fields a seed record may have.
pub const SEED_FIELDS: &[&str] = &[
    "id",
    "institution",
    "title_ja",
    "title_en",
    "summary_ja",
    "summary_en",
    "researchers",
    "department_ja",
    "department_en",
    "advantages_ja",
    "advantages_en",
    "applications_ja",
    "applications_en",
    "fields",
    "stage",
    "ip_status",
    "patents",
    "collaboration",
    "keywords_ja",
    "keywords_en",
    "contact_email",
    "contact_url",
    "links",
    "trl",
    "booth",
    "events",
    "image",
    "updated",
];
/// The fields an institution record may have.
pub const INSTITUTION_FIELDS: &[&str] = &["id", "name_ja", "name_en", "region", "url", "booth"];

impl CatalogBuilder {
    /// Starts an empty catalogue over a taxonomy.
    pub fn new(taxonomy: Taxonomy) -> Self {
        CatalogBuilder {
            bundle: Bundle::new(taxonomy),
            seed_ids: HashSet::new(),
            institutions: HashMap::new(),
            institution_ids: HashSet::new(),
            institution_names: HashMap::new(),
        }
    }

    /// The taxonomy records are validated against.
    pub fn taxonomy(&self) -> &Taxonomy {
        &self.bundle.taxonomy
    }

    /// The seeds accepted so far, in the order they were added.
    pub fn seeds(&self) -> &[Seed] {
        &self.bundle.seeds
    }

    /// Validates and adds an institution.
    pub fn add_institution(&mut self, rec: &RawRecord) -> Outcome {
        let mut c = Checker::new(rec, INSTITUTION_FIELDS);
        let id = c.required("id");
        if let Some(id) = &id {
            if !self.institution_ids.insert(id.clone()) {
                c.push(
                    Severity::Error,
                    ProblemKind::DuplicateId,
                    "id",
                    format!("duplicate institution id {id:?}"),
                );
            }
        }
        let name_ja = c.required("name_ja");
        let region = c.required("region");
        let region =
            region.and_then(|r| c.vocabulary_value(&self.bundle.taxonomy, Facet::Region, &r));
        let inst = Institution {
            id: id.unwrap_or_default(),
            name_ja: name_ja.unwrap_or_default(),
            name_en: c.optional("name_en"),
            region: region.unwrap_or_default(),
            url: c.url("url"),
            booth: c.optional("booth"),
        };
        let outcome = c.finish();
        if outcome.accepted {
            for name in [Some(&inst.name_ja), inst.name_en.as_ref()].into_iter().flatten() {
                self.institution_names.entry(fold(name)).or_insert_with(|| inst.id.clone());
            }
            self.institutions.insert(inst.id.clone(), self.bundle.institutions.len());
            self.bundle.institutions.push(inst);
        }
        outcome
    }

    /// Validates and adds a seed.
    pub fn add_seed(&mut self, rec: &RawRecord) -> Outcome {
        let mut c = Checker::new(rec, SEED_FIELDS);
        let id = c.required("id");
        if let Some(id) = &id {
            if !self.seed_ids.insert(id.clone()) {
                c.push(
                    Severity::Error,
                    ProblemKind::DuplicateId,
                    "id",
                    format!("duplicate seed id {id:?}"),
                );
            }
        }
        let institution =
            c.required("institution").and_then(|inst| self.institution_id(&mut c, inst));
        let tax = &self.bundle.taxonomy;
        let title_ja = c.required("title_ja");
        let title_en = c.english("title_en", "English title");
        let summary_ja = c.required("summary_ja");
        let summary_en = c.english("summary_en", "English summary");
        let fields = c.vocabulary_list(tax, Facet::Fields, true);
        // Record fields go by their sheet names (SEED_FIELDS), vocabularies by their facet.
        let stage = c.required("stage").and_then(|s| c.vocabulary_value(tax, Facet::Stage, &s));
        let ip_status =
            c.optional("ip_status").and_then(|s| c.vocabulary_value(tax, Facet::IpStatus, &s));
        let collaboration = c.vocabulary_list(tax, Facet::Collaboration, false);
        let seed = Seed {
            id: id.unwrap_or_default(),
            institution: institution.unwrap_or_default(),
            title_ja: title_ja.unwrap_or_default(),
            title_en,
            summary_ja: summary_ja.unwrap_or_default(),
            summary_en,
            researchers: c.list("researchers"),
            department_ja: c.optional("department_ja"),
            department_en: c.optional("department_en"),
            advantages_ja: c.optional("advantages_ja"),
            advantages_en: c.optional("advantages_en"),
            applications_ja: c.optional("applications_ja"),
            applications_en: c.optional("applications_en"),
            fields,
            stage: stage.unwrap_or_default(),
            ip_status,
            patents: c.list("patents"),
            collaboration,
            keywords_ja: c.list("keywords_ja"),
            keywords_en: c.list("keywords_en"),
            contact_email: c.email("contact_email"),
            contact_url: c.url("contact_url"),
            links: c.url_list("links"),
            trl: c.trl(),
            booth: c.optional("booth"),
            events: c.list("events"),
            image: c.url("image"),
            updated: c.date("updated").unwrap_or_default(),
        };
        let outcome = c.finish();
        if outcome.accepted {
            self.bundle.seeds.push(seed);
        }
        outcome
    }

    /// The id of the institution a seed names, by id or, failing that, by its exact name.
    fn institution_id(&self, c: &mut Checker, inst: String) -> Option<String> {
        if self.institutions.contains_key(&inst) {
            return Some(inst);
        }
        if let Some(id) = self.institution_names.get(&fold(&inst)) {
            return Some(id.clone());
        }
        let message = if self.institution_ids.contains(&inst) {
            format!("institution {inst:?} was rejected (see its errors above)")
        } else {
            format!("unknown institution {inst:?}")
        };
        c.push(Severity::Error, ProblemKind::UnknownInstitution, "institution", message);
        None
    }

    /// The finished bundle with the given synonym groups.
    pub fn finish(mut self, synonyms: Vec<Vec<String>>) -> Bundle {
        self.bundle.synonyms = synonyms;
        self.bundle
    }
}

/// NFKC, lowercase and trimmed: how vocabulary values and names are compared.
fn fold(s: &str) -> String {
    s.nfkc().flat_map(char::to_lowercase).collect::<String>().trim().to_string()
}

/// Field-by-field checks over one record, collecting problems.
struct Checker<'a> {
    rec: &'a RawRecord,
    record_id: Option<String>,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn new(rec: &'a RawRecord, known: &[&str]) -> Self {
        let mut c = Checker { rec, record_id: rec.text("id"), problems: Vec::new() };
        for name in rec.fields.keys() {
            if !known.contains(&name.as_str()) {
                c.push(
                    Severity::Warning,
                    ProblemKind::UnknownField,
                    name,
                    "unknown field, ignored".into(),
                );
            }
        }
        for name in known {
            if let Some(t) = rec.text(name) {
                let n = t.chars().count();
                if n > MAX_CELL_CHARS {
                    let message = format!("{n} characters is over the limit of {MAX_CELL_CHARS}");
                    c.push(Severity::Error, ProblemKind::TooLong, name, message);
                } else if !UNSEARCHED_FIELDS.contains(name) {
                    c.unbroken(name, &t);
                }
            }
        }
        c
    }

    /// Warns (once for the field) about a run of letters and digits too long to be one word.
    fn unbroken(&mut self, field: &str, text: &str) {
        let (chars, at) = longest_word(text);
        if chars <= MAX_TOKEN_CHARS {
            return;
        }
        let quoted: String = text[at..].chars().take(QUOTED_CHARS).collect();
        let message = format!(
            "{chars} letters and digits without a break ({quoted:?}…); search reads only the \
             first {MAX_TOKEN_CHARS} — is a space missing, or was something pasted by mistake?"
        );
        self.push(Severity::Warning, ProblemKind::UnbrokenText, field, message);
    }

    fn push(&mut self, severity: Severity, kind: ProblemKind, field: &str, message: String) {
        self.problems.push(Problem {
            severity,
            kind,
            record: self.record_id.clone(),
            field: Some(field.to_string()),
            message,
        });
    }

    fn error(&mut self, kind: ProblemKind, field: &str, message: String) {
        self.push(Severity::Error, kind, field, message);
    }

    fn required(&mut self, field: &str) -> Option<String> {
        let v = self.rec.text(field);
        if v.is_none() {
            self.error(ProblemKind::Missing, field, "required field is missing".into());
        }
        v
    }

    fn optional(&self, field: &str) -> Option<String> {
        self.rec.text(field)
    }

    /// An optional English text whose absence is worth a warning.
    fn english(&mut self, field: &str, what: &str) -> Option<String> {
        let v = self.rec.text(field);
        if v.is_none() {
            let message = format!("no {what}; the app shows the Japanese one to English readers");
            self.push(Severity::Warning, ProblemKind::MissingEnglish, field, message);
        }
        v
    }

    fn list(&self, field: &str) -> Vec<String> {
        self.rec.list(field)
    }

    /// The vocabulary id `value` stands for: the id itself, the id in another case or width,
    /// or one of its labels (`非臨床`, `Preclinical`). Anything else is an error that names
    /// the closest id. The record field and the taxonomy's vocabulary have the facet's key.
    fn vocabulary_value(&mut self, tax: &Taxonomy, facet: Facet, value: &str) -> Option<String> {
        let key = facet.as_str();
        let Some(vocab) = tax.vocabulary(key) else {
            self.error(
                ProblemKind::Taxonomy,
                key,
                format!("the taxonomy has no {key:?} vocabulary"),
            );
            return None;
        };
        if vocab.term(value).is_some() {
            return Some(value.to_string());
        }
        if let Some(id) = match_term(vocab, value) {
            return Some(id.to_string());
        }
        let hint = match closest(value, vocab) {
            Some(best) => format!(" (did you mean {best:?}?)"),
            None => String::new(),
        };
        self.error(ProblemKind::UnknownValue, key, format!("unknown value {value:?}{hint}"));
        None
    }

    fn vocabulary_list(&mut self, tax: &Taxonomy, facet: Facet, required: bool) -> Vec<String> {
        let key = facet.as_str();
        let items = self.rec.list(key);
        if required && items.is_empty() {
            self.error(ProblemKind::Missing, key, "required field is missing".into());
        }
        let mut ids: Vec<String> = Vec::with_capacity(items.len());
        for item in &items {
            if let Some(id) = self.vocabulary_value(tax, facet, item) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    }

    fn url(&mut self, field: &str) -> Option<String> {
        let v = self.rec.text(field)?;
        if !is_web_url(&v) {
            self.error(ProblemKind::BadUrl, field, format!("{v:?} is not an http(s) URL"));
        }
        Some(v)
    }

    fn url_list(&mut self, field: &str) -> Vec<String> {
        let items = self.rec.list(field);
        for v in &items {
            if !is_web_url(v) && !is_mailto(v) {
                self.error(
                    ProblemKind::BadUrl,
                    field,
                    format!("{v:?} is not an http(s) or mailto URL"),
                );
            }
        }
        items
    }

    fn email(&mut self, field: &str) -> Option<String> {
        let v = self.rec.text(field)?;
        let addr = v.strip_prefix("mailto:").unwrap_or(&v);
        if !is_email(addr) {
            self.error(ProblemKind::BadEmail, field, format!("{v:?} is not an e-mail address"));
        }
        Some(addr.to_string())
    }

    fn trl(&mut self) -> Option<u8> {
        let v = self.rec.text("trl")?;
        match parse_trl(&v) {
            Some(n) => Some(n),
            None => {
                self.error(
                    ProblemKind::BadTrl,
                    "trl",
                    format!("{v:?} is not a TRL between 1 and 9"),
                );
                None
            }
        }
    }

    fn date(&mut self, field: &str) -> Option<String> {
        let v = self.required(field)?;
        let parsed = parse_date(&v).or_else(|| excel_serial_date(&v));
        if parsed.is_none() {
            let message =
                format!("{v:?} is not a date (write 2024-04-01, 2024/4/1 or 2024年4月1日)");
            self.error(ProblemKind::BadDate, field, message);
        }
        parsed
    }

    fn finish(self) -> Outcome {
        let accepted = !self.problems.iter().any(|p| p.severity == Severity::Error);
        Outcome { accepted, problems: self.problems }
    }
}

/// The id of the term whose id or label `value` is, compared without regard to case or
/// character width; a prefecture may also be written without its 都/府/県.
fn match_term<'v>(vocab: &'v Vocabulary, value: &str) -> Option<&'v str> {
    let v = fold(value);
    if v.is_empty() {
        return None;
    }
    let short = |label: &str| {
        let l = fold(label);
        match l.strip_suffix(['都', '府', '県']) {
            Some(s) if s.chars().count() >= 2 => s.to_string(),
            _ => l,
        }
    };
    vocab
        .values
        .iter()
        .find(|t| fold(&t.id) == v || fold(&t.ja) == v || fold(&t.en) == v)
        .or_else(|| vocab.values.iter().find(|t| short(&t.ja) == v))
        .map(|t| t.id.as_str())
}

/// A TRL from `3`, `３`, `TRL3` or `TRL 3`.
fn parse_trl(v: &str) -> Option<u8> {
    let folded: String = v.nfkc().collect::<String>().to_ascii_lowercase();
    let digits = folded.trim().trim_start_matches("trl").trim_start_matches([' ', '-', ':']);
    match digits.parse::<u8>() {
        Ok(n @ 1..=9) => Some(n),
        _ => None,
    }
}

/// The date of an Excel serial day number in the 1900 date system (what a spreadsheet shows
/// as a plain number like `45383` when a date cell loses its format), limited to 1950–2100.
pub fn excel_serial_date(s: &str) -> Option<String> {
    let folded: String = s.trim().nfkc().collect();
    let serial: f64 = folded.parse().ok()?;
    if !(18_264.0..=73_051.0).contains(&serial) {
        return None;
    }
    // Day 25569 is 1970-01-01; Excel's phantom 1900-02-29 lies before the accepted range.
    let days = serial.floor() as i64 - 25_569;
    let (y, m, d) = civil_from_days(days);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Gregorian date of a day count from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Parses `2024-04-01`, `2024/4/1`, `2024.4.1` and `2024年4月1日` (also in full-width digits),
/// the Japanese era forms `令和6年4月1日`, `R6.4.1` and `平成31年4月30日`, and a date followed by
/// a time (`2024/4/1 0:00:00`, `2024-04-01T09:00`), into `YYYY-MM-DD`, checking that the day
/// exists.
pub fn parse_date(s: &str) -> Option<String> {
    let folded: String = s.trim().nfkc().collect();
    let date = folded.split([' ', 'T']).next().unwrap_or_default();
    let (era_start, date) = strip_era(date);
    let body = date.strip_suffix('日').unwrap_or(date);
    let parts: Vec<&str> = body.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let y: u32 = match (era_start, *y) {
        (Some(start), "元") => start,
        (Some(start), y) => start + y.parse::<u32>().ok()?.checked_sub(1)?,
        (None, y) => y.parse().ok()?,
    };
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let valid =
        (1900..=2999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1];
    valid.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The first year of a Japanese era prefix (`令和`, `R`, `平成`, `H`), and the rest.
fn strip_era(date: &str) -> (Option<u32>, &str) {
    for (prefix, start) in
        [("令和", 2019), ("平成", 1989), ("R", 2019), ("r", 2019), ("H", 1989), ("h", 1989)]
    {
        if let Some(rest) = date.strip_prefix(prefix) {
            return (Some(start), rest);
        }
    }
    (None, date)
}

/// The id of the term nearest to `value` (by id or label) if it is near enough to be a typo.
fn closest<'v>(value: &str, vocab: &'v Vocabulary) -> Option<&'v str> {
    let v = fold(value);
    vocab
        .values
        .iter()
        .flat_map(|t| [&t.id, &t.en, &t.ja].map(|label| (fold(label), t.id.as_str())))
        .map(|(label, id)| (edit_distance(&v, &label), label.chars().count(), id))
        .filter(|(d, len, _)| *d <= (len / 2).max(2))
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, _, id)| id)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
