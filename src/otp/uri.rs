//! The Key Uri Format: `otpauth://TYPE/LABEL?PARAMETERS`.
//!
//! Parsing rules (see `docs/otpauth.md`):
//! - the scheme and type are case-insensitive; `steam` is a type of its own and
//!   `encoder=steam` turns a `totp` URI into Steam Guard;
//! - the label is percent-decoded UTF-8 (`+` is a literal plus in the label);
//! - with an `issuer` parameter, the parameter wins and a label prefix equal to
//!   it (`Issuer:`) is stripped; without one, the label splits at its first `:`;
//! - query values are percent-decoded, `+` meaning a space (form encoding);
//! - unknown parameters are ignored; the first occurrence of a parameter wins.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::error::UriError;
use super::{Account, Algorithm, DEFAULT_DIGITS, DEFAULT_PERIOD, DIGITS_RANGE, Kind, Params};
use crate::secret::SecretText;

/// Characters left as they are in labels and values: RFC 3986 unreserved plus `@`.
const KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// The scheme of single-account URIs.
pub(crate) const SCHEME: &str = "otpauth";
/// The scheme of Google Authenticator exports.
pub(crate) const MIGRATION_SCHEME: &str = "otpauth-migration";

/// Splits `scheme://rest`, lowercasing the scheme. `None` if there is no scheme.
pub(crate) fn split_scheme(text: &str) -> Option<(String, &str)> {
    let (scheme, rest) = text.split_once(':')?;
    let valid = !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| (scheme.to_ascii_lowercase(), rest))
}

/// Decodes a percent-encoded component; `plus_is_space` for query values.
pub(crate) fn decode_component<'a>(
    raw: &'a str,
    plus_is_space: bool,
    part: &str,
) -> Result<Cow<'a, str>, UriError> {
    let raw: Cow<'a, str> = if plus_is_space && raw.contains('+') {
        Cow::Owned(raw.replace('+', " "))
    } else {
        Cow::Borrowed(raw)
    };
    let decoded = percent_decode_str(&raw)
        .decode_utf8()
        .map_err(|_| UriError::BadEncoding {
            part: part.to_owned(),
        })?;
    Ok(Cow::Owned(decoded.into_owned()))
}

/// Query parameters in order, keys lowercased, values decoded.
pub(crate) fn query_pairs(query: &str) -> Result<Vec<(String, String)>, UriError> {
    let mut pairs = Vec::new();
    for piece in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
        let key = decode_component(key, true, "parameter name")?.to_ascii_lowercase();
        let value = decode_component(value, true, &key)?.into_owned();
        pairs.push((key, value));
    }
    Ok(pairs)
}

fn parse_number<T: std::str::FromStr>(param: &'static str, value: &str) -> Result<T, UriError> {
    value.trim().parse().map_err(|_| UriError::NotANumber {
        param,
        value: value.to_owned(),
    })
}

