//! Google Authenticator's export: `otpauth-migration://offline?data=BASE64`,
//! where the data is a protobuf `MigrationPayload`.
//!
//! One export may be split into a batch of several QR codes; each payload says
//! which part it is (`batch_index` of `batch_size`, under one `batch_id`).

use base64::Engine as _;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use prost::Message as _;
use thiserror::Error;
use zeroize::{Zeroize, Zeroizing};

use super::uri::{MIGRATION_SCHEME, split_label, split_scheme};
use super::{Account, Algorithm, Kind, Params};
use crate::secret::{SecretBytes, SecretText};

/// Largest `data` value accepted, in characters (a version-40 QR code holds under 3 KB).
pub const MAX_DATA_LEN: usize = 64 * 1024;
/// Longest URI that [`encode`] produces for one QR code: it fits a version-27
/// QR code at error-correction level M (1,125 bytes), which phones scan from a
/// screen (a full 10-account batch is about 1,030 characters, version 26).
pub const MAX_URI_LEN: usize = 1_100;
/// Most accounts [`encode`] puts in one payload (Google Authenticator's own limit).
pub const MAX_ACCOUNTS_PER_PAYLOAD: usize = 10;
/// The payload version Google Authenticator writes.
const PAYLOAD_VERSION: i32 = 1;

/// Standard base64 in, whether padded or not.
const LENIENT_BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

/// Characters escaped in the `data` value: everything but base64's letters and digits.
const DATA_ESCAPES: &AsciiSet = NON_ALPHANUMERIC;

mod proto {
    //! The wire schema, as Google Authenticator writes it.

    /// `MigrationPayload`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct MigrationPayload {
        #[prost(message, repeated, tag = "1")]
        pub otp_parameters: Vec<OtpParameters>,
        #[prost(int32, tag = "2")]
        pub version: i32,
        #[prost(int32, tag = "3")]
        pub batch_size: i32,
        #[prost(int32, tag = "4")]
        pub batch_index: i32,
        #[prost(int32, tag = "5")]
        pub batch_id: i32,
    }

    /// `MigrationPayload.OtpParameters`.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct OtpParameters {
        #[prost(bytes = "vec", tag = "1")]
        pub secret: Vec<u8>,
        #[prost(string, tag = "2")]
        pub name: String,
        #[prost(string, tag = "3")]
        pub issuer: String,
        #[prost(int32, tag = "4")]
        pub algorithm: i32,
        #[prost(int32, tag = "5")]
        pub digits: i32,
        #[prost(int32, tag = "6")]
        pub r#type: i32,
        #[prost(int64, tag = "7")]
        pub counter: i64,
    }

    impl Drop for OtpParameters {
        fn drop(&mut self) {
            zeroize::Zeroize::zeroize(&mut self.secret);
        }
    }

    pub const ALGORITHM_UNSPECIFIED: i32 = 0;
    pub const ALGORITHM_SHA1: i32 = 1;
    pub const ALGORITHM_SHA256: i32 = 2;
    pub const ALGORITHM_SHA512: i32 = 3;
    pub const ALGORITHM_MD5: i32 = 4;
    pub const DIGITS_UNSPECIFIED: i32 = 0;
    pub const DIGITS_SIX: i32 = 1;
    pub const DIGITS_EIGHT: i32 = 2;
    pub const TYPE_UNSPECIFIED: i32 = 0;
    pub const TYPE_HOTP: i32 = 1;
    pub const TYPE_TOTP: i32 = 2;
}

/// Why an export could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum MigrationError {
    /// Not an `otpauth-migration://` URI.
    #[error(
        "this is not a Google Authenticator export; export links start with otpauth-migration://offline?data="
    )]
    NotMigration,
    /// No `data` parameter.
    #[error(
        "the Google Authenticator export link has no data; scan or copy the export QR code again"
    )]
    MissingData,
    /// Larger than any QR code can hold.
    #[error(
        "the Google Authenticator export link is {len} characters long, more than a QR code can hold; it is not a real export"
    )]
    TooLarge {
        /// Its length in characters.
        len: usize,
    },
    /// `data` is not base64.
    #[error(
        "the Google Authenticator export data is not valid base64; the link was probably cut short, so copy or scan it again"
    )]
    BadBase64,
    /// `data` is base64, but not the expected protobuf message.
    #[error(
        "the Google Authenticator export data is damaged (it does not decode as an export); scan the QR code again"
    )]
    BadPayload,
}

/// Why one account of an export was left out.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Skip {
    /// The account has no key.
    #[error("it has no secret key")]
    NoSecret,
    /// MD5 or an unknown algorithm number.
    #[error("it uses an unsupported algorithm ({0})")]
    Algorithm(String),
    /// An unknown digit count or type number.
    #[error("it has an unknown {0} value")]
    Unknown(&'static str),
    /// A negative HOTP counter.
    #[error("its counter is negative")]
    NegativeCounter,
}

