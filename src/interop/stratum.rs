//! Authenticator Pro (renamed Stratum) backups (`.authpro`), read from the
//! app's `Backup` classes and Aegis' `StratumImporter`.
//!
//! Plain: `{"Authenticators": [{"Type", "Issuer", "Username", "Secret"
//! (base32), "Algorithm" (0 SHA1, 1 SHA256, 2 SHA512), "Digits", "Period",
//! "Counter", "Pin", "Ranking", …}], "Categories": [{"Id", "Name"}],
//! "AuthenticatorCategories": [{"CategoryId", "AuthenticatorSecret"}],
//! "CustomIcons": [...]}`. Types: 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex.
//! The first category an authenticator is bound to becomes its group.
//!
//! Encrypted: `AUTHENTICATORPRO` ‖ salt (16) ‖ nonce (12) ‖ AES-256-GCM
//! ciphertext and tag, under Argon2id v1.3 (64 MiB, 3 passes, 4 lanes).
//! Legacy encrypted: `AuthenticatorPro` ‖ salt (20) ‖ IV (16) ‖ AES-256-CBC
//! with PKCS#7 padding, under PBKDF2-HMAC-SHA1 (64,000 rounds). Both costs
//! are fixed in the app, not read from the file.

use serde_json::Value;

use super::{Export, Fields, Format, InteropError, damaged, number, text};
use crate::secret::Password;

const FORMAT: Format = Format::Stratum;
const MAGIC: &[u8; 16] = b"AUTHENTICATORPRO";
const MAGIC_LEGACY: &[u8; 16] = b"AuthenticatorPro";
const ARGON2_M_COST_KIB: u32 = 64 * 1024;
const ARGON2_T_COST: u32 = 3;
const ARGON2_LANES: u32 = 4;
const LEGACY_ROUNDS: u32 = 64_000;

pub(super) fn looks_like(value: &Value) -> bool {
    value.get("Authenticators").is_some_and(Value::is_array)
}

pub(super) fn looks_like_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC) || bytes.starts_with(MAGIC_LEGACY)
}

pub(super) fn read(
    bytes: &[u8],
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    if !looks_like_encrypted(bytes) {
        return entries(&super::json(bytes, FORMAT)?, out);
    }
    let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
    let plain = if bytes.starts_with(MAGIC) {
        decrypt(&bytes[MAGIC.len()..], password)?
    } else {
        decrypt_legacy(&bytes[MAGIC_LEGACY.len()..], password)?
    };
    // A legacy (unauthenticated) decryption with a wrong key can get past the
    // padding check by chance: anything that is not then JSON is a wrong password.
    let value: Value = serde_json::from_slice(&plain)
        .map_err(|_| InteropError::WrongPassword { format: FORMAT })?;
    entries(&value, out)
}

fn decrypt(rest: &[u8], password: &Password) -> Result<zeroize::Zeroizing<Vec<u8>>, InteropError> {
    if rest.len() < 16 + 12 + 16 {
        return Err(damaged(FORMAT, "the encrypted backup is cut short"));
    }
    let (salt, rest) = rest.split_at(16);
    let (nonce, sealed) = rest.split_at(12);
    let params = argon2::Params::new(ARGON2_M_COST_KIB, ARGON2_T_COST, ARGON2_LANES, Some(32))
        .map_err(|_| damaged(FORMAT, "the key derivation failed"))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(password.expose().as_bytes(), salt, key.as_mut())
        .map_err(|_| damaged(FORMAT, "the key derivation failed"))?;
    super::aes_gcm_open(key.as_ref(), nonce, sealed)
        .ok_or(InteropError::WrongPassword { format: FORMAT })
}

fn decrypt_legacy(
    rest: &[u8],
    password: &Password,
) -> Result<zeroize::Zeroizing<Vec<u8>>, InteropError> {
    use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
    if rest.len() < 20 + 16 + 16 || !(rest.len() - 36).is_multiple_of(16) {
        return Err(damaged(FORMAT, "the encrypted backup is cut short"));
    }
    let (salt, rest) = rest.split_at(20);
    let (iv, ciphertext) = rest.split_at(16);
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(
        password.expose().as_bytes(),
        salt,
        LEGACY_ROUNDS,
        key.as_mut(),
    );
    let iv: [u8; 16] = iv
        .try_into()
        .map_err(|_| damaged(FORMAT, "the IV is not 16 bytes"))?;
    let decryptor = cbc::Decryptor::<aes::Aes256>::new(&(*key).into(), &iv.into());
    decryptor
        .decrypt_padded_vec::<Pkcs7>(ciphertext)
        .map(zeroize::Zeroizing::new)
        .map_err(|_| InteropError::WrongPassword { format: FORMAT })
}

fn entries(value: &Value, out: &mut Export) -> Result<(), InteropError> {
    let list = value
        .get("Authenticators")
        .and_then(Value::as_array)
        .ok_or_else(|| damaged(FORMAT, "it has no list of authenticators"))?;
    let categories = value.get("Categories").and_then(Value::as_array);
    let bindings = value
        .get("AuthenticatorCategories")
        .and_then(Value::as_array);
    for entry in list {
        let secret = text(entry, "Secret");
        let kind = match number(entry, "Type", 2) {
            1 => "hotp",
            2 => "totp",
            3 => "motp",
            4 => "steam",
            5 => "yandex",
            _ => "unknown",
        };
        let algorithm = match number(entry, "Algorithm", 0) {
            0 => "SHA1",
            1 => "SHA256",
            2 => "SHA512",
            _ => "unknown",
        };
        let fields = Fields {
            issuer: text(entry, "Issuer"),
            name: text(entry, "Username"),
            kind,
            secret,
            algorithm,
            digits: number(entry, "Digits", 6),
            period: number(entry, "Period", 30),
            counter: number(entry, "Counter", 0),
        };
        let group = bindings
            .and_then(|list| {
                list.iter()
                    .find(|b| !secret.is_empty() && text(b, "AuthenticatorSecret") == secret)
            })
            .and_then(|binding| {
                let id = text(binding, "CategoryId");
                categories.and_then(|list| list.iter().find(|c| text(c, "Id") == id))
            })
            .map(|category| text(category, "Name").to_owned())
            .unwrap_or_default();
        out.push(&fields, group, false, String::new());
    }
    Ok(())
}