pub(super) fn parse(text: &str) -> Result<Account, UriError> {
    let text = text.trim();
    let (scheme, rest) = split_scheme(text).ok_or(UriError::NotAUri)?;
    if scheme == MIGRATION_SCHEME {
        return Err(UriError::Migration);
    }
    if scheme != SCHEME {
        return Err(UriError::UnsupportedScheme { scheme });
    }
    let rest = rest.strip_prefix("//").ok_or(UriError::NotAUri)?;
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (type_name, label) = path.split_once('/').unwrap_or((path, ""));

    let mut kind = match type_name.to_ascii_lowercase().as_str() {
        "totp" => Kind::Totp,
        "hotp" => Kind::Hotp,
        "steam" => Kind::Steam,
        _ => {
            return Err(UriError::UnsupportedType {
                found: decode_component(type_name, false, "type")?.into_owned(),
            });
        }
    };

    let pairs = query_pairs(query)?;
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };

    if kind == Kind::Totp && get("encoder").is_some_and(|e| e.eq_ignore_ascii_case("steam")) {
        kind = Kind::Steam;
    }

    let secret_text = get("secret")
        .filter(|s| !s.trim().is_empty())
        .ok_or(UriError::MissingSecret)?;
    let secret = super::base32::decode(secret_text)?;

    let algorithm = match get("algorithm") {
        None | Some("") => Algorithm::Sha1,
        Some(name) => Algorithm::parse(name).ok_or_else(|| UriError::UnsupportedAlgorithm {
            found: name.to_owned(),
        })?,
    };
    let digits: u64 = match get("digits") {
        None | Some("") => u64::from(DEFAULT_DIGITS),
        Some(value) => parse_number("digits", value)?,
    };
    let period: u64 = match get("period") {
        None | Some("") => u64::from(DEFAULT_PERIOD),
        Some(value) => parse_number("period", value)?,
    };
    let counter: Option<u64> = get("counter")
        .filter(|v| !v.is_empty())
        .map(|value| parse_number("counter", value))
        .transpose()?;

    let params = match kind {
        // Steam's code form is fixed; apps write all sorts of digits/period into its URIs.
        Kind::Steam => Params::steam(),
        Kind::Totp | Kind::Hotp => {
            let digits = u8::try_from(digits)
                .ok()
                .filter(|d| DIGITS_RANGE.contains(d))
                .ok_or(UriError::DigitsOutOfRange { found: digits })?;
            if period == 0 {
                return Err(UriError::ZeroPeriod);
            }
            let period = u32::try_from(period).map_err(|_| UriError::NotANumber {
                param: "period",
                value: period.to_string(),
            })?;
            let counter = match kind {
                Kind::Hotp => counter.ok_or(UriError::HotpWithoutCounter)?,
                _ => 0,
            };
            Params {
                kind,
                algorithm,
                digits,
                period: if kind == Kind::Hotp {
                    DEFAULT_PERIOD
                } else {
                    period
                },
                counter,
            }
        }
    };

    let label = decode_component(label, false, "label")?;
    let (issuer, name) = split_label(&label, get("issuer"));
    Ok(Account::new(&issuer, &name, secret, params)?)
}

/// Applies the issuer rules to a decoded label; returns `(issuer, name)`.
pub(crate) fn split_label(label: &str, issuer_param: Option<&str>) -> (String, String) {
    match issuer_param {
        Some(issuer) => {
            let name = label
                .strip_prefix(issuer)
                .and_then(|rest| rest.strip_prefix(':'))
                .filter(|_| !issuer.is_empty())
                .unwrap_or(label);
            (issuer.to_owned(), name.to_owned())
        }
        None => match label.split_once(':') {
            Some((issuer, name)) => (issuer.to_owned(), name.to_owned()),
            None => (String::new(), label.to_owned()),
        },
    }
}

fn encode(text: &str) -> percent_encoding::PercentEncode<'_> {
    utf8_percent_encode(text, KEEP)
}

