//! FreeOTP+'s JSON backup: `{"tokenOrder": [...], "tokens": [...]}`, each
//! token with `issuerExt`, `label`, `type` (TOTP or HOTP), `algo`, `digits`,
//! `period`, `counter` and the key as an array of signed bytes.
//!
//! FreeOTP's (1.x) and FreeOTP+'s own storage, `tokens.xml`, holds the same
//! token objects as JSON text inside Android SharedPreferences XML: one
//! `<string name="issuer:label">{…}</string>` per token, beside a
//! `tokenOrder` string (Aegis' `FreeOtpImporter`). FreeOTP 2's
//! Java-serialised, password-encrypted backups are read by `freeotp2`.

use serde_json::Value;

use super::{Export, Fields, InteropError, SkipReason, Skipped, damaged, number, prefs, text};
use crate::otp::{Base32Error, encode_base32};

/// A SharedPreferences file whose values include FreeOTP token objects.
pub(super) fn looks_like_xml(text: &str) -> bool {
    prefs::looks_like(text)
        && prefs::entries(text).is_ok_and(|entries| {
            entries.iter().any(|(name, _)| name == "tokenOrder")
                || entries.iter().any(|(_, value)| {
                    serde_json::from_str::<Value>(value)
                        .is_ok_and(|v| v.get("secret").is_some() && v.get("algo").is_some())
                })
        })
}

/// `tokens.xml`: every value that is a token object.
pub(super) fn read_xml(text: &str, out: &mut Export) -> Result<(), InteropError> {
    let entries = prefs::entries(text).map_err(|e| damaged(out.format, &e))?;
    let tokens: Vec<Value> = entries
        .iter()
        .filter(|(name, _)| name != "tokenOrder")
        .filter_map(|(_, value)| serde_json::from_str::<Value>(value).ok())
        .filter(Value::is_object)
        .collect();
    let value = serde_json::json!({ "tokens": tokens });
    read(&value, out)
}

pub(super) fn looks_like(value: &Value) -> bool {
    value.get("tokens").is_some_and(Value::is_array) && value.get("tokenOrder").is_some()
}

pub(super) fn read(value: &Value, out: &mut Export) -> Result<(), InteropError> {
    for token in value
        .get("tokens")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match signed_bytes(token.get("secret")).filter(|b| !b.is_empty()) {
            Some(secret) => push_token(token, &secret, out),
            None => out.skipped.push(Skipped {
                label: crate::otp::Label::given(label(issuer(token), text(token, "label"))),
                reason: SkipReason::Key(Base32Error::Empty),
            }),
        }
    }
    Ok(())
}

/// A JSON array of Java's signed bytes as bytes.
pub(super) fn signed_bytes(value: Option<&Value>) -> Option<zeroize::Zeroizing<Vec<u8>>> {
    let list = value?.as_array()?;
    let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(list.len()));
    for b in list {
        bytes.push(i8::try_from(b.as_i64()?).ok()?.to_ne_bytes()[0]);
    }
    Some(bytes)
}

/// The issuer FreeOTP shows: `issuerExt`, else `issuerInt`.
fn issuer(token: &Value) -> &str {
    match text(token, "issuerExt") {
        "" => text(token, "issuerInt"),
        issuer => issuer,
    }
}

/// One token object (FreeOTP's `Token` as JSON) with its secret.
pub(super) fn push_token(token: &Value, secret: &[u8], out: &mut Export) {
    let secret = encode_base32(secret);
    let fields = Fields {
        issuer: issuer(token),
        name: text(token, "label"),
        kind: text(token, "type"),
        secret: &secret,
        algorithm: text(token, "algo"),
        digits: number(token, "digits", 6),
        period: number(token, "period", 30),
        counter: number(token, "counter", 0),
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
