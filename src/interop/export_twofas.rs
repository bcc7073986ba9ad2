//! Writes a 2FAS backup (`.2fas`, schema 4), the form 2FAS' "Import backup
//! file" reads (its `BackupContent` and `ServiceBackup` classes):
//! `{"services", "groups", "updatedAt", "schemaVersion": 4, "appVersionCode",
//! "appVersionName", "appOrigin"}`.
//!
//! Encrypted: `services` is empty and `servicesEncrypted` is
//! `base64(ciphertext ‖ tag):base64(salt):base64(iv)`, the services' JSON
//! sealed with AES-256-GCM under PBKDF2-HMAC-SHA256(password, 256-byte salt,
//! 10,000 rounds). `reference` is 2FAS' fixed marker text sealed the same way
//! (same key and salt, its own IV): 2FAS checks the password against it
//! before it decrypts the services. Groups stay in the clear, as 2FAS writes
//! them.

use base64::Engine as _;
use serde::Serialize;
use zeroize::Zeroizing;

use super::{Outgoing, WriteError, random, random_uuid, seal};
use crate::otp::{Algorithm, Kind, encode_base32};
use crate::secret::Password;

const ROUNDS: u32 = 10_000;
/// 2FAS' password check text (`BackupContent.Reference`): a public format marker.
const REFERENCE: &str = "tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd";
/// 2FAS' default icon collection for a label icon.
const ICON_COLLECTION: &str = "a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad";

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Service<'a> {
    name: &'a str,
    secret: &'a str,
    updated_at: u64,
    otp: Otp<'a>,
    order: Order,
    icon: Icon,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_id: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Otp<'a> {
    label: String,
    account: &'a str,
    issuer: &'a str,
    digits: u8,
    period: u32,
    algorithm: &'static str,
    counter: u64,
    token_type: &'static str,
    source: &'static str,
}

#[derive(Serialize)]
struct Order {
    position: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Icon {
    selected: &'static str,
    label: Label,
    icon_collection: IconCollection,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Label {
    text: String,
    background_color: &'static str,
}

#[derive(Serialize)]
struct IconCollection {
    id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Group {
    id: String,
    name: String,
    is_expanded: bool,
    updated_at: u64,
}

/// The backup's bytes: encrypted under `password`, or plain without one.
/// `now_ms` (milliseconds since 1970) stamps `updatedAt`.
pub(super) fn write(
    items: &[Outgoing<'_>],
    password: Option<&Password>,
    now_ms: u64,
) -> Result<Zeroizing<Vec<u8>>, WriteError> {
    let secrets: Vec<Zeroizing<String>> = items
        .iter()
        .map(|item| encode_base32(item.account.secret.expose()))
        .collect();
    let mut groups: Vec<Group> = Vec::new();
    let mut services = Vec::with_capacity(items.len());
    for (position, (item, secret)) in items.iter().zip(&secrets).enumerate() {
        let account = item.account;
        let group_id = if item.group.is_empty() {
            None
        } else if let Some(group) = groups.iter().find(|g| g.name == item.group) {
            Some(group.id.clone())
        } else {
            let id = random_uuid()?;
            groups.push(Group {
                id: id.clone(),
                name: item.group.to_owned(),
                is_expanded: true,
                updated_at: now_ms,
            });
            Some(id)
        };
        let name = if account.issuer.is_empty() {
            account.name.as_str()
        } else {
            account.issuer.as_str()
        };
        let params = &account.params;
        services.push(Service {
            name,
            secret: secret.as_str(),
            updated_at: now_ms,
            otp: Otp {
                label: account.label().to_string(),
                account: &account.name,
                issuer: &account.issuer,
                digits: params.digits,
                period: params.period,
                algorithm: match params.algorithm {
                    Algorithm::Sha1 => "SHA1",
                    Algorithm::Sha256 => "SHA256",
                    Algorithm::Sha512 => "SHA512",
                },
                counter: params.counter,
                token_type: match params.kind {
                    Kind::Totp => "TOTP",
                    Kind::Hotp => "HOTP",
                    Kind::Steam => "STEAM",
                },
                source: "Link",
            },
            order: Order { position },
            icon: Icon {
                selected: "Label",
                label: Label {
                    text: name.chars().take(2).collect::<String>().to_uppercase(),
                    background_color: "Orange",
                },
                icon_collection: IconCollection {
                    id: ICON_COLLECTION,
                },
            },
            group_id,
        });
    }
    let services_json = super::json_exact(&services)?;

    let mut file = serde_json::Map::new();
    let (services_encrypted, reference) = match password {
        None => (None, None),
        Some(password) => {
            let salt = random::<256>()?;
            let mut key = Zeroizing::new([0u8; 32]);
            pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
                password.expose().as_bytes(),
                &salt,
                ROUNDS,
                key.as_mut(),
            );
            let field = |plain: &[u8]| -> Result<String, WriteError> {
                let mut sealed = seal(key.as_ref(), plain)?;
                sealed.ciphertext.extend_from_slice(&sealed.tag);
                let b64 = base64::engine::general_purpose::STANDARD;
                Ok(format!(
                    "{}:{}:{}",
                    b64.encode(&sealed.ciphertext),
                    b64.encode(salt),
                    b64.encode(sealed.nonce)
                ))
            };
            (
                Some(field(&services_json)?),
                Some(field(REFERENCE.as_bytes())?),
            )
        }
    };
    file.insert(
        "groups".into(),
        serde_json::to_value(&groups).map_err(|_| WriteError::Encode)?,
    );
    file.insert("updatedAt".into(), now_ms.into());
    file.insert("schemaVersion".into(), 4.into());
    file.insert("appVersionCode".into(), 5_000_000.into());
    file.insert("appVersionName".into(), "5.0.0".into());
    file.insert("appOrigin".into(), "android".into());
    let out = match (services_encrypted, reference) {
        (Some(sealed), Some(reference)) => {
            // Ciphertext and public fields only.
            file.insert("services".into(), serde_json::Value::Array(Vec::new()));
            file.insert("servicesEncrypted".into(), sealed.into());
            file.insert("reference".into(), reference.into());
            let mut out = Zeroizing::new(Vec::new());
            serde_json::to_writer(&mut *out, &file).map_err(|_| WriteError::Encode)?;
            out
        }
        _ => {
            // The services are written in place, so no copy is left in a
            // `Value`, into a buffer of the file's exact size.
            let head = serde_json::to_vec(&file).map_err(|_| WriteError::Encode)?;
            let services = b"{\"services\":";
            let mut out = Zeroizing::new(Vec::with_capacity(
                services.len() + services_json.len() + head.len(),
            ));
            out.extend_from_slice(services);
            out.extend_from_slice(&services_json);
            out.push(b',');
            out.extend_from_slice(&head[1..]);
            out
        }
    };
    Ok(out)
}
