//! Booth leads as plain values, no Leptos and no browser: the `leads` settings of
//! `config.json`, whether the form is offered, the form's fields and their validation, the
//! lead record that is encrypted, and the export file. The encryption and the IndexedDB store
//! are in `leads_store.rs`; the form and thank-you screen in `views/leads.rs`; the staff
//! screen in `views/staff.rs`. The formats are documented in docs/leads.md.

use seed_core::sort;
pub use seed_leads::{FollowUp, Lead};
use seed_leads::{EXPORT_FORMAT, VERSION};
use serde_json::Value;

/// Characters a free-text field takes at most: a pasted page or two of text fits, and one
/// lead cannot fill the kiosk's storage.
pub const MAX_TEXT_CHARS: usize = 200_000;
/// Characters an e-mail address takes at most (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Characters a phone number takes at most.
pub const MAX_PHONE_CHARS: usize = 40;
/// Digits a phone number has at least.
pub const MIN_PHONE_DIGITS: usize = 6;
/// The localStorage key that tells staff the storage was full when a visitor sent the form
/// (the time, nothing personal).
pub const FULL_FLAG_KEY: &str = "seed-explorer.leads.full";

/// The `leads` object of `config.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadsConfig {
    /// The exhibitor's public key from `seeds leads keygen` (base64 of the 65-byte
    /// uncompressed P-256 point). No key: no form.
    pub public_key: Option<String>,
    /// The exhibitor's name per language, shown in the privacy notice.
    pub exhibitor_ja: Option<String>,
    /// English name of the exhibitor.
    pub exhibitor_en: Option<String>,
    /// Where visitors ask about their data (an address or a web page), in the notice.
    pub privacy_contact: Option<String>,
    /// Offer the form outside kiosk mode too (a staffed booth laptop); off by default.
    pub standard_site: bool,
}

impl LeadsConfig {
    /// Reads the `leads` object; a wrong field is ignored with a warning, like the rest of
    /// `config.json`.
    pub fn parse(leads: Option<&Value>, warnings: &mut Vec<String>) -> LeadsConfig {
        let mut out = LeadsConfig::default();
        let Some(Value::Object(l)) = leads else { return out };
        let mut warn = |field: &str, why: &str| {
            warnings.push(format!("config.json: leads.{field} {why}; ignored"))
        };
        let text = |v: Option<&Value>| {
            v.and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(String::from)
        };
        match l.get("public_key") {
            None | Some(Value::Null) => {}
            Some(Value::String(k)) if is_public_key_text(k.trim()) => {
                out.public_key = Some(k.trim().to_string())
            }
            Some(_) => warn(
                "public_key",
                "must be the public key printed by `seeds leads keygen` (88 base64 characters)",
            ),
        }
        match l.get("exhibitor") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if !s.trim().is_empty() => {
                out.exhibitor_ja = Some(s.trim().to_string());
                out.exhibitor_en = Some(s.trim().to_string());
            }
            Some(Value::Object(names)) => {
                out.exhibitor_ja = text(names.get("ja"));
                out.exhibitor_en = text(names.get("en"));
            }
            Some(_) => warn("exhibitor", "must be {\"ja\": …, \"en\": …}"),
        }
        match l.get("privacy_contact") {
            None | Some(Value::Null) => {}
            Some(v @ Value::String(_)) => out.privacy_contact = text(Some(v)),
            Some(_) => warn("privacy_contact", "must be text"),
        }
        match l.get("standard_site") {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) => out.standard_site = *b,
            Some(_) => warn("standard_site", "must be true or false"),
        }
        out
    }

    /// The exhibitor's name in `en`glish or Japanese, falling back to the other language,
    /// then to the site's title.
    pub fn exhibitor<'a>(&'a self, en: bool, fallback: &'a str) -> &'a str {
        let (first, second) = if en {
            (&self.exhibitor_en, &self.exhibitor_ja)
        } else {
            (&self.exhibitor_ja, &self.exhibitor_en)
        };
        first.as_deref().or(second.as_deref()).unwrap_or(fallback)
    }

    /// Whether the form is offered: a public key is configured, and the page is a kiosk (or
    /// the standard site when `standard_site` says so). Never inside a member's embed.
    pub fn offered(&self, place: Place) -> bool {
        self.public_key.is_some()
            && match place {
                Place::Kiosk => true,
                Place::Standard => self.standard_site,
                Place::Embed => false,
            }
    }
}

