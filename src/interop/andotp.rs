//! andOTP's backups (read from Aegis' `AndOtpImporter`, andOTP's
//! `BackupHelper`).
//!
//! Plain (`.json`): an array of entries with `secret`, `issuer`, `label`,
//! `digits`, `type`, `algorithm`, `period`, `counter` and `tags`. Backups
//! from before andOTP 0.6 have no `issuer`: see [`old_label`].
//!
//! Encrypted (`.json.aes`), two forms with nothing in the file to tell them
//! apart: the current one is `iterations` (4 bytes, big-endian) ‖ salt (12)
//! ‖ nonce (12) ‖ AES-256-GCM ciphertext ‖ tag, under
//! PBKDF2-HMAC-SHA1(password, salt, iterations) (andOTP picks 140,000 to
//! 160,000 rounds); the old one is nonce ‖ ciphertext ‖ tag under SHA-256 of
//! the password. The current form is tried first when its round count is
//! plausible, then the old one; only if neither opens is the password wrong.
//! A round count over 1,000,000 is never run (the file is then taken as the
//! old form), so a hostile count costs nothing.

use serde::Deserialize;

use super::de::{List, Number, Object, Secret, Text};
use super::{Export, Fields, Format, InteropError, damaged};
use crate::secret::Password;

const FORMAT: Format = Format::AndOtp;
/// The most PBKDF2 rounds accepted: several times what andOTP writes.
const MAX_ROUNDS: u32 = 1_000_000;
/// The fewest rounds taken as the current form when detecting.
const DETECT_MIN_ROUNDS: u32 = 100_000;
const HEADER: usize = 4 + 12 + 12;
const TAG: usize = 16;

/// A binary file whose first four bytes are a round count andOTP could
/// have written, long enough to hold a header and a tag.
pub(super) fn looks_like_encrypted(bytes: &[u8]) -> bool {
    rounds(bytes).is_some_and(|n| (DETECT_MIN_ROUNDS..=MAX_ROUNDS).contains(&n))
        && bytes.len() > HEADER + TAG
}

fn rounds(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?))
}

pub(super) fn read(
    bytes: &[u8],
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    let is_json = std::str::from_utf8(bytes).is_ok_and(|text| {
        text.trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with(['[', '{'])
    });
    if is_json {
        return entries(super::de::from_file(bytes, FORMAT)?, out);
    }
    let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
    let plain = decrypt(bytes, password)?;
    let list = serde_json::from_slice(&plain)
        .map_err(|_| damaged(FORMAT, "the decrypted backup is not JSON"))?;
    entries(list, out)
}

fn decrypt(bytes: &[u8], password: &Password) -> Result<zeroize::Zeroizing<Vec<u8>>, InteropError> {
    if bytes.len() < 12 + TAG {
        return Err(damaged(FORMAT, "the encrypted backup is cut short"));
    }
    let password = password.expose().as_bytes();
    // A round count beyond MAX_ROUNDS is never run: such a file is taken
    // as the old form (whose first bytes are a random nonce).
    if let Some(n) = rounds(bytes).filter(|n| (1..=MAX_ROUNDS).contains(n))
        && bytes.len() >= HEADER + TAG
    {
        let mut key = zeroize::Zeroizing::new([0u8; 32]);
        pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, &bytes[4..16], n, key.as_mut());
        if let Some(plain) = super::aes_gcm_open(key.as_ref(), &bytes[16..28], &bytes[28..]) {
            return Ok(plain);
        }
    }
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&<sha2::Sha256 as sha2::Digest>::digest(password));
    super::aes_gcm_open(key.as_ref(), &bytes[..12], &bytes[12..])
        .ok_or(InteropError::WrongPassword { format: FORMAT })
}

/// One entry of the list.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Entry {
    pub(super) secret: Secret,
    issuer: Text,
    label: Text,
    digits: Number,
    r#type: Text,
    algorithm: Text,
    period: Number,
    counter: Number,
    tags: List<Text>,
}

super::de::secret_fields! {
    Entry { secret: Secret }
}

/// Issuer and name from the label of an entry without an `issuer` field
/// (backups of andOTP before 0.6). Those versions wrote the label as
/// "ISSUER - LABEL", LABEL being the link's whole label ("Deno - Deno:Mason"
/// in a real backup from Aegis' importer tests; Aegis' `AndOtpImporter`
/// splits at " - " too); a label without " - " may still be "issuer:name".
fn old_label(label: &str) -> (&str, &str) {
    if let Some((issuer, rest)) = label.split_once(" - ") {
        let issuer = issuer.trim();
        let rest = rest.trim();
        let name = rest
            .strip_prefix(issuer)
            .and_then(|name| name.strip_prefix(':'))
            .unwrap_or(rest);
        return (issuer, name.trim());
    }
    match label.split_once(':') {
        Some((issuer, name)) => (issuer.trim(), name.trim()),
        None => ("", label),
    }
}

fn entries(list: List<Object<Entry>>, out: &mut Export) -> Result<(), InteropError> {
    let list = list
        .0
        .ok_or_else(|| damaged(FORMAT, "it is not a list of entries"))?;
    for entry in list {
        let entry = entry.or_empty();
        let label = entry.label.as_str();
        let (issuer, name) = match entry.issuer.as_str() {
            "" => old_label(label),
            issuer => (issuer, label),
        };
        let fields = Fields {
            issuer,
            name,
            kind: entry.r#type.as_str(),
            secret: entry.secret.expose(),
            algorithm: entry.algorithm.as_str(),
            digits: entry.digits.or(6),
            period: entry.period.or(30),
            counter: entry.counter.or(0),
        };
        let group = entry
            .tags
            .items()
            .iter()
            .find_map(Text::get)
            .unwrap_or("")
            .to_owned();
        out.push(&fields, group, false, String::new());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::old_label;

    #[test]
    fn old_labels_give_issuer_and_name() {
        assert_eq!(old_label("Deno - Deno:Mason"), ("Deno", "Mason"));
        assert_eq!(
            old_label("Air Canada - Air Canada:Benjamin"),
            ("Air Canada", "Benjamin")
        );
        assert_eq!(
            old_label("Deno - mason@example.com"),
            ("Deno", "mason@example.com")
        );
        assert_eq!(old_label("Deno - Other:Mason"), ("Deno", "Other:Mason"));
        assert_eq!(old_label("Deno:Mason"), ("Deno", "Mason"));
        assert_eq!(old_label("Mason"), ("", "Mason"));
    }
}
