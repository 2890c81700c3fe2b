//! The precomputed index that `seeds build` writes into the bundle, so that a browser decodes
//! postings instead of tokenizing every seed. The binary layout (little-endian, base64 in the
//! JSON): the seed count, the term count and the four average field lengths; for each term
//! its key (a packed gram or a long word) and its posting count; for each term its seeds as
//! varint gaps; then every posting's impact as a `u16`. Decoding checks every count and range,
//! so a damaged index is refused, never trusted.

use serde::{Deserialize, Serialize};

use super::base64;
use super::{Index, TermId, NF};

/// The tokenizing and scoring scheme of this build. It changes whenever the tokenizer, the
/// normalization or the impacts do; an index of another scheme is ignored and rebuilt.
/// 2: words cut at [`crate::tokenize::MAX_TOKEN_CHARS`] characters; 3: katakana spelling
/// variants folded ([`crate::normalize::kana_variants`]).
pub const SCHEME: u32 = 3;

/// A precomputed index as a bundle stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackedIndex {
    /// The [`SCHEME`] it was computed with.
    pub scheme: u32,
    /// The binary layout, base64.
    pub data: String,
}

/// Why a packed index was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnpackError {
    /// Computed with another tokenizing and scoring scheme.
    #[error("the index was computed with scheme {0}, this build uses {SCHEME}")]
    Scheme(u32),
    /// Not base64.
    #[error("the index is not base64")]
    Base64,
    /// Computed for another number of seeds.
    #[error("the index is for {found} seeds, the bundle has {expected}")]
    SeedCount {
        /// Seeds in the index.
        found: usize,
        /// Seeds in the bundle.
        expected: usize,
    },
    /// The binary layout is damaged; names the part.
    #[error("the index is damaged ({0})")]
    Damaged(&'static str),
}

impl PackedIndex {
    /// Packs `index`.
    pub fn pack(index: &Index) -> PackedIndex {
        let mut out = Vec::with_capacity(index.docs.len() * 4 + 64);
        varint(&mut out, index.n_docs);
        let terms = index.offsets.len().saturating_sub(1);
        varint(&mut out, terms as u32);
        index.avg.iter().for_each(|a| out.extend_from_slice(&a.to_le_bytes()));
        let mut keys: Vec<Option<Key<'_>>> = vec![None; terms];
        index.grams.iter().for_each(|(&k, &t)| keys[t as usize] = Some(Key::Gram(k)));
        index.words.iter().for_each(|(w, &t)| keys[t as usize] = Some(Key::Word(w)));
        for (t, key) in keys.iter().enumerate() {
            match key {
                Some(Key::Word(w)) => {
                    varint(&mut out, w.len() as u32);
                    out.extend_from_slice(w.as_bytes());
                }
                Some(Key::Gram(k)) => {
                    varint(&mut out, 0);
                    out.extend_from_slice(&k.to_le_bytes());
                }
                None => unreachable!("every term id has a key"),
            }
            varint(&mut out, index.df(t as TermId) as u32);
        }
        for t in 0..terms as TermId {
            let mut prev = 0;
            for (i, &d) in index.postings(t).0.iter().enumerate() {
                varint(&mut out, if i == 0 { d } else { d - prev });
                prev = d;
            }
        }
        index.imps.iter().for_each(|i| out.extend_from_slice(&i.to_le_bytes()));
        PackedIndex { scheme: SCHEME, data: base64::encode(&out) }
    }

    /// The index, if it is of this [`SCHEME`], intact and for `seeds` seeds.
    pub fn unpack(self, seeds: usize) -> Result<Index, UnpackError> {
        let mut unpacker = Unpacker::new(self, seeds)?;
        loop {
            if let Some(index) = unpacker.step(usize::MAX)? {
                return Ok(index);
            }
        }
    }
}

#[derive(Clone, Copy)]
enum Key<'a> {
    Gram(u64),
    Word(&'a str),
}

/// Unpacks a [`PackedIndex`] a bounded amount of work per [`Unpacker::step`], so that a host
/// can keep painting while 100,000 seeds' postings are decoded.
pub struct Unpacker {
    text: String,
    bytes: Vec<u8>,
    /// Where decoding goes on: in `text` while [`Part::Decoding`], else in `bytes`.
    at: usize,
    part: Part,
    ix: Index,
}

/// What [`Unpacker::step`] does next.
#[derive(Clone, Copy)]
enum Part {
    Decoding,
    Terms,
    /// Postings of the terms from this one on.
    Postings(TermId),
    Impacts,
    /// Norms of the terms from this one on.
    Norms(TermId),
    Dictionaries,
}

/// Base64 characters decoded per unit of work (a multiple of 4).
const CHARS_PER_UNIT: usize = 4;

