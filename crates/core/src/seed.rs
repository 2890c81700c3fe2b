//! A research seed, in two shapes: [`SeedRecord`], every field its own string — what ingest and
//! synth build and what the bundle file spells — and [`Seed`], the same seed compacted for a
//! loaded catalogue: all of its text in one string and the end of each field in one array. That
//! is two allocations per seed instead of about forty (one per field and list item, each with
//! its own header and allocator overhead), and nothing of a seed's size depends on pointer width
//! but two boxes. Fields are read through methods named as the record's fields. A [`Seed`] read
//! from JSON borrows its strings from the text while it is compacted (a private twin of the
//! record), so reading allocates little more than the seed itself.
//!
//! Leaf module: it imports nothing of the crate.

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize};

/// One research seed as the bundle file and the sheets spell it, every field its own string:
/// what ingest and synth build and what a bundle is written from. A loaded catalogue keeps each
/// seed as a compact [`Seed`] instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeedRecord {
    /// Unique, stable identifier; it appears in URLs and QR codes.
    pub id: String,
    /// Id of the offering institution.
    pub institution: String,
    /// Japanese title.
    pub title_ja: String,
    /// English title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// Japanese summary.
    pub summary_ja: String,
    /// English summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_en: Option<String>,
    /// Researchers as 「氏名 (役職)」.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub researchers: Vec<String>,
    /// Department (Japanese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_ja: Option<String>,
    /// Department (English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department_en: Option<String>,
    /// Advantage over current technology (Japanese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advantages_ja: Option<String>,
    /// Advantage over current technology (English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advantages_en: Option<String>,
    /// Intended applications (Japanese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_ja: Option<String>,
    /// Intended applications (English).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applications_en: Option<String>,
    /// One or more `fields` vocabulary ids.
    pub fields: Vec<String>,
    /// A `stage` vocabulary id.
    pub stage: String,
    /// An `ip_status` vocabulary id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_status: Option<String>,
    /// Patent and application numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patents: Vec<String>,
    /// `collaboration` vocabulary ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collaboration: Vec<String>,
    /// Japanese keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords_ja: Vec<String>,
    /// English keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords_en: Vec<String>,
    /// Contact e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    /// Contact page (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_url: Option<String>,
    /// Further links (http or https).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// Technology readiness level, 1–9.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trl: Option<u8>,
    /// Booth number at the current trade show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booth: Option<String>,
    /// Event tags, e.g. `biojapan2026`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Image URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Last update, `YYYY-MM-DD`.
    pub updated: String,
}

/// Single-text fields, in the order they sit in a [`Seed`]'s text.
const SCALARS: usize = 19;
/// List fields, whose items follow the single-text fields.
const LISTS: usize = 8;

/// One research seed, validated, as a loaded catalogue keeps it (see the module doc). Read and
/// written as a [`SeedRecord`].
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(into = "SeedRecord")]
pub struct Seed {
    /// Every field's text, one after another.
    text: Box<str>,
    /// Where each text ends in `text`: the [`SCALARS`] single fields, then every list item;
    /// then, for each of the [`LISTS`] lists, how many items the lists up to it hold.
    ends: Ends,
    /// Bit `i` set: optional single field `i` is absent.
    absent: u32,
    trl: Option<u8>,
}

/// A record-shaped value's single fields in [`Seed`] order and its lists: the one place that
/// order is spelled, for [`SeedRecord`] and the bundle's [`SeedText`] alike.
macro_rules! seed_parts {
    ($r:expr) => {{
        let r = $r;
        let scalars: [Option<&str>; SCALARS] = [
            Some(&*r.id),
            Some(&*r.institution),
            Some(&*r.title_ja),
            r.title_en.as_deref(),
            Some(&*r.summary_ja),
            r.summary_en.as_deref(),
            r.department_ja.as_deref(),
            r.department_en.as_deref(),
            r.advantages_ja.as_deref(),
            r.advantages_en.as_deref(),
            r.applications_ja.as_deref(),
            r.applications_en.as_deref(),
            Some(&*r.stage),
            r.ip_status.as_deref(),
            r.contact_email.as_deref(),
            r.contact_url.as_deref(),
            r.booth.as_deref(),
            r.image.as_deref(),
            Some(&*r.updated),
        ];
        let lists = [
            &r.researchers[..],
            &r.fields[..],
            &r.patents[..],
            &r.collaboration[..],
            &r.keywords_ja[..],
            &r.keywords_en[..],
            &r.links[..],
            &r.events[..],
        ];
        (scalars, lists, r.trl)
    }};
}