/// Where the app runs, as far as leads are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The booth kiosk.
    Kiosk,
    /// The normal site.
    Standard,
    /// Inside a member's iframe.
    Embed,
}

/// True for the text of an uncompressed P-256 point in standard base64 (65 bytes → 88
/// characters, starting `B` for the 0x04 prefix). WebCrypto checks the point itself.
pub fn is_public_key_text(s: &str) -> bool {
    s.len() == 88
        && s.starts_with('B')
        && s.ends_with('=')
        && !s.ends_with("==")
        && s[..87].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Name.
    Name,
    /// Organisation.
    Organisation,
    /// Department or title (optional).
    Title,
    /// E-mail.
    Email,
    /// Phone (optional).
    Phone,
    /// Seeds of interest.
    Seeds,
    /// Message (optional).
    Message,
    /// How to follow up.
    FollowUp,
    /// The consent box.
    Consent,
}

impl Field {
    /// The field's id in the page (`lead-…`), for labels and error references.
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => "lead-name",
            Field::Organisation => "lead-organisation",
            Field::Title => "lead-title",
            Field::Email => "lead-email",
            Field::Phone => "lead-phone",
            Field::Seeds => "lead-seeds",
            Field::Message => "lead-message",
            Field::FollowUp => "lead-follow-up",
            Field::Consent => "lead-consent",
        }
    }
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Required and empty.
    Required,
    /// Not an e-mail address.
    Email,
    /// Not a phone number.
    Phone,
    /// Longer than this many characters.
    TooLong(usize),
    /// No seed chosen.
    NoSeed,
    /// No follow-up chosen.
    NoFollowUp,
    /// Consent not given.
    NoConsent,
}

/// What the visitor typed and chose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadForm {
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: String,
    /// Department or title.
    pub title: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Chosen seed ids.
    pub seeds: Vec<String>,
    /// Message.
    pub message: String,
    /// Follow-up choice.
    pub follow_up: Option<FollowUp>,
    /// The consent box.
    pub consent: bool,
}

impl LeadForm {
    /// Every problem, in the form's order; empty when the form can be sent.
    pub fn problems(&self) -> Vec<(Field, Problem)> {
        let text = |value: &str, required: bool, max: usize| {
            if required && value.trim().is_empty() {
                Some(Problem::Required)
            } else if value.chars().count() > max {
                Some(Problem::TooLong(max))
            } else {
                None
            }
        };
        let email = text(&self.email, true, MAX_EMAIL_CHARS)
            .or_else(|| (!is_email(self.email.trim())).then_some(Problem::Email));
        let phone = text(&self.phone, false, MAX_PHONE_CHARS).or_else(|| {
            (!self.phone.trim().is_empty() && !is_phone(self.phone.trim()))
                .then_some(Problem::Phone)
        });
        [
            (Field::Name, text(&self.name, true, MAX_TEXT_CHARS)),
            (Field::Organisation, text(&self.organisation, true, MAX_TEXT_CHARS)),
            (Field::Title, text(&self.title, false, MAX_TEXT_CHARS)),
            (Field::Email, email),
            (Field::Phone, phone),
            (Field::Seeds, self.seeds.is_empty().then_some(Problem::NoSeed)),
            (Field::Message, text(&self.message, false, MAX_TEXT_CHARS)),
            (Field::FollowUp, self.follow_up.is_none().then_some(Problem::NoFollowUp)),
            (Field::Consent, (!self.consent).then_some(Problem::NoConsent)),
        ]
        .into_iter()
        .filter_map(|(f, p)| p.map(|p| (f, p)))
        .collect()
    }

    /// The lead to encrypt, once [`LeadForm::problems`] is empty. Text is kept as typed
    /// (only trimmed): what the visitor wrote is what the exhibitor reads.
    pub fn lead(&self, id: &str, created: &str, lang: &str, consent_text: &str) -> Option<Lead> {
        if !self.problems().is_empty() {
            return None;
        }
        Some(Lead {
            id: id.to_string(),
            created: created.to_string(),
            lang: lang.to_string(),
            name: self.name.trim().to_string(),
            organisation: self.organisation.trim().to_string(),
            title: self.title.trim().to_string(),
            email: self.email.trim().to_string(),
            phone: self.phone.trim().to_string(),
            seeds: self.seeds.clone(),
            message: self.message.trim().to_string(),
            follow_up: self.follow_up?,
            consent: consent_text.to_string(),
        })
    }
}

