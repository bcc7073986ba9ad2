//! TOTP Authenticator (Binary Beast, `com.authenticator.authservice2`),
//! read from Aegis' `TotpAuthenticatorImporter` and the two files in its
//! tests:
//!
//! - the backup (`.bin`, `.txt`): base64 text of AES-256-CBC (PKCS#7, an
//!   all-zero IV) under SHA-256 of the password's UTF-8 bytes. When the
//!   person set no password the app uses its own, `TotpAuthenticator`, so
//!   that one is tried first when none is given. The plaintext is a JSON
//!   object whose first (only) key is the account list as JSON text, and
//!   whose value is the backup time.
//! - the app's preferences (`shared_prefs/TOTP_Authenticator_Preferences.xml`):
//!   the same list, unencrypted, under `STATIC_TOTP_CODES_LIST`.
//!
//! Each account: `issuer`, `name`, `key` in the base `base` says (16, 32 or
//! 64), `digits` and `period` (numbers written as strings), `isFavorite`.
//! Aegis ignores `digits` and `period` (its comment says the app has no
//! such settings), but the app writes them, so they are read here; SHA-1
//! always. The app stores names lower-cased; they are kept as they are.
//!
//! SHA-256 of a password is no key derivation to speak of: there is no cost
//! to bound, and a wrong password is noticed by the padding or, past it by
//! chance, by the plaintext not being the JSON above.

use serde::Deserialize;
use zeroize::Zeroizing;

use super::de::{FirstMember, Flag, List, Number, Object, Secret, Text};
use super::{
    Export, Fields, Format, InteropError, SkipReason, Skipped, base64_decode, damaged, hex, prefs,
};

use crate::otp::encode_base32;
use crate::secret::Password;

const FORMAT: Format = Format::TotpAuthenticator;
const LIST: &str = "STATIC_TOTP_CODES_LIST";
/// The password the app encrypts with when the person chose none.
const DEFAULT_PASSWORD: &str = "TotpAuthenticator";
/// The least a backup decodes to: two AES blocks (one account is ~400 bytes).
const MIN_SEALED: usize = 32;

/// One account of the list.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Account {
    issuer: Text,
    name: Text,
    /// The key, in the base `base` names.
    pub(super) key: Secret,
    base: Number,
    digits: Number,
    period: Number,
    #[serde(rename = "isFavorite")]
    is_favorite: Flag,
}

super::de::secret_fields! {
    Account { key: Secret }
}

/// The account list (as JSON text in the preferences and the backup).
type Accounts = List<Object<Account>>;

/// The app's preferences with the account list.
pub(super) fn looks_like_xml(text: &str) -> bool {
    prefs::looks_like(text)
        && prefs::values(text).is_ok_and(|entries| entries.iter().any(|(name, _)| name == LIST))
}

/// Base64 text of whole AES blocks, at least a few of them, with the lower
/// case letters base64 of random bytes always has (a long base32 key alone
/// in a file has none).
pub(super) fn looks_like_backup(text: &str) -> bool {
    let body = text.trim();
    body.len() >= 4 * MIN_SEALED / 3
        && body.bytes().any(|b| b.is_ascii_lowercase())
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=\r\n".contains(&b))
        && base64_decode(&strip(body)).is_some_and(|bytes| bytes.len().is_multiple_of(16))
}

pub(super) fn read(
    bytes: &[u8],
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    let text = std::str::from_utf8(bytes).map_err(|_| damaged(FORMAT, "it is not text"))?;
    let text = text.trim_start_matches('\u{feff}');
    if prefs::looks_like(text) {
        let entries = prefs::values(text).map_err(|e| damaged(FORMAT, &e))?;
        let (_, list) = entries
            .iter()
            .find(|(name, _)| name == LIST)
            .ok_or_else(|| damaged(FORMAT, "it holds no account list"))?;
        let list: Accounts = serde_json::from_str(list)
            .map_err(|_| damaged(FORMAT, "the account list is not JSON"))?;
        return accounts(list, out);
    }
    let sealed = base64_decode(&strip(text))
        .ok_or_else(|| damaged(FORMAT, "the backup is not base64 text"))?;
    if sealed.len() < MIN_SEALED || !sealed.len().is_multiple_of(16) {
        return Err(damaged(FORMAT, "the backup is cut short"));
    }
    let plain = match password {
        Some(password) => decrypt(&sealed, password.expose())
            .or_else(|| decrypt(&sealed, DEFAULT_PASSWORD))
            .ok_or(InteropError::WrongPassword { format: FORMAT })?,
        None => decrypt(&sealed, DEFAULT_PASSWORD)
            .ok_or(InteropError::PasswordNeeded { format: FORMAT })?,
    };
    accounts(plain, out)
}

/// The account list of a backup opened with `password`, or `None` when the
/// password does not open it.
fn decrypt(sealed: &[u8], password: &str) -> Option<Accounts> {
    use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
    use sha2::Digest as _;
    let key = Zeroizing::new(<[u8; 32]>::from(sha2::Sha256::digest(password.as_bytes())));
    let plain = cbc::Decryptor::<aes::Aes256>::new(&(*key).into(), &[0u8; 16].into())
        .decrypt_padded_vec::<Pkcs7>(sealed)
        .map(zeroize::Zeroizing::new)
        .ok()?;
    // `{"<the list as JSON text>": "<backup time>"}`
    let outer: FirstMember = serde_json::from_slice(&plain).ok()?;
    serde_json::from_str(outer.0?.expose()).ok()
}

fn accounts(list: Accounts, out: &mut Export) -> Result<(), InteropError> {
    let list = list
        .0
        .ok_or_else(|| damaged(FORMAT, "the account list is not a list"))?;
    for entry in list {
        let entry = entry.or_empty();
        let (issuer, name) = (entry.issuer.as_str(), entry.name.as_str());
        let key = entry.key.expose();
        let base = entry.base.or(16);
        let secret = match base {
            16 => hex(&Zeroizing::new(key.to_ascii_lowercase()))
                .map(|bytes| encode_base32(&Zeroizing::new(bytes))),
            32 => Some(Zeroizing::new(key.to_owned())),
            64 => base64_decode(key).map(|bytes| encode_base32(&bytes)),
            _ => None,
        };
        let Some(secret) = secret else {
            out.skipped.push(Skipped {
                label: super::label(issuer, name),
                reason: SkipReason::KeyEncoding(match base {
                    16 => String::from("hex"),
                    64 => String::from("base64"),
                    base => format!("base {base}"),
                }),
            });
            continue;
        };
        let fields = Fields {
            digits: entry.digits.or(6),
            period: entry.period.or(30),
            ..Fields::new(issuer, name, "totp", &secret)
        };
        out.push(
            &fields,
            String::new(),
            entry.is_favorite.is_true(),
            String::new(),
        );
    }
    Ok(())
}

/// The text without line breaks (Android's base64 may wrap its lines), in
/// a buffer that is wiped (without a password the backup opens with the
/// app's own).
fn strip(text: &str) -> Zeroizing<String> {
    let mut out = Zeroizing::new(String::with_capacity(text.len()));
    out.extend(text.chars().filter(|c| !c.is_ascii_whitespace()));
    out
}
