//! Ente Auth's export, plain or encrypted.
//!
//! Plain: a text file, one `otpauth://` link per line. Ente appends a
//! `codeDisplay` parameter holding percent-encoded JSON (`pinned`, `trashed`,
//! `tags`, `note`, `position`, …): pinned becomes the favourite, the first tag
//! the group, the note the note; entries in Ente's trash are left out.
//!
//! Encrypted: `{"version": 1, "kdfParams": {"memLimit", "opsLimit", "salt"},
//! "encryptedData", "encryptionNonce"}` (base64). The key is libsodium's
//! `crypto_pwhash` (Argon2id v1.3) of the password; the data is one
//! `crypto_secretstream_xchacha20poly1305` message whose header is the
//! "nonce"; the plaintext is the plain export above. Ente picks `memLimit`
//! and `opsLimit` per device, keeping their product at libsodium's
//! "sensitive" strength (1 GiB × 4), so that product is the ceiling here.

use serde::Deserialize;

use super::de::{Flag, List, Number, Object, Text, Version};
use super::sodium::{self, OpenError};
use super::{Export, Format, InteropError, SkipReason, Skipped, base64_decode, damaged};
use crate::secret::Password;

const FORMAT: Format = Format::Ente;
/// libsodium's `crypto_pwhash_MEMLIMIT_SENSITIVE`: the most Ente asks for.
const MAX_MEM_LIMIT: u64 = 1 << 30;
/// libsodium's smallest memory limit.
const MIN_MEM_LIMIT: u64 = 8 * 1024;
/// Ente's total work: `MEMLIMIT_SENSITIVE × OPSLIMIT_SENSITIVE` byte-passes.
const MAX_WORK: u64 = (1 << 30) * 4;

/// The encrypted export (the plaintext is the plain export's links).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct File {
    version: Version,
    #[serde(rename = "kdfParams")]
    kdf_params: Object<Kdf>,
    #[serde(rename = "encryptedData")]
    encrypted_data: Text,
    #[serde(rename = "encryptionNonce")]
    encryption_nonce: Text,
}

/// libsodium's Argon2id settings and the salt.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Kdf {
    #[serde(rename = "memLimit")]
    mem_limit: Number,
    #[serde(rename = "opsLimit")]
    ops_limit: Number,
    salt: Text,
}

/// What a link's `codeDisplay` says (no secret: the key is in the link).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Display {
    pinned: Flag,
    trashed: Flag,
    tags: List<Text>,
    note: Text,
}

/// Text whose first link carries Ente's `codeDisplay` parameter.
pub(super) fn looks_like_text(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .is_some_and(|line| {
            line.get(..10)
                .is_some_and(|s| s.eq_ignore_ascii_case("otpauth://"))
                && line.contains("codeDisplay=")
        })
}

pub(super) fn read(
    bytes: &[u8],
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| damaged(FORMAT, "it is neither text nor JSON"))?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('{') {
        let file: Object<File> = super::de::from_file(bytes, FORMAT)?;
        let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
        let plain = decrypt(&file.or_empty(), password)?;
        let plain = std::str::from_utf8(&plain)
            .map_err(|_| damaged(FORMAT, "the decrypted export is not text"))?;
        links(plain, out);
    } else {
        links(text, out);
    }
    Ok(())
}

