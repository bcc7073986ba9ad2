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

use serde::Deserialize;

use super::de::{List, Number, Object, Secret, Text};
use super::{Export, Fields, Format, InteropError, damaged};
use crate::secret::Password;

const FORMAT: Format = Format::Stratum;
const MAGIC: &[u8; 16] = b"AUTHENTICATORPRO";
const MAGIC_LEGACY: &[u8; 16] = b"AuthenticatorPro";
const ARGON2_M_COST_KIB: u32 = 64 * 1024;
const ARGON2_T_COST: u32 = 3;
const ARGON2_LANES: u32 = 4;
const LEGACY_ROUNDS: u32 = 64_000;

/// A backup (or the app's database, renamed to the backup's fields).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Backup {
    #[serde(rename = "Authenticators")]
    pub(super) authenticators: List<Object<Authenticator>>,
    #[serde(rename = "Categories")]
    pub(super) categories: List<Object<Category>>,
    #[serde(rename = "AuthenticatorCategories")]
    pub(super) bindings: List<Object<Binding>>,
}

/// One authenticator: type and algorithm are numbers (see the module).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct Authenticator {
    pub(super) r#type: Number,
    pub(super) issuer: Text,
    pub(super) username: Text,
    pub(super) secret: Secret,
    pub(super) algorithm: Number,
    pub(super) digits: Number,
    pub(super) period: Number,
    pub(super) counter: Number,
}

/// A category: its id and name.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct Category {
    pub(super) id: Text,
    pub(super) name: Text,
}

/// An authenticator's place in a category, by its secret.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub(super) struct Binding {
    pub(super) category_id: Text,
    pub(super) authenticator_secret: Secret,
}

super::de::secret_fields! {
    Authenticator { secret: Secret }
    Binding { authenticator_secret: Secret }
}

pub(super) fn looks_like_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC) || bytes.starts_with(MAGIC_LEGACY)
}

pub(super) fn read(
    bytes: &[u8],
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    if super::database::is_database(bytes) {
        return super::database::read_stratum(bytes, out);
    }
    if !looks_like_encrypted(bytes) {
        let backup: Object<Backup> = super::de::from_file(bytes, FORMAT)?;
        return entries(backup.or_empty(), out);
    }
    let password = password.ok_or(InteropError::PasswordNeeded { format: FORMAT })?;
    let plain = if bytes.starts_with(MAGIC) {
        decrypt(&bytes[MAGIC.len()..], password)?
    } else {
        decrypt_legacy(&bytes[MAGIC_LEGACY.len()..], password)?
    };
    // A legacy (unauthenticated) decryption with a wrong key can get past the
    // padding check by chance: anything that is not then JSON is a wrong password.
    let backup: Object<Backup> = serde_json::from_slice(&plain)
        .map_err(|_| InteropError::WrongPassword { format: FORMAT })?;
    entries(backup.or_empty(), out)
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

pub(super) fn entries(backup: Backup, out: &mut Export) -> Result<(), InteropError> {
    let list = backup
        .authenticators
        .0
        .ok_or_else(|| damaged(FORMAT, "it has no list of authenticators"))?;
    let categories = backup.categories.0.as_deref();
    let bindings = backup.bindings.0.as_deref();
    for entry in list {
        let entry = entry.or_empty();
        let secret = entry.secret.expose();
        let kind = match entry.r#type.or(2) {
            1 => "hotp",
            2 => "totp",
            3 => "motp",
            4 => "steam",
            5 => "yandex",
            _ => "unknown",
        };
        let algorithm = match entry.algorithm.or(0) {
            0 => "SHA1",
            1 => "SHA256",
            2 => "SHA512",
            _ => "unknown",
        };
        let fields = Fields {
            issuer: entry.issuer.as_str(),
            name: entry.username.as_str(),
            kind,
            secret,
            algorithm,
            digits: entry.digits.or(6),
            period: entry.period.or(30),
            counter: entry.counter.or(0),
        };
        let group = bindings
            .and_then(|list| {
                list.iter().find_map(|b| {
                    let b = b.value.as_ref();
                    let bound = b.map_or("", |b| b.authenticator_secret.expose());
                    (!secret.is_empty() && bound == secret)
                        .then(|| b.map_or("", |b| b.category_id.as_str()))
                })
            })
            .and_then(|id| {
                categories.and_then(|list| {
                    list.iter().find_map(|c| {
                        let c = c.value.as_ref();
                        (c.map_or("", |c| c.id.as_str()) == id)
                            .then(|| c.map_or("", |c| c.name.as_str()))
                    })
                })
            })
            .map(str::to_owned)
            .unwrap_or_default();
        out.push(&fields, group, false, String::new());
    }
    Ok(())
}