impl Unpacker {
    /// Starts unpacking `packed` for a bundle of `seeds` seeds.
    pub fn new(packed: PackedIndex, seeds: usize) -> Result<Self, UnpackError> {
        if packed.scheme != SCHEME {
            return Err(UnpackError::Scheme(packed.scheme));
        }
        let bytes = Vec::with_capacity(packed.data.len() / 4 * 3);
        let text = packed.data;
        let ix = Index { n_docs: seeds as u32, ..Index::default() };
        Ok(Unpacker { text, bytes, at: 0, part: Part::Decoding, ix })
    }

    /// Does up to about `work` postings' worth of unpacking; the index once it is complete.
    pub fn step(&mut self, work: usize) -> Result<Option<Index>, UnpackError> {
        let terms = self.ix.offsets.len().saturating_sub(1) as TermId;
        self.part = match self.part {
            Part::Decoding => self.decode(work)?,
            Part::Terms => {
                let mut r = Reader { bytes: &self.bytes[self.at..] };
                read_terms(&mut r, &mut self.ix)?;
                self.at = self.bytes.len() - r.bytes.len();
                Part::Postings(0)
            }
            Part::Postings(from) => {
                let mut r = Reader { bytes: &self.bytes[self.at..] };
                let next = read_postings(&mut r, &mut self.ix, from, work)?;
                self.at = self.bytes.len() - r.bytes.len();
                if next < terms {
                    Part::Postings(next)
                } else {
                    Part::Impacts
                }
            }
            Part::Impacts => self.impacts(work)?,
            Part::Norms(from) => {
                let to = self.terms_within(from, work);
                self.ix.add_norms(from..to);
                if to < terms {
                    Part::Norms(to)
                } else {
                    Part::Dictionaries
                }
            }
            Part::Dictionaries => {
                self.ix.derive_dictionaries();
                return Ok(Some(std::mem::take(&mut self.ix)));
            }
        };
        Ok(None)
    }

    /// How much of the work is done, 0.0–1.0 (decoding counts as half).
    pub fn fraction(&self) -> f64 {
        let share = |done: usize, total: usize| done as f64 / total.max(1) as f64;
        let postings = self.ix.offsets.last().copied().unwrap_or(0) as usize;
        match self.part {
            Part::Decoding => 0.5 * share(self.at, self.text.len()),
            Part::Terms => 0.5,
            Part::Postings(_) => 0.5 + 0.3 * share(self.ix.docs.len(), postings),
            Part::Impacts => 0.8 + 0.1 * share(self.ix.imps.len(), postings),
            Part::Norms(t) => 0.9 + 0.1 * share(t as usize, self.ix.offsets.len()),
            Part::Dictionaries => 1.0,
        }
    }

    fn decode(&mut self, work: usize) -> Result<Part, UnpackError> {
        let end = self.at.saturating_add(work.saturating_mul(CHARS_PER_UNIT)).min(self.text.len());
        let chunk = self.text.as_bytes().get(self.at..end).ok_or(UnpackError::Base64)?;
        // Padding belongs only at the very end of the text, not at the end of a step's chunk.
        let padded_early = end < self.text.len() && chunk.last() == Some(&b'=');
        if padded_early || base64::decode_into(chunk, &mut self.bytes).is_err() {
            return Err(UnpackError::Base64);
        }
        self.at = end;
        if end < self.text.len() {
            return Ok(Part::Decoding);
        }
        self.text = String::new();
        self.at = 0;
        let mut r = Reader { bytes: &self.bytes };
        let n_docs = r.varint("seed count")?;
        if n_docs != self.ix.n_docs {
            let (found, expected) = (n_docs as usize, self.ix.n_docs as usize);
            return Err(UnpackError::SeedCount { found, expected });
        }
        self.at = self.bytes.len() - r.bytes.len();
        Ok(Part::Terms)
    }

    fn impacts(&mut self, work: usize) -> Result<Part, UnpackError> {
        let total = self.ix.docs.len();
        let n = work.min(total - self.ix.imps.len());
        let mut r = Reader { bytes: &self.bytes[self.at..] };
        let bytes = r.take(n * 2, "impacts")?;
        self.ix.imps.extend(bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])));
        self.at += n * 2;
        if self.ix.imps.len() < total {
            return Ok(Part::Impacts);
        }
        if self.at != self.bytes.len() {
            return Err(UnpackError::Damaged("bytes after the impacts"));
        }
        self.bytes = Vec::new();
        Ok(Part::Norms(0))
    }

    /// The first term after `from` such that the terms between hold about `work` postings.
    fn terms_within(&self, from: TermId, work: usize) -> TermId {
        let offsets = &self.ix.offsets;
        let limit = (offsets[from as usize] as usize).saturating_add(work);
        let to = offsets.partition_point(|&o| (o as usize) <= limit).saturating_sub(1);
        (to as TermId).max(from + 1).min(offsets.len() as TermId - 1)
    }
}