/// A plausible e-mail address: one `@`, something before it, a dotted domain after it, no
/// spaces or angle brackets. (Whether it is real only a reply tells.)
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
}

/// A phone number as people write it: digits (also full-width), spaces, `+ - ( ) .` and the
/// full-width hyphen, with at least [`MIN_PHONE_DIGITS`] digits.
pub fn is_phone(s: &str) -> bool {
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    s.chars()
        .all(|c| digit(c) || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '－' | '‐' | '　'))
        && s.chars().filter(|c| digit(*c)).count() >= MIN_PHONE_DIGITS
}

/// An export file of stored envelopes (each already JSON), as one JSON document.
pub fn export_file(exported: &str, envelopes: &[String]) -> String {
    let exported = serde_json::to_string(exported).unwrap_or_else(|_| "\"\"".into());
    format!(
        "{{\"format\":\"{EXPORT_FORMAT}\",\"version\":{VERSION},\"exported\":{exported},\"leads\":[{}]}}",
        envelopes.join(",")
    )
}

/// The export's file name for a moment (ISO 8601): `seed-explorer-leads-2026-12-04-1805.json`.
pub fn export_name(iso: &str) -> String {
    let date = iso.get(..10).unwrap_or("undated");
    let time: String =
        iso.get(11..16).unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
    format!("seed-explorer-leads-{date}-{time}.json")
}

