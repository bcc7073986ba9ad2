//! RFC 4648 base32 as people type it: any case, spaces, hyphens and `=` padding
//! accepted; errors say which character is wrong and where.

use zeroize::Zeroizing;

use super::error::Base32Error;
use crate::secret::SecretBytes;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// Decodes a setup key. Whitespace and `-` separators are ignored, letters may
/// be lower case, trailing `=` padding is optional. Bits that do not fill a
/// whole byte at the end are dropped, as every authenticator does.
pub fn decode(text: &str) -> Result<SecretBytes, Base32Error> {
    let mut out = Zeroizing::new(Vec::with_capacity(text.len() * 5 / 8 + 1));
    let mut buffer: u64 = 0;
    let mut bits = 0u32;
    let mut padding_at = None;
    let mut seen = false;
    for (index, c) in text.chars().enumerate() {
        let position = index + 1;
        if c.is_whitespace() || c == '-' {
            continue;
        }
        if c == '=' {
            padding_at.get_or_insert(position);
            continue;
        }
        if let Some(position) = padding_at {
            return Err(Base32Error::MisplacedPadding { position });
        }
        let upper = c.to_ascii_uppercase();
        let value = u8::try_from(upper)
            .ok()
            .and_then(|b| ALPHABET.iter().position(|&a| a == b))
            .ok_or(Base32Error::InvalidCharacter {
                character: c,
                position,
            })?;
        seen = true;
        buffer = (buffer << 5) | value as u64;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    if !seen || out.is_empty() {
        return Err(Base32Error::Empty);
    }
    Ok(SecretBytes::from(out))
}

/// Encodes key bytes as unpadded upper-case base32 (the form URIs carry).
pub fn encode(bytes: &[u8]) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(bytes.len().div_ceil(5) * 8));
    let mut buffer: u64 = 0;
    let mut bits = 0u32;
    for &byte in bytes {
        buffer = (buffer << 8) | u64::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
        buffer &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        let cases: &[(&[u8], &str)] = &[
            (b"f", "MY"),
            (b"fo", "MZXQ"),
            (b"foo", "MZXW6"),
            (b"foob", "MZXW6YQ"),
            (b"fooba", "MZXW6YTB"),
            (b"foobar", "MZXW6YTBOI"),
        ];
        for (bytes, text) in cases {
            assert_eq!(encode(bytes).as_str(), *text);
            assert_eq!(
                decode(text).map(|s| s.expose().to_vec()),
                Ok(bytes.to_vec())
            );
        }
    }

    #[test]
    fn accepts_what_people_paste() {
        let want = decode("JBSWY3DPEHPK3PXP").map(|s| s.expose().to_vec());
        for variant in [
            "jbswy3dpehpk3pxp",
            "JBSW Y3DP EHPK 3PXP",
            "jbsw-y3dp-ehpk-3pxp",
            "JBSWY3DPEHPK3PXP====",
            " JBSWY3DPEHPK3PXP\n",
        ] {
            assert_eq!(
                decode(variant).map(|s| s.expose().to_vec()),
                want,
                "{variant}"
            );
        }
    }

    #[test]
    fn says_which_character_is_wrong() {
        assert_eq!(
            decode("JBSW Y3D0").err(),
            Some(Base32Error::InvalidCharacter {
                character: '0',
                position: 9
            })
        );
        assert_eq!(
            decode("MZ=XQ").err(),
            Some(Base32Error::MisplacedPadding { position: 3 })
        );
        assert_eq!(decode("  ==").err(), Some(Base32Error::Empty));
        assert_eq!(decode("A").err(), Some(Base32Error::Empty));
    }
}