fn decrypt(file: &File, password: &Password) -> Result<zeroize::Zeroizing<Vec<u8>>, InteropError> {
    if file.version.or(0) != 1 {
        return Err(InteropError::UnknownVersion {
            format: FORMAT,
            found: file.version.shown().to_owned(),
        });
    }
    let empty = Kdf::default();
    let kdf = file.kdf_params.value.as_ref().unwrap_or(&empty);
    let (Some(mem_limit), Some(ops_limit)) = (kdf.mem_limit.integer(), kdf.ops_limit.integer())
    else {
        return Err(damaged(
            FORMAT,
            "the key-derivation settings are not numbers",
        ));
    };
    if mem_limit < MIN_MEM_LIMIT || ops_limit == 0 {
        return Err(damaged(FORMAT, "impossible key-derivation settings"));
    }
    if mem_limit > MAX_MEM_LIMIT || mem_limit.saturating_mul(ops_limit) > MAX_WORK {
        return Err(InteropError::TooCostly { format: FORMAT });
    }
    let field = |text: &Text, what: &str| {
        text.get()
            .and_then(base64_decode)
            .ok_or_else(|| damaged(FORMAT, what))
    };
    let salt = field(&kdf.salt, "a bad salt")?;
    if salt.len() != 16 {
        return Err(damaged(FORMAT, "the salt is not 16 bytes"));
    }
    let header = field(&file.encryption_nonce, "a bad nonce")?;
    let sealed = field(&file.encrypted_data, "bad encrypted data")?;
    if header.len() != sodium::HEADER_BYTES {
        return Err(damaged(FORMAT, "the nonce is not 24 bytes"));
    }
    let key = sodium::pwhash_argon2id(
        password.expose().as_bytes(),
        &salt,
        u32::try_from(ops_limit).map_err(|_| InteropError::TooCostly { format: FORMAT })?,
        mem_limit,
    )
    .ok_or_else(|| damaged(FORMAT, "the key derivation failed"))?;
    match sodium::secretstream_open(&key, &header, &sealed) {
        Ok(plain) => Ok(plain),
        Err(OpenError::Forged) => Err(InteropError::WrongPassword { format: FORMAT }),
        Err(OpenError::Malformed) => Err(damaged(FORMAT, "the encrypted data is too short")),
        Err(OpenError::NotFinal) => Err(damaged(FORMAT, "the encrypted data is cut short")),
    }
}

/// Every link of a plain export, with what `codeDisplay` says about it.
fn links(text: &str, out: &mut Export) {
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let display = code_display(line).unwrap_or_default();
        let label = line_label(line);
        if display.trashed.is_true() {
            out.skipped.push(Skipped {
                label: crate::otp::Label::given(label),
                reason: SkipReason::Trashed,
            });
            continue;
        }
        let favourite = display.pinned.is_true();
        let notes = display.note.as_str().to_owned();
        let group = display
            .tags
            .items()
            .iter()
            .find_map(Text::get)
            .unwrap_or("")
            .to_owned();
        out.push_link(line, &label, group, favourite, notes);
    }
}

/// The decoded `codeDisplay` JSON of a link, if it has one.
fn code_display(link: &str) -> Option<Display> {
    let query = link.split_once('?')?.1;
    let raw = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("codeDisplay="))?;
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    serde_json::from_str::<Object<Display>>(&decoded)
        .ok()
        .and_then(|display| display.value)
}

/// The label part of a link, decoded, for the report.
fn line_label(link: &str) -> String {
    let path = link
        .split_once("://")
        .map_or(link, |(_, rest)| rest)
        .split('?')
        .next()
        .unwrap_or("");
    let label = path.split_once('/').map_or("", |(_, label)| label);
    percent_encoding::percent_decode_str(label)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_display_gives_favourite_group_note_and_trash() {
        let text = "otpauth://totp/Ex:me?secret=JBSWY3DPEHPK3PXP&issuer=Ex&codeDisplay=%7B%22pinned%22%3Atrue%2C%22trashed%22%3Afalse%2C%22tags%22%3A%5B%22Work%22%5D%2C%22note%22%3A%22hi%22%7D\n\
                    otpauth://totp/Old:x?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7B%22trashed%22%3Atrue%7D\n";
        assert!(looks_like_text(text));
        let mut out = Export {
            format: FORMAT,
            accounts: Vec::new(),
            skipped: Vec::new(),
        };
        links(text, &mut out);
        assert_eq!(out.accounts.len(), 1);
        let ex = &out.accounts[0];
        assert_eq!(
            (ex.account.issuer.as_str(), ex.account.name.as_str()),
            ("Ex", "me")
        );
        assert!(ex.favourite);
        assert_eq!(ex.group, "Work");
        assert_eq!(ex.notes, "hi");
        assert_eq!(out.skipped.len(), 1);
        assert_eq!(out.skipped[0].label.to_string(), "Old:x");
        assert_eq!(out.skipped[0].reason, SkipReason::Trashed);
    }
}