impl From<SeedRecord> for Seed {
    fn from(r: SeedRecord) -> Seed {
        let (scalars, lists, trl) = seed_parts!(&r);
        Seed::compact(scalars, lists, trl)
    }
}

impl Seed {
    /// The seed of these single fields (in [`Seed`] order, `None` where absent) and lists.
    fn compact<S: Deref<Target = str>>(
        scalars: [Option<&str>; SCALARS],
        lists: [&[S]; LISTS],
        trl: Option<u8>,
    ) -> Seed {
        let items: usize = lists.iter().map(|l| l.len()).sum();
        let bytes = scalars.iter().flatten().map(|s| s.len()).sum::<usize>()
            + lists.iter().flat_map(|l| l.iter()).map(|s| s.len()).sum::<usize>();
        let mut text = String::with_capacity(bytes);
        let mut absent = 0;
        let ends = if bytes <= usize::from(u16::MAX) && items <= usize::from(u16::MAX) {
            Ends::Short(append(&scalars, &lists, items, &mut text, &mut absent, |e| e as u16))
        } else {
            Ends::Long(append(&scalars, &lists, items, &mut text, &mut absent, offset))
        };
        Seed { text: text.into_boxed_str(), ends, absent, trl }
    }
}

/// Appends the fields to `text`, marking absent single fields in `absent`; returns each text's
/// end, then the item counts so far, made once in their final size (`items`: the lists' items
/// in all; no temporary array to free between two seeds' long-lived allocations).
fn append<S: Deref<Target = str>, E>(
    scalars: &[Option<&str>; SCALARS],
    lists: &[&[S]; LISTS],
    items: usize,
    text: &mut String,
    absent: &mut u32,
    end: impl Fn(usize) -> E,
) -> Box<[E]> {
    let mut ends = Vec::with_capacity(SCALARS + items + LISTS);
    for (i, s) in scalars.iter().enumerate() {
        match s {
            Some(s) => text.push_str(s),
            None => *absent |= 1 << i,
        }
        ends.push(end(text.len()));
    }
    for item in lists.iter().flat_map(|l| l.iter()) {
        text.push_str(item);
        ends.push(end(text.len()));
    }
    let mut count = 0;
    for l in lists {
        count += l.len();
        ends.push(end(count));
    }
    ends.into_boxed_slice()
}

/// A string of the bundle file, borrowed from the file's text unless it had to be unescaped.
struct Text<'a>(Cow<'a, str>);

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// A [`SeedRecord`] as read from a bundle, its strings borrowed from the file where they can be:
/// a seed is compacted from it without an allocation per field. Freeing some forty small
/// strings per seed between the seeds' long-lived texts fragmented the heap (about 200 bytes a
/// seed in the browser, where memory never shrinks). The fields are [`SeedRecord`]'s.
#[derive(Deserialize)]
struct SeedText<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    institution: Text<'a>,
    #[serde(borrow)]
    title_ja: Text<'a>,
    #[serde(borrow)]
    title_en: Option<Text<'a>>,
    #[serde(borrow)]
    summary_ja: Text<'a>,
    #[serde(borrow)]
    summary_en: Option<Text<'a>>,
    #[serde(borrow, default)]
    researchers: Vec<Text<'a>>,
    #[serde(borrow)]
    department_ja: Option<Text<'a>>,
    #[serde(borrow)]
    department_en: Option<Text<'a>>,
    #[serde(borrow)]
    advantages_ja: Option<Text<'a>>,
    #[serde(borrow)]
    advantages_en: Option<Text<'a>>,
    #[serde(borrow)]
    applications_ja: Option<Text<'a>>,
    #[serde(borrow)]
    applications_en: Option<Text<'a>>,
    #[serde(borrow)]
    fields: Vec<Text<'a>>,
    #[serde(borrow)]
    stage: Text<'a>,
    #[serde(borrow)]
    ip_status: Option<Text<'a>>,
    #[serde(borrow, default)]
    patents: Vec<Text<'a>>,
    #[serde(borrow, default)]
    collaboration: Vec<Text<'a>>,
    #[serde(borrow, default)]
    keywords_ja: Vec<Text<'a>>,
    #[serde(borrow, default)]
    keywords_en: Vec<Text<'a>>,
    #[serde(borrow)]
    contact_email: Option<Text<'a>>,
    #[serde(borrow)]
    contact_url: Option<Text<'a>>,
    #[serde(borrow, default)]
    links: Vec<Text<'a>>,
    trl: Option<u8>,
    #[serde(borrow)]
    booth: Option<Text<'a>>,
    #[serde(borrow, default)]
    events: Vec<Text<'a>>,
    #[serde(borrow)]
    image: Option<Text<'a>>,
    #[serde(borrow)]
    updated: Text<'a>,
}

