//! Standard base64 (RFC 4648, with padding) for the packed index: a JSON string is the only
//! way to carry its bytes. Hand-written rather than a crate's, as the app only needs these
//! few lines and its download has a size budget; tested against the `base64` crate.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Each byte's 6-bit value, or `INVALID`.
const VALUES: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const INVALID: u8 = 0xFF;

/// `bytes` as base64.
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let b = [group[0], *group.get(1).unwrap_or(&0), *group.get(2).unwrap_or(&0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            let c = if i <= group.len() { ALPHABET[(n >> shift) as usize & 63] } else { b'=' };
            out.push(c as char);
        }
    }
    out
}

/// Appends the bytes of `text` to `out`. `text` is whole groups of four characters, padded
/// with `=` only at its very end; anything else is an error.
pub fn decode_into(text: &[u8], out: &mut Vec<u8>) -> Result<(), ()> {
    if !text.len().is_multiple_of(4) {
        return Err(());
    }
    out.reserve(text.len() / 4 * 3);
    let groups = text.len() / 4;
    for (g, group) in text.chunks_exact(4).enumerate() {
        let pad = if g + 1 == groups {
            group.iter().rev().take_while(|&&c| c == b'=').count()
        } else {
            0
        };
        if pad > 2 {
            return Err(());
        }
        let mut n = 0u32;
        for &c in &group[..4 - pad] {
            let v = VALUES[c as usize];
            if v == INVALID {
                return Err(());
            }
            n = n << 6 | u32::from(v);
        }
        n <<= 6 * pad as u32;
        let b = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        // Padding must not hide set bits (the canonical encoding of the last group).
        if b[3 - pad..].iter().any(|&x| x != 0) {
            return Err(());
        }
        out.extend_from_slice(&b[..3 - pad]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::base64::Engine as _;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_the_base64_crate(bytes in prop::collection::vec(any::<u8>(), 0..100)) {
            let theirs = ::base64::engine::general_purpose::STANDARD.encode(&bytes);
            prop_assert_eq!(&encode(&bytes), &theirs);
            let mut out = Vec::new();
            prop_assert_eq!(decode_into(theirs.as_bytes(), &mut out), Ok(()));
            prop_assert_eq!(out, bytes);
        }

        #[test]
        fn refuses_what_the_base64_crate_refuses(text in "[A-Za-z0-9+/=\\-]{0,12}") {
            let theirs = ::base64::engine::general_purpose::STANDARD.decode(&text);
            let mut out = Vec::new();
            let ours = decode_into(text.as_bytes(), &mut out).map(|()| out);
            prop_assert_eq!(ours.ok(), theirs.ok(), "{:?}", text);
        }
    }

    const CASES: &[(&[u8], &str)] = &[
        (b"", ""),
        (b"f", "Zg=="),
        (b"fo", "Zm8="),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg=="),
        (b"fooba", "Zm9vYmE="),
        (b"foobar", "Zm9vYmFy"),
        (&[0xFB, 0xFF, 0xBF], "+/+/"),
    ];

    #[test]
    fn rfc_4648_vectors_encode_and_decode() {
        for (bytes, text) in CASES {
            assert_eq!(encode(bytes), *text);
            let mut out = Vec::new();
            assert_eq!(decode_into(text.as_bytes(), &mut out), Ok(()), "{text}");
            assert_eq!(&out, bytes);
        }
    }

    #[test]
    fn malformed_text_is_refused() {
        for text in ["Zg=", "Zg", "Z===", "Zh==", "Zm9=", "Zg==Zg==", "Zm9v\n", "Zm-v", "Zm9v Zg=="]
        {
            assert_eq!(decode_into(text.as_bytes(), &mut Vec::new()), Err(()), "{text:?}");
        }
    }
}