/// Per-seed interest counts from the stored interest entries (one seed id per lead and seed),
/// most asked first, then by id.
pub fn interest_counts(seeds: &[String]) -> Vec<(String, usize)> {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for s in seeds {
        *counts.entry(s).or_default() += 1;
    }
    let mut out: Vec<(String, usize)> =
        counts.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    sort::sort_by(&mut out, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The seeds the form lists: the page's seed(s) first, then the rest of the shortlist;
/// `chosen` are those pre-selected (the page's, or the whole shortlist when asked from it).
pub fn candidates(page: &[String], shortlist: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in page.iter().chain(shortlist) {
        if !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "BDnXSQkXuicds/mOT99PurLEFjAvFsd/mAQfhUqiu+6mW+Gscw1IVNVM+Xs7MLO6LanIquaWsVZdwEI9L9ZtEx0=";

    fn filled() -> LeadForm {
        LeadForm {
            name: "山田 花子".into(),
            organisation: "株式会社サンプル".into(),
            title: String::new(),
            email: "hanako@example.co.jp".into(),
            phone: String::new(),
            seeds: vec!["a".into()],
            message: String::new(),
            follow_up: Some(FollowUp::Email),
            consent: true,
        }
    }

    #[test]
    fn the_leads_settings_are_read_forgivingly() {
        let mut w = Vec::new();
        let v: Value = serde_json::from_str(&format!(
            r#"{{"public_key":"{KEY}","exhibitor":{{"ja":"北斗医大","en":"Hokuto"}},"privacy_contact":"tlo@example.jp","standard_site":true}}"#
        ))
        .unwrap();
        let c = LeadsConfig::parse(Some(&v), &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(c.public_key.as_deref(), Some(KEY));
        assert_eq!((c.exhibitor(false, "x"), c.exhibitor(true, "x")), ("北斗医大", "Hokuto"));
        assert!(c.standard_site && c.privacy_contact.is_some());
        let v: Value = serde_json::from_str(
            r#"{"public_key":"abc","exhibitor":3,"standard_site":"yes","privacy_contact":1}"#,
        )
        .unwrap();
        let c = LeadsConfig::parse(Some(&v), &mut w);
        assert_eq!(c, LeadsConfig::default());
        assert_eq!(w.len(), 4, "{w:?}");
        assert_eq!(c.exhibitor(true, "Site"), "Site");
    }

    #[test]
    fn the_form_is_offered_only_with_a_key_on_a_kiosk_or_where_the_site_allows() {
        let none = LeadsConfig::default();
        let kiosk_only = LeadsConfig { public_key: Some(KEY.into()), ..Default::default() };
        let both = LeadsConfig { standard_site: true, ..kiosk_only.clone() };
        assert!(!none.offered(Place::Kiosk));
        assert!(kiosk_only.offered(Place::Kiosk) && !kiosk_only.offered(Place::Standard));
        assert!(both.offered(Place::Standard) && !both.offered(Place::Embed));
    }

    #[test]
    fn public_key_text_is_88_base64_characters_of_an_uncompressed_point() {
        assert!(is_public_key_text(KEY));
        assert!(!is_public_key_text(&KEY[1..]));
        assert!(!is_public_key_text(&KEY.replace('B', "A")));
        assert!(!is_public_key_text(&format!("{}!=", &KEY[..86])));
    }

    #[test]
    fn a_complete_form_has_no_problems_and_each_gap_is_named() {
        assert_eq!(filled().problems(), []);
        let empty = LeadForm::default();
        let fields: Vec<Field> = empty.problems().iter().map(|p| p.0).collect();
        assert_eq!(
            fields,
            [
                Field::Name,
                Field::Organisation,
                Field::Email,
                Field::Seeds,
                Field::FollowUp,
                Field::Consent
            ]
        );
        let bad = LeadForm { email: "hanako@example".into(), phone: "call me".into(), ..filled() };
        assert_eq!(
            bad.problems(),
            [(Field::Email, Problem::Email), (Field::Phone, Problem::Phone)]
        );
        let long = LeadForm { message: "x".repeat(MAX_TEXT_CHARS + 1), ..filled() };
        assert_eq!(long.problems(), [(Field::Message, Problem::TooLong(MAX_TEXT_CHARS))]);
    }

    #[test]
    fn hostile_text_is_accepted_as_text() {
        let hostile = LeadForm {
            name: "<script>alert(1)</script>".into(),
            organisation: "=HYPERLINK(\"http://x\")".into(),
            title: "مرحبا 🙂".into(),
            message: "あ".repeat(100_000),
            ..filled()
        };
        assert_eq!(hostile.problems(), []);
        let lead = hostile.lead("id", "2026-12-04T10:00:00Z", "ja", "notice").unwrap();
        let json = serde_json::to_string(&lead).unwrap();
        let back: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["name"], "<script>alert(1)</script>");
        assert_eq!(back["follow_up"], "email");
        assert_eq!(back["message"].as_str().unwrap().chars().count(), 100_000);
    }

    #[test]
    fn email_and_phone_checks() {
        for ok in ["a@b.jp", "hanako.yamada+booth@example.co.jp"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@b", "@b.jp", "a@@b.jp", "a b@c.jp", "a@b.jp.", "<a@b.jp>"] {
            assert!(!is_email(bad), "{bad}");
        }
        for ok in ["03-1234-5678", "+81 (3) 1234 5678", "０３－１２３４－５６７８"] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["12345", "03-1234-abcd", "=1+1"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn the_export_is_one_json_document_of_the_stored_envelopes() {
        let file = export_file(
            "2026-12-04T18:05:00.000Z",
            &["{\"id\":\"a\"}".into(), "{\"id\":\"b\"}".into()],
        );
        let v: Value = serde_json::from_str(&file).unwrap();
        assert_eq!(v["format"], EXPORT_FORMAT);
        assert_eq!(v["leads"][1]["id"], "b");
        assert_eq!(
            export_name("2026-12-04T18:05:59.000Z"),
            "seed-explorer-leads-2026-12-04-1805.json"
        );
    }

    #[test]
    fn interest_is_counted_per_seed_most_asked_first() {
        let seeds: Vec<String> =
            ["b", "a", "b", "c", "a", "b"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            interest_counts(&seeds),
            [("b".to_string(), 3), ("a".to_string(), 2), ("c".to_string(), 1)]
        );
    }

    #[test]
    fn candidates_put_the_page_first_without_duplicates() {
        let page = vec!["x".to_string()];
        let list = vec!["a".to_string(), "x".to_string()];
        assert_eq!(candidates(&page, &list), ["x", "a"]);
    }
}
