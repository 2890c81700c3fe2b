//! Turns raw records into validated institutions and seeds, collecting every problem with the
//! record id and field it concerns. Nothing is dropped silently: a record is either accepted
//! or rejected with at least one error, and the caller counts both.

use std::collections::HashSet;
use std::fmt;

use crate::bundle::Bundle;
use crate::model::{Institution, Seed};
use crate::record::RawRecord;
use crate::taxonomy::Taxonomy;

/// Longest accepted cell, in characters; longer cells are almost always a paste accident.
pub const MAX_CELL_CHARS: usize = 10_000;

/// How serious a problem is: errors reject the record, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The record is kept; the maintainer should look.
    Warning,
    /// The record is rejected.
    Error,
}

/// One finding about one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
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
#[derive(Debug)]
pub struct CatalogBuilder {
    bundle: Bundle,
    seed_ids: HashSet<String>,
}

const SEED_FIELDS: &[&str] = &[
    "id", "institution", "title_ja", "title_en", "summary_ja", "summary_en", "researchers",
    "department_ja", "department_en", "advantages_ja", "advantages_en", "applications_ja",
    "applications_en", "fields", "stage", "ip_status", "patents", "collaboration", "keywords_ja",
    "keywords_en", "contact_email", "contact_url", "links", "trl", "booth", "events", "image",
    "updated",
];
const INSTITUTION_FIELDS: &[&str] = &["id", "name_ja", "name_en", "region", "url", "booth"];

impl CatalogBuilder {
    /// Starts an empty catalogue over a taxonomy.
    pub fn new(taxonomy: Taxonomy) -> Self {
        CatalogBuilder { bundle: Bundle::new(taxonomy), seed_ids: HashSet::new() }
    }

