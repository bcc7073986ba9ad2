//! One-time codes: TOTP (RFC 6238), HOTP (RFC 4226) and Steam Guard, the
//! `otpauth://` Key URI format, and Google Authenticator's
//! `otpauth-migration://` export payloads.
//!
//! This module knows nothing of files or the GUI. Every function takes the
//! time it needs as a [`Timestamp`].

mod base32;
mod error;
pub mod migration;
pub mod payload;
mod uri;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use self::base32::{decode as decode_base32, encode as encode_base32};
pub use self::error::{Base32Error, ParamsError, UriError};
use crate::clock::Timestamp;
use crate::secret::SecretBytes;

/// The characters of a Steam Guard code, indexed by value.
const STEAM_ALPHABET: &[u8; 26] = b"23456789BCDFGHJKMNPQRTVWXY";

/// Digits of a Steam Guard code.
pub const STEAM_DIGITS: u8 = 5;
/// Period of Steam Guard codes and the default TOTP period, in seconds.
pub const DEFAULT_PERIOD: u32 = 30;
/// The default number of digits.
pub const DEFAULT_DIGITS: u8 = 6;
/// The digit counts accepted for TOTP and HOTP.
pub const DIGITS_RANGE: std::ops::RangeInclusive<u8> = 6..=8;

/// How codes are derived from the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Time-based (RFC 6238): a new code every period.
    Totp,
    /// Counter-based (RFC 4226): a new code each time the counter advances.
    Hotp,
    /// Steam Guard: TOTP with SHA-1, 30 s, shown as 5 characters from Steam's alphabet.
    Steam,
}

impl Kind {
    /// The lowercase name used in URIs and JSON (`totp`, `hotp`, `steam`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Totp => "totp",
            Self::Hotp => "hotp",
            Self::Steam => "steam",
        }
    }

    /// True when codes depend on time rather than a counter.
    pub const fn is_time_based(self) -> bool {
        !matches!(self, Self::Hotp)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The HMAC hash function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Algorithm {
    /// HMAC-SHA1, what nearly every dashboard uses.
    #[default]
    Sha1,
    /// HMAC-SHA256.
    Sha256,
    /// HMAC-SHA512.
    Sha512,
}

impl Algorithm {
    /// The name used in URIs and JSON (`SHA1`, `SHA256`, `SHA512`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
            Self::Sha512 => "SHA512",
        }
    }

    /// Reads `SHA1`, `sha256`, `SHA-512`... in any case, with or without the hyphen.
    pub fn parse(text: &str) -> Option<Self> {
        let name: String = text
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .collect::<String>()
            .to_ascii_uppercase();
        match name.as_str() {
            "SHA1" => Some(Self::Sha1),
            "SHA256" => Some(Self::Sha256),
            "SHA512" => Some(Self::Sha512),
            _ => None,
        }
    }

    fn to_totp_rs(self) -> totp_rs::Algorithm {
        match self {
            Self::Sha1 => totp_rs::Algorithm::SHA1,
            Self::Sha256 => totp_rs::Algorithm::SHA256,
            Self::Sha512 => totp_rs::Algorithm::SHA512,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything about an account's codes except the key.
///
/// `period` matters for time-based kinds and `counter` for HOTP; the other
/// field keeps its default so that two equal configurations compare equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Params {
    /// TOTP, HOTP or Steam.
    pub kind: Kind,
    /// The HMAC hash (always SHA-1 for Steam).
    pub algorithm: Algorithm,
    /// Code length: 6 to 8 for TOTP and HOTP, 5 for Steam.
    pub digits: u8,
    /// Seconds per code for time-based kinds (at least 1).
    pub period: u32,
    /// The HOTP counter: the code shown is the one for this value.
    pub counter: u64,
}

impl Default for Params {
    fn default() -> Self {
        Self::totp()
    }
}

impl Params {
    /// TOTP with SHA-1, 6 digits, 30 seconds: what dashboards issue by default.
    pub const fn totp() -> Self {
        Self {
            kind: Kind::Totp,
            algorithm: Algorithm::Sha1,
            digits: DEFAULT_DIGITS,
            period: DEFAULT_PERIOD,
            counter: 0,
        }
    }

    /// HOTP with SHA-1, 6 digits, starting at `counter`.
    pub const fn hotp(counter: u64) -> Self {
        Self {
            kind: Kind::Hotp,
            counter,
            ..Self::totp()
        }
    }

    /// Steam Guard: SHA-1, 5 characters, 30 seconds.
    pub const fn steam() -> Self {
        Self {
            kind: Kind::Steam,
            digits: STEAM_DIGITS,
            ..Self::totp()
        }
    }

    /// Checks the combination; every code-generating path calls this first.
    pub fn validate(&self) -> Result<(), ParamsError> {
        match self.kind {
            Kind::Steam => {
                if self.algorithm != Algorithm::Sha1
                    || self.digits != STEAM_DIGITS
                    || self.period != DEFAULT_PERIOD
                {
                    return Err(ParamsError::SteamIsFixed);
                }
            }
            Kind::Totp | Kind::Hotp => {
                if !DIGITS_RANGE.contains(&self.digits) {
                    return Err(ParamsError::DigitsOutOfRange {
                        found: u64::from(self.digits),
                    });
                }
                if self.kind == Kind::Totp && self.period == 0 {
                    return Err(ParamsError::ZeroPeriod);
                }
            }
        }
        Ok(())
    }
}

/// An account as a dashboard hands it out: who issued it, for whom, the key
/// and how to turn the key into codes.
#[derive(Clone, PartialEq, Eq)]
pub struct Account {
    /// The service, e.g. `ACME Cloud` (may be empty).
    pub issuer: String,
    /// The user's name at that service, e.g. `joão@exemplo.com.br` (may be empty).
    pub name: String,
    /// The shared key (raw bytes, not base32).
    pub secret: SecretBytes,
    /// Kind, algorithm, digits, period or counter.
    pub params: Params,
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account")
            .field("issuer", &self.issuer)
            .field("name", &self.name)
            .field("secret", &self.secret)
            .field("params", &self.params)
            .finish()
    }
}

