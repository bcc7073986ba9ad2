//! Other authenticators' export files: Aegis (plain and password-encrypted),
//! 2FAS (plain and password-encrypted), andOTP (plain), FreeOTP+ (JSON) and
//! Bitwarden (plain JSON). Each becomes a list of accounts with the metadata Tessera keeps
//! (group, favourite, notes); entries that cannot be used are listed with the
//! reason instead of failing the whole file.
//!
//! No I/O: callers hand in the file's bytes and, for encrypted files, the
//! password. Detection looks at the JSON's shape, never the file name.
//! `docs/interop.md` records each format and what is kept of it.

mod aegis;
mod andotp;
mod bitwarden;
mod freeotp;
mod twofas;

use serde_json::Value;
use thiserror::Error;

use crate::otp::{
    Account, Algorithm, Base32Error, Kind, Params, ParamsError, UriError, decode_base32,
};
use crate::secret::Password;

/// Export files larger than this are refused (real exports are kilobytes).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// An export format Tessera reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Aegis Authenticator's JSON vault export.
    Aegis,
    /// 2FAS Authenticator's `.2fas` backup.
    TwoFas,
    /// andOTP's JSON backup.
    AndOtp,
    /// Bitwarden's JSON export (the `login.totp` fields).
    Bitwarden,
    /// FreeOTP+'s JSON backup.
    FreeOtp,
}

impl Format {
    /// The app's name, for messages.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Aegis => "Aegis",
            Self::TwoFas => "2FAS",
            Self::AndOtp => "andOTP",
            Self::Bitwarden => "Bitwarden",
            Self::FreeOtp => "FreeOTP+",
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One account from an export, with the metadata Tessera keeps: the vault's
/// [`NewEntry`](crate::vault::NewEntry), under the name export readers use.
pub type Imported = crate::vault::NewEntry;

/// An entry of the export that was left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Issuer and name as the export gave them.
    pub label: String,
    /// Why.
    pub reason: SkipReason,
}

/// Why an export entry cannot be an account.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum SkipReason {
    /// mOTP, Yandex and other kinds Tessera does not generate.
    #[error("its type {0:?} is not one Tessera generates (TOTP, HOTP and Steam are)")]
    Type(String),
    /// MD5 or another hash Tessera does not use.
    #[error("it uses the {0} algorithm, which Tessera does not")]
    Algorithm(String),
    /// The key is not base32.
    #[error(transparent)]
    Key(#[from] Base32Error),
    /// The parameters cannot give codes.
    #[error(transparent)]
    Params(#[from] ParamsError),
    /// Its `otpauth://` link is not usable.
    #[error(transparent)]
    Link(#[from] UriError),
}

/// What an export file held.
#[derive(Debug)]
pub struct Export {
    /// The format it was read as.
    pub format: Format,
    /// The usable accounts, in the file's order.
    pub accounts: Vec<Imported>,
    /// The entries left out.
    pub skipped: Vec<Skipped>,
}

/// Why an export file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InteropError {
    /// The file is encrypted and no password was given.
    #[error("this {format} export is encrypted; it needs the password it was exported with")]
    PasswordNeeded {
        /// The format.
        format: Format,
    },
    /// The password does not decrypt it.
    #[error(
        "the password does not decrypt this {format} export; use the password chosen when exporting (it may differ from the app's unlock password)"
    )]
    WrongPassword {
        /// The format.
        format: Format,
    },
    /// The file has the format's shape but its content is broken.
    #[error("this {format} export is damaged ({detail}); export it from {format} again")]
    Damaged {
        /// The format.
        format: Format,
        /// What is wrong (never secret content).
        detail: String,
    },
    /// An encryption Tessera does not read.
    #[error("{what}; export from {format} again without a password (or as otpauth:// links)")]
    Unsupported {
        /// The format.
        format: Format,
        /// What is not supported.
        what: String,
    },
    /// The key-derivation settings in the file would take too much memory or time.
    #[error(
        "this {format} export asks for more memory or time to check its password than Tessera allows; it is damaged or was not made by {format}"
    )]
    TooCostly {
        /// The format.
        format: Format,
    },
    /// Larger than any real export.
    #[error("this file is {len} bytes, larger than any authenticator export Tessera reads")]
    TooLarge {
        /// The file's size.
        len: usize,
    },
}

/// The format of an export file, when it is one Tessera reads.
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if bytes.len() > MAX_FILE_BYTES {
        return None;
    }
    let start = bytes.iter().find(|b| !b.is_ascii_whitespace())?;
    if *start != b'{' && *start != b'[' {
        return None;
    }
    let value: Value = serde_json::from_slice(bytes).ok()?;
    if aegis::looks_like(&value) {
        Some(Format::Aegis)
    } else if twofas::looks_like(&value) {
        Some(Format::TwoFas)
    } else if andotp::looks_like(&value) {
        Some(Format::AndOtp)
    } else if bitwarden::looks_like(&value) {
        Some(Format::Bitwarden)
    } else if freeotp::looks_like(&value) {
        Some(Format::FreeOtp)
    } else {
        None
    }
}