/// Why an account cannot be written into a Google Authenticator export.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Unrepresentable {
    /// Google Authenticator knows no Steam Guard.
    #[error("Google Authenticator cannot hold Steam Guard accounts")]
    Steam,
    /// Only 30-second TOTP.
    #[error("Google Authenticator exports only 30-second codes, and this one uses {0} seconds")]
    Period(u32),
    /// Only 6 or 8 digits.
    #[error("Google Authenticator exports only 6- or 8-digit codes, and this one has {0}")]
    Digits(u8),
    /// The counter does not fit the format's signed 64-bit field.
    #[error("its HOTP counter is too large for a Google Authenticator export")]
    Counter,
}

/// Which part of a multi-QR export a payload is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BatchPosition {
    /// 0-based index of this payload in its batch.
    pub index: u32,
    /// How many payloads the batch has (at least 1).
    pub size: u32,
    /// Identifies the batch: all parts of one export share it.
    pub id: i32,
}

impl BatchPosition {
    /// "2 of 3" style, 1-based.
    pub fn describe(&self) -> String {
        format!("{} of {}", self.index + 1, self.size)
    }
}

/// One account the export holds but that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// 1-based position of the account in the payload.
    pub position: usize,
    /// Issuer and name as the export gave them.
    pub label: String,
    /// Why it was left out.
    pub reason: Skip,
}

/// A decoded export payload.
#[derive(Clone, Debug)]
pub struct Batch {
    /// The usable accounts, in export order.
    pub accounts: Vec<Account>,
    /// Accounts left out, with the reason.
    pub rejected: Vec<Rejected>,
    /// Which part of its batch this payload is.
    pub position: BatchPosition,
}

/// The result of [`encode`].
#[derive(Clone, Debug)]
pub struct Encoded {
    /// One `otpauth-migration://` URI per QR code; each fits a scannable code.
    pub uris: Vec<SecretText>,
    /// Accounts (by index into the input) that the format cannot hold.
    pub skipped: Vec<(usize, Unrepresentable)>,
}

/// True if `text` starts with the export scheme (cheap check before decoding).
pub fn is_migration_uri(text: &str) -> bool {
    split_scheme(text.trim()).is_some_and(|(scheme, _)| scheme == MIGRATION_SCHEME)
}

/// Decodes an `otpauth-migration://offline?data=...` URI.
pub fn decode(text: &str) -> Result<Batch, MigrationError> {
    let text = text.trim();
    if text.len() > MAX_DATA_LEN {
        return Err(MigrationError::TooLarge { len: text.len() });
    }
    let (scheme, rest) = split_scheme(text).ok_or(MigrationError::NotMigration)?;
    if scheme != MIGRATION_SCHEME {
        return Err(MigrationError::NotMigration);
    }
    let query = rest
        .split_once('?')
        .map(|(_, q)| q)
        .ok_or(MigrationError::MissingData)?;
    let raw = query
        .split('&')
        .find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            key.eq_ignore_ascii_case("data").then_some(value)
        })
        .filter(|v| !v.is_empty())
        .ok_or(MigrationError::MissingData)?;
    // Percent-decoding only: '+' is base64, not a space. Some tools turn it
    // into a space anyway, and URL-safe base64 uses '-' and '_'.
    let mut data = Zeroizing::new(
        percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| MigrationError::BadBase64)?
            .into_owned(),
    );
    let normalised: Zeroizing<String> = Zeroizing::new(
        data.chars()
            .filter(|c| !matches!(c, '\n' | '\r' | '\t'))
            .map(|c| match c {
                ' ' => '+',
                '-' => '+',
                '_' => '/',
                other => other,
            })
            .collect(),
    );
    data.zeroize();
    let bytes = Zeroizing::new(
        LENIENT_BASE64
            .decode(normalised.as_bytes())
            .map_err(|_| MigrationError::BadBase64)?,
    );
    decode_payload(&bytes)
}

/// Decodes the protobuf bytes of an export payload.
pub fn decode_payload(bytes: &[u8]) -> Result<Batch, MigrationError> {
    let payload = proto::MigrationPayload::decode(bytes).map_err(|_| MigrationError::BadPayload)?;
    let size = u32::try_from(payload.batch_size).unwrap_or(0).max(1);
    let index = u32::try_from(payload.batch_index)
        .unwrap_or(0)
        .min(size - 1);
    let position = BatchPosition {
        index,
        size,
        id: payload.batch_id,
    };
    let mut accounts = Vec::with_capacity(payload.otp_parameters.len());
    let mut rejected = Vec::new();
    for (i, p) in payload.otp_parameters.iter().enumerate() {
        match account_from_proto(p) {
            Ok(account) => accounts.push(account),
            Err(reason) => rejected.push(Rejected {
                position: i + 1,
                label: if p.issuer.is_empty() {
                    p.name.clone()
                } else {
                    format!("{} ({})", p.issuer, p.name)
                },
                reason,
            }),
        }
    }
    Ok(Batch {
        accounts,
        rejected,
        position,
    })
}

