//! The booth-lead formats, in one place for both sides: the kiosk app seals each lead with
//! WebCrypto and stores the envelope; `seeds leads open` reads export files and opens the
//! envelopes with the RustCrypto crates. Both build the key derivation's inputs here, so the
//! two cannot drift apart. The formats are documented for people in docs/leads.md.
//!
//! Scheme: ECIES on P-256 — an ephemeral key per lead, ECDH with the exhibitor's public key,
//! HKDF-SHA256 (a random salt, [`hkdf_info`]) to a 256-bit key, AES-256-GCM with a random
//! nonce and the lead's id as associated data.

use serde::{Deserialize, Serialize};

/// `format` of one encrypted lead (the envelope).
pub const LEAD_FORMAT: &str = "seed-explorer-lead";
/// `format` of an export file.
pub const EXPORT_FORMAT: &str = "seed-explorer-leads";
/// The envelope and export version written (and the only one read).
pub const VERSION: u32 = 1;
/// The encryption scheme's name in every envelope.
pub const SCHEME: &str = "ECIES-P256-HKDF-SHA256-AES256GCM";
/// The start of the HKDF `info`; the ephemeral and the recipient public keys follow it.
pub const INFO_LABEL: &[u8] = b"seed-explorer lead v1";
/// Bytes of HKDF salt per lead.
pub const SALT_BYTES: usize = 16;
/// Bytes of AES-GCM nonce per lead.
pub const NONCE_BYTES: usize = 12;
/// Bytes of the SHA-256 of a public key that name it (`key` in an envelope), shown as hex.
pub const KEY_ID_BYTES: usize = 8;

/// One encrypted lead as stored on the kiosk and exported. Binary fields are standard base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// [`LEAD_FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// [`SCHEME`].
    pub scheme: String,
    /// The lead's random id (a UUID), also the AES-GCM associated data.
    pub id: String,
    /// The key id ([`key_id`]) of the public key it was encrypted to.
    pub key: String,
    /// The ephemeral public key, uncompressed SEC1 (65 bytes).
    pub epk: String,
    /// HKDF salt ([`SALT_BYTES`]).
    pub salt: String,
    /// AES-GCM nonce ([`NONCE_BYTES`]).
    pub nonce: String,
    /// AES-256-GCM ciphertext with its 16-byte tag.
    pub ct: String,
}

impl Envelope {
    /// An envelope of this version and scheme for the sealed parts of a lead.
    pub fn new(id: &str, key: &str, epk: String, salt: String, nonce: String, ct: String) -> Self {
        Envelope {
            format: LEAD_FORMAT.into(),
            version: VERSION,
            scheme: SCHEME.into(),
            id: id.into(),
            key: key.into(),
            epk,
            salt,
            nonce,
            ct,
        }
    }

    /// True when this build reads the envelope's format, version and scheme.
    pub fn is_readable(&self) -> bool {
        self.format == LEAD_FORMAT && self.version == VERSION && self.scheme == SCHEME
    }
}

/// An export file: every envelope the kiosk held when staff exported.
#[derive(Debug, Serialize, Deserialize)]
pub struct Export {
    /// [`EXPORT_FORMAT`].
    pub format: String,
    /// [`VERSION`].
    pub version: u32,
    /// When it was exported (ISO 8601), as the kiosk's clock said.
    #[serde(default)]
    pub exported: Option<String>,
    /// The encrypted leads.
    pub leads: Vec<Envelope>,
}

/// How the visitor wants to be followed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FollowUp {
    /// Meet at the booth now.
    Booth,
    /// E-mail later.
    Email,
}

/// The record that is encrypted: what the visitor gave, when, in which language, and the
/// notice they agreed to, word for word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lead {
    /// Same as the envelope's id.
    pub id: String,
    /// When it was sent (ISO 8601, the kiosk's clock).
    pub created: String,
    /// The form's language (`ja` or `en`).
    pub lang: String,
    /// Name.
    pub name: String,
    /// Organisation.
    pub organisation: String,
    /// Department or title.
    #[serde(default)]
    pub title: String,
    /// E-mail address.
    pub email: String,
    /// Phone (optional).
    #[serde(default)]
    pub phone: String,
    /// Seed ids of interest.
    #[serde(default)]
    pub seeds: Vec<String>,
    /// Message.
    #[serde(default)]
    pub message: String,
    /// How to follow up.
    pub follow_up: FollowUp,
    /// The privacy notice the visitor agreed to, word for word.
    pub consent: String,
}

/// The HKDF `info` for a lead: [`INFO_LABEL`], the ephemeral public key, the recipient's public
/// key (both uncompressed SEC1), binding the derived key to both.
pub fn hkdf_info(epk: &[u8], recipient: &[u8]) -> Vec<u8> {
    [INFO_LABEL, epk, recipient].concat()
}

/// The key id of a public key from the SHA-256 digest of its uncompressed SEC1 bytes: the
/// first [`KEY_ID_BYTES`] as lowercase hex.
pub fn key_id(sha256: &[u8]) -> String {
    sha256.iter().take(KEY_ID_BYTES).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_envelope_is_written_with_the_documented_field_names() {
        let e = Envelope::new("id-1", "0011", "E".into(), "S".into(), "N".into(), "C".into());
        assert!(e.is_readable());
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "format": "seed-explorer-lead", "version": 1,
                "scheme": "ECIES-P256-HKDF-SHA256-AES256GCM", "id": "id-1", "key": "0011",
                "epk": "E", "salt": "S", "nonce": "N", "ct": "C"
            })
        );
        let other = Envelope { version: 2, ..e };
        assert!(!other.is_readable());
    }

    #[test]
    fn a_lead_reads_back_with_optional_fields_left_out() {
        let lead: Lead = serde_json::from_str(
            r#"{"id":"a","created":"2026-12-04T10:00:00Z","lang":"ja","name":"N",
                "organisation":"O","email":"n@example.com","follow_up":"booth","consent":"C"}"#,
        )
        .unwrap();
        assert_eq!(
            (lead.follow_up, lead.phone.as_str(), lead.seeds.len()),
            (FollowUp::Booth, "", 0)
        );
        let back: Lead = serde_json::from_str(&serde_json::to_string(&lead).unwrap()).unwrap();
        assert_eq!(back, lead);
    }

    #[test]
    fn the_info_binds_the_label_and_both_public_keys_in_order() {
        assert_eq!(hkdf_info(&[1, 2], &[3]), [INFO_LABEL, &[1, 2], &[3]].concat());
    }

    #[test]
    fn a_key_id_is_the_first_bytes_of_the_digest_in_hex() {
        let digest: Vec<u8> = (0u8..32).collect();
        assert_eq!(key_id(&digest), "0001020304050607");
    }
}
