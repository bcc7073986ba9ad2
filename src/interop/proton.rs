//! Proton Authenticator's export (its `proton-authenticator` Rust core,
//! `entry/exporter.rs` and `entry/password_exporter.rs`).
//!
//! Plain: `{"version": 1, "entries": [{"id", "content": {"uri", "entry_type":
//! "Totp" | "Steam", "name"}, "note"}]}`, where `uri` is an `otpauth://` link
//! or `steam://KEY` and `name` the account's label.
//!
//! Encrypted: `{"version": 1, "salt": base64(16 bytes), "content":
//! base64(nonce ‖ ciphertext ‖ tag)}`: AES-256-GCM with the associated data
//! `proton.authenticator.export.v1` under Argon2id v1.3 (19 MiB, 2 passes, one
//! lane) of the password. The costs are fixed in the app, not in the file.

use serde::Deserialize;

use super::de::{Given, List, Object, Secret, Text, Version};
use super::{Export, Format, InteropError, base64_decode, damaged};
use crate::secret::Password;

const FORMAT: Format = Format::Proton;
const AAD: &[u8] = b"proton.authenticator.export.v1";
const M_COST_KIB: u32 = 19 * 1024;
const T_COST: u32 = 2;

/// The export: plain (`entries`) or encrypted (`salt` and `content`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct File {
    version: Version,
    entries: Given<List<Object<Entry>>>,
    salt: Text,
    /// The encrypted export's sealed entries, in base64.
    content: Given<Text>,
}

/// One entry: its link and name, and a note.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Entry {
    pub(super) content: Object<Content>,
    note: Text,
}

/// An entry's `content`: the `otpauth://` link or `steam://KEY`, and the
/// account's label (`entry_type` follows from the link).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Content {
    pub(super) uri: Secret,
    name: Text,
}

super::de::secret_fields! {
    Content { uri: Secret }
}

/// The decrypted export: its entries.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Inner {
    entries: List<Object<Entry>>,
}

pub(super) fn read(
    file: File,
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    if !file.entries.present && !file.content.present {
        return Err(damaged(
            FORMAT,
            "it has neither entries nor encrypted content",
        ));
    }
    if file.version.or(0) != 1 {
        return Err(InteropError::UnknownVersion {
            format: FORMAT,
            found: file.version.shown().to_owned(),
        });
    }
    if file.entries.present {
        return entries(file.entries.value, out);
    }
    let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
    let salt = base64_decode(file.salt.as_str())
        .filter(|salt| salt.len() == 16)
        .ok_or_else(|| damaged(FORMAT, "the salt is not 16 bytes of base64"))?;
    let sealed = base64_decode(file.content.value.as_str())
        .filter(|sealed| sealed.len() >= 12 + 16)
        .ok_or_else(|| damaged(FORMAT, "the encrypted content is missing or too short"))?;
    let params = argon2::Params::new(M_COST_KIB, T_COST, 1, Some(32))
        .map_err(|_| damaged(FORMAT, "the key derivation failed"))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(password.expose().as_bytes(), &salt, key.as_mut())
        .map_err(|_| damaged(FORMAT, "the key derivation failed"))?;
    let plain =
        open(key.as_ref(), &sealed).ok_or(InteropError::WrongPassword { format: FORMAT })?;
    let inner: Object<Inner> = serde_json::from_slice(&plain)
        .map_err(|_| damaged(FORMAT, "the decrypted export is not JSON"))?;
    entries(inner.or_empty().entries, out)
}

/// AES-256-GCM with Proton's associated data; the nonce leads.
fn open(key: &[u8], sealed: &[u8]) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    let (nonce, body) = sealed.split_at(12);
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(key).ok()?;
    cipher
        .decrypt(
            aes_gcm::Nonce::from_slice(nonce),
            Payload {
                msg: body,
                aad: AAD,
            },
        )
        .ok()
        .map(zeroize::Zeroizing::new)
}

fn entries(list: List<Object<Entry>>, out: &mut Export) -> Result<(), InteropError> {
    let list = list
        .0
        .ok_or_else(|| damaged(FORMAT, "the entries are not a list"))?;
    for entry in list {
        let entry = entry.or_empty();
        let content = entry.content.or_empty();
        out.push_link(
            content.uri.expose(),
            content.name.as_str(),
            String::new(),
            false,
            entry.note.as_str().to_owned(),
        );
    }
    Ok(())
}