/// Reads an export file of `format`; `password` decrypts encrypted ones.
pub fn read(
    bytes: &[u8],
    format: Format,
    password: Option<&Password>,
) -> Result<Export, InteropError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(InteropError::TooLarge { len: bytes.len() });
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| InteropError::Damaged {
        format,
        detail: format!("not valid JSON: line {}, column {}", e.line(), e.column()),
    })?;
    let mut out = Export {
        format,
        accounts: Vec::new(),
        skipped: Vec::new(),
    };
    match format {
        Format::Aegis => aegis::read(&value, password, &mut out)?,
        Format::TwoFas => twofas::read(&value, password, &mut out)?,
        Format::AndOtp => andotp::read(&value, &mut out)?,
        Format::Bitwarden => bitwarden::read(&value, &mut out)?,
        Format::FreeOtp => freeotp::read(&value, &mut out)?,
    }
    Ok(out)
}

/// The fields every format has, in the words of the exporting app.
struct Fields<'a> {
    issuer: &'a str,
    name: &'a str,
    kind: &'a str,
    secret: &'a str,
    algorithm: &'a str,
    digits: u64,
    period: u64,
    counter: u64,
}

impl Fields<'_> {
    fn label(&self) -> String {
        match (self.issuer.is_empty(), self.name.is_empty()) {
            (false, false) => format!("{} ({})", self.issuer, self.name),
            (false, true) => self.issuer.to_owned(),
            (true, false) => self.name.to_owned(),
            (true, true) => String::from("an unnamed entry"),
        }
    }

    /// The account, or why it cannot be one.
    fn account(&self) -> Result<Account, SkipReason> {
        let kind = match self.kind.to_ascii_lowercase().as_str() {
            "totp" => Kind::Totp,
            "hotp" => Kind::Hotp,
            "steam" => Kind::Steam,
            other => return Err(SkipReason::Type(other.to_owned())),
        };
        let algorithm = match self
            .algorithm
            .to_ascii_uppercase()
            .replace('-', "")
            .as_str()
        {
            "" | "SHA1" => Algorithm::Sha1,
            "SHA256" => Algorithm::Sha256,
            "SHA512" => Algorithm::Sha512,
            other => return Err(SkipReason::Algorithm(other.to_owned())),
        };
        let secret = decode_base32(self.secret)?;
        let params = match kind {
            Kind::Steam => Params::steam(),
            Kind::Totp | Kind::Hotp => Params {
                kind,
                algorithm,
                digits: u8::try_from(self.digits).unwrap_or(u8::MAX),
                period: u32::try_from(self.period).unwrap_or(u32::MAX),
                counter: self.counter,
            },
        };
        Ok(Account::new(self.issuer, self.name, secret, params)?)
    }
}

impl Export {
    /// Adds one entry, or records why it was left out.
    fn push(&mut self, fields: &Fields<'_>, group: String, favourite: bool, notes: String) {
        match fields.account() {
            Ok(account) => self.accounts.push(Imported {
                account,
                group,
                favourite,
                notes,
            }),
            Err(reason) => self.skipped.push(Skipped {
                label: fields.label(),
                reason,
            }),
        }
    }
}

/// A string field, or "".
fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A number field (numbers or numeric strings), or `default`.
fn number(value: &Value, key: &str, default: u64) -> u64 {
    match value.get(key) {
        Some(Value::Number(n)) => n.as_u64().unwrap_or(u64::MAX),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(u64::MAX),
        _ => default,
    }
}

/// Lower-case hex to bytes.
fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// AES-256-GCM decryption of `sealed` (ciphertext with its 16-byte tag).
fn aes_gcm_open(key: &[u8], nonce: &[u8], sealed: &[u8]) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    use aes_gcm::aead::{Aead, KeyInit};
    if nonce.len() != 12 {
        return None;
    }
    let cipher = aes_gcm::Aes256Gcm::new_from_slice(key).ok()?;
    cipher
        .decrypt(aes_gcm::Nonce::from_slice(nonce), sealed)
        .ok()
        .map(zeroize::Zeroizing::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_decodes_and_refuses_odd_or_bad_input() {
        assert_eq!(hex("00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(hex("0"), None);
        assert_eq!(hex("zz"), None);
    }

    #[test]
    fn text_that_is_not_an_export_is_not_detected() {
        assert_eq!(detect(b"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"), None);
        assert_eq!(detect(b"{\"hello\": 1}"), None);
        assert_eq!(detect(b"\x89PNG\r\n"), None);
        assert_eq!(detect(b"[1, 2, 3]"), None);
    }

    #[test]
    fn unusable_entries_say_why() {
        let fields = Fields {
            issuer: "Bank",
            name: "me",
            kind: "motp",
            secret: "JBSWY3DPEHPK3PXP",
            algorithm: "SHA1",
            digits: 6,
            period: 30,
            counter: 0,
        };
        let err = fields.account().unwrap_err().to_string();
        assert!(err.contains("\"motp\""), "{err}");
        let md5 = Fields {
            kind: "totp",
            algorithm: "MD5",
            ..fields
        };
        assert!(md5.account().unwrap_err().to_string().contains("MD5"));
    }
}
