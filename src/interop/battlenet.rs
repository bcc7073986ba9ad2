//! The Battle.net app's authenticator, from its Android preferences
//! (`shared_prefs/com.blizzard.messenger.authenticator_preferences.xml`, on
//! a rooted phone or in a backup; read from Aegis' `BattleNetImporter`).
//! The app keeps one authenticator: `…AUTHENTICATOR_DEVICE_SECRET` and
//! `…AUTHENTICATOR_SERIAL`, each "masked": the hex of the value's bytes XOR a
//! fixed 56-byte key shipped in the app (so not encryption: no password).
//! Unmasked, the secret is the hex of the TOTP key (20 bytes) and the serial
//! reads like `EU-1234-5678-9012`. Codes: TOTP, SHA-1, 8 digits, 30 s.
//!
//! `…AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE` is `MASK` in the files this
//! was written from; any other value is taken to mean the key is sealed
//! some other way (by the phone), and the account is left out by name
//! rather than misread.

use super::{Export, Fields, Format, InteropError, SkipReason, Skipped, damaged, hex, prefs};
use crate::otp::encode_base32;

const FORMAT: Format = Format::BattleNet;
const SECRET: &str = "com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET";
const SERIAL: &str = "com.blizzard.messenger.AUTHENTICATOR_SERIAL";
const ENCRYPTION: &str = "com.blizzard.messenger.AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE";
/// The app's mask (its own constant; Aegis' `BattleNetImporter` has it too).
const MASK: [u8; 56] = [
    0x39, 0x8e, 0x27, 0xfc, 0x50, 0x27, 0x6a, 0x65, 0x60, 0x65, 0xb0, 0xe5, 0x25, 0xf4, 0xc0, 0x6c,
    0x04, 0xc6, 0x10, 0x75, 0x28, 0x6b, 0x8e, 0x7a, 0xed, 0xa5, 0x9d, 0xa9, 0x81, 0x3b, 0x5d, 0xd6,
    0xc8, 0x0d, 0x2f, 0xb3, 0x80, 0x68, 0x77, 0x3f, 0xa5, 0x9b, 0xa4, 0x7c, 0x17, 0xca, 0x6c, 0x64,
    0x79, 0x01, 0x5c, 0x1d, 0x5b, 0x8b, 0x8f, 0x6b,
];
const ISSUER: &str = "Battle.net";

/// SharedPreferences XML with the Battle.net device secret.
pub(super) fn looks_like(text: &str) -> bool {
    prefs::looks_like(text)
        && prefs::values(text).is_ok_and(|entries| entries.iter().any(|(name, _)| name == SECRET))
}

pub(super) fn read(text: &str, out: &mut Export) -> Result<(), InteropError> {
    let entries = prefs::values(text).map_err(|e| damaged(FORMAT, &e))?;
    let value = |key: &str| {
        entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.trim())
    };
    let masked = value(SECRET).ok_or_else(|| damaged(FORMAT, "it holds no device secret"))?;
    if value(ENCRYPTION).is_some_and(|kind| kind != "MASK") {
        out.skipped.push(Skipped {
            label: crate::otp::Label::given(ISSUER.to_owned()),
            reason: SkipReason::Encrypted,
        });
        return Ok(());
    }
    let serial = match value(SERIAL).filter(|s| !s.is_empty()) {
        Some(serial) => {
            let bytes =
                unmask(serial).ok_or_else(|| damaged(FORMAT, "the serial is not masked hex"))?;
            String::from_utf8(bytes.to_vec())
                .map_err(|_| damaged(FORMAT, "the serial is not text once unmasked"))?
        }
        None => String::new(),
    };
    let key = unmask(masked)
        .and_then(|text| {
            let text =
                zeroize::Zeroizing::new(std::str::from_utf8(&text).ok()?.to_ascii_lowercase());
            hex(&text).map(zeroize::Zeroizing::new)
        })
        .ok_or_else(|| damaged(FORMAT, "the device secret is not masked hex"))?;
    let secret = encode_base32(&key);
    let fields = Fields {
        digits: 8,
        ..Fields::new(ISSUER, &serial, "totp", &secret)
    };
    out.push(&fields, String::new(), false, String::new());
    Ok(())
}

/// The bytes of masked hex, or `None` when it is not hex or is longer than the mask.
fn unmask(masked: &str) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    let bytes =
        zeroize::Zeroizing::new(hex(&zeroize::Zeroizing::new(masked.to_ascii_lowercase()))?);
    if bytes.len() > MASK.len() {
        return None;
    }
    Some(zeroize::Zeroizing::new(
        bytes.iter().zip(MASK).map(|(b, m)| b ^ m).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unmasking_undoes_the_mask_and_refuses_what_is_not_masked_hex() {
        let masked: String = b"0a1b"
            .iter()
            .zip(MASK)
            .map(|(b, m)| format!("{:02X}", b ^ m))
            .collect();
        assert_eq!(unmask(&masked).unwrap().as_slice(), b"0a1b");
        assert!(unmask("zz").is_none());
        assert!(unmask(&"00".repeat(MASK.len() + 1)).is_none());
    }
}
