//! Errors of the `otp` module. None of them carries key material.

use thiserror::Error;

/// Why a set of code parameters cannot produce codes.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ParamsError {
    /// TOTP and HOTP codes have 6, 7 or 8 digits.
    #[error(
        "codes with {found} digits are not supported; TOTP and HOTP codes have 6, 7 or 8 digits. Check the 'digits' value the service gave you"
    )]
    DigitsOutOfRange {
        /// The digit count that was asked for.
        found: u64,
    },
    /// A TOTP period of zero seconds.
    #[error("the code period is 0 seconds; it must be at least 1 second (most services use 30)")]
    ZeroPeriod,
    /// Steam Guard has fixed parameters.
    #[error(
        "Steam Guard codes always use SHA1, 5 characters and 30 seconds; other settings cannot be combined with the Steam type"
    )]
    SteamIsFixed,
    /// No key bytes at all.
    #[error("the setup key is empty; copy the whole key the service shows")]
    EmptySecret,
}

/// Why a setup key is not valid base32.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Base32Error {
    /// A character outside `A-Z` and `2-7`.
    #[error(
        "the setup key has an invalid character {character:?} at position {position}; keys use only the letters A-Z and the digits 2-7 (a 0, 1 or 8 is usually a mistyped O, I or B)"
    )]
    InvalidCharacter {
        /// The offending character (not secret on its own: it is not valid key material).
        character: char,
        /// 1-based position in the key as given, counting every character.
        position: usize,
    },
    /// Nothing but spaces and padding.
    #[error("the setup key is empty; copy the whole key the service shows")]
    Empty,
    /// Padding in the middle of the key.
    #[error(
        "the setup key has '=' padding at position {position}, before its end; copy the key again"
    )]
    MisplacedPadding {
        /// 1-based position of the first `=` that is followed by key characters.
        position: usize,
    },
}

/// Why a text is not a usable `otpauth://` URI.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum UriError {
    /// No `scheme://` at all.
    #[error(
        "this is not an otpauth:// link; paste the whole link that starts with otpauth://, or enter the setup key by hand"
    )]
    NotAUri,
    /// A URI of some other scheme (`https://`, `mailto:`...).
    #[error(
        "this is a {scheme}:// link, not an authenticator key; use the otpauth:// link or the setup key the service shows"
    )]
    UnsupportedScheme {
        /// The scheme found, lowercased.
        scheme: String,
    },
    /// A Google Authenticator export was given where a single account was expected.
    #[error(
        "this is a Google Authenticator export (otpauth-migration://), which can hold several accounts; import it instead of adding it as one account"
    )]
    Migration,
    /// `otpauth://` with a type other than totp, hotp or steam.
    #[error("the otpauth:// link has type {found:?}; Tessera supports totp, hotp and steam")]
    UnsupportedType {
        /// The type found.
        found: String,
    },
    /// Percent-encoding that does not decode to UTF-8.
    #[error(
        "the otpauth:// link has a {part} that is not valid percent-encoded UTF-8; copy the link again"
    )]
    BadEncoding {
        /// `label` or the parameter's name.
        part: String,
    },
    /// No `secret` parameter, or an empty one.
    #[error(
        "the otpauth:// link has no secret; copy the whole link, or enter the setup key by hand"
    )]
    MissingSecret,
    /// The secret is not base32.
    #[error(transparent)]
    InvalidSecret(#[from] Base32Error),
    /// An `algorithm` other than SHA1, SHA256, SHA512.
    #[error(
        "the otpauth:// link asks for algorithm {found:?}; Tessera supports SHA1, SHA256 and SHA512"
    )]
    UnsupportedAlgorithm {
        /// The value found.
        found: String,
    },
    /// A numeric parameter that is not a number.
    #[error("the otpauth:// link has {param}={value:?}, which is not a whole number")]
    NotANumber {
        /// `digits`, `period` or `counter`.
        param: &'static str,
        /// The value found.
        value: String,
    },
    /// Digits outside 6..=8.
    #[error(
        "the otpauth:// link asks for {found}-digit codes; TOTP and HOTP codes have 6, 7 or 8 digits"
    )]
    DigitsOutOfRange {
        /// The digit count found.
        found: u64,
    },
    /// `period=0`.
    #[error("the otpauth:// link has period=0; the period must be at least 1 second (usually 30)")]
    ZeroPeriod,
    /// An HOTP URI without its counter.
    #[error(
        "the otpauth://hotp link has no counter; HOTP links must say where the counter starts (counter=0 on a new account)"
    )]
    HotpWithoutCounter,
    /// Any other parameter problem.
    #[error(transparent)]
    Params(#[from] ParamsError),
}
