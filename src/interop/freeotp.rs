//! FreeOTP+'s JSON backup: `{"tokenOrder": [...], "tokens": [...]}`, each
//! token with `issuerExt`, `label`, `type` (TOTP or HOTP), `algo`, `digits`,
//! `period`, `counter` and the key as an array of signed bytes.
//!
//! FreeOTP's (1.x) and FreeOTP+'s own storage, `tokens.xml`, holds the same
//! token objects as JSON text inside Android SharedPreferences XML: one
//! `<string name="issuer:label">{…}</string>` per token, beside a
//! `tokenOrder` string (Aegis' `FreeOtpImporter`). FreeOTP 2's
//! Java-serialised, password-encrypted backups are not read.

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
        let issuer = match text(token, "issuerExt") {
            "" => text(token, "issuerInt"),
            issuer => issuer,
        };
        let name = text(token, "label");
        // Signed bytes (Java's byte) to bytes, then to base32 for the shared path.
        let bytes: Option<zeroize::Zeroizing<Vec<u8>>> = token
            .get("secret")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|b| {
                        b.as_i64()
                            .and_then(|b| i8::try_from(b).ok())
                            .map(|b| b.to_ne_bytes()[0])
                    })
                    .collect::<Option<Vec<u8>>>()
            })
            .and_then(|bytes| bytes.map(zeroize::Zeroizing::new));
        let Some(bytes) = bytes.filter(|b| !b.is_empty()) else {
            out.skipped.push(Skipped {
                label: label(issuer, name),
                reason: SkipReason::Key(Base32Error::Empty),
            });
            continue;
        };
        let secret = encode_base32(&bytes);
        let fields = Fields {
            issuer,
            name,
            kind: text(token, "type"),
            secret: &secret,
            algorithm: text(token, "algo"),
            digits: number(token, "digits", 6),
            period: number(token, "period", 30),
            counter: number(token, "counter", 0),
        };
        out.push(&fields, String::new(), false, String::new());
    }
    Ok(())
}

fn label(issuer: &str, name: &str) -> String {
    match (issuer.is_empty(), name.is_empty()) {
        (false, false) => format!("{issuer} ({name})"),
        (true, false) => name.to_owned(),
        _ => issuer.to_owned(),
    }
}
