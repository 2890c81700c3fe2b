//! Turns raw records into validated institutions and seeds, collecting every problem with the
//! record id and field it concerns. Nothing is dropped silently: a record is either accepted
//! or rejected with at least one error, and the caller counts both.

use std::collections::{HashMap, HashSet};
use std::fmt;

use unicode_normalization::UnicodeNormalization;

use seed_core::bundle::Bundle;
use seed_core::links::{is_email, is_mailto, is_web_url};
use seed_core::model::{Institution, Seed, SeedRecord};
use seed_core::taxonomy::{Taxonomy, Term, Vocabulary};
use seed_core::tokenize::{longest_word, MAX_TOKEN_CHARS};
use seed_core::Facet;

use crate::prefecture;
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
    /// A field a seed should have (summary, stage, fields, update date) is not given: the seed
    /// is published and the app shows 「未設定 / not given」 for it.
    NotGiven,
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
    /// The id derived for a seed that has none (see [`SeedOptions::derive_id`]).
    pub derived_id: Option<String>,
}

/// How a seed record is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SeedOptions {
    /// The record's sheet has no id column: a seed without an id gets one derived from its
    /// institution and Japanese title ([`derived_id`]) instead of being rejected.
    pub derive_id: bool,
}

/// An institution the build created because seeds name it and no institutions were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedInstitution {
    /// Its id: the value the seeds wrote.
    pub id: String,
    /// The details it lacks, as record field names (`region`, `name_en`, `url`).
    pub missing: Vec<&'static str>,
}

/// Hex digits of the title hash in a derived id: 40 bits, so two titles of one institution
/// share an id with a chance of about one in a million even at 1,000 seeds.
pub const DERIVED_ID_HEX: usize = 10;

/// The id of a seed that has none: its institution's id and a hash of its Japanese title
/// (FNV-1a 64 over the NFKC-folded, trimmed title), e.g. `hokudai-3f9a0c12de`. The same
/// institution and title give the same id in every edition of a sheet.
pub fn derived_id(institution: &str, title_ja: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in fold(title_ja).bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let hex = format!("{hash:016x}");
    format!("{institution}-{}", &hex[..DERIVED_ID_HEX])
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
    /// Create an institution a seed names when it is not in the inputs.
    create_institutions: bool,
    /// The institutions created so far, in order.
    created: Vec<CreatedInstitution>,
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
/// Fields a seed sheet may carry for the seed's institution: used when the build creates the
/// institution ([`CatalogBuilder::create_missing_institutions`]).
pub const SEED_INSTITUTION_FIELDS: &[&str] = &["region"];
/// The fields a seed needs: without them it is rejected.
pub const SEED_REQUIRED: &[&str] = &["id", "institution", "title_ja"];
/// The fields a seed should have: without them it is published with a warning, and the app
/// shows 「未設定 / not given」 for the facets among them.
pub const SEED_EXPECTED: &[&str] = &["summary_ja", "fields", "stage", "updated"];
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
            create_institutions: false,
            created: Vec::new(),
        }
    }

    /// When on, a seed naming an institution that is not in the inputs creates it (its id and
    /// Japanese name are the name the seed wrote, its region the seed's `region` if any)
    /// instead of being rejected; for catalogues built from seed sheets alone.
    pub fn create_missing_institutions(&mut self, on: bool) {
        self.create_institutions = on;
    }

    /// The institutions created from seeds, in order.
    pub fn created_institutions(&self) -> &[CreatedInstitution] {
        &self.created
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
        self.add_seed_with(rec, SeedOptions::default())
    }

    /// Validates and adds a seed read with `options`.
    pub fn add_seed_with(&mut self, rec: &RawRecord, options: SeedOptions) -> Outcome {
        let allowed: Vec<&str> =
            SEED_FIELDS.iter().chain(SEED_INSTITUTION_FIELDS).copied().collect();
        let mut c = Checker::new(rec, &allowed);
        let derive = options.derive_id && rec.text("id").is_none();
        let id = if derive { None } else { c.required("id") };
        if let Some(id) = &id {
            self.check_new_seed_id(&mut c, id);
        }
        let institution =
            c.required("institution").and_then(|inst| self.institution_id(&mut c, inst));
        let title_ja = c.required("title_ja");
        let mut derived = None;
        let id = match (derive, &institution, &title_ja) {
            (true, Some(inst), Some(title)) => {
                let id = derived_id(inst, title);
                c.record_id = Some(id.clone());
                self.check_new_seed_id(&mut c, &id);
                derived = Some(id.clone());
                Some(id)
            }
            _ => id,
        };
        let tax = &self.bundle.taxonomy;
        let title_en = c.english("title_en", "English title");
        let summary_ja =
            c.expected("summary_ja", "no Japanese summary; the seed is published without one");
        let summary_en = c.english("summary_en", "English summary");
        let fields = c.vocabulary_list(tax, Facet::Fields, true);
        // Record fields go by their sheet names (SEED_FIELDS), vocabularies by their facet.
        let stage = c
            .expected("stage", NOT_GIVEN_FACET)
            .and_then(|s| c.vocabulary_value(tax, Facet::Stage, &s));
        let ip_status =
            c.optional("ip_status").and_then(|s| c.vocabulary_value(tax, Facet::IpStatus, &s));
        let collaboration = c.vocabulary_list(tax, Facet::Collaboration, false);
        let seed = SeedRecord {
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
        let mut outcome = c.finish();
        outcome.derived_id = derived;
        if outcome.accepted {
            self.bundle.seeds.push(Seed::from(seed));
        }
        outcome
    }

    /// Records a seed id, or reports it as used before.
    fn check_new_seed_id(&mut self, c: &mut Checker, id: &str) {
        if !self.seed_ids.insert(id.to_string()) {
            c.push(
                Severity::Error,
                ProblemKind::DuplicateId,
                "id",
                format!("duplicate seed id {id:?}"),
            );
        }
    }

    /// The id of the institution a seed names, by id or, failing that, by its exact name.
    fn institution_id(&mut self, c: &mut Checker, inst: String) -> Option<String> {
        if self.institutions.contains_key(&inst) {
            return Some(inst);
        }
        if let Some(id) = self.institution_names.get(&fold(&inst)) {
            return Some(id.clone());
        }
        if self.create_institutions && !self.institution_ids.contains(&inst) {
            return self.create_institution(c, inst);
        }
        let message = if self.institution_ids.contains(&inst) {
            format!("institution {inst:?} was rejected (see its errors above)")
        } else {
            format!("unknown institution {inst:?}")
        };
        c.push(Severity::Error, ProblemKind::UnknownInstitution, "institution", message);
        None
    }

    /// Creates the institution a seed names, with the seed's region if it gives one.
    fn create_institution(&mut self, c: &mut Checker, inst: String) -> Option<String> {
        let region = match c.optional("region") {
            Some(r) => Some(c.vocabulary_value(&self.bundle.taxonomy, Facet::Region, &r)?),
            None => None,
        };
        let mut missing = Vec::new();
        if region.is_none() {
            missing.push("region");
        }
        missing.extend(["name_en", "url"]);
        self.created.push(CreatedInstitution { id: inst.clone(), missing });
        self.institution_ids.insert(inst.clone());
        self.institution_names.entry(fold(&inst)).or_insert_with(|| inst.clone());
        self.institutions.insert(inst.clone(), self.bundle.institutions.len());
        self.bundle.institutions.push(Institution {
            id: inst.clone(),
            name_ja: inst.clone(),
            name_en: None,
            region: region.unwrap_or_default(),
            url: None,
            booth: None,
        });
        Some(inst)
    }

    /// The finished bundle with the given synonym groups.
    pub fn finish(mut self, synonyms: Vec<Vec<String>>) -> Bundle {
        self.bundle.synonyms = synonyms;
        self.bundle
    }
}