fn account_from_proto(p: &proto::OtpParameters) -> Result<Account, Skip> {
    if p.secret.is_empty() {
        return Err(Skip::NoSecret);
    }
    let algorithm = match p.algorithm {
        proto::ALGORITHM_UNSPECIFIED | proto::ALGORITHM_SHA1 => Algorithm::Sha1,
        proto::ALGORITHM_SHA256 => Algorithm::Sha256,
        proto::ALGORITHM_SHA512 => Algorithm::Sha512,
        proto::ALGORITHM_MD5 => return Err(Skip::Algorithm("MD5".into())),
        other => return Err(Skip::Algorithm(format!("number {other}"))),
    };
    let digits = match p.digits {
        proto::DIGITS_UNSPECIFIED | proto::DIGITS_SIX => 6,
        proto::DIGITS_EIGHT => 8,
        _ => return Err(Skip::Unknown("digit count")),
    };
    let (kind, counter) = match p.r#type {
        proto::TYPE_UNSPECIFIED | proto::TYPE_TOTP => (Kind::Totp, 0),
        proto::TYPE_HOTP => (
            Kind::Hotp,
            u64::try_from(p.counter).map_err(|_| Skip::NegativeCounter)?,
        ),
        _ => return Err(Skip::Unknown("type")),
    };
    let params = Params {
        kind,
        algorithm,
        digits,
        counter,
        ..Params::totp()
    };
    let issuer = (!p.issuer.is_empty()).then_some(p.issuer.as_str());
    let (issuer, name) = split_label(&p.name, issuer);
    Account::new(&issuer, &name, SecretBytes::from_slice(&p.secret), params)
        .map_err(|_| Skip::NoSecret)
}

/// Whether an account fits a Google Authenticator export.
pub fn check_representable(account: &Account) -> Result<(), Unrepresentable> {
    let params = &account.params;
    match params.kind {
        Kind::Steam => return Err(Unrepresentable::Steam),
        Kind::Totp if params.period != 30 => return Err(Unrepresentable::Period(params.period)),
        Kind::Hotp if i64::try_from(params.counter).is_err() => {
            return Err(Unrepresentable::Counter);
        }
        _ => {}
    }
    if !matches!(params.digits, 6 | 8) {
        return Err(Unrepresentable::Digits(params.digits));
    }
    Ok(())
}

fn account_to_proto(account: &Account) -> proto::OtpParameters {
    let params = &account.params;
    // The name field carries "Issuer:name" as Google Authenticator writes it; a
    // leading ':' keeps a name with a colon whole when there is no issuer.
    let name = if !account.issuer.is_empty() {
        format!("{}:{}", account.issuer, account.name)
    } else if account.name.contains(':') {
        format!(":{}", account.name)
    } else {
        account.name.clone()
    };
    proto::OtpParameters {
        secret: account.secret.expose().to_vec(),
        name,
        issuer: account.issuer.clone(),
        algorithm: match params.algorithm {
            Algorithm::Sha1 => proto::ALGORITHM_SHA1,
            Algorithm::Sha256 => proto::ALGORITHM_SHA256,
            Algorithm::Sha512 => proto::ALGORITHM_SHA512,
        },
        digits: if params.digits == 8 {
            proto::DIGITS_EIGHT
        } else {
            proto::DIGITS_SIX
        },
        r#type: match params.kind {
            Kind::Hotp => proto::TYPE_HOTP,
            _ => proto::TYPE_TOTP,
        },
        counter: match params.kind {
            Kind::Hotp => i64::try_from(params.counter).unwrap_or(i64::MAX),
            _ => 0,
        },
    }
}

fn payload_uri(payload: &proto::MigrationPayload) -> SecretText {
    let bytes = Zeroizing::new(payload.encode_to_vec());
    let b64 = Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(&*bytes));
    let mut uri = String::from("otpauth-migration://offline?data=");
    uri.extend(utf8_percent_encode(&b64, DATA_ESCAPES));
    SecretText::new(uri)
}

/// A fresh batch id for [`encode`]: random and positive, as Google
/// Authenticator's own (any value works; a random one keeps the parts of two
/// exports from being taken for one).
pub fn random_batch_id() -> Result<i32, getrandom::Error> {
    Ok((getrandom::u32()? >> 1) as i32)
}

