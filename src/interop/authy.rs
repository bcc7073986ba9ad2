//! Authy's Android storage (`shared_prefs/com.authy.storage.tokens.
//! authenticator.xml` and `…tokens.authy.xml`; read from Aegis'
//! `AuthyImporter`; Authy never had an export). Each file is Android
//! SharedPreferences XML whose `…authenticator.key` or `…authy.key` string is
//! a JSON array of tokens:
//!
//! - third-party tokens: `name`, `originalName`, `originalIssuer`,
//!   `accountType`, `digits`, and either `decryptedSecret` (base32) or, in
//!   backups protected by the Authy backup password, `encryptedSecret`
//!   (base64) with a `salt` string: AES-256-CBC (PKCS#7, an all-zero IV) under
//!   PBKDF2-HMAC-SHA1(password, salt's UTF-8 bytes, 1,000 rounds), giving the
//!   base32 text of the secret. 30-second TOTP, SHA-1.
//! - Authy's own tokens: `secretSeed` (hex), `digits`, `name`: 10-second
//!   TOTP, SHA-1, named by `name` alone.
//!
//! The issuer is `originalIssuer`, else the part of `originalName` before
//! `:`, else the part of `name` before ` - `, else `accountType` capitalised;
//! that prefix is removed from the name.

use serde::Deserialize;

use super::de::{Given, List, Number, Object, Secret, Text};
use super::{
    Export, Fields, Format, InteropError, SkipReason, Skipped, base64_decode, damaged, hex, prefs,
};
use crate::otp::{Base32Error, encode_base32};
use crate::secret::Password;

const FORMAT: Format = Format::Authy;
const KEYS: [&str; 2] = [
    "com.authy.storage.tokens.authenticator.key",
    "com.authy.storage.tokens.authy.key",
];
const ROUNDS: u32 = 1000;

/// One token: a third-party one (`decryptedSecret` or `encryptedSecret`
/// with `salt`) or Authy's own (`secretSeed`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Token {
    name: Text,
    original_name: Text,
    original_issuer: Text,
    account_type: Text,
    digits: Number,
    pub(super) decrypted_secret: Secret,
    encrypted_secret: Given<Text>,
    salt: Text,
    pub(super) secret_seed: Secret,
}

super::de::secret_fields! {
    Token { decrypted_secret: Secret, secret_seed: Secret }
}

/// SharedPreferences XML with one of Authy's token keys.
pub(super) fn looks_like(text: &str) -> bool {
    prefs::looks_like(text)
        && prefs::values(text).is_ok_and(|entries| {
            entries
                .iter()
                .any(|(name, _)| KEYS.contains(&name.as_str()))
        })
}

pub(super) fn read(
    text: &str,
    password: Option<&Password>,
    out: &mut Export,
) -> Result<(), InteropError> {
    let entries = prefs::values(text).map_err(|e| damaged(FORMAT, &e))?;
    let (_, tokens) = entries
        .iter()
        .find(|(name, _)| KEYS.contains(&name.as_str()))
        .ok_or_else(|| damaged(FORMAT, "it holds no Authy tokens"))?;
    let tokens: List<Object<Token>> =
        serde_json::from_str(tokens).map_err(|_| damaged(FORMAT, "the token list is not JSON"))?;
    let tokens: Vec<Token> = tokens
        .0
        .ok_or_else(|| damaged(FORMAT, "the token list is not a list"))?
        .into_iter()
        .map(Object::or_empty)
        .collect();
    let encrypted = tokens.iter().any(|t| t.encrypted_secret.present);
    let password = match (encrypted, password) {
        (true, None) => return Err(InteropError::PasswordNeeded { format: FORMAT }),
        (_, password) => password,
    };
    for token in &tokens {
        push(token, password, out)?;
    }
    Ok(())
}

fn push(token: &Token, password: Option<&Password>, out: &mut Export) -> Result<(), InteropError> {
    let digits = token.digits.or(6);
    if let Some(seed) = token.secret_seed.get() {
        let issuer = token.name.as_str();
        let Some(seed) =
            hex(&zeroize::Zeroizing::new(seed.to_ascii_lowercase())).map(zeroize::Zeroizing::new)
        else {
            out.skipped.push(Skipped {
                label: crate::otp::Label::given(issuer.to_owned()),
                reason: SkipReason::Key(Base32Error::Empty),
            });
            return Ok(());
        };
        let secret = encode_base32(&seed);
        let fields = Fields {
            digits,
            period: 10,
            ..Fields::new(issuer, "", "totp", &secret)
        };
        out.push(&fields, String::new(), false, String::new());
        return Ok(());
    }
    let secret = match (token.encrypted_secret.value.get(), password) {
        (Some(sealed), Some(password)) => decrypt(sealed, token.salt.as_str(), password)?,
        _ => zeroize::Zeroizing::new(token.decrypted_secret.expose().to_owned()),
    };
    let (issuer, name) = names(token);
    let fields = Fields {
        digits,
        ..Fields::new(&issuer, &name, "totp", &secret)
    };
    out.push(&fields, String::new(), false, String::new());
    Ok(())
}

/// The issuer and the name without it.
fn names(token: &Token) -> (String, String) {
    let name = token.name.as_str();
    let (issuer, separator) = match (token.original_issuer.as_str(), token.original_name.as_str()) {
        (issuer, _) if !issuer.is_empty() => (issuer.to_owned(), ""),
        (_, original) if original.contains(':') => {
            (original.split(':').next().unwrap_or("").to_owned(), ":")
        }
        _ if name.contains(" - ") => (name.split(" - ").next().unwrap_or("").to_owned(), " - "),
        _ => {
            let kind = token.account_type.as_str();
            let mut chars = kind.chars();
            let capitalised = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            (capitalised, "")
        }
    };
    let rest = name.replace(&format!("{issuer}{separator}"), "");
    // What is left of "Issuer - name" or "Issuer: name" once the issuer is gone.
    let rest = rest.trim_start_matches([' ', '-', ':']).trim_end();
    (issuer, rest.to_owned())
}

fn decrypt(
    sealed: &str,
    salt: &str,
    password: &Password,
) -> Result<zeroize::Zeroizing<String>, InteropError> {
    use cbc::cipher::{BlockModeDecrypt, KeyIvInit, block_padding::Pkcs7};
    let sealed = base64_decode(sealed)
        .filter(|s| !s.is_empty() && s.len().is_multiple_of(16))
        .ok_or_else(|| damaged(FORMAT, "an encrypted secret is not whole blocks of base64"))?;
    let mut key = zeroize::Zeroizing::new([0u8; 32]);
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(
        password.expose().as_bytes(),
        salt.as_bytes(),
        ROUNDS,
        key.as_mut(),
    );
    let plain = cbc::Decryptor::<aes::Aes256>::new(&(*key).into(), &[0u8; 16].into())
        .decrypt_padded_vec::<Pkcs7>(&sealed)
        .map(zeroize::Zeroizing::new)
        .map_err(|_| InteropError::WrongPassword { format: FORMAT })?;
    // A wrong key can get past the padding by chance; the text is then not base32.
    let text = std::str::from_utf8(&plain)
        .ok()
        .filter(|t| crate::otp::decode_base32(t).is_ok())
        .ok_or(InteropError::WrongPassword { format: FORMAT })?;
    Ok(zeroize::Zeroizing::new(text.to_owned()))
}
