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

use serde_json::Value;

use super::{Export, Format, InteropError, base64_decode, damaged, number, text};
use crate::secret::Password;

const FORMAT: Format = Format::Proton;
const AAD: &[u8] = b"proton.authenticator.export.v1";
const M_COST_KIB: u32 = 19 * 1024;
const T_COST: u32 = 2;

pub(super) fn looks_like(value: &Value) -> bool {
    let entries = value.get("entries").and_then(Value::as_array);
    let plain = entries.is_some_and(|list| {
        list.iter()
            .all(|e| e.get("content").is_some_and(|c| c.get("uri").is_some()))
    });
    let encrypted = value.get("salt").is_some_and(Value::is_string)
        && value.get("content").is_some_and(Value::is_string)
        && value.get("version").is_some();
    (plain && value.get("version").is_some()) || encrypted
}

pub(super) fn read(
    value: &Value,
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    if value.get("entries").is_none() && value.get("content").is_none() {
        return Err(damaged(
            FORMAT,
            "it has neither entries nor encrypted content",
        ));
    }
    if number(value, "version", 0) != 1 {
        return Err(InteropError::UnknownVersion {
            format: FORMAT,
            found: value.get("version").unwrap_or(&Value::Null).to_string(),
        });
    }
    if value.get("entries").is_some() {
        return entries(value, out);
    }
    let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
    let salt = base64_decode(text(value, "salt"))
        .filter(|salt| salt.len() == 16)
        .ok_or_else(|| damaged(FORMAT, "the salt is not 16 bytes of base64"))?;
    let sealed = base64_decode(text(value, "content"))
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
    let inner: Value = serde_json::from_slice(&plain)
        .map_err(|_| damaged(FORMAT, "the decrypted export is not JSON"))?;
    entries(&inner, out)
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

fn entries(value: &Value, out: &mut Export) -> Result<(), InteropError> {
    let list = value
        .get("entries")
        .and_then(Value::as_array)
        .ok_or_else(|| damaged(FORMAT, "the entries are not a list"))?;
    for entry in list {
        let content = entry.get("content").unwrap_or(&Value::Null);
        let name = text(content, "name");
        out.push_link(
            text(content, "uri"),
            name,
            String::new(),
            false,
            text(entry, "note").to_owned(),
        );
    }
    Ok(())
}