    /// Validates and adds an institution.
    pub fn add_institution(&mut self, rec: &RawRecord) -> Outcome {
        let mut c = Checker::new(rec, INSTITUTION_FIELDS);
        let id = c.required("id");
        if let Some(id) = &id {
            if self.bundle.institution(id).is_some() {
                c.error("id", format!("duplicate institution id {id:?}"));
            }
        }
        let name_ja = c.required("name_ja");
        let region = c.required("region");
        if let Some(region) = &region {
            c.vocabulary_value(&self.bundle.taxonomy, "region", region);
        }
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
            self.bundle.institutions.push(inst);
        }
        outcome
    }

    /// Validates and adds a seed.
    pub fn add_seed(&mut self, rec: &RawRecord) -> Outcome {
        let mut c = Checker::new(rec, SEED_FIELDS);
        let id = c.required("id");
        if let Some(id) = &id {
            if self.seed_ids.contains(id) {
                c.error("id", format!("duplicate seed id {id:?}"));
            }
        }
        let institution = c.required("institution");
        if let Some(inst) = &institution {
            if self.bundle.institution(inst).is_none() {
                c.error("institution", format!("unknown institution {inst:?}"));
            }
        }
        let tax = &self.bundle.taxonomy;
        let fields = c.vocabulary_list(tax, "fields", true);
        let stage = c.required("stage");
        if let Some(stage) = &stage {
            c.vocabulary_value(tax, "stage", stage);
        }
        let ip_status = c.optional("ip_status");
        if let Some(ip) = &ip_status {
            c.vocabulary_value(tax, "ip_status", ip);
        }
        let collaboration = c.vocabulary_list(tax, "collaboration", false);
        let seed = Seed {
            id: id.clone().unwrap_or_default(),
            institution: institution.unwrap_or_default(),
            title_ja: c.required("title_ja").unwrap_or_default(),
            title_en: c.optional("title_en"),
            summary_ja: c.required("summary_ja").unwrap_or_default(),
            summary_en: c.optional("summary_en"),
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
            self.seed_ids.insert(seed.id.clone());
            self.bundle.seeds.push(seed);
        }
        outcome
    }

    /// The finished bundle with the given synonym groups.
    pub fn finish(mut self, synonyms: Vec<Vec<String>>) -> Bundle {
        self.bundle.synonyms = synonyms;
        self.bundle
    }
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
        for (name, _) in &rec.fields {
            if !known.contains(&name.as_str()) {
                c.push(Severity::Warning, name, "unknown field, ignored".into());
            }
        }
        for name in known {
            if let Some(t) = rec.text(name) {
                let n = t.chars().count();
                if n > MAX_CELL_CHARS {
                    c.error(name, format!("{n} characters is over the limit of {MAX_CELL_CHARS}"));
                }
            }
        }
        c
    }

    fn push(&mut self, severity: Severity, field: &str, message: String) {
        self.problems.push(Problem {
            severity,
            record: self.record_id.clone(),
            field: Some(field.to_string()),
            message,
        });
    }

    fn error(&mut self, field: &str, message: String) {
        self.push(Severity::Error, field, message);
    }

    fn required(&mut self, field: &str) -> Option<String> {
        let v = self.rec.text(field);
        if v.is_none() {
            self.error(field, "required field is missing".into());
        }
        v
    }

    fn optional(&self, field: &str) -> Option<String> {
        self.rec.text(field)
    }

    fn list(&self, field: &str) -> Vec<String> {
        self.rec.list(field)
    }

    fn vocabulary_value(&mut self, tax: &Taxonomy, key: &str, value: &str) -> bool {
        let Some(vocab) = tax.vocabulary(key) else {
            self.error(key, format!("the taxonomy has no {key:?} vocabulary"));
            return false;
        };
        if vocab.term(value).is_some() {
            return true;
        }
        let ids = vocab.values.iter().map(|t| t.id.as_str());
        let hint = match closest(value, ids) {
            Some(best) => format!(" (did you mean {best:?}?)"),
            None => String::new(),
        };
        self.error(key, format!("unknown value {value:?}{hint}"));
        false
    }

    fn vocabulary_list(&mut self, tax: &Taxonomy, key: &str, required: bool) -> Vec<String> {
        let items = self.rec.list(key);
        if required && items.is_empty() {
            self.error(key, "required field is missing".into());
        }
        for item in &items {
            self.vocabulary_value(tax, key, item);
        }
        items
    }

    fn url(&mut self, field: &str) -> Option<String> {
        let v = self.rec.text(field)?;
        if !is_web_url(&v) {
            self.error(field, format!("{v:?} is not an http(s) URL"));
        }
        Some(v)
    }

    fn url_list(&mut self, field: &str) -> Vec<String> {
        let items = self.rec.list(field);
        for v in &items {
            if !is_web_url(v) && !is_mailto(v) {
                self.error(field, format!("{v:?} is not an http(s) or mailto URL"));
            }
        }
        items
    }

    fn email(&mut self, field: &str) -> Option<String> {
        let v = self.rec.text(field)?;
        let addr = v.strip_prefix("mailto:").unwrap_or(&v);
        if !is_email(addr) {
            self.error(field, format!("{v:?} is not an e-mail address"));
        }
        Some(addr.to_string())
    }

    fn trl(&mut self) -> Option<u8> {
        let v = self.rec.text("trl")?;
        match v.parse::<u8>() {
            Ok(n @ 1..=9) => Some(n),
            _ => {
                self.error("trl", format!("{v:?} is not a TRL between 1 and 9"));
                None
            }
        }
    }

    fn date(&mut self, field: &str) -> Option<String> {
        let v = self.required(field)?;
        let parsed = parse_date(&v);
        if parsed.is_none() {
            self.error(field, format!("{v:?} is not a date (YYYY-MM-DD)"));
        }
        parsed
    }

    fn finish(self) -> Outcome {
        let accepted = !self.problems.iter().any(|p| p.severity == Severity::Error);
        Outcome { accepted, problems: self.problems }
    }
}

/// True for an absolute http or https URL with a host.
pub fn is_web_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/') && !s.chars().any(char::is_whitespace))
}

/// True for a `mailto:` link with a plausible address.
pub fn is_mailto(s: &str) -> bool {
    s.get(..7).is_some_and(|p| p.eq_ignore_ascii_case("mailto:")) && is_email(&s[7..])
}

fn is_email(s: &str) -> bool {
    let mut parts = s.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !local.is_empty() && domain.contains('.') && !s.chars().any(|c| c.is_whitespace() || c == '<')
}

/// Parses `2024-04-01`, `2024/4/1`, `2024.4.1` and `2024年4月1日` (also in full-width digits)
/// into `YYYY-MM-DD`, checking that the day exists.
pub fn parse_date(s: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = s.trim().nfkc().collect();
    let body = folded.strip_suffix('日').unwrap_or(&folded);
    let parts: Vec<&str> = body.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else { return None };
    let (y, m, d): (u32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let valid = (1900..=2999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1];
    valid.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The candidate nearest to `value` by edit distance, if it is near enough to be a typo.
fn closest<'c>(value: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
    let v = value.to_lowercase();
    candidates
        .map(|c| (edit_distance(&v, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