/// Encodes accounts as Google Authenticator export URIs, as many as needed so
/// that each fits [`MAX_URI_LEN`] and holds at most [`MAX_ACCOUNTS_PER_PAYLOAD`]
/// accounts (an account too large on its own still gets a payload of its own).
/// `batch_id` should be random; all payloads share it.
pub fn encode(accounts: &[Account], batch_id: i32) -> Encoded {
    let mut skipped = Vec::new();
    let mut groups: Vec<Vec<proto::OtpParameters>> = Vec::new();
    let mut current: Vec<proto::OtpParameters> = Vec::new();
    let measure = |params: &[proto::OtpParameters]| {
        payload_uri(&proto::MigrationPayload {
            otp_parameters: params.to_vec(),
            version: PAYLOAD_VERSION,
            // Worst-case widths, so the real batch numbers never overflow the budget.
            batch_size: i32::MAX,
            batch_index: i32::MAX,
            batch_id: i32::MIN,
        })
        .expose()
        .len()
    };
    for (i, account) in accounts.iter().enumerate() {
        if let Err(why) = check_representable(account) {
            skipped.push((i, why));
            continue;
        }
        current.push(account_to_proto(account));
        let full = current.len() > MAX_ACCOUNTS_PER_PAYLOAD || measure(&current) > MAX_URI_LEN;
        if full && current.len() > 1 {
            let last = current.pop();
            groups.push(std::mem::take(&mut current));
            current.extend(last);
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    let size = i32::try_from(groups.len()).unwrap_or(i32::MAX);
    let uris = groups
        .into_iter()
        .enumerate()
        .map(|(index, otp_parameters)| {
            payload_uri(&proto::MigrationPayload {
                otp_parameters,
                version: PAYLOAD_VERSION,
                batch_size: size,
                batch_index: i32::try_from(index).unwrap_or(i32::MAX),
                batch_id,
            })
        })
        .collect();
    Encoded { uris, skipped }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(issuer: &str, name: &str, params: Params) -> Account {
        match Account::new(
            issuer,
            name,
            SecretBytes::from_slice(b"12345678901234567890"),
            params,
        ) {
            Ok(a) => a,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn decodes_a_google_authenticator_export() {
        // Built by hand from the schema: one TOTP account "Example:alice@google.com",
        // issuer "Example", secret "Hello!\xde\xad\xbe\xef", SHA1, 6 digits.
        let uri = "otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACgA";
        let batch = match decode(uri) {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(batch.accounts.len(), 1);
        let a = &batch.accounts[0];
        assert_eq!(a.issuer, "Example");
        assert_eq!(a.name, "alice@google.com");
        assert_eq!(a.secret.expose(), b"Hello!\xde\xad\xbe\xef");
        assert_eq!(a.params, Params::totp());
        assert_eq!(batch.position.describe(), "1 of 1");
    }

    #[test]
    fn splits_large_exports_into_scannable_parts() {
        let accounts: Vec<Account> = (0..35)
            .map(|i| account("Issuer", &format!("user{i}@example.com"), Params::totp()))
            .collect();
        let encoded = encode(&accounts, 7);
        assert!(encoded.uris.len() >= 4, "{}", encoded.uris.len());
        let mut back = Vec::new();
        for (i, uri) in encoded.uris.iter().enumerate() {
            assert!(uri.expose().len() <= MAX_URI_LEN);
            let batch = decode(uri.expose()).map_err(|e| e.to_string());
            let batch = batch.as_ref().map_err(Clone::clone);
            let Ok(batch) = batch else {
                panic!("{batch:?}")
            };
            assert_eq!(batch.position.index as usize, i);
            assert_eq!(batch.position.size as usize, encoded.uris.len());
            assert_eq!(batch.position.id, 7);
            back.extend(batch.accounts.iter().cloned());
        }
        assert_eq!(back, accounts);
    }

    #[test]
    fn says_what_it_cannot_export() {
        let mut long = Params::totp();
        long.period = 60;
        let encoded = encode(
            &[
                account("Steam", "g", Params::steam()),
                account("A", "b", long),
                account("A", "c", Params::hotp(3)),
            ],
            1,
        );
        assert_eq!(
            encoded.skipped,
            vec![
                (0, Unrepresentable::Steam),
                (1, Unrepresentable::Period(60))
            ]
        );
        assert_eq!(encoded.uris.len(), 1);
    }

    #[test]
    fn rejects_non_exports_with_reasons() {
        assert_eq!(
            decode("otpauth://totp/x?secret=A").err(),
            Some(MigrationError::NotMigration)
        );
        assert_eq!(
            decode("otpauth-migration://offline").err(),
            Some(MigrationError::MissingData)
        );
        assert_eq!(
            decode("otpauth-migration://offline?data=%%%").err(),
            Some(MigrationError::BadBase64)
        );
        assert_eq!(
            decode("otpauth-migration://offline?data=////").err(),
            Some(MigrationError::BadPayload)
        );
    }
}