pub(super) fn format(account: &Account) -> SecretText {
    let params = &account.params;
    let mut uri = String::with_capacity(128);
    uri.push_str(SCHEME);
    uri.push_str("://");
    uri.push_str(params.kind.as_str());
    uri.push('/');
    if !account.issuer.is_empty() {
        uri.extend(encode(&account.issuer));
        uri.push(':');
    }
    uri.extend(encode(&account.name));
    uri.push_str("?secret=");
    uri.push_str(&super::base32::encode(account.secret.expose()));
    // An explicit (possibly empty) issuer keeps a name containing ':' intact.
    if !account.issuer.is_empty() || account.name.contains(':') {
        uri.push_str("&issuer=");
        uri.extend(encode(&account.issuer));
    }
    if params.kind != Kind::Steam {
        uri.push_str("&algorithm=");
        uri.push_str(params.algorithm.as_str());
        uri.push_str(&format!("&digits={}", params.digits));
        match params.kind {
            Kind::Hotp => uri.push_str(&format!("&counter={}", params.counter)),
            _ => uri.push_str(&format!("&period={}", params.period)),
        }
    }
    SecretText::new(uri)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::otp::Base32Error;

    fn parse_ok(uri: &str) -> Account {
        match parse(uri) {
            Ok(account) => account,
            Err(e) => panic!("{uri}: {e}"),
        }
    }

    #[test]
    fn reads_a_typical_dashboard_uri() {
        let a = parse_ok(
            "otpauth://totp/ACME%20Cloud:jo%C3%A3o@exemplo.com.br?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Cloud",
        );
        assert_eq!(a.issuer, "ACME Cloud");
        assert_eq!(a.name, "joão@exemplo.com.br");
        assert_eq!(a.secret.expose(), b"Hello!\xde\xad\xbe\xef");
        assert_eq!(a.params, Params::totp());
    }

    #[test]
    fn issuer_parameter_wins_over_label_prefix() {
        let a = parse_ok("otpauth://totp/Old:alice?secret=JBSWY3DP&issuer=New");
        assert_eq!((a.issuer.as_str(), a.name.as_str()), ("New", "Old:alice"));
        let a = parse_ok("otpauth://totp/New:alice?secret=JBSWY3DP&issuer=New");
        assert_eq!((a.issuer.as_str(), a.name.as_str()), ("New", "alice"));
        let a = parse_ok("otpauth://totp/New:%20alice?secret=JBSWY3DP&issuer=New");
        assert_eq!(a.name, "alice");
        let a = parse_ok("otpauth://totp/Label:bob?secret=JBSWY3DP");
        assert_eq!((a.issuer.as_str(), a.name.as_str()), ("Label", "bob"));
        let a = parse_ok("otpauth://totp/bob?secret=JBSWY3DP&issuer=Big+Corp");
        assert_eq!((a.issuer.as_str(), a.name.as_str()), ("Big Corp", "bob"));
    }

    #[test]
    fn reads_parameters_in_any_case_and_ignores_unknown_ones() {
        let a = parse_ok(
            "OTPAUTH://TOTP/x?SECRET=jbsw%20y3dp%3D%3D&Algorithm=sha512&digits=8&period=60&image=https%3A%2F%2Fx",
        );
        assert_eq!(a.params.algorithm, Algorithm::Sha512);
        assert_eq!(a.params.digits, 8);
        assert_eq!(a.params.period, 60);
    }

    #[test]
    fn reads_steam_forms() {
        let a = parse_ok("otpauth://steam/Steam:gamer?secret=JBSWY3DP");
        assert_eq!(a.params, Params::steam());
        let a = parse_ok("otpauth://totp/Steam:gamer?secret=JBSWY3DP&encoder=steam&digits=5");
        assert_eq!(a.params, Params::steam());
        assert_eq!(a.issuer, "Steam");
    }

    #[test]
    fn every_malformed_input_has_its_own_error() {
        let cases: &[(&str, UriError)] = &[
            ("JBSWY3DPEHPK3PXP", UriError::NotAUri),
            ("otpauth:totp/x?secret=A", UriError::NotAUri),
            (
                "https://example.com/",
                UriError::UnsupportedScheme {
                    scheme: "https".into(),
                },
            ),
            ("otpauth-migration://offline?data=", UriError::Migration),
            (
                "otpauth://yubikey/x?secret=JBSWY3DP",
                UriError::UnsupportedType {
                    found: "yubikey".into(),
                },
            ),
            ("otpauth://totp/x?issuer=A", UriError::MissingSecret),
            ("otpauth://totp/x?secret=%20", UriError::MissingSecret),
            (
                "otpauth://totp/x?secret=JBSWY3D1",
                UriError::InvalidSecret(Base32Error::InvalidCharacter {
                    character: '1',
                    position: 8,
                }),
            ),
            (
                "otpauth://totp/x?secret=JBSWY3DP&algorithm=MD5",
                UriError::UnsupportedAlgorithm {
                    found: "MD5".into(),
                },
            ),
            (
                "otpauth://totp/x?secret=JBSWY3DP&digits=9",
                UriError::DigitsOutOfRange { found: 9 },
            ),
            (
                "otpauth://totp/x?secret=JBSWY3DP&digits=six",
                UriError::NotANumber {
                    param: "digits",
                    value: "six".into(),
                },
            ),
            (
                "otpauth://totp/x?secret=JBSWY3DP&period=0",
                UriError::ZeroPeriod,
            ),
            (
                "otpauth://hotp/x?secret=JBSWY3DP",
                UriError::HotpWithoutCounter,
            ),
            (
                "otpauth://totp/%FF?secret=JBSWY3DP",
                UriError::BadEncoding {
                    part: "label".into(),
                },
            ),
        ];
        for (uri, want) in cases {
            assert_eq!(parse(uri).err().as_ref(), Some(want), "{uri}");
        }
    }

    #[test]
    fn formats_what_it_reads() {
        let uri = "otpauth://hotp/ACME:jo%C3%A3o@exemplo.com.br?secret=JBSWY3DPEHPK3PXP&issuer=ACME&algorithm=SHA256&digits=8&counter=42";
        let account = parse_ok(uri);
        assert_eq!(account.to_uri().expose(), uri);
    }
}
