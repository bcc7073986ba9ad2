//! FreeOTP+'s JSON backup: `{"tokenOrder": [...], "tokens": [...]}`, each
//! token with `issuerExt`, `label`, `type` (TOTP or HOTP), `algo`, `digits`,
//! `period`, `counter` and the key as an array of signed bytes.
//!
//! FreeOTP's (1.x) and FreeOTP+'s own storage, `tokens.xml`, holds the same
//! token objects as JSON text inside Android SharedPreferences XML: one
//! `<string name="issuer:label">{…}</string>` per token, beside a
//! `tokenOrder` string (Aegis' `FreeOtpImporter`). FreeOTP 2's
//! Java-serialised, password-encrypted backups are read by `freeotp2`.

use serde::Deserialize;

use super::de::{List, Number, Object, Present, SignedBytes, Text};
use super::{Export, Fields, InteropError, SkipReason, Skipped, damaged, prefs};
use crate::otp::{Base32Error, encode_base32};

/// The JSON backup: the tokens (`tokenOrder` only tells it apart).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct File {
    tokens: List<Object<Token>>,
}

/// One token (FreeOTP's `Token` as JSON); a backup's or `tokens.xml`'s
/// holds its key, FreeOTP 2's `-token` data does not.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Token {
    #[serde(rename = "issuerExt")]
    issuer_ext: Text,
    #[serde(rename = "issuerInt")]
    issuer_int: Text,
    label: Text,
    r#type: Text,
    algo: Text,
    digits: Number,
    period: Number,
    counter: Number,
    pub(super) secret: SignedBytes,
}

super::de::secret_fields! {
    Token { secret: SignedBytes }
}

/// What tells a token object in `tokens.xml` (its content is skipped).
#[derive(Default, Deserialize)]
#[serde(default)]
struct TokenShape {
    secret: Present,
    algo: Present,
}

/// A SharedPreferences file whose values include FreeOTP token objects.
pub(super) fn looks_like_xml(text: &str) -> bool {
    prefs::looks_like(text)
        && prefs::values(text).is_ok_and(|entries| {
            entries.iter().any(|(name, _)| name == "tokenOrder")
                || entries.iter().any(|(_, value)| {
                    serde_json::from_str::<Object<TokenShape>>(value).is_ok_and(|shape| {
                        shape
                            .value
                            .is_some_and(|shape| shape.secret.0 && shape.algo.0)
                    })
                })
        })
}

/// `tokens.xml`: every value that is a token object.
pub(super) fn read_xml(text: &str, out: &mut Export) -> Result<(), InteropError> {
    let entries = prefs::values(text).map_err(|e| damaged(out.format, &e))?;
    let tokens = entries
        .iter()
        .filter(|(name, _)| name != "tokenOrder")
        .filter_map(|(_, value)| serde_json::from_str::<Object<Token>>(value).ok())
        .filter_map(|token| token.value);
    for token in tokens {
        push(token, out);
    }
    Ok(())
}

pub(super) fn read(file: File, out: &mut Export) -> Result<(), InteropError> {
    for token in file.tokens.0.into_iter().flatten() {
        push(token.or_empty(), out);
    }
    Ok(())
}

/// One token of a backup or `tokens.xml`, or why it cannot be used.
fn push(token: Token, out: &mut Export) {
    match token.secret.0.as_ref().filter(|b| !b.is_empty()) {
        Some(secret) => push_token(&token, secret, out),
        None => out.skipped.push(Skipped {
            label: crate::otp::Label::given(label(issuer(&token), token.label.as_str())),
            reason: SkipReason::Key(Base32Error::Empty),
        }),
    }
}

/// The issuer FreeOTP shows: `issuerExt`, else `issuerInt`.
fn issuer(token: &Token) -> &str {
    match token.issuer_ext.as_str() {
        "" => token.issuer_int.as_str(),
        issuer => issuer,
    }
}

/// One token object (FreeOTP's `Token` as JSON) with its secret.
pub(super) fn push_token(token: &Token, secret: &[u8], out: &mut Export) {
    let secret = encode_base32(secret);
    let fields = Fields {
        issuer: issuer(token),
        name: token.label.as_str(),
        kind: token.r#type.as_str(),
        secret: &secret,
        algorithm: token.algo.as_str(),
        digits: token.digits.or(6),
        period: token.period.or(30),
        counter: token.counter.or(0),
    };
    out.push(&fields, String::new(), false, String::new());
}

fn label(issuer: &str, name: &str) -> String {
    match (issuer.is_empty(), name.is_empty()) {
        (false, false) => format!("{issuer} ({name})"),
        (true, false) => name.to_owned(),
        _ => issuer.to_owned(),
    }
}