/// Reads the term count, the average field lengths, the term keys and the posting counts.
fn read_terms(r: &mut Reader<'_>, ix: &mut Index) -> Result<(), UnpackError> {
    let terms = r.varint("term count")?;
    for a in ix.avg.iter_mut().take(NF) {
        *a = f32::from_le_bytes(r.array("average field length")?);
    }
    // Each term takes at least 2 bytes: refuse a count the data cannot hold before allocating.
    if terms as usize > r.bytes.len() / 2 {
        return Err(UnpackError::Damaged("term count"));
    }
    ix.offsets = Vec::with_capacity(terms as usize + 1);
    ix.offsets.push(0);
    let mut total = 0u32;
    for t in 0..terms {
        let fresh = match r.varint("term key")? {
            0 => ix.grams.insert(u64::from_le_bytes(r.array("gram key")?), t).is_none(),
            len => {
                let word = std::str::from_utf8(r.take(len as usize, "word")?)
                    .map_err(|_| UnpackError::Damaged("word"))?;
                ix.words.insert(word.into(), t).is_none()
            }
        };
        let df = r.varint("posting count")?;
        if !fresh || df == 0 || df > ix.n_docs {
            return Err(UnpackError::Damaged("term"));
        }
        total = total.checked_add(df).ok_or(UnpackError::Damaged("posting count"))?;
        ix.offsets.push(total);
    }
    // Each posting takes at least 3 bytes (a gap and an impact).
    if total as usize > r.bytes.len() / 3 {
        return Err(UnpackError::Damaged("posting count"));
    }
    ix.docs = Vec::with_capacity(total as usize);
    ix.imps = Vec::with_capacity(total as usize);
    Ok(())
}

/// Reads the seeds of the terms from `from` on, until about `work` postings are read; the
/// next term to read.
fn read_postings(
    r: &mut Reader<'_>,
    ix: &mut Index,
    from: TermId,
    work: usize,
) -> Result<TermId, UnpackError> {
    let start = ix.docs.len();
    let mut t = from as usize;
    while t + 1 < ix.offsets.len() && ix.docs.len() - start < work.max(1) {
        let mut prev: Option<u32> = None;
        for _ in ix.offsets[t]..ix.offsets[t + 1] {
            let gap = r.varint("posting")?;
            let d = match prev {
                None => gap,
                Some(p) if gap > 0 => p.checked_add(gap).ok_or(UnpackError::Damaged("posting"))?,
                Some(_) => return Err(UnpackError::Damaged("posting")),
            };
            if d >= ix.n_docs {
                return Err(UnpackError::Damaged("posting"));
            }
            ix.docs.push(d);
            prev = Some(d);
        }
        t += 1;
    }
    Ok(t as TermId)
}

fn varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads the binary layout front to back; every read names the part it reads for errors.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], UnpackError> {
        if n > self.bytes.len() {
            return Err(UnpackError::Damaged(what));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], UnpackError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }

    fn varint(&mut self, what: &'static str) -> Result<u32, UnpackError> {
        let mut v = 0u32;
        for shift in (0..35).step_by(7) {
            let [b] = self.array(what)?;
            let part = u32::from(b & 0x7F);
            if shift == 28 && part > 0x0F {
                return Err(UnpackError::Damaged(what));
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(UnpackError::Damaged(what))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_at_every_width() {
        for v in [0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, u32::MAX] {
            let mut out = Vec::new();
            varint(&mut out, v);
            let mut r = Reader { bytes: &out };
            assert_eq!(r.varint("test"), Ok(v));
            assert!(r.bytes.is_empty());
        }
    }

    #[test]
    fn an_overlong_varint_is_damage() {
        let mut r = Reader { bytes: &[0xFF, 0xFF, 0xFF, 0xFF, 0x7F] };
        assert_eq!(r.varint("test"), Err(UnpackError::Damaged("test")));
        let mut r = Reader { bytes: &[0x80] };
        assert_eq!(r.varint("test"), Err(UnpackError::Damaged("test")));
    }

    #[test]
    fn an_empty_index_round_trips() {
        let ix = Index::build(&[], |_| None);
        assert_eq!(PackedIndex::pack(&ix).unpack(0), Ok(ix));
    }

    #[test]
    fn another_scheme_is_refused_by_name() {
        let mut p = PackedIndex::pack(&Index::build(&[], |_| None));
        p.scheme = SCHEME + 1;
        assert_eq!(p.unpack(0), Err(UnpackError::Scheme(SCHEME + 1)));
    }

    #[test]
    fn an_index_for_other_seeds_is_refused() {
        let p = PackedIndex::pack(&Index::build(&[], |_| None));
        assert_eq!(p.unpack(3), Err(UnpackError::SeedCount { found: 0, expected: 3 }));
    }
}
