//! andOTP's plain JSON backup: an array of entries with `secret`, `issuer`,
//! `label`, `digits`, `type`, `algorithm`, `period`, `counter` and `tags`.
//! (andOTP's encrypted backups are binary files, not JSON, and are not read.)

use serde_json::Value;

use super::{Export, Fields, InteropError, number, text};

pub(super) fn looks_like(value: &Value) -> bool {
    value.as_array().is_some_and(|list| {
        !list.is_empty()
            && list
                .iter()
                .all(|e| e.get("secret").is_some() && e.get("type").is_some())
    })
}

pub(super) fn read(value: &Value, out: &mut Export) -> Result<(), InteropError> {
    for entry in value.as_array().into_iter().flatten() {
        // Older backups have "issuer:label" in the label and no issuer field.
        let label = text(entry, "label");
        let (issuer, name) = match (text(entry, "issuer"), label.split_once(':')) {
            ("", Some((issuer, name))) => (issuer.trim(), name.trim()),
            (issuer, _) => (issuer, label),
        };
        let fields = Fields {
            issuer,
            name,
            kind: text(entry, "type"),
            secret: text(entry, "secret"),
            algorithm: text(entry, "algorithm"),
            digits: number(entry, "digits", 6),
            period: number(entry, "period", 30),
            counter: number(entry, "counter", 0),
        };
        let group = entry
            .get("tags")
            .and_then(Value::as_array)
            .and_then(|tags| tags.iter().filter_map(Value::as_str).next())
            .unwrap_or("")
            .to_owned();
        out.push(&fields, group, false, String::new());
    }
    Ok(())
}