/// What a seed without a stage or field is told: the app shows the facet value 「未設定 / not
/// given」 for it.
const NOT_GIVEN_FACET: &str = "not given; the seed is published and shown as 未設定 / not given";

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

    /// A field a seed should have: its absence is a warning.
    fn expected(&mut self, field: &str, message: &str) -> Option<String> {
        let v = self.rec.text(field);
        if v.is_none() {
            self.push(Severity::Warning, ProblemKind::NotGiven, field, message.to_string());
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
        if facet == Facet::Region {
            if let Some(id) = prefecture::parse(value).filter(|id| vocab.term(id).is_some()) {
                return Some(id.to_string());
            }
        }
        let hint = match closest(value, vocab) {
            Some(best) => format!(" (did you mean {:?}: {} / {}?)", best.id, best.ja, best.en),
            None => String::new(),
        };
        self.error(ProblemKind::UnknownValue, key, format!("unknown value {value:?}{hint}"));
        None
    }

    /// The ids of a list of vocabulary values; with `expected`, an empty list is a warning.
    fn vocabulary_list(&mut self, tax: &Taxonomy, facet: Facet, expected: bool) -> Vec<String> {
        let key = facet.as_str();
        let items = self.rec.list(key);
        if expected && items.is_empty() {
            let message = NOT_GIVEN_FACET.to_string();
            self.push(Severity::Warning, ProblemKind::NotGiven, key, message);
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
        let not_given = "no update date; the seed is published without one";
        let v = self.expected(field, not_given)?;
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
        Outcome { accepted, problems: self.problems, derived_id: None }
    }
}

/// The id `value` stands for in `vocab`, as validation reads it: the id, a label, or for the
/// region vocabulary any form of a prefecture ([`prefecture::parse`]).
pub fn term_id<'v>(vocab: &'v Vocabulary, value: &str) -> Option<&'v str> {
    if let Some(t) = vocab.term(value) {
        return Some(&t.id);
    }
    match_term(vocab, value).or_else(|| {
        let id = prefecture::parse(value).filter(|_| vocab.key == Facet::Region.as_str())?;
        vocab.term(id).map(|t| t.id.as_str())
    })
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

/// The term nearest to `value` by its id or either label, if it is near enough to be a typo or
/// a longer or shorter way of writing it (`医療機器開発` for 医療機器): at most half the label's
/// characters (or two) apart, or one containing the other.
pub fn closest<'v>(value: &str, vocab: &'v Vocabulary) -> Option<&'v Term> {
    let v = fold(value);
    if v.is_empty() {
        return None;
    }
    vocab
        .values
        .iter()
        .flat_map(|t| [&t.id, &t.en, &t.ja].map(|label| (fold(label), t)))
        .filter_map(|(label, t)| {
            let d = edit_distance(&v, &label);
            let len = label.chars().count();
            let contains =
                len >= 2 && v.chars().count() >= 2 && (v.contains(&label) || label.contains(&v));
            // Containment ranks after any near spelling.
            let rank = if d <= (len / 2).max(2) { Some(d) } else { contains.then_some(d + len) };
            rank.map(|r| (r, t))
        })
        .min_by_key(|(r, _)| *r)
        .map(|(_, t)| t)
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