impl<'de> Deserialize<'de> for Seed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = SeedText::deserialize(d)?;
        let (scalars, lists, trl) = seed_parts!(&r);
        Ok(Seed::compact(scalars, lists, trl))
    }
}

/// A seed's text ends and item counts: two bytes each for a seed of under 64 KB of text (every
/// real one), four beyond.
#[derive(Clone, PartialEq, Eq)]
enum Ends {
    Short(Box<[u16]>),
    Long(Box<[u32]>),
}

impl Ends {
    fn get(&self, i: usize) -> usize {
        match self {
            Ends::Short(e) => usize::from(e[i]),
            Ends::Long(e) => e[i] as usize,
        }
    }

    fn len(&self) -> usize {
        match self {
            Ends::Short(e) => e.len(),
            Ends::Long(e) => e.len(),
        }
    }
}

/// A text offset or item count as stored: a seed's text is far below 4 GB (cells are capped by
/// validation, and a wasm32 heap could not hold more).
fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("a seed's text is under 4 GB")
}

impl From<Seed> for SeedRecord {
    fn from(s: Seed) -> SeedRecord {
        let owned = |t: Option<&str>| t.map(str::to_string);
        let list = |t: Texts<'_>| t.map(str::to_string).collect::<Vec<_>>();
        SeedRecord {
            id: s.id().into(),
            institution: s.institution().into(),
            title_ja: s.title_ja().into(),
            title_en: owned(s.title_en()),
            summary_ja: s.summary_ja().into(),
            summary_en: owned(s.summary_en()),
            researchers: list(s.researchers()),
            department_ja: owned(s.department_ja()),
            department_en: owned(s.department_en()),
            advantages_ja: owned(s.advantages_ja()),
            advantages_en: owned(s.advantages_en()),
            applications_ja: owned(s.applications_ja()),
            applications_en: owned(s.applications_en()),
            fields: list(s.fields()),
            stage: s.stage().into(),
            ip_status: owned(s.ip_status()),
            patents: list(s.patents()),
            collaboration: list(s.collaboration()),
            keywords_ja: list(s.keywords_ja()),
            keywords_en: list(s.keywords_en()),
            contact_email: owned(s.contact_email()),
            contact_url: owned(s.contact_url()),
            links: list(s.links()),
            trl: s.trl,
            booth: owned(s.booth()),
            events: list(s.events()),
            image: owned(s.image()),
            updated: s.updated().into(),
        }
    }
}

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        SeedRecord::from(self.clone()).fmt(f)
    }
}