impl Account {
    /// Builds an account after checking the parameters and the key.
    ///
    /// Surrounding whitespace of issuer and name is not meaningful and is trimmed.
    pub fn new(
        issuer: &str,
        name: &str,
        secret: SecretBytes,
        params: Params,
    ) -> Result<Self, ParamsError> {
        params.validate()?;
        if secret.is_empty() {
            return Err(ParamsError::EmptySecret);
        }
        Ok(Self {
            issuer: issuer.trim().to_owned(),
            name: name.trim().to_owned(),
            secret,
            params,
        })
    }

    /// Parses an `otpauth://` URI (see [`UriError`] for what is refused).
    pub fn from_uri(text: &str) -> Result<Self, UriError> {
        uri::parse(text)
    }

    /// Formats this account as an `otpauth://` URI, key included.
    pub fn to_uri(&self) -> crate::secret::SecretText {
        uri::format(self)
    }

    /// The code for `at` (TOTP, Steam) or for the current counter (HOTP).
    pub fn code_at(&self, at: Timestamp) -> Result<Code, ParamsError> {
        generate(&self.secret, &self.params, at)
    }

    /// A label for people: `Issuer (name)`, or whichever part exists, or
    /// [`Label::Unnamed`], which each front end words in the person's
    /// language (`i18n::label`).
    pub fn label(&self) -> Label {
        Label::of(&self.issuer, &self.name)
    }
}

/// How an account is named for people.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// `Issuer (name)`, or whichever of the two exists, as given.
    Named(String),
    /// Neither an issuer nor a name: a placeholder in the person's language
    /// (`i18n::label`, message `unnamed-account`).
    Unnamed,
}

impl Label {
    /// The label of an account with this issuer and name (either may be empty).
    pub fn of(issuer: &str, name: &str) -> Self {
        match (issuer.is_empty(), name.is_empty()) {
            (false, false) => Self::Named(format!("{issuer} ({name})")),
            (false, true) => Self::Named(issuer.to_owned()),
            (true, false) => Self::Named(name.to_owned()),
            (true, true) => Self::Unnamed,
        }
    }

    /// A label given whole (an export's own): empty is [`Label::Unnamed`].
    pub fn given(text: String) -> Self {
        if text.trim().is_empty() {
            Self::Unnamed
        } else {
            Self::Named(text)
        }
    }

    /// Several labels, in English, separated by commas.
    pub fn join(labels: &[Self]) -> String {
        labels
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// In English (logs, the core's English `Display` of errors); people read
/// `i18n::label`, which says the placeholder in their language.
impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Named(text) => f.write_str(text),
            Self::Unnamed => f.write_str("(unnamed account)"),
        }
    }
}

/// A generated code and, for time-based kinds, where it sits in its period.
#[derive(Clone, PartialEq, Eq)]
pub struct Code {
    /// The code as shown to the user (`"012345"`, or `"FR8RV"` for Steam).
    pub value: String,
    /// Seconds until this code is replaced (1..=period); `None` for HOTP.
    pub remaining: Option<u32>,
    /// The period the code belongs to; `None` for HOTP.
    pub period: Option<u32>,
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Code")
            .field("value", &"<redacted>")
            .field("remaining", &self.remaining)
            .field("period", &self.period)
            .finish()
    }
}

