//! Bitwarden's JSON export: `{"encrypted": false, "items": [...]}`, where a
//! login item's `login.totp` holds an `otpauth://` link, a `steam://` key or
//! a bare base32 key. Items without a TOTP are not accounts and are passed
//! over silently. Password-protected exports (`"encrypted": true`) are not
//! read. The CSV export is read by `bitwarden_csv`.

use serde::Deserialize;

use super::de::{Flag, List, Object, Secret, Text};
use super::{Export, Fields, Format, Imported, InteropError, Skipped};
use crate::otp::Account;

/// The export: whether it is encrypted, its folders and items.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct File {
    encrypted: Flag,
    folders: List<Object<Folder>>,
    items: List<Object<Item>>,
}

/// A folder: its id and name.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Folder {
    id: Text,
    name: Text,
}

/// An item (a login, a note, a card…): only logins have a `login.totp`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Item {
    name: Text,
    notes: Text,
    favorite: Flag,
    #[serde(rename = "folderId")]
    folder_id: Text,
    pub(super) login: Object<Login>,
}

/// A login's user name and TOTP: an `otpauth://` link, `steam://KEY` or a
/// bare base32 key (told apart by [`push_totp`]).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Login {
    username: Text,
    pub(super) totp: Secret,
}

super::de::secret_fields! {
    Login { totp: Secret }
}

pub(super) fn read(file: File, out: &mut Export) -> Result<(), InteropError> {
    if file.encrypted.is_true() {
        return Err(InteropError::Protected {
            format: Format::Bitwarden,
        });
    }
    let folders = file.folders.0.as_deref();
    for item in file.items.0.into_iter().flatten() {
        let item = item.or_empty();
        let login = item.login.or_empty();
        let totp = login.totp.expose().trim();
        if totp.is_empty() {
            continue;
        }
        let id = item.folder_id.as_str();
        let group = folders
            .and_then(|list| {
                list.iter().find_map(|f| {
                    let f = f.value.as_ref();
                    (!id.is_empty() && f.map_or("", |f| f.id.as_str()) == id)
                        .then(|| f.map_or("", |f| f.name.as_str()))
                })
            })
            .map(str::to_owned)
            .unwrap_or_default();
        push_totp(
            out,
            totp,
            item.name.as_str(),
            login.username.as_str(),
            group,
            item.favorite.is_true(),
            item.notes.as_str().to_owned(),
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