/// Accessors named as the record's fields, each reading its slot.
macro_rules! accessors {
    (
        required { $($(#[$rm:meta])* $r:ident = $rs:expr;)* }
        optional { $($(#[$om:meta])* $o:ident = $os:expr;)* }
        lists { $($(#[$lm:meta])* $l:ident = $ls:expr;)* }
    ) => {
        impl Seed {
            $($(#[$rm])* pub fn $r(&self) -> &str { self.slot($rs) })*
            $($(#[$om])* pub fn $o(&self) -> Option<&str> {
                (self.absent & (1 << $os) == 0).then(|| self.slot($os))
            })*
            $($(#[$lm])* pub fn $l(&self) -> Texts<'_> { self.list($ls) })*
        }
    };
}

accessors! {
    required {
        /// Unique, stable identifier; it appears in URLs and QR codes.
        id = 0;
        /// Id of the offering institution.
        institution = 1;
        /// Japanese title.
        title_ja = 2;
        /// Japanese summary.
        summary_ja = 4;
        /// A `stage` vocabulary id.
        stage = 12;
        /// Last update, `YYYY-MM-DD`.
        updated = 18;
    }
    optional {
        /// English title.
        title_en = 3;
        /// English summary.
        summary_en = 5;
        /// Department (Japanese).
        department_ja = 6;
        /// Department (English).
        department_en = 7;
        /// Advantage over current technology (Japanese).
        advantages_ja = 8;
        /// Advantage over current technology (English).
        advantages_en = 9;
        /// Intended applications (Japanese).
        applications_ja = 10;
        /// Intended applications (English).
        applications_en = 11;
        /// An `ip_status` vocabulary id.
        ip_status = 13;
        /// Contact e-mail address.
        contact_email = 14;
        /// Contact page (http or https).
        contact_url = 15;
        /// Booth number at the current trade show.
        booth = 16;
        /// Image URL.
        image = 17;
    }
    lists {
        /// Researchers as 「氏名 (役職)」.
        researchers = 0;
        /// One or more `fields` vocabulary ids.
        fields = 1;
        /// Patent and application numbers.
        patents = 2;
        /// `collaboration` vocabulary ids.
        collaboration = 3;
        /// Japanese keywords.
        keywords_ja = 4;
        /// English keywords.
        keywords_en = 5;
        /// Further links (http or https).
        links = 6;
        /// Event tags, e.g. `biojapan2026`.
        events = 7;
    }
}

impl Seed {
    /// Technology readiness level, 1–9.
    pub fn trl(&self) -> Option<u8> {
        self.trl
    }

    /// The English title when present, else the Japanese one.
    pub fn title(&self, english: bool) -> &str {
        pick(english, self.title_ja(), self.title_en())
    }

    /// The English summary when present, else the Japanese one.
    pub fn summary(&self, english: bool) -> &str {
        pick(english, self.summary_ja(), self.summary_en())
    }

    /// The text of slot `i` (a single field or a list item).
    fn slot(&self, i: usize) -> &str {
        let from = if i == 0 { 0 } else { self.ends.get(i - 1) };
        &self.text[from..self.ends.get(i)]
    }

    /// The items of list `k`.
    fn list(&self, k: usize) -> Texts<'_> {
        let counts = self.ends.len() - LISTS;
        let from = if k == 0 { 0 } else { self.ends.get(counts + k - 1) };
        Texts { seed: self, at: SCALARS + from, end: SCALARS + self.ends.get(counts + k) }
    }
}

/// The items of one of a [`Seed`]'s lists.
#[derive(Clone)]
pub struct Texts<'a> {
    seed: &'a Seed,
    at: usize,
    end: usize,
}

impl<'a> Texts<'a> {
    /// True when the list has no items.
    pub fn is_empty(&self) -> bool {
        self.at == self.end
    }

    /// True when `item` is one of the items.
    pub fn contains(&self, item: &str) -> bool {
        self.clone().any(|t| t == item)
    }
}

impl<'a> Iterator for Texts<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        (self.at < self.end).then(|| {
            self.at += 1;
            self.seed.slot(self.at - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.end - self.at, Some(self.end - self.at))
    }
}

impl DoubleEndedIterator for Texts<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.at < self.end).then(|| {
            self.end -= 1;
            self.seed.slot(self.end)
        })
    }
}

impl ExactSizeIterator for Texts<'_> {}

impl fmt::Debug for Texts<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// Chooses the English variant when asked for and present; Japanese otherwise.
pub fn pick<'a>(english: bool, ja: &'a str, en: Option<&'a str>) -> &'a str {
    match en {
        Some(en) if english && !en.trim().is_empty() => en,
        _ => ja,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> SeedRecord {
        SeedRecord {
            id: "a-1".into(),
            institution: "a".into(),
            title_ja: "題".into(),
            title_en: Some("Title".into()),
            summary_ja: "概要".into(),
            researchers: vec!["山田 太郎 (教授)".into(), "佐藤 花子".into()],
            department_en: Some(String::new()),
            fields: vec!["healthcare".into()],
            stage: "basic".into(),
            keywords_ja: vec!["がん".into(), "".into(), "免疫".into()],
            links: vec!["https://example.jp/".into()],
            trl: Some(4),
            image: Some("https://example.jp/i.png".into()),
            updated: "2026-01-02".into(),
            ..SeedRecord::default()
        }
    }

    #[test]
    fn a_compact_seed_gives_back_every_field_of_its_record() {
        let r = record();
        let s = Seed::from(r.clone());
        assert_eq!(SeedRecord::from(s.clone()), r);
        assert_eq!(s.title_en(), Some("Title"));
        assert_eq!(s.summary_en(), None);
        assert_eq!(s.department_en(), Some(""), "present but empty stays present");
        assert_eq!(s.keywords_ja().collect::<Vec<_>>(), ["がん", "", "免疫"]);
        assert_eq!(s.keywords_ja().len(), 3);
        assert!(s.patents().is_empty() && s.events().next().is_none());
        assert_eq!(s.links().next_back(), Some("https://example.jp/"));
        assert!(s.fields().contains("healthcare") && !s.fields().contains("health"));
        assert_eq!((s.trl(), s.updated(), s.image()), (Some(4), "2026-01-02", r.image.as_deref()));
    }

    #[test]
    fn a_seed_reads_and_writes_the_records_json() {
        let r = record();
        let json = serde_json::to_string(&r).unwrap();
        let s: Seed = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), json);
        assert_eq!(format!("{s:?}"), format!("{r:?}"));
    }

    #[test]
    fn a_seed_read_from_json_equals_its_record_escaped_strings_and_all() {
        let mut r = record();
        r.summary_ja = "一行目\n二行目 \"引用\" \\ タブ\t".into();
        r.keywords_en = vec!["plain".into(), "quote \" inside".into()];
        r.booth = Some("A-1".into());
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\\n") && json.contains("\\\""), "the file escapes them");
        // From text (strings borrowed where unescaped) and from a reader (never borrowed).
        let from_text: Seed = serde_json::from_str(&json).unwrap();
        let from_reader: Seed = serde_json::from_reader(json.as_bytes()).unwrap();
        assert_eq!(from_text, Seed::from(r.clone()));
        assert_eq!(from_reader, Seed::from(r.clone()));
        assert_eq!(SeedRecord::from(from_text), r);
    }

    #[test]
    fn a_seed_missing_a_required_field_is_refused_naming_it() {
        let mut v = serde_json::to_value(record()).unwrap();
        v.as_object_mut().unwrap().remove("stage");
        let e = serde_json::from_value::<Seed>(v).err().unwrap().to_string();
        assert!(e.contains("missing field `stage`"), "{e}");
    }

    #[test]
    fn a_seed_of_more_than_64_kb_of_text_keeps_every_field() {
        let mut r = record();
        r.summary_ja = "長い概要。".repeat(10_000);
        r.keywords_en = vec!["after the long summary".into()];
        let s = Seed::from(r.clone());
        assert!(
            matches!(s.ends, Ends::Long(_)) && matches!(Seed::from(record()).ends, Ends::Short(_))
        );
        assert_eq!(SeedRecord::from(s), r);
    }

    #[test]
    fn titles_fall_back_to_japanese_when_english_is_blank() {
        let mut r = record();
        assert_eq!(Seed::from(r.clone()).title(true), "Title");
        r.title_en = Some("  ".into());
        assert_eq!(Seed::from(r).title(true), "題");
    }
}