impl Code {
    /// The code split for reading: `123 456`, `1234 5678`, `123 4567`; Steam
    /// codes (5 characters) are left whole.
    pub fn grouped(&self) -> String {
        group_code(&self.value)
    }
}

/// Splits a code into two halves for reading (`123 456`); 5-character and
/// shorter codes stay whole.
pub fn group_code(code: &str) -> String {
    let len = code.chars().count();
    if len < 6 {
        return code.to_owned();
    }
    let split = len / 2;
    let mut out = String::with_capacity(code.len() + 1);
    for (i, c) in code.chars().enumerate() {
        if i == split {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Computes one code from a key and parameters at a given time.
///
/// TOTP and Steam use `at`; HOTP uses `params.counter` and ignores `at`.
pub fn generate(secret: &SecretBytes, params: &Params, at: Timestamp) -> Result<Code, ParamsError> {
    params.validate()?;
    if secret.is_empty() {
        return Err(ParamsError::EmptySecret);
    }
    // totp-rs computes HMAC(key, time / step). HOTP is the same computation
    // with a step of one second and the counter in place of the time.
    let (step, moving_factor) = match params.kind {
        Kind::Hotp => (1, params.counter),
        Kind::Totp | Kind::Steam => (u64::from(params.period), at.secs()),
    };
    let totp = totp_rs::Builder::new()
        .with_algorithm(params.algorithm.to_totp_rs())
        .with_digits(params.digits)
        .with_step_duration(step)
        .with_secret(secret.expose())
        .build_noncompliant();
    let value = match params.kind {
        Kind::Totp | Kind::Hotp => totp.generate(moving_factor).to_string(),
        Kind::Steam => steam_code(totp.sign(moving_factor).as_ref()),
    };
    let (remaining, period) = match params.kind {
        Kind::Hotp => (None, None),
        Kind::Totp | Kind::Steam => {
            let period = u64::from(params.period);
            // `period - at % period` lies in 1..=period, which fits the u32 it came from.
            let remaining = u32::try_from(period - at.secs() % period).unwrap_or(params.period);
            (Some(remaining), Some(params.period))
        }
    };
    Ok(Code {
        value,
        remaining,
        period,
    })
}

/// Steam Guard's rendering of an HMAC-SHA1 signature: dynamic truncation as in
/// RFC 4226, then five base-26 digits from Steam's alphabet, least significant first.
fn steam_code(signature: &[u8]) -> String {
    let Some(&last) = signature.last() else {
        return String::new();
    };
    let offset = usize::from(last & 0x0f);
    let mut value = match signature.get(offset..offset + 4) {
        Some(&[a, b, c, d]) => u32::from_be_bytes([a, b, c, d]) & 0x7fff_ffff,
        _ => 0,
    };
    let mut code = String::with_capacity(usize::from(STEAM_DIGITS));
    for _ in 0..STEAM_DIGITS {
        let len = STEAM_ALPHABET.len() as u32;
        code.push(char::from(STEAM_ALPHABET[(value % len) as usize]));
        value /= len;
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_codes_for_reading() {
        assert_eq!(group_code("123456"), "123 456");
        assert_eq!(group_code("12345678"), "1234 5678");
        assert_eq!(group_code("1234567"), "123 4567");
        assert_eq!(group_code("FR8RV"), "FR8RV");
    }

    #[test]
    fn remaining_counts_down_to_one() {
        let secret = SecretBytes::from_slice(b"12345678901234567890");
        let params = Params::totp();
        let at = |t| generate(&secret, &params, Timestamp(t)).map(|c| c.remaining);
        assert_eq!(at(0), Ok(Some(30)));
        assert_eq!(at(1), Ok(Some(29)));
        assert_eq!(at(29), Ok(Some(1)));
        assert_eq!(at(30), Ok(Some(30)));
    }

    #[test]
    fn rejects_bad_params_instead_of_panicking() {
        let secret = SecretBytes::from_slice(b"12345678901234567890");
        let mut params = Params::totp();
        params.digits = 10;
        assert!(generate(&secret, &params, Timestamp(0)).is_err());
        params.digits = 6;
        params.period = 0;
        assert_eq!(
            generate(&secret, &params, Timestamp(0)),
            Err(ParamsError::ZeroPeriod)
        );
        let empty = SecretBytes::new(Vec::new());
        assert_eq!(
            generate(&empty, &Params::totp(), Timestamp(0)),
            Err(ParamsError::EmptySecret)
        );
    }
}
