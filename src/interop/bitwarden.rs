//! Bitwarden's JSON export: `{"encrypted": false, "items": [...]}`, where a
//! login item's `login.totp` holds an `otpauth://` link, a `steam://` key or
//! a bare base32 key. Items without a TOTP are not accounts and are passed
//! over silently. Password-protected exports (`"encrypted": true`) are not
//! read. The CSV export is read by `bitwarden_csv`.

use serde_json::Value;

use super::{Export, Fields, Format, Imported, InteropError, Skipped, text};
use crate::otp::Account;

pub(super) fn looks_like(value: &Value) -> bool {
    value.get("items").is_some_and(Value::is_array) && value.get("encrypted").is_some()
}

pub(super) fn read(value: &Value, out: &mut Export) -> Result<(), InteropError> {
    if value.get("encrypted").and_then(Value::as_bool) == Some(true) {
        return Err(InteropError::Protected {
            format: Format::Bitwarden,
        });
    }
    let folders = value.get("folders").and_then(Value::as_array);
    for item in value
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let login = item.get("login").unwrap_or(&Value::Null);
        let totp = text(login, "totp").trim();
        if totp.is_empty() {
            continue;
        }
        let group = folders
            .and_then(|list| {
                let id = text(item, "folderId");
                list.iter().find(|f| !id.is_empty() && text(f, "id") == id)
            })
            .map(|f| text(f, "name").to_owned())
            .unwrap_or_default();
        let favourite = item
            .get("favorite")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let notes = text(item, "notes").to_owned();
        push_totp(
            out,
            totp,
            text(item, "name"),
            text(login, "username"),
            group,
            favourite,
            notes,
        );
    }
    Ok(())
}

/// Adds one login's TOTP: an `otpauth://` link, `steam://KEY` or a bare
/// base32 key (the CSV export holds the same values).
pub(super) fn push_totp(
    out: &mut Export,
    totp: &str,
    issuer: &str,
    name: &str,
    group: String,
    favourite: bool,
    notes: String,
) {
    if totp
        .get(..10)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("otpauth://"))
    {
        match Account::from_uri(totp) {
            Ok(mut account) => {
                if account.issuer.is_empty() {
                    account.issuer = issuer.to_owned();
                }
                out.accounts.push(Imported {
                    account,
                    group,
                    favourite,
                    notes,
                });
            }
            Err(e) => out.skipped.push(Skipped {
                label: crate::otp::Label::given(label(issuer, name)),
                reason: e.into(),
            }),
        }
        return;
    }
    let (kind, secret) = match totp.get(..8) {
        Some(prefix) if prefix.eq_ignore_ascii_case("steam://") => {
            ("steam", totp.get(8..).unwrap_or(""))
        }
        _ => ("totp", totp),
    };
    out.push(
        &Fields::new(issuer, name, kind, secret),
        group,
        favourite,
        notes,
    );
}

fn label(issuer: &str, name: &str) -> String {
    if name.is_empty() {
        issuer.to_owned()
    } else {
        format!("{issuer} ({name})")
    }
}
